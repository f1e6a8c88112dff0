"""What a followed golfer's entities show, on the derived golf recordings."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta

import pytest

from custom_components.live_sports.athlete_view import AthleteStatus, athlete_view
from custom_components.live_sports.providers.espn.golf import GOLF_LEAGUES, parse_golf_board

from .conftest import recorded
from .test_field_diff import play
from .test_golf import MEMORIAL, SHOPRITE, ZOZO, ZURICH, board

NOW = datetime(2026, 4, 26, 21, tzinfo=UTC)


@pytest.mark.parametrize(
    ("athlete_id", "status", "position", "score"),
    [
        ("9478", AthleteStatus.WON, "1", -10),
        ("4404992", AthleteStatus.FINISHED, "2", -6),
        ("10863", AthleteStatus.CUT, "CUT", 12),
        ("9525", AthleteStatus.WITHDRAWN, "WD", 15),
    ],
)
def test_a_final(athlete_id: str, status: AthleteStatus, position: str, score: int) -> None:
    """The Memorial's winner, runner-up, a missed cut and a withdrawal."""
    view = athlete_view([board(MEMORIAL)], athlete_id, NOW)
    assert view.status is status
    assert view.entrant is not None
    assert (view.entrant.position_text, view.entrant.score) == (position, score)
    assert (view.next_start, view.playing, view.leader_text) == (
        None,
        False,
        "Scottie Scheffler -10",
    )


def test_a_pair_on_the_course_at_a_team_event() -> None:
    """Zurich: the leading pair seven holes into the last round, one under today."""
    view = athlete_view([board(ZURICH)], "132535", NOW)
    assert (view.status, view.playing, view.thru, view.today) == (
        AthleteStatus.IN_PLAY,
        True,
        "7",
        -1,
    )
    assert view.entrant is not None
    assert view.entrant.position_text == "1"


def test_between_rounds_then_on_the_course() -> None:
    """ZOZO: the leader has not teed off in the last round; after a hole he is playing."""
    zozo = recorded(f"espn/{ZOZO}")
    view = athlete_view([board(ZOZO)], "3702", NOW)
    assert (view.status, view.thru, view.today) == (AthleteStatus.BETWEEN_ROUNDS, "F", None)
    (event,) = parse_golf_board(play(zozo, "3702", 1, "-15"), GOLF_LEAGUES["pga"])
    view = athlete_view([event], "3702", NOW)
    assert (view.status, view.thru) == (AthleteStatus.IN_PLAY, "1")


def test_the_next_tee_time() -> None:
    """Before a round, its tee time; once the rounds are known none is left to come."""
    memorial = copy.deepcopy(recorded(f"espn/{MEMORIAL}"))
    competition = memorial["events"][0]["competitions"][0]
    competition["status"] = {"period": 4, "type": {"name": "STATUS_IN_PROGRESS", "state": "in"}}
    scheffler = competition["competitors"][0]
    del scheffler["linescores"][3]["linescores"]
    (event,) = parse_golf_board(memorial, GOLF_LEAGUES["pga"])
    sunday = datetime(2025, 6, 1, 12, tzinfo=UTC)
    view = athlete_view([event], "9478", sunday)
    assert view.status is AthleteStatus.BETWEEN_ROUNDS
    assert view.next_start == datetime(2025, 6, 1, 21, 5, tzinfo=UTC)
    assert athlete_view([event], "9478", sunday + timedelta(hours=10)).next_start is None


def test_never_not_found_while_the_tour_has_an_event() -> None:
    """Before the field is out: awaiting the entry list, with the start; else not entered."""
    shoprite = board(SHOPRITE)
    before = datetime(2025, 6, 4, tzinfo=UTC)
    view = athlete_view([shoprite], "9478", before)
    assert (view.status, view.event, view.next_start) == (
        AthleteStatus.AWAITING_ENTRY_LIST,
        shoprite,
        shoprite.start,
    )
    assert view.leader_text is None
    assert athlete_view([board(ZOZO)], "9478", NOW).status is AthleteStatus.NOT_ENTERED
    empty = athlete_view([], "9478", NOW)
    assert (empty.status, empty.round, empty.thru, empty.leader) == (
        AthleteStatus.NO_EVENT,
        None,
        None,
        None,
    )
