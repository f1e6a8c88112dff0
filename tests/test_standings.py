"""The league table in Home Assistant: fetched beside the live refresh, shown, its events fired.

Premier League tests follow Liverpool and Arsenal on the recorded 2024-25
table; the NBA test follows the Lakers on the recorded conferences, with the
division clinch ESPN marks "y". The clock is frozen and moved; what a user
sees (states, attributes, bus events, the event entity) is asserted.
"""

from __future__ import annotations

import copy
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import Event, HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.live_sports.const import CONF_STREAM_DELAY
from custom_components.live_sports.providers import ALL_LEAGUES, build_standings_source
from custom_components.live_sports.providers.base import NoStandingsError
from custom_components.live_sports.providers.espn.standings import EspnStandings
from custom_components.live_sports.standings_sensor import TABLE_COLUMNS
from custom_components.live_sports.table_events import (
    EVENT_CLINCHED,
    EVENT_POSITION_CHANGED,
    EVENT_ZONE_CHANGED,
)

from .conftest import (
    ESPN,
    league_entry,
    mock_espn_clubs,
    mock_espn_schedules,
    own,
    recorded,
    tick,
)

pytestmark = pytest.mark.standings

STANDINGS = "https://site.api.espn.com/apis/v2/sports"
EPL_TABLE = "espn/standings/standings_soccer_eng.1_2024-25.json"
NBA_TABLE = "espn/standings/standings_basketball_nba_2024-25_conferences.json"
EPL_BOARD = {"id": "700", "name": "English Premier League", "slug": "eng.1"}
LIVERPOOL, ARSENAL = "364", "359"
TABLE_EVENTS = (EVENT_POSITION_CHANGED, EVENT_CLINCHED, EVENT_ZONE_CHANGED)


def _entries(table: dict[str, Any]) -> list[dict[str, Any]]:
    return [entry for child in table["children"] for entry in child["standings"]["entries"]]


def _teams(table: dict[str, Any]) -> dict[str, Any]:
    teams = [{"team": entry["team"]} for entry in _entries(table)]
    return {"sports": [{"leagues": [{"teams": teams}]}]}


def _stat(entry: dict[str, Any], name: str, value: float, text: str | None = None) -> None:
    stats = [stat for stat in entry["stats"] if stat["name"] != name]
    entry["stats"] = [*stats, {"name": name, "value": value, "displayValue": text or str(value)}]


def _swap_top_two(table: dict[str, Any]) -> dict[str, Any]:
    """Return the table with Arsenal first and Liverpool second (Arsenal won a game more)."""
    table = copy.deepcopy(table)
    entries = _entries(table)
    liverpool, arsenal = entries[0], entries[1]
    _stat(liverpool, "rank", 2.0)
    _stat(arsenal, "rank", 1.0)
    _stat(arsenal, "points", 87.0)
    return table


def _match(status: str, state: str, home: int, away: int) -> dict[str, Any]:
    """Return Liverpool's league game against Fulham (fixtures) at this state."""
    game = copy.deepcopy(own("espn_club_fixtures.json")["events"][1])
    competition = game["competitions"][0]
    competition["status"]["type"].update(name=status, state=state, completed=state == "post")
    competition["status"]["type"]["detail"] = "Second half" if state == "in" else "Full time"
    competition["status"].update(displayClock="60'", period=2)
    for competitor, score in zip(competition["competitors"], (home, away), strict=True):
        competitor["score"] = str(score)
    return game


def serve_epl(
    aioclient_mock: AiohttpClientMocker, events: list[dict[str, Any]], table: dict[str, Any] | None
) -> None:
    """Answer the Premier League's team list, boards, club schedules and table (None: 404)."""
    aioclient_mock.clear_requests()
    aioclient_mock.get(f"{ESPN}/soccer/eng.1/teams", json=_teams(recorded(EPL_TABLE)))
    aioclient_mock.get(
        f"{ESPN}/soccer/eng.1/scoreboard", json={"leagues": [EPL_BOARD], "events": events}
    )
    mock_espn_clubs(aioclient_mock)
    if table is None:
        aioclient_mock.get(f"{STANDINGS}/soccer/eng.1/standings", status=404)
    else:
        aioclient_mock.get(f"{STANDINGS}/soccer/eng.1/standings", json=table)


