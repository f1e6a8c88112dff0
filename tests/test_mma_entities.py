"""Following a fighter through Home Assistant: the bout under way, then decided."""

from __future__ import annotations

import copy
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import async_capture_events
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.live_sports.events import describe

from .conftest import ESPN, league_entry, recorded, setup_entry, tick
from .test_mma_racing import UFC

URL = f"{ESPN}/mma/ufc/scoreboard"
CACERES = "2552906"


def _decided(card: dict[str, Any]) -> dict[str, Any]:
    """Return the card once Caceres won his bout on the judges' cards."""
    card = copy.deepcopy(card)
    bout = next(bout for bout in card["competitions"] if bout["id"] == "401505365")
    bout["status"] = {
        "period": 3,
        "displayClock": "5:00",
        "type": {"name": "STATUS_FINAL", "state": "post", "completed": True, "detail": "Final"},
    }
    for fighter, won, cards in zip(
        bout["competitors"], (True, False), ((29, 29, 28), (28, 28, 29)), strict=True
    ):
        fighter["winner"] = won
        fighter["linescores"] = [
            {"value": sum(cards), "linescores": [{"value": value} for value in cards]}
        ]
    return card


@pytest.mark.freeze_time("2022-12-18T00:03:00+00:00")
async def test_a_bout_in_progress_then_decided(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, freezer: FrozenDateTimeFactory
) -> None:
    """Round 1 under way; then a split decision: the win, with the judges' cards won."""
    card = recorded(f"espn/{UFC}")
    aioclient_mock.get(URL, json=card)
    entry = league_entry("ufc", [CACERES])
    await setup_entry(hass, entry)
    status = hass.states.get("sensor.alex_caceres_game_status")
    assert status is not None
    assert (status.state, status.attributes["period"]) == ("live", 1)
    opponent = hass.states.get("sensor.alex_caceres_opponent")
    assert opponent is not None
    assert opponent.state == "Julian Erosa"
    assert entry.runtime_data.coordinator.update_interval.total_seconds() == 10  # MMA's tempo

    ended = async_capture_events(hass, "live_sports_game_ended")
    aioclient_mock.clear_requests()
    aioclient_mock.get(URL, json=_decided(card))
    await tick(hass, freezer, 11)
    assert [event.data["result"] for event in ended] == ["win"]
    game = ended[0].data["game"]
    assert (game["home"]["score"], game["away"]["score"]) == (2, 1)  # judges' cards won
    assert game["home"]["set_scores"] == [29, 29, 28]
    assert describe(ended[0].data) == "A. Caceres won — A. Caceres 2 : 1 J. Erosa"
    last = hass.states.get("sensor.alex_caceres_last_result")
    assert last is not None
    assert last.state == "W 2–1 vs J. Erosa"
