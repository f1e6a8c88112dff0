"""The Team tracker sensor in Home Assistant: state, attributes, what is recorded."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.recorder import Recorder, get_instance as get_recorder, history
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.live_sports.teamtracker import IN, POST, PRE, STATES

from .conftest import NFL_NOW, recorded, serve_nfl, tick
from .test_teamtracker import EXPECTED_UNRECORDED, assert_card_contract


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(
    recorder_mock: Recorder, enable_custom_integrations: None
) -> None:
    """Start the recorder before Home Assistant (it must come first), then load ours."""


def _subset(attributes: dict[str, Any], expected: dict[str, Any]) -> dict[str, Any]:
    return {key: attributes[key] for key in expected}


@pytest.mark.freeze_time(NFL_NOW)
@pytest.mark.usefixtures("entity_registry_enabled_by_default", "init_integration")
async def test_team_tracker_sensor(
    hass: HomeAssistant,
    nfl_entry: MockConfigEntry,
) -> None:
    """Each followed team has a Team tracker sensor the card lists and renders."""

    atlanta = hass.states.get("sensor.atlanta_falcons_team_tracker")
    assert atlanta is not None
    assert atlanta.state == IN
    assert atlanta.attributes["friendly_name"] == "Atlanta Falcons Team tracker"
    assert atlanta.attributes["options"] == list(STATES)
    assert "sport" in atlanta.attributes  # the card's editor lists only such sensors
    expected = {
        "sport": "football",
        "league": "NFL",
        "team_abbr": "ATL",
        "team_name": "Falcons",
        "team_score": 26,
        "opponent_abbr": "NO",
        "opponent_score": 24,
        "clock": "0:48 - 4th",  # ESPN's short detail, as ha-teamtracker shows it
        "location": "Atlanta, GA",
        "team_timeouts": 3,
        "team_win_probability": 0.924,
        "event_url": "https://www.espn.com/nfl/game?gameId=401437650",
        "last_update": "2022-09-11T20:00:00+00:00",
    }
    assert _subset(dict(atlanta.attributes), expected) == expected
    assert_card_contract(atlanta.state, dict(atlanta.attributes))
    assert hass.states.get("sensor.miami_dolphins_team_tracker").state == POST
    green_bay = hass.states.get("sensor.green_bay_packers_team_tracker")
    assert green_bay.state == PRE
    # ESPN's own line: its first book lists no spread for the game, only this text.
    assert _subset(dict(green_bay.attributes), {"odds": 0, "clock": 0, "location": 0}) == {
        "odds": "MIN -2.0",
        "clock": "9/11 - 4:25 PM EDT",
        "location": "Minneapolis, MN",
    }

    await async_wait_recording_done(hass)
    start = datetime.fromisoformat(NFL_NOW) - timedelta(hours=1)
    states = await get_recorder(hass).async_add_executor_job(
        history.get_significant_states,
        hass,
        start,
        None,
        ["sensor.atlanta_falcons_team_tracker"],
    )
    (stored,) = states["sensor.atlanta_falcons_team_tracker"]
    assert stored.state == IN
    kept = set(stored.attributes)
    assert not kept & EXPECTED_UNRECORDED
    assert {"team_score", "opponent_score", "quarter", "sport", "team_colors"} <= kept
    # Besides ours, only what Home Assistant never records stays out: the
    # sensor platform's "options" and every entity's "attribution".
    assert set(atlanta.attributes) - kept == EXPECTED_UNRECORDED | {"options", "attribution"}


@pytest.mark.freeze_time(NFL_NOW)
@pytest.mark.usefixtures("entity_registry_enabled_by_default", "init_integration")
async def test_a_moved_line_shows_though_nothing_else_of_the_game_changed(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    freezer: FrozenDateTimeFactory,
    nfl_teams_payload: dict[str, Any],
) -> None:
    """The line of Green Bay's game moves before kick-off: the card shows the new one.

    Nothing else of that game changes (status, scores, clock): a refresh that
    reused an unchanged game must still see a change in any of its fields.
    """
    green_bay = "sensor.green_bay_packers_team_tracker"
    assert hass.states.get(green_bay).attributes["odds"] == "MIN -2.0"

    board = copy.deepcopy(recorded("espn/nfl.json"))
    (game,) = [event for event in board["events"] if event["shortName"] == "GB @ MIN"]
    game["competitions"][0]["odds"][0]["details"] = "MIN -3.5"
    serve_nfl(aioclient_mock, nfl_teams_payload, board)
    await tick(hass, freezer, 61)
    assert hass.states.get(green_bay).attributes["odds"] == "MIN -3.5"

    # Another game moves on (Atlanta's clock): Green Bay's line stays the new one.
    board = copy.deepcopy(board)
    (atlanta,) = [event for event in board["events"] if event["shortName"] == "NO @ ATL"]
    status = atlanta["competitions"][0]["status"]
    status["displayClock"], status["type"]["shortDetail"] = "0:31", "0:31 - 4th"
    serve_nfl(aioclient_mock, nfl_teams_payload, board)
    await tick(hass, freezer, 61)
    assert hass.states.get(green_bay).attributes["odds"] == "MIN -3.5"
    assert hass.states.get("sensor.atlanta_falcons_team_tracker").attributes["clock"] == (
        "0:31 - 4th"
    )
