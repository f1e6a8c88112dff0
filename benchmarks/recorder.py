"""Rows the recorder keeps of a whole game, per followed team, against one sensor a poll.

    .venv/bin/python benchmarks/recorder.py [--seed N]

For each sport (NFL, NBA, NHL, MLB, Premier League) one followed team plays a
whole game in a real Home Assistant (pytest-homeassistant-custom-component's
``hass``, the integration set up from a config entry as a user has it) with
the recorder writing to a SQLite file. The league's provider is replaced by
a scripted one that tells the truth of a seeded game at the frozen clock's
time: 30 minutes of pre-game, the periods with their clock (it runs at real
speed in seeded spells and stands between them, for the sport's clock
minutes in the period's real time; soccer's runs on; baseball has none, but
its count moves with every pitch, one each 20 seconds), breaks, scores at
seeded random moments, the final, 30 minutes after it. Like ESPN's provider it
returns the same board while nothing in it changed. The coordinator polls at
the tempo its own policy asks for; time moves from one refresh to the next.

Counted, from the first pre-game poll to the last poll after the final: the
states the recorder stored for the team's entities (its device: sensors,
binary sensor, calendar, event), once with the entities a fresh install
enables (default) and once with Team tracker enabled too; and the polls made.
ha-teamtracker's sensor writes a state on every poll (its ``last_update``
attribute is the poll's time), so the reference is one row per poll at the
same tempo. Ratios are rows / reference rows; the last line gives the worst
sport's ratios (goals: default <= 0.1, with Team tracker <= 1.0).

Runs under pytest (for Home Assistant's test harness); the figures are
printed after it.
"""

from __future__ import annotations

import argparse
from collections.abc import Collection, Generator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
import os
from pathlib import Path
import random
import sys
from typing import Any
from unittest.mock import PropertyMock, patch

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hass_runs import TableNotReached, run_scenarios, store  # noqa: E402

import custom_components.live_sports  # noqa: E402, F401  (before Home Assistant's loader looks)

SEED_ENV = "LIVE_SPORTS_RECORDER_SEED"
START = datetime(2026, 11, 1, 18, 0, tzinfo=UTC)
PREGAME = timedelta(minutes=30)
PITCH_SECONDS = 20
PITCH_COUNTS = ((0, 0), (1, 0), (1, 1), (2, 1), (2, 2))
"""Balls and strikes of a plate appearance, pitch by pitch (five pitches each)."""
POSTGAME = timedelta(minutes=30)


@dataclass(frozen=True)
class SportGame:
    """How a sport's game goes, in real time."""

    league: str
    periods: int
    period: timedelta
    """Real time of one period."""
    clock_minutes: int
    """Game clock of a period (counted down), or 0: counted up in minutes (soccer), or none."""
    short_break: timedelta
    half_time: timedelta
    scores_per_team: int
    points: tuple[int, ...]
    counts_up: bool = False
    no_clock: bool = False
    break_names: tuple[str, ...] = field(default=())


SPORTS: tuple[SportGame, ...] = (
    SportGame("nfl", 4, timedelta(minutes=40), 15, timedelta(minutes=2), timedelta(minutes=13), 4, (7, 3, 7, 6, 3, 2)),
    SportGame("nba", 4, timedelta(minutes=28), 12, timedelta(minutes=2), timedelta(minutes=15), 42, (2, 2, 3, 1, 2)),
    SportGame("nhl", 3, timedelta(minutes=35), 20, timedelta(minutes=18), timedelta(minutes=18), 3, (1,)),
    SportGame("mlb", 9, timedelta(minutes=18), 0, timedelta(minutes=0), timedelta(minutes=0), 4, (1, 1, 2, 1), no_clock=True),
    SportGame("epl", 2, timedelta(minutes=48), 45, timedelta(minutes=15), timedelta(minutes=15), 1, (1,), counts_up=True),
)  # fmt: skip


def _ordinal(number: int) -> str:
    return (
        f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number if number < 20 else number % 10, 'th') }"
    )


