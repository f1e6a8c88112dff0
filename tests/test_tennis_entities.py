"""Following a tennis player through Home Assistant: found by name, singles and doubles.

An ATP-board entry (Roland Garros, the derived recording) follows Irina-Camelia
Begu, found by an accented, hyphenated spelling of her name; her singles ends
with her retirement, her doubles go on.
"""

from __future__ import annotations

import copy
from typing import Any
from unittest.mock import AsyncMock

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import SOURCE_USER
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import async_capture_events
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.live_sports.const import CONF_LEAGUE, CONF_TEAMS, DOMAIN
from custom_components.live_sports.events import describe

from .conftest import ESPN, league_entry, recorded, setup_entry, tick
from .test_tennis import BEGU, SLAM

URL = f"{ESPN}/tennis/atp/scoreboard"


def _options(result: dict[str, Any]) -> list[str]:
    schema = result["data_schema"].schema
    key = next(key for key in schema if key == CONF_TEAMS)
    return [option["label"] for option in schema[key].config["options"]]


async def test_found_by_an_accented_hyphenated_name(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, mock_setup_entry: AsyncMock
) -> None:
    """ "irina-camélia BEGU" finds her (and her pair); picked, she is followed by id."""
    aioclient_mock.get(URL, json=recorded(f"espn/{SLAM}"))
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_LEAGUE: "atp"})
    assert result["step_id"] == "athletes"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"search": "irina-camélia BEGU"}
    )
    assert _options(result) == [
        "Irina-Camelia Begu",
        "Irina-Camelia Begu / Yanina Wickmayer",
    ]
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"search": "irina-camélia BEGU", CONF_TEAMS: [BEGU]}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    (subentry,) = result["result"].subentries.values()
    assert (subentry.title, subentry.unique_id) == ("Irina-Camelia Begu", BEGU)


def _singles_live(payload: dict[str, Any]) -> dict[str, Any]:
    """Return the board while Begu's singles was in its third set."""
    payload = copy.deepcopy(payload)
    for grouping in payload["events"][0]["groupings"]:
        for match in grouping["competitions"]:
            if match["id"] == "157174":
                match["status"] = {
                    "period": 3,
                    "type": {"name": "STATUS_IN_PROGRESS", "state": "in", "detail": "3rd Set"},
                }
                for side in match["competitors"]:
                    side.pop("winner", None)
                    for line in side["linescores"]:
                        line.pop("winner", None)
    return payload


@pytest.mark.freeze_time("2025-05-26T19:30:00+00:00")
async def test_her_singles_ends_in_her_retirement_then_her_doubles(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, freezer: FrozenDateTimeFactory
) -> None:
    """In play in the third set; then the retirement ends it, a loss; her doubles are next."""
    slam = recorded(f"espn/{SLAM}")
    aioclient_mock.get(URL, json=_singles_live(slam))
    entry = league_entry("atp", [BEGU])
    registered = async_capture_events(hass, er.EVENT_ENTITY_REGISTRY_UPDATED)
    await setup_entry(hass, entry)
    status = hass.states.get("sensor.irina_camelia_begu_game_status")
    assert status is not None
    assert status.state == "live"
    opponent = hass.states.get("sensor.irina_camelia_begu_opponent")
    assert opponent is not None
    assert opponent.state == "Leolia Jeanjean"
    playing = hass.states.get("binary_sensor.irina_camelia_begu_playing")
    assert playing is not None
    assert playing.state == "on"
    score = hass.states.get("sensor.irina_camelia_begu_score")
    assert score is not None
    assert score.state == "1"  # sets won: the second
    # A tour keeps no team table: no League position or Standings, not even for a moment.
    made = [event.data["entity_id"] for event in registered if event.data["action"] == "create"]
    assert "sensor.irina_camelia_begu_score" in made
    assert not [entity_id for entity_id in made if "league_position" in entity_id]
    assert not [entity_id for entity_id in made if entity_id.endswith("_standings")]

    ended = async_capture_events(hass, "live_sports_game_ended")
    aioclient_mock.clear_requests()
    aioclient_mock.get(URL, json=slam)
    await tick(hass, freezer, 16)
    assert len(ended) == 1
    data = ended[0].data
    assert (data["team_id"], data["result"], data["status_detail"]) == (BEGU, "loss", "Retired")
    # One set all when she retired: the result is the provider's winner, not the sets.
    assert describe(data) == "I. Begu lost — I. Begu 1 : 1 L. Jeanjean"
    last = hass.states.get("sensor.irina_camelia_begu_last_result")
    assert last is not None
    assert last.state.startswith("L 1–1")

    # Days later: her doubles (her pair's id is not hers) are her games too.
    freezer.move_to("2025-06-01T12:00:00+00:00")
    await tick(hass, freezer, 6 * 3600)
    status = hass.states.get("sensor.irina_camelia_begu_game_status")
    assert status is not None
    assert status.state == "scheduled"
    opponent = hass.states.get("sensor.irina_camelia_begu_opponent")
    assert opponent is not None
    assert opponent.state == "Kamilla Rakhimova / Anna Siskova"
    start = hass.states.get("sensor.irina_camelia_begu_game_start")
    assert start is not None
    assert start.state == "2025-06-02T09:00:00+00:00"
