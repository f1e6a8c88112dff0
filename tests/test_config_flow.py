"""The config flow, its reconfigure step, the team subentry flow and the settings options."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from unittest.mock import AsyncMock

from homeassistant.config_entries import SOURCE_USER
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType, InvalidData
from homeassistant.helpers.translation import async_get_translations
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker
import voluptuous as vol

from custom_components.live_sports.const import (
    CONF_IDLE_CAP,
    CONF_LEAGUE,
    CONF_LEAGUE_NAME,
    CONF_LIVE_INTERVAL,
    CONF_PATH,
    CONF_STREAM_DELAY,
    CONF_TEAMS,
    DOMAIN,
)

from .conftest import ESPN, league_entry, own

pytestmark = pytest.mark.usefixtures("mock_setup_entry")


async def _options_step(hass: HomeAssistant, entry: MockConfigEntry, step: str) -> dict[str, Any]:
    """Open an entry's options and pick a step of its menu."""
    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert result["type"] is FlowResultType.MENU
    assert result["menu_options"] == ["settings", "history"]
    return await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": step}
    )


def _teams(entry: MockConfigEntry) -> dict[str, tuple[str, str]]:
    """Return the entry's team subentries: team id → (subentry id, title)."""
    return {
        subentry.data["team_id"]: (subentry.subentry_id, subentry.title)
        for subentry in entry.subentries.values()
        if subentry.subentry_type == "team"
    }


async def _add_team(hass: HomeAssistant, entry: MockConfigEntry) -> dict[str, Any]:
    """Start the flow that follows one more team."""
    return await hass.config_entries.subentries.async_init(
        (entry.entry_id, "team"), context={"source": SOURCE_USER}
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
    assert result["options"] == {}
    entry = result["result"]
    assert entry.unique_id == "nfl"
    assert (entry.version, entry.minor_version) == (2, 1)
    # Several teams at once: a subentry each, titled by name, unique by team id.
    assert {
        subentry.unique_id: (subentry.subentry_type, subentry.title, dict(subentry.data))
        for subentry in entry.subentries.values()
    } == {
        "1": ("team", "Atlanta Falcons", {"team_id": "1"}),
        "9": ("team", "Green Bay Packers", {"team_id": "9"}),
    }
    assert entry.supported_subentry_types == {
        "team": {"supports_reconfigure": False},
        "webhook": {"supports_reconfigure": True},
    }
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
    """Provider errors show in the form, the league picked kept, and a retry succeeds."""
    aioclient_mock.get(f"{ESPN}/football/nfl/teams", **kwargs)
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert _league_shown_picked(result) is None, "the picker starts with no league picked"
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_LEAGUE: "nfl"})
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    assert result["errors"] == {"base": error}
    assert _league_shown_picked(result) == "nfl"

    aioclient_mock.clear_requests()
    aioclient_mock.get(f"{ESPN}/football/nfl/teams", json=nfl_teams_payload)
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_LEAGUE: "nfl"})
    assert result["step_id"] == "teams"


def _league_shown_picked(result: Any) -> str | None:
    """Return the league the form shows picked: the default the frontend is sent."""
    key = next(key for key in result["data_schema"].schema if key == CONF_LEAGUE)
    return None if key.default is vol.UNDEFINED else key.default()


async def test_no_league_is_picked_for_the_user(hass: HomeAssistant) -> None:
    """The picker starts empty (not on the Demo league); submitting it empty asks for one."""
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert _league_shown_picked(result) is None
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_LEAGUE: "no_league"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_LEAGUE: "demo"}
    )
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


