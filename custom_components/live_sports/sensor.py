"""Sensors of a followed team: status (with the clock), scores, opponent, start, result.

And a "Team tracker" sensor in ha-teamtracker's shape, for ha-teamtracker-card.
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
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType
from homeassistant.helpers.update_coordinator import CoordinatorEntity
from homeassistant.util import dt as dt_util

from .athlete_sensor import TEAM_TRACKER, athlete_sensors
from .coordinator import LeagueCoordinator
from .entity import (
    TeamEntity,
    async_add_team_entities,
    async_remove_sensors,
    league_device_info,
    result_text,
    versus,
)
from .history.writer import HistoryWriter
from .leagues import is_field_league
from .models import Phase, Team, TeamSnapshot
from .providers.base import League
from .providers.failover import FailoverProvider
from .runtime import LiveSportsConfigEntry
from .standings_sensor import async_add_standings_sensors
from .teamtracker import UNRECORDED, teamtracker_attributes, teamtracker_state
from .views import TeamView

PARALLEL_UPDATES = 0

NO_GAME = "no_game"


@dataclass(frozen=True, kw_only=True)
class TeamSensorEntityDescription(SensorEntityDescription):
    """A team sensor: how to read its state and picture from a snapshot."""

    value_fn: Callable[[TeamSnapshot], StateType | datetime]
    picture_fn: Callable[[TeamSnapshot], str | None] | None = None
    """The logo of the sensor that is about a team; the others show their icon."""


def _last_result(snap: TeamSnapshot) -> str | None:
    last = snap.last_final
    if last is None or (result := result_text(last)) is None:
        return None
    return f"{result} {versus(last)} {last.opponent.team.abbreviation}"


def _opponent_logo(snap: TeamSnapshot) -> str | None:
    return snap.current.opponent.team.logo if snap.current else None


def _own_logo(snap: TeamSnapshot) -> str | None:
    return snap.team.logo


GAME_STATUS_UNRECORDED = frozenset({"period", "status_detail"})


def _game_status_attributes(snap: TeamSnapshot, league: str) -> dict[str, Any]:
    """Return the period of the current game; outside play, the provider's word for it.

    Not the clock, nor the status text while the clock runs (it carries the
    clock): they change on every poll of a live game, and each change would
    be a state written to the recorder. The clock is the card's (the Team
    tracker sensor). And the competition the game is played in: the league,
    or the cup or continental competition of a club's game outside it.
    """
    game = snap.current.game if snap.current else None
    if game is None:
        return {"period": None, "status_detail": None, "competition": None}
    return {
        "period": game.period,
        "status_detail": None if game.phase is Phase.LIVE else game.status_detail,
        "competition": game.competition or league,
    }


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
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda snap: snap.current.own.score if snap.current else None,
        picture_fn=_own_logo,
    ),
    TeamSensorEntityDescription(
        key="opponent_score",
        translation_key="opponent_score",
        state_class=SensorStateClass.MEASUREMENT,
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
    """Add every followed team's sensors; the league's active provider and history buffer."""
    _async_remove_stale_sensors(hass, entry)
    data = entry.runtime_data
    if is_field_league(data.coordinator.provider.league):
        async_add_team_entities(entry, async_add_entities, athlete_sensors)
    else:
        _async_add_team_sensors(entry, async_add_entities)
    async_add_entities([ActiveProviderSensor(data.coordinator, data.failover)])
    if history := data.history:
        async_add_entities([HistoryBufferSensor(data.coordinator, history.writer)])


def _async_add_team_sensors(
    entry: LiveSportsConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    """Add every followed team's sensors."""
    async_add_team_entities(
        entry,
        async_add_entities,
        lambda coordinator, team: [
            *(
                (GameStatusSensor if description.key == "game_status" else TeamSensor)(
                    coordinator, team, description
                )
                for description in SENSORS
            ),
            TeamTrackerSensor(coordinator, team),
        ],
    )
    async_add_standings_sensors(entry, async_add_entities)


def _async_remove_stale_sensors(hass: HomeAssistant, entry: LiveSportsConfigEntry) -> None:
    """Remove the sensors the entry no longer has, rather than leave them unavailable.

    The Game clock sensors of 0.2: the live clock is the Team tracker's
    attribute now (its state changed on every poll of a live game, so it
    filled the logbook and the recorder with clock ticks). The history buffer, once
    history is turned off.
    """
    league = entry.runtime_data.coordinator.provider.league
    stale = set() if entry.runtime_data.history else {history_buffer_unique_id(league)}
    async_remove_sensors(
        hass, entry, lambda unique_id: unique_id.endswith("_clock") or unique_id in stale
    )


def history_buffer_unique_id(league: League) -> str:
    """Return the unique id of a league's history buffer sensor."""
    return f"{league.key}_history_buffer"


