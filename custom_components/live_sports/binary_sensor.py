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

from .athlete_entity import PLAYING, AthletePlayingSensor
from .entity import TeamEntity, async_add_team_entities
from .leagues import is_field_league
from .models import TeamSnapshot
from .runtime import LiveSportsConfigEntry
from .views import TeamView

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
    """Add the binary sensors of every followed team (or athlete)."""
    if is_field_league(entry.runtime_data.coordinator.provider.league):
        async_add_team_entities(
            entry,
            async_add_entities,
            lambda coordinator, team: [AthletePlayingSensor(coordinator, team, PLAYING)],
        )
        return
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

    def _read_view(self, view: TeamView) -> None:
        """Read whether the team's game is live or in a break."""
        super()._read_view(view)
        self._attr_is_on = self.entity_description.is_on_fn(self.snapshot)

    def _shown(self) -> tuple[object, ...]:
        return (*super()._shown(), self._attr_is_on)
