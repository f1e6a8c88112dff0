"""The league table's sensors: a followed team's League position, the league's Standings.

Both show the table last released (`StandingsKeeper.shown`, under the stream
delay like the games) and write a state only when what they show changed: a
new table that leaves a team's line as it was writes nothing for that team.
The Standings sensor's state is the leader; the whole table is its `table`
attribute, one row per team (the shape a table card renders, see
docs/standings.md), kept out of the recorder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from homeassistant.components.sensor import SensorEntity, SensorEntityDescription
from homeassistant.core import callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType

from .coordinator import LeagueCoordinator
from .entity import (
    TeamEntity,
    async_add_team_entities,
    async_remove_sensors,
    league_device_info,
)
from .models import Team
from .runtime import LiveSportsConfigEntry
from .standings import LeagueStandings, Position, position_of
from .standings_keeper import StandingsKeeper

TABLE_COLUMNS = (
    "rank",
    "team",
    "abbreviation",
    "played",
    "wins",
    "draws",
    "losses",
    "points",
    "difference",
    "games_behind",
    "streak",
    "zone",
    "clinch_mark",
)
"""The table attribute's columns, in order (docs/standings.md)."""


def _position_attributes(position: Position | None) -> dict[str, Any]:
    """Return the line's facts, the row above, and the gaps to the leader and the zones."""
    if position is None:
        return {}
    row, above = position.row, position.above
    return {
        "group": position.group.name,
        "points": row.points,
        "played": row.played,
        "wins": row.wins,
        "draws": row.draws,
        "losses": row.losses,
        "games_behind": row.games_behind,
        "zone": row.zone.label if row.zone else None,
        "clinched": row.clinch.value if row.clinch else None,
        "above": above.team.name if above else None,
        "above_points": above.points if above else None,
        "gap_to_leader": position.gap_to_leader,
        "zone_above": position.zone_above.label if position.zone_above else None,
        "gap_to_zone_above": position.zone_above.gap if position.zone_above else None,
        "zone_below": position.zone_below.label if position.zone_below else None,
        "gap_to_zone_below": position.zone_below.gap if position.zone_below else None,
    }


def table_rows(standings: LeagueStandings) -> list[dict[str, Any]]:
    """Return the table attribute: every group's rows, each naming its group."""
    rows: list[dict[str, Any]] = []
    for group in standings.groups:
        for row in group.rows:
            data = row.as_dict()
            rows.append({"group": group.name} | {key: data[key] for key in TABLE_COLUMNS})
    return rows


@dataclass(frozen=True, kw_only=True)
class PositionSensorEntityDescription(SensorEntityDescription):
    """A followed team's place in the table: how to read its state and attributes."""

    value_fn: Callable[[Position | None], StateType]
    attributes_fn: Callable[[Position | None], dict[str, Any]]


LEAGUE_POSITION = PositionSensorEntityDescription(
    key="league_position",
    translation_key="league_position",
    value_fn=lambda position: position.row.rank if position else None,
    attributes_fn=_position_attributes,
)