def table_requests(aioclient_mock: AiohttpClientMocker) -> int:
    """Return how many standings requests were made since the mocks were last served."""
    return sum(url.path.endswith("/standings") for _, url, _, _ in aioclient_mock.mock_calls)


async def _settle(hass: HomeAssistant) -> None:
    await hass.async_block_till_done(wait_background_tasks=True)


@pytest.mark.freeze_time("2026-09-19T14:55:00+00:00")
async def test_table_is_fetched_beside_the_live_refresh_and_moves_after_a_final(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    freezer: FrozenDateTimeFactory,
    events: list[Event],
) -> None:
    """One request at start; none on live refreshes; one after the final, which moves the top two.

    Liverpool drops to second and Arsenal goes top: one position_changed
    each, on the bus and the team's event entity, and never again for the
    same table.
    """
    table = recorded(EPL_TABLE)
    serve_epl(aioclient_mock, [_match("STATUS_SECOND_HALF", "in", 1, 0)], table)
    entry = league_entry("epl", [LIVERPOOL, ARSENAL], title="Premier League")
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await _settle(hass)
    assert table_requests(aioclient_mock) == 1

    position = hass.states.get("sensor.liverpool_league_position")
    assert position.state == "1"
    assert position.attributes["points"] == 84
    assert position.attributes["zone"] == "Champions League"
    assert position.attributes["above"] is None
    assert position.attributes["zone_below"] == "Europa League"
    arsenal = hass.states.get("sensor.arsenal_league_position")
    assert (arsenal.state, arsenal.attributes["above"]) == ("2", "Liverpool")
    assert arsenal.attributes["gap_to_leader"] == 10
    standings = hass.states.get("sensor.premier_league_standings")
    assert standings.state == "Liverpool"
    rows = standings.attributes["table"]
    assert len(rows) == 20
    assert list(rows[0]) == ["group", *TABLE_COLUMNS]
    assert (rows[19]["team"], rows[19]["zone"]) == ("Southampton", "Relegation")

    # Live refreshes of the board: the table is not asked for.
    serve_epl(aioclient_mock, [_match("STATUS_SECOND_HALF", "in", 2, 0)], _swap_top_two(table))
    await tick(hass, freezer, 11, times=4)
    await _settle(hass)
    assert aioclient_mock.call_count >= 4
    assert table_requests(aioclient_mock) == 0
    assert hass.states.get("sensor.liverpool_score").state == "2"
    assert [event for event in events if event.event_type in TABLE_EVENTS] == []

    # Full time: the table is asked for once, ten minutes later, and has moved.
    serve_epl(aioclient_mock, [_match("STATUS_FULL_TIME", "post", 2, 0)], _swap_top_two(table))
    await tick(hass, freezer, 11)
    assert table_requests(aioclient_mock) == 0
    await tick(hass, freezer, 10 * 60)
    await _settle(hass)
    assert table_requests(aioclient_mock) == 1
    moves = [event for event in events if event.event_type in TABLE_EVENTS]
    assert [(event.event_type, event.data["team_id"]) for event in moves] == [
        (EVENT_POSITION_CHANGED, LIVERPOOL),
        (EVENT_POSITION_CHANGED, ARSENAL),
    ]
    dropped = moves[0].data
    assert (dropped["from"], dropped["to"], dropped["group"]) == (
        1,
        2,
        "English Premier League 2024-2025",
    )
    assert dropped["entity_id"] == "event.liverpool_game_event"
    assert moves[1].data["points"] == 87
    assert hass.states.get("sensor.liverpool_league_position").state == "2"
    assert hass.states.get("sensor.premier_league_standings").state == "Arsenal"
    game_event = hass.states.get("event.arsenal_game_event")
    assert game_event.attributes["event_type"] == "position_changed"
    assert game_event.attributes["to"] == 1

    # Six hours on, the same table: asked for again, nothing fires again.
    await tick(hass, freezer, 6 * 3600)
    await _settle(hass)
    assert table_requests(aioclient_mock) == 2
    assert len([event for event in events if event.event_type in TABLE_EVENTS]) == 2
    assert entry.state is ConfigEntryState.LOADED


