"""Parsing TheSportsDB's free API (events, live scores, teams) into the domain, and fetching."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from unittest.mock import AsyncMock

from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession
import pytest
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker
from syrupy.assertion import SnapshotAssertion

from custom_components.live_sports.models import Phase, Result
from custom_components.live_sports.providers.base import ProviderResponseError
from custom_components.live_sports.providers.espn import LEAGUES
from custom_components.live_sports.providers.thesportsdb import (
    LEAGUE_IDS,
    TheSportsDbProvider,
    infer_league,
    league_id,
    map_status,
    parse_games,
    parse_teams,
)

from .conftest import own, recorded

NOW = datetime(2026, 10, 5, 20, 0, tzinfo=UTC)
FILES = {
    "tsdb_livescore_soccer_2026-10-05_1H_HT_FT.json": ("thesportsdb", 19),
    "tsdb_v1_eventsday_2026-10-04_IceHockey_free.json": ("thesportsdb:4923", 3),
    "tsdb_v1_eventsday_2026-10-04_NFL_free.json": ("nfl", 3),
    "tsdb_v1_eventsnextleague_4328_EPL_free_2026-10-05.json": ("epl", 1),
}


def _games(payload: Any) -> dict[str, Any]:
    return {game.id.removeprefix("thesportsdb:"): game for game in parse_games(payload)}


@pytest.mark.parametrize(("name", "expected"), FILES.items())
def test_recorded_payload(
    name: str, expected: tuple[str, int], snapshot: SnapshotAssertion
) -> None:
    """Every recorded payload parses to the same canonical games."""
    unknown: list[str] = []
    games = parse_games(recorded(f"thesportsdb/{name}"), on_unknown=lambda s, c: unknown.append(s))
    assert (infer_league(games), len(games), unknown) == (*expected, [])
    assert [game.as_dict() for game in games] == snapshot


def test_soccer_first_half_half_time_full_time() -> None:
    """The 2026-10-05 live scores: 1H is live, HT a break, FT final."""
    games = _games(recorded("thesportsdb/tsdb_livescore_soccer_2026-10-05_1H_HT_FT.json"))
    phases = [game.phase for game in games.values()]
    assert (phases.count(Phase.LIVE), phases.count(Phase.BREAK), phases.count(Phase.FINAL)) == (
        11,
        5,
        3,
    )
    # Córdoba 2 - 1 Tenerife in the 33rd minute (Spanish La Liga 2).
    cordoba = games["2505786"]
    assert (cordoba.phase, cordoba.period, cordoba.clock) == (Phase.LIVE, 1, "33'")
    assert (cordoba.home.score, cordoba.away.score) == (2, 1)
    assert cordoba.status_detail == "First half 33'"
    assert cordoba.league == "thesportsdb:4400"
    assert cordoba.sport == "soccer"
    assert cordoba.start == datetime(2026, 10, 5, 18, 30, tzinfo=UTC)
    # El Porvenir 1 - 0 Cañuelas at half time (45+5).
    porvenir = games["2408653"]
    assert (porvenir.phase, porvenir.clock, porvenir.home.score) == (Phase.BREAK, "45+5'", 1)
    assert porvenir.status_detail == "Half time 45+5'"
    # Italy U21 6 - 2 Poland U21, full time.
    italy = games["2269559"]
    assert (italy.phase, italy.home.score, italy.away.score) == (Phase.FINAL, 6, 2)
    assert (italy.status_detail, italy.clock, italy.period) == ("Full time", None, None)
    assert italy.home.team.logo is not None


def test_ice_hockey_after_overtime() -> None:
    """Czech Extraliga 2026-10-04: Mountfield HK 3 - 2 Vitkovice after overtime."""
    games = _games(recorded("thesportsdb/tsdb_v1_eventsday_2026-10-04_IceHockey_free.json"))
    hk = games["2480665"]
    assert (hk.phase, hk.status_detail, hk.sport) == (Phase.FINAL, "Final/OT", "hockey")
    assert (hk.home.score, hk.away.score) == (3, 2)
    assert hk.result_for(hk.home.team.id) is Result.WIN
    assert hk.season == 2027  # the 2026-2027 season, counted as ESPN counts hockey
    assert games["2480662"].status_detail == "Final"


def test_nfl_day() -> None:
    """NFL 2026-10-04 in London: IND 30 @ WSH 13, final; league and week mapped."""
    games = _games(recorded("thesportsdb/tsdb_v1_eventsday_2026-10-04_NFL_free.json"))
    london = games["2475423"]
    assert (london.league, london.sport, london.week, london.season) == ("nfl", "football", 4, 2026)
    assert (london.away.team.name, london.away.score, london.home.score) == (
        "Indianapolis Colts",
        30,
        13,
    )
    assert london.home.team.id == "134937"
    assert london.venue is not None
    assert (london.venue.name, london.venue.city) == ("Tottenham Hotspur Stadium", "London")
    assert london.venue.location == "London, United Kingdom"  # the Team tracker's location
    assert london.status_detail == "Final"


def test_premier_league_not_started() -> None:
    """Arsenal v Leeds: not started, no scores, season as ESPN counts soccer."""
    game = _games(recorded("thesportsdb/tsdb_v1_eventsnextleague_4328_EPL_free_2026-10-05.json"))[
        "2494052"
    ]
    assert (game.league, game.phase, game.home.score, game.season) == (
        "epl",
        Phase.SCHEDULED,
        None,
        2026,
    )
    assert game.start == datetime(2026, 10, 10, 11, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("event_id", "phase", "detail", "period"),
    [
        ("9001", Phase.LIVE, "Second half 67'", 2),
        ("9002", Phase.LIVE, "Extra time 104'", 3),
        ("9003", Phase.LIVE, "Penalties", 5),
        ("9004", Phase.FINAL, "Final/AET", None),
        ("9005", Phase.FINAL, "Final/PEN", None),
        ("9006", Phase.POSTPONED, "Postponed", None),
        ("9007", Phase.CANCELED, "Canceled", None),
        ("9008", Phase.CANCELED, "Abandoned", None),
        ("9009", Phase.SUSPENDED, "Suspended", None),
        ("9010", Phase.DELAYED, "Interrupted 71'", None),
        ("9011", Phase.POSTPONED, "Postponed", None),  # strPostponed "yes"
        ("9012", Phase.LIVE, "Quarter 2 08:12", 2),
        ("9013", Phase.BREAK, "Half time", 1),
        ("9014", Phase.LIVE, "Overtime", 5),
        ("9015", Phase.LIVE, "Period 2", 2),
        ("9016", Phase.BREAK, "Break", None),
        ("9017", Phase.FINAL, "Final/SO", None),
        ("9018", Phase.LIVE, "Inning 5", 5),
        ("9019", Phase.SCHEDULED, "XYZ", None),
        ("9020", Phase.SCHEDULED, "Scheduled", None),
        ("9021", Phase.FINAL, "Full time", None),
        ("9022", Phase.FINAL, "Final", None),
        ("9023", Phase.LIVE, "LIVE2 12'", None),
    ],
)
def test_statuses(event_id: str, phase: Phase, detail: str, period: int | None) -> None:
    """Every status of soccer and the other sports maps to its phase."""
    game = _games(own("thesportsdb_edge_cases.json"))[event_id]
    assert (game.phase, game.status_detail, game.period) == (phase, detail, period)
    if phase in (Phase.SCHEDULED, Phase.POSTPONED, Phase.CANCELED):
        assert (game.home.score, game.away.score) == (None, None)


def test_edge_case_details() -> None:
    """Leagues map to our keys; a time without timestamp; clocks of other sports."""
    unknown: list[tuple[str, str]] = []
    games = {
        game.id.removeprefix("thesportsdb:"): game
        for game in parse_games(
            own("thesportsdb_edge_cases.json"), on_unknown=lambda s, c: unknown.append((s, c))
        )
    }
    assert unknown == [("XYZ", "soccer"), ("LIVE2", "soccer")]
    assert {games[i].league for i in ("9012", "9015", "9018", "9022")} == {
        "nfl",
        "nhl",
        "mlb",
        "nba",
    }
    assert games["9012"].clock == "08:12"
    handball = games["9020"]
    assert (handball.league, handball.sport) == ("thesportsdb:5000", "handball")
    assert handball.start == datetime(2026, 10, 17, 18, 30, tzinfo=UTC)
    assert games["9022"].season == 2027


def test_league_filter() -> None:
    """Given a league, only that league's games are kept."""
    games = parse_games(own("thesportsdb_edge_cases.json"), league="nfl")
    assert {game.id for game in games} == {
        "thesportsdb:9012",
        "thesportsdb:9013",
        "thesportsdb:9014",
    }


