"""The polling policy: intervals per phase and sport, wake-ups, provider signals."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from custom_components.live_sports.models import Competitor, Game, Phase, Team
from custom_components.live_sports.polling import (
    DEFAULT_IDLE_CAP,
    ERROR_BACKOFF_CAP,
    FLOOR,
    TEMPOS,
    Bounds,
    Health,
    PollInput,
    Reason,
    next_poll,
)

from .conftest import make_game

NOW = datetime(2026, 10, 4, 18, 0, tzinfo=UTC)
US = Team(id="1", abbreviation="US", name="Us", short_name="Us")
THEM = Team(id="2", abbreviation="THM", name="Them", short_name="Them")
OTHER = Team(id="3", abbreviation="OTH", name="Other", short_name="Other")


def _game(
    phase: Phase, start: datetime = NOW, *, sport: str = "football", **kwargs: object
) -> Game:
    return make_game(
        phase,
        US,
        THEM,
        start=start,
        league=sport,
        sport=sport,
        status_detail=str(kwargs.pop("detail", phase.value)),
        **kwargs,
    )


def _poll(*games: Game, sport: str = "football", **kwargs: object) -> tuple[float, Reason]:
    decision = next_poll(PollInput(now=NOW, sport=sport, games=games, team_ids=["1"], **kwargs))  # type: ignore[arg-type]
    return decision.delay.total_seconds(), decision.reason


@pytest.mark.parametrize("sport", sorted(TEMPOS))
def test_live_tempo_per_sport(sport: str) -> None:
    """A live followed game polls at its sport's live tempo, 10-15 s, never below 5 s."""
    delay, reason = _poll(_game(Phase.LIVE, sport=sport), sport=sport)
    assert reason is Reason.LIVE
    assert delay == TEMPOS[sport].live.total_seconds()
    assert 10 <= delay <= 15


def test_games_of_other_teams_are_ignored() -> None:
    """Only followed teams' games set the pace."""
    other = replace(_game(Phase.LIVE), home=Competitor(team=OTHER))
    other = replace(other, away=Competitor(team=THEM))
    assert _poll(other) == (DEFAULT_IDLE_CAP.total_seconds(), Reason.IDLE)


def test_long_break_sleeps_until_shortly_before_its_end() -> None:
    """Half-time: slow polls, then the live tempo just before it can end."""
    halftime = _game(Phase.BREAK, period=2, detail="Halftime")
    tempo = TEMPOS["football"]
    assert _poll(halftime, phase_since={"g": NOW}) == (tempo.break_.total_seconds(), Reason.BREAK)
    # 11 min is the shortest half-time; 15 s (one live poll) before it, go live.
    near_end = NOW - tempo.long_break + timedelta(seconds=20)
    assert _poll(halftime, phase_since={"g": near_end}) == (15, Reason.BREAK)
    almost = NOW - tempo.long_break + timedelta(seconds=40)
    assert _poll(halftime, phase_since={"g": almost}) == (25, Reason.BREAK)


def test_short_break_and_unknown_break_start() -> None:
    """Between quarters the break is short; with no start known, poll live."""
    quarter = _game(Phase.BREAK, period=1, detail="End of 1st Quarter")
    assert _poll(quarter, phase_since={"g": NOW}) == (60, Reason.BREAK)
    assert _poll(quarter, phase_since={"g": NOW - timedelta(seconds=80)}) == (15, Reason.BREAK)
    assert _poll(quarter) == (15, Reason.BREAK)


def test_baseball_innings_break() -> None:
    """Middle of an inning: about two minutes, polled slowly then live."""
    middle = _game(Phase.BREAK, sport="baseball", period=5, detail="Middle 5th")
    assert _poll(middle, sport="baseball", phase_since={"g": NOW}) == (60, Reason.BREAK)


