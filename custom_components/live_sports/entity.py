"""Base entity: one device per followed team."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.entity import Entity, EntityDescription
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .const import DOMAIN
from .coordinator import LeagueCoordinator
from .models import Result, Side, Team, TeamGame, TeamSnapshot
from .providers.base import Provider
from .runtime import LiveSportsConfigEntry
from .subentries import team_subentries
from .views import TeamView, TeamViews

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


def async_remove_sensors(
    hass: HomeAssistant, entry: LiveSportsConfigEntry, stale: Callable[[str], bool]
) -> None:
    """Remove the entry's sensors whose unique id is `stale`, rather than leave them unknown."""
    registry = er.async_get(hass)
    for entity in er.async_entries_for_config_entry(registry, entry.entry_id):
        if entity.domain == "sensor" and stale(entity.unique_id):
            registry.async_remove(entity.entity_id)


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
    """An entity of a followed team, reading the team's view of the shown board.

    It writes its state only when what it shows changed (`_shown`): an
    unchanged poll, another team's goal or a clock tick it does not show
    write nothing, so the recorder and the logbook keep what a person notices.
    """

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
        self._views: TeamViews = coordinator.config_entry.runtime_data.views
        self._written: tuple[object, ...] | None = None
        self._board = coordinator.data
        self._read_view(self._views.get(coordinator.data, coordinator.schedules.of(team.id), team))

    @property
    def available(self) -> bool:
        """Return False while nothing is old enough to show (a stream delay's start)."""
        return super().available and self.coordinator.showing

    @property
    def attribution(self) -> str | None:
        """Return the attribution of the provider whose data is shown."""
        return self.coordinator.provider.attribution

    def _read_view(self, view: TeamView) -> None:
        """Take the team's view of the shown board; subclasses compute their state here."""
        self.view = view
        self.snapshot: TeamSnapshot = view.snapshot

    def _shown(self) -> tuple[object, ...]:
        """Return what the entity shows: its state is written only when this changes."""
        return (self.available, self.attribution)

    async def async_added_to_hass(self) -> None:
        """Note what the first write (right after this) shows; look again at every refresh.

        A refresh that shows no new board tells the entities nothing, yet time
        moved on: a start passed, a final left the recent window. Looking again
        costs an identity check until the team's view is due to be rebuilt; an
        entity told of a new view during the refresh has just looked.
        """
        await super().async_added_to_hass()
        self._written = self._shown()
        self.async_on_remove(self.coordinator.async_add_refresh_listener(self._look_again))

    @callback
    def _look_again(self) -> None:
        if not self.coordinator.told_in_refresh:
            self._handle_coordinator_update()

    @callback
    def _handle_coordinator_update(self) -> None:
        """Read the team's view (built once for all its entities); write if it shows more.

        The same board and the same view again (a poll that brought nothing
        new) are not read again; availability and attribution are still checked.
        """
        board = self.coordinator.data
        view = self._views.get(board, self.coordinator.schedules.of(self.team.id), self.team)
        if board is not self._board or view is not self.view:
            self._board = board
            self._read_view(view)
        if (shown := self._shown()) != self._written:
            self._written = shown
            self.async_write_ha_state()
