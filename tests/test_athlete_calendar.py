"""A golfer's rounds and a driver's sessions as calendars, through Home Assistant."""

from __future__ import annotations

from typing import Any

from homeassistant.components.calendar import DOMAIN as CALENDAR_DOMAIN
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from .conftest import ESPN, league_entry, recorded, setup_entry
from .test_golf import MEMORIAL, SHOPRITE
from .test_mma_racing import F1


async def _events(
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


@pytest.mark.freeze_time("2025-05-31T12:00:00+00:00")
async def test_a_golfers_rounds(hass: HomeAssistant, aioclient_mock: AiohttpClientMocker) -> None:
    """Scheffler's four rounds at their tee times; the next one is the calendar's event."""
    aioclient_mock.get(f"{ESPN}/golf/pga/scoreboard", json=recorded(f"espn/{MEMORIAL}"))
    await setup_entry(hass, league_entry("pga", ["9478"]))
    events = await _events(
        hass, "calendar.scottie_scheffler_rounds", "2025-05-28T00:00:00Z", "2025-06-03T00:00:00Z"
    )
    assert [event["summary"].rsplit(" — ", 1)[1] for event in events] == [
        "Round 1",
        "Round 2",
        "Round 3",
        "Round 4",
    ]
    assert events[0]["start"] == "2025-05-29T20:30:00+00:00"
    calendar = hass.states.get("calendar.scottie_scheffler_rounds")
    assert calendar is not None
    assert calendar.attributes["message"].endswith("Round 3")


@pytest.mark.freeze_time("2025-06-04T12:00:00+00:00")
async def test_an_event_before_its_field(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """Before the field is out, the tournament from its start to the day after its end."""
    aioclient_mock.get(f"{ESPN}/golf/lpga/scoreboard", json=recorded(f"espn/{SHOPRITE}"))
    await setup_entry(hass, league_entry("lpga", ["1"]))
    (event,) = await _events(
        hass, "calendar.1_rounds", "2025-06-01T00:00:00Z", "2025-06-30T00:00:00Z"
    )
    assert (event["start"], event["end"]) == (
        "2025-06-06T04:00:00+00:00",
        "2025-06-09T04:00:00+00:00",
    )


@pytest.mark.freeze_time("2023-04-29T13:45:00+00:00")
async def test_a_drivers_sessions(hass: HomeAssistant, aioclient_mock: AiohttpClientMocker) -> None:
    """Leclerc's five sessions of the weekend, two hours each."""
    aioclient_mock.get(f"{ESPN}/racing/f1/scoreboard", json=recorded(f"espn/{F1}"))
    await setup_entry(hass, league_entry("f1", ["5498"]))
    events = await _events(
        hass, "calendar.cherles_leclerc_sessions", "2023-04-27T00:00:00Z", "2023-05-01T00:00:00Z"
    )
    assert [event["summary"] for event in events] == [
        "Azerbaijan GP — FP1",
        "Azerbaijan GP — Qual",
        "Azerbaijan GP — Sprint",
        "Azerbaijan GP — SQ",
        "Azerbaijan GP — Race",
    ]
    assert events[-1]["end"] == "2023-04-30T13:00:00+00:00"
    calendar = hass.states.get("calendar.cherles_leclerc_sessions")
    assert calendar is not None
    assert (calendar.state, calendar.attributes["message"]) == ("on", "Azerbaijan GP — SQ")
