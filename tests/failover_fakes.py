"""Scripted providers for failover tests: a primary and a fallback that see one game.

The primary names teams as ESPN does (``LA``); the fallback as the league does
(``LAK``), with its own team and game ids, as the real feeds do.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from custom_components.live_sports.models import Competitor, Game, Phase, Scoreboard, Team
from custom_components.live_sports.providers.base import (
    League,
    ProviderConnectionError,
    ProviderError,
    ProviderRateLimitedError,
    ProviderResponseError,
)

NHL = League(key="nhl", name="NHL", sport="hockey", path="hockey/nhl")
START = datetime(2026, 11, 28, 0, 0, tzinfo=UTC)

ESPN_TEAMS = (
    Team(id="8", abbreviation="LA", name="Los Angeles Kings", short_name="Kings"),
    Team(id="21", abbreviation="TOR", name="Toronto Maple Leafs", short_name="Maple Leafs"),
    Team(id="9", abbreviation="NYR", name="New York Rangers", short_name="Rangers"),
)
LEAGUE_TEAMS = (
    Team(id="26", abbreviation="LAK", name="Los Angeles Kings", short_name="Kings"),
    Team(id="10", abbreviation="TOR", name="Toronto Maple Leafs", short_name="Maple Leafs"),
    Team(id="3", abbreviation="NYR", name="New York Rangers", short_name="Rangers"),
    Team(id="99", abbreviation="XYZ", name="Nowhere Expansion", short_name="Expansion"),
)
FOLLOWED = ("21",)

ERRORS: dict[str, ProviderError] = {
    "http_500": ProviderConnectionError("answered HTTP 500 for score"),
    "http_400": ProviderConnectionError("answered HTTP 400 for scoreboard"),
    "timeout": ProviderConnectionError("cannot reach: TimeoutError()"),
    "garbage": ProviderResponseError("sent invalid JSON for scoreboard"),
    "rate_limited": ProviderRateLimitedError("answered HTTP 429", timedelta(seconds=30)),
}


@dataclass
class Score:
    """What is true of the game at a moment: the script both providers read."""

    phase: Phase = Phase.LIVE
    period: int = 1
    home: int = 0
    away: int = 0


@dataclass
class ScriptedProvider:
    """A provider showing the scripted game, under its own ids, unless told to fail."""

    name: str
    teams: tuple[Team, ...]
    game_id: str
    truth: Score
    attribution: str | None = None
    fixed_interval: timedelta | None = None
    league: League = NHL
    max_age: timedelta | None = None
    failing: str | None = None
    """A key of ERRORS: every request fails so; "bug": a RuntimeError."""
    teams_failing: bool = False
    lag: Score | None = None
    """Shown instead of the truth: a provider behind."""
    calls: int = 0
    team_calls: int = 0
    latency: float = 0.2
    start_offset: timedelta = timedelta(minutes=7)
    """The providers' start times of one game differ a little."""
    clock: list[float] = field(default_factory=lambda: [0.0])
    _last: Scoreboard | None = None

    async def async_get_teams(self) -> list[Team]:
        """Return the provider's teams."""
        self.team_calls += 1
        if self.teams_failing:
            raise ERRORS["http_500"]
        return list(self.teams)

    async def async_get_scoreboard(self, team_ids: Collection[str], now: datetime) -> Scoreboard:
        """Return the game as this provider sees it now."""
        self.calls += 1
        self.clock[0] += 10.0 if self.failing == "timeout" else self.latency
        if self.failing == "bug":
            raise RuntimeError("a parser bug")
        if self.failing:
            raise ERRORS[self.failing]
        seen = self.lag or self.truth
        game = scripted_game(self.teams[1], self.teams[0], seen, self.game_id, self.start_offset)
        if self._last is not None and self._last.games == (game,):
            return self._last
        self._last = Scoreboard(league=self.league.key, fetched_at=now, games=(game,))
        return self._last


def scripted_game(
    home: Team, away: Team, score: Score, game_id: str, start_offset: timedelta
) -> Game:
    """Return the scripted game: the Kings at the Maple Leafs."""
    return Game(
        id=game_id,
        league="nhl",
        sport="hockey",
        name=f"{away.name} at {home.name}",
        short_name=f"{away.abbreviation} @ {home.abbreviation}",
        start=START + start_offset,
        phase=score.phase,
        status_detail=score.phase.value,
        home=Competitor(team=home, score=score.home),
        away=Competitor(team=away, score=score.away),
        period=score.period,
    )


def pair(truth: Score) -> tuple[ScriptedProvider, ScriptedProvider]:
    """Return a primary (ESPN's ids) and a fallback (the league's) over one truth."""
    clock = [0.0]
    primary = ScriptedProvider("ESPN", ESPN_TEAMS, "401", truth, "Data provided by ESPN")
    fallback = ScriptedProvider(
        "NHL",
        LEAGUE_TEAMS,
        "nhl_web:2026020001",
        truth,
        "Data provided by the NHL",
        start_offset=timedelta(minutes=2),
    )
    primary.clock = fallback.clock = clock
    return primary, fallback
