"""A followed golfer in ha-teamtracker's shape, on the derived golf recordings."""

from __future__ import annotations

from datetime import UTC, datetime

from custom_components.live_sports.athlete_view import athlete_view
from custom_components.live_sports.models.field import FieldEvent
from custom_components.live_sports.providers.espn.golf import GOLF_LEAGUES
from custom_components.live_sports.providers.espn.racing import RACING_LEAGUES, parse_racing_board
from custom_components.live_sports.teamtracker import SIDE_FIELDS
from custom_components.live_sports.teamtracker_golf import golf_attributes, golf_state

from .conftest import recorded
from .test_golf import MEMORIAL, SHOPRITE, ZOZO, ZURICH, board
from .test_mma_racing import F1

NOW = datetime(2026, 4, 26, 21, tzinfo=UTC)


def card(events: list[FieldEvent], athlete_id: str, name: str = "Player") -> tuple[str, dict]:
    """Return the card's state and attributes for a followed athlete."""
    view = athlete_view(events, athlete_id, NOW)
    attributes = golf_attributes(
        view, name, fetched_at=NOW, league=GOLF_LEAGUES["pga"], provider="ESPN"
    )
    return golf_state(view), attributes


def test_the_winner_after_the_final_round() -> None:
    """POST; place, to par, the round's strokes and holes; the runner-up as opponent."""
    state, attributes = card([board(MEMORIAL)], "9478")
    assert state == "POST"
    assert {key: attributes[f"team_{key}"] for key in ("name", "rank", "score", "winner")} == {
        "name": "S. Scheffler",
        "rank": "1",
        "score": "-10",
        "winner": True,
    }
    assert (attributes["team_total_shots"], attributes["team_shots_on_target"]) == (70, 18)
    assert (attributes["opponent_long_name"], attributes["opponent_rank"]) == ("Ben Griffin", "2")
    assert attributes["quarter"] == 4
    assert attributes["last_play"].startswith("1. S. Scheffler (-10), 2. B. Griffin (-6)")
    assert attributes["last_play"].count("), ") == 9
    assert attributes["team_logo"].endswith("/usa.png")
    assert set(attributes) >= {
        f"{side}_{field}" for side in ("team", "opponent") for field in SIDE_FIELDS
    }


def test_a_pair_in_the_last_round_against_the_leader() -> None:
    """IN at Zurich: a pair tied second, nine holes in; the leading pair is the opponent."""
    state, attributes = card([board(ZURICH)], "132548")
    assert state == "IN"
    assert (attributes["team_long_name"], attributes["team_rank"], attributes["team_score"]) == (
        "Reitan/Ventura",
        "T2",
        "-28",
    )
    assert attributes["team_shots_on_target"] == 9
    assert attributes["team_winner"] is None
    assert (attributes["opponent_long_name"], attributes["opponent_rank"]) == (
        "Fitzpatrick/Fitzpatrick",
        "1",
    )
    assert attributes["clock"] == "Round 4 - In Progress"


def test_before_the_field_is_out_and_not_entered() -> None:
    """PRE with the event and its date before the entry list; BYE when not in the field."""
    state, attributes = card([board(SHOPRITE)], "9478", "Scottie Scheffler")
    assert state == "PRE"
    assert attributes["event_name"] == "ShopRite LPGA Classic pres. by Acer"
    assert attributes["date"] == "2025-06-06T04:00:00+00:00"
    assert (attributes["team_name"], attributes["team_rank"], attributes["last_play"]) == (
        "Scottie Scheffler",
        None,
        None,
    )
    assert attributes["api_message"] is None
    state, _ = card([board(ZOZO)], "9478")
    assert state == "BYE"


def test_no_event_at_all() -> None:
    """NOT_FOUND only when the tour lists no event."""
    state, attributes = card([], "9478", "Scottie Scheffler")
    assert state == "NOT_FOUND"
    assert attributes["api_message"] == "ESPN lists no PGA TOUR event"


def test_a_driver_in_a_session() -> None:
    """Racing: the place, the session, the lap as the bar; the top ten without scores."""
    sessions = parse_racing_board(recorded(f"espn/{F1}"), RACING_LEAGUES["f1"])
    shootout = sessions[3]
    view = athlete_view([shootout], "4472", NOW)
    attributes = golf_attributes(
        view, "Sergio Pérez", fetched_at=NOW, league=RACING_LEAGUES["f1"], provider="ESPN"
    )
    assert golf_state(view) == "IN"
    assert (attributes["team_rank"], attributes["team_total_shots"], attributes["quarter"]) == (
        "2",
        3,
        3,
    )
    assert attributes["event_name"] == "Azerbaijan GP — SQ"
    assert attributes["opponent_long_name"] == "Cherles Leclerc"
    assert attributes["last_play"].startswith("1. C. Leclerc, 2. S. Pérez, 3. G. Russell")
