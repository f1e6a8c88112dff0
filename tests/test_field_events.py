"""A followed golfer's changes as bus event data, logbook text, history points, stored releases."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

import pytest

from custom_components.live_sports.events import (
    ALL_BUS_EVENTS,
    bus_event_type,
    describe,
    event_data,
)
from custom_components.live_sports.field_diff import FieldChange, FieldChangeKind, diff_fields
from custom_components.live_sports.history.schema import EVENTS_MEASUREMENT, event_line
from custom_components.live_sports.models import Scoreboard
from custom_components.live_sports.release import Release

from .conftest import recorded
from .test_field_diff import BRADLEY, FOWLER, parse, play
from .test_golf import ZOZO

NOW = datetime(2022, 10, 16, 3, tzinfo=UTC)


def changes_of_a_round() -> list[FieldChange]:
    """Fowler tees off, Bradley passes him, Fowler finishes the round and the event."""
    zozo = recorded(f"espn/{ZOZO}")
    _, states = diff_fields({}, [parse(zozo)], [FOWLER, BRADLEY], NOW)
    final = play(play(zozo, FOWLER, 18, "-14"), BRADLEY, 18, "-15")
    final["competitions"][0]["status"]["type"] |= {"name": "STATUS_FINAL", "state": "post"}
    found: list[FieldChange] = []
    for payload in (play(zozo, FOWLER, 1, "-14"), final):
        changes, states = diff_fields(states, [parse(payload)], [FOWLER, BRADLEY], NOW)
        found += changes
    return found


def test_bus_event_data() -> None:
    """The data names the athlete, the event, the place, the score, the round and the leader."""
    changes = changes_of_a_round()
    started = changes[0]
    assert bus_event_type(started) == "live_sports_round_started"
    assert bus_event_type(started) in ALL_BUS_EVENTS
    data = event_data(started, "entry")
    assert {key: data[key] for key in ("team_id", "team_name", "change", "round", "thru")} == {
        "team_id": FOWLER,
        "team_name": "Rickie Fowler",
        "change": "round_started",
        "round": 4,
        "thru": 1,
    }
    assert (data["position_text"], data["score"], data["leader_name"]) == (
        "1",
        -14,
        "Rickie Fowler",
    )
    assert data["competition_name"] == "ZOZO CHAMPIONSHIP"
    # The event in its canonical form, with the athlete and the leader only.
    assert [item["id"] for item in data["event"]["entrants"]] == [FOWLER]
    assert data["event"]["field_size"] == 78


def test_logbook_texts_of_every_kind() -> None:
    """Each kind of change reads as a sentence about the athlete."""
    texts = [describe(event_data(change, "entry")) for change in changes_of_a_round()]
    assert texts == [
        "Rickie Fowler started round 4 — 1, -14",
        "Rickie Fowler moved from 1 to 2, -14",
        "Rickie Fowler lost the lead to Keegan Bradley — 2, -14",
        "Rickie Fowler finished round 4: 72 — 2, -14",
        "Rickie Fowler finished 2nd at ZOZO CHAMPIONSHIP — 2, -14",
        "Keegan Bradley started round 4 — 1, -15",
        "Keegan Bradley moved from 2 to 1, -15",
        "Keegan Bradley took the lead — 1, -15",
        "Keegan Bradley finished round 4: 72 — 1, -15",
        "Keegan Bradley won ZOZO CHAMPIONSHIP — 1, -15",
    ]


@pytest.mark.parametrize(
    ("change", "extra", "text"),
    [
        ("cut_made", {}, "A. Player made the cut — T20, -3"),
        ("cut_missed", {}, "A. Player missed the cut — -3"),
        ("withdrew", {}, "A. Player withdrew from The Open"),
        (
            "round_finished",
            {"round_strokes": 68, "round_to_par": -3},
            "A. Player finished round 2: 68 (-3) — T20, -3",
        ),
        ("event_finished", {"position": 20}, "A. Player finished tied 20th at The Open — T20, -3"),
        ("event_finished", {"position": None}, "A. Player: The Open finished"),
        ("something_new", {}, "A. Player: something_new"),
    ],
)
def test_logbook_texts_of_the_cut_and_the_rest(change: str, extra: dict, text: str) -> None:
    """The cut, a withdrawal, a round's card and places after ties."""
    data = {
        "athlete_id": "1",
        "team_name": "A. Player",
        "competition_name": "The Open",
        "change": change,
        "round": 2,
        "position_text": "T20",
        "score": -3,
    }
    assert describe(data | extra) == text


def test_history_points_of_field_changes() -> None:
    """One point per change in the events measurement, tagged like a team's."""
    pytest.importorskip("influxdb_client_3")
    change = changes_of_a_round()[0]
    line = event_line(change, 1000)
    assert line.startswith(f"{EVENTS_MEASUREMENT},")
    assert "event=round_started" in line
    assert f"team_id={FOWLER}" in line
    assert "game_id=401465500" in line
    assert "position=1i" in line
    assert "score=-14i" in line


def test_stored_releases_keep_field_changes() -> None:
    """A release held back by the stream delay reads back with its athletes' changes."""
    changes = tuple(changes_of_a_round())
    release = Release(NOW, Scoreboard(league="pga", fetched_at=NOW), changes)
    again = Release.from_dict(copy.deepcopy(release.as_dict()))
    assert again == release
    assert [type(change) for change in again.changes] == [FieldChange] * len(changes)
    assert again.changes[0].kind is FieldChangeKind.ROUND_STARTED
