"""Describe live_sports events in the logbook, on the team's event entity.

Each description names the followed team's game event entity, so the game
moment shows on the team's device page and in that entity's logbook, next to
its "Detected an event" rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from homeassistant.components.logbook.const import (
    LOGBOOK_ENTRY_ENTITY_ID,
    LOGBOOK_ENTRY_MESSAGE,
    LOGBOOK_ENTRY_NAME,
)
from homeassistant.core import Event, HomeAssistant, callback

from .const import CONF_LEAGUE, DOMAIN
from .events import ALL_BUS_EVENTS, describe, team_event_entity_id


def _league_of(hass: HomeAssistant, data: Mapping[str, Any]) -> str | None:
    """Return the entry's league key (the game's league is the same for our providers)."""
    if (entry_id := data.get("entry_id")) and (
        entry := hass.config_entries.async_get_entry(str(entry_id))
    ):
        return str(entry.data[CONF_LEAGUE])
    league = data.get("league")
    return str(league) if league else None


@callback
def async_describe_events(
    hass: HomeAssistant,
    async_describe_event: Callable[[str, str, Callable[[Event], dict[str, str]]], None],
) -> None:
    """Register a describer for every live_sports event."""

    @callback
    def _describe(event: Event[Any]) -> dict[str, str]:
        data = event.data
        described = {
            LOGBOOK_ENTRY_NAME: str(data["team_name"]),
            LOGBOOK_ENTRY_MESSAGE: describe(data),
        }
        entity_id = data.get("entity_id")
        if not entity_id and (league := _league_of(hass, data)) and (team := data.get("team_id")):
            # Fired before the event named its entity: look the entity up.
            entity_id = team_event_entity_id(hass, league, str(team))
        if entity_id:
            described[LOGBOOK_ENTRY_ENTITY_ID] = str(entity_id)
        return described

    for event_type in ALL_BUS_EVENTS:
        async_describe_event(DOMAIN, event_type, _describe)
