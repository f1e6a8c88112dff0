"""One JSON GET for every provider, and what the league feeds' providers share.

``async_get_json`` fetches with the aiohttp session it is given (Home
Assistant's shared one, which carries Home Assistant's User-Agent) and turns
every failure into a typed provider error: HTTP 429 is
``ProviderRateLimitedError`` with the wait the provider asked for, 403
``ProviderRefusedError`` (the provider refuses this client), any other
error status, a timeout or a connection failure ``ProviderConnectionError``,
a body that is no JSON ``ProviderResponseError``; a caller maps particular
statuses to its own errors (ESPN: 400 and 404 mean no such league). It reads
the response's ``Cache-Control: max-age`` and, given the digest of the
previous body of the same request, says when the body is unchanged instead of
decoding it again. Given the ``Validators`` of that body (which the caller
keeps), it asks conditionally, and a 304 is unchanged too.

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
import re
from typing import Any, Final
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import aiohttp

from ..models import Game, Scoreboard, Team
from ..retry import parse_retry_after
from .base import (
    League,
    ProviderConnectionError,
    ProviderError,
    ProviderRateLimitedError,
    ProviderRefusedError,
    ProviderResponseError,
    decode_json,
)
from .parsing import UnknownStatusCallback

REQUEST_TIMEOUT: Final = aiohttp.ClientTimeout(total=10)
"""A scoreboard comes in well under a second; a dead provider costs a refresh no
more than this before a fallback is asked."""
UNCHANGED: Final = object()
"""The payload of a response whose body is the one `unchanged_if` identifies."""
ESPN_TZ: Final = ZoneInfo("America/New_York")
DAY_ROLLOVER: Final = timedelta(hours=6)
"""ESPN days are US Eastern; late games still run after midnight there."""
_MAX_AGE = re.compile(r"max-age=(\d+)")

type StatusErrors = Mapping[int, Callable[[int], ProviderError]]
"""The caller's own error for particular HTTP statuses, made from the status."""


@dataclass(frozen=True, slots=True)
class Validators:
    """What identifies the last body of one request, for conditional requests."""

    request: str
    """The URL and parameters they belong to (another day's board has other ones)."""
    etag: str | None
    last_modified: str | None
    digest: bytes

    def headers(self) -> dict[str, str]:
        """Return the headers that ask for the body only if it changed."""
        headers: dict[str, str] = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


@dataclass(frozen=True, slots=True)
class JsonResponse:
    """A decoded JSON body (or ``UNCHANGED``), what identifies it, its max-age."""

    payload: Any
    digest: bytes
    """Identifies the request and its body: pass it as `unchanged_if` next time."""
    max_age: timedelta | None
    validators: Validators
    """Pass them as `validators` next time to ask conditionally."""


def parse_max_age(cache_control: str | None) -> timedelta | None:
    """Return the max-age of a Cache-Control header, if it has one."""
    if (
        cache_control
        and "no-cache" not in cache_control
        and (match := _MAX_AGE.search(cache_control))
    ):
        return timedelta(seconds=int(match.group(1)))
    return None


def _request(url: str, params: Mapping[str, str] | None) -> str:
    return f"{url}?{sorted((params or {}).items())}"


def _digest(request: str, body: bytes) -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{request}\0".encode())
    digest.update(body)
    return digest.digest()


def _raise_for_status(
    response: aiohttp.ClientResponse, name: str, what: str, errors: StatusErrors
) -> None:
    status = response.status
    if (error := errors.get(status)) is not None:
        raise error(status)
    if status == HTTPStatus.TOO_MANY_REQUESTS:
        raise ProviderRateLimitedError(
            f"{name} answered HTTP 429 for {what}",
            parse_retry_after(response.headers.get("Retry-After"), datetime.now(UTC)),
        )
    if status == HTTPStatus.FORBIDDEN:
        raise ProviderRefusedError(f"{name} refused the request for {what} (HTTP 403)")
    if status >= HTTPStatus.BAD_REQUEST:
        raise ProviderConnectionError(f"{name} answered HTTP {status} for {what}")


async def async_get_json(
    session: aiohttp.ClientSession,
    url: str,
    *,
    name: str,
    params: Mapping[str, str] | None = None,
    client_timeout: aiohttp.ClientTimeout = REQUEST_TIMEOUT,
    unchanged_if: bytes | None = None,
    validators: Validators | None = None,
    errors: StatusErrors | None = None,
    what: str | None = None,
    decode: Callable[[bytes], Any] = decode_json,
) -> JsonResponse:
    """GET a URL's JSON; ``UNCHANGED`` when its digest is `unchanged_if`.

    `name` is the provider's display name and `what` the resource (the URL's
    path by default), for the errors' messages; `errors` the caller's own
    error of particular statuses; `decode` turns the body into the payload.
    With the `validators` of an earlier response to the same request, the GET
    is conditional: a 304, or the body they identify, is ``UNCHANGED``.
    Validators of another request are not sent.
    """
    what = what or urlsplit(url).path
    request = _request(url, params)
    known = validators if validators is not None and validators.request == request else None
    if known is not None and unchanged_if is None:
        unchanged_if = known.digest
    try:
        async with session.get(
            url,
            params=params,
            headers=known.headers() if known is not None else None,
            timeout=client_timeout,
        ) as response:
            max_age = parse_max_age(response.headers.get("Cache-Control"))
            if response.status == HTTPStatus.NOT_MODIFIED and known is not None:
                return JsonResponse(UNCHANGED, known.digest, max_age, known)
            _raise_for_status(response, name, what, errors or {})
            body = await response.read()
            etag = response.headers.get("ETag")
            last_modified = response.headers.get("Last-Modified")
    except (aiohttp.ClientError, TimeoutError) as err:
        raise ProviderConnectionError(f"cannot reach {name}: {err!r}") from err
    digest = _digest(request, body)
    fresh = Validators(request, etag, last_modified, digest)
    if unchanged_if is not None and digest == unchanged_if:
        return JsonResponse(UNCHANGED, digest, max_age, fresh)
    try:
        payload = decode(body)
    except ValueError as err:
        raise ProviderResponseError(f"{name} sent invalid JSON for {what}: {err}") from err
    return JsonResponse(payload, digest, max_age, fresh)


def espn_day(now: datetime) -> str:
    """Return the ESPN scoreboard day (US Eastern) that holds `now`'s games."""
    return (now.astimezone(ESPN_TZ) - DAY_ROLLOVER).strftime("%Y%m%d")


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