def test_no_events() -> None:
    """TheSportsDB says "no events" with null: an empty scoreboard."""
    assert parse_games({"events": None}) == []
    assert parse_games({"livescore": []}) == []


def test_unknown_sport_status_mapped() -> None:
    """map_status reports an unknown code and keeps it as the detail."""
    seen: list[str] = []
    assert map_status("??", "soccer", lambda s, c: seen.append(s)) == (
        Phase.SCHEDULED,
        "??",
        None,
    )
    assert map_status("OT", "rugby", None) == (Phase.LIVE, "Overtime", None)
    assert seen == ["??"]


def test_malformed_event_skipped_with_one_line(caplog: pytest.LogCaptureFixture) -> None:
    """One broken event costs only itself."""
    payload = recorded("thesportsdb/tsdb_v1_eventsday_2026-10-04_NFL_free.json")
    payload["events"][1]["idHomeTeam"] = None
    assert set(_games(payload)) == {"2475423", "2475425"}
    lines = [r.getMessage() for r in caplog.records if r.name.endswith("thesportsdb")]
    assert len(lines) == 1
    assert "2475424" in lines[0]


@pytest.mark.parametrize(
    "payload",
    [None, [], {}, {"events": "x"}, {"events": [{}]}, {"livescore": [{"idEvent": "1"}]}],
)
def test_malformed_payload(payload: Any) -> None:
    """A payload of the wrong shape (or with no good game) is refused."""
    with pytest.raises(ProviderResponseError, match="TheSportsDB"):
        parse_games(payload)