async def test_settings_open_with_the_provider_down(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, nfl_entry: MockConfigEntry
) -> None:
    """Polling bounds and stream delay need no provider; a live interval under the floor is refused."""
    nfl_entry.add_to_hass(hass)
    aioclient_mock.get(f"{ESPN}/football/nfl/teams", status=500)
    result = await _options_step(hass, nfl_entry, "settings")
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "settings"
    assert result["errors"] == {}
    assert aioclient_mock.call_count == 0

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_LIVE_INTERVAL: 3}
    )
    assert result["errors"] == {CONF_LIVE_INTERVAL: "below_floor"}
    with pytest.raises(InvalidData):
        await hass.config_entries.options.async_configure(
            result["flow_id"], {CONF_STREAM_DELAY: 301}
        )
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_LIVE_INTERVAL: 8, CONF_IDLE_CAP: 2, CONF_STREAM_DELAY: 45.0}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert nfl_entry.options == {CONF_LIVE_INTERVAL: 8, CONF_IDLE_CAP: 2, CONF_STREAM_DELAY: 45}
    assert set(_teams(nfl_entry)) == {"1", "15", "9"}  # settings leave the teams alone


async def test_settings_keep_the_input_on_an_error(
    hass: HomeAssistant, nfl_entry: MockConfigEntry
) -> None:
    """A refused form shows what the user typed, not the saved options."""
    nfl_entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        nfl_entry, options={CONF_LIVE_INTERVAL: 10, CONF_IDLE_CAP: 4, CONF_STREAM_DELAY: 0}
    )
    result = await _options_step(hass, nfl_entry, "settings")
    typed = {CONF_LIVE_INTERVAL: 3, CONF_IDLE_CAP: 6, CONF_STREAM_DELAY: 30}
    result = await hass.config_entries.options.async_configure(result["flow_id"], typed)
    assert result["errors"] == {CONF_LIVE_INTERVAL: "below_floor"}
    shown = {key.schema: key.default() for key in result["data_schema"].schema}
    assert shown == typed
    assert nfl_entry.options[CONF_IDLE_CAP] == 4


async def test_team_subentry_flow(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_entry: MockConfigEntry,
    nfl_teams_payload: dict[str, Any],
) -> None:
    """Follow one more team, picked by name; the subentry is titled and keyed by the team."""
    nfl_entry.add_to_hass(hass)
    aioclient_mock.get(f"{ESPN}/football/nfl/teams", json=nfl_teams_payload)
    result = await _add_team(hass, nfl_entry)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    assert result["description_placeholders"] == {"league": "NFL"}
    assert {option["value"]: option["label"] for option in _options(result, "team")}["16"] == (
        "Minnesota Vikings"
    )
    result = await hass.config_entries.subentries.async_configure(result["flow_id"], {"team": "16"})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Minnesota Vikings"
    [added] = [s for s in nfl_entry.subentries.values() if s.unique_id == "16"]
    assert (added.subentry_type, added.title, dict(added.data)) == (
        "team",
        "Minnesota Vikings",
        {"team_id": "16"},
    )


async def test_team_subentry_duplicate_aborts(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_entry: MockConfigEntry,
    nfl_teams_payload: dict[str, Any],
) -> None:
    """A team already followed is not followed twice."""
    nfl_entry.add_to_hass(hass)
    aioclient_mock.get(f"{ESPN}/football/nfl/teams", json=nfl_teams_payload)
    result = await _add_team(hass, nfl_entry)
    result = await hass.config_entries.subentries.async_configure(result["flow_id"], {"team": "9"})
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert len(_teams(nfl_entry)) == 3


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [({"status": 503}, "cannot_connect"), ({"json": {"sports": []}}, "invalid_response")],
)
async def test_team_subentry_provider_error_in_the_form(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_entry: MockConfigEntry,
    nfl_teams_payload: dict[str, Any],
    kwargs: dict[str, Any],
    error: str,
) -> None:
    """The provider unreachable: the form says so; submitting again retries."""
    nfl_entry.add_to_hass(hass)
    aioclient_mock.get(f"{ESPN}/football/nfl/teams", **kwargs)
    result = await _add_team(hass, nfl_entry)
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": error}
    assert not result["data_schema"].schema

    aioclient_mock.clear_requests()
    aioclient_mock.get(f"{ESPN}/football/nfl/teams", json=nfl_teams_payload)
    result = await hass.config_entries.subentries.async_configure(result["flow_id"], {})
    assert result["errors"] == {}
    result = await hass.config_entries.subentries.async_configure(result["flow_id"], {"team": "17"})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert "17" in _teams(nfl_entry)


