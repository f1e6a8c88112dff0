"""The logbook of a Demo league: game moments, not clock ticks.

Runs the Demo league for 15 simulated minutes with the recorder and the
logbook, then reads the logbook back as the frontend does.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.logbook.helpers import async_determine_event_types
from homeassistant.components.logbook.processor import EventProcessor
from homeassistant.components.recorder import Recorder, get_instance
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import async_fire_time_changed
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)

from custom_components.live_sports.const import DOMAIN
from custom_components.live_sports.providers.replay import CYCLE

from .conftest import league_entry

ROUND_START = datetime.fromtimestamp(CYCLE * 2_950_000, UTC)
RUN = timedelta(minutes=15)
FOLLOWED = ["1", "2", "3", "4"]


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(
    recorder_mock: Recorder, enable_custom_integrations: None
) -> None:
    """Start the recorder before hass (it must come first), then load the integration."""


async def _run_demo(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> list[dict[str, Any]]:
    # The logbook's panel needs the frontend, whose files the test venv may
    # lack; HTTP is set up but never listens (the logbook is read directly).
    hass.config.components.add("frontend")
    with patch("homeassistant.components.http.HomeAssistantHTTP.start"):
        assert await async_setup_component(hass, "logbook", {})
    entry = league_entry("demo", FOLLOWED)
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    start = datetime.now(UTC)
    for _ in range(int(RUN.total_seconds()) // 5):
        freezer.tick(timedelta(seconds=5))
        async_fire_time_changed(hass)
        await hass.async_block_till_done()
    await async_wait_recording_done(hass)
    processor = EventProcessor(hass, async_determine_event_types(hass, None, None))
    return await get_instance(hass).async_add_executor_job(
        processor.get_events, start, datetime.now(UTC) + timedelta(seconds=1)
    )


def _share(rows: list[dict[str, Any]], hass: HomeAssistant) -> dict[str, Any]:
    """Sort the rows about the integration: game moments and the rest."""
    registry = er.async_get(hass)
    ours = {e.entity_id: e for e in registry.entities.values() if e.platform == DOMAIN}
    about = [row for row in rows if row.get("domain") == DOMAIN or row.get("entity_id") in ours]
    described = [row for row in about if row.get("domain") == DOMAIN]
    detected = [row for row in about if "state" in row and row["entity_id"].startswith("event.")]
    # A state row written at the instant of a described moment of the same
    # team (kick-off sets Playing on, the final sets Game status) is part of it.
    instants = {(ours[row["entity_id"]].device_id, row["when"]) for row in described}
    others = [row for row in about if row not in described and row not in detected]
    with_moment = [
        row for row in others if (ours[row["entity_id"]].device_id, row["when"]) in instants
    ]
    return {
        "rows": len(about),
        "described": len(described),
        "detected": len(detected),
        "at_a_moment": len(with_moment),
        "by_entity": dict(
            Counter(
                ours[row["entity_id"]].unique_id.split("_", 2)[2]
                for row in others
                if row not in with_moment
            )
        ),
        "share": (len(described) + len(detected) + len(with_moment)) / len(about),
        "described_share": len(described) / len(about),
    }


@pytest.mark.freeze_time(ROUND_START)
async def test_logbook_is_game_moments(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, record_property: Any
) -> None:
    """At least 80 % of the rows about the integration are game moments; no clock ticks."""
    rows = await _run_demo(hass, freezer)
    share = _share(rows, hass)
    record_property("logbook_share", share)
    print(f"\nDemo logbook, 15 min, {len(FOLLOWED)} clubs: {share}")  # noqa: T201
    described = [row for row in rows if row.get("domain") == DOMAIN]
    assert described
    assert all(row["entity_id"].startswith("event.") for row in described)
    assert share["share"] >= 0.8
    assert share["by_entity"] == {}  # no clock ticks, nothing between moments

    # The team's device page and its event entity's dialog list the moments.
    registry = er.async_get(hass)
    event_entity = registry.async_get("event.arsenal_game_event")
    assert event_entity is not None
    for filters in (
        {"device_ids": [event_entity.device_id]},
        {"entity_ids": [event_entity.entity_id]},
    ):
        ids = filters.get("entity_ids"), filters.get("device_ids")
        processor = EventProcessor(hass, async_determine_event_types(hass, *ids), **filters)
        page = await get_instance(hass).async_add_executor_job(
            processor.get_events, ROUND_START, datetime.now(UTC) + timedelta(seconds=1)
        )
        messages = [row["message"] for row in page if row.get("domain") == DOMAIN]
        assert any(message.startswith("Arsenal game against") for message in messages), filters
