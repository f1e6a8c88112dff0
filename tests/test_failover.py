"""Failover between providers: borrowing, failing over and back, one identity."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from custom_components.live_sports.diff import ChangeKind, GameState, diff
from custom_components.live_sports.models import Game, Phase, Scoreboard
from custom_components.live_sports.providers.base import ProviderError
from custom_components.live_sports.providers.canonical import behind
from custom_components.live_sports.providers.failover import FailoverPolicy, FailoverProvider

from .failover_fakes import (
    ERRORS,
    ESPN_TEAMS,
    FOLLOWED,
    LEAGUE_TEAMS,
    START,
    Score,
    ScriptedProvider,
    pair,
    scripted_game,
)

LIVE = START + timedelta(minutes=30)


async def _setup(truth: Score) -> tuple[FailoverProvider, ScriptedProvider, ScriptedProvider]:
    primary, fallback = pair(truth)
    failover = FailoverProvider(primary, [fallback], clock=lambda: primary.clock[0])
    assert await failover.async_get_teams() == list(ESPN_TEAMS)
    return failover, primary, fallback


async def _poll(failover: FailoverProvider, at: datetime) -> Scoreboard:
    return await failover.async_get_scoreboard(FOLLOWED, at)


async def _polls(failover: FailoverProvider, at: datetime, times: int) -> datetime:
    """Poll ``times`` times at the live tempo after ``at``; return the last poll's time."""
    for _ in range(times):
        at += timedelta(seconds=10)
        await _poll(failover, at)
    return at


@pytest.mark.parametrize("error", sorted(ERRORS))
async def test_a_failed_refresh_is_served_by_the_fallback(error: str) -> None:
    """5xx, 400, timeout, garbage, 429: the same refresh shows the fallback's score.

    Under the canonical identity: ESPN's game id and team ids, the fallback's
    "LAK" mapped to ESPN's "LA".
    """
    truth = Score(home=1)
    failover, primary, fallback = await _setup(truth)
    before = await _poll(failover, LIVE)
    primary.failing, truth.away = error, 1
    board = await _poll(failover, LIVE + timedelta(seconds=10))

    (game,) = board.games
    assert (game.id, game.home.team.id, game.away.team.id) == ("401", "21", "8")
    assert (game.home.score, game.away.score) == (1, 1)
    assert game.away.team.abbreviation == "LA"
    assert failover.serving is fallback
    assert failover.active is primary  # one error borrows a refresh, no failover
    assert (failover.name, failover.attribution) == ("NHL", "Data provided by the NHL")
    assert before.games[0].id == game.id


async def test_fail_over_after_repeated_failures_then_probe_the_primary_sparsely() -> None:
    """Six failures in a row make the fallback active; ESPN is then only probed."""
    failover, primary, fallback = await _setup(Score())
    await _poll(failover, LIVE)
    primary.failing = "http_500"
    at = await _polls(failover, LIVE, 6)
    assert failover.active is fallback
    assert failover.active_since == at
    calls = primary.calls
    at = await _polls(failover, at, 24)  # four minutes at the live tempo
    assert primary.calls - calls == 2  # a probe every two minutes
    assert failover.switches == 1


async def test_fail_back_only_after_the_hold_down() -> None:
    """ESPN back: it takes over again once healthy for ten minutes, not before."""
    failover, primary, fallback = await _setup(Score())
    await _poll(failover, LIVE)
    primary.failing = "timeout"
    at = await _polls(failover, LIVE, 6)
    assert failover.active is fallback
    primary.failing = None
    recovered = at
    while failover.active is fallback:
        at += timedelta(seconds=10)
        await _poll(failover, at)
        assert at - recovered < timedelta(minutes=15)
    last_failure = failover.health["ESPN"].last_failure
    assert last_failure is not None
    assert at - last_failure >= timedelta(minutes=10)
    assert failover.serving is primary
    assert failover.switches == 2


async def test_a_probe_failure_restarts_the_hold_down() -> None:
    """One more ESPN failure during the hold-down: the fallback stays longer."""
    failover, primary, fallback = await _setup(Score())
    primary.failing = "http_500"
    at = await _polls(failover, LIVE, 6)
    primary.failing = None
    at = await _polls(failover, at, 6 * 6)  # six minutes healthy
    primary.failing = "http_500"
    calls = primary.calls
    while primary.calls == calls:  # until the next probe, which fails
        at += timedelta(seconds=10)
        await _poll(failover, at)
    primary.failing = None
    at = await _polls(
        failover, at, 6 * 8
    )  # eight more minutes: ten since the failover, not since the failure
    assert failover.active is fallback


