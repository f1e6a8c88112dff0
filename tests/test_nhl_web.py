"""Parsing the NHL web API (api-web.nhle.com/v1) into the domain, and fetching it."""

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
from custom_components.live_sports.providers.nhl_web import (
    NhlWebProvider,
    parse_game,
    parse_games,
)

from .conftest import own, recorded

FILES = {
    "nhl_v1_schedule_2023-04-17-modified.json": 4,
    "nhl_v1_schedule_2023-11-08-modified.json": 30,
    "nhl_v1_schedule_2023-11-11.json": 12,
    "nhl_v1_schedule_2025-10-07.json": 48,
    "nhl_v1_club-schedule-season_TOR_20232024.json": 90,
}


def _games(name: str) -> dict[str, Any]:
    return {game.id: game for game in parse_games(recorded(f"nhl-web/{name}"))}


@pytest.mark.parametrize(("name", "count"), FILES.items())
def test_recorded_payload(name: str, count: int, snapshot: SnapshotAssertion) -> None:
    """Every recorded schedule parses, whole, to the same canonical games."""
    unknown: list[str] = []
    games = parse_games(recorded(f"nhl-web/{name}"), on_unknown=lambda s, c: unknown.append(s))
    assert len(games) == count
    assert unknown == []
    assert {(game.league, game.sport) for game in games} == {("nhl", "hockey")}
    assert [game.as_dict() for game in games] == snapshot


@pytest.mark.parametrize(
    ("name", "game_id", "state", "phase", "away", "home"),
    [
        # 2023-11-10 (recorder-modified week): one game in each state.
        ("2023-11-08-modified", 2023020211, "FUT", Phase.SCHEDULED, None, None),
        ("2023-11-08-modified", 2023020217, "PRE", Phase.SCHEDULED, None, None),
        ("2023-11-08-modified", 2023020208, "LIVE", Phase.LIVE, 6, 3),  # PHI 6 @ ANA 3
        ("2023-11-08-modified", 2023020206, "CRIT", Phase.LIVE, 4, 2),  # WSH 4 @ NJD 2
        ("2023-11-08-modified", 2023020209, "OVER", Phase.FINAL, 0, 5),  # SJS 0 @ VGK 5
        ("2023-11-08-modified", 2023020207, "FINAL", Phase.FINAL, 4, 5),  # CGY 4 @ TOR 5, SO
        ("2023-11-08-modified", 2023020190, "OFF", Phase.FINAL, 6, 3),  # OTT 6 @ TOR 3
        ("2023-04-17-modified", 2022030161, "LIVE", Phase.LIVE, 3, 2),  # MIN @ DAL in 2OT
        ("2023-04-17-modified", 2022030181, "CRIT", Phase.LIVE, 4, 3),  # LAK @ EDM in OT
    ],
)
def test_game_states(
    name: str,
    game_id: int,
    state: str,
    phase: Phase,
    away: int | None,
    home: int | None,
) -> None:
    """Each NHL gameState of the recordings maps to its phase, with scores."""
    game = _games(f"nhl_v1_schedule_{name}.json")[f"nhl_web:{game_id}"]
    assert game.phase is phase, state
    assert (game.away.score, game.home.score) == (away, home)


def test_overtime_and_shootout_finals() -> None:
    """Finals say how they ended; the winner follows from the score."""
    club = _games("nhl_v1_club-schedule-season_TOR_20232024.json")
    # 2023-12-02: BOS 4 - 3 TOR, final after overtime.
    ot = club["nhl_web:2023020364"]
    assert (ot.away.team.abbreviation, ot.away.score, ot.home.score) == ("BOS", 4, 3)
    assert (ot.phase, ot.status_detail) == (Phase.FINAL, "Final/OT")
    assert ot.result_for("6") is Result.WIN
    assert ot.result_for("10") is Result.LOSS
    # 2023-11-02: TOR 2 @ BOS 3, final after a shoot-out.
    so = club["nhl_web:2023020145"]
    assert (so.status_detail, so.away.score, so.home.score) == ("Final/SO", 2, 3)
    # 2023-11-10: CGY 4 @ TOR 5 after a shoot-out (FINAL, period 5).
    week = _games("nhl_v1_schedule_2023-11-08-modified.json")
    cgy = week["nhl_web:2023020207"]
    assert (cgy.status_detail, cgy.period) == ("Final/SO", 5)


def test_live_overtime_periods_named() -> None:
    """A live game in the second overtime says so."""
    week = _games("nhl_v1_schedule_2023-04-17-modified.json")
    assert (week["nhl_web:2022030161"].status_detail, week["nhl_web:2022030161"].period) == (
        "2OT",
        5,
    )
    assert week["nhl_web:2022030181"].status_detail == "OT"


