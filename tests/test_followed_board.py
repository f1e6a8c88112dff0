"""`followed_board`: a release keeps the followed teams' games and what tells a bye."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
import random
from typing import Any

import pytest

from custom_components.live_sports.models import Phase, Scoreboard, Team
from custom_components.live_sports.release import Release, followed_board
from custom_components.live_sports.release_queue import ReleaseQueue
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


class _Store:
    """Keeps the data function a queue hands to the Store's delayed write."""

    data_func: Callable[[], dict[str, Any]] | None = None

    def async_delay_save(self, data_func: Callable[[], dict[str, Any]], _delay: float) -> None:
        self.data_func = data_func


def test_the_store_writes_a_snapshot_never_live_state() -> None:
    """The Store's thread calls the data function later: it sees the queue as it was at the save."""
    store = _Store()
    queue = ReleaseQueue(None, store, timedelta(seconds=60), ["h0"])  # type: ignore[arg-type]
    board = _board([0, 1, 2], [Phase.SCHEDULED, Phase.LIVE, Phase.LIVE])
    queue.put(Release(NOON, board), {})
    first = store.data_func
    assert first is not None
    queue.put(Release(NOON + timedelta(seconds=15), replace(board, fetched_at=NOON)), {})
    assert len(first()["pending"]) == 1
    assert store.data_func is not None
    assert len(store.data_func()["pending"]) == 2
    # Only the followed game and one that tells the league plays are kept.
    assert [game["id"] for game in first()["pending"][0]["board"]["games"]] == ["g0", "g1"]
