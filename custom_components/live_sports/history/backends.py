"""The three ways to reach InfluxDB, behind one async interface.

- InfluxDB 1.x: line protocol POSTed to ``/write`` and InfluxQL on ``/query``,
  both with Home Assistant's aiohttp session.
- InfluxDB 2 (and anything speaking ``/api/v2/write``, e.g. VictoriaMetrics):
  written with ``influxdb3-python`` on its default ``/api/v2/write`` path,
  queried with InfluxQL on the v1-compatible ``/query``.
- InfluxDB 3: written with ``influxdb3-python`` on ``/api/v3/write_lp``
  (``write_use_v2_api=False``), queried with SQL on ``/api/v3/query_sql``.

``influxdb3-python`` is synchronous: its writes run in an executor thread, so
the event loop never waits on the database. It (and pyarrow, which it loads)
is imported there too, at the first write: never while history is off, and
never in the event loop.

The URL is normalised once (``normalize_url``), its scheme's default port
spelled out: the connection check (aiohttp) and the client (which alone would
take 443 for any URL without a port) then reach the same server.
"""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from http import HTTPStatus
from typing import TYPE_CHECKING, Any, Final, Protocol
from urllib.parse import urlsplit, urlunsplit

import aiohttp
from homeassistant.util.json import json_loads
import urllib3

from ..retry import parse_retry_after

if TYPE_CHECKING:
    from influxdb_client_3 import InfluxDBClient3

TIMEOUT: Final = aiohttp.ClientTimeout(total=10)
WRITE_TIMEOUT_MS: Final = 10_000
DEFAULT_PORTS: Final = {"http": 80, "https": 443}

type Executor = Callable[[Callable[[], None]], Awaitable[None]]
type Row = dict[str, Any]


class Kind(StrEnum):
    """Which InfluxDB the history goes to."""

    INFLUXDB_1 = "influxdb_1"
    INFLUXDB_2 = "influxdb_2"
    INFLUXDB_3 = "influxdb_3"


def normalize_url(url: str) -> str:
    """Return the database URL with its scheme's default port spelled out, no trailing slash.

    ``http://host`` is ``http://host:80``, ``https://host`` ``https://host:443``;
    a URL that is no http(s) URL with a host is returned as typed (trimmed):
    the connection check reports it.
    """
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        return url
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return url
    host = parts.netloc.rpartition("@")[2]
    if port is None:
        host = f"{host}:{DEFAULT_PORTS[scheme]}"
    userinfo, _, _ = parts.netloc.rpartition("@")
    netloc = f"{userinfo}@{host}" if userinfo else host
    return urlunsplit((scheme, netloc, parts.path, parts.query, parts.fragment))


@dataclass(frozen=True, slots=True)
class HistoryConfig:
    """Where history is written (from the entry's options)."""

    kind: Kind
    url: str
    database: str
    """Database (1.x and 3) or bucket (2)."""
    token: str | None = None
    org: str | None = None
    username: str | None = None
    password: str | None = None

    @classmethod
    def from_options(cls, options: Mapping[str, Any] | None) -> HistoryConfig | None:
        """Return the configuration stored in options, if history is on."""
        if not options or not options.get("kind"):
            return None
        return cls.parse(options)

    @classmethod
    def parse(cls, options: Mapping[str, Any]) -> HistoryConfig:
        """Return the configuration of complete settings."""
        return cls(
            kind=Kind(options["kind"]),
            url=normalize_url(str(options["url"])),
            database=str(options["database"]),
            token=options.get("token") or None,
            org=options.get("org") or None,
            username=options.get("username") or None,
            password=options.get("password") or None,
        )

    @property
    def language(self) -> str:
        """Return the query language of this backend: "sql" or "influxql"."""
        return "sql" if self.kind is Kind.INFLUXDB_3 else "influxql"


class HistoryError(Exception):
    """History could not be written or read."""

    retry_after: timedelta | None = None
    """How long the database asked us to wait (``Retry-After``), if it did."""


class HistoryConnectionError(HistoryError):
    """The database is unreachable or failed; trying again later may work."""

    def __init__(self, message: str, retry_after: timedelta | None = None) -> None:
        """Keep the wait the database asked for."""
        super().__init__(message)
        self.retry_after = retry_after


class HistoryAuthError(HistoryError):
    """The database refused the credentials."""


