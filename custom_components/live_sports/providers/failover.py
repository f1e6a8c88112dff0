"""Failover between a league's providers: one Provider in front of several.

The primary (ESPN) is the canonical source: its teams, its game ids. The
fallbacks (a league's own feed, TheSportsDB) are asked only when needed:

- **Each refresh** asks the active provider first. If it fails (an HTTP
  error, a timeout, a 400 from a changed API, a body that does not parse),
  the others are asked in order of their health score, in the same refresh:
  the scores keep coming within one polling interval.
- **Fail over**: the active provider is replaced by the one that delivered
  once it has failed ``failover_after`` times in a row, or its health score
  fell below ``failover_score`` (over at least ``score_after`` requests). A lone error only borrows one refresh.
- **Fail back**: while a fallback is active, the primary is probed every
  ``probe_primary``; it is active again once it has been healthy (no failed
  request) for ``hold_down`` and the fallback has served at least
  ``min_dwell``: no flapping.
- **Probes**: while a followed game is in play, one fallback is asked every
  ``probe_fallbacks`` too, so its health is known before it is needed and
  the freshness of both views of the same game can be compared.

What a fallback shows is translated to the canonical identity, its teams
mapped to ESPN's and its games under the canonical id (``canonical``), so the
event ids derived from them do not change. The followed teams' schedules are always the primary's (a
fallback has none), and a game never goes back in time when the
provider changes: a lagging provider's older score is held until it
catches up, so a goal is neither missed nor fired twice.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
import logging
import time
from typing import Any

from ..models import Game, Scoreboard, Team
from .base import (
    League,
    Provider,
    ProviderError,
    ProviderRateLimitedError,
    ProviderRefusedError,
    ScheduleSource,
)
from .canonical import CanonicalGames, behind
from .health import HealthWindow

_LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FailoverPolicy:
    """When to fail over, probe and fail back."""

    failover_after: int = 6
    failover_score: float = 0.75
    score_after: int = 10
    """Requests in the window before the score alone can fail a provider over."""
    hold_down: timedelta = timedelta(minutes=10)
    min_dwell: timedelta = timedelta(minutes=10)
    probe_primary: timedelta = timedelta(minutes=2)
    probe_fallbacks: timedelta = timedelta(minutes=15)


class FailoverProvider:
    """A league's providers behind one Provider: the primary, then its fallbacks."""

    def __init__(
        self,
        primary: Provider,
        fallbacks: Sequence[Provider],
        *,
        policy: FailoverPolicy | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Start on the primary, knowing nothing held against any provider."""
        self.primary = primary
        self.providers: tuple[Provider, ...] = (primary, *fallbacks)
        self.policy = policy or FailoverPolicy()
        self.league: League = primary.league
        self.fixed_interval = primary.fixed_interval
        self.health = {provider.name: HealthWindow() for provider in self.providers}
        self.active: Provider = primary
        self.serving: Provider = primary
        """The provider whose data was shown last (the active one, unless borrowed)."""
        self.active_since: datetime | None = None
        self.switches = 0
        self.all_failed_since: datetime | None = None
        """Since when every provider has failed; None while one delivers."""
        self.refused: set[str] = set()
        """The providers that refused this client (HTTP 403) and have not answered since."""
        self.on_change: Callable[[], None] | None = None
        """Called when what ``as_dict`` returns changed (to store it)."""
        self._clock = clock
        self._games = CanonicalGames(self.league.key, primary.name)
        self._followed: tuple[str, ...] = ()
        self._primary_board: Scoreboard | None = None
        self._next_probe: dict[str, datetime] = {}
        self._errors: dict[str, ProviderError] = {}
        self._listed: set[str] = set()
        """The fallbacks whose team lists were mapped."""
        self._last: Scoreboard | None = None
        self._last_key: tuple[str, tuple[tuple[str, int], ...], int] | None = None

    @property
    def name(self) -> str:
        """Return who the shown data comes from."""
        return self.serving.name

    @property
    def attribution(self) -> str | None:
        """Return the attribution of the shown data."""
        return self.serving.attribution

    @property
    def max_age(self) -> timedelta | None:
        """Return the serving provider's Cache-Control max-age."""
        return self.serving.max_age

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    async def async_get_teams(self) -> list[Team]:
        """Return the primary's teams; the stored ones while it cannot answer."""
        try:
            teams = await self.primary.async_get_teams()
        except ProviderError:
            if self._games.teams:
                return list(self._games.teams)
            raise
        if self._games.set_teams(teams):
            self._listed.clear()  # every fallback's list is mapped again
            self._changed()
        return teams

    async def async_get_scoreboard(self, team_ids: Collection[str], now: datetime) -> Scoreboard:
        """Return the scoreboard of the first provider that delivers, canonical."""
        self._followed = tuple(team_ids)
        boards: dict[str, Scoreboard] = {}
        tried: set[str] = set()
        if self.active is not self.primary and now >= self._next_probe.get(self.primary.name, now):
            await self._probe(self.primary, now, boards, tried)
            if self.primary.name in boards and self._may_fail_back(now):
                self._switch(self.primary, now)
        served: Provider | None = None
        for provider in self._candidates(now):
            if provider.name not in tried:
                await self._attempt(provider, now, boards, tried)
            if provider.name in boards:
                served = provider
                break
        if served is None:
            self.all_failed_since = self.all_failed_since or now
            raise self._error()
        self.all_failed_since = None
        if served is self.primary and self._in_play(now):
            for provider in self._candidates(now)[1:]:
                if now >= self._next_probe.get(provider.name, now):
                    await self._probe(provider, now, boards, tried)
                    break
        self._decide(served, now)
        return self._board(served, boards, now)

    async def async_get_schedules(
        self, team_ids: Collection[str], now: datetime
    ) -> dict[str, tuple[Game, ...]]:
        """Return the followed teams' schedules: the primary's, whichever provider serves."""
        if isinstance(self.primary, ScheduleSource):
            return await self.primary.async_get_schedules(team_ids, now)
        return {}

    def _candidates(self, now: datetime) -> list[Provider]:
        """Return the active provider, then the others by health score."""
        others = sorted(
            (provider for provider in self.providers if provider is not self.active),
            key=lambda provider: -self.health[provider.name].score(now),
        )
        return [self.active, *others]

    async def _probe(
        self, provider: Provider, now: datetime, boards: dict[str, Scoreboard], tried: set[str]
    ) -> None:
        interval = (
            self.policy.probe_primary if provider is self.primary else self.policy.probe_fallbacks
        )
        self._next_probe[provider.name] = now + interval
        await self._attempt(provider, now, boards, tried)

    async def _attempt(
        self, provider: Provider, now: datetime, boards: dict[str, Scoreboard], tried: set[str]
    ) -> None:
        """Ask one provider; record how it went in its health."""
        tried.add(provider.name)
        health = self.health[provider.name]
        ids = self._followed if provider is self.primary else ()
        started = self._clock()
        try:
            board = await provider.async_get_scoreboard(ids, now)
        except ProviderError as err:
            limited = isinstance(err, ProviderRateLimitedError)
            health.record(now, self._clock() - started, err, rate_limited=limited)
            _LOGGER.debug("%s failed for %s: %s", provider.name, self.league.key, err)
            self._errors[provider.name] = err
            if isinstance(err, ProviderRefusedError):
                self.refused.add(provider.name)
            return
        except Exception as err:  # a bug in a fallback must not stop the primary
            if provider is self.primary:
                raise
            _LOGGER.exception("%s failed unexpectedly for %s", provider.name, self.league.key)
            health.record(now, self._clock() - started, err)
            self._errors[provider.name] = ProviderError(f"{provider.name}: {err!r}")
            return
        health.record(now, self._clock() - started)
        self.refused.discard(provider.name)
        boards[provider.name] = board
        if provider is self.primary:
            self._primary_board = board
        elif provider.name not in self._listed:
            await self._map_team_list(provider)

    async def _map_team_list(self, provider: Provider) -> None:
        """Map a fallback's whole team list once, so diagnostics name what maps to none."""
        mapper = self._games.mapper(provider.name)
        self._listed.add(provider.name)  # once: a failed list leaves the games' teams
        try:
            teams = await provider.async_get_teams()
        except ProviderError as err:
            _LOGGER.debug("%s lists no teams for %s: %s", provider.name, self.league.key, err)
            return
        for team in teams:
            mapper.map(team)
        if mapper.unmapped:
            _LOGGER.warning(
                "%s: %s teams match no %s team: %s",
                self.league.name,
                provider.name,
                self.primary.name,
                ", ".join(sorted(mapper.unmapped.values())),
            )

    def _error(self) -> ProviderError:
        """Return the error to report when every provider failed: the active one's."""
        return self._errors.get(self.active.name) or next(iter(self._errors.values()))

    def _in_play(self, now: datetime) -> bool:
        """Return True while a followed team's game is under way (not any game of the league)."""
        board = self._last
        followed = set(self._followed)
        return board is not None and any(
            game.phase.in_play and {game.home.team.id, game.away.team.id} & followed
            for game in board.games
            if game.start <= now
        )

    def _decide(self, served: Provider, now: datetime) -> None:
        """Fail over to the provider that served, or back to the primary."""
        if served is self.active:
            return
        if served is self.primary:
            if self._may_fail_back(now):
                self._switch(self.primary, now)
            return
        health = self.health[self.active.name]
        if health.consecutive_failures >= self.policy.failover_after or (
            health.requests(now) >= self.policy.score_after
            and health.score(now) < self.policy.failover_score
        ):
            self._switch(served, now)

    def _may_fail_back(self, now: datetime) -> bool:
        """Return True once the primary has been healthy for the hold-down."""
        primary = self.health[self.primary.name]
        if primary.last_success != now or self.active_since is None:
            return False
        if now - self.active_since < self.policy.min_dwell:
            return False
        return primary.last_failure is None or now - primary.last_failure >= self.policy.hold_down

    def _switch(self, provider: Provider, now: datetime) -> None:
        _LOGGER.info("%s: %s takes over from %s", self.league.name, provider.name, self.active.name)
        self.active = provider
        self.active_since = None if provider is self.primary else now
        self.switches += 1
        self._changed()

    def _board(self, served: Provider, boards: dict[str, Scoreboard], now: datetime) -> Scoreboard:
        """Return the served board, canonical, holding back what went back in time."""
        board = boards[served.name]
        self.serving = served
        if len(self.providers) == 1:  # nothing to fail over to: ESPN's board as it is
            self._last = board
            return board
        primary = self._primary_board
        key = (served.name, tuple((name, id(b)) for name, b in boards.items()), id(primary))
        if key == self._last_key and self._last is not None:
            return self._last
        views: dict[str, dict[str, Game]] = {}
        learned = False
        for provider in self.providers:
            if (fetched := boards.get(provider.name)) is not None:
                views[provider.name], new = self._games.view(provider.name, fetched)
                learned |= new
        self._compare(views, now)
        merged = {game_id: (game, served.name) for game_id, game in views[served.name].items()}
        if served is not self.primary and primary is not None:
            if (espn := views.get(self.primary.name)) is None:
                espn = self._games.view(self.primary.name, primary)[0]
            for game_id, game in espn.items():
                merged.setdefault(game_id, (game, self.primary.name))
        shown = [self._games.hold(game, source) for game, source in merged.values()]
        self._games.forget(now)
        self._last_key = key
        self._last = Scoreboard(
            league=self.league.key,
            fetched_at=board.fetched_at,
            games=tuple(sorted(shown, key=lambda game: game.start)),
            league_logo=primary.league_logo if primary else board.league_logo,
        )
        if learned:
            self._changed()
        return self._last

    def _compare(self, views: dict[str, dict[str, Game]], now: datetime) -> None:
        """Record, for each provider asked, whether it lagged another on a shared game."""
        if len(views) < 2:
            return
        for name, games in views.items():
            others = [other for other_name, other in views.items() if other_name != name]
            shared = [
                (game, other[game.id])
                for game in games.values()
                for other in others
                if game.id in other and (game.phase.in_play or other[game.id].phase.in_play)
            ]
            if shared:
                lagging = any(behind(mine, theirs) for mine, theirs in shared)
                self.health[name].record_lag(now, lagging=lagging)

    def unmapped(self) -> dict[str, dict[str, Any]]:
        """Return, per fallback used so far, its teams and the followed teams that map to none."""
        return self._games.unmapped(self._followed)

    def diagnostics(self, now: datetime) -> dict[str, Any]:
        """Return the providers' health, who is active and serving, the unmapped teams."""
        return {
            "active": self.active.name,
            "serving": self.serving.name,
            "active_since": self.active_since.isoformat() if self.active_since else None,
            "switches": self.switches,
            "all_failed_since": self.all_failed_since.isoformat()
            if self.all_failed_since
            else None,
            "providers": {name: health.as_dict(now) for name, health in self.health.items()},
            "unmapped": self.unmapped(),
        }

    def as_dict(self, now: datetime) -> dict[str, Any]:
        """Return what a restart needs: teams, known games, the active provider."""
        return {
            **self._games.as_dict(now),
            "active": self.active.name,
            "active_since": self.active_since.isoformat() if self.active_since else None,
        }

    def restore(self, data: dict[str, Any]) -> None:
        """Take up what ``as_dict`` returned before a restart."""
        self._games.restore(data)
        for provider in self.providers:
            if provider.name == data.get("active") and provider is not self.primary:
                self.active = self.serving = provider
                since = data.get("active_since")
                self.active_since = datetime.fromisoformat(since) if since else None
