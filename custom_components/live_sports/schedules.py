"""The followed teams' schedules: held beside the board, fetched beside the live refresh.

A team's schedule (its past and upcoming games, any day) is what its entities
read for the next start, the last result and the calendar. It is never merged
into the board: the diff, the bus, history and webhooks see only the board.

Schedules change slowly: the provider asks for each at most every few hours.
The keeper asks it in a background task, one at a time, at each refresh (never
awaited by it) and every half hour however long polling sleeps; a team's
``TeamSchedule`` object is replaced only when its games changed, and then
stored (once, not with every board the stream delay holds back), so a restart
shows the last result at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Collection, Mapping
from datetime import datetime, timedelta
from typing import Final

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.event import async_track_time_interval
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from .const import LOGGER
from .listeners import Listeners
from .models import Game, TeamSchedule
from .providers.base import ProviderError, ScheduleSource
from .storage import StoredData

SAVE_DELAY: Final = 1.0
CHECK_INTERVAL: Final = timedelta(minutes=30)
"""How often to ask whether a schedule is due, when no refresh did."""


class ScheduleKeeper:
    """Hold each followed team's schedule; refresh them in the background."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry,
        source: ScheduleSource,
        store: Store[StoredData],
        team_ids: Collection[str],
    ) -> None:
        """Initialize with no schedule known; call async_load to restore them."""
        self._hass = hass
        self._entry = entry
        self._source = source
        self._store = store
        self._team_ids = tuple(team_ids)
        self._schedules: dict[str, TeamSchedule] = {}
        self._listeners = Listeners()
        self._task: asyncio.Task[None] | None = None
        self._stop_checks: CALLBACK_TYPE | None = None
        self._loaded = False

    @property
    def schedules(self) -> Mapping[str, TeamSchedule]:
        """Return the known schedules by team id."""
        return self._schedules

    def of(self, team_id: str) -> TeamSchedule | None:
        """Return a team's schedule, None while none is known."""
        return self._schedules.get(team_id)

    def games_since(self, start: datetime) -> list[Game]:
        """Return the schedules' games starting after `start`: what polling wakes up for."""
        return [
            game
            for schedule in self._schedules.values()
            for game in schedule.games
            if game.start > start
        ]

    async def async_load(self) -> None:
        """Restore the schedules stored before a restart (of the teams still followed)."""
        stored = await self._store.async_load() or {}
        for data in stored.get("teams", ()):
            schedule = TeamSchedule.from_dict(data)
            if schedule.team_id in self._team_ids:
                self._schedules[schedule.team_id] = schedule
        self._loaded = True

    @callback
    def async_start(self) -> None:
        """Ask for due schedules every CHECK_INTERVAL too (until async_stop)."""
        if self._stop_checks is None:
            self._stop_checks = async_track_time_interval(
                self._hass, self._async_check, CHECK_INTERVAL, name=f"{self._entry.title} schedules"
            )

    @callback
    def _async_check(self, _now: datetime) -> None:
        self.async_refresh(dt_util.utcnow())

    @callback
    def async_add_listener(self, listener: Callable[[], None]) -> CALLBACK_TYPE:
        """Call ``listener`` whenever a schedule changed; return its remover."""
        return self._listeners.add(listener)

    @callback
    def async_refresh(self, now: datetime) -> None:
        """Ask for the schedules that are due, in the background (unless already asking)."""
        if self._task is not None and not self._task.done():
            return
        self._task = self._entry.async_create_background_task(
            self._hass, self._async_fetch(now), name=f"{self._entry.title} schedules"
        )

    async def _async_fetch(self, now: datetime) -> None:
        try:
            fetched = await self._source.async_get_schedules(self._team_ids, now)
        except ProviderError as err:
            LOGGER.debug("%s: schedules unavailable: %s", self._entry.title, err)
            return
        except Exception:  # noqa: BLE001 - a bug costs the schedules, never the refresh
            LOGGER.exception("%s: unexpected error asking for the schedules", self._entry.title)
            return
        changed = False
        for team_id, games in fetched.items():
            known = self._schedules.get(team_id)
            if known is None or known.games != games:
                self._schedules[team_id] = TeamSchedule(team_id, games)
                changed = True
        if not changed:
            return
        snapshot = self._data()
        self._store.async_delay_save(lambda: snapshot, SAVE_DELAY)
        self._listeners.notify()

    def _data(self) -> StoredData:
        return {"teams": [schedule.as_dict() for schedule in self._schedules.values()]}

    async def async_stop(self) -> None:
        """Stop asking; write the schedules, so a reload starts with them."""
        if self._stop_checks is not None:
            self._stop_checks()
            self._stop_checks = None
        if self._task is not None and not self._task.done():
            self._task.cancel()
        if self._loaded:
            await self._store.async_save(self._data())