class ScriptedGame:
    """The truth of one seeded game at any time: phase, period, clock, scores."""

    def __init__(self, sport: SportGame, rng: random.Random) -> None:
        """Lay out the periods and breaks, and draw the scoring moments."""
        self.sport = sport
        self.kickoff = START + PREGAME
        self.spans: list[tuple[datetime, datetime, int | None]] = []
        """(start, end, period) of each period; breaks lie between them."""
        at = self.kickoff
        for number in range(1, sport.periods + 1):
            self.spans.append((at, at + sport.period, number))
            at += sport.period
            if number < sport.periods:
                half = number == sport.periods // 2 and sport.periods % 2 == 0
                at += sport.half_time if half else sport.short_break
        self.final = at
        self.end = at + POSTGAME
        self.running: list[list[tuple[datetime, datetime]]] = [
            self._stoppages(start, end, rng) for start, end, _ in self.spans
        ]
        """Per period, when its clock runs (at real speed); it stands still between."""
        self.goals: list[tuple[datetime, int, int]] = []
        """(when, side (0 home, 1 away), points)."""
        for side in (0, 1):
            for _ in range(sport.scores_per_team):
                start, end, _period = rng.choice(self.spans)
                when = start + (end - start) * rng.random()
                self.goals.append((when, side, rng.choice(sport.points)))
        self.goals.sort()

    def _stoppages(
        self, start: datetime, end: datetime, rng: random.Random
    ) -> list[tuple[datetime, datetime]]:
        """Return a period's running spells: its clock minutes, spread over its real time.

        A game clock runs at real speed and stops (a foul, an incomplete pass,
        a puck out of play): over a period it runs for its clock minutes, the
        rest of the real time it stands. Soccer's (counted up) never stops.
        """
        running = timedelta(minutes=self.sport.clock_minutes)
        total = end - start
        if self.sport.counts_up or self.sport.no_clock or running >= total:
            return [(start, end)]
        spells = max(1, round(running / timedelta(seconds=40)))
        cuts = sorted(rng.random() for _ in range(spells - 1))
        runs = [b - a for a, b in zip([0.0, *cuts], [*cuts, 1.0], strict=True)]
        cuts = sorted(rng.random() for _ in range(spells - 1))
        stops = [b - a for a, b in zip([0.0, *cuts], [*cuts, 1.0], strict=True)]
        at, spans = start, []
        for run, stop in zip(runs, stops, strict=True):
            at += (total - running) * stop
            spans.append((at, at + running * run))
            at += running * run
        return spans

    def truth(self, now: datetime) -> tuple[Any, ...]:
        """Return (phase, period, clock, detail, home score, away score, count) at `now`.

        The count (baseball's balls, strikes and outs, which ESPN's situation
        gives and the card shows) moves with each pitch, one every 20 seconds.
        """
        from custom_components.live_sports.models import Phase  # noqa: PLC0415

        phase, period, clock, detail, home, away = self._truth(now)
        count = None
        if self.sport.no_clock and phase is Phase.LIVE:
            pitch = int((now - self.kickoff).total_seconds()) // PITCH_SECONDS
            count = (*PITCH_COUNTS[pitch % len(PITCH_COUNTS)], (pitch // len(PITCH_COUNTS)) % 3)
        return (phase, period, clock, detail, home, away, count)

    def plays(self, now: datetime) -> tuple[Any, ...]:
        """Return the goals scored by `now`, with their scorers, as a soccer board lists them."""
        from custom_components.live_sports.models import Athlete, Play, PlayKind  # noqa: PLC0415

        plays, score = [], [0, 0]
        for number, (when, side, points) in enumerate(g for g in self.goals if g[0] <= now):
            score[side] += points
            minute = max(1, int((when - self.kickoff).total_seconds() // 60))
            plays.append(
                Play(
                    id=f"goal-{number}",
                    kind=PlayKind.GOAL,
                    team_id="HA"[side],
                    clock=f"{minute}'",
                    scorer=Athlete(id=f"p{number}", name=f"Player {number}"),
                    points=points,
                    home_score=score[0],
                    away_score=score[1],
                )
            )
        return tuple(plays)

    def _truth(self, now: datetime) -> tuple[Any, ...]:
        from custom_components.live_sports.models import Phase  # noqa: PLC0415

        scored = [goal for goal in self.goals if goal[0] <= now]
        home = sum(points for _, side, points in scored if side == 0)
        away = sum(points for _, side, points in scored if side == 1)
        if now < self.kickoff:
            return (Phase.SCHEDULED, None, None, "Scheduled", None, None)
        if now >= self.final:
            return (Phase.FINAL, self.sport.periods, None, "Final", home, away)
        for (start, end, period), running in zip(self.spans, self.running, strict=True):
            if start <= now < end:
                ran = sum(
                    (min(now, stop) - begin for begin, stop in running if begin < now),
                    timedelta(),
                )
                elapsed = ran / sum((stop - begin for begin, stop in running), timedelta())
                return (Phase.LIVE, period, *self._clock(period or 1, elapsed), home, away)
            if now < start:
                previous = (period or 1) - 1
                return (Phase.BREAK, previous, None, f"End of {_ordinal(previous)}", home, away)
        raise AssertionError(now)

    def _clock(self, period: int, elapsed: float) -> tuple[str | None, str]:
        sport = self.sport
        if sport.no_clock:
            half = "Top" if elapsed < 0.5 else "Bot"
            return None, f"{half} {_ordinal(period)}"
        if sport.counts_up:
            minute = int((period - 1) * sport.clock_minutes + elapsed * sport.clock_minutes) + 1
            return f"{minute}'", f"{minute}'"
        left = int(sport.clock_minutes * 60 * (1 - elapsed))
        clock = f"{left // 60}:{left % 60:02d}"
        return clock, f"{clock} - {_ordinal(period)}"


class ScriptedProvider:
    """A provider telling a scripted game's truth, the same board while it is unchanged."""

    def __init__(self, league: Any, game: ScriptedGame) -> None:
        """Serve one game of `league`."""
        from custom_components.live_sports.models import Team  # noqa: PLC0415

        self._league = league
        self._game = game
        self.teams = [
            Team(id="H", abbreviation="HOM", name="Home Team", short_name="Home"),
            Team(id="A", abbreviation="AWY", name="Away Team", short_name="Away"),
        ]
        self._truth: tuple[Any, ...] | None = None
        self._board: Any = None
        self.polls: list[datetime] = []

    name = "Scripted"
    attribution = None
    fixed_interval = None
    max_age = None

    @property
    def league(self) -> Any:
        """Return the league served."""
        return self._league

    async def async_get_teams(self) -> list[Any]:
        """Return both teams."""
        return self.teams

    async def async_get_scoreboard(self, team_ids: Collection[str], now: datetime) -> Any:
        """Return the game at `now`; the same object while nothing in it changed."""
        from custom_components.live_sports.models import (  # noqa: PLC0415
            Competitor,
            Game,
            Scoreboard,
            Situation,
        )

        self.polls.append(now)
        truth = self._game.truth(now)
        if truth == self._truth:
            return self._board
        phase, period, clock, detail, home, away, count = truth
        home_team, away_team = self.teams
        game = Game(
            id="game",
            league=self._league.key,
            sport=self._league.sport,
            name="Away Team at Home Team",
            short_name="AWY @ HOM",
            start=self._game.kickoff,
            phase=phase,
            status_detail=detail,
            home=Competitor(team=home_team, score=home),
            away=Competitor(team=away_team, score=away),
            period=period,
            clock=clock,
            situation=Situation(balls=count[0], strikes=count[1], outs=count[2]) if count else None,
        )
        self._truth = truth
        if self._league.sport == "soccer":  # ESPN's soccer boards carry the goals
            game = replace(game, plays=self._game.plays(now))
        self._board = Scoreboard(league=self._league.key, fetched_at=now, games=(game,))
        return self._board


# --- under pytest -----------------------------------------------------------------


@pytest.fixture
def persistent_database() -> bool:
    """Have the recorder write to a SQLite file, not to memory."""
    return True


@pytest.fixture(autouse=True)
def _integration(recorder_mock: Any, enable_custom_integrations: None) -> None:
    """Start the recorder before Home Assistant, then load custom integrations."""


@pytest.fixture
def team_tracker(request: pytest.FixtureRequest) -> Generator[bool]:
    """Enable the entities disabled by default, when the test asks."""
    enabled = bool(request.param)
    if not enabled:
        yield False
        return
    with patch(
        "homeassistant.helpers.entity.Entity.entity_registry_enabled_default",
        new_callable=PropertyMock,
        return_value=True,
    ):
        yield True


@pytest.mark.parametrize("team_tracker", [False, True], indirect=True, ids=["default", "tt"])
@pytest.mark.parametrize("sport", SPORTS, ids=[sport.league for sport in SPORTS])
async def test_game(hass: Any, freezer: Any, sport: SportGame, team_tracker: bool) -> None:
    """Play one game; store the rows and the polls."""
    from homeassistant.components.recorder import get_instance, history  # noqa: PLC0415
    from homeassistant.helpers import entity_registry as er  # noqa: PLC0415
    from pytest_homeassistant_custom_component.common import (  # noqa: PLC0415
        MockConfigEntry,
        async_fire_time_changed,
    )
    from pytest_homeassistant_custom_component.components.recorder.common import (  # noqa: PLC0415
        async_wait_recording_done,
    )

    from custom_components.live_sports.const import CONF_LEAGUE, DOMAIN  # noqa: PLC0415
    from custom_components.live_sports.leagues import entry_league  # noqa: PLC0415
    from custom_components.live_sports.subentries import team_subentry  # noqa: PLC0415

    freezer.move_to(START)
    seed = int(os.environ.get(SEED_ENV, "1"))
    game = ScriptedGame(sport, random.Random(f"{seed}-{sport.league}"))
    entry = MockConfigEntry(
        domain=DOMAIN,
        title=sport.league.upper(),
        unique_id=sport.league,
        data={CONF_LEAGUE: sport.league},
        version=2,
        minor_version=1,
        subentries_data=[team_subentry("H", "H")],
    )
    providers: list[ScriptedProvider] = []

    def _build(_session: Any, league: Any) -> ScriptedProvider:
        provider = ScriptedProvider(league, game)
        providers.append(provider)
        return provider

    with (
        patch("custom_components.live_sports.runtime.build_provider", _build),
        patch("custom_components.live_sports.runtime.fallbacks_for", return_value=[]),
        # A table is not what this measures, and a benchmark asks no network.
        patch(
            "custom_components.live_sports.runtime.build_standings_source",
            return_value=TableNotReached(),
        ),
    ):
        entry.add_to_hass(hass)
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
        assert entry_league(entry).key == sport.league
        coordinator = entry.runtime_data.coordinator
        while (now := datetime.now(UTC)) < game.end:
            step = coordinator.update_interval or timedelta(seconds=60)
            freezer.tick(min(step + timedelta(seconds=1), game.end - now + timedelta(seconds=1)))
            async_fire_time_changed(hass)
            await hass.async_block_till_done()
        await async_wait_recording_done(hass)

        registry = er.async_get(hass)
        entity_ids = [
            entity.entity_id
            for entity in er.async_entries_for_config_entry(registry, entry.entry_id)
            if "_H_" in entity.unique_id and not entity.disabled
        ]
        states = await get_instance(hass).async_add_executor_job(
            lambda: history.get_significant_states(
                hass,
                START,
                None,
                entity_ids,
                significant_changes_only=False,
                include_start_time_state=False,
            )
        )
        await hass.config_entries.async_unload(entry.entry_id)
    by_entity = {
        registry.async_get(entity_id).unique_id.split("_H_", 1)[1]: len(rows)  # type: ignore[union-attr]
        for entity_id, rows in states.items()
    }
    (provider,) = providers
    polls = [poll for poll in provider.polls if START <= poll <= game.end]
    result = {
        "league": sport.league,
        "team_tracker": team_tracker,
        "rows": sum(by_entity.values()),
        "by_entity": by_entity,
        "polls": len(polls),
    }
    await hass.async_add_executor_job(store, result)


# --- the script -------------------------------------------------------------------


def main() -> None:
    """Run the games under pytest, then print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    scenarios = run_scenarios(__file__, {SEED_ENV: str(args.seed)}, "games")
    results = scenarios
    print()
    print(f"Rows per followed team per game (seed {args.seed}); reference: one row a poll")
    print(f"{'league':<7}{'polls':>7}{'default':>9}{'ratio':>8}{'with TT':>9}{'ratio':>8}")
    worst_default = worst_tt = 0.0
    worst_reference = 0
    for league in (sport.league for sport in SPORTS):
        default = next(r for r in results if r["league"] == league and not r["team_tracker"])
        with_tt = next(r for r in results if r["league"] == league and r["team_tracker"])
        reference = default["polls"]
        ratio_default = default["rows"] / reference
        ratio_tt = with_tt["rows"] / with_tt["polls"]
        print(
            f"{league:<7}{reference:>7}{default['rows']:>9}{ratio_default:>8.3f}"
            f"{with_tt['rows']:>9}{ratio_tt:>8.3f}   {default['by_entity']}"
        )
        if ratio_default > worst_default:
            worst_default, worst_reference = ratio_default, reference
        worst_tt = max(worst_tt, ratio_tt)
    print(
        f"default_ratio={worst_default:.3f} with_team_tracker_ratio={worst_tt:.3f} "
        f"reference_rows_per_team_game={worst_reference}"
    )


if __name__ == "__main__":
    main()
