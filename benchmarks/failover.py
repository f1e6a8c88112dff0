"""Simulate an evening of live games with ESPN failing, against the real failover.

    .venv/bin/python benchmarks/failover.py [--seed N] [--evenings N]

Per league with a fallback (NHL, MLB, NBA: the league's own feed; NFL and the
Premier League: TheSportsDB), one followed team plays a game of the sport's
length, scoring at seeded random moments from its tenth minute on (the
polling policy waits out a sport's usual late start, which is not what is
measured here). Both providers read the same truth:
ESPN at once, the fallback a few seconds late (its own ids, abbreviations and
names, mapped back by ``identity``). Each evening, ESPN is:

- healthy until 40 minutes into the game;
- down from 40 to 70 minutes, every request failing as one of HTTP 503, HTTP
  400 (a changed API), a 10 s timeout or an unparseable body;
- healthy again, then from 100 minutes to the end of the game failing 30 %
  of its requests at random (the same four ways, and HTTP 429).

The real ``FailoverProvider`` is polled on a simulated clock at the interval
``polling.next_poll`` asks for; every board it returns goes through
``diff.diff``, as in Home Assistant. Counted: the time from ESPN going down
to the first board served by the fallback (worst case over all games), goals
no score change covers (missed: two baskets between polls are one change of
4 points, not a miss), goals covered twice or event ids repeated
(duplicate), and failovers during the random-error phase per hour (flaps).
The last line is machine-readable.
"""

from __future__ import annotations

import argparse
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
import random
import sys

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from custom_components.live_sports.diff import ChangeKind, GameState, diff  # noqa: E402
from custom_components.live_sports.models import (  # noqa: E402
    Competitor,
    Game,
    Phase,
    Scoreboard,
    Side,
    Team,
)
from custom_components.live_sports.polling import (  # noqa: E402
    Bounds,
    Health,
    PollInput,
    next_poll,
)
from custom_components.live_sports.providers.base import (  # noqa: E402
    League,
    ProviderConnectionError,
    ProviderError,
    ProviderRateLimitedError,
    ProviderResponseError,
)
from custom_components.live_sports.providers.failover import FailoverProvider  # noqa: E402

KICKOFF = datetime(2026, 11, 28, 0, 0, tzinfo=UTC)
OUTAGE = (timedelta(minutes=40), timedelta(minutes=70))
RANDOM_ERRORS_FROM = timedelta(minutes=100)
ERROR_RATE = 0.30
TIMEOUT_S = 10.0


@dataclass(frozen=True)
class Setting:
    """A league, its fallback, and how its game goes."""

    league: League
    fallback: str
    minutes: int
    goals: tuple[int, int]
    """How many scores a game has, at least and at most."""
    points: tuple[int, ...]
    home: tuple[str, str, str]
    away: tuple[str, str, str]
    """(ESPN abbreviation, the fallback's abbreviation, full name)."""
    fallback_lag_s: float


SETTINGS = (
    Setting(
        League("nhl", "NHL", "hockey", "hockey/nhl"),
        "NHL",
        150,
        (3, 9),
        (1,),
        ("LA", "LAK", "Los Angeles Kings"),
        ("TB", "TBL", "Tampa Bay Lightning"),
        3,
    ),
    Setting(
        League("mlb", "MLB", "baseball", "baseball/mlb"),
        "MLB",
        180,
        (4, 14),
        (1, 1, 2, 3),
        ("CHW", "CWS", "Chicago White Sox"),
        ("NYY", "NYY", "New York Yankees"),
        5,
    ),
    Setting(
        League("nba", "NBA", "basketball", "basketball/nba"),
        "NBA",
        150,
        (150, 190),
        (2, 2, 2, 3, 1),
        ("GS", "GSW", "Golden State Warriors"),
        ("NY", "NYK", "New York Knicks"),
        2,
    ),
    Setting(
        League("nfl", "NFL", "football", "football/nfl"),
        "TheSportsDB",
        195,
        (5, 12),
        (7, 3, 7, 6, 2),
        ("ATL", "Atlanta Falcons", "Atlanta Falcons"),
        ("NO", "New Orleans Saints", "New Orleans Saints"),
        20,
    ),
    Setting(
        League("epl", "Premier League", "soccer", "soccer/eng.1", month_schedule=True),
        "TheSportsDB",
        115,
        (0, 6),
        (1,),
        ("BHA", "Brighton and Hove Albion", "Brighton & Hove Albion"),
        ("BOU", "AFC Bournemouth", "Bournemouth"),
        20,
    ),
)


