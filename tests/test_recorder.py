"""What the recorder keeps of a game day: a state only when something a person sees changed.

The recorder stores a row for every state written with a new value or new
attributes (recorded or not). A poll that brings nothing new, or only a clock
tick on a sensor that does not show the clock, must write none; a refresh
writes each entity at most once; a calendar reads its games again only when
they changed.
"""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.recorder import Recorder, get_instance, history
from homeassistant.const import EVENT_STATE_CHANGED, EVENT_STATE_REPORTED
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.live_sports.calendar import TeamCalendar
from custom_components.live_sports.const import DOMAIN
from custom_components.live_sports.runtime import LiveSportsConfigEntry

from .conftest import (
    ATL_GAME_ID,
    NFL_NOW,
    mock_espn_nfl,
    recorded,
    setup_entry,
    tick,
)

pytestmark = pytest.mark.freeze_time(NFL_NOW)


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(
    recorder_mock: Recorder, enable_custom_integrations: None
) -> None:
    """Start the recorder before Home Assistant (it must come first), then load ours."""


def _team_entities(hass: HomeAssistant, entry: MockConfigEntry) -> list[str]:
    registry = er.async_get(hass)
    return [
        entity.entity_id
        for entity in er.async_entries_for_config_entry(registry, entry.entry_id)
        if not entity.unique_id.endswith("_active_provider") and not entity.disabled
    ]


async def _rows_since(
    hass: HomeAssistant, start: datetime, entity_ids: list[str]
) -> dict[str, int]:
    """Return how many states the recorder stored for each entity after `start`."""
    await async_wait_recording_done(hass)
    states = await get_instance(hass).async_add_executor_job(
        lambda: history.get_significant_states(
            hass,
            start,
            None,
            entity_ids,
            significant_changes_only=False,
            include_start_time_state=False,
        )
    )
    return {entity_id: len(rows) for entity_id, rows in states.items() if rows}


async def _poll(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, entry: MockConfigEntry
) -> None:
    """Let the coordinator refresh once (its own interval, and a second for the jitter)."""
    runtime: LiveSportsConfigEntry = entry  # type: ignore[assignment]
    interval = runtime.runtime_data.coordinator.update_interval
    assert interval is not None
    await tick(hass, freezer, interval.total_seconds() + 1)