TSDB = "https://www.thesportsdb.com/api/v1/json/3"
NFL_DAY = "thesportsdb/tsdb_v1_eventsday_2026-10-04_NFL_free.json"


def _provider(hass: HomeAssistant, league: str) -> TheSportsDbProvider:
    return TheSportsDbProvider(async_get_clientsession(hass), LEAGUES[league])


async def test_provider_scoreboard_of_the_sports_day(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """One eventsday request for the league's id and the sports day."""
    aioclient_mock.get(f"{TSDB}/eventsday.php", json=recorded(NFL_DAY))
    provider = _provider(hass, "nfl")
    # 03:00 UTC on Oct 5 is 23:00 Eastern on Oct 4: Sunday night's game is still on.
    now = datetime(2026, 10, 5, 3, 0, tzinfo=UTC)
    board = await provider.async_get_scoreboard([], now)
    _, url, _, _ = aioclient_mock.mock_calls[0]
    assert dict(url.query) == {"d": "2026-10-04", "l": "4391"}
    assert (board.league, board.fetched_at, len(board.games)) == ("nfl", now, 3)
    bills = next(game for game in board.games if game.id == "thesportsdb:2475424")
    assert (bills.phase, bills.status_detail) == (Phase.FINAL, "Final")
    assert (bills.home.team.name, bills.home.score, bills.away.score) == ("Buffalo Bills", 26, 29)
    assert bills.result_for(bills.away.team.id) is Result.WIN
    assert await provider.async_get_scoreboard([], now) is board


async def test_provider_keeps_its_league_only(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """Another league's events in the answer are left out; "no events" is an empty board."""
    aioclient_mock.get(f"{TSDB}/eventsday.php", json=own("thesportsdb_edge_cases.json"))
    board = await _provider(hass, "nfl").async_get_scoreboard([], NOW)
    assert {game.id for game in board.games} == {
        "thesportsdb:9012",
        "thesportsdb:9013",
        "thesportsdb:9014",
    }
    aioclient_mock.clear_requests()
    aioclient_mock.get(f"{TSDB}/eventsday.php", json={"events": None})
    assert (await _provider(hass, "epl").async_get_scoreboard([], NOW)).games == ()


async def test_provider_teams(hass: HomeAssistant, aioclient_mock: AiohttpClientMocker) -> None:
    """The league's team list, with the teams seen on its boards (the free key lists few)."""
    aioclient_mock.get(f"{TSDB}/lookup_all_teams.php", json=own("thesportsdb_teams.json"))
    aioclient_mock.get(
        f"{TSDB}/eventsday.php",
        json=recorded("thesportsdb/tsdb_v1_eventsnextleague_4328_EPL_free_2026-10-05.json"),
    )
    provider = _provider(hass, "epl")
    await provider.async_get_scoreboard([], NOW)
    teams = await provider.async_get_teams()
    _, url, _, _ = aioclient_mock.mock_calls[1]
    assert (url.path, dict(url.query)) == ("/api/v1/json/3/lookup_all_teams.php", {"id": "4328"})
    assert [(team.id, team.abbreviation, team.name) for team in teams] == [
        ("133604", "ARS", "Arsenal"),
        ("133635", "Leeds United", "Leeds United"),
        ("133602", "LIV", "Liverpool"),
        ("133616", "Tottenham Hotspur", "Tottenham Hotspur"),
    ]
    assert teams[0].logo == "https://r2.thesportsdb.com/images/media/team/badge/arsenal.png"
    assert teams[2].logo == "https://r2.thesportsdb.com/images/media/team/badge/liverpool.png"
    assert teams[3].logo is None


@pytest.mark.parametrize(
    "payload",
    [None, {}, {"teams": "nope"}, {"teams": [{"idTeam": "1"}, {"strTeam": "No id"}]}],
)
def test_malformed_team_list(payload: Any) -> None:
    """A team list of the wrong shape, or without one good team, is refused."""
    with pytest.raises(ProviderResponseError, match="TheSportsDB team list"):
        parse_teams(payload)


def test_no_teams() -> None:
    """``"teams": null`` is no teams."""
    assert parse_teams({"teams": None}) == []


def test_league_ids() -> None:
    """Every id names one of our leagues, once; a league without one has no provider."""
    assert set(LEAGUE_IDS.values()) <= set(LEAGUES)
    assert len(set(LEAGUE_IDS.values())) == len(LEAGUE_IDS)
    assert league_id("uel") == "4481"
    assert league_id("ncaa_volleyball_w") is None
    with pytest.raises(ValueError, match="no id for league 'ufl'"):
        TheSportsDbProvider(AsyncMock(), LEAGUES["ufl"])
