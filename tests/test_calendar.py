"""The calendar of a followed team: its games from the board and its schedule."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.calendar import DOMAIN as CALENDAR_DOMAIN
from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
    async_mock_service,
)
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.live_sports.const import CONF_LEAGUE, CONF_STREAM_DELAY, CONF_TEAMS, DOMAIN

from .conftest import (
    ESPN,
    NFL_NOW,
    mock_espn_clubs,
    mock_espn_nfl,
    mock_espn_schedules,
    recorded,
    setup_entry,
)

ATL = "calendar.atlanta_falcons_games"
MIA = "calendar.miami_dolphins_games"
GB = "calendar.green_bay_packers_games"
LAL = "calendar.los_angeles_lakers_games"


def _utc(text: str) -> datetime:
    parsed = dt_util.parse_datetime(text)
    assert parsed is not None, text
    return dt_util.as_utc(parsed)


def _event(payload: dict[str, Any], game_id: str) -> dict[str, Any]:
    return copy.deepcopy(next(e for e in payload["events"] if e["id"] == game_id))


def _reschedule(event: dict[str, Any], game_id: str, date: str, **status: Any) -> dict[str, Any]:
    """Return a copy of an event as another game (or a stale view of the same)."""
    event = copy.deepcopy(event)
    competition = event["competitions"][0]
    event.update(id=game_id, date=date)
    competition["date"] = date
    competition["status"]["type"].update(
        {"name": "STATUS_SCHEDULED", "state": "pre", "completed": False, **status}
    )
    return event


def _swap_sides(event: dict[str, Any]) -> dict[str, Any]:
    for competitor in event["competitions"][0]["competitors"]:
        competitor["homeAway"] = "away" if competitor["homeAway"] == "home" else "home"
    return event


def _teams_payload(*teams: dict[str, Any]) -> dict[str, Any]:
    return {"sports": [{"leagues": [{"teams": [{"team": team} for team in teams]}]}]}


def _entry(league: str, *teams: str) -> MockConfigEntry:
    return MockConfigEntry(
        domain=DOMAIN, unique_id=league, data={CONF_LEAGUE: league}, options={CONF_TEAMS: teams}
    )


async def _move(hass: HomeAssistant, freezer: FrozenDateTimeFactory, to: datetime) -> None:
    """Move the clock; fire twice, for timers that came due while the first firing ran."""
    freezer.move_to(to)
    for _ in range(2):
        async_fire_time_changed(hass, to)
        await hass.async_block_till_done()


async def _get_events(
    hass: HomeAssistant, entity_id: str, start: str, end: str
) -> list[dict[str, Any]]:
    response = await hass.services.async_call(
        CALENDAR_DOMAIN,
        "get_events",
        {"entity_id": entity_id, "start_date_time": start, "end_date_time": end},
        blocking=True,
        return_response=True,
    )
    assert response is not None
    events: list[dict[str, Any]] = response[entity_id]["events"]  # type: ignore[assignment,index]
    return events


def _calls_to(aioclient_mock: AiohttpClientMocker, path: str, **query: str) -> int:
    return sum(
        url.path.endswith(path) and query.items() <= dict(url.query).items()
        for _, url, _, _ in aioclient_mock.mock_calls
    )


def _nfl_schedules(aioclient_mock: AiohttpClientMocker) -> None:
    """Atlanta: today's game (stale) and next week's at the Rams; Miami: today's (stale)."""
    board = recorded("espn/nfl.json")
    atl_today = _event(board, "401437650")
    next_week = _swap_sides(
        _reschedule(atl_today, "401437999", "2022-09-18T20:25Z", detail="Sun, September 18th")
    )
    next_week["week"] = {"number": 2}
    stale_atl = _reschedule(atl_today, "401437650", atl_today["date"])
    stale_mia = _reschedule(_event(board, "401437630"), "401437630", "2022-09-11T17:00Z")
    aioclient_mock.get(
        f"{ESPN}/football/nfl/teams/1/schedule", json={"events": [stale_atl, next_week]}
    )
    aioclient_mock.get(f"{ESPN}/football/nfl/teams/15/schedule", json={"events": [stale_mia]})


