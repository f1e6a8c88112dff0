"""The live_sports integration: follow sports teams from Home Assistant."""

from __future__ import annotations

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_validation as cv, device_registry as dr
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.storage import Store
from homeassistant.helpers.typing import ConfigType

from .const import CONF_HISTORY, CONF_LEAGUE, DOMAIN, STORAGE_VERSION
from .coordinator import LeagueCoordinator, LiveSportsConfigEntry, LiveSportsData
from .entity import league_device_identifier, team_device_identifier
from .history import HistorySink, async_remove_history_store
from .history.backends import HistoryConfig
from .providers import build_provider
from .services import async_setup_services
from .webhooks import WebhookManager, async_remove as async_remove_webhooks

PLATFORMS: list[Platform] = [Platform.BINARY_SENSOR, Platform.EVENT, Platform.SENSOR]

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register the actions; everything else lives in the league entries."""
    async_setup_services(hass)
    return True


async def async_setup_entry(hass: HomeAssistant, entry: LiveSportsConfigEntry) -> bool:
    """Set up one league entry: coordinator, then its sinks, then entities."""
    session = async_get_clientsession(hass)
    provider = build_provider(session, entry.data[CONF_LEAGUE])
    coordinator = LeagueCoordinator(hass, entry, provider)
    history = None
    if config := HistoryConfig.from_options(entry.options.get(CONF_HISTORY)):
        history = HistorySink(hass, entry.entry_id, coordinator, config)
        await history.async_start()
    try:
        await coordinator.async_config_entry_first_refresh()
    except Exception:
        if history:
            await history.async_stop()
        raise
    webhooks = WebhookManager(hass, entry, session)
    await webhooks.async_start()
    entry.async_on_unload(coordinator.async_add_release_listener(webhooks.async_on_release))
    entry.runtime_data = LiveSportsData(coordinator=coordinator, webhooks=webhooks, history=history)
    _remove_stale_devices(hass, entry, coordinator.team_ids, keep_league=history is not None)
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    entry.async_on_unload(entry.add_update_listener(_async_reload_on_update))
    return True


async def async_unload_entry(hass: HomeAssistant, entry: LiveSportsConfigEntry) -> bool:
    """Unload a league entry; its sinks flush or store what they hold."""
    if unloaded := await hass.config_entries.async_unload_platforms(entry, PLATFORMS):
        await entry.runtime_data.webhooks.async_stop()
        if entry.runtime_data.history:
            await entry.runtime_data.history.async_stop()
    return unloaded


async def async_remove_entry(hass: HomeAssistant, entry: LiveSportsConfigEntry) -> None:
    """Forget the league's game states, unwritten history and webhook outbox."""
    await async_remove_webhooks(hass, entry)
    await async_remove_history_store(hass, entry.entry_id)
    await Store[dict[str, object]](
        hass, STORAGE_VERSION, f"{DOMAIN}.{entry.entry_id}"
    ).async_remove()


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