@dataclass
class Truth:
    """The game as it really goes: when each score happens."""

    setting: Setting
    goals: list[tuple[float, Side, int]]
    """(seconds after kick-off, side, points)."""

    def at(self, seconds: float) -> tuple[Phase, int, int]:
        """Return the phase and the score at a moment."""
        home = sum(p for t, s, p in self.goals if t <= seconds and s is Side.HOME)
        away = sum(p for t, s, p in self.goals if t <= seconds and s is Side.AWAY)
        if seconds < 0:
            return Phase.SCHEDULED, 0, 0
        if seconds >= self.setting.minutes * 60:
            return Phase.FINAL, home, away
        return Phase.LIVE, home, away

    def steps(self, side: Side) -> dict[int, float]:
        """Return a side's score after each of its scores, and when it came."""
        total, steps = 0, {}
        for at, scorer, points in sorted(self.goals, key=lambda goal: goal[0]):
            if scorer is side:
                total += points
                steps[total] = at
        return steps


def coverage(
    steps: dict[int, float], reported: list[tuple[int, int, float]]
) -> tuple[int, int, list[float]]:
    """Return a side's missed and duplicated scores, and each one's delay.

    ``reported``: (new score, points, seconds after kick-off) of each change.
    A change covers the scores from ``new - points`` (exclusive) to ``new``:
    two baskets between polls are one change of 4 points. A true score that
    no change covers was missed; one covered twice (under two game ids, or
    taken back and reported again) was duplicated. The delay: from the score
    to the first change covering it.
    """
    covered = dict.fromkeys(steps, 0)
    delays: dict[int, float] = {}
    for score, points, at in reported:
        for step, scored_at in steps.items():
            if score - points < step <= score:
                covered[step] += 1
                delays.setdefault(step, at - scored_at)
    return (
        sum(1 for count in covered.values() if count == 0),
        sum(count - 1 for count in covered.values() if count > 1),
        list(delays.values()),
    )


@dataclass
class SimProvider:
    """ESPN or a fallback: the truth as it sees it, or a failure."""

    name: str
    league: League
    truth: Truth
    teams: tuple[Team, Team]
    game_id: str
    lag_s: float
    clock: list[float]
    rng: random.Random
    primary: bool
    attribution: str | None = None
    fixed_interval: timedelta | None = None
    max_age: timedelta | None = None
    requests: int = 0
    _last: Scoreboard | None = field(default=None, repr=False)

    async def async_get_teams(self) -> list[Team]:
        """Return the two teams of the game."""
        return list(self.teams)

    def _failure(self, seconds: float) -> ProviderError | None:
        if not self.primary:
            return None
        if OUTAGE[0].total_seconds() <= seconds < OUTAGE[1].total_seconds():
            return self._error(self.rng.choice(("503", "400", "timeout", "garbage")))
        if seconds >= RANDOM_ERRORS_FROM.total_seconds() and self.rng.random() < ERROR_RATE:
            return self._error(self.rng.choice(("503", "400", "timeout", "garbage", "429")))
        return None

    def _error(self, kind: str) -> ProviderError:
        if kind == "timeout":
            self.clock[0] += TIMEOUT_S
            return ProviderConnectionError("cannot reach ESPN: TimeoutError()")
        if kind == "garbage":
            return ProviderResponseError("ESPN sent invalid JSON")
        if kind == "429":
            return ProviderRateLimitedError("ESPN answered HTTP 429", timedelta(seconds=30))
        return ProviderConnectionError(f"ESPN answered HTTP {kind}")

    async def async_get_scoreboard(self, team_ids: Collection[str], now: datetime) -> Scoreboard:
        """Return the game as this provider sees it now, or fail."""
        self.requests += 1
        seconds = (now - KICKOFF).total_seconds()
        self.clock[0] += self.rng.uniform(0.1, 0.6)
        if (error := self._failure(seconds)) is not None:
            raise error
        phase, home, away = self.truth.at(seconds - self.lag_s)
        game = Game(
            id=self.game_id,
            league=self.league.key,
            sport=self.league.sport,
            name=f"{self.teams[1].name} at {self.teams[0].name}",
            short_name=f"{self.teams[1].abbreviation} @ {self.teams[0].abbreviation}",
            start=KICKOFF + (timedelta(0) if self.primary else timedelta(minutes=3)),
            phase=phase,
            status_detail=phase.value,
            home=Competitor(team=self.teams[0], score=home),
            away=Competitor(team=self.teams[1], score=away),
            period=1,
        )
        if self._last is not None and self._last.games == (game,):
            return self._last
        self._last = Scoreboard(league=self.league.key, fetched_at=now, games=(game,))
        return self._last


