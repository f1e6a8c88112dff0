"""Every entity of each platform on the recorded NFL board, as snapshots.

Atlanta is live (26-24 against New Orleans), Miami final (20-7) and Green
Bay scheduled; the clock is frozen at `NFL_NOW`. One platform is loaded at a
time, as Home Assistant's own integrations test theirs.
"""

from __future__ import annotations

from typing import Any
from unittest.mock import patch

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker
from syrupy.assertion import SnapshotAssertion

from .conftest import (
    NFL_NOW,
    NFL_TEAMS,
    league_entry,
    mock_espn_nfl,
    setup_entry,
    snapshot_entities,
)

pytestmark = pytest.mark.freeze_time(NFL_NOW)


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
@pytest.mark.parametrize(
    "platform", [Platform.SENSOR, Platform.BINARY_SENSOR, Platform.EVENT, Platform.CALENDAR]
)
async def test_entities(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
    platform: Platform,
) -> None:
    """Each followed team's entities of the platform: registry entry and state."""
    entry = league_entry("nfl", NFL_TEAMS, title="NFL", entry_id="nfl_entry")
    mock_espn_nfl(aioclient_mock, nfl_teams_payload)
    with patch("custom_components.live_sports.PLATFORMS", [platform]):
        await setup_entry(hass, entry)
    await snapshot_entities(hass, entity_registry, snapshot, entry.entry_id)
