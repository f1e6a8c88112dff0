"""Replay a simulated week per sport against the polling policy and a reference.

    .venv/bin/python benchmarks/polling.py [--seed N]

One followed team per sport plays a week of real schedule shapes (NFL one game,
NBA four, NHL three, MLB six, Premier League one), each game with a late
start, periods, breaks of realistic and varying length, and scores at
realistic moments (seeded, so runs repeat). Each policy polls a simulated
provider on a simulated clock:

- ``policy``: live_sports' ``polling.next_poll``;
- ``reference``: what the most-used existing integration does: every 10 min,
  switching to the live tempo while a game is in progress or within 20 min of
  its start.

Both use the same live tempo per sport. Counted: requests (all, and idle ones:
made while no followed game was under way), and for every change (start,
score, period, break, final) the delay until a poll saw it. The last line is
machine-readable.
"""

from __future__ import annotations

import argparse
import bisect
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
import random
import sys

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from custom_components.live_sports.models import (  # noqa: E402
    Competitor,
    Game,
    Phase,
    Team,
)
from custom_components.live_sports.polling import (  # noqa: E402
    TEMPOS,
    PollInput,
    next_poll,
)
from custom_components.live_sports.providers.espn.summary import (  # noqa: E402
    SUMMARY_SPORTS,
    SummaryWatch,
)

WEEK_START = datetime(2026, 10, 5, tzinfo=UTC)  # a Monday
WEEK = timedelta(days=7)
REFERENCE_IDLE = timedelta(minutes=10)
REFERENCE_WINDOW = timedelta(minutes=20)
FOLLOWED = "T"


@dataclass(frozen=True)
class Shape:
    """How a sport's game unfolds in real time."""

    periods: int
    period_minutes: tuple[float, float]
    """Real minutes a period takes (min, max)."""
    short_break: tuple[float, float]
    long_break: tuple[float, float]
    long_after: tuple[int, ...]
    scores_per_period: float
    points: tuple[int, ...]
    start_lag: tuple[float, float]
    break_word: str = "End of period"
    halftime_word: str = "Halftime"


SHAPES = {
    "football": Shape(4, (38, 48), (2.0, 2.6), (13, 16), (2,), 2.2, (7, 7, 3, 3, 2), (1, 5)),
    "basketball": Shape(4, (28, 36), (2.2, 2.8), (15, 17.5), (2,), 24, (2, 2, 2, 3, 1), (7, 12)),
    "hockey": Shape(
        3,
        (34, 42),
        (17.5, 19),
        (17.5, 19),
        (1, 2),
        2.0,
        (1,),
        (6, 10),
        "Intermission",
        "Intermission",
    ),
    # Baseball: a "period" is a half-inning; breaks are Middle/End of innings.
    "baseball": Shape(
        18, (7, 14), (2.0, 2.7), (2.0, 2.7), (), 0.5, (1, 1, 1, 2, 3), (2, 8), "Middle", "End"
    ),
    "soccer": Shape(
        2, (47, 51), (15, 17), (15, 17), (1,), 1.4, (1,), (0, 2), "Halftime", "Halftime"
    ),
}
SCHEDULES = {
    # (day offset from Monday, UTC hour, minute)
    "football": [(6, 17, 0)],
    "basketball": [(0, 23, 30), (2, 23, 30), (4, 23, 30), (6, 23, 0)],
    "hockey": [(1, 23, 0), (3, 23, 0), (5, 23, 0)],
    "baseball": [(1, 23, 10), (2, 23, 10), (3, 23, 10), (4, 23, 10), (5, 18, 5), (6, 17, 35)],
    "soccer": [(5, 14, 0)],
}


@dataclass
class Timeline:
    """A game's states over time: the provider's truth."""

    times: list[datetime] = field(default_factory=list)
    states: list[Game] = field(default_factory=list)

    def add(self, at: datetime, state: Game) -> None:
        self.times.append(at)
        self.states.append(state)

    def at(self, when: datetime) -> Game:
        return self.states[max(bisect.bisect_right(self.times, when) - 1, 0)]


