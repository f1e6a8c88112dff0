"""The release queue: the stream delay, and the one ordered list of consumers.

A release is handed to every consumer (entities first, then bus events,
history, webhooks) when it is due: at once without a stream delay, else when
its timer fires, always oldest first. Consumers are registered before the
first refresh; nothing is handed out before `async_start` (called once the
entities exist), so a change detected at start-up reaches every one of them.

With a stream delay, nothing fetched later than ``now - delay`` is ever
handed out: what is shown when the delay is switched on (or Home Assistant
restarts) is the stored view, until a release is old enough to replace it.

What is pending, the view shown and the coordinator's diff states are kept in
one store, written together, so a reload or restart neither repeats nor
misses a change, nor shows what was not shown before. A release keeps only
the followed teams' games (`followed_board`): that is what the store holds,
and the board is turned into JSON in the store's writer thread, from an
immutable snapshot, never in the event loop.

Consumers are isolated: one that raises is logged once (until it works
again) and counted; the others still get the release, and so does the
refresh that released it.

The followed teams' schedules are not the queue's: they live beside the
board (`schedules.py`), and a board handed out carries only the day's games.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.event import async_call_later
from homeassistant.util import dt as dt_util

from .const import LOGGER
from .diff import GameState
from .field_diff import EntrantState
from .models import Scoreboard
from .release import Release, ReleaseConsumer, followed_board
from .standings import LeagueStandings
from .storage import EntryStore, StoredData
from .table_diff import TableChange
from .teamtracker import LEAGUE_DAY

SAVE_DELAY = 1.0


@dataclass(slots=True)
class _Consumer:
    """A consumer, by name, and how it fared."""

    name: str
    consume: ReleaseConsumer
    failures: int = 0
    last_error: str | None = None
    failing: bool = False


class ReleaseQueue:
    """Hold releases for the stream delay, then hand each to every consumer."""

    def __init__(
        self,
        hass: HomeAssistant,
        store: EntryStore,
        delay: timedelta,
        team_ids: Collection[str],
    ) -> None:
        """Initialize an empty queue; call async_load to restore it."""
        self.delay = delay
        self._hass = hass
        self._store = store
        self._team_ids = tuple(team_ids)
        self._consumers: list[_Consumer] = []
        self._pending: list[Release] = []
        self._states: dict[str, GameState] = {}
        self._field_states: dict[str, EntrantState] = {}
        self._shown: Scoreboard | None = None
        self._timers: dict[int, CALLBACK_TYPE] = {}
        self._loaded = False
        self._started = False

    @callback
    def async_add_consumer(
        self, consumer: ReleaseConsumer, name: str | None = None
    ) -> CALLBACK_TYPE:
        """Append a consumer to the ordered list; return its removal."""
        entry = _Consumer(name or str(getattr(consumer, "__qualname__", consumer)), consumer)
        self._consumers.append(entry)
        return lambda: self._consumers.remove(entry)

    @property
    def shown(self) -> Scoreboard | None:
        """Return the last scoreboard handed out (kept across reloads and restarts)."""
        return self._shown

    def view(self, now: datetime) -> Scoreboard | None:
        """Return what is shown at `now`: the last release handed out, or the next due.

        Before `async_start` (as the entities are set up) that is the first
        release due: the others due go out after it, in order, each shown
        with its changes, never going back. None before anything was ever
        old enough to show.
        """
        if self._pending and self._pending[0].at <= now:
            return self._pending[0].board
        return self._shown

    def consumer_failures(self) -> dict[str, dict[str, Any]]:
        """Return, per consumer that ever failed, how often and its last error."""
        return {
            consumer.name: {"failures": consumer.failures, "last_error": consumer.last_error}
            for consumer in self._consumers
            if consumer.failures
        }

    @property
    def pending_changes(self) -> int:
        """Return how many detected changes wait for the stream delay."""
        return sum(len(release.changes) for release in self._pending)

    async def async_load(self) -> dict[str, GameState]:
        """Restore what was pending; return the diff states seen before."""
        stored = await self._store.async_load() or {}
        self._states = {
            game_id: GameState.from_dict(state)
            for game_id, state in stored.get("states", {}).items()
        }
        self._field_states = {
            key: EntrantState.from_dict(state)
            for key, state in stored.get("field_states", {}).items()
        }
        self._pending = [
            self._kept(self._under_delay(Release.from_dict(release)))
            for release in stored.get("pending", [])
        ]
        if stored.get("view"):
            self._shown = followed_board(
                Scoreboard.from_dict(stored["view"]), self._team_ids, LEAGUE_DAY
            )
        self._loaded = True
        return dict(self._states)

    @property
    def field_states(self) -> dict[str, EntrantState]:
        """Return the followed athletes' diff states in field events, as last put or loaded."""
        return dict(self._field_states)

    def _under_delay(self, release: Release) -> Release:
        """Return a stored release due when its board is old enough under today's delay.

        The delay may have changed since it was stored: a longer one holds it
        back further, a shorter one (or none) lets it out sooner, in order.
        """
        if release.at == (at := release.board.fetched_at + self.delay):
            return release
        return replace(release, at=at)

    def _kept(self, release: Release) -> Release:
        """Return the release with only the games its consumers need."""
        board = followed_board(release.board, self._team_ids, LEAGUE_DAY)
        return release if board is release.board else replace(release, board=board)

    @callback
    def put(
        self,
        release: Release,
        states: dict[str, GameState],
        field_states: dict[str, EntrantState] | None = None,
    ) -> None:
        """Queue a release and remember the diff states that produced it."""
        self._states = states
        if field_states is not None:
            self._field_states = field_states
        release = self._kept(release)
        self._pending.append(release)
        if self._started:
            self._start_timer(release)
        self._save()

    @callback
    def put_table(
        self, standings: LeagueStandings, changes: tuple[TableChange, ...], now: datetime
    ) -> bool:
        """Queue a new league table and its changes, with the board last queued.

        False (nothing queued) while no board was ever queued or shown: the
        table's changes wait for the next table.
        """
        board = self._pending[-1].board if self._pending else self._shown
        if board is None:
            return False
        release = Release(now + self.delay, board, table_changes=changes, standings=standings)
        self._pending.append(release)
        if self._started:
            self._start_timer(release)
        self._save()
        self.release_due()
        return True

    @callback
    def async_start(self) -> None:
        """Start handing out releases: what is due now, the rest on their timers."""
        self._started = True
        for release in self._pending:
            self._start_timer(release)
        self.release_due()

    def _start_timer(self, release: Release) -> None:
        delay = release.at - dt_util.utcnow()
        if delay <= timedelta(0):
            return  # due now: released by release_due

        @callback
        def _due(_now: datetime) -> None:
            self._timers.pop(id(release), None)
            if release in self._pending:
                self._release(until=release)

        self._timers[id(release)] = async_call_later(self._hass, delay, _due)

    @callback
    def release_due(self) -> None:
        """Hand out every release that is due."""
        self._release(until=None)

    def _release(self, until: Release | None) -> None:
        if not self._started:
            return
        now = dt_util.utcnow()
        released = False
        while self._pending and (until in self._pending or self._pending[0].at <= now):
            release = self._pending.pop(0)
            if (cancel := self._timers.pop(id(release), None)) is not None:
                cancel()
            self._shown = release.board
            for consumer in list(self._consumers):
                self._hand(consumer, release)
            released = True
        if released:
            self._save()

    @staticmethod
    def _hand(consumer: _Consumer, release: Release) -> None:
        """Hand a release to one consumer: its failure is its own, logged once."""
        try:
            consumer.consume(release)
        except Exception as err:  # noqa: BLE001 - isolate every consumer
            consumer.failures += 1
            consumer.last_error = repr(err)
            if not consumer.failing:
                consumer.failing = True
                LOGGER.exception(
                    "The %s failed on a release; the others got it (logged once until it works)",
                    consumer.name,
                )
            else:
                LOGGER.debug("The %s failed again: %r", consumer.name, err)
            return
        if consumer.failing:
            consumer.failing = False
            LOGGER.info("The %s handles releases again", consumer.name)

    def _snapshot(self) -> _Snapshot:
        """Return what the store keeps, as immutable objects (cheap, in the event loop)."""
        return _Snapshot(
            states=dict(self._states),
            field_states=dict(self._field_states),
            pending=tuple(self._pending),
            view=self._shown,
        )

    def _save(self) -> None:
        # The Store calls its data function in its writer thread: the snapshot
        # is taken here, in the event loop, of frozen objects; the thread only
        # turns it into JSON.
        self._store.async_delay_save(self._snapshot().as_data, SAVE_DELAY)

    async def async_stop(self) -> None:
        """Stop the timers and write what is pending, so a reload loses nothing.

        Never loaded (the set-up failed before): the store is left as it is.
        """
        self._started = False
        for cancel in self._timers.values():
            cancel()
        self._timers.clear()
        if self._loaded:
            snapshot = self._snapshot()
            await self._store.async_save(await self._hass.async_add_executor_job(snapshot.as_data))


@dataclass(frozen=True, slots=True)
class _Snapshot:
    """The queue's stored state at one moment: frozen objects, safe to read in a thread."""

    states: Mapping[str, GameState]
    field_states: Mapping[str, EntrantState]
    pending: tuple[Release, ...]
    view: Scoreboard | None

    def as_data(self) -> StoredData:
        """Return the stored form (``field_states`` only once an athlete was followed)."""
        data: StoredData = {
            "states": {game_id: state.as_dict() for game_id, state in self.states.items()},
            "pending": [release.as_dict() for release in self.pending],
            "view": self.view.as_dict() if self.view else None,
        }
        if self.field_states:
            data["field_states"] = {
                key: state.as_dict() for key, state in self.field_states.items()
            }
        return data
