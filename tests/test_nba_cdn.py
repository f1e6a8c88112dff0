"""Parsing the NBA's live data scoreboard into the domain."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion

from custom_components.live_sports.models import Phase, Result
from custom_components.live_sports.providers.base import ProviderResponseError
from custom_components.live_sports.providers.nba_cdn import (
    infer_league,
    parse_clock,
    parse_games,
    parse_scoreboard,
)

from .conftest import own, recorded

NOW = datetime(2023, 4, 21, 2, 30, tzinfo=UTC)
BOARD = "nba-cdn/nba_liveData_todaysScoreboard_00_2023-04-20_2live_1final.json"


def _games(payload: Any) -> dict[str, Any]:
    return {game.id.removeprefix("nba_cdn:"): game for game in parse_games(payload)}


def test_recorded_scoreboard(snapshot: SnapshotAssertion) -> None:
    """The recorded scoreboard parses to the same canonical games."""
    unknown: list[str] = []
    payload = recorded(BOARD)
    board = parse_scoreboard(
        payload, NOW, infer_league(payload), on_unknown=lambda s, c: unknown.append(s)
    )
    assert (board.league, len(board.games), unknown) == ("nba", 3, [])
    assert [game.as_dict() for game in board.games] == snapshot


def test_recorded_games() -> None:
    """2023-04-20 play-offs: SAC @ GSW and PHX @ LAC live, PHI @ BKN final."""
    games = _games(recorded(BOARD))
    warriors = games["0042200163"]  # SAC 30 @ GSW 39, Q2 7:15
    assert (warriors.phase, warriors.period, warriors.clock) == (Phase.LIVE, 2, "7:15")
    assert (warriors.away.score, warriors.home.score) == (30, 39)
    assert warriors.status_detail == "Q2 07:15"
    assert warriors.home.team.id == "1610612744"
    assert warriors.home.team.name == "Golden State Warriors"
    assert (warriors.home.team.abbreviation, warriors.home.team.short_name) == ("GSW", "Warriors")
    assert warriors.home.record == "0-2"
    assert warriors.season == 2023
    assert warriors.start == datetime(2023, 4, 21, 2, 0, tzinfo=UTC)
    assert (games["0042200173"].phase, games["0042200173"].clock) == (Phase.LIVE, "6:05")
    nets = games["0042200123"]  # PHI 102 @ BKN 97, final
    assert (nets.phase, nets.away.score, nets.home.score) == (Phase.FINAL, 102, 97)
    assert (nets.period, nets.clock) == (4, None)
    assert nets.result_for("1610612755") is Result.WIN


def test_breaks_postponements_and_unknown_statuses() -> None:
    """Half time, end of a quarter, a run-down clock; postponed; unknown status."""
    unknown: list[tuple[str, str]] = []
    games = {
        game.id.removeprefix("nba_cdn:"): game
        for game in parse_games(
            own("nba_cdn_edge_cases.json"), on_unknown=lambda s, c: unknown.append((s, c))
        )
    }
    assert games["0022400551"].phase is Phase.BREAK  # Half
    assert games["0022400552"].phase is Phase.BREAK  # End Q3
    assert games["0022400553"].phase is Phase.BREAK  # clock 0:00.0, text not updated yet
    late = games["0022400554"]
    assert (late.phase, late.clock) == (Phase.LIVE, "45.3")
    postponed = games["0022400555"]
    assert (postponed.phase, postponed.home.score, postponed.period) == (
        Phase.POSTPONED,
        None,
        None,
    )
    scheduled = games["0022400556"]
    assert (scheduled.phase, scheduled.home.score, scheduled.clock) == (
        Phase.SCHEDULED,
        None,
        None,
    )
    overtime = games["0022400557"]
    assert (overtime.phase, overtime.status_detail, overtime.period) == (
        Phase.FINAL,
        "Final/OT",
        5,
    )
    assert games["0022400558"].phase is Phase.SCHEDULED
    assert unknown == [("gameStatus 4", "Something new")]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("PT07M15.00S", ("7:15", 435.0)),
        ("PT12M00.00S", ("12:00", 720.0)),
        ("PT00M45.30S", ("45.3", 45.3)),
        ("PT00M00.00S", ("0.0", 0.0)),
        ("PT5M", ("5:00", 300.0)),
        ("", None),
        ("PT", None),
        ("7:15", None),
        (None, None),
    ],
)
def test_clock(value: Any, expected: tuple[str, float] | None) -> None:
    """ISO-8601 durations read as a game clock."""
    assert parse_clock(value) == expected


def test_league_inferred_from_league_id() -> None:
    """leagueId 00 is the NBA, 10 the WNBA; others are refused."""
    assert infer_league({"scoreboard": {"leagueId": "00"}}) == "nba"
    assert infer_league({"scoreboard": {"leagueId": "10"}}) == "wnba"
    with pytest.raises(ProviderResponseError, match="leagueId"):
        infer_league({"scoreboard": {"leagueId": "20"}})
    with pytest.raises(ProviderResponseError):
        infer_league(None)


def test_malformed_game_skipped_with_one_line(caplog: pytest.LogCaptureFixture) -> None:
    """One broken game costs only itself."""
    payload = recorded(BOARD)
    payload["scoreboard"]["games"][1]["gameTimeUTC"] = None
    assert set(_games(payload)) == {"0042200163", "0042200123"}
    lines = [r.getMessage() for r in caplog.records if r.name.endswith("nba_cdn")]
    assert len(lines) == 1
    assert "0042200173" in lines[0]


@pytest.mark.parametrize(
    "payload",
    [None, {}, {"scoreboard": []}, {"scoreboard": {}}, {"scoreboard": {"games": [{}]}}],
)
def test_malformed_payload(payload: Any) -> None:
    """A payload of the wrong shape (or with no good game) is refused."""
    with pytest.raises(ProviderResponseError, match="NBA"):
        parse_games(payload)
