"""Setting up a league entry: devices, entity states, failures, unload."""

from __future__ import annotations

import copy
from typing import Any
from unittest.mock import AsyncMock, patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNAVAILABLE, STATE_UNKNOWN
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
)
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components import live_sports
from custom_components.live_sports.const import CONF_TEAMS, DOMAIN

from .conftest import (
    ESPN,
    NFL_NOW,
    device_subentries,
    entry_device,
    league_entry,
    mock_espn_nfl,
    recorded,
    setup_entry,
    team_subentry_id,
    tick,
)

pytestmark = pytest.mark.freeze_time(NFL_NOW)


def _entity_id(entity_registry: er.EntityRegistry, platform: str, unique_id: str) -> str:
    entity_id = entity_registry.async_get_entity_id(platform, DOMAIN, unique_id)
    assert entity_id is not None, unique_id
    return entity_id


async def test_team_entities(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_entry: MockConfigEntry,
    nfl_teams_payload: dict[str, Any],
    entity_registry: er.EntityRegistry,
) -> None:
    """Each followed team is a device whose sensors show its current game."""
    board = recorded("espn/nfl.json")
    last_week = copy.deepcopy(next(e for e in board["events"] if e["id"] == "401437650"))
    last_week.update(id="401437001", date="2022-09-04T17:00Z")
    competition = last_week["competitions"][0]
    competition["date"] = "2022-09-04T17:00Z"
    competition["status"]["type"].update(name="STATUS_FINAL", state="post", completed=True)
    aioclient_mock.get(f"{ESPN}/football/nfl/teams/1/schedule", json={"events": [last_week]})
    mock_espn_nfl(aioclient_mock, nfl_teams_payload)
    await setup_entry(hass, nfl_entry)
    assert nfl_entry.state is ConfigEntryState.LOADED

    device = entry_device(hass, nfl_entry, "nfl_1")
    assert device is not None
    assert (device.name, device.model, device.manufacturer) == ("Atlanta Falcons", "NFL", "ESPN")

    # Atlanta: live, 26-24 against New Orleans with 0:48 left.
    assert hass.states.get("sensor.atlanta_falcons_game_status").state == "live"
    score = hass.states.get("sensor.atlanta_falcons_score")
    assert score.state == "26"
    assert score.attributes["entity_picture"].endswith("/atl.png")
    assert hass.states.get("sensor.atlanta_falcons_opponent_score").state == "24"
    opponent = hass.states.get("sensor.atlanta_falcons_opponent")
    assert opponent.state == "New Orleans Saints"
    assert opponent.attributes["entity_picture"].endswith("/no.png")
    # No clock on the game status: it would write a state every poll (the card has it).
    status = hass.states.get("sensor.atlanta_falcons_game_status")
    assert "clock" not in status.attributes
    assert status.attributes["status_detail"] is None
    assert status.attributes["period"] == 4
    assert hass.states.get("sensor.atlanta_falcons_game_clock") is None
    assert hass.states.get("sensor.atlanta_falcons_game_start").state == "2022-09-11T17:00:00+00:00"
    assert hass.states.get("binary_sensor.atlanta_falcons_playing").state == STATE_ON
    # On its game day, the last result is still last week's (from its schedule).
    assert hass.states.get("sensor.atlanta_falcons_last_result").state == "W 26–24 vs NO"

    # Miami: beat New England 20-7 at home earlier today.
    assert hass.states.get("sensor.miami_dolphins_game_status").state == "final"
    assert hass.states.get("sensor.miami_dolphins_score").state == "20"
    assert hass.states.get("sensor.miami_dolphins_last_result").state == "W 20–7 vs NE"
    assert hass.states.get("binary_sensor.miami_dolphins_playing").state == STATE_OFF
    # After the final the status text says how it ended.
    final = hass.states.get("sensor.miami_dolphins_game_status")
    assert final.attributes["status_detail"] == "Final"

    # Green Bay: scheduled at Minnesota, no score yet.
    assert hass.states.get("sensor.green_bay_packers_game_status").state == "scheduled"
    assert hass.states.get("sensor.green_bay_packers_score").state == STATE_UNKNOWN
    assert hass.states.get("sensor.green_bay_packers_opponent").state == "Minnesota Vikings"
    assert (
        hass.states.get("sensor.green_bay_packers_game_start").state == "2022-09-11T20:25:00+00:00"
    )

    # Ten entities a team and the league's active provider (tests/test_platforms.py);
    # no League position or Standings, as this test's league answers no table.
    entries = er.async_entries_for_config_entry(entity_registry, nfl_entry.entry_id)
    assert len(entries) == 3 * 10 + 1


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_pictures_only_where_they_mean_a_team(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_entry: MockConfigEntry,
    nfl_teams_payload: dict[str, Any],
    entity_registry: er.EntityRegistry,
) -> None:
    """Logos on the score, the opponent and the team tracker; icons on the rest."""
    mock_espn_nfl(aioclient_mock, nfl_teams_payload)
    await setup_entry(hass, nfl_entry)
    pictures = {
        entity.unique_id.removeprefix("nfl_1_"): picture
        for entity in er.async_entries_for_config_entry(entity_registry, nfl_entry.entry_id)
        if entity.unique_id.startswith("nfl_1_")
        and (picture := hass.states.get(entity.entity_id).attributes.get("entity_picture"))
    }
    assert set(pictures) == {"team_score", "opponent_score", "opponent", "team_tracker"}
    assert pictures["team_score"].endswith("/atl.png")
    assert pictures["team_tracker"].endswith("/atl.png")
    assert pictures["opponent_score"].endswith("/no.png")
    assert pictures["opponent"].endswith("/no.png")


