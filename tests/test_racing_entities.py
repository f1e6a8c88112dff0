"""Following drivers through Home Assistant: an F1 weekend's sessions, NASCAR before its entry list."""

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
from .test_mma_racing import F1, NASCAR

LECLERC, PEREZ = "5498", "4472"
SPRINT_SHOOTOUT = "401511286"


def state(hass: HomeAssistant, entity_id: str) -> str:
    """Return an entity's state (it must exist)."""
    found = hass.states.get(entity_id)
    assert found is not None, entity_id
    return found.state


def _shootout_over(weekend: dict[str, Any]) -> dict[str, Any]:
    """Return the weekend once Pérez took the sprint shoot-out from Leclerc."""
    weekend = copy.deepcopy(weekend)
    session = next(s for s in weekend["competitions"] if s["id"] == SPRINT_SHOOTOUT)
    session["status"] = {"period": 3, "type": {"name": "STATUS_FINAL", "state": "post"}}
    first, second = session["competitors"][:2]
    first["order"], second["order"] = 2, 1
    session["competitors"][:2] = [second, first]
    return weekend


@pytest.mark.freeze_time("2023-04-29T13:45:00+00:00")
async def test_a_driver_through_a_weekends_sessions(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, freezer: FrozenDateTimeFactory
) -> None:
    """Leclerc leads the sprint shoot-out on track; Pérez takes it; the race is next."""
    url = f"{ESPN}/racing/f1/scoreboard"
    weekend = recorded(f"espn/{F1}")
    aioclient_mock.get(url, json=weekend)
    entry = league_entry("f1", [LECLERC, PEREZ])
    await setup_entry(hass, entry)
    assert state(hass, "sensor.cherles_leclerc_status") == "in_play"
    assert state(hass, "sensor.cherles_leclerc_position") == "1"
    assert state(hass, "sensor.cherles_leclerc_session") == "Azerbaijan Grand Prix — SQ"
    assert state(hass, "binary_sensor.cherles_leclerc_playing") == "on"
    assert entry.runtime_data.coordinator.update_interval.total_seconds() == 10

    lost = async_capture_events(hass, "live_sports_lost_lead")
    took = async_capture_events(hass, "live_sports_took_lead")
    finished = async_capture_events(hass, "live_sports_event_finished")
    aioclient_mock.clear_requests()
    aioclient_mock.get(url, json=_shootout_over(weekend))
    await tick(hass, freezer, 11)
    assert [event.data["team_id"] for event in lost] == [LECLERC]
    assert [event.data["team_id"] for event in took] == [PEREZ]
    assert {event.data["team_id"]: event.data["position"] for event in finished} == {
        LECLERC: 2,
        PEREZ: 1,
    }
    assert describe(finished[1].data) == "Sergio Pérez won Azerbaijan GP — SQ — 1"
    event_entity = hass.states.get("event.cherles_leclerc_racing_event")
    assert event_entity is not None
    assert event_entity.attributes["event_type"] == "event_finished"
    # Between sessions the next one is shown: the race, with its start.
    assert state(hass, "sensor.cherles_leclerc_status") == "scheduled"
    assert state(hass, "sensor.cherles_leclerc_session") == "Azerbaijan Grand Prix — Race"
    assert state(hass, "sensor.cherles_leclerc_next_session") == "2023-04-30T11:00:00+00:00"


@pytest.mark.freeze_time("2026-05-01T12:00:00+00:00")
async def test_nascar_before_the_entry_list(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """No driver listed yet: the race is shown, awaiting the entry list, never not found."""
    aioclient_mock.get(f"{ESPN}/racing/nascar-premier/scoreboard", json=recorded(f"espn/{NASCAR}"))
    entry = league_entry("nascar_cup", ["4153"])
    await setup_entry(hass, entry)
    assert state(hass, "sensor.4153_status") == "awaiting_entry_list"
    assert state(hass, "sensor.4153_session") == "NASCAR Cup Series at Texas"
    assert state(hass, "sensor.4153_next_session") == "2026-05-03T19:30:00+00:00"