async def test_a_lagging_provider_never_takes_a_goal_back() -> None:
    """ESPN showed 2-1; the fallback still says 1-1: 2-1 stays until it catches up."""
    truth = Score(home=2, away=1, period=2)
    failover, primary, fallback = await _setup(truth)
    await _poll(failover, LIVE)
    primary.failing = "http_500"
    fallback.lag = Score(home=1, away=1, period=2)
    board = await _poll(failover, LIVE + timedelta(seconds=10))
    assert (board.games[0].home.score, board.games[0].away.score) == (2, 1)
    fallback.lag = None
    truth.home = 3
    board = await _poll(failover, LIVE + timedelta(seconds=20))
    assert (board.games[0].home.score, board.games[0].away.score) == (3, 1)


async def test_changes_across_a_failover_and_back_fire_once_each() -> None:
    """Diffing what is served: each goal once, with the same event id on either provider."""
    truth = Score()
    failover, primary, fallback = await _setup(truth)
    states: dict[str, GameState] = {}
    ids: list[str] = []
    at = LIVE

    async def step(**goal: int) -> None:
        nonlocal states, at
        for attr, value in goal.items():
            setattr(truth, attr, value)
        at += timedelta(seconds=10)
        board = await _poll(failover, at)
        changes, states = diff(states, board.games, FOLLOWED, at)
        ids.extend(c.event_id for c in changes if c.kind is ChangeKind.SCORE_CHANGED)

    await step()
    await step(home=1)
    primary.failing = "http_500"
    await step(away=1)  # borrowed
    for _ in range(6):
        await step()
    assert failover.active is fallback
    await step(home=2)
    primary.failing = None
    for _ in range(70):
        await step()
    assert failover.active is primary
    await step(home=3)
    assert len(ids) == 4
    assert len(set(ids)) == 4


async def test_every_provider_failing_raises_the_active_ones_error() -> None:
    """All down: the primary's error, and since when; cleared by the next success."""
    failover, primary, fallback = await _setup(Score())
    primary.failing, fallback.failing = "http_500", "garbage"
    with pytest.raises(ProviderError, match="HTTP 500"):
        await _poll(failover, LIVE)
    with pytest.raises(ProviderError):
        await _poll(failover, LIVE + timedelta(minutes=1))
    assert failover.all_failed_since == LIVE
    fallback.failing = None
    await _poll(failover, LIVE + timedelta(minutes=2))
    assert failover.all_failed_since is None


async def test_restart_while_failed_over_keeps_the_provider_and_the_ids() -> None:
    """The stored state: the fallback stays active, the game keeps its id."""
    truth = Score()
    failover, primary, fallback = await _setup(truth)
    await _poll(failover, LIVE)
    primary.failing = "http_500"
    at = await _polls(failover, LIVE, 6)
    stored = failover.as_dict(at)

    again = FailoverProvider(primary, [fallback], clock=lambda: primary.clock[0])
    again.restore(stored)
    assert await again.async_get_teams() == list(ESPN_TEAMS)  # ESPN down: the stored list
    board = await again.async_get_scoreboard(FOLLOWED, at + timedelta(seconds=10))
    assert again.active is fallback
    assert board.games[0].id == "401"


async def test_a_game_first_seen_by_the_fallback_keeps_its_id_when_espn_returns() -> None:
    """Whoever saw a game first named it: ESPN's copy takes the fallback's id."""
    primary, fallback = pair(Score())
    failover = FailoverProvider(primary, [fallback])
    await failover.async_get_teams()
    primary.failing = "http_500"
    board = await _poll(failover, LIVE)
    assert board.games[0].id == "nhl_web:2026020001"
    primary.failing = None
    board = await _poll(failover, LIVE + timedelta(seconds=10))
    assert failover.serving is primary
    assert board.games[0].id == "nhl_web:2026020001"