def build_game(
    sport: str, index: int, start: datetime, rng: random.Random
) -> tuple[Timeline, list[datetime]]:
    """Return a game's timeline and the times its events happen."""
    shape = SHAPES[sport]
    us = Team(id=FOLLOWED, abbreviation="US", name="Us", short_name="Us")
    them = Team(id=f"O{index}", abbreviation="THM", name="Them", short_name="Them")
    game = Game(
        id=f"{sport}-{index}",
        league=sport,
        sport=sport,
        name="Them at Us",
        short_name="THM @ US",
        start=start,
        phase=Phase.SCHEDULED,
        status_detail="Scheduled",
        home=Competitor(team=us),
        away=Competitor(team=them),
    )
    timeline = Timeline()
    changes: list[datetime] = []
    timeline.add(start - timedelta(days=3), game)
    now = start + timedelta(minutes=rng.uniform(*shape.start_lag))
    home = away = 0
    for period in range(1, shape.periods + 1):
        game = replace(
            game,
            phase=Phase.LIVE,
            period=period,
            status_detail=f"Period {period}",
            home=replace(game.home, score=home),
            away=replace(game.away, score=away),
        )
        timeline.add(now, game)
        changes.append(now)
        length = timedelta(minutes=rng.uniform(*shape.period_minutes))
        moments = sorted(
            rng.uniform(0, length.total_seconds())
            for _ in range(_poisson(rng, shape.scores_per_period))
        )
        for second in moments:
            if rng.random() < 0.5:
                home += rng.choice(shape.points)
            else:
                away += rng.choice(shape.points)
            at = now + timedelta(seconds=second)
            game = replace(
                game, home=replace(game.home, score=home), away=replace(game.away, score=away)
            )
            timeline.add(at, game)
            changes.append(at)
        now += length
        if period == shape.periods:
            break
        long = period in shape.long_after
        word = shape.halftime_word if long else shape.break_word
        game = replace(game, phase=Phase.BREAK, status_detail=f"{word} {period}")
        timeline.add(now, game)
        changes.append(now)
        now += timedelta(minutes=rng.uniform(*(shape.long_break if long else shape.short_break)))
    game = replace(game, phase=Phase.FINAL, status_detail="Final")
    timeline.add(now, game)
    changes.append(now)
    return timeline, changes


def _poisson(rng: random.Random, mean: float) -> int:
    count, limit, product = 0, pow(2.718281828459045, -mean), rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


@dataclass
class Run:
    requests: int = 0
    idle_requests: int = 0
    latencies: list[float] = field(default_factory=list)
    summary_requests: dict[str, int] = field(default_factory=dict)
    """Per game: the ESPN summaries asked (who scored), beside the board requests."""
    scoring_changes: dict[str, int] = field(default_factory=dict)
    """Per game: the score changes the polls saw."""


type Policy = Callable[[datetime, str, list[Game], dict[str, datetime]], timedelta]


def policy(now: datetime, sport: str, games: list[Game], since: dict[str, datetime]) -> timedelta:
    return next_poll(
        PollInput(now=now, sport=sport, games=games, team_ids=[FOLLOWED], phase_since=since)
    ).delay


def reference(
    now: datetime, sport: str, games: list[Game], since: dict[str, datetime]
) -> timedelta:
    live = TEMPOS[sport].live
    for game in games:
        if game.phase in (Phase.LIVE, Phase.BREAK):
            return live
        if game.phase is Phase.SCHEDULED and now >= game.start - REFERENCE_WINDOW:
            return live
    return REFERENCE_IDLE


