"""Event entity per followed team: the trigger surface for automations."""

from __future__ import annotations

from homeassistant.components.event import EventEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .athlete_entity import ATHLETE_EVENT, RACING_EVENT, AthleteEventEntity
from .entity import async_add_team_entities
from .event_entity import TeamEventEntity
from .events import ENTITY_EVENTS, GAME_EVENT_KEY, short_type
from .leagues import is_field_league
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
    """Add the game event entity of every followed team (an athlete's events for an athlete)."""
    if is_field_league(entry.runtime_data.coordinator.provider.league):
        async_add_team_entities(
            entry,
            async_add_entities,
            lambda coordinator, team: [
                AthleteEventEntity(
                    coordinator,
                    team,
                    RACING_EVENT
                    if coordinator.provider.league.sport == "racing"
                    else ATHLETE_EVENT,
                )
            ],
        )
        return
    async_add_team_entities(
        entry,
        async_add_entities,
        lambda coordinator, team: [TeamEventEntity(coordinator, team, GAME_EVENT)],
    )
