"""What every provider offers, and the errors it raises."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from ..models import Scoreboard, Team


@dataclass(frozen=True, slots=True)
class League:
    """A league a user can follow, and where a provider finds it."""

    key: str
    name: str
    sport: str
    path: str = ""
    groups: str | None = None
    """College leagues list only featured games unless groups are asked for."""
    month_schedule: bool = False
    """Team schedules hold no future games (soccer): use the month scoreboard."""


class ProviderError(Exception):
    """A provider could not deliver a scoreboard or a team list."""


class ProviderConnectionError(ProviderError):
    """The provider could not be reached or answered with an HTTP error."""


class ProviderRateLimitedError(ProviderConnectionError):
    """The provider answered HTTP 429; `retry_after` is how long it asks to wait."""

    def __init__(self, message: str, retry_after: timedelta | None) -> None:
        """Keep the wait the provider asked for."""
        super().__init__(message)
        self.retry_after = retry_after


class ProviderResponseError(ProviderError):
    """The provider answered with a payload that cannot be parsed."""


class Provider(Protocol):
    """A source of scoreboards and team lists for one league."""

    league: League
    max_age: timedelta | None
    """The last response's Cache-Control max-age: polling faster is pointless."""

    async def async_get_teams(self) -> list[Team]:
        """Return every team of the league."""

    async def async_get_scoreboard(self, team_ids: Collection[str], now: datetime) -> Scoreboard:
        """Return the games around `now` that concern the followed teams.

        Returns the very same object as the previous call when nothing changed
        (HTTP 304 or an identical body), so callers can skip their work.
        """
