"""One coordinator per league entry: one request serves every followed team.

After each refresh it diffs the followed teams' games against what it saw
before (state kept in a Store, so restarts neither repeat nor miss a change),
releases the new scoreboard and its events (at once, or after the stream delay
the user set, in order and across reloads), and asks the polling policy when
to look next.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
import random
from typing import TYPE_CHECKING, Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.dispatcher import async_dispatcher_send
from homeassistant.helpers.event import async_call_later
from homeassistant.helpers.storage import Store
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed
from homeassistant.util import dt as dt_util

from .const import (
    CONF_IDLE_CAP,
    CONF_LIVE_INTERVAL,
    CONF_STREAM_DELAY,
    CONF_TEAMS,
    DOMAIN,
    LOGGER,
    STORAGE_VERSION,
)
from .diff import GameState, diff
from .events import bus_event_type, event_data
from .models import Scoreboard, Team
from .polling import DEFAULT_IDLE_CAP, Bounds, Decision, Health, PollInput, Reason, next_poll
from .providers.base import (
    Provider,
    ProviderConnectionError,
    ProviderError,
    ProviderRateLimitedError,
)
from .providers.replay import DEMO_LEAGUE, DEMO_POLL_INTERVAL

if TYPE_CHECKING:
    from .history import HistorySink
    from .webhooks import WebhookManager

type Event = tuple[str, dict[str, Any]]
type ReleaseListener = Callable[[Scoreboard, list[Event]], None]
"""A sink: called with each released scoreboard and its events, in order."""


@dataclass(slots=True)
class LiveSportsData:
    """What a loaded entry keeps at runtime."""

    coordinator: LeagueCoordinator
    webhooks: WebhookManager
    history: HistorySink | None = None


type LiveSportsConfigEntry = ConfigEntry[LiveSportsData]


def team_signal(entry_id: str, team_id: str) -> str:
    """Return the dispatcher signal carrying a followed team's events."""
    return f"{DOMAIN}_{entry_id}_{team_id}_event"


