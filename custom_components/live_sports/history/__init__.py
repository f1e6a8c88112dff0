"""Game history in InfluxDB: a release consumer writing scores and changes."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from homeassistant.const import EVENT_HOMEASSISTANT_STOP
from homeassistant.core import CALLBACK_TYPE, Event, HomeAssistant, callback
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.importlib import async_import_module

from ..release import Release
from ..storage import history_store
from .backends import HistoryBackend, HistoryConfig, build_backend
from .queries import game_timeline, game_timeline_query, team_history, team_history_query
from .schema import Written, release_lines
from .table_schema import table_lines
from .writer import HistoryWriter


class HistorySink:
    """Write every released scoreboard and change of a league to InfluxDB."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry_id: str,
        league: str,
        team_ids: Collection[str],
        config: HistoryConfig,
    ) -> None:
        """Build the backend and the writer (nothing runs before async_start)."""
        self.config = config
        self._hass = hass
        self._league = league
        self._team_ids = tuple(team_ids)
        self.backend: HistoryBackend = build_backend(
            async_get_clientsession(hass), config, hass.async_add_executor_job
        )
        self.writer = HistoryWriter(hass, self.backend, history_store(hass, entry_id))
        self._written: Written = {}
        self._unsubs: list[CALLBACK_TYPE] = []
        self._stopped = False

    async def async_start(self) -> None:
        """Take back stored points and write them again on Home Assistant's stop.

        InfluxDB's client library (points are built with it) is imported here,
        in an executor: only when history is configured, never in the loop.
        """
        await async_import_module(self._hass, "influxdb_client_3")
        await self.writer.async_start()
        self._unsubs.append(
            self._hass.bus.async_listen_once(EVENT_HOMEASSISTANT_STOP, self._async_on_stop)
        )

    @callback
    def async_on_release(self, release: Release) -> None:
        """Write a released scoreboard's new game states and its changes."""
        self.writer.add(
            release_lines(release.board, release.changes, self._team_ids, self._written)
        )
        if release.standings is not None:
            self.writer.add(table_lines(release.standings, release.table_changes, self._team_ids))

    async def _async_on_stop(self, _event: Event) -> None:
        self._unsubs = self._unsubs[:-1]  # the stop listener is used up
        await self.async_stop()

    async def async_stop(self) -> None:
        """Flush or store what is buffered."""
        if self._stopped:
            return
        self._stopped = True
        for unsub in self._unsubs:
            unsub()
        await self.writer.async_stop()

    async def async_team_history(self, team_id: str, season: int) -> dict[str, Any]:
        """Return a team's finished games of a season and its record."""
        rows = await self.backend.async_query(
            team_history_query(self.config.language, self._league, team_id, season)
        )
        return {"team_id": team_id, "season": season, **team_history(rows, team_id)}

    async def async_game_timeline(self, game_id: str) -> dict[str, Any]:
        """Return a game's score progression."""
        rows = await self.backend.async_query(
            game_timeline_query(self.config.language, self._league, game_id)
        )
        return {"game_id": game_id, "timeline": game_timeline(rows)}