class HistoryDatabaseError(HistoryError):
    """The database (or bucket) does not exist."""


class HistoryRejectedError(HistoryError):
    """The database refused the data itself: sending it again will not help."""


def _http_error(status: int, body: str, retry_after: str | None = None) -> HistoryError:
    message = f"HTTP {status}: {body.strip()[:200]}"
    if status in (HTTPStatus.UNAUTHORIZED, HTTPStatus.FORBIDDEN):
        return HistoryAuthError(message)
    if status == HTTPStatus.NOT_FOUND or "database not found" in body:
        return HistoryDatabaseError(message)
    if status in (HTTPStatus.BAD_REQUEST, HTTPStatus.UNPROCESSABLE_ENTITY):
        return HistoryRejectedError(message)
    return HistoryConnectionError(message, parse_retry_after(retry_after, datetime.now(UTC)))


class HistoryBackend(Protocol):
    """Write line protocol, run queries, check the configuration."""

    config: HistoryConfig

    async def async_write(self, lines: Sequence[str]) -> None:
        """Write lines (millisecond precision); raise a HistoryError on failure."""

    async def async_query(self, query: str) -> list[Row]:
        """Run a query in the backend's language; return its rows."""

    async def async_check(self) -> None:
        """Raise a HistoryError if the configuration cannot work."""

    def close(self) -> None:
        """Release what the backend holds."""


class _Http:
    """HTTP calls to the database with Home Assistant's aiohttp session."""

    def __init__(self, session: aiohttp.ClientSession, config: HistoryConfig) -> None:
        self.config = config
        self._session = session

    def _headers(self) -> dict[str, str]:
        """Return the Authorization header: a token, or 1.x user and password.

        Basic credentials are encoded here (RFC 7617) rather than with
        ``aiohttp.BasicAuth``, which aiohttp 3.14 deprecates and whose
        replacement older aiohttp releases lack.
        """
        config = self.config
        if config.token:
            scheme = "Bearer" if config.kind is Kind.INFLUXDB_3 else "Token"
            return {"Authorization": f"{scheme} {config.token}"}
        if config.username:
            pair = f"{config.username}:{config.password or ''}".encode()
            return {"Authorization": f"Basic {base64.b64encode(pair).decode('ascii')}"}
        return {}

    async def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        data: bytes | None = None,
        payload: Any = None,
    ) -> Any:
        url = f"{self.config.url}{path}"
        try:
            async with self._session.request(
                method,
                url,
                params=params,
                data=data,
                json=payload,
                headers=self._headers(),
                timeout=TIMEOUT,
            ) as response:
                body = await response.read()
                if response.status >= HTTPStatus.BAD_REQUEST:
                    raise _http_error(
                        response.status,
                        body.decode("utf-8", "replace"),
                        response.headers.get("Retry-After"),
                    )
        except (aiohttp.ClientError, TimeoutError) as err:
            raise HistoryConnectionError(f"cannot reach {self.config.url}: {err!r}") from err
        if not body:
            return None
        try:
            # Home Assistant's orjson: query answers can hold a season of rows.
            return json_loads(body)
        except ValueError as err:
            raise HistoryConnectionError(f"unreadable answer from {path}") from err

    async def async_influxql(self, query: str) -> list[Row]:
        """Run InfluxQL on /query; flatten series into rows with their tags."""
        answer = await self._request(
            "POST",
            "/query",
            params={"db": self.config.database, "q": query, "epoch": "ms"},
        )
        rows: list[Row] = []
        for result in (answer or {}).get("results", []):
            if "error" in result:
                raise _http_error(HTTPStatus.BAD_REQUEST, str(result["error"]))
            for series in result.get("series", []):
                tags = series.get("tags", {})
                columns = series["columns"]
                rows.extend(
                    {**tags, **dict(zip(columns, values, strict=True))}
                    for values in series["values"]
                )
        return rows


class InfluxDB1Backend(_Http):
    """InfluxDB 1.x over HTTP: /write and InfluxQL."""

    async def async_write(self, lines: Sequence[str]) -> None:
        """POST the lines to /write."""
        params = {"db": self.config.database, "precision": "ms"}
        await self._request("POST", "/write", params=params, data="\n".join(lines).encode())

    async def async_query(self, query: str) -> list[Row]:
        """Run InfluxQL."""
        return await self.async_influxql(query)

    async def async_check(self) -> None:
        """Check the credentials and that the database exists."""
        rows = await self.async_influxql("SHOW DATABASES")
        if not any(row.get("name") == self.config.database for row in rows):
            raise HistoryDatabaseError(f"database {self.config.database!r} not found")

    def close(self) -> None:
        """Nothing to release: the session is Home Assistant's."""


