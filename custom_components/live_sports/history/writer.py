"""The history writer: batched, off the event loop, nothing lost while down.

Points wait in a bounded buffer and leave it only once the database took
them. A batch goes out at 100 points or every 10 s, whichever comes first.
Transient failures are retried with the one backoff (``..retry``), or after
the database's ``Retry-After`` when it sends one; three in a row open
a circuit breaker for 60 s, then one batch tries again (half-open). On unload
or Home Assistant stop the buffer is flushed if the database answers, and
whatever is left is stored and written after the restart. Past the bound the
oldest points are dropped, counted, and logged once.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
import logging
import random
from typing import Any, Final

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.event import async_call_later, async_track_time_interval
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from ..retry import backoff
from .backends import HistoryBackend, HistoryError, HistoryRejectedError

_LOGGER = logging.getLogger(__name__)

BATCH_SIZE: Final = 100
BATCH_INTERVAL: Final = timedelta(seconds=10)
MAX_BUFFER: Final = 50_000
BREAKER_THRESHOLD: Final = 3
BREAKER_OPEN: Final = timedelta(seconds=60)
BACKOFF_BASE: Final = timedelta(seconds=1)
SHUTDOWN_FLUSH_BATCHES: Final = 20


class BreakerState(StrEnum):
    """The circuit breaker's state."""

    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


@dataclass(slots=True)
class CircuitBreaker:
    """Stop hammering a database that keeps failing."""

    threshold: int = BREAKER_THRESHOLD
    open_for: timedelta = BREAKER_OPEN
    failures: int = 0
    opened_at: datetime | None = None

    def state(self, now: datetime) -> BreakerState:
        """Return the state at `now`."""
        if self.opened_at is None:
            return BreakerState.CLOSED
        if now - self.opened_at < self.open_for:
            return BreakerState.OPEN
        return BreakerState.HALF_OPEN

    def success(self) -> None:
        """Close after a success."""
        self.failures = 0
        self.opened_at = None

    def failure(self, now: datetime) -> None:
        """Count a failure; open at the threshold (again at once when half-open)."""
        self.failures += 1
        if self.failures >= self.threshold or self.opened_at is not None:
            self.opened_at = now

    def retry_in(self, now: datetime, random: float) -> timedelta:
        """Return when to try again after a failure (the one backoff while closed)."""
        if self.opened_at is not None:
            return self.opened_at + self.open_for - now
        return backoff(self.failures, BACKOFF_BASE, self.open_for, random)


@dataclass(slots=True)
class WriterStats:
    """What the writer did (diagnostics and the diagnostic sensor)."""

    written: int = 0
    failed: int = 0
    retried: int = 0
    dropped: int = 0
    batches: int = 0
    last_error: str | None = None
    last_write: datetime | None = None
    listeners: list[Callable[[], None]] = field(default_factory=list)


