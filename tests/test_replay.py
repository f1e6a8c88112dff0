"""The offline Demo league."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from custom_components.live_sports.models import Phase
from custom_components.live_sports.providers.replay import (
    CYCLE,
    DEMO_TEAMS,
    DemoProvider,
    demo_scoreboard,
)

T0 = datetime.fromtimestamp(CYCLE * 2_950_000, UTC)
"""The start of a round."""
ROUND = int(T0.timestamp()) // CYCLE


def test_every_club_plays_once_per_round() -> None:
    """Each round pairs all eight clubs, and rounds differ."""
    rounds = []
    for index in range(7):
        board = demo_scoreboard(T0 + timedelta(seconds=CYCLE * index))
        current = [game for game in board.games if game.id.startswith(f"demo-{ROUND + index}-")]
        teams = Counter(team.team.id for game in current for team in (game.home, game.away))
        assert set(teams.values()) == {1}
        assert len(teams) == 8
        rounds.append(frozenset(frozenset((g.home.team.id, g.away.team.id)) for g in current))
    assert len(set(rounds)) == 7


def test_a_game_runs_through_every_phase_with_scores_only_going_up() -> None:
    """Scheduled, live, half-time, live, final: scores never go down."""
    phases: list[Phase] = []
    last = (0, 0)
    changes = 0
    for second in range(0, CYCLE, 5):
        board = demo_scoreboard(T0 + timedelta(seconds=second))
        game = next(game for game in board.games if game.id == f"demo-{ROUND}-0")
        if not phases or phases[-1] is not game.phase:
            phases.append(game.phase)
        if game.phase is not Phase.SCHEDULED:
            score = (game.home.score or 0, game.away.score or 0)
            assert score >= last
            changes += score != last
            last = score
    assert phases == [Phase.SCHEDULED, Phase.LIVE, Phase.BREAK, Phase.LIVE, Phase.FINAL]
    assert changes >= 1


def test_shots_count_goals_and_only_go_up() -> None:
    """Shots on target include the goals, total shots include those; none before kick-off."""
    last: dict[str, tuple[int, int]] = {}
    seen_misses = False
    for second in range(0, CYCLE, 5):
        board = demo_scoreboard(T0 + timedelta(seconds=second))
        game = next(game for game in board.games if game.id == f"demo-{ROUND}-1")
        for side, competitor in (("home", game.home), ("away", game.away)):
            if game.phase is Phase.SCHEDULED:
                assert competitor.shots_on_target is None
                assert competitor.total_shots is None
                continue
            assert competitor.shots_on_target is not None
            assert competitor.total_shots is not None
            assert competitor.total_shots >= competitor.shots_on_target >= (competitor.score or 0)
            shots = (competitor.shots_on_target, competitor.total_shots)
            assert shots >= last.get(side, (0, 0))
            last[side] = shots
            seen_misses |= competitor.total_shots > competitor.shots_on_target
    assert seen_misses


def test_something_is_live_most_of_the_time_and_deterministic() -> None:
    """A newcomer sees a live game within two minutes; replays are identical."""
    live_seconds = sum(
        any(game.phase is Phase.LIVE for game in demo_scoreboard(T0 + timedelta(seconds=s)).games)
        for s in range(0, CYCLE, 5)
    )
    assert live_seconds / (CYCLE / 5) > 0.7
    at = T0 + timedelta(seconds=200)
    assert demo_scoreboard(at) == demo_scoreboard(at)


async def test_provider() -> None:
    """The provider lists the clubs sorted and serves three rounds."""
    provider = DemoProvider()
    teams = await provider.async_get_teams()
    assert [team.name for team in teams] == sorted(team.name for team in DEMO_TEAMS)
    assert all(team.logo and team.logo.startswith("data:image/svg+xml;base64,") for team in teams)
    board = await provider.async_get_scoreboard([], T0)
    assert len(board.games) == 12
