"""Event entity per followed team: the trigger surface for automations."""

from __future__ import annotations

from typing import Any

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .entity import TeamEntity, async_add_team_entities
from .events import ENTITY_EVENTS, GAME_EVENT_KEY, short_type, team_signal
from .runtime import LiveSportsConfigEntry

PARALLEL_UPDATES = 0

GAME_EVENT = EventEntityDescription(
    key=GAME_EVENT_KEY,
    translation_key=GAME_EVENT_KEY,
    event_types=[short_type(event_type) for event_type in ENTITY_EVENTS],
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: LiveSportsConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the game event entity of every followed team."""
    async_add_team_entities(
        entry,
        async_add_entities,
        lambda coordinator, team: [TeamEventEntity(coordinator, team, GAME_EVENT)],
    )


class TeamEventEntity(TeamEntity, EventEntity):
    """Game moments of a followed team, as events."""

    async def async_added_to_hass(self) -> None:
        """Receive the team's events from the coordinator."""
        await super().async_added_to_hass()
        self.async_on_remove(
            async_dispatcher_connect(
                self.hass,
                team_signal(self.coordinator.config_entry.entry_id, self.team.id),
                self._handle_event,
            )
        )

    @callback
    def _handle_event(self, event_type: str, data: dict[str, Any]) -> None:
        self._trigger_event(short_type(event_type), data)
        self.async_write_ha_state()

    @property
    def available(self) -> bool:
        """Stay available while the provider is down: past events still stand."""
        return True
