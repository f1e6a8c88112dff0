"""Binary sensor of a followed team: is its game under way."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from homeassistant.components.binary_sensor import (
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .entity import TeamEntity, async_add_team_entities
from .entry import LiveSportsConfigEntry
from .models import TeamSnapshot

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class TeamBinarySensorEntityDescription(BinarySensorEntityDescription):
    """A team binary sensor: how to read it from a snapshot."""

    is_on_fn: Callable[[TeamSnapshot], bool]


BINARY_SENSORS: tuple[TeamBinarySensorEntityDescription, ...] = (
    TeamBinarySensorEntityDescription(
        key="playing",
        translation_key="playing",
        is_on_fn=lambda snap: bool(snap.current and snap.current.game.phase.in_play),
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: LiveSportsConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the binary sensors of every followed team."""
    async_add_team_entities(
        entry,
        async_add_entities,
        lambda coordinator, team: (
            TeamBinarySensor(coordinator, team, description) for description in BINARY_SENSORS
        ),
    )


class TeamBinarySensor(TeamEntity, BinarySensorEntity):
    """A binary sensor of a followed team."""

    entity_description: TeamBinarySensorEntityDescription

    @property
    def is_on(self) -> bool:
        """Return True while the team's game is live or in a break."""
        return self.entity_description.is_on_fn(self.snapshot)