def test_postponed_game() -> None:
    """gameScheduleState PPD is postponed, without the feed's 0-0."""
    payload = recorded("nhl-web/nhl_v1_schedule_2023-11-08-modified.json")
    listing = next(
        game
        for day in payload["gameWeek"]
        for game in day["games"]
        if game["gameScheduleState"] == "PPD"
    )
    game = parse_game(listing)
    assert game.id == "nhl_web:2023020214"  # CAR @ TBL
    assert game.phase is Phase.POSTPONED
    assert (game.away.score, game.home.score, game.period) == (None, None, None)
    assert game.status_detail == "Postponed"


def test_game_listed_twice_is_kept_once() -> None:
    """CAR @ TBL is listed postponed on 11-10 and scheduled on 11-11: one game."""
    games = parse_games(recorded("nhl-web/nhl_v1_schedule_2023-11-08-modified.json"))
    listed = [game for game in games if game.id == "nhl_web:2023020214"]
    assert len(listed) == 1
    assert listed[0].phase is Phase.SCHEDULED


def test_game_details() -> None:
    """Teams, venue, broadcasts, start and season of a recorded game."""
    game = _games("nhl_v1_schedule_2025-10-07.json")["nhl_web:2025020001"]
    assert game.name == "Chicago Blackhawks at Florida Panthers"
    assert game.short_name == "CHI @ FLA"
    assert game.home.team.id == "13"
    assert game.home.team.short_name == "Panthers"
    assert game.home.team.logo == "https://assets.nhle.com/logos/nhl/svg/FLA_light.svg"
    assert game.venue is not None
    assert game.venue.name == "Amerant Bank Arena"
    assert game.broadcasts == ("ESPN", "SN1", "TVAS")
    assert game.start == datetime(2025, 10, 7, 21, 0, tzinfo=UTC)
    assert game.season == 2026
    assert (game.period, game.clock) == (3, None)
    # Older weeks name a team by its place only: kept as the feed has it.
    assert _games("nhl_v1_schedule_2023-11-11.json")["nhl_web:2023020215"].home.team.name == (
        "Toronto"
    )


def test_score_edge_cases() -> None:
    """The score endpoint's clock: intermissions, overtimes, odd states."""
    unknown: list[tuple[str, str]] = []
    games = {
        game.id.removeprefix("nhl_web:"): game
        for game in parse_games(
            own("nhl_web_score_edge_cases.json"), on_unknown=lambda s, c: unknown.append((s, c))
        )
    }
    first_break = games["2024020901"]
    assert (first_break.phase, first_break.status_detail) == (Phase.BREAK, "End of 1st")
    assert first_break.clock == "12:40"
    assert games["2024020909"].phase is Phase.BREAK
    assert games["2024020909"].status_detail == "End of 3rd"
    live = games["2024020902"]
    assert (live.phase, live.status_detail, live.clock, live.period) == (
        Phase.LIVE,
        "2nd 04:31",
        "04:31",
        2,
    )
    assert live.home.record == "10-4-2"
    assert live.venue is not None
    assert live.venue.city == "Toronto"
    assert live.broadcasts == ("SN", "ESPN+")
    assert games["2024020903"].status_detail == "OT 01:10"
    assert games["2024020910"].status_detail == "3OT 03:00"
    suspended = games["2024020904"]
    assert (suspended.phase, suspended.home.score) == (Phase.SUSPENDED, 3)
    canceled = games["2024020905"]
    assert (canceled.phase, canceled.home.score) == (Phase.CANCELED, None)
    assert games["2024020906"].phase is Phase.SCHEDULED
    assert games["2024020907"].phase is Phase.LIVE
    assert games["2024020908"].status_detail == "Final/SO"
    assert unknown == [("gameState WARMUP", "OK"), ("gameScheduleState MAYBE", "LIVE")]


def test_malformed_game_skipped_with_one_line(caplog: pytest.LogCaptureFixture) -> None:
    """One broken game costs only itself, with one log line naming it."""
    payload = recorded("nhl-web/nhl_v1_schedule_2023-11-11.json")
    del payload["gameWeek"][0]["games"][2]["homeTeam"]
    payload["gameWeek"][0]["games"][5]["startTimeUTC"] = 12
    games = parse_games(payload)
    assert len(games) == 10
    lines = [r.getMessage() for r in caplog.records if r.name.endswith("nhl_web")]
    assert len(lines) == 2
    assert "2023020212" in lines[0]
    assert "2023020215" in lines[1]


@pytest.mark.parametrize(
    "payload",
    [
        None,
        [],
        {},
        {"gameWeek": "nope"},
        {"gameWeek": [{"date": "2023-11-11"}]},
        {"games": [{"id": 1}]},
    ],
)
def test_malformed_payload(payload: Any) -> None:
    """A payload of the wrong shape (or with no good game) is refused."""
    with pytest.raises(ProviderResponseError, match="NHL"):
        parse_games(payload)