async def test_reconfigure_picks_several_teams(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_entry: MockConfigEntry,
    nfl_teams_payload: dict[str, Any],
) -> None:
    """Reconfigure picks the followed teams again: kept teams keep their subentry."""
    nfl_entry.add_to_hass(hass)
    green_bay, _ = _teams(nfl_entry)["9"]
    aioclient_mock.get(f"{ESPN}/football/nfl/teams", status=503)
    result = await nfl_entry.start_reconfigure_flow(hass)
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "cannot_connect"}

    aioclient_mock.clear_requests()
    aioclient_mock.get(f"{ESPN}/football/nfl/teams", json=nfl_teams_payload)
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    assert result["step_id"] == "reconfigure"
    assert result["errors"] == {}
    key = next(key for key in result["data_schema"].schema if key == CONF_TEAMS)
    assert key.default() == ["1", "15", "9"]
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_TEAMS: []})
    assert result["errors"] == {CONF_TEAMS: "no_teams"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_TEAMS: ["9", "16"]}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    teams = _teams(nfl_entry)
    assert set(teams) == {"9", "16"}
    assert teams["9"][0] == green_bay
    assert teams["16"][1] == "Minnesota Vikings"
    assert nfl_entry.data == {CONF_LEAGUE: "nfl"}
    assert nfl_entry.options == {}


def test_a_league_is_not_called_a_service() -> None:
    """A hub (teams are its devices); the add button says "Add league"."""
    component = Path(__file__).parents[1] / "custom_components" / DOMAIN
    manifest = json.loads((component / "manifest.json").read_text(encoding="utf-8"))
    strings = json.loads((component / "strings.json").read_text(encoding="utf-8"))
    assert manifest["integration_type"] == "hub"
    assert strings["config"]["initiate_flow"]["user"] == "Add league"


RUGBY_TEAMS = f"{ESPN}/rugby/267979/teams"


async def _path_step(hass: HomeAssistant) -> dict[str, Any]:
    """Start the flow and pick "Other ESPN league (by path)"."""
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    choices = {option["value"] for option in _options(result, CONF_LEAGUE)}
    assert {"espn_path", "fifa_world_cup", "fa_cup", "afl", "ncaa_baseball"} <= choices
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_LEAGUE: "espn_path"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "path"
    return result


async def test_path_league_flow(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, mock_setup_entry: AsyncMock
) -> None:
    """A league by path is checked against its team list and named after itself."""
    aioclient_mock.get(RUGBY_TEAMS, json=own("espn_path_league_teams.json"))
    result = await _path_step(hass)
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_PATH: "rugby"})
    assert result["errors"] == {CONF_PATH: "invalid_path"}
    assert aioclient_mock.call_count == 0

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_PATH: " Rugby/267979 "}
    )
    assert result["step_id"] == "teams"
    assert result["description_placeholders"] == {"league": "Gallagher Premiership"}
    assert [option["label"] for option in _options(result, CONF_TEAMS)] == [
        "Bath Rugby",
        "Leicester Tigers",
        "Saracens",
    ]
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_TEAMS: ["25898"]}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Gallagher Premiership"
    assert result["data"] == {
        CONF_LEAGUE: "espn_rugby_267979",
        CONF_PATH: "rugby/267979",
        CONF_LEAGUE_NAME: "Gallagher Premiership",
    }
    assert result["result"].unique_id == "espn_rugby_267979"
    assert len(mock_setup_entry.mock_calls) == 1


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"status": 404}, "unknown_league"),
        ({"status": 400}, "unknown_league"),
        ({"json": {"sports": []}}, "unknown_league"),
        ({"json": {"sports": [{"leagues": [{"name": "Empty", "teams": []}]}]}}, "unknown_league"),
        ({"status": 503}, "cannot_connect"),
        ({"text": "<html>"}, "invalid_response"),
    ],
)
async def test_path_league_errors_recover(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    kwargs: dict[str, Any],
    error: str,
) -> None:
    """An unknown league, an unreachable or garbled ESPN: a form error, then a retry works."""
    aioclient_mock.get(RUGBY_TEAMS, **kwargs)
    result = await _path_step(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_PATH: "rugby/267979"}
    )
    assert result["step_id"] == "path"
    assert result["errors"] == {"base": error}

    aioclient_mock.clear_requests()
    aioclient_mock.get(RUGBY_TEAMS, json=own("espn_path_league_teams.json"))
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_PATH: "rugby/267979"}
    )
    assert result["step_id"] == "teams"