def _retry_after(response: Any) -> str | None:
    """Return the Retry-After of the client's response (its own type, or urllib3's)."""
    headers = getattr(response, "headers", None)
    value = headers.get("Retry-After") if headers is not None else response.getheader("Retry-After")
    return str(value) if value is not None else None


class InfluxDBClientBackend(_Http):
    """InfluxDB 2 or 3, written with influxdb3-python in an executor."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        config: HistoryConfig,
        executor: Executor,
    ) -> None:
        super().__init__(session, config)
        self._executor = executor
        self._client: InfluxDBClient3 | None = None

    def _connect(self) -> InfluxDBClient3:
        """Return the client, made (and its library imported) at the first write."""
        if self._client is None:
            from influxdb_client_3 import InfluxDBClient3  # noqa: PLC0415

            self._client = InfluxDBClient3(  # type: ignore[no-untyped-call]
                host=self.config.url,
                database=self.config.database,
                token=self.config.token or "",
                org=self.config.org,
                write_timeout=WRITE_TIMEOUT_MS,
                write_use_v2_api=self.config.kind is Kind.INFLUXDB_2,
                auth_scheme="Bearer" if self.config.kind is Kind.INFLUXDB_3 else None,
            )
        return self._client

    def _write(self, lines: Sequence[str]) -> None:
        from influxdb_client_3.exceptions.exceptions import (  # noqa: PLC0415
            InfluxDB3ClientError,
            InfluxDBError,
        )

        try:
            self._connect().write(record=list(lines), write_precision="ms")  # type: ignore[no-untyped-call]
        except InfluxDBError as err:
            response = err.response
            if response is None:
                raise HistoryConnectionError(str(err)) from err
            raise _http_error(response.status, str(err.message), _retry_after(response)) from err
        except (InfluxDB3ClientError, urllib3.exceptions.HTTPError, OSError) as err:
            raise HistoryConnectionError(f"cannot write to {self.config.url}: {err!r}") from err

    async def async_write(self, lines: Sequence[str]) -> None:
        """Write in an executor thread: the client blocks."""
        await self._executor(lambda: self._write(lines))

    async def async_query(self, query: str) -> list[Row]:
        """Run SQL on InfluxDB 3, InfluxQL on InfluxDB 2's v1-compatible /query."""
        if self.config.kind is not Kind.INFLUXDB_3:
            return await self.async_influxql(query)
        answer = await self._request(
            "POST",
            "/api/v3/query_sql",
            payload={"db": self.config.database, "q": query, "format": "json"},
        )
        return list(answer or [])

    async def async_check(self) -> None:
        """Check credentials and that the database or bucket exists."""
        if self.config.kind is Kind.INFLUXDB_3:
            answer = await self._request(
                "GET", "/api/v3/configure/database", params={"format": "json"}
            )
            names = {row.get("iox::database") for row in answer or []}
        else:
            try:
                answer = await self._request(
                    "GET", "/api/v2/buckets", params={"name": self.config.database}
                )
            except (HistoryDatabaseError, HistoryRejectedError):
                # A server that accepts v2 writes without the bucket API: it
                # answers 404, or 400 (VictoriaMetrics: "unsupported path
                # requested"). It answered: nothing more to check.
                return
            names = {bucket.get("name") for bucket in (answer or {}).get("buckets", [])}
        if self.config.database not in names:
            raise HistoryDatabaseError(f"database {self.config.database!r} not found")

    def close(self) -> None:
        """Close the client's connection pool (if it wrote at all)."""
        if self._client is not None:
            self._client.close()  # type: ignore[no-untyped-call]


def build_backend(
    session: aiohttp.ClientSession, config: HistoryConfig, executor: Executor
) -> HistoryBackend:
    """Return the backend for a configuration."""
    if config.kind is Kind.INFLUXDB_1:
        return InfluxDB1Backend(session, config)
    return InfluxDBClientBackend(session, config, executor)
