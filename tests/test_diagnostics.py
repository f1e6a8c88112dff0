"""Diagnostics of a league entry."""

from __future__ import annotations

import json
from typing import Any

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion
from syrupy.filters import props

from custom_components.live_sports.webhooks import Endpoint
from custom_components.live_sports.webhooks.signer import generate_secret

from .conftest import NFL_TEAMS, league_entry, mock_espn_nfl, setup_entry

SECRET_URL = "https://hook:password@hooks.example.com/in/0123456789abcdef0123456789?key=k"


async def test_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    snapshot: SnapshotAssertion,
) -> None:
    """Provider health, the entry with nothing secret, only the followed teams' games.

    Not under a frozen clock: Home Assistant's diagnostics download fails on
    freezegun's datetime (mashumaro). The fetch and success times, and when the table is asked for next,
    are volatile.
    """
    secret = generate_secret()
    entry = league_entry(
        "nfl",
        NFL_TEAMS,
        endpoints=(Endpoint(id="e1", url=SECRET_URL, secret=secret),),
        title="NFL",
        entry_id="nfl_entry",
    )
    mock_espn_nfl(aioclient_mock, nfl_teams_payload)
    await setup_entry(hass, entry)
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, entry)
    assert diagnostics == snapshot(exclude=props("fetched_at", "last_success", "next_request"))

    text = json.dumps(diagnostics)
    assert secret not in text
    for secret_part in ("password", "0123456789abcdef", "key=k"):
        assert secret_part not in text
    # Atlanta is live on the recorded board: the live football tempo.
    assert diagnostics["provider"]["next_poll_reason"] == "live"
    assert diagnostics["provider"]["next_poll_s"] == 15
    # 16 games on the board; only the 3 of the followed teams are shown.
    assert diagnostics["provider"]["games"] == 16
    assert len(diagnostics["games"]) == len(NFL_TEAMS)
