"""A followed tennis player in ha-teamtracker's shape, on the derived recordings."""

from __future__ import annotations

from datetime import UTC, datetime

from custom_components.live_sports.models import Scoreboard
from custom_components.live_sports.providers.espn.tennis import TENNIS_LEAGUES
from custom_components.live_sports.teamtracker import teamtracker_attributes, teamtracker_state

from .test_tennis import BEGU, LIMOGES, SLAM, board


def card(name: str, game_id: str, team_id: str, now: datetime) -> tuple[str, dict]:
    """Return the card's state and attributes for a player in one match of a recording."""
    games = board(name)
    game = next(game for game in games if game.id == game_id)
    scoreboard = Scoreboard(league=game.league, fetched_at=now, games=games)
    team = (
        game.home if game.side_of(team_id) is game.side_of(game.home.team.id) else game.away
    ).team
    attributes = teamtracker_attributes(
        team, game, scoreboard, now=now, league=TENNIS_LEAGUES[game.league], provider="ESPN"
    )
    return teamtracker_state(game, scoreboard, now), attributes


def test_a_match_in_its_first_set() -> None:
    """Live: the set's games as the score, the sets won, the seed, the set as the clock."""
    now = datetime(2022, 12, 15, 14, tzinfo=UTC)
    state, attributes = card(LIMOGES, "128753", "1371", now)
    assert state == "IN"
    assert (attributes["team_name"], attributes["team_rank"]) == ("A. Bogdan", 4)
    assert (attributes["team_score"], attributes["opponent_score"]) == (1, 4)
    assert (attributes["team_sets_won"], attributes["opponent_sets_won"]) == (0, 0)
    assert attributes["clock"] == "1st Set"
    assert attributes["last_play"] == "Set 1: A. Bogdan 1 A. Blinkova 4"


def test_a_retirement_after_the_match() -> None:
    """Post: the sets won as the score; the tiebreak of the last set when it had one."""
    now = datetime(2025, 5, 26, 21, tzinfo=UTC)
    state, attributes = card(SLAM, "157174", BEGU, now)
    assert state == "POST"
    assert attributes["team_long_name"] == "Irina-Camelia Begu"
    assert (attributes["team_score"], attributes["opponent_score"]) == (1, 1)
    assert (attributes["team_winner"], attributes["opponent_winner"]) == (False, True)
    assert attributes["clock"] == "Retired"
    assert (attributes["venue"], attributes["down_distance_text"]) == ("Court 7", "Round 1")
    tiebreaks = [
        game for game in board(LIMOGES) if game.phase.value == "final" and game.home.tiebreaks
    ]
    last_set_tiebreak = [game for game in tiebreaks if game.home.tiebreaks[-1] is not None]
    assert last_set_tiebreak  # Limoges has a match decided in a tiebreak
    game = last_set_tiebreak[0]
    _, attributes = card(LIMOGES, game.id, game.home.team.id, now)
    assert attributes["team_shots_on_target"] == game.home.tiebreaks[-1] is not None
