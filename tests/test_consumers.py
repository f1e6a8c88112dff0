"""Releases as their consumers get them: each entity written once, no consumer starving another."""

from __future__ import annotations

from collections import Counter
import logging
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import EVENT_STATE_CHANGED, EVENT_STATE_REPORTED
from homeassistant.core import Event, HomeAssistant, callback
import pytest
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.live_sports.const import CONF_HISTORY, CONF_STREAM_DELAY
from custom_components.live_sports.diagnostics import async_get_config_entry_diagnostics
from custom_components.live_sports.webhooks import Endpoint
from custom_components.live_sports.webhooks.signer import generate_secret

from .conftest import (
    NFL_NOW,
    atlanta_board,
    league_entry,
    serve_nfl,
    setup_entry,
    tick,
)

pytestmark = pytest.mark.freeze_time(NFL_NOW)

HOOK = "https://hooks.example.com/in/live-sports"
TEAM_ENTITY_PREFIXES = (
    "sensor.atlanta_falcons_",
    "binary_sensor.atlanta_falcons_",
    "calendar.atlanta_falcons",
)
"""Atlanta's entities that show the board (the event entity is written by its events)."""


def _count_writes(hass: HomeAssistant) -> Counter[str]:
    """Count every state write of Atlanta's entities, changed or not."""
    writes: Counter[str] = Counter()

    @callback
    def _ours(data: Any) -> bool:
        return str(data["entity_id"]).startswith(TEAM_ENTITY_PREFIXES)

    @callback
    def _count(event: Event) -> None:
        writes[event.data["entity_id"]] += 1

    hass.bus.async_listen(EVENT_STATE_CHANGED, _count, event_filter=_ours)
    hass.bus.async_listen(EVENT_STATE_REPORTED, _count, event_filter=_ours)
    return writes


def _team_entities(hass: HomeAssistant) -> set[str]:
    return {
        state.entity_id
        for state in hass.states.async_all()
        if state.entity_id.startswith(TEAM_ENTITY_PREFIXES)
    }


async def test_a_refresh_writes_each_entity_once(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    """A touchdown: each of Atlanta's entities written once; an unchanged board: not at all."""
    serve_nfl(aioclient_mock, nfl_teams_payload, atlanta_board(26))
    await setup_entry(hass, league_entry("nfl", ["1"]))
    entities = _team_entities(hass)
    assert len(entities) > 5
    writes = _count_writes(hass)

    serve_nfl(aioclient_mock, nfl_teams_payload, atlanta_board(33))
    await tick(hass, freezer, 16)
    assert hass.states.get("sensor.atlanta_falcons_score").state == "33"
    # At most once each; only what the touchdown changed is written at all.
    assert writes["sensor.atlanta_falcons_score"] == 1
    assert set(writes) <= set(entities)
    assert set(writes.values()) == {1}

    writes.clear()
    await tick(hass, freezer, 16)  # ESPN says the same again
    assert aioclient_mock.call_count >= 2
    assert writes == {}


async def test_with_a_delay_only_the_release_writes(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    """Refreshes that only queue write nothing; the release, 40 s later, writes each entity once."""
    serve_nfl(aioclient_mock, nfl_teams_payload, atlanta_board(26))
    await setup_entry(hass, league_entry("nfl", ["1"], options={CONF_STREAM_DELAY: 40}))
    await tick(hass, freezer, 41)
    entities = _team_entities(hass)
    writes = _count_writes(hass)

    serve_nfl(aioclient_mock, nfl_teams_payload, atlanta_board(33))
    for _ in range(16):  # refreshes every 15 s: the touchdown is seen, then due 40 s later
        await tick(hass, freezer, 5)
        if hass.states.get("sensor.atlanta_falcons_score").state == "33":
            break
        assert writes == {}
    assert hass.states.get("sensor.atlanta_falcons_score").state == "33"
    assert aioclient_mock.call_count >= 3
    assert writes["sensor.atlanta_falcons_score"] == 1
    assert set(writes) <= set(entities)
    assert set(writes.values()) == {1}


async def test_history_failing_starves_no_other_consumer(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """History raises on every release (3: set-up's, 33, 40): the others still get each, once.

    The refreshes succeed, the failure is logged once, and diagnostics count it.
    """

    def serve(home: int) -> None:
        serve_nfl(aioclient_mock, nfl_teams_payload, atlanta_board(home))
        aioclient_mock.post(HOOK, status=204)

    entry = league_entry(
        "nfl",
        ["1"],
        endpoints=(Endpoint(id="e1", url=HOOK, secret=generate_secret()),),
        options={
            CONF_HISTORY: {"kind": "influxdb_1", "url": "http://127.0.0.1:9", "database": "nfl"}
        },
    )
    serve(26)
    caplog.set_level(logging.INFO, logger="custom_components.live_sports")
    with patch(
        "custom_components.live_sports.history.HistorySink.async_on_release",
        side_effect=RuntimeError("history bug"),
    ):
        await setup_entry(hass, entry)
        fired: list[str] = []
        for home in (33, 40):
            serve(home)
            await tick(hass, freezer, 16)
            fired.append(hass.states.get("event.atlanta_falcons_game_event").attributes["event_id"])
            assert entry.runtime_data.coordinator.last_update_success
            assert hass.states.get("sensor.atlanta_falcons_score").state == str(home)
            posts = [call for call in aioclient_mock.mock_calls if call[0] == "POST"]
            assert len(posts) == 1, f"the webhook of {home}"

        assert len(set(fired)) == 2
        failures = [
            record
            for record in caplog.records
            if record.name.startswith("custom_components.live_sports")
            and record.levelno >= logging.WARNING
        ]
        assert len(failures) == 1, [record.getMessage() for record in failures]
        assert "history" in failures[0].getMessage()
        diagnostics = await async_get_config_entry_diagnostics(hass, entry)
        assert diagnostics["consumer_failures"] == {
            "history": {"failures": 3, "last_error": "RuntimeError('history bug')"}
        }
        assert await hass.config_entries.async_unload(entry.entry_id)
