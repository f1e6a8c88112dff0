"""Changes of followed golfers between leaderboards: rounds, places, the lead, the cut."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from typing import Any

from custom_components.live_sports.field_diff import (
    EntrantState,
    FieldChange,
    FieldChangeKind,
    diff_fields,
)
from custom_components.live_sports.models.field import FieldEvent
from custom_components.live_sports.providers.espn.golf import GOLF_LEAGUES, parse_golf_board

from .conftest import recorded
from .test_golf import MEMORIAL, ZOZO

NOW = datetime(2022, 10, 16, 3, tzinfo=UTC)
FOWLER, BRADLEY = "3702", "4513"
SCHEFFLER, DAVIS, CAMPBELL = "9478", "10863", "9525"


def parse(payload: dict[str, Any]) -> FieldEvent:
    """Parse a (changed) recording as the PGA TOUR's board."""
    (event,) = parse_golf_board(payload, GOLF_LEAGUES["pga"])
    return event


def competitor(payload: dict[str, Any], athlete_id: str) -> dict[str, Any]:
    """Return a player of a recording (an event, or a board of one event)."""
    event = payload["events"][0] if "events" in payload else payload
    return next(c for c in event["competitions"][0]["competitors"] if c["id"] == athlete_id)


def play(payload: dict[str, Any], athlete_id: str, holes: int, score: str) -> dict[str, Any]:
    """Return the board after a player played `holes` of the last round, now at `score`."""
    payload = copy.deepcopy(payload)
    player = competitor(payload, athlete_id)
    player["linescores"][-1]["linescores"] = [{"value": 4}] * holes
    player["linescores"][-1]["value"] = 4 * holes
    player["score"] = score
    return payload


def kinds(changes: list[FieldChange]) -> list[tuple[FieldChangeKind, str]]:
    """Return each change's kind and athlete."""
    return [(change.kind, change.athlete_id) for change in changes]


def test_a_round_hole_by_hole_the_lead_and_the_end() -> None:
    """Fowler tees off in the lead, is caught, passed, finishes; the event ends."""
    zozo = recorded(f"espn/{ZOZO}")
    followed = [FOWLER]
    changes, states = diff_fields({}, [parse(zozo)], followed, NOW)
    assert changes == []  # first sight: remembered only
    boards = [
        play(zozo, FOWLER, 1, "-14"),
        play(play(zozo, FOWLER, 2, "-14"), BRADLEY, 1, "-14"),
        play(play(zozo, FOWLER, 3, "-14"), BRADLEY, 2, "-15"),
        play(play(zozo, FOWLER, 18, "-14"), BRADLEY, 18, "-15"),
    ]
    final = copy.deepcopy(boards[-1])
    final["competitions"][0]["status"]["type"] |= {"name": "STATUS_FINAL", "state": "post"}
    seen: list[FieldChange] = []
    for payload in [*boards, final]:
        changes, states = diff_fields(states, [parse(payload)], followed, NOW)
        seen += changes
    assert [(change.kind, change.round, change.previous_position) for change in seen] == [
        (FieldChangeKind.ROUND_STARTED, 4, None),
        (FieldChangeKind.PLACE_CHANGED, None, "1"),
        (FieldChangeKind.PLACE_CHANGED, None, "T1"),
        (FieldChangeKind.LOST_LEAD, None, "T1"),
        (FieldChangeKind.ROUND_FINISHED, 4, None),
        (FieldChangeKind.EVENT_FINISHED, None, None),
    ]
    entrant = seen[2].entrant
    assert entrant is not None
    assert entrant.position_text == "2"
    assert len({change.event_id for change in seen}) == len(seen)


def test_taking_the_lead() -> None:
    """Bradley, second, takes the lead outright."""
    zozo = recorded(f"espn/{ZOZO}")
    _, states = diff_fields({}, [parse(zozo)], [BRADLEY], NOW)
    changes, _ = diff_fields(states, [parse(play(zozo, BRADLEY, 3, "-15"))], [BRADLEY], NOW)
    assert kinds(changes) == [
        (FieldChangeKind.ROUND_STARTED, BRADLEY),
        (FieldChangeKind.PLACE_CHANGED, BRADLEY),
        (FieldChangeKind.TOOK_LEAD, BRADLEY),
    ]


def after_two_rounds(memorial: dict[str, Any]) -> dict[str, Any]:
    """Return the Memorial as it stood during the second round: no cut yet."""
    payload = copy.deepcopy(memorial)
    competition = payload["events"][0]["competitions"][0]
    competition["status"] = {"period": 2, "type": {"name": "STATUS_IN_PROGRESS", "state": "in"}}
    for player in competition["competitors"]:
        player["linescores"] = player["linescores"][:2]
    return payload


def test_the_cut_made_and_missed_and_a_withdrawal() -> None:
    """From Friday to the final: one made the cut and won, one missed it, one withdrew."""
    memorial = recorded(f"espn/{MEMORIAL}")
    followed = [SCHEFFLER, DAVIS, CAMPBELL]
    _, states = diff_fields({}, [parse(after_two_rounds(memorial))], followed, NOW)
    changes, _ = diff_fields(states, [parse(memorial)], followed, NOW)
    found = kinds(changes)
    assert (FieldChangeKind.CUT_MADE, SCHEFFLER) in found
    assert (FieldChangeKind.CUT_MISSED, DAVIS) in found
    assert (FieldChangeKind.WITHDREW, CAMPBELL) in found
    assert (FieldChangeKind.CUT_MISSED, SCHEFFLER) not in found
    assert [kind for kind, athlete in found if athlete == SCHEFFLER][-1] is (
        FieldChangeKind.EVENT_FINISHED
    )
    assert all(kind is not FieldChangeKind.PLACE_CHANGED for kind, a in found if a == DAVIS)


def test_ids_are_stable_across_a_restart() -> None:
    """The stored state reads back; the same boards give the same changes and ids."""
    zozo = recorded(f"espn/{ZOZO}")
    _, states = diff_fields({}, [parse(zozo)], [FOWLER], NOW)
    stored = {key: EntrantState.from_dict(state.as_dict()) for key, state in states.items()}
    assert stored == states
    board = [parse(play(zozo, FOWLER, 1, "-15"))]
    first, after = diff_fields(states, board, [FOWLER], NOW)
    again, _ = diff_fields(stored, board, [FOWLER], NOW)
    assert first == again
    assert [FieldChange.from_dict(change.as_dict()) for change in first] == first
    # Nothing moved: no change, and the very same state is kept.
    unchanged, kept = diff_fields(after, board, [FOWLER], NOW)
    assert unchanged == []
    assert kept[f"401465500:{FOWLER}"] is after[f"401465500:{FOWLER}"]


def test_an_event_gone_from_the_board_is_forgotten_after_a_week() -> None:
    """Its state is kept while it may come back, then dropped."""
    zozo = recorded(f"espn/{ZOZO}")
    _, states = diff_fields({}, [parse(zozo)], [FOWLER], NOW)
    start = parse(zozo).start
    assert diff_fields(states, [], [FOWLER], start + timedelta(days=6))[1] == states
    assert diff_fields(states, [], [FOWLER], start + timedelta(days=8))[1] == {}
