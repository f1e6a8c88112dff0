"""live_sports events through Home Assistant: bus, event entities, logbook, delay."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
import json
from typing import Any
from unittest.mock import ANY

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_UNAVAILABLE, STATE_UNKNOWN
from homeassistant.core import Event, HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.live_sports.const import CONF_STREAM_DELAY, DOMAIN
from custom_components.live_sports.diff import ChangeKind, GameChange
from custom_components.live_sports.events import (
    ALL_BUS_EVENTS,
    EVENT_GAME_ENDED,
    EVENT_GAME_STARTED,
    EVENT_PERIOD_CHANGED,
    EVENT_SCORE_CHANGED,
    EVENT_STATUS_CHANGED,
    bus_event_type,
    event_data,
)
from custom_components.live_sports.logbook import async_describe_events
from custom_components.live_sports.models import Side
from custom_components.live_sports.providers.espn import LEAGUES, parse_scoreboard

from .conftest import (
    ESPN,
    NFL_NOW,
    league_entry,
    previous_run,
    recorded,
    serve_nfl,
    setup_entry,
    store_previous_run,
    tick,
)

pytestmark = pytest.mark.freeze_time(NFL_NOW)
ATL_GAME = 0
"""Index of NO @ ATL (live, 26-24, 4th quarter) in the recorded NFL board."""


def _board(
    home: int = 26, away: int = 24, status: str | None = None, period: int = 4
) -> dict[str, Any]:
    payload = recorded("espn/nfl.json")
    competition = payload["events"][ATL_GAME]["competitions"][0]
    competition["competitors"][0]["score"] = str(home)
    competition["competitors"][1]["score"] = str(away)
    competition["status"]["period"] = period
    if status is not None:
        competition["status"]["type"].update(
            name=status,
            state="post" if "FINAL" in status else "in",
            completed="FINAL" in status,
            detail=status,
        )
    return payload


def _atl_entry(**options: Any) -> MockConfigEntry:
    return league_entry("nfl", ["1"], options=options)


async def test_score_change_fires_once_with_documented_data(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    events: list[Event],
) -> None:
    """Nothing fires at start-up; a field goal fires one event, mirrored on the entity."""
    serve_nfl(aioclient_mock, nfl_teams_payload, _board())
    entry = _atl_entry()
    await setup_entry(hass, entry)
    assert events == []
    assert hass.states.get("event.atlanta_falcons_game_event").state == STATE_UNKNOWN

    serve_nfl(aioclient_mock, nfl_teams_payload, _board(away=27))
    await tick(hass, freezer, 16)
    await tick(hass, freezer, 16)
    assert [event.event_type for event in events] == [EVENT_SCORE_CHANGED]
    data = events[0].data
    assert data["entry_id"] == entry.entry_id
    assert (data["league"], data["team_id"], data["team_abbreviation"]) == ("nfl", "1", "ATL")
    assert (data["scoring_side"], data["scoring_abbreviation"], data["points"]) == ("away", "NO", 3)
    assert data["team_scored"] is False
    assert (data["home_score"], data["away_score"]) == (26, 27)
    assert (data["team_score"], data["opponent_score"]) == (26, 27)
    assert data["game"]["id"] == "401437650"
    assert data["game"]["away"]["score"] == 27
    assert len(data["event_id"]) == 24
    # The logbook files the moment under the team's event entity and device.
    assert data["entity_id"] == "event.atlanta_falcons_game_event"
    assert data["device_id"] == er.async_get(hass).async_get(data["entity_id"]).device_id

    state = hass.states.get("event.atlanta_falcons_game_event")
    assert state.attributes["event_type"] == "score_changed"
    assert state.attributes["event_id"] == data["event_id"]
    assert state.attributes["points"] == 3
    assert hass.states.get("sensor.atlanta_falcons_opponent_score").state == "27"


async def test_period_break_and_end(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    events: list[Event],
) -> None:
    """Overtime, then the final with Atlanta's result."""
    serve_nfl(aioclient_mock, nfl_teams_payload, _board())
    await setup_entry(hass, _atl_entry())
    serve_nfl(aioclient_mock, nfl_teams_payload, _board(period=5))
    await tick(hass, freezer, 16)
    serve_nfl(aioclient_mock, nfl_teams_payload, _board(home=32, period=5, status="STATUS_FINAL"))
    await tick(hass, freezer, 16)
    assert [event.event_type for event in events] == [
        EVENT_PERIOD_CHANGED,
        EVENT_SCORE_CHANGED,
        EVENT_GAME_ENDED,
    ]
    assert events[0].data["change"] == "period_changed"
    assert events[0].data["period"] == 5
    assert events[2].data["result"] == "win"
    assert (
        hass.states.get("event.atlanta_falcons_game_event").attributes["event_type"] == "game_ended"
    )


