"""Tennis boards parsed from the derived ESPN recordings: singles, doubles, retirements."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import pytest

from custom_components.live_sports.models import Game, Phase, Result, Side
from custom_components.live_sports.providers.base import ProviderResponseError
from custom_components.live_sports.providers.espn.match_client import match_players
from custom_components.live_sports.providers.espn.tennis import (
    TENNIS_LEAGUES,
    parse_tennis_board,
    tennis_league,
)

from .conftest import recorded

SLAM = "tennis/tennis_atp_scoreboard_2025-06-01_roland-garros_final-retired-walkover-scheduled.json"
LIMOGES = "tennis/wta_2022_limoges_in-progress_35-matches_EVENT.json"
BEGU = "906"


def board(name: str) -> tuple[Game, ...]:
    """Return the matches of a derived tennis recording, parsed for its own tour."""
    payload = recorded(f"espn/{name}")
    league = tennis_league(payload)
    assert league is not None
    return parse_tennis_board(payload, league)


def test_a_grand_slam_of_635_matches() -> None:
    """Roland Garros: every draw's matches, finals (retirements, walkovers) and scheduled."""
    games = board(SLAM)
    assert len(games) == 635
    assert Counter(game.phase for game in games) == {Phase.FINAL: 584, Phase.SCHEDULED: 51}
    assert Counter(game.status_detail for game in games)["Retired"] == 7
    walkovers = [game for game in games if game.status_detail == "Walkover"]
    assert len(walkovers) == 3
    assert all(game.home.winner is not game.away.winner for game in walkovers)
    assert [game.start for game in games] == sorted(game.start for game in games)


def test_an_athletes_singles_and_doubles_and_a_retirement() -> None:
    """Begu: her singles (lost when she retired) and her doubles by her own id."""
    games = [game for game in board(SLAM) if game.involves(BEGU)]
    assert [game.id for game in games] == ["157174", "157270", "157274", "157290"]
    singles, first, second, next_round = games
    assert (singles.status_detail, singles.result_for(BEGU)) == ("Retired", Result.LOSS)
    assert singles.competition == "Roland Garros — Women's Singles — Round 1"
    assert (singles.away.team.name, singles.away.set_scores, singles.away.score) == (
        "Irina-Camelia Begu",
        (6, 5, 0),
        1,
    )
    assert singles.home.set_scores == (0, 7, 3)
    assert singles.venue is not None
    assert singles.venue.name == "Court 7"
    pair = first.side_of(BEGU)
    assert pair is Side.AWAY
    assert (first.away.team.id, first.away.members) == ("906-706", ("906", "706"))
    assert first.away.team.name == "Irina-Camelia Begu / Yanina Wickmayer"
    assert (first.result_for(BEGU), second.result_for(BEGU)) == (Result.WIN, Result.WIN)
    assert (next_round.phase, next_round.home.score, next_round.home.set_scores) == (
        Phase.SCHEDULED,
        None,
        (),
    )
    assert next_round.start == datetime(2025, 6, 2, 9, tzinfo=UTC)
    assert Game.from_dict(first.as_dict()) == first


def test_a_wta_event_in_progress_with_tiebreaks() -> None:
    """Limoges: one match in the first set, tiebreak points kept per set."""
    games = board(LIMOGES)
    assert {game.league for game in games} == {"wta"}
    (live,) = [game for game in games if game.phase.in_play]
    assert (live.name, live.status_detail, live.period) == (
        "Ana Bogdan vs Anna Blinkova",
        "1st Set",
        1,
    )
    assert (live.home.set_scores, live.away.set_scores, live.home.score) == ((1,), (4,), 0)
    assert live.home.rank == 4  # the seed
    tiebreaks = [game for game in games if game.home.tiebreaks or game.away.tiebreaks]
    assert tiebreaks
    game = tiebreaks[0]
    assert Game.from_dict(game.as_dict()) == game
    assert any(value is not None for value in (*game.home.tiebreaks, *game.away.tiebreaks))


def test_the_pick_list() -> None:
    """Singles players by name, then pairs; nobody "TBD"."""
    players = match_players(board(SLAM))
    names = [team.name for team in players]
    assert "Irina-Camelia Begu" in names
    assert "Irina-Camelia Begu / Yanina Wickmayer" in names
    assert names.index("Irina-Camelia Begu") < names.index("Irina-Camelia Begu / Yanina Wickmayer")
    assert not [name for name in names if "TBD" in name]
    assert len({team.id for team in players}) == len(players)


def test_the_tour_of_a_payload_and_malformed_boards() -> None:
    """A board names its tour; a malformed match is skipped, a board without any raises."""
    assert tennis_league({"leagues": [{"slug": "wta"}]}) is TENNIS_LEAGUES["wta"]
    assert tennis_league(recorded("espn/nfl.json")) is None
    good = {"id": "1", "date": "2026-01-01T00:00Z", "competitors": [{"id": "1"}, {"id": "2"}]}
    event = {"competitions": [{"id": "bad"}, good]}
    (game,) = parse_tennis_board({"events": [event]}, TENNIS_LEAGUES["atp"])
    assert (game.home.team.name, game.phase) == ("1", Phase.SCHEDULED)
    with pytest.raises(ProviderResponseError, match=r"no match parses \(match bad: KeyError"):
        parse_tennis_board({"competitions": [{"id": "bad"}]}, TENNIS_LEAGUES["atp"])
    with pytest.raises(ProviderResponseError, match="no events"):
        parse_tennis_board([], TENNIS_LEAGUES["atp"])


def test_a_malformed_match_costs_only_itself(caplog: pytest.LogCaptureFixture) -> None:
    """A match without its players: Limoges's 34 others shown, one line naming it."""
    payload = recorded(f"espn/{LIMOGES}")
    bad = payload["competitions"][7]
    del bad["competitors"]
    games = parse_tennis_board(payload, TENNIS_LEAGUES["wta"])
    assert games == tuple(game for game in board(LIMOGES) if game.id != bad["id"])
    lines = [r.getMessage() for r in caplog.records if r.name.endswith(".espn.tennis")]
    assert lines == [
        f"Skipped a malformed wta scoreboard match {bad['id']}: KeyError: 'competitors'"
    ]


def test_a_tournament_of_only_malformed_matches_is_refused() -> None:
    """No match parses: the board is refused, naming the first match and why."""
    payload = recorded(f"espn/{LIMOGES}")
    for match in payload["competitions"]:
        del match["competitors"]
    first = payload["competitions"][0]["id"]
    with pytest.raises(ProviderResponseError) as refused:
        parse_tennis_board(payload, TENNIS_LEAGUES["wta"])
    assert str(refused.value) == (
        f"malformed wta scoreboard: no match parses (match {first}: KeyError: 'competitors')"
    )
