"""Sensors of a followed team: status, scores, opponent, start, clock, result."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType

from .coordinator import LiveSportsConfigEntry
from .entity import TeamEntity
from .models import Phase, Result, TeamSnapshot

PARALLEL_UPDATES = 0

NO_GAME = "no_game"
RESULT_LETTERS = {Result.WIN: "W", Result.LOSS: "L", Result.TIE: "T"}


@dataclass(frozen=True, kw_only=True)
class TeamSensorEntityDescription(SensorEntityDescription):
    """A team sensor: how to read its state and picture from a snapshot."""

    value_fn: Callable[[TeamSnapshot], StateType | datetime]
    picture_fn: Callable[[TeamSnapshot], str | None] = lambda snap: snap.team.logo


def _last_result(snap: TeamSnapshot) -> str | None:
    last = snap.last_final
    if last is None or last.result is None:
        return None
    where = "vs" if last.side.value == "home" else "@"
    return (
        f"{RESULT_LETTERS[last.result]} {last.own.score}–{last.opponent.score} "
        f"{where} {last.opponent.team.abbreviation}"
    )


def _opponent_logo(snap: TeamSnapshot) -> str | None:
    return snap.current.opponent.team.logo if snap.current else None


SENSORS: tuple[TeamSensorEntityDescription, ...] = (
    TeamSensorEntityDescription(
        key="game_status",
        translation_key="game_status",
        device_class=SensorDeviceClass.ENUM,
        options=[*(phase.value for phase in Phase), NO_GAME],
        value_fn=lambda snap: snap.current.game.phase.value if snap.current else NO_GAME,
    ),
    TeamSensorEntityDescription(
        key="team_score",
        translation_key="team_score",
        value_fn=lambda snap: snap.current.own.score if snap.current else None,
    ),
    TeamSensorEntityDescription(
        key="opponent_score",
        translation_key="opponent_score",
        value_fn=lambda snap: snap.current.opponent.score if snap.current else None,
        picture_fn=_opponent_logo,
    ),
    TeamSensorEntityDescription(
        key="opponent",
        translation_key="opponent",
        value_fn=lambda snap: snap.current.opponent.team.name if snap.current else None,
        picture_fn=_opponent_logo,
    ),
    TeamSensorEntityDescription(
        key="game_start",
        translation_key="game_start",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda snap: snap.current.game.start if snap.current else None,
    ),
    TeamSensorEntityDescription(
        key="clock",
        translation_key="clock",
        value_fn=lambda snap: (
            snap.current.game.status_detail
            if snap.current and snap.current.game.phase.in_play
            else None
        ),
    ),
    TeamSensorEntityDescription(
        key="last_result",
        translation_key="last_result",
        value_fn=_last_result,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: LiveSportsConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the sensors of every followed team."""
    coordinator = entry.runtime_data.coordinator
    async_add_entities(
        TeamSensor(coordinator, team, description)
        for team in coordinator.teams.values()
        for description in SENSORS
    )


class TeamSensor(TeamEntity, SensorEntity):
    """A sensor of a followed team."""

    entity_description: TeamSensorEntityDescription

    @property
    def native_value(self) -> StateType | datetime:
        """Return the state read from the team's snapshot."""
        return self.entity_description.value_fn(self.snapshot)

    @property
    def entity_picture(self) -> str | None:
        """Return the logo that fits this sensor."""
        return self.entity_description.picture_fn(self.snapshot)