async def test_the_old_clock_sensor_is_removed(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_entry: MockConfigEntry,
    nfl_teams_payload: dict[str, Any],
    entity_registry: er.EntityRegistry,
) -> None:
    """0.2's Game clock sensor goes: its clock is the Game status' attribute now."""
    mock_espn_nfl(aioclient_mock, nfl_teams_payload)
    nfl_entry.add_to_hass(hass)
    old = entity_registry.async_get_or_create(
        "sensor", DOMAIN, "nfl_1_clock", config_entry=nfl_entry, suggested_object_id="atl_clock"
    )
    await hass.config_entries.async_setup(nfl_entry.entry_id)
    await hass.async_block_till_done()
    assert entity_registry.async_get(old.entity_id) is None
    assert hass.states.get(old.entity_id) is None


@pytest.mark.usefixtures("init_integration")
async def test_one_request_serves_every_team(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """A refresh is one scoreboard request, whatever the number of teams."""
    scoreboard_calls = [c for c in aioclient_mock.mock_calls if "scoreboard" in str(c[1])]
    assert len(scoreboard_calls) == 1
    await tick(hass, freezer, 60)
    scoreboard_calls = [c for c in aioclient_mock.mock_calls if "scoreboard" in str(c[1])]
    assert len(scoreboard_calls) == 2


@pytest.mark.parametrize(
    "failure",
    [{"status": 500}, {"json": {"events": [{"id": "broken"}]}}, {"text": "not json"}],
)
@pytest.mark.usefixtures("init_integration")
async def test_unavailable_then_recover(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_entry: MockConfigEntry,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    failure: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A failed refresh makes entities unavailable; the next good one recovers."""
    assert hass.states.get("sensor.atlanta_falcons_score").state == "26"

    aioclient_mock.clear_requests()
    aioclient_mock.get(f"{ESPN}/football/nfl/scoreboard", **failure)
    await tick(hass, freezer, 60)
    assert hass.states.get("sensor.atlanta_falcons_score").state == STATE_UNAVAILABLE
    assert hass.states.get("binary_sensor.atlanta_falcons_playing").state == STATE_UNAVAILABLE
    assert "sports provider" in caplog.text

    payload = recorded("espn/nfl.json")
    payload["events"][0]["competitions"][0]["competitors"][0]["score"] = "33"
    aioclient_mock.clear_requests()
    mock_espn_nfl(aioclient_mock, nfl_teams_payload, payload)
    await tick(hass, freezer, 60)
    assert hass.states.get("sensor.atlanta_falcons_score").state == "33"


@pytest.mark.parametrize("broken", ["teams", "scoreboard"])
async def test_setup_retries_when_provider_down(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_entry: MockConfigEntry,
    nfl_teams_payload: dict[str, Any],
    broken: str,
) -> None:
    """Set-up is retried later when the provider cannot be reached."""
    aioclient_mock.get(
        f"{ESPN}/football/nfl/teams",
        **({"status": 503} if broken == "teams" else {"json": nfl_teams_payload}),
    )
    aioclient_mock.get(
        f"{ESPN}/football/nfl/scoreboard",
        **({"status": 503} if broken == "scoreboard" else {"json": recorded("espn/nfl.json")}),
    )
    await setup_entry(hass, nfl_entry, loads=False)
    assert nfl_entry.state is ConfigEntryState.SETUP_RETRY


@pytest.mark.usefixtures("init_integration")
async def test_removed_team_subentry_takes_its_device_and_unload(
    hass: HomeAssistant,
    nfl_entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
) -> None:
    """Each team's device and entities belong to its subentry; removing it reloads without them."""
    green_bay = team_subentry_id(nfl_entry, "9")
    device = entry_device(hass, nfl_entry, "nfl_9")
    assert device is not None
    assert device_subentries(device, nfl_entry) == {green_bay}
    score = entity_registry.async_get("sensor.green_bay_packers_score")
    assert score is not None
    assert score.config_subentry_id == green_bay
    # Titled by id in the fixture (as migrated teams are): named once the provider lists them.
    assert nfl_entry.subentries[green_bay].title == "Green Bay Packers"
    coordinator = nfl_entry.runtime_data.coordinator

    assert hass.config_entries.async_remove_subentry(nfl_entry, green_bay)
    await hass.async_block_till_done()
    assert nfl_entry.state is ConfigEntryState.LOADED
    assert nfl_entry.runtime_data.coordinator is not coordinator  # reloaded
    assert nfl_entry.runtime_data.coordinator.team_ids == ("1", "15")
    assert entry_device(hass, nfl_entry, "nfl_9") is None
    assert entry_device(hass, nfl_entry, "nfl_1") is not None
    # Its entities went with the device: no stale "unavailable" left behind.
    assert hass.states.get("sensor.green_bay_packers_score") is None
    assert entity_registry.async_get("sensor.green_bay_packers_score") is None
    assert hass.states.get("sensor.atlanta_falcons_score").state == "26"

    assert await hass.config_entries.async_unload(nfl_entry.entry_id)
    await hass.async_block_till_done()
    assert nfl_entry.state is ConfigEntryState.NOT_LOADED


async def test_team_missing_from_team_list(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
) -> None:
    """A followed id the team list no longer has still gets a device, named by id."""
    entry = league_entry("nfl", ["33"])
    mock_espn_nfl(aioclient_mock, nfl_teams_payload)
    aioclient_mock.get(f"{ESPN}/football/nfl/teams/33/schedule", json={"events": []})
    await setup_entry(hass, entry)
    assert hass.states.get("sensor.33_game_status").state == "live"


@pytest.mark.usefixtures("init_integration")
async def test_reconfigure_of_a_loaded_entry_follows_the_new_teams(
    hass: HomeAssistant,
    nfl_entry: MockConfigEntry,
) -> None:
    """Several teams changed at once: one settled reload, devices as picked."""
    result = await nfl_entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_TEAMS: ["1", "16"]}
    )
    assert result["reason"] == "reconfigure_successful"
    await hass.async_block_till_done()
    assert nfl_entry.state is ConfigEntryState.LOADED
    assert nfl_entry.runtime_data.coordinator.team_ids == ("1", "16")
    assert entry_device(hass, nfl_entry, "nfl_15") is None
    assert entry_device(hass, nfl_entry, "nfl_9") is None
    vikings = entry_device(hass, nfl_entry, "nfl_16")
    assert vikings is not None
    assert device_subentries(vikings, nfl_entry) == {team_subentry_id(nfl_entry, "16")}
    assert hass.states.get("sensor.minnesota_vikings_game_status").state == "scheduled"


