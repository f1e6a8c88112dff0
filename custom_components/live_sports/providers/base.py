"""What every provider offers, and the errors it raises."""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Coroutine
from dataclasses import dataclass
from datetime import datetime, timedelta
import json
import logging
from typing import Any, Protocol, runtime_checkable

import orjson

from ..models import Game, Scoreboard, Team
from ..standings import LeagueStandings

_LOGGER = logging.getLogger(__name__)


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
    game_length: timedelta | None = None
    """How long a game lasts, where not the sport's usual length (the Demo's 5 minutes)."""
    recent_final: timedelta | None = None
    """How long after its start a final stays a team's current game, where not the usual
    six hours (the Demo's day is ten minutes)."""


class ProviderError(Exception):
    """A provider could not deliver a scoreboard or a team list."""

    translation_key = "invalid_response"
    """The key of the error's text in forms and exceptions (strings.json)."""
    retry_after: timedelta | None = None
    """How long the provider asked us to wait, if it did."""


class ProviderConnectionError(ProviderError):
    """The provider could not be reached or answered with an HTTP error."""

    translation_key = "cannot_connect"


class ProviderRefusedError(ProviderConnectionError):
    """The provider refused to serve this client (HTTP 403): not an outage of its data.

    ESPN's edge has refused browser-like and bare custom User-Agents since
    2026-08-04; waiting does not help, what the client sends has to change.
    """

    translation_key = "refused"


class ProviderRateLimitedError(ProviderConnectionError):
    """The provider answered HTTP 429; `retry_after` is how long it asks to wait."""

    def __init__(self, message: str, retry_after: timedelta | None) -> None:
        """Keep the wait the provider asked for."""
        super().__init__(message)
        self.retry_after = retry_after


class NoStandingsError(ProviderError):
    """The league keeps no table (a knockout tournament, MMA, one the provider has none for)."""


class ProviderResponseError(ProviderError):
    """The provider answered with a payload that cannot be parsed."""

    translation_key = "invalid_response"


def decode_json(body: bytes) -> Any:
    """Decode a JSON body at native speed; raise ValueError if it is not JSON.

    orjson is what Home Assistant's ``json_loads`` is (providers import no Home
    Assistant module, so they call it directly), several times faster than the
    standard library on a scoreboard. It reads UTF-8 only, as RFC 8259 asks of
    JSON on the wire; a body it refuses goes to the standard library, which
    also reads a byte order mark, UTF-16/32 and NaN, so every body that
    decoded before still does, and one that is no JSON fails with its reason.
    """
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError:
        return json.loads(body)


class Provider(Protocol):
    """A source of scoreboards and team lists for one league."""

    @property
    def name(self) -> str:
        """Who the data comes from ("ESPN"): the devices' manufacturer."""

    @property
    def attribution(self) -> str | None:
        """The attribution its entities show."""

    @property
    def fixed_interval(self) -> timedelta | None:
        """Poll at this interval instead of the phase-aware policy (an offline feed)."""

    @property
    def league(self) -> League:
        """The league it serves."""

    @property
    def max_age(self) -> timedelta | None:
        """The last response's Cache-Control max-age: polling faster is pointless."""

    async def async_get_teams(self) -> list[Team]:
        """Return every team of the league."""

    async def async_get_scoreboard(self, team_ids: Collection[str], now: datetime) -> Scoreboard:
        """Return the games around `now` that concern the followed teams.

        Returns the very same object as the previous call when nothing changed
        (HTTP 304 or an identical body), so callers can skip their work.
        """


@runtime_checkable
class ScheduleSource(Protocol):
    """A provider that knows the followed teams' schedules (past and upcoming games)."""

    async def async_get_schedules(
        self, team_ids: Collection[str], now: datetime
    ) -> dict[str, tuple[Game, ...]]:
        """Return each team's known games from its schedule, sorted by start.

        Fetches only what is due (schedules change slowly); a source that
        fails keeps what it had. Called beside the live refresh, never inside it.
        """


@runtime_checkable
class StandingsSource(Protocol):
    """Where a league's table comes from: one request for all its groups."""

    after_final: timedelta
    """How long after a followed team's final to ask (the provider's table lags)."""
    max_age: timedelta
    """How long a table stands before it is asked for again."""
    keeps_table: bool
    """False where the league is known to keep none (athletes): its sensors are not made."""

    async def async_get_standings(self, now: datetime) -> LeagueStandings:
        """Return the league's table; a ProviderError (NoStandingsError) if it has none.

        Called beside the live refresh, never inside it.
        """


def start_background[T](coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
    """Start a request that may outlive its refresh (another board, a game's summary).

    Started at once (eagerly). Its owner takes the result at a later refresh;
    one that is never taken (the entry was unloaded first) still has its
    error retrieved and logged, never left as "exception never retrieved".
    """
    task = asyncio.Task(coro, loop=asyncio.get_running_loop(), eager_start=True)
    task.add_done_callback(_retrieve)
    return task


def _retrieve(task: asyncio.Task[Any]) -> None:
    if not task.cancelled() and (error := task.exception()) is not None:
        _LOGGER.debug("A background request ended with %r", error)
