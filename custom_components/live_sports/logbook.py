"""Describe live_sports events in the logbook."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from homeassistant.components.logbook.const import (
    LOGBOOK_ENTRY_MESSAGE,
    LOGBOOK_ENTRY_NAME,
)
from homeassistant.core import Event, HomeAssistant, callback

from .const import DOMAIN
from .events import BUS_EVENTS, describe


@callback
def async_describe_events(
    hass: HomeAssistant,
    async_describe_event: Callable[[str, str, Callable[[Event], dict[str, str]]], None],
) -> None:
    """Register a describer for every live_sports event."""

    @callback
    def _describe(event: Event[Any]) -> dict[str, str]:
        return {
            LOGBOOK_ENTRY_NAME: str(event.data["team_name"]),
            LOGBOOK_ENTRY_MESSAGE: describe(event.data),
        }

    for event_type in BUS_EVENTS:
        async_describe_event(DOMAIN, event_type, _describe)