async def test_reconfigure_swapping_three_teams_reloads_once(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_entry: MockConfigEntry,
    nfl_teams_payload: dict[str, Any],
) -> None:
    """Unfollowing three teams and following three others sets the league up again once.

    Each set-up asks the team list, the board and every followed team's
    schedule: six reloads (one per subentry added or removed) asked ESPN six
    times over for a single "Submit".
    """
    mock_espn_nfl(aioclient_mock, nfl_teams_payload)
    await setup_entry(hass, nfl_entry)
    aioclient_mock.clear_requests()
    mock_espn_nfl(aioclient_mock, nfl_teams_payload)
    setups = AsyncMock(wraps=live_sports.async_setup_entry)
    with patch.object(live_sports, "async_setup_entry", setups):
        result = await nfl_entry.start_reconfigure_flow(hass)
        result = await hass.config_entries.flow.async_configure(
            result["flow_id"], {CONF_TEAMS: ["18", "17", "16"]}
        )
        assert result["reason"] == "reconfigure_successful"
        await hass.async_block_till_done()

    assert setups.await_count == 1

    assert nfl_entry.state is ConfigEntryState.LOADED
    assert set(nfl_entry.runtime_data.coordinator.team_ids) == {"16", "17", "18"}
    assert hass.states.get("sensor.minnesota_vikings_game_status").state == "scheduled"
    assert entry_device(hass, nfl_entry, "nfl_1") is None
    requests = [url.path for _, url, _, _ in aioclient_mock.mock_calls]
    # The reconfigure form's team list (shown, then submitted), then one set-up:
    # its team list, the board and the three new teams' schedules.
    assert sum(url.endswith("/teams") for url in requests) == 3, requests
    assert sum(url.endswith("/scoreboard") for url in requests) == 1, requests
    assert sum(url.endswith("/schedule") for url in requests) == 3, requests


async def test_team_and_league_devices_are_services(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """A followed team and its league are services on the integration's page, not hardware."""
    devices = dr.async_entries_for_config_entry(dr.async_get(hass), init_integration.entry_id)
    identifiers = {identifier for device in devices for _, identifier in device.identifiers}
    assert {"nfl_1", "nfl_15", "nfl_9"} <= identifiers
    assert len(devices) == 4  # the three teams and the league
    assert {device.entry_type for device in devices} == {dr.DeviceEntryType.SERVICE}