def serve_nba(aioclient_mock: AiohttpClientMocker, table: dict[str, Any]) -> None:
    """Answer the NBA's team list, an empty board, empty schedules, and the table."""
    aioclient_mock.clear_requests()
    aioclient_mock.get(f"{ESPN}/basketball/nba/teams", json=_teams(recorded(NBA_TABLE)))
    aioclient_mock.get(f"{ESPN}/basketball/nba/scoreboard", json={"events": []})
    mock_espn_schedules(aioclient_mock, "basketball/nba")
    aioclient_mock.get(f"{STANDINGS}/basketball/nba/standings", json=table)


def _without_lakers_clinch(table: dict[str, Any]) -> dict[str, Any]:
    table = copy.deepcopy(table)
    for entry in _entries(table):
        if entry["team"]["id"] == "13":
            entry["stats"] = [stat for stat in entry["stats"] if stat["name"] != "clincher"]
    return table


@pytest.mark.freeze_time("2025-04-10T12:00:00+00:00")
async def test_clinch_fires_once_and_not_again_after_a_restart(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    freezer: FrozenDateTimeFactory,
    events: list[Event],
) -> None:
    """The Lakers clinch their division ("y"): one clinched event, none after a reload."""
    recorded_table = recorded(NBA_TABLE)
    serve_nba(aioclient_mock, _without_lakers_clinch(recorded_table))
    entry = league_entry("nba", ["13"], title="NBA")
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await _settle(hass)
    lakers = hass.states.get("sensor.los_angeles_lakers_league_position")
    assert (lakers.state, lakers.attributes["group"]) == ("3", "Western Conference")
    assert lakers.attributes["games_behind"] == 18
    assert lakers.attributes["clinched"] is None

    serve_nba(aioclient_mock, recorded_table)
    await tick(hass, freezer, 6 * 3600 + 60)
    await _settle(hass)
    clinched = [event for event in events if event.event_type == EVENT_CLINCHED]
    assert len(clinched) == 1
    assert (clinched[0].data["what"], clinched[0].data["mark"]) == ("division", "y")
    lakers = hass.states.get("sensor.los_angeles_lakers_league_position")
    assert lakers.attributes["clinched"] == "division"

    assert await hass.config_entries.async_reload(entry.entry_id)
    await _settle(hass)
    await tick(hass, freezer, 6 * 3600 + 60)
    await _settle(hass)
    assert table_requests(aioclient_mock) == 2  # before and after the reload
    assert len([event for event in events if event.event_type in TABLE_EVENTS]) == 1


@pytest.mark.freeze_time("2026-09-19T14:55:00+00:00")
async def test_a_league_without_a_table_shows_no_table_sensors(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, freezer: FrozenDateTimeFactory
) -> None:
    """ESPN keeps no table (HTTP 404): no League position or Standings to read *unknown* forever.

    The team's other entities are there and nothing fails; after a restart
    the table sensors stay away, without a second look at them. Should ESPN
    start keeping a table, they come (with the team's rank) at the next
    look, six hours on.
    """
    table = recorded(EPL_TABLE)
    serve_epl(aioclient_mock, [_match("STATUS_SECOND_HALF", "in", 1, 0)], None)
    entry = league_entry("epl", [LIVERPOOL], title="Premier League")
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await _settle(hass)
    registry = er.async_get(hass)
    table_sensors = ("sensor.liverpool_league_position", "sensor.premier_league_standings")

    def shown() -> list[bool]:
        return [
            hass.states.get(entity_id) is not None or registry.async_get(entity_id) is not None
            for entity_id in table_sensors
        ]

    assert shown() == [False, False]
    assert hass.states.get("sensor.liverpool_score").state == "1"
    assert entry.state is ConfigEntryState.LOADED

    assert await hass.config_entries.async_reload(entry.entry_id)
    await _settle(hass)
    assert shown() == [False, False]
    assert hass.states.get("sensor.liverpool_score").state == "1"

    serve_epl(aioclient_mock, [_match("STATUS_SECOND_HALF", "in", 1, 0)], table)
    await tick(hass, freezer, 6 * 3600 + 60)
    await _settle(hass)
    assert shown() == [True, True]
    assert hass.states.get("sensor.liverpool_league_position").state == "1"