async def test_started_and_status_changed(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    events: list[Event],
) -> None:
    """Green Bay's game: delayed, then kicked off."""
    board = recorded("espn/nfl.json")
    gb_index = next(i for i, event in enumerate(board["events"]) if event["id"] == "401437649")
    entry = league_entry("nfl", ["9"])
    serve_nfl(aioclient_mock, nfl_teams_payload, board)
    await setup_entry(hass, entry)

    def _status(name: str, state: str) -> dict[str, Any]:
        payload = recorded("espn/nfl.json")
        payload["events"][gb_index]["competitions"][0]["status"]["type"].update(
            name=name, state=state, detail=name
        )
        payload["events"][gb_index]["competitions"][0]["status"]["period"] = 1
        return payload

    freezer.move_to("2022-09-11T20:30:00+00:00")
    serve_nfl(aioclient_mock, nfl_teams_payload, _status("STATUS_DELAYED", "pre"))
    await tick(hass, freezer, 1)
    serve_nfl(aioclient_mock, nfl_teams_payload, _status("STATUS_IN_PROGRESS", "in"))
    await tick(hass, freezer, 61)
    assert [event.event_type for event in events] == [EVENT_STATUS_CHANGED, EVENT_GAME_STARTED]
    assert (events[0].data["status"], events[0].data["previous_status"]) == ("delayed", "scheduled")
    assert events[1].data["team_abbreviation"] == "GB"


async def test_no_duplicates_and_no_missed_final_across_a_restart(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    events: list[Event],
) -> None:
    """A reload mid-game repeats nothing; the final reached while down fires once."""
    serve_nfl(aioclient_mock, nfl_teams_payload, _board())
    entry = _atl_entry()
    await setup_entry(hass, entry)
    serve_nfl(aioclient_mock, nfl_teams_payload, _board(home=29))
    await tick(hass, freezer, 16)
    assert len(events) == 1

    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert len(events) == 1

    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    serve_nfl(aioclient_mock, nfl_teams_payload, _board(home=29, status="STATUS_FINAL"))
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    await tick(hass, freezer, 16)
    assert [event.event_type for event in events] == [EVENT_SCORE_CHANGED, EVENT_GAME_ENDED]


async def test_state_from_a_previous_run_is_used(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
) -> None:
    """Started after a restart with a stored 26-21: the field goal seen while down fires."""
    entry = _atl_entry()
    store_previous_run(hass_storage, entry)
    captured = async_capture_events(hass, EVENT_SCORE_CHANGED)
    serve_nfl(aioclient_mock, nfl_teams_payload, _board())
    await setup_entry(hass, entry)
    assert len(captured) == 1
    assert captured[0].data["points"] == 3


async def test_failed_setup_keeps_the_previous_run(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
) -> None:
    """ESPN down at start-up: the stored state survives, and is used once ESPN is back."""
    entry = _atl_entry()
    key = store_previous_run(hass_storage, entry, minor_version=2)
    stored = previous_run(minor_version=2)["data"]
    aioclient_mock.get(f"{ESPN}/football/nfl/teams", status=503)
    entry.add_to_hass(hass)
    assert not await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert hass_storage[key]["data"] == stored

    captured = async_capture_events(hass, EVENT_SCORE_CHANGED)
    serve_nfl(aioclient_mock, nfl_teams_payload, _board())
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert [event.data["points"] for event in captured] == [3]


async def test_stream_delay_holds_back_events_and_states(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    events: list[Event],
) -> None:
    """With a 40 s delay the score shows, and fires, 40 s after detection, in order."""
    serve_nfl(aioclient_mock, nfl_teams_payload, _board())
    await setup_entry(hass, _atl_entry(**{CONF_STREAM_DELAY: 40}))
    await tick(hass, freezer, 40)
    assert hass.states.get("sensor.atlanta_falcons_score").state == "26"

    serve_nfl(aioclient_mock, nfl_teams_payload, _board(home=33))
    await tick(hass, freezer, 16)  # detected at +56 s, due at +96 s
    serve_nfl(aioclient_mock, nfl_teams_payload, _board(home=34))
    await tick(hass, freezer, 16)  # detected at +72 s, due at +112 s
    assert events == []
    assert hass.states.get("sensor.atlanta_falcons_score").state == "26"
    await tick(hass, freezer, 25)  # +97 s: the first is due
    assert [event.data["home_score"] for event in events] == [33]
    assert hass.states.get("sensor.atlanta_falcons_score").state == "33"
    await tick(hass, freezer, 16)  # +113 s: the second
    assert [event.data["home_score"] for event in events] == [33, 34]
    assert hass.states.get("sensor.atlanta_falcons_score").state == "34"


