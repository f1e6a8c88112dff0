"""Sensors of a followed athlete (golf): status, position, score, leader, event, next tee time.

And the athlete's "Team tracker" sensor in ha-teamtracker's golf shape, for
ha-teamtracker-card. Each sensor writes a state only when what it shows
changed; the leaderboard ticker and the round's strokes are attributes kept
out of the recorder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.helpers.typing import StateType
from homeassistant.util import dt as dt_util

from .athlete_entity import AthleteEntity
from .athlete_view import AthleteStatus, AthleteView
from .coordinator import LeagueCoordinator
from .models import Team
from .models.field import to_par_text
from .teamtracker import STATES
from .teamtracker_golf import UNRECORDED, golf_attributes, golf_state
from .views import TeamView


@dataclass(frozen=True, kw_only=True)
class AthleteSensorEntityDescription(SensorEntityDescription):
    """An athlete sensor: its state and attributes from the athlete's view."""

    value_fn: Callable[[AthleteView], StateType | datetime]
    attributes_fn: Callable[[AthleteView], dict[str, Any]] | None = None


def _position_attributes(view: AthleteView) -> dict[str, Any]:
    entrant = view.entrant
    return {
        "position": entrant.position if entrant else None,
        "tied": entrant.tied if entrant else None,
        "field_size": len(view.event.entrants) if view.event else None,
    }


def _score_attributes(view: AthleteView) -> dict[str, Any]:
    entrant = view.entrant
    current = view.round
    return {
        "score_text": to_par_text(entrant.score) if entrant else None,
        "today": view.today,
        "thru": view.thru,
        "round": current.number if current and current.holes else None,
        "rounds": [item.strokes for item in entrant.rounds if item.holes] if entrant else [],
    }


def _leader_attributes(view: AthleteView) -> dict[str, Any]:
    leader = view.leader
    return {"score": leader.score if leader else None, "score_text": view.leader_text}


def _event_attributes(view: AthleteView) -> dict[str, Any]:
    event = view.event
    return {
        "start": event.start.isoformat() if event else None,
        "end": event.end.isoformat() if event and event.end else None,
        "round": event.period if event else None,
        "field_published": event.field_published if event else None,
    }


ATHLETE_SENSORS: tuple[AthleteSensorEntityDescription, ...] = (
    AthleteSensorEntityDescription(
        key="athlete_status",
        translation_key="athlete_status",
        device_class=SensorDeviceClass.ENUM,
        options=[status.value for status in AthleteStatus],
        value_fn=lambda view: view.status.value,
    ),
    AthleteSensorEntityDescription(
        key="position",
        translation_key="position",
        value_fn=lambda view: view.entrant.position_text if view.entrant else None,
        attributes_fn=_position_attributes,
    ),
    AthleteSensorEntityDescription(
        key="score_to_par",
        translation_key="score_to_par",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda view: view.entrant.score if view.entrant else None,
        attributes_fn=_score_attributes,
    ),
    AthleteSensorEntityDescription(
        key="leader",
        translation_key="leader",
        value_fn=lambda view: view.leader.name if view.leader else None,
        attributes_fn=_leader_attributes,
    ),
    AthleteSensorEntityDescription(
        key="tournament",
        translation_key="tournament",
        value_fn=lambda view: view.event.name if view.event else None,
        attributes_fn=_event_attributes,
    ),
    AthleteSensorEntityDescription(
        key="next_tee_time",
        translation_key="next_tee_time",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda view: view.next_start,
    ),
)


TEAM_TRACKER = SensorEntityDescription(
    key="team_tracker",
    translation_key="team_tracker",
    device_class=SensorDeviceClass.ENUM,
    options=list(STATES),
    entity_registry_enabled_default=False,
)
"""The card sensor, a team's (sensor.py takes it from here) or an athlete's: one description.

Disabled by default: a team's clock changes on every poll of a live game, which
only the card needs (the README tells card users to enable it).
"""


RACING_SENSORS: tuple[AthleteSensorEntityDescription, ...] = (
    *(
        description
        for description in ATHLETE_SENSORS
        if description.key in ("athlete_status", "position", "leader")
    ),
    AthleteSensorEntityDescription(
        key="session",
        translation_key="session",
        value_fn=lambda view: view.event.name if view.event else None,
        attributes_fn=_event_attributes,
    ),
    AthleteSensorEntityDescription(
        key="next_session",
        translation_key="next_session",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda view: view.next_start,
    ),
)
"""A driver's: no score to par; the session and the next session's start."""


class AthleteSensor(AthleteEntity, SensorEntity):
    """A sensor of a followed athlete."""

    entity_description: AthleteSensorEntityDescription

    def _read_view(self, view: TeamView) -> None:
        super()._read_view(view)
        description = self.entity_description
        self._attr_native_value = description.value_fn(self.athlete)
        attributes_fn = description.attributes_fn
        self._attr_extra_state_attributes = attributes_fn(self.athlete) if attributes_fn else {}

    def _shown(self) -> tuple[object, ...]:
        return (*super()._shown(), self._attr_native_value, self._attr_extra_state_attributes)


class AthleteTeamTrackerSensor(AthleteEntity, SensorEntity):
    """A followed golfer as ha-teamtracker's sensor shows it, so ha-teamtracker-card works."""

    _unrecorded_attributes = UNRECORDED

    def __init__(self, coordinator: LeagueCoordinator, team: Team) -> None:
        """Initialize the athlete's card sensor."""
        self._attr_entity_picture = team.logo
        super().__init__(coordinator, team, TEAM_TRACKER)

    def _read_view(self, view: TeamView) -> None:
        super()._read_view(view)
        board = self.coordinator.data
        provider = self.coordinator.provider
        self._attr_native_value = golf_state(self.athlete)
        self._attr_extra_state_attributes = golf_attributes(
            self.athlete,
            self.team.name,
            fetched_at=board.fetched_at if board else dt_util.utcnow(),
            league=provider.league,
            provider=provider.name,
        )

    def _shown(self) -> tuple[object, ...]:
        shown = dict(self._attr_extra_state_attributes)
        shown.pop("last_update", None)
        shown.pop("kickoff_in", None)
        return (*super()._shown(), self._attr_native_value, shown)


def athlete_sensors(coordinator: LeagueCoordinator, team: Team) -> list[SensorEntity]:
    """Return a followed athlete's sensors (a driver's, in a racing series)."""
    racing = coordinator.provider.league.sport == "racing"
    descriptions = RACING_SENSORS if racing else ATHLETE_SENSORS
    return [
        *(AthleteSensor(coordinator, team, description) for description in descriptions),
        AthleteTeamTrackerSensor(coordinator, team),
    ]
