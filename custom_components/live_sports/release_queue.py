"""The release queue: the stream delay, and the one ordered list of consumers.

A release is handed to every consumer (entities first, then bus events,
history, webhooks) when it is due: at once without a stream delay, else when
its timer fires, always oldest first. Consumers are registered before the
first refresh; nothing is handed out before `async_start` (called once the
entities exist), so a change detected at start-up reaches every one of them.

What is pending, the view it holds back and the coordinator's diff states are
kept in one store, written together, so a reload or restart neither repeats
nor misses a change.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.event import async_call_later
from homeassistant.util import dt as dt_util

from .diff import GameState
from .models import Scoreboard
from .release import Release, ReleaseConsumer
from .storage import EntryStore, StoredData

SAVE_DELAY = 1.0


class ReleaseQueue:
    """Hold releases for the stream delay, then hand each to every consumer."""

    def __init__(self, hass: HomeAssistant, store: EntryStore, delay: timedelta) -> None:
        """Initialize an empty queue; call async_load to restore it."""
        self.delay = delay
        self._hass = hass
        self._store = store
        self._consumers: list[ReleaseConsumer] = []
        self._pending: list[Release] = []
        self._states: dict[str, GameState] = {}
        self._shown: Scoreboard | None = None
        self._timers: dict[int, CALLBACK_TYPE] = {}
        self._loaded = False
        self._started = False

    @callback
    def async_add_consumer(self, consumer: ReleaseConsumer) -> CALLBACK_TYPE:
        """Append a consumer to the ordered list; return its removal."""
        self._consumers.append(consumer)
        return lambda: self._consumers.remove(consumer)

    @property
    def shown(self) -> Scoreboard | None:
        """Return the last scoreboard handed out (kept across reloads with a delay)."""
        return self._shown

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
        self._pending = [Release.from_dict(release) for release in stored.get("pending", [])]
        if stored.get("view"):
            self._shown = Scoreboard.from_dict(stored["view"])
        self._loaded = True
        return dict(self._states)

    @callback
    def put(self, release: Release, states: dict[str, GameState]) -> None:
        """Queue a release and remember the diff states that produced it."""
        self._states = states
        self._pending.append(release)
        if self._started:
            self._start_timer(release)
        self._save()

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
                consumer(release)
            released = True
        if released:
            self._save()

    def _data(self) -> StoredData:
        return {
            "states": {game_id: state.as_dict() for game_id, state in self._states.items()},
            "pending": [release.as_dict() for release in self._pending],
            "view": self._shown.as_dict() if self._shown and self.delay else None,
        }

    def _save(self) -> None:
        # The Store calls its data function in an executor thread: hand it a
        # snapshot taken here, in the event loop, never the live state.
        snapshot = self._data()
        self._store.async_delay_save(lambda: snapshot, SAVE_DELAY)

    async def async_stop(self) -> None:
        """Stop the timers and write what is pending, so a reload loses nothing.

        Never loaded (the set-up failed before): the store is left as it is.
        """
        self._started = False
        for cancel in self._timers.values():
            cancel()
        self._timers.clear()
        if self._loaded:
            await self._store.async_save(self._data())
