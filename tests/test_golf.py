"""Golf leaderboards parsed from the derived ESPN recordings: places, ties, rounds, cuts."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from custom_components.live_sports.models import Phase
from custom_components.live_sports.models.field import (
    CompetitorKind,
    Entrant,
    EntrantStatus,
    FieldEvent,
    to_par_text,
)
from custom_components.live_sports.providers.base import ProviderResponseError
from custom_components.live_sports.providers.espn.golf import (
    GOLF_LEAGUES,
    golf_league,
    parse_golf_board,
)

from .conftest import recorded

MEMORIAL = "golf/golf_pga_scoreboard_2025-06-03_memorial-tournament_final_72-players.json"
ZURICH = "golf/golf_pga_scoreboard_2026-04-26_zurich-classic_team-event_round4-in-progress.json"
SHOPRITE = "golf/golf_lpga_scoreboard_2025-06-04_shoprite-classic_scheduled.json"
ZOZO = "golf/pga_2022_zozo-championship_in-progress_EVENT.json"


def board(name: str) -> FieldEvent:
    """Return the one event of a derived golf recording, parsed for its own tour."""
    payload = recorded(f"espn/{name}")
    league = golf_league(payload)
    assert league is not None
    (event,) = parse_golf_board(payload, league)
    return event


def named(event: FieldEvent, name: str) -> Entrant:
    """Return the entrant of that name (tests only: the integration matches ids)."""
    return next(item for item in event.entrants if item.name == name)


def test_a_final_leaderboard_with_the_cut_and_a_withdrawal() -> None:
    """The Memorial's 72 players: winner, places with ties, 14 cut, one withdrew."""
    event = board(MEMORIAL)
    assert (event.league, event.phase, event.period, len(event.entrants)) == (
        "pga",
        Phase.FINAL,
        4,
        72,
    )
    winner = event.entrants[0]
    assert (winner.id, winner.name, winner.position_text, winner.score) == (
        "9478",
        "Scottie Scheffler",
        "1",
        -10,
    )
    assert event.leader is winner
    assert winner.athlete is not None
    assert winner.athlete.country == "United States"
    assert [item.strokes for item in winner.rounds] == [70, 70, 68, 70]
    assert winner.rounds[0].tee_time == datetime(2025, 5, 29, 20, 30, tzinfo=UTC)
    statuses = [item.status for item in event.entrants]
    assert statuses.count(EntrantStatus.CUT) == 14
    withdrawn = named(event, "Brian Campbell")
    assert (withdrawn.status, withdrawn.position_text, withdrawn.position) == (
        EntrantStatus.WITHDRAWN,
        "WD",
        None,
    )
    assert (withdrawn.rounds[1].holes, withdrawn.current_round) == (14, withdrawn.rounds[1])
    assert named(event, "Cam Davis").position_text == "CUT"
    tied = [item for item in event.entrants if item.tied]
    assert tied
    assert all(item.position_text == f"T{item.position}" for item in tied)
    # Every place counts the players strictly ahead.
    active = [item for item in event.entrants if item.status is EntrantStatus.ACTIVE]
    for item in active:
        assert item.score is not None
        ahead = sum(1 for other in active if other.score is not None and other.score < item.score)
        assert item.position == ahead + 1


def test_a_team_event_in_progress() -> None:
    """The Zurich Classic: pairs by their team ids, thru this round, the cut after two."""
    event = board(ZURICH)
    assert (event.phase, event.period, event.team_event) == (Phase.LIVE, 4, True)
    assert event.status_detail == "Round 4 - In Progress"
    leader = event.leader
    assert leader is not None
    assert (leader.id, leader.kind, leader.members, leader.score) == (
        "132535",
        CompetitorKind.PAIR,
        ("Fitzpatrick", "Fitzpatrick"),
        -31,
    )
    current = leader.current_round
    assert current is not None
    assert (current.number, current.holes, current.to_par, current.finished) == (4, 7, -1, False)
    assert [item.position_text for item in event.entrants[1:3]] == ["T2", "T2"]
    # ESPN lists some pairs of the weekend after those who missed the cut: placed by score.
    late = next(item for item in event.entrants if item.order == 67)
    assert (late.position_text, late.score) == ("T4", -27)
    assert sum(item.status is EntrantStatus.CUT for item in event.entrants) == 39


def test_an_event_before_its_field_is_published() -> None:
    """The ShopRite LPGA Classic two days ahead: the event, no entrants yet."""
    event = board(SHOPRITE)
    assert (event.league, event.phase, event.field_published, event.leader) == (
        "lpga",
        Phase.SCHEDULED,
        False,
        None,
    )
    assert event.start == datetime(2025, 6, 6, 4, tzinfo=UTC)
    assert event.as_dict()["entrants"] == []


