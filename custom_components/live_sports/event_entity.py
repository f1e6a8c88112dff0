"""The event entity of a followed team or athlete: the publisher's moments as events."""

from __future__ import annotations

from typing import Any

from homeassistant.components.event import EventEntity
from homeassistant.core import callback
from homeassistant.helpers.dispatcher import async_dispatcher_connect

from .entity import TeamEntity
from .events import short_type, team_signal


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
