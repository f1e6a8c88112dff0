"""The logbook of a Demo league: a match report, one row a game moment.

Runs the Demo league for 7 simulated minutes with the recorder and the
logbook, reads the logbook back as the frontend does, and counts its rows as
a person reading it would:

- a game moment is a row the integration describes (kick-off, goal,
  half-time, play resumed, period, full time) on the team's Game event entity;
- that entity's own state row at the same instant ("detected an event") is
  the same moment seen by Home Assistant's event entity: read with it, not
  counted apart;
- every other row is not a moment of its own: a state that mirrors a moment
  (Game status "Live" beside "Arsenal game against TOT started") or a state
  between moments.

With Home Assistant's logbook as it comes, Team tracker writes nothing (it is
disabled by default). With the mirrors excluded as the README shows (the
logbook's own ``exclude``), every moment is one row.
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

from .conftest import REPO_ROOT, league_entry

ROUND_START = datetime.fromtimestamp(CYCLE * 2_950_000, UTC)
RUN = timedelta(minutes=7)
FOLLOWED = ["1", "2", "3", "4"]
MIRRORS = (
    "sensor.*_game_status",
    "sensor.*_last_result",
    "sensor.*_team_tracker",
    "binary_sensor.*_playing",
    "calendar.*_games",
)
"""What the README's logbook configuration excludes: states that mirror a moment."""


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(
    recorder_mock: Recorder, enable_custom_integrations: None
) -> None:
    """Start the recorder before hass (it must come first), then load the integration."""


async def _run_demo(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, logbook: dict[str, Any]
) -> list[dict[str, Any]]:
    # The logbook's panel needs the frontend, whose files the test venv may
    # lack; HTTP is set up but never listens (the logbook is read directly).
    hass.config.components.add("frontend")
    with patch("homeassistant.components.http.HomeAssistantHTTP.start"):
        assert await async_setup_component(hass, "logbook", {"logbook": logbook})
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


def _as_read(rows: list[dict[str, Any]], hass: HomeAssistant) -> dict[str, Any]:
    """Count the rows about the integration as a person reads them."""
    registry = er.async_get(hass)
    ours = {e.entity_id: e for e in registry.entities.values() if e.platform == DOMAIN}
    about = [row for row in rows if row.get("domain") == DOMAIN or row.get("entity_id") in ours]
    moments = [row for row in about if row.get("domain") == DOMAIN]
    described = {(row["entity_id"], row["when"]) for row in moments}
    read = [
        row
        for row in about
        if "state" not in row or (row["entity_id"], row["when"]) not in described
    ]
    others = [row for row in read if row.get("domain") != DOMAIN]
    instants = {(ours[row["entity_id"]].device_id, row["when"]) for row in moments}
    beside = [row for row in others if (ours[row["entity_id"]].device_id, row["when"]) in instants]

    def kind(row: dict[str, Any]) -> str:
        return str(ours[row["entity_id"]].unique_id.split("_", 2)[2])

    return {
        "rows": len(read),
        "moments": len(moments),
        "share": len(moments) / len(read),
        "others": dict(Counter(kind(row) for row in others)),
        "beside_a_moment": dict(Counter(kind(row) for row in beside)),
    }


@pytest.mark.freeze_time(ROUND_START)
async def test_logbook_as_it_comes(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, record_property: Any
) -> None:
    """Without any logbook setting: the match report, and no card sensor's rows."""
    rows = await _run_demo(hass, freezer, {})
    report = _as_read(rows, hass)
    record_property("logbook", report)
    print(f"\nDemo logbook as it comes, 7 min, {len(FOLLOWED)} clubs: {report}")  # noqa: T201
    assert report["moments"] > 20
    assert "team_tracker" not in report["others"]
    described = [row for row in rows if row.get("domain") == DOMAIN]
    assert all(row["entity_id"].startswith("event.") for row in described)

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


@pytest.mark.freeze_time(ROUND_START)
async def test_logbook_reads_like_a_match_report(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, record_property: Any
) -> None:
    """With the mirrors excluded as the README shows: one row a moment, >= 80 % moments."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert all(f"- {glob}" in readme for glob in MIRRORS)
    rows = await _run_demo(hass, freezer, {"exclude": {"entity_globs": list(MIRRORS)}})
    report = _as_read(rows, hass)
    record_property("logbook", report)
    print(f"\nDemo logbook as the README sets it, 7 min: {report}")  # noqa: T201
    assert report["moments"] > 20
    assert report["beside_a_moment"] == {}  # nothing doubles a moment
    assert report["share"] >= 0.8