def test_a_round_under_way_hole_by_hole() -> None:
    """ZOZO's last round: the leaders yet to start, some players a few holes in."""
    event = board(ZOZO)
    assert (event.league, event.phase) == ("pga", Phase.LIVE)
    leader = event.leader
    assert leader is not None
    assert leader.current_round is not None
    assert (leader.name, leader.current_round.number) == ("Rickie Fowler", 3)
    on_course = [item for item in event.entrants if item.rounds[3].holes]
    assert on_course
    first = on_course[0]
    assert first.current_round is first.rounds[3]
    assert 0 < first.rounds[3].holes < 18
    assert first.rounds[3].to_par is None  # the recording has strokes, not par


def test_canonical_form_round_trips() -> None:
    """Every event reads back from its canonical JSON form unchanged."""
    for name in (MEMORIAL, ZURICH, SHOPRITE, ZOZO):
        event = board(name)
        assert FieldEvent.from_dict(event.as_dict()) == event
    entrant = board(MEMORIAL).entrants[0].as_dict()
    assert (entrant["position_text"], entrant["score_text"]) == ("1", "-10")


@pytest.mark.parametrize(("score", "text"), [(-10, "-10"), (0, "E"), (3, "+3"), (None, None)])
def test_to_par_text(score: int | None, text: str | None) -> None:
    """Scores to par print as golf prints them."""
    assert to_par_text(score) == text


def test_the_tour_of_a_payload() -> None:
    """A board names its tour by slug; a recording of one event by its uid."""
    assert golf_league({"leagues": [{"slug": "eur"}]}) is GOLF_LEAGUES["dp_world_tour"]
    assert golf_league({"leagues": [{"slug": "liv"}]}) is GOLF_LEAGUES["liv"]
    assert golf_league(recorded(f"espn/{ZOZO}")) is GOLF_LEAGUES["pga"]
    assert golf_league(recorded("espn/nfl.json")) is None
    assert golf_league([]) is None


def _event(**competition: Any) -> dict[str, Any]:
    return {
        "id": "9",
        "name": "Open",
        "shortName": "Open",
        "date": "2026-07-16T04:00Z",
        "competitions": [{"status": {"type": {"name": "STATUS_PLAY_COMPLETE"}}, **competition}],
    }


def test_statuses_and_tee_times_espn_may_send() -> None:
    """Play complete is a break; the provider's own cut and DQ words win; odd tee times skip."""
    rounds = [
        {"period": 1, "value": 70, "displayValue": "-2", "linescores": [{}] * 18},
        {"period": 2, "statistics": {"categories": [{"stats": [{"displayValue": "Fri"}]}]}},
    ]
    competitors = [
        {"id": "1", "athlete": {"displayName": "A"}, "score": "-2", "linescores": rounds},
        {
            "id": "2",
            "athlete": {"fullName": "B"},
            "score": "+1",
            "status": {"type": {"name": "STATUS_DQ"}},
        },
        {"id": "3", "athlete": {"displayName": "C"}, "score": "x", "status": {}},
    ]
    (event,) = parse_golf_board({"events": [_event(competitors=competitors)]}, GOLF_LEAGUES["pga"])
    assert event.phase is Phase.BREAK
    first, second, third = event.entrants
    assert (first.position_text, first.rounds[1].tee_time) == ("1", None)
    assert second.position_text == "DQ"
    assert (third.score, third.position_text) == (None, None)


def test_a_malformed_event_is_skipped_not_the_board() -> None:
    """One event without competitions is skipped; a board of only such raises."""
    good = _event(competitors=[])
    (event,) = parse_golf_board({"events": [{"id": "bad"}, good]}, GOLF_LEAGUES["lpga"])
    assert event.league == "lpga"
    with pytest.raises(ProviderResponseError, match=r"no event parses \(event bad: KeyError"):
        parse_golf_board({"events": [{"id": "bad"}]}, GOLF_LEAGUES["pga"])
    with pytest.raises(ProviderResponseError, match="no events"):
        parse_golf_board({"leagues": []}, GOLF_LEAGUES["pga"])


def _two_events() -> dict[str, Any]:
    """Return the Memorial's board with the Zurich Classic's event listed after it."""
    payload = recorded(f"espn/{MEMORIAL}")
    payload["events"] += recorded(f"espn/{ZURICH}")["events"]
    return payload


def test_a_malformed_event_costs_only_itself(caplog: pytest.LogCaptureFixture) -> None:
    """An event without its date: the other's leaderboard shown, one line naming it."""
    payload = _two_events()
    bad = payload["events"][1]
    del bad["date"]
    assert parse_golf_board(payload, GOLF_LEAGUES["pga"]) == (board(MEMORIAL),)
    lines = [r.getMessage() for r in caplog.records if r.name.endswith(".espn.golf")]
    assert lines == [f"Skipped a malformed pga scoreboard event {bad['id']}: KeyError: 'date'"]


def test_a_board_of_only_malformed_events_is_refused() -> None:
    """No event parses: the board is refused, naming the first event and why."""
    payload = _two_events()
    for event in payload["events"]:
        del event["date"]
    first = payload["events"][0]["id"]
    with pytest.raises(ProviderResponseError) as refused:
        parse_golf_board(payload, GOLF_LEAGUES["pga"])
    assert str(refused.value) == (
        f"malformed pga scoreboard: no event parses (event {first}: KeyError: 'date')"
    )