@dataclass(slots=True)
class Release:
    """A scoreboard and its events, shown at `at` (later with a stream delay)."""

    at: datetime
    board: Scoreboard
    events: list[Event]

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON form kept in the store."""
        return {
            "at": self.at.isoformat(),
            "board": self.board.as_dict(),
            "events": [[event_type, data] for event_type, data in self.events],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Release:
        """Read the stored form back."""
        return cls(
            at=datetime.fromisoformat(data["at"]),
            board=Scoreboard.from_dict(data["board"]),
            events=[(event_type, event) for event_type, event in data["events"]],
        )


def _bounds(options: dict[str, Any]) -> Bounds:
    live = options.get(CONF_LIVE_INTERVAL)
    idle_cap = options.get(CONF_IDLE_CAP)
    return Bounds(
        live=timedelta(seconds=live) if live else None,
        idle_cap=timedelta(hours=idle_cap) if idle_cap else DEFAULT_IDLE_CAP,
    )


class LeagueCoordinator(DataUpdateCoordinator[Scoreboard]):
    """Fetch one league's scoreboard for all followed teams of an entry."""

    config_entry: LiveSportsConfigEntry

    def __init__(
        self,
        hass: HomeAssistant,
        entry: LiveSportsConfigEntry,
        provider: Provider,
    ) -> None:
        """Initialize the coordinator of a league entry."""
        super().__init__(
            hass,
            LOGGER,
            config_entry=entry,
            name=f"{DOMAIN} {provider.league.key}",
            update_interval=DEMO_POLL_INTERVAL,
        )
        self.provider = provider
        self.team_ids: tuple[str, ...] = tuple(entry.options.get(CONF_TEAMS, ()))
        self.teams: dict[str, Team] = {}
        """Followed teams by provider team id, filled before the first refresh."""
        self.bounds = _bounds(dict(entry.options))
        self.stream_delay = timedelta(seconds=entry.options.get(CONF_STREAM_DELAY, 0))
        self.health = Health()
        self.decision = Decision(DEMO_POLL_INTERVAL, Reason.LIVE)
        self._states: dict[str, GameState] = {}
        self._pending: list[Release] = []
        self._view: Scoreboard | None = None
        self._timers: dict[int, CALLBACK_TYPE] = {}
        self._release_listeners: list[ReleaseListener] = []
        self._store: Store[dict[str, Any]] = Store(
            hass, STORAGE_VERSION, f"{DOMAIN}.{entry.entry_id}"
        )

    @property
    def view(self) -> Scoreboard:
        """Return the scoreboard the entities show (delayed by the stream delay)."""
        return self._view or self.data

    @callback
    def async_add_release_listener(self, listener: ReleaseListener) -> CALLBACK_TYPE:
        """Subscribe a sink (history, webhooks) to released scoreboards and events."""
        self._release_listeners.append(listener)
        return lambda: self._release_listeners.remove(listener)

    @property
    def pending_events(self) -> int:
        """Return how many detected events wait for the stream delay."""
        return sum(len(release.events) for release in self._pending)

    async def _async_setup(self) -> None:
        """Learn the followed teams, and restore what was seen before a restart."""
        try:
            league_teams = await self.provider.async_get_teams()
        except ProviderError as err:
            raise _update_failed(err) from err
        by_id = {team.id: team for team in league_teams}
        self.teams = {
            team_id: by_id.get(team_id)
            or Team(id=team_id, abbreviation=team_id, name=team_id, short_name=team_id)
            for team_id in self.team_ids
        }
        stored = await self._store.async_load() or {}
        self._states = {
            game_id: GameState.from_dict(state)
            for game_id, state in stored.get("states", {}).items()
        }
        self._pending = [Release.from_dict(release) for release in stored.get("pending", [])]
        if stored.get("view"):
            self._view = Scoreboard.from_dict(stored["view"])
        for release in self._pending:
            self._start_timer(release)

    async def _async_update_data(self) -> Scoreboard:
        """Fetch, diff, queue the release, and decide when to poll next."""
        now = dt_util.utcnow()
        try:
            board = await self.provider.async_get_scoreboard(self.team_ids, now)
        except ProviderError as err:
            self.health = Health(
                consecutive_errors=self.health.consecutive_errors + 1,
                retry_after=err.retry_after if isinstance(err, ProviderRateLimitedError) else None,
            )
            self._plan_next(self.data, now)
            raise _update_failed(err) from err
        self.health = Health(max_age=self.provider.max_age)
        if board is not self.data:
            changes, self._states = diff(self._states, board.games, self.team_ids, now)
            entry_id = self.config_entry.entry_id
            events = [(bus_event_type(change), event_data(change, entry_id)) for change in changes]
            release = Release(now + self.stream_delay, board, events)
            self._pending.append(release)
            if self.stream_delay:
                self._start_timer(release)
            self._save()
        self._plan_next(board, now)
        return board

    def _plan_next(self, board: Scoreboard | None, now: datetime) -> None:
        """Set the delay until the next refresh: the one place it is decided."""
        if self.provider.league.key == DEMO_LEAGUE.key and not self.health.consecutive_errors:
            self.decision = Decision(DEMO_POLL_INTERVAL, Reason.LIVE)
        else:
            self.decision = next_poll(
                PollInput(
                    now=now,
                    sport=self.provider.league.sport,
                    games=board.games if board else (),
                    team_ids=self.team_ids,
                    phase_since={game_id: state.since for game_id, state in self._states.items()},
                    health=self.health,
                    bounds=self.bounds,
                    random=random.random(),  # noqa: S311 - jitter, not crypto
                )
            )
        self.update_interval = self.decision.delay

    def _start_timer(self, release: Release) -> None:
        """Release `release` (and anything before it) when its time comes."""

        @callback
        def _due(_now: datetime) -> None:
            self._timers.pop(id(release), None)
            if release in self._pending:
                self._release(until=release)

        delay = max(release.at - dt_util.utcnow(), timedelta(0))
        self._timers[id(release)] = async_call_later(self.hass, delay, _due)

    @callback
    def async_update_listeners(self) -> None:
        """Release what is due (entities first, then its events), else just update."""
        if not self._release():
            super().async_update_listeners()

    @callback
    def _release(self, until: Release | None = None) -> bool:
        """Show due scoreboards and fire their events, oldest first."""
        now = dt_util.utcnow()
        released = False
        while self._pending and (until in self._pending or self._pending[0].at <= now):
            release = self._pending.pop(0)
            self._view = release.board
            super().async_update_listeners()
            for event_type, data in release.events:
                self.hass.bus.async_fire(event_type, data)
                async_dispatcher_send(
                    self.hass,
                    team_signal(self.config_entry.entry_id, data["team_id"]),
                    event_type,
                    data,
                )
            for listener in list(self._release_listeners):
                listener(release.board, release.events)
            released = True
        if released:
            self._save()
        return released

    def _store_data(self) -> dict[str, Any]:
        return {
            "states": {game_id: state.as_dict() for game_id, state in self._states.items()},
            "pending": [release.as_dict() for release in self._pending],
            "view": self._view.as_dict() if self._view and self.stream_delay else None,
        }

    def _save(self) -> None:
        # Store calls its data function in an executor thread: hand it a
        # snapshot taken here, in the event loop, never the live state.
        snapshot = self._store_data()
        self._store.async_delay_save(lambda: snapshot, 1)

    async def async_shutdown(self) -> None:
        """Stop timers and write what is pending, so a reload loses nothing."""
        await super().async_shutdown()
        for cancel in self._timers.values():
            cancel()
        self._timers.clear()
        await self._store.async_save(self._store_data())


def provider_error_key(err: ProviderError) -> str:
    """Return the translation key of a provider error (forms and exceptions)."""
    return "cannot_connect" if isinstance(err, ProviderConnectionError) else "invalid_response"


def _update_failed(err: ProviderError) -> UpdateFailed:
    """Return the translated UpdateFailed for a provider error."""
    return UpdateFailed(
        translation_domain=DOMAIN,
        translation_key=provider_error_key(err),
        translation_placeholders={"error": str(err)},
    )
