"""`followed_board`: a release keeps the followed teams' games and what tells a bye."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
import random

import pytest

from custom_components.live_sports.models import Phase, Scoreboard, Team
from custom_components.live_sports.release import followed_board
from custom_components.live_sports.teamtracker import LEAGUE_DAY, teamtracker_state

from .conftest import make_game

NOON = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def _team(team_id: str) -> Team:
    return Team(id=team_id, abbreviation=team_id.upper(), name=team_id, short_name=team_id)


def _board(starts_h: list[float], phases: list[Phase] | None = None) -> Scoreboard:
    phases = phases or [Phase.SCHEDULED] * len(starts_h)
    games = tuple(
        make_game(
            phase,
            _team(f"h{index}"),
            _team(f"a{index}"),
            start=NOON + timedelta(hours=hours),
            game_id=f"g{index}",
        )
        for index, (hours, phase) in enumerate(zip(starts_h, phases, strict=True))
    )
    return Scoreboard(league="nfl", fetched_at=NOON, games=games)


def test_keeps_the_followed_games_and_one_under_way() -> None:
    board = _board([0, 1, 2, 3], [Phase.FINAL, Phase.LIVE, Phase.LIVE, Phase.SCHEDULED])
    kept = followed_board(board, ["h3"], LEAGUE_DAY)
    assert [game.id for game in kept.games] == ["g1", "g3"]


def test_a_board_of_followed_games_is_kept_as_it_is() -> None:
    board = _board([0, 1])
    assert followed_board(board, ["h0", "a1"], LEAGUE_DAY) is board


@pytest.mark.parametrize("seed", range(40))
def test_a_bye_reads_the_same_on_the_kept_board(seed: int) -> None:
    """A followed team without a game: BYE or NOT_FOUND alike, at any moment, on both boards."""
    rng = random.Random(seed)  # noqa: S311 - seeded test data
    starts = [rng.uniform(-60, 60) for _ in range(rng.randint(1, 12))]
    board = _board(starts)
    kept = followed_board(board, ["nobody"], LEAGUE_DAY)
    assert len(kept.games) <= len(board.games)
    for minutes in range(-100 * 60, 100 * 60, 20):
        now = NOON + timedelta(minutes=minutes)
        assert teamtracker_state(None, kept, now) == teamtracker_state(None, board, now), now
