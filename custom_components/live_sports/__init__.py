"""The live_sports integration: follow sports teams from Home Assistant."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
import inspect
from typing import Any

from homeassistant.config_entries import ConfigEntry, ConfigEntryState
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import (
    config_validation as cv,
    device_registry as dr,
    entity_registry as er,
)
from homeassistant.helpers.typing import ConfigType

from .const import CONF_LEAGUE, CONF_TEAMS, DOMAIN, LOGGER
from .entity import league_device_identifier, team_device_identifier
from .provider_watch import async_remove_issues as async_remove_provider_issues
from .runtime import LiveSportsConfigEntry, async_build, built_from
from .services import async_setup_services
from .storage import async_remove_stores, outbox_store
from .subentries import as_subentry, team_subentries, team_subentry
from .webhooks import (
    CONF_WEBHOOKS,
    Endpoint,
    async_remove as async_remove_webhooks,
    webhook_subentry,
)
from .webhooks.models import CONF_ENDPOINT_ID

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
    _name_teams(hass, entry)
    _remove_stale_devices(hass, entry, data.coordinator.team_ids)
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    data.releases.async_start()
    data.standings.async_start()
    entry.async_on_unload(entry.add_update_listener(_async_update_listener))
    return True


async def async_unload_entry(hass: HomeAssistant, entry: LiveSportsConfigEntry) -> bool:
    """Unload a league entry; its sinks flush or store what they hold."""
    if unloaded := await hass.config_entries.async_unload_platforms(entry, PLATFORMS):
        await entry.runtime_data.async_stop()
    return unloaded


async def async_remove_entry(hass: HomeAssistant, entry: LiveSportsConfigEntry) -> None:
    """Forget the league's game states, unwritten history, webhook outbox and issues."""
    async_remove_webhooks(hass, entry)
    async_remove_provider_issues(hass, entry.entry_id)
    await async_remove_stores(hass, entry.entry_id)


async def async_migrate_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Migrate an entry from an older version; refuse one from a newer version.

    1 → 2: the followed teams (``options["teams"]``) become team subentries,
    their devices and entities tied to them; the webhook endpoints
    (``options["webhooks"]``) become webhook subentries, their rotation state
    and disabled reason moving to the outbox store. Endpoint ids stay, so the
    pending outbox is kept; the entry's store (game states, delayed releases)
    is keyed by the entry and left alone.
    """
    if entry.version > 2:
        return False
    if entry.version == 1:
        await _async_migrate_to_subentries(hass, entry)
        LOGGER.debug("Migrated %s to version 2 (subentries)", entry.title)
    return True


async def _async_migrate_to_subentries(hass: HomeAssistant, entry: ConfigEntry) -> None:
    options = dict(entry.options)
    team_ids: list[str] = list(options.pop(CONF_TEAMS, ()))
    endpoints = [
        Endpoint.from_parts({**legacy, CONF_ENDPOINT_ID: legacy["id"]}, legacy)
        for legacy in options.pop(CONF_WEBHOOKS, ())
    ]
    if endpoints:
        store = outbox_store(hass, entry.entry_id)
        stored = await store.async_load() or {}
        states = {**stored.get("endpoints", {}), **{e.id: e.state() for e in endpoints}}
        await store.async_save({**stored, "endpoints": states})
    for team_id in team_ids:  # named once the coordinator knows the teams
        hass.config_entries.async_add_subentry(entry, as_subentry(team_subentry(team_id, team_id)))
    for endpoint in endpoints:
        hass.config_entries.async_add_subentry(entry, as_subentry(webhook_subentry(endpoint)))
    _tie_team_devices(hass, entry)
    hass.config_entries.async_update_entry(entry, options=options, version=2, minor_version=1)


def _tie_team_devices(hass: HomeAssistant, entry: ConfigEntry) -> None:
    """Move each team's device and entities from the entry to the team's subentry."""
    devices = dr.async_get(hass)
    entities = er.async_get(hass)
    moves = _device_move(devices)
    league = entry.data[CONF_LEAGUE]
    subentries = {
        team_device_identifier(league, team_id): subentry
        for team_id, subentry in team_subentries(entry).items()
    }
    for device in dr.async_entries_for_config_entry(devices, entry.entry_id):
        subentry = next((subentries[i] for i in device.identifiers if i in subentries), None)
        if subentry is None:
            continue
        # Entities first: a device leaving the entry's own part takes the
        # entities still there with it (they would lose their customizations).
        for entity in er.async_entries_for_device(
            entities, device.id, include_disabled_entities=True
        ):
            entities.async_update_entity(entity.entity_id, config_subentry_id=subentry.subentry_id)
        for move in moves(entry.entry_id, subentry.subentry_id):
            devices.async_update_device(device.id, **move)


def _device_move(
    devices: dr.DeviceRegistry,
) -> Callable[[str, str], list[dict[str, Any]]]:
    """Return the device updates that move a device from its entry to a subentry of it.

    Newer releases keep a device in one config entry and subentry and move it
    with ``new_config_subentry_id`` (their add/remove arguments are
    deprecated). Older ones only add and remove, in two steps: removing the
    entry's own part in the same call as adding the subentry removes the device.
    """
    if "new_config_subentry_id" in inspect.signature(devices.async_update_device).parameters:
        return lambda _entry_id, subentry_id: [{"new_config_subentry_id": subentry_id}]
    return lambda entry_id, subentry_id: [
        {"add_config_entry_id": entry_id, "add_config_subentry_id": subentry_id},
        {"remove_config_entry_id": entry_id, "remove_config_subentry_id": None},
    ]


async def _async_update_listener(hass: HomeAssistant, entry: LiveSportsConfigEntry) -> None:
    """Reload when the options or the followed teams changed (devices follow suit).

    A changed, added or removed webhook endpoint applies in place, without a
    reload; so does a team's new title. Several changes in a row make one
    reload: a listener starts as each change is applied, and a flow applies
    all of its changes (reconfigure adds or removes a subentry per team)
    without yielding, so the listener yields once before it looks; the first
    one to see a change reloads, from everything the entry then holds.
    """
    await asyncio.sleep(0)
    if entry.state is not ConfigEntryState.LOADED:
        return
    data = entry.runtime_data
    if data.built_from == built_from(entry):
        data.webhooks.async_apply_subentries()
    elif not data.reload_scheduled:
        data.reload_scheduled = True
        hass.config_entries.async_schedule_reload(entry.entry_id)


def _name_teams(hass: HomeAssistant, entry: LiveSportsConfigEntry) -> None:
    """Title each team subentry with the team's name, once the provider lists it.

    Migrated teams are titled by their id until then; an unlisted team keeps
    its title (the coordinator names it by its id).
    """
    teams = entry.runtime_data.coordinator.teams
    for team_id, subentry in team_subentries(entry).items():
        team = teams.get(team_id)
        if team is not None and team.name not in (team_id, subentry.title):
            hass.config_entries.async_update_subentry(entry, subentry, title=team.name)


def _remove_stale_devices(
    hass: HomeAssistant,
    entry: LiveSportsConfigEntry,
    team_ids: tuple[str, ...],
) -> None:
    """Remove the devices of unfollowed teams; the league's own device stays."""
    registry = dr.async_get(hass)
    league = entry.data[CONF_LEAGUE]
    followed = {team_device_identifier(league, team_id) for team_id in team_ids}
    followed.add(league_device_identifier(league))
    for device in dr.async_entries_for_config_entry(registry, entry.entry_id):
        if not device.identifiers & followed:
            registry.async_remove_device(device.id)