def _teams(setting: Setting, primary: bool) -> tuple[Team, Team]:
    """Return the home and away teams as ESPN or as the fallback names them.

    A league's feed has its own abbreviations (LAK, CWS, GSW); TheSportsDB has
    none and its own spelling of names ("Brighton and Hove Albion").
    """

    def team(number: int, side: tuple[str, str, str]) -> Team:
        espn_abbreviation, own, full = side
        if primary:
            return Team(str(number), espn_abbreviation, full, full.rsplit(" ", 1)[-1])
        name = own if setting.fallback == "TheSportsDB" else full
        return Team(f"f{number}", own, name, name.rsplit(" ", 1)[-1])

    return team(1, setting.home), team(2, setting.away)


@dataclass
class Result:
    """What one game's evening showed."""

    league: str
    time_to_fallback_s: float | None = None
    missed: int = 0
    duplicates: int = 0
    flaps: int = 0
    random_phase_s: float = 0.0
    primary_requests: int = 0
    fallback_requests: int = 0
    probes: int = 0
    """Fallback requests in refreshes that ESPN served."""
    delays: list[float] = field(default_factory=list)
    """Seconds from each score to the change that reported it."""


async def simulate(setting: Setting, seed: int) -> Result:
    """Run one evening of one league's game; return what it counted."""
    rng = random.Random(seed)
    goals = [
        (
            rng.uniform(600, setting.minutes * 60 - 60),
            rng.choice(list(Side)),
            rng.choice(setting.points),
        )
        for _ in range(rng.randint(*setting.goals))
    ]
    truth = Truth(setting, goals)
    clock = [0.0]
    espn = SimProvider(
        "ESPN", setting.league, truth, _teams(setting, True), "401", 0.0, clock, rng, True
    )
    fallback = SimProvider(
        setting.fallback,
        setting.league,
        truth,
        _teams(setting, False),
        f"{setting.fallback.lower()}:9001",
        setting.fallback_lag_s,
        clock,
        random.Random(seed + 1),
        False,
    )
    failover = FailoverProvider(espn, [fallback], clock=lambda: clock[0])
    await failover.async_get_teams()
    followed = ("1",)
    result = Result(setting.league.key)
    states: dict[str, GameState] = {}
    event_ids: set[str] = set()
    reported: dict[Side, list[tuple[int, int, float]]] = {Side.HOME: [], Side.AWAY: []}
    now = KICKOFF - timedelta(minutes=20)
    end = KICKOFF + timedelta(minutes=setting.minutes + 10)
    errors = 0
    board: Scoreboard | None = None
    switches_before = 0
    while now < end:
        clock[0] = 0.0
        asked = fallback.requests
        try:
            board = await failover.async_get_scoreboard(followed, now)
        except ProviderError as err:
            errors += 1
            health = Health(consecutive_errors=errors, retry_after=err.retry_after)
        else:
            errors = 0
            health = Health()
            if failover.serving is espn:
                result.probes += fallback.requests - asked
            changes, states = diff(states, board.games, followed, now)
            for change in changes:
                if change.kind is ChangeKind.SCORE_CHANGED:
                    if change.event_id in event_ids:
                        result.duplicates += 1
                    event_ids.add(change.event_id)
                    side = change.side or Side.HOME
                    score = change.game.competitor(side).score or 0
                    at = (now - KICKOFF).total_seconds() + clock[0]
                    reported[side].append((score, change.points or 0, at))
            seconds = (now - KICKOFF).total_seconds()
            if (
                result.time_to_fallback_s is None
                and failover.serving is fallback
                and seconds >= OUTAGE[0].total_seconds()
            ):
                result.time_to_fallback_s = seconds + clock[0] - OUTAGE[0].total_seconds()
        seconds = (now - KICKOFF).total_seconds()
        if failover.switches != switches_before:
            if seconds >= RANDOM_ERRORS_FROM.total_seconds() and failover.active is fallback:
                result.flaps += 1
            switches_before = failover.switches
        decision = next_poll(
            PollInput(
                now=now,
                sport=setting.league.sport,
                games=board.games if board else (),
                team_ids=followed,
                phase_since={game_id: state.since for game_id, state in states.items()},
                health=health,
                bounds=Bounds(live=None, idle_cap=timedelta(hours=6)),
                fixed=None,
                random=rng.random(),
            )
        )
        step = timedelta(seconds=clock[0]) + decision.delay
        if seconds >= RANDOM_ERRORS_FROM.total_seconds() and seconds < setting.minutes * 60:
            result.random_phase_s += step.total_seconds()
        now += step
    for side in Side:
        missed, duplicated, delays = coverage(truth.steps(side), reported[side])
        result.delays.extend(delays)
        result.missed += missed
        result.duplicates += duplicated
    result.primary_requests = espn.requests
    result.fallback_requests = fallback.requests
    return result