class TeamSensor(TeamEntity, SensorEntity):
    """A sensor of a followed team."""

    entity_description: TeamSensorEntityDescription

    def _read_view(self, view: TeamView) -> None:
        """Read the state, and the logo of a sensor about a team (None shows its icon)."""
        super()._read_view(view)
        description = self.entity_description
        self._attr_native_value = description.value_fn(self.snapshot)
        picture_fn = description.picture_fn
        self._attr_entity_picture = picture_fn(self.snapshot) if picture_fn else None

    def _shown(self) -> tuple[object, ...]:
        return (*super()._shown(), self._attr_native_value, self._attr_entity_picture)


class GameStatusSensor(TeamSensor):
    """The game's phase; its clock and status text as attributes, not recorded.

    The state changes only when the phase does (kick-off, half-time, final),
    so the logbook shows game moments rather than clock ticks.
    """

    _unrecorded_attributes = GAME_STATUS_UNRECORDED

    def _read_view(self, view: TeamView) -> None:
        """Read the period, the provider's status text and the competition too."""
        super()._read_view(view)
        self._attr_extra_state_attributes = _game_status_attributes(
            self.snapshot, self.coordinator.provider.league.name
        )

    def _shown(self) -> tuple[object, ...]:
        return (*super()._shown(), self._attr_extra_state_attributes)


class TeamTrackerSensor(TeamEntity, SensorEntity):
    """A team as ha-teamtracker's sensor shows it, so ha-teamtracker-card works."""

    _unrecorded_attributes = UNRECORDED

    def __init__(self, coordinator: LeagueCoordinator, team: Team) -> None:
        """Initialize the team's card sensor."""
        self._attr_entity_picture = team.logo
        self._card: dict[str, Any] | None = None
        super().__init__(coordinator, team, TEAM_TRACKER)

    def _read_view(self, view: TeamView) -> None:
        """Compute PRE, IN, POST, BYE or NOT_FOUND and the attributes the card reads."""
        super()._read_view(view)
        current = self.snapshot.current
        game = current.game if current else None
        board = self.coordinator.data
        provider = self.coordinator.provider
        now = dt_util.utcnow()
        self._attr_native_value = teamtracker_state(game, board, now)
        attributes = teamtracker_attributes(
            self.team, game, board, now=now, league=provider.league, provider=provider.name
        )
        previous = self._card
        if previous and {**attributes, "last_update": previous["last_update"]} == previous:
            # Another team's game moved the board on: this team's data did not change.
            attributes = previous
        self._card = self._attr_extra_state_attributes = attributes

    def _shown(self) -> tuple[object, ...]:
        return (*super()._shown(), self._attr_native_value, self._attr_extra_state_attributes)


class ActiveProviderSensor(CoordinatorEntity[LeagueCoordinator], SensorEntity):
    """Diagnostic: the provider the league's scores come from, and each one's health."""

    _attr_has_entity_name = True
    _attr_entity_category = EntityCategory.DIAGNOSTIC
    _attr_translation_key = "active_provider"
    _unrecorded_attributes = frozenset({"health"})

    def __init__(self, coordinator: LeagueCoordinator, failover: FailoverProvider) -> None:
        """Attach to the league's device."""
        super().__init__(coordinator)
        self._failover = failover
        self._attr_unique_id = f"{failover.league.key}_active_provider"
        self._attr_device_info = league_device_info(failover)

    @property
    def available(self) -> bool:
        """Stay available while every provider fails: that is what it tells."""
        return True

    @property
    def native_value(self) -> str:
        """Return the active provider's name."""
        return self._failover.active.name

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        """Return who served the last refresh, the providers in order, their scores."""
        now = dt_util.utcnow()
        return {
            "serving": self._failover.serving.name,
            "providers": [provider.name for provider in self._failover.providers],
            "health": {name: health.score(now) for name, health in self._failover.health.items()},
        }


class HistoryBufferSensor(SensorEntity):
    """Diagnostic: points waiting for InfluxDB, with the writer's stats."""

    _attr_has_entity_name = True
    _attr_should_poll = False
    _attr_entity_category = EntityCategory.DIAGNOSTIC
    _attr_state_class = SensorStateClass.MEASUREMENT
    _attr_translation_key = "history_buffer"

    def __init__(self, coordinator: LeagueCoordinator, writer: HistoryWriter) -> None:
        """Attach to the league's device."""
        league = coordinator.provider.league
        self._writer = writer
        self._attr_unique_id = history_buffer_unique_id(league)
        self._attr_device_info = league_device_info(coordinator.provider)

    async def async_added_to_hass(self) -> None:
        """Follow the writer's stats."""
        self.async_on_remove(self._writer.async_add_listener(self.async_write_ha_state))

    @property
    def native_value(self) -> int:
        """Return how many points wait to be written."""
        return self._writer.buffered

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        """Return written, failed, retried, dropped, breaker state, last error."""
        stats = self._writer.as_dict()
        stats.pop("buffered")
        return stats