@pytest.mark.freeze_time(NFL_NOW)
async def test_nfl_calendars(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_entry: MockConfigEntry,
    nfl_teams_payload: dict[str, Any],
    entity_registry: er.EntityRegistry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """On while the game is under way; today's board wins over a stale schedule."""
    _nfl_schedules(aioclient_mock)
    mock_espn_nfl(aioclient_mock, nfl_teams_payload)
    await setup_entry(hass, nfl_entry)

    entry = entity_registry.async_get(ATL)
    assert entry is not None
    assert (entry.unique_id, entry.translation_key) == ("nfl_1_games", "games")

    # Atlanta: live at home against New Orleans since 17:00.
    atl = hass.states.get(ATL)
    assert atl.state == STATE_ON
    assert atl.attributes["message"] == "ATL vs NO"
    assert atl.attributes["location"] == "Mercedes-Benz Stadium, Atlanta"
    assert atl.attributes["description"] == "NFL, week 1\nTV: FOX"

    # Miami: final (the board) although its schedule still says scheduled, and
    # its usual 3.5 h are not over: nothing under way, no next game.
    mia = hass.states.get(MIA)
    assert mia.state == STATE_OFF
    assert "message" not in mia.attributes
    events = await _get_events(hass, MIA, "2022-09-11T00:00:00Z", "2022-09-12T00:00:00Z")
    assert [(e["summary"], e["description"]) for e in events] == [
        ("MIA vs NE", "NFL, week 1\nTV: CBS\nW 20–7")
    ]
    assert _utc(events[0]["start"]) == _utc("2022-09-11T17:00:00Z")
    assert _utc(events[0]["end"]) == _utc("2022-09-11T20:30:00Z")
    assert events[0]["location"] == "Hard Rock Stadium, Miami Gardens"

    # Atlanta's fixture list: today's game from the board, next week's from the schedule.
    events = await _get_events(hass, ATL, "2022-09-11T00:00:00Z", "2022-09-25T00:00:00Z")
    assert [(e["summary"], e["description"]) for e in events] == [
        ("ATL vs NO", "NFL, week 1\nTV: FOX"),
        ("ATL @ NO", "NFL, week 2\nTV: FOX"),
    ]
    assert _utc(events[1]["start"]) == _utc("2022-09-18T20:25:00Z")
    assert _utc(events[1]["end"]) == _utc("2022-09-18T23:55:00Z")
    # A window inside next week's game still finds it; one between the games finds none.
    inside = await _get_events(hass, ATL, "2022-09-18T21:00:00Z", "2022-09-18T21:30:00Z")
    assert [_utc(e["start"]) for e in inside] == [_utc("2022-09-18T20:25:00Z")]
    assert await _get_events(hass, ATL, "2022-09-13T00:00:00Z", "2022-09-18T00:00:00Z") == []

    # Green Bay: kick-off at 20:25 at Minnesota; on from then.
    gb = hass.states.get(GB)
    assert (gb.state, gb.attributes["message"]) == (STATE_OFF, "GB @ MIN")
    assert gb.attributes["location"] == "U.S. Bank Stadium, Minneapolis"
    await _move(hass, freezer, _utc("2022-09-11T20:25:00Z"))
    assert hass.states.get(GB).state == STATE_ON

    # One schedule request per team, however many refreshes.
    for team_id in ("1", "15", "9"):
        assert _calls_to(aioclient_mock, f"/teams/{team_id}/schedule") == 1
    assert _calls_to(aioclient_mock, "/scoreboard") > 1


def _atl_board(status: str | None = None) -> dict[str, Any]:
    board = recorded("espn/nfl.json")
    if status is not None:
        competition = next(e for e in board["events"] if e["id"] == "401437650")["competitions"][0]
        competition["status"]["type"].update(
            name=status, state="post", completed=True, detail="Final/OT"
        )
    return board


@pytest.mark.freeze_time(NFL_NOW)
async def test_game_running_over_stays_on_until_it_is_final(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    """Past its usual 3.5 h a game under way is still on; it ends when reported final."""
    mock_espn_nfl(aioclient_mock, nfl_teams_payload)
    await setup_entry(hass, _entry("nfl", "1"))
    await _move(hass, freezer, _utc("2022-09-11T20:40:00Z"))
    atl = hass.states.get(ATL)
    assert atl.state == STATE_ON
    assert _utc(atl.attributes["end_time"]) > _utc("2022-09-11T20:40:00Z")

    aioclient_mock.clear_requests()
    mock_espn_nfl(aioclient_mock, nfl_teams_payload, _atl_board("STATUS_FINAL_OT"))
    reported = _utc("2022-09-11T20:41:00Z")
    await _move(hass, freezer, reported)
    assert hass.states.get(ATL).state == STATE_OFF
    events = await _get_events(hass, ATL, "2022-09-11T00:00:00Z", "2022-09-12T00:00:00Z")
    assert [(e["summary"], e["description"]) for e in events] == [
        ("ATL vs NO", "NFL, week 1\nTV: FOX\nW 26–24")
    ]
    assert _utc(events[0]["end"]) == reported


LAKERS_NIGHT = "2026-05-09T23:00:00+00:00"
"""The evening before Lakers-Thunder (2026-05-10 00:30 UTC) in Los Angeles."""


def _mock_nba(aioclient_mock: AiohttpClientMocker) -> None:
    schedule = recorded("espn/nba_team_schedule.json")
    aioclient_mock.get(f"{ESPN}/basketball/nba/teams", json=_teams_payload(schedule["team"]))
    aioclient_mock.get(f"{ESPN}/basketball/nba/scoreboard", json={"events": []})
    aioclient_mock.get(f"{ESPN}/basketball/nba/teams/13/schedule", json=schedule)
    mock_espn_schedules(aioclient_mock, "basketball/nba")


@pytest.mark.freeze_time(LAKERS_NIGHT)
async def test_lakers_fixture_list(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """The team schedule's finals and upcoming games; a team without games is off."""
    _mock_nba(aioclient_mock)
    await setup_entry(hass, _entry("nba", "13", "5"))

    lal = hass.states.get(LAL)
    assert lal.state == STATE_OFF
    assert lal.attributes["message"] == "LAL vs OKC"
    assert lal.attributes["location"] == "crypto.com Arena, Los Angeles"
    assert lal.attributes["description"] == "NBA"

    events = await _get_events(hass, LAL, "2026-04-01T00:00:00Z", "2026-06-01T00:00:00Z")
    assert len(events) == 13
    assert [_utc(e["start"]) for e in events] == sorted(_utc(e["start"]) for e in events)
    assert [(e["summary"], e["description"], e["location"]) for e in events[:4]] == [
        ("LAL vs HOU", "NBA\nW 107–98", "crypto.com Arena, Los Angeles"),
        ("LAL vs HOU", "NBA\nW 101–94", "crypto.com Arena, Los Angeles"),
        ("LAL @ HOU", "NBA\nW 112–108", "Toyota Center (Houston), Houston"),
        ("LAL @ HOU", "NBA\nL 96–115", "Toyota Center (Houston), Houston"),
    ]
    assert _utc(events[0]["end"]) - _utc(events[0]["start"]) == timedelta(hours=2, minutes=30)
    assert [e["summary"] for e in events[6:9]] == ["LAL @ OKC", "LAL @ OKC", "LAL vs OKC"]

    # Team 5 plays nothing the integration knows of.
    assert hass.states.get("calendar.5_games").state == STATE_OFF
    assert (
        await _get_events(hass, "calendar.5_games", "2026-04-01T00:00:00Z", "2026-06-01T00:00:00Z")
        == []
    )


@pytest.mark.freeze_time(LAKERS_NIGHT)
async def test_schedule_is_stored_once_under_a_stream_delay(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    freezer: FrozenDateTimeFactory,
    hass_storage: dict[str, Any],
) -> None:
    """Boards held back by the delay are stored without the schedule; it is kept once, apart."""
    schedule = recorded("espn/nba_team_schedule.json")
    # Game night: the Lakers are on the day's board, their other games are the schedule.
    tonight = _event(schedule, "401871328")

    def serve(board: list[dict[str, Any]], schedule_status: int = 200) -> None:
        aioclient_mock.clear_requests()
        aioclient_mock.get(f"{ESPN}/basketball/nba/teams", json=_teams_payload(schedule["team"]))
        aioclient_mock.get(f"{ESPN}/basketball/nba/scoreboard", json={"events": board})
        aioclient_mock.get(
            f"{ESPN}/basketball/nba/teams/13/schedule", json=schedule, status=schedule_status
        )

    serve([tonight])
    entry = MockConfigEntry(
        domain=DOMAIN,
        unique_id="nba",
        data={CONF_LEAGUE: "nba"},
        options={CONF_TEAMS: ["13"], CONF_STREAM_DELAY: 60},
    )
    await setup_entry(hass, entry)
    await _move(hass, freezer, dt_util.utcnow() + timedelta(seconds=70))  # first board shown
    later = _reschedule(tonight, "401871328", "2026-05-10T01:00Z")
    serve([later])
    await _move(hass, freezer, dt_util.utcnow() + timedelta(minutes=65))  # fetched, held back
    window = ("2026-04-01T00:00:00Z", "2026-06-01T00:00:00Z")
    assert len(await _get_events(hass, LAL, *window)) == 13

    assert await hass.config_entries.async_unload(entry.entry_id)
    stored = hass_storage[f"{DOMAIN}.{entry.entry_id}"]["data"]
    assert stored["pending"], "the delay holds the new board back"
    for board in (*(release["board"] for release in stored["pending"]), stored["view"]):
        assert "schedule" not in board
        assert [game["id"] for game in board["games"]] == ["401871328"]  # only the day's
    schedules = hass_storage[f"{DOMAIN}.{entry.entry_id}.schedules"]["data"]["teams"]
    assert [(s["team_id"], len(s["games"])) for s in schedules] == [("13", 13)]

    # After a restart the calendars list the stored schedule, even while
    # ESPN does not answer for it.
    serve([later], schedule_status=503)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert len(await _get_events(hass, LAL, *window)) == 13


@pytest.mark.freeze_time(LAKERS_NIGHT)
async def test_calendar_trigger_before_tip_off(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, freezer: FrozenDateTimeFactory
) -> None:
    """An automation fires 30 minutes before tip-off; the schedule is asked once per 6 h."""
    _mock_nba(aioclient_mock)
    await setup_entry(hass, _entry("nba", "13"))
    calls = async_mock_service(hass, "test", "automation")
    assert await async_setup_component(
        hass,
        "automation",
        {
            "automation": {
                "triggers": {
                    "trigger": "calendar",
                    "entity_id": LAL,
                    "event": "start",
                    "offset": "-0:30:00",
                },
                "actions": {
                    "action": "test.automation",
                    "data": {
                        "summary": "{{ trigger.calendar_event.summary }}",
                        "start": "{{ trigger.calendar_event.start }}",
                        "uid": "{{ trigger.calendar_event.uid }}",
                    },
                },
            }
        },
    )
    await hass.async_block_till_done()

    now = _utc(LAKERS_NIGHT)
    while now < _utc("2026-05-09T23:55:00Z"):
        now += timedelta(minutes=5)
        await _move(hass, freezer, now)
    assert calls == []
    await _move(hass, freezer, _utc("2026-05-10T00:00:00Z"))
    assert [call.data["summary"] for call in calls] == ["LAL vs OKC"]
    assert _utc(calls[0].data["start"]) == _utc("2026-05-10T00:30:00Z")
    assert str(calls[0].data["uid"]) == "401871328"  # the game id

    # Refreshes kept coming (every 15 min before tip-off, then the live tempo) ...
    for minutes in range(65, 6 * 60 - 5, 15):  # until 5:50 h after the first request
        await _move(hass, freezer, _utc(LAKERS_NIGHT) + timedelta(minutes=minutes))
    assert _calls_to(aioclient_mock, "/scoreboard") > 10
    assert _calls_to(aioclient_mock, "/teams/13/schedule") == 1
    # ... and the schedule is asked again once 6 h have passed.
    await _move(hass, freezer, _utc(LAKERS_NIGHT) + timedelta(hours=6, minutes=20))
    assert _calls_to(aioclient_mock, "/teams/13/schedule") == 2
    # Detach the trigger: its 15-minute refresh would outlive the test.
    await hass.services.async_call("automation", "turn_off", {"entity_id": "all"}, blocking=True)


def _mls_month() -> dict[str, Any]:
    """The month board of September 2022: the day's games (one stale) and two more."""
    day = recorded("espn/mls.json")
    nyc = _event(day, "623597")
    atx = _event(day, "623604")
    stale_nyc = _reschedule(nyc, "623597", nyc["date"])
    next_nyc = _swap_sides(_reschedule(nyc, "700001", "2022-09-24T23:30Z"))
    last_atx = _reschedule(atx, "700002", "2022-09-10T01:00Z", name="STATUS_FULL_TIME")
    last_atx["competitions"][0]["status"]["type"].update(state="post", completed=True)
    for competitor in last_atx["competitions"][0]["competitors"]:
        competitor["score"] = "2" if competitor["homeAway"] == "home" else "1"
    events = [e for e in day["events"] if e["id"] != "623597"]
    return {**day, "events": [stale_nyc, *events, next_nyc, last_atx]}


@pytest.mark.freeze_time("2022-09-17T20:00:00+00:00")
async def test_soccer_calendars_from_the_month_board(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """Soccer teams' games come from one month board for the league."""
    day = recorded("espn/mls.json")
    teams = {
        c["team"]["id"]: c["team"]
        for e in day["events"]
        for c in e["competitions"][0]["competitors"]
    }
    aioclient_mock.get(
        f"{ESPN}/soccer/usa.1/teams", json=_teams_payload(teams["17606"], teams["20906"])
    )
    aioclient_mock.get(f"{ESPN}/soccer/usa.1/scoreboard", params={"dates": "20220917"}, json=day)
    aioclient_mock.get(
        f"{ESPN}/soccer/usa.1/scoreboard", params={"dates": "202209"}, json=_mls_month()
    )
    mock_espn_clubs(aioclient_mock)
    await setup_entry(hass, _entry("mls", "17606", "20906"))
    nyc, atx = "calendar.new_york_city_fc_games", "calendar.austin_fc_games"

    events = await _get_events(hass, nyc, "2022-09-01T00:00:00Z", "2022-10-01T00:00:00Z")
    assert [(e["summary"], e["description"], e["location"]) for e in events] == [
        ("NYC vs NY", "MLS\nTV: ESPN+\nW 2–0", "Yankee Stadium, New York"),
        ("NYC @ NY", "MLS\nTV: ESPN+", "Yankee Stadium, New York"),
    ]
    assert _utc(events[0]["end"]) - _utc(events[0]["start"]) == timedelta(hours=2)
    assert hass.states.get(nyc).attributes["message"] == "NYC @ NY"

    events = await _get_events(hass, atx, "2022-09-01T00:00:00Z", "2022-10-01T00:00:00Z")
    assert [(e["summary"], e["description"]) for e in events] == [
        ("ATX vs NSH", "MLS\nTV: ESPN+\nW 2–1"),
        ("ATX vs NSH", "MLS\nTV: ESPN+"),
    ]
    assert hass.states.get(atx).state == STATE_OFF
    assert _calls_to(aioclient_mock, "/scoreboard", dates="202209") == 1


@pytest.mark.freeze_time("2026-10-04T18:00:00+00:00")
async def test_demo_games_last_as_long_as_they_play(hass: HomeAssistant) -> None:
    """A Demo game takes 5 minutes, not a real match's 2 hours: its events do too."""
    await setup_entry(hass, _entry("demo", "1"))
    events = await _get_events(
        hass, "calendar.arsenal_games", "2026-10-04T17:00:00Z", "2026-10-04T19:00:00Z"
    )
    assert events
    assert {_utc(e["end"]) - _utc(e["start"]) for e in events} == {timedelta(minutes=5)}
