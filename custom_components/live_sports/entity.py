"""Base entity: one device per followed team."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from homeassistant.core import callback
from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.entity import Entity, EntityDescription
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.update_coordinator import CoordinatorEntity
from homeassistant.util import dt as dt_util

from .const import DOMAIN, RECENT_FINAL_WINDOW
from .coordinator import LeagueCoordinator
from .entry import LiveSportsConfigEntry
from .models import Result, Side, Team, TeamGame, TeamSnapshot
from .providers.base import Provider
from .subentries import team_subentries

RESULT_LETTERS = {Result.WIN: "W", Result.LOSS: "L", Result.TIE: "T"}


def result_text(view: TeamGame) -> str | None:
    """Return a final as its team sees it ("W 20–7"), or None without a result."""
    if view.result is None:
        return None
    return f"{RESULT_LETTERS[view.result]} {view.own.score}–{view.opponent.score}"


def versus(view: TeamGame) -> str:
    """Return "vs" for a home game and "@" for an away one."""
    return "vs" if view.side is Side.HOME else "@"


def team_device_identifier(league: str, team_id: str) -> tuple[str, str]:
    """Return the device identifier of a followed team."""
    return (DOMAIN, f"{league}_{team_id}")


def league_device_identifier(league: str) -> tuple[str, str]:
    """Return the device identifier of a league (its diagnostic entities)."""
    return (DOMAIN, f"{league}_league")


def league_device_info(provider: Provider) -> DeviceInfo:
    """Return the device of a league entry: a service; the data provider makes it."""
    league = provider.league
    return DeviceInfo(
        identifiers={league_device_identifier(league.key)},
        name=league.name,
        manufacturer=provider.name,
        model=league.name,
        entry_type=DeviceEntryType.SERVICE,
    )


def async_add_team_entities(
    entry: LiveSportsConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
    entities_of: Callable[[LeagueCoordinator, Team], Iterable[Entity]],
) -> None:
    """Add each followed team's entities to the team's config subentry."""
    coordinator = entry.runtime_data.coordinator
    subentries = team_subentries(entry)
    for team_id, team in coordinator.teams.items():
        if subentry := subentries.get(team_id):
            async_add_entities(
                entities_of(coordinator, team), config_subentry_id=subentry.subentry_id
            )


class TeamEntity(CoordinatorEntity[LeagueCoordinator]):
    """An entity of a followed team, reading the league coordinator's data."""

    _attr_has_entity_name = True

    def __init__(
        self,
        coordinator: LeagueCoordinator,
        team: Team,
        description: EntityDescription,
    ) -> None:
        """Initialize the entity for one team and one description."""
        super().__init__(coordinator)
        self.entity_description = description
        self.team = team
        provider = coordinator.provider
        league = provider.league
        self._attr_unique_id = f"{league.key}_{team.id}_{description.key}"
        self._attr_device_info = DeviceInfo(
            identifiers={team_device_identifier(league.key, team.id)},
            name=team.name,
            manufacturer=provider.name,
            model=league.name,
            entry_type=DeviceEntryType.SERVICE,
        )

        self.snapshot = self._build_snapshot()

    @property
    def attribution(self) -> str | None:
        """Return the attribution of the provider whose data is shown."""
        return self.coordinator.provider.attribution

    def _build_snapshot(self) -> TeamSnapshot:
        return TeamSnapshot.build(
            self.coordinator.data, self.team, dt_util.utcnow(), RECENT_FINAL_WINDOW
        )

    @callback
    def _handle_coordinator_update(self) -> None:
        """Pick the team's games from the new scoreboard once, then write state."""
        self.snapshot = self._build_snapshot()
        super()._handle_coordinator_update()