async def test_fallbacks_are_probed_sparsely_while_a_game_is_in_play() -> None:
    """ESPN healthy: the fallback is asked every 15 minutes of live play, compared."""
    truth = Score()
    failover, _, fallback = await _setup(truth)
    fallback.lag = Score(home=0)
    truth.home = 1
    at = LIVE
    at = await _polls(failover, at, 6 * 30)
    assert fallback.calls == 2
    assert fallback.team_calls == 1
    assert failover.health["NHL"].components(at)["freshness"] == 0.0
    assert failover.health["ESPN"].components(at)["freshness"] == 1.0
    unmapped = failover.unmapped()["NHL"]
    assert unmapped == {"provider_teams": {"99": "Nowhere Expansion"}, "followed_unmatched": []}


async def test_no_probe_while_nothing_is_in_play() -> None:
    """Before the game: the fallback is never asked."""
    truth = Score(phase=Phase.SCHEDULED)
    failover, _, fallback = await _setup(truth)
    for minute in range(60):
        await _poll(failover, START - timedelta(hours=2) + timedelta(minutes=minute))
    assert fallback.calls == 0


def test_behind_compares_phase_period_and_score() -> None:
    """A final is ahead of a live game; within a phase, a lower period or total is behind."""

    def game(score: Score) -> Game:
        return scripted_game(LEAGUE_TEAMS[1], LEAGUE_TEAMS[0], score, "g", timedelta(0))

    assert behind(game(Score(home=1)), game(Score(home=1, phase=Phase.FINAL)))
    assert behind(game(Score(period=1)), game(Score(period=2)))
    assert behind(game(Score(home=0)), game(Score(away=1)))
    assert not behind(game(Score(home=1)), game(Score(home=1)))
    assert not behind(game(Score(phase=Phase.SCHEDULED)), game(Score(phase=Phase.POSTPONED)))


async def test_a_fallback_bug_is_an_error_of_that_fallback_only(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A fallback raising something unexpected: logged, counted, the primary unharmed."""
    failover, primary, fallback = await _setup(Score(phase=Phase.LIVE))
    fallback.failing = "bug"
    await _poll(failover, LIVE)
    await _poll(failover, LIVE + timedelta(seconds=10))  # the in-play probe: the bug
    assert failover.serving is primary
    assert failover.health["NHL"].consecutive_failures == 1
    assert "NHL failed unexpectedly for nhl" in caplog.text
    primary.failing = "http_500"
    with pytest.raises(ProviderError, match="HTTP 500"):
        await _poll(failover, LIVE + timedelta(seconds=20))


async def test_a_fallback_without_team_list_maps_the_teams_of_its_games() -> None:
    """Its team list fails: the games' teams still map, tried once only."""
    truth = Score(home=1)
    failover, primary, fallback = await _setup(truth)
    fallback.teams_failing = True
    primary.failing = "http_500"
    board = await _poll(failover, LIVE)
    await _poll(failover, LIVE + timedelta(seconds=10))
    assert board.games[0].home.team.id == "21"
    assert fallback.team_calls == 1
    assert failover.unmapped()["NHL"] == {"provider_teams": {}, "followed_unmatched": []}


async def test_borrowing_from_espn_while_failed_over_is_no_fail_back() -> None:
    """The active fallback fails once, ESPN serves that refresh: the fallback stays active."""
    failover, primary, fallback = await _setup(Score())
    primary.failing = "http_500"
    at = await _polls(failover, LIVE, 6)
    assert failover.active is fallback
    primary.failing, fallback.failing = None, "http_500"
    at += timedelta(seconds=10)
    await _poll(failover, at)
    assert failover.serving is primary
    assert failover.active is fallback  # healthy for seconds, not the hold-down


async def test_failing_back_waits_for_the_minimum_dwell() -> None:
    """ESPN healthy for the hold-down already, the fallback active for less: it stays."""
    truth = Score()
    primary, fallback = pair(truth)
    policy = FailoverPolicy(hold_down=timedelta(minutes=1), min_dwell=timedelta(minutes=10))
    failover = FailoverProvider(primary, [fallback], policy=policy)
    await failover.async_get_teams()
    primary.failing = "http_500"
    at = await _polls(failover, LIVE, 6)
    primary.failing = None
    at = await _polls(failover, at, 6 * 5)
    assert failover.active is fallback
    at = await _polls(failover, at, 6 * 6)
    assert failover.active is primary


async def test_no_probe_while_only_other_teams_play() -> None:
    """The game in play is not a followed team's: the fallback is never asked."""
    failover, _, fallback = await _setup(Score())
    for second in range(0, 3600, 10):
        await failover.async_get_scoreboard(("9",), LIVE + timedelta(seconds=second))
    assert fallback.calls == 0
