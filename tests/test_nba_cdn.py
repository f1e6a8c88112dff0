"""Parsing the NBA's live data scoreboard into the domain, and fetching it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession
import pytest
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker
from syrupy.assertion import SnapshotAssertion

from custom_components.live_sports.models import Phase, Result
from custom_components.live_sports.providers.base import ProviderResponseError
from custom_components.live_sports.providers.espn import LEAGUES
from custom_components.live_sports.providers.nba_cdn import (
    SCOREBOARD_URL,
    NbaCdnProvider,
    infer_league,
    parse_clock,
    parse_games,
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
    games = parse_games(payload, infer_league(payload), lambda s, c: unknown.append(s))
    assert (len(games), unknown) == (3, [])
    assert {game.league for game in games} == {"nba"}
    assert [game.as_dict() for game in games] == snapshot


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


def _provider(hass: HomeAssistant) -> NbaCdnProvider:
    return NbaCdnProvider(async_get_clientsession(hass), LEAGUES["nba"])


async def test_provider_scoreboard(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """Today's board, one request without a date: live and final games with scores."""
    aioclient_mock.get(SCOREBOARD_URL, json=recorded(BOARD), headers={"Cache-Control": "max-age=8"})
    provider = _provider(hass)
    board = await provider.async_get_scoreboard(["1610612744"], NOW)
    _, url, _, _ = aioclient_mock.mock_calls[0]
    assert str(url) == SCOREBOARD_URL
    assert (board.league, board.fetched_at, len(board.games)) == ("nba", NOW, 3)
    games = {game.id.removeprefix("nba_cdn:"): game for game in board.games}
    assert (games["0042200163"].phase, games["0042200163"].home.score) == (Phase.LIVE, 39)
    assert (games["0042200123"].phase, games["0042200123"].away.score) == (Phase.FINAL, 102)
    assert provider.max_age == timedelta(seconds=8)
    assert await provider.async_get_scoreboard([], NOW + timedelta(seconds=10)) is board


async def test_provider_teams_on_the_board(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """The team list is the teams playing today, with the NBA's ids and tricodes."""
    aioclient_mock.get(SCOREBOARD_URL, json=recorded(BOARD))
    teams = await _provider(hass).async_get_teams()
    assert [team.abbreviation for team in teams] == ["BKN", "GSW", "LAC", "PHI", "PHX", "SAC"]
    warriors = next(team for team in teams if team.abbreviation == "GSW")
    assert (warriors.id, warriors.name, warriors.short_name) == (
        "1610612744",
        "Golden State Warriors",
        "Warriors",
    )