def simulate(sport: str, timelines: list[Timeline], changes: list[datetime], poll: Policy) -> Run:
    run = Run()
    now = WEEK_START
    polls: list[datetime] = []
    since: dict[str, datetime] = {}
    seen: dict[str, Phase] = {}
    summaries, scores = SummaryWatch(), dict[str, tuple[int | None, int | None]]()
    while now < WEEK_START + WEEK:
        games = [timeline.at(now) for timeline in timelines]
        if sport in SUMMARY_SPORTS:
            for game in summaries.due(games, {FOLLOWED}):
                run.summary_requests[game.id] = run.summary_requests.get(game.id, 0) + 1
        for game in games:
            score = (game.home.score, game.away.score)
            if game.id in scores and scores[game.id] != score:
                run.scoring_changes[game.id] = run.scoring_changes.get(game.id, 0) + 1
            scores[game.id] = score
        run.requests += 1
        polls.append(now)
        if not any(game.phase in (Phase.LIVE, Phase.BREAK) for game in games):
            run.idle_requests += 1
        for game in games:
            if seen.get(game.id) is not game.phase:
                seen[game.id] = game.phase
                since[game.id] = now
        now += poll(now, sport, games, since)
    for change in changes:
        index = bisect.bisect_left(polls, change)
        if index < len(polls):
            run.latencies.append((polls[index] - change).total_seconds())
    return run


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    ours_all, ref_all = Run(), Run()
    print(
        f"{'sport':11} {'games':>5} {'changes':>7} {'requests':>9} {'baseline':>9} {'idle':>6} {'b_idle':>7} {'p95_s':>6} {'b_p95_s':>8}"
    )
    for sport, slots in SCHEDULES.items():
        rng = random.Random(f"{args.seed}-{sport}")
        timelines, changes = [], []
        for index, (day, hour, minute) in enumerate(slots):
            start = WEEK_START + timedelta(days=day, hours=hour, minutes=minute)
            timeline, game_changes = build_game(sport, index, start, rng)
            timelines.append(timeline)
            changes.extend(game_changes)
        ours = simulate(sport, timelines, changes, policy)
        ref = simulate(sport, timelines, changes, reference)
        for total, run in ((ours_all, ours), (ref_all, ref)):
            total.requests += run.requests
            total.idle_requests += run.idle_requests
            total.latencies.extend(run.latencies)
            total.summary_requests.update(run.summary_requests)
            total.scoring_changes.update(run.scoring_changes)
        print(
            f"{sport:11} {len(slots):5d} {len(changes):7d} {ours.requests:9d} {ref.requests:9d} "
            f"{ours.idle_requests:6d} {ref.idle_requests:7d} {p95(ours.latencies):6.1f} {p95(ref.latencies):8.1f}"
        )
    print(
        f"ratios: requests {ours_all.requests / ref_all.requests:.2f}x (target <= 0.7), "
        f"idle {ours_all.idle_requests / ref_all.idle_requests:.3f}x (target <= 0.1), "
        f"p95 latency {p95(ours_all.latencies) - p95(ref_all.latencies):+.1f} s (target <= +1)"
    )
    summaries = ours_all.summary_requests
    over = [
        game_id
        for game_id, asked in summaries.items()
        if asked > ours_all.scoring_changes.get(game_id, 0) + 1
    ]
    print(
        f"summaries (football, hockey, basketball, baseball; soccer's plays are on its board): "
        f"{sum(summaries.values())} for {len(summaries)} followed games, "
        f"at most score changes + 1 per game: {'yes' if not over else f'no ({over})'}"
    )
    print(
        f"requests={ours_all.requests} baseline_requests={ref_all.requests} "
        f"idle_requests={ours_all.idle_requests} baseline_idle_requests={ref_all.idle_requests} "
        f"p95_latency_s={p95(ours_all.latencies):.1f} baseline_p95_latency_s={p95(ref_all.latencies):.1f} "
        f"summary_requests={sum(summaries.values())} "
        f"summary_scoring_changes={sum(ours_all.scoring_changes.get(g, 0) for g in summaries)}"
    )


if __name__ == "__main__":
    main()
