"""One coordinator per league entry: one request serves every followed team."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed
from homeassistant.util import dt as dt_util

from .const import CONF_TEAMS, DEFAULT_UPDATE_INTERVAL, DOMAIN, LOGGER
from .models import Scoreboard, Team
from .providers.base import Provider, ProviderConnectionError, ProviderError
from .providers.replay import DEMO_LEAGUE, DEMO_POLL_INTERVAL


@dataclass(slots=True)
class LiveSportsData:
    """What a loaded entry keeps at runtime."""

    coordinator: LeagueCoordinator


type LiveSportsConfigEntry = ConfigEntry[LiveSportsData]


def update_interval(provider: Provider, scoreboard: Scoreboard | None) -> timedelta:
    """Return the delay until the next refresh.

    The one place that decides the polling interval: a fixed interval for now,
    faster for the accelerated Demo league.
    """
    if provider.league.key == DEMO_LEAGUE.key:
        return DEMO_POLL_INTERVAL
    return DEFAULT_UPDATE_INTERVAL


class LeagueCoordinator(DataUpdateCoordinator[Scoreboard]):
    """Fetch one league's scoreboard for all followed teams of an entry."""

    config_entry: LiveSportsConfigEntry

    def __init__(
        self,
        hass: HomeAssistant,
        entry: LiveSportsConfigEntry,
        provider: Provider,
    ) -> None:
        """Initialize the coordinator of a league entry."""
        super().__init__(
            hass,
            LOGGER,
            config_entry=entry,
            name=f"{DOMAIN} {provider.league.key}",
            update_interval=update_interval(provider, None),
        )
        self.provider = provider
        self.team_ids: tuple[str, ...] = tuple(entry.options.get(CONF_TEAMS, ()))
        self.teams: dict[str, Team] = {}
        """Followed teams by provider team id, filled by the first refresh."""

    async def _async_setup(self) -> None:
        """Learn the followed teams' names and logos once, before the first refresh."""
        try:
            league_teams = await self.provider.async_get_teams()
        except ProviderError as err:
            raise UpdateFailed(
                translation_domain=DOMAIN,
                translation_key="cannot_connect",
                translation_placeholders={"error": str(err)},
            ) from err
        by_id = {team.id: team for team in league_teams}
        self.teams = {
            team_id: by_id.get(team_id)
            or Team(id=team_id, abbreviation=team_id, name=team_id, short_name=team_id)
            for team_id in self.team_ids
        }

    async def _async_update_data(self) -> Scoreboard:
        """Fetch the scoreboard; a provider error makes the entities unavailable."""
        try:
            scoreboard = await self.provider.async_get_scoreboard(self.team_ids, dt_util.utcnow())
        except ProviderConnectionError as err:
            raise UpdateFailed(
                translation_domain=DOMAIN,
                translation_key="cannot_connect",
                translation_placeholders={"error": str(err)},
            ) from err
        except ProviderError as err:
            raise UpdateFailed(
                translation_domain=DOMAIN,
                translation_key="invalid_response",
                translation_placeholders={"error": str(err)},
            ) from err
        finally:
            self.update_interval = update_interval(self.provider, self.data)
        return scoreboard
