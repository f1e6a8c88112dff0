"""MMA cards and racing weekends parsed from the derived ESPN recordings."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from custom_components.live_sports.models import Game, Phase, Result
from custom_components.live_sports.models.field import FieldEvent
from custom_components.live_sports.providers.base import ProviderResponseError
from custom_components.live_sports.providers.espn.mma import (
    MMA_LEAGUES,
    mma_league,
    parse_mma_board,
)
from custom_components.live_sports.providers.espn.racing import (
    RACING_LEAGUES,
    parse_racing_board,
    racing_league,
)

from .conftest import recorded

UFC = "mma/ufc_fight-night_cannonier-strickland_in-progress_13-bouts_EVENT.json"
F1 = "racing/f1_2023_azerbaijan-gp_final_5-sessions_EVENT.json"
NASCAR = "racing/racing_nascar-premier_scoreboard_2026-05-03_texas_scheduled.json"


def card() -> tuple[Game, ...]:
    """Return the UFC card's bouts."""
    payload = recorded(f"espn/{UFC}")
    league = mma_league(payload)
    assert league is MMA_LEAGUES["ufc"]
    return parse_mma_board(payload, league)


def weekend(name: str) -> tuple[FieldEvent, ...]:
    """Return a racing recording's sessions."""
    payload = recorded(f"espn/{name}")
    league = racing_league(payload)
    assert league is not None
    return parse_racing_board(payload, league)


def test_a_ufc_card_in_progress() -> None:
    """13 bouts: decisions with the judges' cards, a bout under way, the rest to come."""
    bouts = {bout.id: bout for bout in card()}
    assert len(bouts) == 13
    live = bouts["401505365"]
    assert (live.phase, live.period, live.clock, live.status_detail) == (
        Phase.LIVE,
        1,
        "2:27",
        "R1, 2:27",
    )
    assert (live.home.team.name, live.home.record) == ("Alex Caceres", "19-13-0")
    decision = bouts["401505372"]
    assert decision.result_for(decision.home.team.id) is Result.WIN
    assert (decision.home.set_scores, decision.away.set_scores) == ((29, 30, 29), (28, 27, 28))
    assert (decision.home.score, decision.away.score) == (3, 0)  # the judges' cards won
    assert decision.competition == "UFC Fight Night: Cannonier vs. Strickland — Bantamweight"
    stoppage = bouts["401508991"]
    assert (stoppage.period, stoppage.home.score, stoppage.away.winner) == (1, None, True)
    assert Game.from_dict(decision.as_dict()) == decision


def test_an_f1_weekend_of_five_sessions() -> None:
    """Practice, qualifying, sprint (final), sprint qualifying under way, the race to come."""
    sessions = weekend(F1)
    assert [session.name.rsplit(" — ", 1)[1] for session in sessions] == [
        "FP1",
        "Qual",
        "Sprint",
        "SQ",
        "Race",
    ]
    assert [session.phase for session in sessions] == [
        Phase.FINAL,
        Phase.FINAL,
        Phase.FINAL,
        Phase.LIVE,
        Phase.SCHEDULED,
    ]
    qualifying = sessions[1]
    assert qualifying.leader is not None
    assert qualifying.leader.name == "Cherles Leclerc"
    assert [entrant.position for entrant in qualifying.entrants[:3]] == [1, 2, 3]
    under_way = sessions[3]
    assert (under_way.period, len(under_way.entrants)) == (3, 20)
    race = sessions[4]
    assert (race.leader, len(race.entrants), race.start) == (
        None,
        20,
        datetime(2023, 4, 30, 11, tzinfo=UTC),
    )
    assert FieldEvent.from_dict(qualifying.as_dict()) == qualifying


def test_nascar_before_the_entry_list() -> None:
    """The race is there with its start, no driver yet: awaiting the entry list."""
    (race,) = weekend(NASCAR)
    assert (race.league, race.phase, race.field_published) == (
        "nascar_cup",
        Phase.SCHEDULED,
        False,
    )
    assert race.start == datetime(2026, 5, 3, 19, 30, tzinfo=UTC)