def test_empty_week() -> None:
    """A week without games is an empty scoreboard, not an error."""
    assert parse_games({"gameWeek": [{"date": "2023-07-01", "games": []}]}) == []


SCORE = "https://api-web.nhle.com/v1/score"


def _provider(hass: HomeAssistant) -> NhlWebProvider:
    return NhlWebProvider(async_get_clientsession(hass), LEAGUES["nhl"])


def _score_of(day: str) -> dict[str, Any]:
    """Return the recorded week's games of a day in the score endpoint's shape."""
    week = recorded("nhl-web/nhl_v1_schedule_2023-11-08-modified.json")
    games = next(entry["games"] for entry in week["gameWeek"] if entry["date"] == day)
    return {"currentDate": day, "games": games}


async def test_provider_scoreboard_of_the_sports_day(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """One request for the day's scores; every game with its phase and score."""
    aioclient_mock.get(f"{SCORE}/2023-11-10", json=_score_of("2023-11-10"))
    provider = _provider(hass)
    # 03:30 UTC on Nov 11 is 22:30 Eastern on Nov 10: still Nov 10's games.
    now = datetime(2023, 11, 11, 3, 30, tzinfo=UTC)
    board = await provider.async_get_scoreboard(["6"], now)
    assert (board.league, board.fetched_at, len(board.games)) == ("nhl", now, 9)
    games = {game.id: game for game in board.games}
    assert (games["nhl_web:2023020208"].phase, games["nhl_web:2023020208"].away.score) == (
        Phase.LIVE,
        6,
    )
    assert games["nhl_web:2023020206"].phase is Phase.LIVE  # CRIT
    assert games["nhl_web:2023020209"].phase is Phase.FINAL  # OVER
    assert games["nhl_web:2023020211"].phase is Phase.SCHEDULED
    assert [game.start for game in board.games] == sorted(game.start for game in board.games)
    assert aioclient_mock.call_count == 1


async def test_provider_intermission_and_clock(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, caplog: pytest.LogCaptureFixture
) -> None:
    """The score endpoint's intermissions are breaks; unknown states are logged once."""
    aioclient_mock.get(f"{SCORE}/2025-02-01", json=own("nhl_web_score_edge_cases.json"))
    provider = _provider(hass)
    now = datetime(2025, 2, 2, 1, 0, tzinfo=UTC)
    board = await provider.async_get_scoreboard([], now)
    games = {game.id.removeprefix("nhl_web:"): game for game in board.games}
    assert (games["2024020901"].phase, games["2024020901"].clock) == (Phase.BREAK, "12:40")
    assert games["2024020902"].status_detail == "2nd 04:31"
    aioclient_mock.clear_requests()
    aioclient_mock.get(
        f"{SCORE}/2025-02-01", json={**own("nhl_web_score_edge_cases.json"), "nextDate": None}
    )
    assert await provider.async_get_scoreboard([], now) is not board
    assert caplog.text.count("'gameState WARMUP'") == 1


async def test_provider_unchanged_and_changed_body(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """The same body gives the same board object; a new score a new board."""
    aioclient_mock.get(f"{SCORE}/2023-11-10", json=_score_of("2023-11-10"))
    provider = _provider(hass)
    now = datetime(2023, 11, 11, 3, 30, tzinfo=UTC)
    board = await provider.async_get_scoreboard([], now)
    assert await provider.async_get_scoreboard([], now + timedelta(seconds=15)) is board
    changed = _score_of("2023-11-10")
    changed["games"][3]["homeTeam"]["score"] = 4
    aioclient_mock.clear_requests()
    aioclient_mock.get(f"{SCORE}/2023-11-10", json=changed)
    later = await provider.async_get_scoreboard([], now + timedelta(seconds=30))
    assert later is not board
    assert later.fetched_at == now + timedelta(seconds=30)


async def test_provider_teams_of_the_week(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """The team list is this week's teams, once each, with the NHL's ids."""
    aioclient_mock.get(
        "https://api-web.nhle.com/v1/schedule/now",
        json=recorded("nhl-web/nhl_v1_schedule_2025-10-07.json"),
    )
    teams = await _provider(hass).async_get_teams()
    assert len(teams) == 32
    assert [team.name for team in teams] == sorted((team.name for team in teams), key=str.casefold)
    panthers = next(team for team in teams if team.id == "13")
    assert (panthers.abbreviation, panthers.name, panthers.short_name) == (
        "FLA",
        "Florida Panthers",
        "Panthers",
    )
    assert panthers.logo == "https://assets.nhle.com/logos/nhl/svg/FLA_light.svg"