async def main() -> None:
    """Run the evenings and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--evenings", type=int, default=20)
    args = parser.parse_args()
    worst: float = 0.0
    missed = duplicates = flaps = 0
    random_hours = 0.0
    for setting in SETTINGS:
        results = [
            await simulate(setting, args.seed * 1000 + evening) for evening in range(args.evenings)
        ]
        league_worst = max(r.time_to_fallback_s or 0.0 for r in results)
        worst = max(worst, league_worst)
        missed += sum(r.missed for r in results)
        duplicates += sum(r.duplicates for r in results)
        flaps += sum(r.flaps for r in results)
        hours = sum(r.random_phase_s for r in results) / 3600
        random_hours += hours
        delays = sorted(d for r in results for d in r.delays)
        print(
            f"{setting.league.key:4} fallback={setting.fallback:12} "
            f"score_delay_s(p50/max)={delays[len(delays) // 2]:.0f}/{delays[-1]:.0f} "
            f"time_to_fallback_s(max)={league_worst:5.1f} "
            f"missed={sum(r.missed for r in results)} "
            f"duplicates={sum(r.duplicates for r in results)} "
            f"flaps={sum(r.flaps for r in results)} in {hours:.1f} h of 30 % errors "
            f"espn_requests={sum(r.primary_requests for r in results)} "
            f"fallback_requests={sum(r.fallback_requests for r in results)} "
            f"(probes while ESPN served: {sum(r.probes for r in results)})"
        )
    print(
        f"time_to_fallback_s={worst:.1f} missed_events={missed} "
        f"duplicate_events={duplicates} flaps_per_hour={flaps / random_hours:.2f}"
    )


if __name__ == "__main__":
    import asyncio

    asyncio.run(main())