def _atl_board(clock: str, score: int = 26) -> dict[str, Any]:
    """Return the recorded NFL board with Atlanta's clock (and score) moved on."""
    board = copy.deepcopy(recorded("espn/nfl.json"))
    (game,) = (event for event in board["events"] if event["id"] == ATL_GAME_ID)
    competition = game["competitions"][0]
    competition["status"].update(displayClock=clock)
    competition["status"]["type"].update(
        detail=f"{clock} - 4th Quarter", shortDetail=f"{clock} - 4th"
    )
    for competitor in competition["competitors"]:
        if competitor["team"]["id"] == "1":
            competitor["score"] = str(score)
    return board


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_ten_identical_polls_write_nothing(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_entry: MockConfigEntry,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    """A live game, a final and a game to come, polled ten times unchanged: no new row.

    Team tracker included (enabled, as a card user has it): its ``last_update``
    is the time of the provider's data, not of the poll.
    """
    mock_espn_nfl(aioclient_mock, nfl_teams_payload)
    await setup_entry(hass, nfl_entry)
    entity_ids = _team_entities(hass, nfl_entry)
    assert "sensor.atlanta_falcons_team_tracker" in entity_ids
    start = datetime.now().astimezone()
    for _ in range(10):
        await _poll(hass, freezer, nfl_entry)
    scoreboard = [call for call in aioclient_mock.mock_calls if "scoreboard" in str(call[1])]
    assert len(scoreboard) >= 11  # the first refresh and ten polls
    assert await _rows_since(hass, start, entity_ids) == {}
    card = hass.states.get("sensor.atlanta_falcons_team_tracker")
    assert card.attributes["last_update"] == NFL_NOW


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_clock_tick_writes_no_game_status_row(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_entry: MockConfigEntry,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    """The clock runs from 0:48 to 0:31: only the card's sensor shows it; then a score."""
    mock_espn_nfl(aioclient_mock, nfl_teams_payload)
    await setup_entry(hass, nfl_entry)
    entity_ids = _team_entities(hass, nfl_entry)
    start = datetime.now().astimezone()

    aioclient_mock.clear_requests()
    mock_espn_nfl(aioclient_mock, nfl_teams_payload, _atl_board("0:31"))
    await _poll(hass, freezer, nfl_entry)
    card = hass.states.get("sensor.atlanta_falcons_team_tracker")
    assert card.attributes["clock"] == "0:31 - 4th"
    assert await _rows_since(hass, start, entity_ids) == {"sensor.atlanta_falcons_team_tracker": 1}

    aioclient_mock.clear_requests()
    mock_espn_nfl(aioclient_mock, nfl_teams_payload, _atl_board("0:25", score=29))
    await _poll(hass, freezer, nfl_entry)
    assert hass.states.get("sensor.atlanta_falcons_score").state == "29"
    rows = await _rows_since(hass, start, entity_ids)
    assert "sensor.atlanta_falcons_game_status" not in rows
    assert rows["sensor.atlanta_falcons_score"] == 1


async def test_team_tracker_disabled_on_a_fresh_install_kept_on_upgrade(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_entry: MockConfigEntry,
    nfl_teams_payload: dict[str, Any],
    entity_registry: er.EntityRegistry,
) -> None:
    """New followers enable the card's sensor themselves; an existing one keeps it on."""
    nfl_entry.add_to_hass(hass)
    # Atlanta was followed before the upgrade, its card sensor enabled then.
    kept = entity_registry.async_get_or_create(
        "sensor",
        DOMAIN,
        "nfl_1_team_tracker",
        config_entry=nfl_entry,
        suggested_object_id="atlanta_falcons_team_tracker",
    )
    assert kept.disabled_by is None
    mock_espn_nfl(aioclient_mock, nfl_teams_payload)
    assert await hass.config_entries.async_setup(nfl_entry.entry_id)
    await hass.async_block_till_done()

    atlanta = entity_registry.async_get(kept.entity_id)
    assert atlanta is not None
    assert atlanta.disabled_by is None
    assert hass.states.get(kept.entity_id).state == "IN"

    miami = entity_registry.async_get_entity_id("sensor", DOMAIN, "nfl_15_team_tracker")
    assert miami is not None
    entry = entity_registry.async_get(miami)
    assert entry is not None
    assert entry.disabled_by is er.RegistryEntryDisabler.INTEGRATION
    assert hass.states.get(miami) is None
    # The rest of a team's entities are on.
    assert hass.states.get("sensor.miami_dolphins_game_status").state == "final"


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_changed_refresh_writes_each_entity_once(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_entry: MockConfigEntry,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    """Atlanta scores: each of its entities is written at most once, the others' not at all."""
    mock_espn_nfl(aioclient_mock, nfl_teams_payload)
    await setup_entry(hass, nfl_entry)
    entity_ids = set(_team_entities(hass, nfl_entry))
    writes: list[str] = []

    @callback
    def _written(event: Event[Any]) -> None:
        if event.data["entity_id"] in entity_ids:
            writes.append(event.data["entity_id"])

    @callback
    def _ours(data: Any) -> bool:
        return bool(data["entity_id"] in entity_ids)

    hass.bus.async_listen(EVENT_STATE_CHANGED, _written)
    hass.bus.async_listen(EVENT_STATE_REPORTED, _written, event_filter=_ours)

    runtime: LiveSportsConfigEntry = nfl_entry  # type: ignore[assignment]
    views = runtime.runtime_data.views
    built = views.builds
    aioclient_mock.clear_requests()
    mock_espn_nfl(aioclient_mock, nfl_teams_payload, _atl_board("0:25", score=29))
    await _poll(hass, freezer, nfl_entry)
    assert hass.states.get("sensor.atlanta_falcons_score").state == "29"
    assert views.builds - built == 3  # one view a followed team, shared by its entities
    assert sorted(writes) == sorted(set(writes))
    assert all(entity_id.split(".")[1].startswith("atlanta") for entity_id in writes)


async def test_calendar_reads_its_games_only_when_they_change(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_entry: MockConfigEntry,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    """An unchanged poll reads no calendar's games; Atlanta's score only Atlanta's."""
    mock_espn_nfl(aioclient_mock, nfl_teams_payload)
    await setup_entry(hass, nfl_entry)
    reads: list[str] = []
    original = TeamCalendar._read_games

    def _spy(self: TeamCalendar, *args: Any) -> None:
        reads.append(self.team.id)
        original(self, *args)

    with patch.object(TeamCalendar, "_read_games", _spy):
        await _poll(hass, freezer, nfl_entry)
        assert reads == []

        aioclient_mock.clear_requests()
        mock_espn_nfl(aioclient_mock, nfl_teams_payload, _atl_board("0:25", score=29))
        await _poll(hass, freezer, nfl_entry)
    assert reads == ["1"]
    assert hass.states.get("calendar.atlanta_falcons_games").state == "on"