def test_leagues_and_malformed_boards() -> None:
    """Boards name their series; one bad session or bout is skipped, a board of only bad raises."""
    assert racing_league({"leagues": [{"slug": "irl"}]}) is RACING_LEAGUES["indycar"]
    assert mma_league({"leagues": [{"slug": "pfl"}]}) is MMA_LEAGUES["pfl"]
    assert racing_league(recorded("espn/nfl.json")) is None
    assert mma_league([]) is None
    good = {"id": "1", "date": "2026-01-01T00:00Z", "competitors": []}
    (session,) = parse_racing_board(
        {"events": [{"name": "GP", "competitions": [{"id": "bad"}, good]}]}, RACING_LEAGUES["f1"]
    )
    assert session.name == "GP"
    with pytest.raises(ProviderResponseError, match=r"no session parses \(session bad: KeyError"):
        parse_racing_board({"competitions": [{"id": "bad"}]}, RACING_LEAGUES["f1"])
    with pytest.raises(ProviderResponseError, match="no events"):
        parse_racing_board([], RACING_LEAGUES["f1"])
    with pytest.raises(ProviderResponseError, match=r"no bout parses \(bout bad: KeyError"):
        parse_mma_board({"competitions": [{"id": "bad"}]}, MMA_LEAGUES["ufc"])
    with pytest.raises(ProviderResponseError, match="no events"):
        parse_mma_board({}, MMA_LEAGUES["ufc"])
    two = {"id": "2", "date": "2026-01-01T00:00Z", "competitors": [{"id": "a"}, {"id": "b"}]}
    (bout,) = parse_mma_board(
        {"events": [{"competitions": [{"id": "bad"}, two]}]}, MMA_LEAGUES["ufc"]
    )
    assert (bout.name, bout.venue, bout.competition) == ("a vs b", None, None)


def _warnings(caplog: pytest.LogCaptureFixture, module: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name.endswith(f".espn.{module}")]


def test_a_malformed_bout_costs_only_itself(caplog: pytest.LogCaptureFixture) -> None:
    """A bout without its fighters: the card's 12 others shown, one line naming it."""
    payload = recorded(f"espn/{UFC}")
    bad = payload["competitions"][4]
    del bad["competitors"]
    bouts = parse_mma_board(payload, MMA_LEAGUES["ufc"])
    assert bouts == tuple(bout for bout in card() if bout.id != bad["id"])
    assert _warnings(caplog, "mma") == [
        f"Skipped a malformed ufc scoreboard bout {bad['id']}: KeyError: 'competitors'"
    ]


def test_a_card_of_only_malformed_bouts_is_refused() -> None:
    """No bout parses: the card is refused, naming the first bout and why."""
    payload = recorded(f"espn/{UFC}")
    for bout in payload["competitions"]:
        del bout["competitors"]
    first = payload["competitions"][0]["id"]
    with pytest.raises(ProviderResponseError) as refused:
        parse_mma_board(payload, MMA_LEAGUES["ufc"])
    assert str(refused.value) == (
        f"malformed ufc scoreboard: no bout parses (bout {first}: KeyError: 'competitors')"
    )


def test_a_malformed_session_costs_only_itself(caplog: pytest.LogCaptureFixture) -> None:
    """Qualifying without a start: the weekend's 4 other sessions shown, one line naming it."""
    payload = recorded(f"espn/{F1}")
    bad = payload["competitions"][1]
    del bad["date"], bad["startDate"]
    sessions = parse_racing_board(payload, RACING_LEAGUES["f1"])
    assert sessions == tuple(session for session in weekend(F1) if session.id != bad["id"])
    assert _warnings(caplog, "racing") == [
        f"Skipped a malformed f1 scoreboard session {bad['id']}: KeyError: 'date'"
    ]


def test_a_weekend_of_only_malformed_sessions_is_refused() -> None:
    """No session parses: the weekend is refused, naming the first session and why."""
    payload = recorded(f"espn/{F1}")
    for session in payload["competitions"]:
        del session["date"], session["startDate"]
    first = payload["competitions"][0]["id"]
    with pytest.raises(ProviderResponseError) as refused:
        parse_racing_board(payload, RACING_LEAGUES["f1"])
    assert str(refused.value) == (
        f"malformed f1 scoreboard: no session parses (session {first}: KeyError: 'date')"
    )