class HistoryWriter:
    """Buffer points and write them in batches."""

    def __init__(
        self,
        hass: HomeAssistant,
        backend: HistoryBackend,
        store: Store[dict[str, Any]],
        *,
        max_buffer: int = MAX_BUFFER,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        """Initialize; call async_start before adding points."""
        self.hass = hass
        self.backend = backend
        self.stats = WriterStats()
        self.breaker = CircuitBreaker()
        self._store = store
        self._buffer: deque[str] = deque()
        self._max_buffer = max_buffer
        self._batch_size = batch_size
        self._lock = asyncio.Lock()
        self._stopped = False
        self._flush_task: asyncio.Task[bool] | None = None
        self._drop_logged = False
        self._retry: CALLBACK_TYPE | None = None
        self._unsub_interval: CALLBACK_TYPE | None = None

    @property
    def buffered(self) -> int:
        """Return how many points wait to be written."""
        return len(self._buffer)

    def as_dict(self) -> dict[str, Any]:
        """Return the stats for diagnostics."""
        stats = self.stats
        return {
            "written": stats.written,
            "failed": stats.failed,
            "retried": stats.retried,
            "dropped": stats.dropped,
            "batches": stats.batches,
            "buffered": self.buffered,
            "breaker": self.breaker.state(dt_util.utcnow()).value,
            "last_error": stats.last_error,
            "last_write": stats.last_write.isoformat() if stats.last_write else None,
        }

    @callback
    def async_add_listener(self, listener: Callable[[], None]) -> CALLBACK_TYPE:
        """Call `listener` whenever the stats change."""
        self.stats.listeners.append(listener)
        return lambda: self.stats.listeners.remove(listener)

    def _notify(self) -> None:
        for listener in list(self.stats.listeners):
            listener()

    async def async_start(self) -> None:
        """Take back points stored at the last stop and start the batch timer."""
        stored = await self._store.async_load()
        if stored and stored.get("lines"):
            self.add(stored["lines"])
            _LOGGER.info("Writing %d history points kept from the last stop", len(stored["lines"]))
            await self._store.async_remove()
        self._unsub_interval = async_track_time_interval(
            self.hass, self._on_interval, BATCH_INTERVAL, name="live_sports history"
        )

    @callback
    def add(self, lines: Iterable[str]) -> None:
        """Queue points; flush at once when a batch is full."""
        self._buffer.extend(lines)
        overflow = len(self._buffer) - self._max_buffer
        if overflow > 0:
            for _ in range(overflow):
                self._buffer.popleft()
            self.stats.dropped += overflow
            if not self._drop_logged:
                self._drop_logged = True
                _LOGGER.warning(
                    "History buffer full (%d points): dropping the oldest while the "
                    "database is unreachable; the count is in diagnostics",
                    self._max_buffer,
                )
        if len(self._buffer) >= self._batch_size:
            self._schedule_flush()
        self._notify()

    @callback
    def _schedule_flush(self) -> None:
        """Start one flush task, tracked by Home Assistant, unless one is pending.

        A tracked task (not a background one) is what `async_block_till_done`
        and Home Assistant's stop wait for, so no write is left in flight.
        """
        if self._stopped or self._retry is not None or not self._buffer:
            return
        if self._flush_task is None or self._flush_task.done():
            self._flush_task = self.hass.async_create_task(
                self.async_flush(), "live_sports history flush", eager_start=False
            )

    @callback
    def _on_interval(self, _now: datetime) -> None:
        """Write what the batch timer collected, through the one flush task."""
        self._schedule_flush()

    async def async_flush(self, max_batches: int | None = None) -> bool:
        """Write batches until the buffer is empty or a write fails."""
        async with self._lock:
            return await self._async_flush(max_batches)

    async def _async_flush(self, max_batches: int | None) -> bool:
        try:
            batches = 0
            while self._buffer and (max_batches is None or batches < max_batches):
                now = dt_util.utcnow()
                if self.breaker.state(now) is BreakerState.OPEN:
                    self._plan_retry(now)
                    return False
                batch = [self._buffer[i] for i in range(min(self._batch_size, len(self._buffer)))]
                try:
                    await self.backend.async_write(batch)
                except HistoryRejectedError as err:
                    # The data itself is refused: retrying cannot help.
                    self._take(len(batch))
                    self.stats.failed += len(batch)
                    self.stats.last_error = str(err)
                    _LOGGER.error("InfluxDB refused %d history points: %s", len(batch), err)
                except HistoryError as err:
                    self.breaker.failure(now)
                    self.stats.retried += 1
                    self.stats.last_error = str(err)
                    _LOGGER.debug("History write failed, will retry: %s", err)
                    self._plan_retry(now, err.retry_after)
                    return False
                else:
                    self._take(len(batch))
                    self.breaker.success()
                    self.stats.written += len(batch)
                    self.stats.batches += 1
                    self.stats.last_write = now
                batches += 1
            return not self._buffer
        finally:
            self._notify()

    def _take(self, count: int) -> None:
        for _ in range(count):
            self._buffer.popleft()

    def _plan_retry(self, now: datetime, asked: timedelta | None = None) -> None:
        """Flush again after the backoff, or later if the database asked for it."""
        if self._retry is not None or self._stopped:
            return
        delay = self.breaker.retry_in(now, random.random())  # noqa: S311 - jitter
        if asked is not None:
            delay = max(delay, asked)

        @callback
        def _again(_now: datetime) -> None:
            self._retry = None
            self._schedule_flush()

        self._retry = async_call_later(self.hass, max(delay, timedelta(seconds=1)), _again)

    async def async_stop(self) -> None:
        """Flush what the database takes now; store the rest for the next start."""
        self._stopped = True
        if self._unsub_interval:
            self._unsub_interval()
        if self._retry:
            self._retry()
            self._retry = None
        if self._buffer and self.breaker.state(dt_util.utcnow()) is not BreakerState.OPEN:
            await self.async_flush(max_batches=SHUTDOWN_FLUSH_BATCHES)
        if self._buffer:
            await self._store.async_save({"lines": list(self._buffer)})
            _LOGGER.info("Stored %d history points to write after the restart", len(self._buffer))
        self.backend.close()