@pytest.mark.freeze_time("2026-09-19T14:55:00+00:00")
async def test_table_events_wait_for_the_stream_delay(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    freezer: FrozenDateTimeFactory,
    events: list[Event],
) -> None:
    """With a 60 s stream delay, the moved table shows and fires 60 s after it came."""
    table = recorded(EPL_TABLE)
    serve_epl(aioclient_mock, [_match("STATUS_FULL_TIME", "post", 2, 0)], table)
    entry = league_entry(
        "epl", [LIVERPOOL, ARSENAL], title="Premier League", options={CONF_STREAM_DELAY: 60}
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await _settle(hass)
    await tick(hass, freezer, 61)
    await _settle(hass)
    assert hass.states.get("sensor.liverpool_league_position").state == "1"

    serve_epl(aioclient_mock, [_match("STATUS_FULL_TIME", "post", 2, 0)], _swap_top_two(table))
    await tick(hass, freezer, 6 * 3600)
    await _settle(hass)
    assert table_requests(aioclient_mock) == 1
    assert [event for event in events if event.event_type in TABLE_EVENTS] == []
    assert hass.states.get("sensor.liverpool_league_position").state == "1"

    await tick(hass, freezer, 61)
    moves = [event.data["team_id"] for event in events if event.event_type in TABLE_EVENTS]
    assert moves == [LIVERPOOL, ARSENAL]
    assert hass.states.get("sensor.liverpool_league_position").state == "2"


@pytest.mark.freeze_time("2026-09-19T14:55:00+00:00")
async def test_another_line_moving_writes_nothing_for_a_team(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, freezer: FrozenDateTimeFactory
) -> None:
    """Southampton gain a point: the table is new, Liverpool's line is not (no state written)."""
    table = recorded(EPL_TABLE)
    serve_epl(aioclient_mock, [], table)
    entry = league_entry("epl", [LIVERPOOL], title="Premier League")
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await _settle(hass)
    # A write of the same state updates last_reported on the very same State object.
    reported = hass.states.get("sensor.liverpool_league_position").last_reported

    moved = copy.deepcopy(table)
    _stat(_entries(moved)[19], "points", 13.0)
    serve_epl(aioclient_mock, [], moved)
    await tick(hass, freezer, 6 * 3600 + 60)
    await _settle(hass)
    assert table_requests(aioclient_mock) == 1
    rows = hass.states.get("sensor.premier_league_standings").attributes["table"]
    assert rows[19]["points"] == 13
    assert hass.states.get("sensor.liverpool_league_position").last_reported == reported


@pytest.mark.parametrize("league", ["pga", "atp", "ufc", "f1"])
async def test_a_league_of_athletes_asks_for_no_table(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, league: str
) -> None:
    """A tour, a promotion or a series keeps no team table: it says so without a request."""
    source = build_standings_source(async_get_clientsession(hass), ALL_LEAGUES[league])
    with pytest.raises(NoStandingsError):
        await source.async_get_standings(dt_util.utcnow())
    assert aioclient_mock.call_count == 0
    assert isinstance(
        build_standings_source(async_get_clientsession(hass), ALL_LEAGUES["nfl"]), EspnStandings
    )
