"""The league's table: fetched beside the live refresh, its changes released in order.

The table is asked for every six hours (the Demo's every two minutes), and
shortly after a followed team's game is released as final (the provider's
table follows a final by a few minutes): never by a refresh of the board, and
one request for the whole league. A new table is compared with what was remembered of each followed team
(`table_diff`); the table and its changes go into the release queue with the
board last queued, so the position, zone and clinch events reach the bus, the
event entities, history and webhooks like the game events do: in order, once,
under the stream delay. What the entities show is the table last released.

A league with no table (a knockout tournament, MMA) says so: `no_table`, and
it is asked again only at the next six-hourly check.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime, timedelta
from typing import Any, Final

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.event import async_call_later, async_track_time_interval
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from .const import LOGGER
from .diff import ChangeKind
from .listeners import Listeners
from .providers.base import NoStandingsError, ProviderError, StandingsSource
from .release import Release
from .release_queue import ReleaseQueue
from .standings import LeagueStandings
from .storage import StoredData
from .table_diff import TablePlace, table_diff

RETRY: Final = timedelta(minutes=30)
"""A failed request is asked again this long after (not at every check)."""
CHECK_INTERVAL: Final = timedelta(minutes=30)
SAVE_DELAY: Final = 1.0


class StandingsKeeper:
    """Hold the league's table; fetch it when due; queue its changes as a release."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry,
        source: StandingsSource,
        store: Store[StoredData],
        *,
        team_ids: Collection[str],
        releases: ReleaseQueue,
    ) -> None:
        """Initialize with no table known; call async_load to restore it."""
        self._hass = hass
        self._entry = entry
        self._source = source
        self._store = store
        self._team_ids = tuple(team_ids)
        self._releases = releases
        self.latest: LeagueStandings | None = None
        """The table last fetched (maybe not released yet)."""
        self.shown: LeagueStandings | None = None
        """The table last released: what the entities show."""
        self.no_table = False
        """The provider keeps no table for this league."""
        self.requests = 0
        self._places: dict[str, TablePlace] = {}
        self._due: datetime | None = None
        """When to ask next; None: at once."""
        self._listeners = Listeners()
        self._unsubs: list[CALLBACK_TYPE] = []
        self._after_final: CALLBACK_TYPE | None = None
        self._loaded = False

    async def async_load(self) -> None:
        """Restore the table, the places and when to ask next, as stored."""
        stored = await self._store.async_load() or {}
        if latest := stored.get("latest"):
            self.latest = LeagueStandings.from_dict(latest)
        if shown := stored.get("shown"):
            self.shown = LeagueStandings.from_dict(shown)
        self._places = {
            team_id: TablePlace.from_dict(place)
            for team_id, place in stored.get("places", {}).items()
            if team_id in self._team_ids
        }
        self.no_table = bool(stored.get("no_table")) or not self._source.keeps_table
        if due := stored.get("due"):
            self._due = datetime.fromisoformat(due)
        self._loaded = True

    @callback
    def async_start(self) -> None:
        """Ask now if due, then check every CHECK_INTERVAL (until async_stop).

        A source whose table ages faster (the Demo's) is checked that often.
        """
        every = min(CHECK_INTERVAL, self._source.max_age)
        self._unsubs.append(
            async_track_time_interval(
                self._hass, self._async_check, every, name=f"{self._entry.title} table"
            )
        )
        self._async_check(dt_util.utcnow())

    @callback
    def async_add_listener(self, listener: Callable[[], None]) -> CALLBACK_TYPE:
        """Call ``listener`` whenever the table shown changed; return its remover."""
        return self._listeners.add(listener)

    @callback
    def _async_check(self, now: datetime) -> None:
        if self._due is None or now >= self._due:
            self._fetch_soon()

    @callback
    def _fetch_soon(self) -> None:
        self._entry.async_create_background_task(
            self._hass, self.async_fetch(), name=f"{self._entry.title} table"
        )

    @callback
    def async_on_release(self, release: Release) -> None:
        """Show a released table; after a followed team's final, ask for the table."""
        if release.standings is not None and release.standings is not self.shown:
            self.shown = release.standings
            self._save()
            self._listeners.notify()
        if any(change.kind is ChangeKind.GAME_ENDED for change in release.changes):
            if self._after_final is not None:
                self._after_final()

            @callback
            def _ask(_now: datetime) -> None:
                self._after_final = None
                self._fetch_soon()

            self._after_final = async_call_later(self._hass, self._source.after_final, _ask)

    async def async_fetch(self) -> None:
        """Ask for the table; queue it with its changes if it is new (or a new day's)."""
        now = dt_util.utcnow()
        self._due = now + self._source.max_age
        self.requests += 1
        try:
            standings = await self._source.async_get_standings(now)
        except ProviderError as err:
            no_table = isinstance(err, NoStandingsError)
            if no_table and not self.no_table:
                LOGGER.info("%s keeps no league table: %s", self._entry.title, err)
            elif not no_table:
                LOGGER.debug("%s: table unavailable: %s", self._entry.title, err)
                self._due = now + RETRY
            self._set_no_table(no_table)
            return
        self._set_no_table(False)
        latest = self.latest
        changes, places = table_diff(self._places, standings, self._team_ids)
        if (
            not changes
            and standings.same_table(latest)
            and latest is not None
            and dt_util.as_local(latest.fetched_at).date() == dt_util.as_local(now).date()
        ):
            self._save()  # the same table today: nothing to show or write
            return
        if self._releases.put_table(standings, tuple(changes), now):
            self.latest = standings
            self._places = places
        self._save()

    def diagnostics(self) -> dict[str, Any]:
        """Return what the keeper knows: the tables' times, the places, when it asks next."""
        return {
            "no_table": self.no_table,
            "requests": self.requests,
            "latest_fetched_at": self.latest.fetched_at.isoformat() if self.latest else None,
            "shown_fetched_at": self.shown.fetched_at.isoformat() if self.shown else None,
            "next_request": self._due.isoformat() if self._due else None,
            "places": {team_id: place.as_dict() for team_id, place in self._places.items()},
        }

    def _set_no_table(self, no_table: bool) -> None:
        """Note whether the league keeps a table; tell the entities when that changed."""
        if no_table != self.no_table:
            self.no_table = no_table
            self._listeners.notify()
        self._save()

    def _data(self) -> StoredData:
        return {
            "latest": self.latest.as_dict() if self.latest else None,
            "shown": self.shown.as_dict() if self.shown else None,
            "places": {team_id: place.as_dict() for team_id, place in self._places.items()},
            "no_table": self.no_table,
            "due": self._due.isoformat() if self._due else None,
        }

    def _save(self) -> None:
        snapshot = self._data()
        self._store.async_delay_save(lambda: snapshot, SAVE_DELAY)

    async def async_stop(self) -> None:
        """Stop asking; write what is known, so a restart neither repeats nor asks early."""
        for unsub in self._unsubs:
            unsub()
        self._unsubs.clear()
        if self._after_final is not None:
            self._after_final()
            self._after_final = None
        if self._loaded:
            await self._store.async_save(self._data())
