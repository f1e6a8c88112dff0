"""Device triggers on a followed team's device: listed, and firing an automation."""

from __future__ import annotations

from collections.abc import Generator

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components import automation
from homeassistant.components.device_automation import DeviceAutomationType
from homeassistant.components.device_automation.exceptions import (
    InvalidDeviceAutomationConfig,
)
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.helpers.translation import async_get_translations
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import (
    async_get_device_automation_capabilities,
    async_get_device_automations,
    async_mock_service,
)

from custom_components.live_sports.const import DOMAIN
from custom_components.live_sports.device_trigger import TRIGGER_TYPES, async_attach_trigger
from custom_components.live_sports.models import Play, PlayKind

from .conftest import tick
from .play_script import (
    CHELSEA,
    ENTITY,
    HAVERTZ,
    NOW,
    PALMER,
    Script,
    goal,
    serve_script,
    setup_script_entry,
)

pytestmark = pytest.mark.freeze_time(NOW)


@pytest.fixture
def script() -> Generator[Script]:
    """Serve the scripted board in place of the Demo league's."""
    with serve_script() as scripted:
        yield scripted


def _device_id(hass: HomeAssistant) -> str:
    entity = er.async_get(hass).async_get(ENTITY)
    assert entity is not None
    assert entity.device_id is not None
    return entity.device_id


async def test_triggers_of_a_team_device_not_of_the_league(
    hass: HomeAssistant, script: Script
) -> None:
    """The team's device lists a trigger per moment; the league's device none."""
    entry = await setup_script_entry(hass)
    device_id = _device_id(hass)
    listed = await async_get_device_automations(hass, DeviceAutomationType.TRIGGER, device_id)
    triggers = [trigger for trigger in listed if trigger["domain"] == DOMAIN]
    assert [trigger["type"] for trigger in triggers] == list(TRIGGER_TYPES)
    assert {"scoring_play", "card", "score_corrected", "score_changed"} <= set(TRIGGER_TYPES)
    assert "play_updated" not in TRIGGER_TYPES
    league = [
        device
        for device in dr.async_entries_for_config_entry(dr.async_get(hass), entry.entry_id)
        if device.id != device_id
    ]
    assert league
    assert (
        await async_get_device_automations(hass, DeviceAutomationType.TRIGGER, league[0].id) == []
    )
    scoring = next(trigger for trigger in triggers if trigger["type"] == "scoring_play")
    capabilities = await async_get_device_automation_capabilities(
        hass, DeviceAutomationType.TRIGGER, scoring
    )
    names = [field["name"] for field in capabilities["extra_fields"]]
    assert names == ["play_kind", "own_team"]
    started = next(trigger for trigger in triggers if trigger["type"] == "game_started")
    capabilities = await async_get_device_automation_capabilities(
        hass, DeviceAutomationType.TRIGGER, started
    )
    assert capabilities.get("extra_fields", []) == []
    with pytest.raises(InvalidDeviceAutomationConfig):
        await async_attach_trigger(
            hass,
            {"platform": "device", "domain": DOMAIN, "device_id": league[0].id, "type": "card"},
            lambda *_: None,  # type: ignore[arg-type,return-value]
            {"domain": "automation", "name": "x"},  # type: ignore[typeddict-item]
        )


async def test_when_arsenal_scores_a_penalty(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, script: Script
) -> None:
    """An automation made on the device page: only Arsenal's penalties run it, once each."""
    await setup_script_entry(hass)
    device_id = _device_id(hass)
    calls: list[ServiceCall] = async_mock_service(hass, "test", "horn")
    assert await async_setup_component(
        hass,
        automation.DOMAIN,
        {
            automation.DOMAIN: [
                {
                    "triggers": [
                        {
                            "trigger": "device",
                            "domain": DOMAIN,
                            "device_id": device_id,
                            "type": "scoring_play",
                            "play_kind": "penalty_goal",
                            "own_team": True,
                        }
                    ],
                    "actions": [
                        {
                            "action": "test.horn",
                            "data": {"message": "{{ trigger.event.data.report }}"},
                        }
                    ],
                },
                {
                    "triggers": [
                        {
                            "trigger": "device",
                            "domain": DOMAIN,
                            "device_id": device_id,
                            "type": "card",
                            "own_team": False,
                        }
                    ],
                    "actions": [
                        {
                            "action": "test.horn",
                            "data": {"message": "{{ trigger.event.data.scorer }}"},
                        }
                    ],
                },
            ]
        },
    )
    card = Play(id="c5", kind=PlayKind.RED_CARD, team_id=CHELSEA.id, clock="5'", scorer=PALMER)
    plays = (
        card,
        goal(10, 1, 0),  # open play: not a penalty
        goal(20, 1, 1, PALMER, PlayKind.PENALTY_GOAL, CHELSEA.id),  # Chelsea's penalty
    )
    script.show(1, 1, *plays)
    await tick(hass, freezer, 6)
    script.show(2, 1, *plays, goal(30, 2, 1, HAVERTZ, PlayKind.PENALTY_GOAL))
    await tick(hass, freezer, 6)
    await tick(hass, freezer, 6, times=2)
    assert [call.data["message"] for call in calls] == [
        "Cole Palmer",
        "Goal — K. Havertz 30' (pen.) · ARS 2–1 CHE",
    ]


async def test_every_trigger_has_a_name_in_the_users_language(hass: HomeAssistant) -> None:
    """The device page names every trigger (no raw key), in English and in German."""
    for language in ("en", "de"):
        names = await async_get_translations(hass, language, "device_automation", {DOMAIN})
        missing = [
            trigger
            for trigger in TRIGGER_TYPES
            if not names.get(f"component.{DOMAIN}.device_automation.trigger_type.{trigger}")
        ]
        assert not missing, (language, missing)