async def test_stream_delay_survives_a_reload(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    events: list[Event],
) -> None:
    """Events waiting for the delay are released after a reload, once."""
    serve_nfl(aioclient_mock, nfl_teams_payload, _board())
    entry = _atl_entry(**{CONF_STREAM_DELAY: 60})
    await setup_entry(hass, entry)
    await tick(hass, freezer, 60)
    serve_nfl(aioclient_mock, nfl_teams_payload, _board(home=33))
    await tick(hass, freezer, 16)
    assert events == []
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert events == []
    assert hass.states.get("sensor.atlanta_falcons_score").state == "26"
    await tick(hass, freezer, 61)
    assert [event.data["home_score"] for event in events] == [33]
    assert hass.states.get("sensor.atlanta_falcons_score").state == "33"
    await tick(hass, freezer, 120)
    assert len(events) == 1


async def test_pending_release_of_the_previous_version_keeps_its_event_id(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    events: list[Event],
) -> None:
    """A 1.1 store (changes kept as bus event data pairs) loads; the event keeps its id."""
    entry = _atl_entry(**{CONF_STREAM_DELAY: 60})
    now = datetime.fromisoformat(NFL_NOW)
    view = parse_scoreboard(_board(), LEAGUES["nfl"], now - timedelta(seconds=30))
    later = parse_scoreboard(_board(away=27), LEAGUES["nfl"], now - timedelta(seconds=30))
    game = later.games_of("1")[0]
    change = GameChange(ChangeKind.SCORE_CHANGED, game, "1", "0123456789abcdef01234567")
    stored_data = event_data(replace(change, side=Side.AWAY, points=3), entry.entry_id)
    key = f"{DOMAIN}.{entry.entry_id}"
    hass_storage[key] = {
        "version": 1,
        "minor_version": 1,
        "key": key,
        "data": {
            "states": {
                game.id: {
                    "phase": "live",
                    "period": 4,
                    "home_score": 26,
                    "away_score": 27,
                    "start": "2022-09-11T17:00:00+00:00",
                    "since": "2022-09-11T19:00:00+00:00",
                    "started": True,
                    "seq": 10,
                }
            },
            "pending": [
                {
                    "at": (now + timedelta(seconds=30)).isoformat(),
                    "board": later.as_dict(),
                    "events": [[EVENT_SCORE_CHANGED, stored_data]],
                }
            ],
            "view": view.as_dict(),
        },
    }
    serve_nfl(aioclient_mock, nfl_teams_payload, _board(away=27))
    await setup_entry(hass, entry)
    assert events == []
    assert hass.states.get("sensor.atlanta_falcons_opponent_score").state == "24"
    assert entry.runtime_data.releases.pending_changes == 1

    await tick(hass, freezer, 31)
    assert [event.event_type for event in events] == [EVENT_SCORE_CHANGED]
    assert events[0].data == json.loads(json.dumps(stored_data)) | {
        "entity_id": "event.atlanta_falcons_game_event",
        "device_id": ANY,
    }
    assert events[0].data["event_id"] == "0123456789abcdef01234567"
    state = hass.states.get("event.atlanta_falcons_game_event")
    assert state.attributes["event_id"] == "0123456789abcdef01234567"
    assert hass.states.get("sensor.atlanta_falcons_opponent_score").state == "27"
    await tick(hass, freezer, 120)
    await tick(hass, freezer, 2)  # the store is written a second after a change
    assert len(events) == 1
    assert hass_storage[key]["minor_version"] == 2
    assert hass_storage[key]["data"]["pending"] == []


