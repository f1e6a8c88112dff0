"""One JSON GET for the league feeds, and what their providers share.

``async_get_json`` fetches with the aiohttp session it is given (Home
Assistant's shared one, which carries Home Assistant's User-Agent) and turns
every failure into a typed provider error: HTTP 429 is
``ProviderRateLimitedError`` with the wait the provider asked for, 403
``ProviderRefusedError`` (the provider refuses this client), any other
error status, a timeout or a connection failure ``ProviderConnectionError``,
a body that is no JSON ``ProviderResponseError``. It reads the response's
``Cache-Control: max-age`` and, given the digest of the previous body of the
same request, says when the body is unchanged instead of decoding it again.

``JsonProvider`` is what the NHL, MLB, NBA and TheSportsDB providers build
on: one request per scoreboard, for ESPN's sports day, and the very same
scoreboard object returned again when the body did not change.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
import hashlib
from http import HTTPStatus
import logging
from typing import Any, Final
from urllib.parse import urlsplit

import aiohttp

from ..models import Game, Scoreboard, Team
from ..retry import parse_retry_after
from .base import (
    League,
    ProviderConnectionError,
    ProviderRateLimitedError,
    ProviderRefusedError,
    ProviderResponseError,
    decode_json,
)
from .espn import espn_day, parse_max_age
from .parsing import UnknownStatusCallback

REQUEST_TIMEOUT: Final = aiohttp.ClientTimeout(total=10)
UNCHANGED: Final = object()
"""The payload of a response whose body is the one `unchanged_if` identifies."""


@dataclass(frozen=True, slots=True)
class JsonResponse:
    """A decoded JSON body (or ``UNCHANGED``), what identifies it, its max-age."""

    payload: Any
    digest: bytes
    """Identifies the request and its body: pass it as `unchanged_if` next time."""
    max_age: timedelta | None


def _digest(url: str, params: Mapping[str, str] | None, body: bytes) -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{url}?{sorted((params or {}).items())}\0".encode())
    digest.update(body)
    return digest.digest()


async def async_get_json(
    session: aiohttp.ClientSession,
    url: str,
    *,
    name: str,
    params: Mapping[str, str] | None = None,
    client_timeout: aiohttp.ClientTimeout = REQUEST_TIMEOUT,
    unchanged_if: bytes | None = None,
) -> JsonResponse:
    """GET a URL's JSON; ``UNCHANGED`` when its digest is `unchanged_if`.

    `name` is the provider's display name, for the errors' messages.
    """
    path = urlsplit(url).path
    try:
        async with session.get(url, params=params, timeout=client_timeout) as response:
            if response.status == HTTPStatus.TOO_MANY_REQUESTS:
                raise ProviderRateLimitedError(
                    f"{name} answered HTTP 429 for {path}",
                    parse_retry_after(response.headers.get("Retry-After"), datetime.now(UTC)),
                )
            if response.status == HTTPStatus.FORBIDDEN:
                raise ProviderRefusedError(f"{name} refused the request for {path} (HTTP 403)")
            if response.status >= HTTPStatus.BAD_REQUEST:
                raise ProviderConnectionError(f"{name} answered HTTP {response.status} for {path}")
            max_age = parse_max_age(response.headers.get("Cache-Control"))
            body = await response.read()
    except (aiohttp.ClientError, TimeoutError) as err:
        raise ProviderConnectionError(f"cannot reach {name}: {err!r}") from err
    digest = _digest(url, params, body)
    if unchanged_if is not None and digest == unchanged_if:
        return JsonResponse(UNCHANGED, digest, max_age)
    try:
        payload = decode_json(body)
    except ValueError as err:
        raise ProviderResponseError(f"{name} sent invalid JSON for {path}: {err}") from err
    return JsonResponse(payload, digest, max_age)


def sports_day(now: datetime) -> date:
    """Return the day whose games are under way at `now`: ESPN's (US Eastern, 6 am roll-over).

    Every provider asks for the same day, so a late game is still seen after
    midnight UTC, whichever provider serves it.
    """
    return date.fromisoformat(espn_day(now))


type ParseGames = Callable[[Any, UnknownStatusCallback], Iterable[Game]]
"""Parse a payload's games, telling unknown statuses to the callback."""


class JsonProvider(ABC):
    """A league feed's provider: one JSON request per scoreboard, the same board if unchanged.

    Subclasses name themselves (``name``, ``attribution``) and implement
    ``async_get_teams`` and ``async_get_scoreboard``, the latter with
    ``_async_scoreboard``: then they are a ``Provider``.
    """

    name: str
    attribution: str | None
    fixed_interval: timedelta | None = None

    def __init__(self, session: aiohttp.ClientSession, league: League) -> None:
        """Initialize with Home Assistant's shared session and the league served."""
        self.league = league
        self.max_age: timedelta | None = None
        self._session = session
        self._last: Scoreboard | None = None
        self._digest: bytes | None = None
        self._unknown_statuses: set[str] = set()
        self._logger = logging.getLogger(type(self).__module__)

    @abstractmethod
    async def async_get_teams(self) -> list[Team]:
        """Return every team of the league, with this provider's team ids."""

    @abstractmethod
    async def async_get_scoreboard(self, team_ids: Collection[str], now: datetime) -> Scoreboard:
        """Return every game of the league's sports day around `now`.

        The very same object as the previous call when the body is unchanged.
        """

    def _on_unknown(self, status: str, context: str) -> None:
        """Log an unknown status once per provider, however often it is seen."""
        if status not in self._unknown_statuses:
            self._unknown_statuses.add(status)
            self._logger.warning(
                "Unknown %s status %r (%s) in %s; mapped to a safe phase",
                self.name,
                status,
                context,
                self.league.key,
            )

    async def _async_get(self, url: str, params: Mapping[str, str] | None = None) -> Any:
        """Return a URL's decoded JSON."""
        response = await async_get_json(self._session, url, name=self.name, params=params)
        return response.payload

    async def _async_scoreboard(
        self,
        url: str,
        params: Mapping[str, str] | None,
        now: datetime,
        parse: ParseGames,
    ) -> Scoreboard:
        """Return the board of a URL's games, or the previous board if the body is the same.

        The board is this provider's league's, its games sorted by start. A
        body that does not parse raises and leaves the previous board as it
        was.
        """
        last = self._last
        response = await async_get_json(
            self._session,
            url,
            name=self.name,
            params=params,
            unchanged_if=self._digest if last is not None else None,
        )
        self.max_age = response.max_age
        if last is not None and response.payload is UNCHANGED:
            return last
        games = sorted(parse(response.payload, self._on_unknown), key=lambda game: game.start)
        self._last = Scoreboard(league=self.league.key, fetched_at=now, games=tuple(games))
        self._digest = response.digest
        return self._last
