"""The live_sports integration: follow sports teams from Home Assistant."""

from __future__ import annotations

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_validation as cv, device_registry as dr
from homeassistant.helpers.typing import ConfigType

from .const import CONF_LEAGUE, DOMAIN
from .entity import league_device_identifier, team_device_identifier
from .entry import LiveSportsConfigEntry, async_build
from .services import async_setup_services
from .storage import async_remove_stores
from .webhooks import async_remove as async_remove_webhooks

PLATFORMS: list[Platform] = [
    Platform.BINARY_SENSOR,
    Platform.CALENDAR,
    Platform.EVENT,
    Platform.SENSOR,
]

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register the actions; everything else lives in the league entries."""
    async_setup_services(hass)
    return True


async def async_setup_entry(hass: HomeAssistant, entry: LiveSportsConfigEntry) -> bool:
    """Set up one league entry: every consumer, the first refresh, then entities.

    The first release is handed out once the entities exist, so a change seen
    at the first refresh reaches the entities, the bus, history and webhooks.
    """
    data = await async_build(hass, entry)
    try:
        await data.coordinator.async_config_entry_first_refresh()
    except Exception:
        await data.async_stop()
        raise
    entry.runtime_data = data
    _remove_stale_devices(
        hass, entry, data.coordinator.team_ids, keep_league=data.history is not None
    )
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    data.releases.async_start()
    entry.async_on_unload(entry.add_update_listener(_async_reload_on_update))
    return True


async def async_unload_entry(hass: HomeAssistant, entry: LiveSportsConfigEntry) -> bool:
    """Unload a league entry; its sinks flush or store what they hold."""
    if unloaded := await hass.config_entries.async_unload_platforms(entry, PLATFORMS):
        await entry.runtime_data.async_stop()
    return unloaded


async def async_remove_entry(hass: HomeAssistant, entry: LiveSportsConfigEntry) -> None:
    """Forget the league's game states, unwritten history and webhook outbox."""
    async_remove_webhooks(hass, entry)
    await async_remove_stores(hass, entry.entry_id)


async def _async_reload_on_update(hass: HomeAssistant, entry: LiveSportsConfigEntry) -> None:
    """Reload when the followed teams change, so devices follow suit.

    Webhook endpoint changes alone apply in place, without a reload.
    """
    if not entry.runtime_data.webhooks.async_apply_options(entry.options):
        await hass.config_entries.async_reload(entry.entry_id)


def _remove_stale_devices(
    hass: HomeAssistant,
    entry: LiveSportsConfigEntry,
    team_ids: tuple[str, ...],
    *,
    keep_league: bool,
) -> None:
    """Remove the devices of unfollowed teams (and of history once it is off)."""
    registry = dr.async_get(hass)
    league = entry.data[CONF_LEAGUE]
    followed = {team_device_identifier(league, team_id) for team_id in team_ids}
    if keep_league:
        followed.add(league_device_identifier(league))
    for device in dr.async_entries_for_config_entry(registry, entry.entry_id):
        if not device.identifiers & followed:
            registry.async_remove_device(device.id)