async def test_rate_limit_and_backoff(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    """429 Retry-After is honoured exactly; errors back off; success resets."""
    serve_nfl(aioclient_mock, nfl_teams_payload, _board())
    entry = _atl_entry()
    await setup_entry(hass, entry)
    coordinator = entry.runtime_data.coordinator
    assert coordinator.update_interval == timedelta(seconds=15)

    serve_nfl(aioclient_mock, nfl_teams_payload, {}, status=429, headers={"Retry-After": "90"})
    await tick(hass, freezer, 16)
    assert coordinator.update_interval == timedelta(seconds=90)
    assert hass.states.get("sensor.atlanta_falcons_score").state == STATE_UNAVAILABLE
    calls = aioclient_mock.call_count
    await tick(hass, freezer, 60)
    assert aioclient_mock.call_count == calls  # nothing before Retry-After

    serve_nfl(aioclient_mock, nfl_teams_payload, {}, status=503)
    await tick(hass, freezer, 31)
    assert timedelta(seconds=54) <= coordinator.update_interval <= timedelta(seconds=66)
    serve_nfl(aioclient_mock, nfl_teams_payload, _board())
    await tick(hass, freezer, 68)
    assert coordinator.update_interval == timedelta(seconds=15)
    assert hass.states.get("sensor.atlanta_falcons_score").state == "26"


async def test_conditional_requests_and_max_age(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    """ETag is sent back; a 304 skips parse and diff; max-age slows polling."""
    serve_nfl(
        aioclient_mock,
        nfl_teams_payload,
        _board(),
        headers={"ETag": '"v1"', "Cache-Control": "max-age=30"},
    )
    entry = _atl_entry()
    await setup_entry(hass, entry)
    coordinator = entry.runtime_data.coordinator
    assert coordinator.update_interval == timedelta(seconds=30)
    first = coordinator.data

    serve_nfl(aioclient_mock, nfl_teams_payload, {}, status=304, headers={"ETag": '"v1"'})
    await tick(hass, freezer, 31)
    _, _, _, headers = aioclient_mock.mock_calls[-1]
    assert headers["If-None-Match"] == '"v1"'
    assert coordinator.data is first
    assert coordinator.update_interval == timedelta(seconds=15)

    # The same body again without validators is also recognised as unchanged.
    serve_nfl(aioclient_mock, nfl_teams_payload, _board(), headers={"ETag": '"v1"'})
    await tick(hass, freezer, 16)
    assert coordinator.data is first


async def test_wakes_for_the_next_kickoff(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    """Following only Green Bay (20:25 UTC): sleep until 30 min before, then closer."""
    freezer.move_to("2022-09-11T15:00:00+00:00")
    entry = league_entry("nfl", ["9"])
    serve_nfl(aioclient_mock, nfl_teams_payload, recorded("espn/nfl.json"))
    await setup_entry(hass, entry)
    coordinator = entry.runtime_data.coordinator
    # 20:25 + 1 min usual lag - 30 min window = 19:56: 4 h 56 min away.
    assert coordinator.update_interval == timedelta(hours=4, minutes=56)
    await tick(hass, freezer, 4 * 3600 + 56 * 60 + 1)
    assert coordinator.update_interval == timedelta(minutes=15)


async def test_logbook_descriptions(hass: HomeAssistant) -> None:
    """Every event type has a logbook text."""
    describers: dict[str, Callable[[Event], dict[str, str]]] = {}
    async_describe_events(
        hass, lambda domain, event_type, fn: describers.__setitem__(event_type, fn)
    )
    assert set(describers) == set(ALL_BUS_EVENTS)
    base = {
        "team_name": "Buffalo Bills",
        "team_short_name": "Bills",
        "team_abbreviation": "BUF",
        "opponent_abbreviation": "NE",
        "team_score": 14,
        "opponent_score": 10,
        "status_detail": "Halftime",
        "period": 3,
        "status": "postponed",
    }
    texts = {
        "score_changed": {**base, "team_scored": True, "points": 7},
        "game_started": base,
        "break_started": base,
        "break_ended": base,
        "period_changed": base,
        "game_ended": {**base, "result": "win"},
        "game_status_changed": base,
    }
    got = {
        change: describers[EVENT_SCORE_CHANGED](
            Event(EVENT_SCORE_CHANGED, {**data, "change": change})
        )
        for change, data in texts.items()
    }
    assert got["score_changed"] == {
        "name": "Buffalo Bills",
        "message": "Bills scored 7 — BUF 14 : 10 NE",
    }
    assert got["game_started"]["message"] == "Bills game against NE started"
    assert got["break_started"]["message"] == "Halftime — BUF 14 : 10 NE"
    assert got["break_ended"]["message"] == "Play resumed — BUF 14 : 10 NE"
    assert got["period_changed"]["message"] == "Period 3 — BUF 14 : 10 NE"
    assert got["game_ended"]["message"] == "Bills won — BUF 14 : 10 NE"
    assert got["game_status_changed"]["message"] == "Bills game against NE is postponed"
    opponent = describers[EVENT_SCORE_CHANGED](
        Event(
            EVENT_SCORE_CHANGED,
            {
                **base,
                "change": "score_changed",
                "team_scored": False,
                "scoring_abbreviation": "NE",
                "points": 3,
            },
        )
    )
    assert opponent["message"] == "NE scored 3 — BUF 14 : 10 NE"


async def test_consumers_receive_released_boards_and_changes(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    """A consumer sees each released board with its typed changes, until removed."""
    serve_nfl(aioclient_mock, nfl_teams_payload, _board())
    entry = _atl_entry()
    await setup_entry(hass, entry)
    received: list[tuple[int, list[str]]] = []
    remove = entry.runtime_data.releases.async_add_consumer(
        lambda release: received.append(
            (
                release.board.games_of("1")[0].home.score or 0,
                [bus_event_type(change) for change in release.changes],
            )
        )
    )
    serve_nfl(aioclient_mock, nfl_teams_payload, _board(home=29))
    await tick(hass, freezer, 16)
    remove()
    serve_nfl(aioclient_mock, nfl_teams_payload, _board(home=36))
    await tick(hass, freezer, 16)
    assert received == [(29, [EVENT_SCORE_CHANGED])]
