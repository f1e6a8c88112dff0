"""Device triggers on a followed team's device: one per game moment.

"When Arsenal scores a penalty" from the device page, without YAML: the
trigger listens to the moment's bus event for that device (every bus event
names the team's device), optionally only for one kind of play and only for
the team's own plays. The team's Game event entity is the other trigger
surface; both fire once per moment.
"""

from __future__ import annotations

from typing import Any, Final

from homeassistant.components.device_automation import DEVICE_TRIGGER_BASE_SCHEMA
from homeassistant.components.device_automation.exceptions import (
    InvalidDeviceAutomationConfig,
)
from homeassistant.components.homeassistant.triggers import event as event_trigger
from homeassistant.const import (
    CONF_DEVICE_ID,
    CONF_DOMAIN,
    CONF_EVENT_DATA,
    CONF_PLATFORM,
    CONF_TYPE,
)
from homeassistant.core import CALLBACK_TYPE, HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.trigger import TriggerActionType, TriggerInfo
from homeassistant.helpers.typing import ConfigType
import voluptuous as vol

from .const import DOMAIN
from .events import BUS_EVENTS, EVENT_PLAY_UPDATED, PREFIX, short_type
from .models import PlayKind

CONF_PLAY_KIND: Final = "play_kind"
CONF_OWN_TEAM: Final = "own_team"
TRIGGER_TYPES: Final = tuple(
    short_type(event_type) for event_type in BUS_EVENTS if event_type != EVENT_PLAY_UPDATED
)
"""Every moment but a play's late update (its scoring play already fired)."""
_PLAY_TRIGGERS: Final = ("scoring_play", "card")
_TEAM_TRIGGERS: Final = ("scoring_play", "card", "score_changed", "score_corrected")

TRIGGER_SCHEMA: Final = DEVICE_TRIGGER_BASE_SCHEMA.extend(
    {
        vol.Required(CONF_TYPE): vol.In(TRIGGER_TYPES),
        vol.Optional(CONF_PLAY_KIND): vol.In([kind.value for kind in PlayKind]),
        vol.Optional(CONF_OWN_TEAM): bool,
    }
)


def _is_team_device(hass: HomeAssistant, device_id: str) -> bool:
    """Return True for a followed team's device (not a league's)."""
    device = dr.async_get(hass).async_get(device_id)
    return device is not None and any(
        domain == DOMAIN and not key.endswith("_league") for domain, key in device.identifiers
    )


async def async_get_triggers(hass: HomeAssistant, device_id: str) -> list[dict[str, Any]]:
    """Return the triggers of a followed team's device."""
    if not _is_team_device(hass, device_id):
        return []
    return [
        {
            CONF_PLATFORM: "device",
            CONF_DOMAIN: DOMAIN,
            CONF_DEVICE_ID: device_id,
            CONF_TYPE: trigger_type,
        }
        for trigger_type in TRIGGER_TYPES
    ]


async def async_get_trigger_capabilities(
    hass: HomeAssistant, config: ConfigType
) -> dict[str, vol.Schema]:
    """Return the extra fields: a play's kind, and only the team's own plays."""
    fields: dict[Any, Any] = {}
    if config[CONF_TYPE] in _PLAY_TRIGGERS:
        fields[vol.Optional(CONF_PLAY_KIND)] = vol.In([kind.value for kind in PlayKind])
    if config[CONF_TYPE] in _TEAM_TRIGGERS:
        fields[vol.Optional(CONF_OWN_TEAM)] = bool
    return {"extra_fields": vol.Schema(fields)} if fields else {}


async def async_attach_trigger(
    hass: HomeAssistant,
    config: ConfigType,
    action: TriggerActionType,
    trigger_info: TriggerInfo,
) -> CALLBACK_TYPE:
    """Listen to the moment's bus event for this team's device."""
    if not _is_team_device(hass, config[CONF_DEVICE_ID]):
        raise InvalidDeviceAutomationConfig(f"Not a followed team: {config[CONF_DEVICE_ID]}")
    event_data: dict[str, Any] = {CONF_DEVICE_ID: config[CONF_DEVICE_ID]}
    if kind := config.get(CONF_PLAY_KIND):
        event_data["play_kind"] = kind
    if CONF_OWN_TEAM in config:
        own = "for_followed_team" if config[CONF_TYPE] == "card" else "team_scored"
        event_data[own] = config[CONF_OWN_TEAM]
    event_config = event_trigger.TRIGGER_SCHEMA(
        {
            CONF_PLATFORM: "event",
            event_trigger.CONF_EVENT_TYPE: f"{PREFIX}{config[CONF_TYPE]}",
            CONF_EVENT_DATA: event_data,
        }
    )
    return await event_trigger.async_attach_trigger(
        hass, event_config, action, trigger_info, platform_type="device"
    )