def test_wakes_up_before_kickoff() -> None:
    """Idle: sleep until the pre-game window of the next start, then poll more."""
    tempo = TEMPOS["basketball"]
    start = NOW + timedelta(hours=3)
    delay, reason = _poll(_game(Phase.SCHEDULED, start, sport="basketball"), sport="basketball")
    assert reason is Reason.IDLE
    assert NOW + timedelta(seconds=delay) == start + tempo.start_lag - tempo.pregame_window
    in_window = start + tempo.start_lag - timedelta(minutes=20)
    decision = next_poll(
        PollInput(
            now=in_window,
            sport="basketball",
            games=[_game(Phase.SCHEDULED, start, sport="basketball")],
            team_ids=["1"],
        )
    )
    assert decision.reason is Reason.PREGAME
    assert decision.delay == tempo.pregame


def test_due_game_polls_live_until_it_starts() -> None:
    """Past its start (plus the usual lag) and not started: live tempo."""
    assert _poll(_game(Phase.SCHEDULED, NOW - timedelta(minutes=3))) == (15, Reason.DUE)
    # Hours overdue: the schedule was wrong; back to the pre-game tempo.
    assert _poll(_game(Phase.SCHEDULED, NOW - timedelta(hours=3))) == (900, Reason.PREGAME)
    assert _poll(_game(Phase.DELAYED, NOW - timedelta(minutes=3))) == (60, Reason.DUE)


def test_far_future_and_finished_games_sleep_at_most_the_cap() -> None:
    """A game days away sleeps the cap; finals and postponements do not hurry."""
    assert _poll(_game(Phase.SCHEDULED, NOW + timedelta(days=3))) == (6 * 3600, Reason.IDLE)
    for phase in (Phase.FINAL, Phase.POSTPONED, Phase.CANCELED, Phase.SUSPENDED):
        assert _poll(_game(phase, NOW - timedelta(hours=1))) == (6 * 3600, Reason.IDLE)
    assert _poll() == (6 * 3600, Reason.IDLE)


def test_retry_after_is_honoured_exactly() -> None:
    """HTTP 429 with Retry-After: wait exactly that long, even during play."""
    health = Health(retry_after=timedelta(seconds=120), consecutive_errors=1)
    assert _poll(_game(Phase.LIVE), health=health) == (120, Reason.RETRY_AFTER)
    assert _poll(_game(Phase.LIVE), health=Health(retry_after=timedelta(seconds=1))) == (
        FLOOR.total_seconds(),
        Reason.RETRY_AFTER,
    )


def test_error_backoff_is_exponential_with_jitter_and_capped() -> None:
    """Consecutive errors double the wait (±10 % jitter) up to a cap."""
    live = _game(Phase.LIVE)
    delays = [_poll(live, health=Health(consecutive_errors=n))[0] for n in (1, 2, 3)]
    assert delays == [30, 60, 120]
    assert _poll(live, health=Health(consecutive_errors=1), random=0.0)[0] == pytest.approx(27)
    assert _poll(live, health=Health(consecutive_errors=1), random=0.999)[0] == pytest.approx(
        33, abs=0.01
    )
    assert _poll(live, health=Health(consecutive_errors=40)) == (
        ERROR_BACKOFF_CAP.total_seconds(),
        Reason.ERROR_BACKOFF,
    )


def test_never_faster_than_max_age() -> None:
    """Polling faster than Cache-Control: max-age would only re-read a cache."""
    assert _poll(_game(Phase.LIVE), health=Health(max_age=timedelta(seconds=30))) == (
        30,
        Reason.MAX_AGE,
    )
    assert _poll(_game(Phase.LIVE), health=Health(max_age=timedelta(seconds=5))) == (
        15,
        Reason.LIVE,
    )


def test_bounds() -> None:
    """User bounds override the live tempo and the idle cap, never the floor."""
    bounds = Bounds(live=timedelta(seconds=7), idle_cap=timedelta(hours=1))
    assert _poll(_game(Phase.LIVE), bounds=bounds) == (7, Reason.LIVE)
    assert _poll(bounds=bounds) == (3600, Reason.IDLE)
    with pytest.raises(ValueError, match="floor"):
        Bounds(live=timedelta(seconds=2))
    with pytest.raises(ValueError, match="idle cap"):
        Bounds(idle_cap=timedelta(days=3))


def test_unknown_sport_uses_a_default_tempo() -> None:
    """A sport without a tempo entry still gets a sane live tempo."""
    assert _poll(_game(Phase.LIVE, sport="curling"), sport="curling") == (15, Reason.LIVE)
