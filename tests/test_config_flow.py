"""The config flow, options flow and reconfigure step."""

from __future__ import annotations

from typing import Any
from unittest.mock import AsyncMock

from homeassistant.config_entries import SOURCE_USER
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType, InvalidData
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.live_sports.const import (
    CONF_IDLE_CAP,
    CONF_LEAGUE,
    CONF_LIVE_INTERVAL,
    CONF_STREAM_DELAY,
    CONF_TEAMS,
    DOMAIN,
)

from .conftest import ESPN

pytestmark = pytest.mark.usefixtures("mock_setup_entry")


async def _options_step(hass: HomeAssistant, entry: MockConfigEntry, step: str) -> dict[str, Any]:
    """Open an entry's options and pick a step of its menu."""
    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert result["type"] is FlowResultType.MENU
    assert result["menu_options"] == ["teams", "history", "webhooks"]
    return await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": step}
    )


def _options(result: dict[str, Any], field: str) -> list[dict[str, str]]:
    """Return the options a selector field offers in a form."""
    schema = result["data_schema"].schema
    key = next(key for key in schema if key == field)
    return [dict(option) for option in schema[key].config["options"]]


async def test_user_flow_nfl(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    mock_setup_entry: AsyncMock,
) -> None:
    """League, then teams listed by name: the entry stores ids."""
    aioclient_mock.get(f"{ESPN}/football/nfl/teams", json=nfl_teams_payload)
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    leagues = {option["value"] for option in _options(result, CONF_LEAGUE)}
    assert {"demo", "nfl", "ncaaf", "nba", "mlb", "nhl", "mls", "epl"} <= leagues

    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_LEAGUE: "nfl"})
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "teams"
    labels = [option["label"] for option in _options(result, CONF_TEAMS)]
    assert labels == sorted(labels)
    assert "Atlanta Falcons" in labels

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_TEAMS: ["1", "9"]}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "NFL"
    assert result["data"] == {CONF_LEAGUE: "nfl"}
    assert result["options"] == {CONF_TEAMS: ["1", "9"]}
    assert result["result"].unique_id == "nfl"
    assert len(mock_setup_entry.mock_calls) == 1


async def test_user_flow_demo_needs_no_network(hass: HomeAssistant) -> None:
    """The Demo league lists its clubs offline."""
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_LEAGUE: "demo"}
    )
    teams = _options(result, CONF_TEAMS)
    assert len(teams) == 8
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_TEAMS: [teams[0]["value"]]}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Demo (offline)"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [({"status": 503}, "cannot_connect"), ({"json": {"sports": []}}, "invalid_response")],
)
async def test_user_flow_provider_error_recovers(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    kwargs: dict[str, Any],
    error: str,
) -> None:
    """Provider errors show in the form, and a retry succeeds."""
    aioclient_mock.get(f"{ESPN}/football/nfl/teams", **kwargs)
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_LEAGUE: "nfl"})
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    assert result["errors"] == {"base": error}

    aioclient_mock.clear_requests()
    aioclient_mock.get(f"{ESPN}/football/nfl/teams", json=nfl_teams_payload)
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_LEAGUE: "nfl"})
    assert result["step_id"] == "teams"


async def test_teams_required(hass: HomeAssistant) -> None:
    """Following no team is refused with a field error."""
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_LEAGUE: "demo"}
    )
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_TEAMS: []})
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_TEAMS: "no_teams"}
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_TEAMS: ["3"]})
    assert result["type"] is FlowResultType.CREATE_ENTRY


async def test_duplicate_league_aborts(hass: HomeAssistant, nfl_entry: MockConfigEntry) -> None:
    """A league can be added once."""
    nfl_entry.add_to_hass(hass)
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_LEAGUE: "nfl"})
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_options_flow_changes_teams(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_entry: MockConfigEntry,
    nfl_teams_payload: dict[str, Any],
) -> None:
    """The options flow shows followed teams selected and stores new ids."""
    nfl_entry.add_to_hass(hass)
    aioclient_mock.get(f"{ESPN}/football/nfl/teams", json=nfl_teams_payload)
    result = await _options_step(hass, nfl_entry, "teams")
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "teams"
    key = next(key for key in result["data_schema"].schema if key == CONF_TEAMS)
    assert key.default() == ["1", "15", "9"]

    result = await hass.config_entries.options.async_configure(result["flow_id"], {CONF_TEAMS: []})
    assert result["errors"] == {CONF_TEAMS: "no_teams"}
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_TEAMS: ["18"], CONF_LIVE_INTERVAL: 3}
    )
    assert result["errors"] == {CONF_LIVE_INTERVAL: "below_floor"}
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        {CONF_TEAMS: ["18"], CONF_LIVE_INTERVAL: 8, CONF_IDLE_CAP: 2, CONF_STREAM_DELAY: 45.0},
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert nfl_entry.options == {
        CONF_TEAMS: ["18"],
        CONF_LIVE_INTERVAL: 8,
        CONF_IDLE_CAP: 2,
        CONF_STREAM_DELAY: 45,
    }


async def test_options_flow_rejects_out_of_range(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_entry: MockConfigEntry,
    nfl_teams_payload: dict[str, Any],
) -> None:
    """Values outside the selectors' ranges never reach the entry."""
    nfl_entry.add_to_hass(hass)
    aioclient_mock.get(f"{ESPN}/football/nfl/teams", json=nfl_teams_payload)
    result = await _options_step(hass, nfl_entry, "teams")
    with pytest.raises(InvalidData):
        await hass.config_entries.options.async_configure(
            result["flow_id"], {CONF_TEAMS: ["18"], CONF_STREAM_DELAY: 301}
        )
    assert nfl_entry.options == {CONF_TEAMS: ["1", "15", "9"]}


async def test_options_flow_provider_down(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, nfl_entry: MockConfigEntry
) -> None:
    """With the provider down the options flow says so instead of failing."""
    nfl_entry.add_to_hass(hass)
    aioclient_mock.get(f"{ESPN}/football/nfl/teams", status=500)
    result = await _options_step(hass, nfl_entry, "teams")
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "cannot_connect"


async def test_reconfigure(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_entry: MockConfigEntry,
    nfl_teams_payload: dict[str, Any],
) -> None:
    """Reconfigure picks the followed teams again and reloads."""
    nfl_entry.add_to_hass(hass)
    aioclient_mock.get(f"{ESPN}/football/nfl/teams", json=nfl_teams_payload)
    result = await nfl_entry.start_reconfigure_flow(hass)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "reconfigure"
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_TEAMS: []})
    assert result["errors"] == {CONF_TEAMS: "no_teams"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_TEAMS: ["16", "17"]}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert nfl_entry.options == {CONF_TEAMS: ["16", "17"]}
    assert nfl_entry.data == {CONF_LEAGUE: "nfl"}
