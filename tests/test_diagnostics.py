"""Diagnostics of a league entry."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from .conftest import mock_espn_nfl


async def test_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    aioclient_mock: AiohttpClientMocker,
    nfl_entry: MockConfigEntry,
    nfl_teams_payload: dict[str, Any],
) -> None:
    """Diagnostics show provider health and only the followed teams' games."""
    mock_espn_nfl(aioclient_mock, nfl_teams_payload)
    nfl_entry.add_to_hass(hass)
    await hass.config_entries.async_setup(nfl_entry.entry_id)
    await hass.async_block_till_done()
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, nfl_entry)
    assert diagnostics["entry"]["data"] == {"league": "nfl"}
    assert diagnostics["entry"]["options"] == {}
    assert [
        (subentry["type"], subentry["title"], subentry["data"])
        for subentry in diagnostics["entry"]["subentries"]
    ] == [
        ("team", "Atlanta Falcons", {"team_id": "1"}),
        ("team", "Miami Dolphins", {"team_id": "15"}),
        ("team", "Green Bay Packers", {"team_id": "9"}),
    ]
    assert diagnostics["provider"]["league"] == "nfl"
    assert diagnostics["provider"]["last_update_success"] is True
    assert diagnostics["provider"]["last_exception"] is None
    # Atlanta is live on the recorded board: the live football tempo.
    assert diagnostics["provider"]["next_poll_s"] == 15
    assert diagnostics["provider"]["next_poll_reason"] == "live"
    assert diagnostics["provider"]["pending_events"] == 0
    assert diagnostics["provider"]["games"] == 16
    assert diagnostics["teams"] == {
        "1": "Atlanta Falcons",
        "15": "Miami Dolphins",
        "9": "Green Bay Packers",
    }
    assert sorted(game["id"] for game in diagnostics["games"]) == [
        "401437630",
        "401437649",
        "401437650",
    ]