def async_add_standings_sensors(
    entry: LiveSportsConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    """Add each followed team's League position and the league's Standings.

    Not for a league the provider keeps no table for (a cup, a league of
    athletes): sensors that could never show a value are not created, and
    are removed when the league turns out to keep none. Should a table
    appear later, the entry is reloaded to add them once it is shown.
    """
    keeper = entry.runtime_data.standings
    if keeper.no_table:
        _async_remove_table_sensors(entry)

        @callback
        def _table_appeared() -> None:
            if not keeper.no_table and keeper.shown is not None:
                entry.runtime_data.coordinator.hass.config_entries.async_schedule_reload(
                    entry.entry_id
                )

        entry.async_on_unload(keeper.async_add_listener(_table_appeared))
        return

    @callback
    def _no_table() -> None:
        if keeper.no_table:
            _async_remove_table_sensors(entry)

    entry.async_on_unload(keeper.async_add_listener(_no_table))
    async_add_team_entities(
        entry,
        async_add_entities,
        lambda coordinator, team: [
            LeaguePositionSensor(coordinator, team, LEAGUE_POSITION, keeper)
        ],
    )
    async_add_entities([StandingsSensor(entry.runtime_data.coordinator, keeper)])


def _async_remove_table_sensors(entry: LiveSportsConfigEntry) -> None:
    """Remove the entry's League position and Standings sensors, if it has them."""
    coordinator = entry.runtime_data.coordinator
    standings = standings_unique_id(coordinator.provider.league.key)
    async_remove_sensors(
        coordinator.hass,
        entry,
        lambda unique_id: unique_id == standings or unique_id.endswith(f"_{LEAGUE_POSITION.key}"),
    )


def standings_unique_id(league_key: str) -> str:
    """Return the unique id of a league's Standings sensor."""
    return f"{league_key}_standings"


class LeaguePositionSensor(TeamEntity, SensorEntity):
    """A followed team's rank in its group, with the gaps a fan asks about."""

    entity_description: PositionSensorEntityDescription

    def __init__(
        self,
        coordinator: LeagueCoordinator,
        team: Team,
        description: PositionSensorEntityDescription,
        keeper: StandingsKeeper,
    ) -> None:
        """Initialize for one team; the table comes from the keeper."""
        self._keeper = keeper
        super().__init__(coordinator, team, description)

    def _position(self) -> Position | None:
        standings = self._keeper.shown
        return position_of(standings, self.team.id) if standings else None

    @property
    def available(self) -> bool:
        """Return True once a table was shown; it stands while a refresh of the board fails."""
        return self._keeper.shown is not None

    @property
    def native_value(self) -> StateType:
        """Return the team's rank."""
        return self.entity_description.value_fn(self._position())

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        """Return the team's line, the row above, and the gaps."""
        return self.entity_description.attributes_fn(self._position())

    def _shown(self) -> tuple[object, ...]:
        """Return the rank and the attributes: another team's line moving writes nothing."""
        position = self._position()
        value = self.entity_description.value_fn(position)
        return (*super()._shown(), value, self.entity_description.attributes_fn(position))

    async def async_added_to_hass(self) -> None:
        """Look again whenever a new table is shown."""
        await super().async_added_to_hass()
        self.async_on_remove(self._keeper.async_add_listener(self._handle_coordinator_update))


class StandingsSensor(SensorEntity):
    """The league's table: its leader as the state, every row as an attribute."""

    _attr_has_entity_name = True
    _attr_should_poll = False
    entity_description = SensorEntityDescription(key="standings", translation_key="standings")
    _unrecorded_attributes = frozenset({"table"})

    def __init__(self, coordinator: LeagueCoordinator, keeper: StandingsKeeper) -> None:
        """Attach to the league's device."""
        self._keeper = keeper
        self._attr_unique_id = standings_unique_id(coordinator.provider.league.key)
        self._attr_device_info = league_device_info(coordinator.provider)
        self._written: tuple[object, ...] | None = None

    async def async_added_to_hass(self) -> None:
        """Follow the table shown."""
        self._written = self._shown()
        self.async_on_remove(self._keeper.async_add_listener(self._table_changed))

    def _shown(self) -> tuple[object, ...]:
        standings = self._keeper.shown
        return (standings.groups, standings.season) if standings else ()

    @callback
    def _table_changed(self) -> None:
        if (shown := self._shown()) != self._written:
            self._written = shown
            self.async_write_ha_state()

    @property
    def native_value(self) -> str | None:
        """Return the leader (of the first group)."""
        standings = self._keeper.shown
        leader = standings.leader if standings else None
        return leader.team.name if leader else None

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        """Return the season, the groups and the table (none until a table is shown)."""
        standings = self._keeper.shown
        if standings is None:
            return {}
        return {
            "season": standings.season,
            "groups": [group.name for group in standings.groups],
            "table": table_rows(standings),
        }