async def test_path_of_a_named_league_is_the_named_league(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, nfl_teams_payload: dict[str, Any]
) -> None:
    """A path the list names gives the named league's entry (its key, its name)."""
    aioclient_mock.get(f"{ESPN}/soccer/eng.fa/teams", status=503)
    result = await _path_step(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_PATH: "Soccer/ENG.FA"}
    )
    assert (result["step_id"], result["errors"]) == ("path", {"base": "cannot_connect"})
    aioclient_mock.clear_requests()
    aioclient_mock.get(f"{ESPN}/soccer/eng.fa/teams", json=nfl_teams_payload)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_PATH: "soccer/eng.fa"}
    )
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_TEAMS: ["1"]})
    assert (result["title"], result["data"]) == ("FA Cup", {CONF_LEAGUE: "fa_cup"})


async def test_path_league_added_once(hass: HomeAssistant) -> None:
    """A league by path can be added once, like a named one."""
    league_entry("espn_rugby_267979", ["25898"]).add_to_hass(hass)
    result = await _path_step(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_PATH: "rugby/267979"}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_path_league_entry_follows_more_teams(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """A path entry's team flows and settings list its league's teams, by its name."""
    entry = league_entry(
        "espn_rugby_267979",
        ["25898"],
        data={CONF_PATH: "rugby/267979", CONF_LEAGUE_NAME: "Gallagher Premiership"},
    )
    entry.add_to_hass(hass)
    aioclient_mock.get(RUGBY_TEAMS, json=own("espn_path_league_teams.json"))
    result = await _add_team(hass, entry)
    assert result["description_placeholders"] == {"league": "Gallagher Premiership"}
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"team": "25907"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert set(_teams(entry)) == {"25898", "25907"}


OFF_SEASON_TEAMS: dict[str, Any] = {"sports": [{"leagues": [{"teams": []}]}]}
"""ESPN's team list of a league that lists no teams yet (off-season, a new league)."""


async def test_league_listing_no_teams_says_why(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
) -> None:
    """A league whose team list is empty says so on the league form; later it can be added."""
    aioclient_mock.get(f"{ESPN}/football/nfl/teams", json=OFF_SEASON_TEAMS)
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_LEAGUE: "nfl"})
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    assert result["errors"] == {"base": "no_teams_listed"}
    texts = await async_get_translations(hass, "en", "config", {DOMAIN})
    assert "no teams" in texts[f"component.{DOMAIN}.config.error.no_teams_listed"]

    aioclient_mock.clear_requests()
    aioclient_mock.get(f"{ESPN}/football/nfl/teams", json=nfl_teams_payload)
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_LEAGUE: "nfl"})
    assert result["step_id"] == "teams"


async def test_team_subentry_of_a_league_listing_no_teams_aborts(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, nfl_entry: MockConfigEntry
) -> None:
    """Following one more team when the league lists none: a reason, not an empty form."""
    nfl_entry.add_to_hass(hass)
    aioclient_mock.get(f"{ESPN}/football/nfl/teams", json=OFF_SEASON_TEAMS)
    result = await _add_team(hass, nfl_entry)
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "no_teams_listed"
    texts = await async_get_translations(hass, "de", "config_subentries", {DOMAIN})
    assert texts[f"component.{DOMAIN}.config_subentries.team.abort.no_teams_listed"]
    assert len(_teams(nfl_entry)) == 3


async def test_reconfigure_of_a_league_listing_no_teams_aborts(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, nfl_entry: MockConfigEntry
) -> None:
    """Picking the teams again when the league lists none: a reason; the teams stay."""
    nfl_entry.add_to_hass(hass)
    aioclient_mock.get(f"{ESPN}/football/nfl/teams", json=OFF_SEASON_TEAMS)
    result = await nfl_entry.start_reconfigure_flow(hass)
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "no_teams_listed"
    assert set(_teams(nfl_entry)) == {"1", "15", "9"}
