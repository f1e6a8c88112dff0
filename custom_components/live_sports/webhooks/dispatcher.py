"""Delivery workers: one task per endpoint, so a slow receiver delays no other.

A worker sends its endpoint's outbox head, signed for this attempt, and waits
for the answer (at most TIMEOUT). Delivered or given up, the next follows; a
retry waits (the one backoff, or the receiver's ``Retry-After``) and keeps
the endpoint's order. Waiting is a Home Assistant timer, never a blocking
sleep. What to do about a 410 or a failing endpoint is the owner's call
(`on_disable`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
import random
import time
from typing import Final

import aiohttp
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.event import async_call_later
from homeassistant.util import dt as dt_util

from ..const import LOGGER
from ..retry import parse_retry_after
from .models import Delivery, DisabledReason, Endpoint, EndpointStats, redact_url
from .outbox import Outbox
from .retry import TIMEOUT, Verdict, classify, next_delay
from .signer import sign_headers

ERROR_TIMEOUT: Final = "timeout"
ERROR_CANNOT_CONNECT: Final = "cannot_connect"
_CLIENT_TIMEOUT: Final = aiohttp.ClientTimeout(total=TIMEOUT)

type DisableCallback = Callable[[str, DisabledReason], None]


@dataclass(frozen=True, slots=True)
class Attempt:
    """What one POST to a receiver came to."""

    status: int | None
    """The HTTP status, or None when no answer came."""
    error: str | None = None
    retry_after: float | None = None
    duration: float = 0.0


class Dispatcher:
    """Deliver every enabled endpoint's outbox, each in its own task."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry,
        session: aiohttp.ClientSession,
        outbox: Outbox,
        on_disable: DisableCallback,
        *,
        rand: Callable[[], float] = random.random,
    ) -> None:
        """Initialize; no worker runs before set_endpoints."""
        self._hass = hass
        self._entry = entry
        self._session = session
        self._outbox = outbox
        self._on_disable = on_disable
        self._random = rand
        self._endpoints: dict[str, Endpoint] = {}
        self._workers: dict[str, asyncio.Task[None]] = {}
        self._wakes: dict[str, asyncio.Event] = {}

    @callback
    def set_endpoints(self, endpoints: Mapping[str, Endpoint]) -> None:
        """Run a worker for each enabled endpoint; stop the others."""
        self._endpoints = dict(endpoints)
        for endpoint_id in list(self._workers):
            endpoint = self._endpoints.get(endpoint_id)
            if endpoint is None or not endpoint.enabled:
                self._stop(endpoint_id)
        for endpoint in self._endpoints.values():
            if endpoint.enabled and endpoint.id not in self._workers:
                self._wakes[endpoint.id] = asyncio.Event()
                self._workers[endpoint.id] = self._entry.async_create_background_task(
                    self._hass, self._run(endpoint.id), f"live_sports webhook {endpoint.id}"
                )
            self.wake(endpoint.id)

    @callback
    def wake(self, endpoint_id: str) -> None:
        """Tell a worker its outbox or settings changed."""
        if wake := self._wakes.get(endpoint_id):
            wake.set()

    @property
    def running(self) -> set[str]:
        """Return the endpoints with a worker."""
        return set(self._workers)

    def _stop(self, endpoint_id: str) -> None:
        task = self._workers.pop(endpoint_id)
        self._wakes.pop(endpoint_id, None)
        if task is not asyncio.current_task():
            task.cancel()

    async def async_stop(self) -> None:
        """Stop every worker and wait for them (a delivery in flight stays queued)."""
        tasks = list(self._workers.values())
        for endpoint_id in list(self._workers):
            self._stop(endpoint_id)
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _run(self, endpoint_id: str) -> None:
        """Deliver one endpoint's outbox, in order, until stopped."""
        wake = self._wakes[endpoint_id]
        while (endpoint := self._endpoints.get(endpoint_id)) and endpoint.enabled:
            delivery = self._outbox.head(endpoint_id)
            if delivery is None:
                wake.clear()
                await wake.wait()
                continue
            wait = delivery.next_attempt - time.time()
            if wait > 0:
                await self._sleep(wake, wait)
                continue
            await self._deliver(endpoint, delivery)

    async def _sleep(self, wake: asyncio.Event, seconds: float) -> None:
        """Wait `seconds` on a Home Assistant timer, or until woken."""

        @callback
        def _due(_now: datetime) -> None:
            wake.set()

        wake.clear()
        cancel = async_call_later(self._hass, seconds, _due)
        try:
            await wake.wait()
        finally:
            cancel()

    async def _deliver(self, endpoint: Endpoint, delivery: Delivery) -> None:
        """Attempt the outbox head once and act on the answer."""
        delivery.attempts += 1
        attempt = await self.async_post(endpoint, delivery.id, delivery.message.body)
        if self._outbox.head(endpoint.id) is not delivery:
            return  # cleared meanwhile (endpoint disabled or removed)
        now = time.time()
        stats = self._outbox.stats_of(endpoint.id)
        stats.last_status = attempt.status if attempt.status is not None else attempt.error
        stats.last_attempt = dt_util.utcnow().isoformat()
        verdict = classify(attempt.status)
        delay = next_delay(
            verdict,
            delivery.attempts,
            now - delivery.message.created,
            attempt.retry_after,
            self._random(),
        )
        if delay is not None:
            stats.retried += 1
            delivery.next_attempt = now + delay
            LOGGER.debug(
                "Webhook %s to %s: %s, retry %d in %.1f s",
                delivery.id,
                redact_url(endpoint.url),
                stats.last_status,
                delivery.attempts,
                delay,
            )
            self._outbox.save()
            return
        self._outbox.pop(endpoint.id)
        ok = verdict is Verdict.DELIVERED
        stats.finish(ok)
        if ok:
            stats.last_success = stats.last_attempt
            return
        self._given_up(endpoint, delivery.id, verdict, stats)

    def _given_up(
        self, endpoint: Endpoint, delivery_id: str, verdict: Verdict, stats: EndpointStats
    ) -> None:
        LOGGER.warning(
            "Webhook %s to %s failed (%s) after %s",
            delivery_id,
            redact_url(endpoint.url),
            stats.last_status,
            "the retry window" if verdict is Verdict.RETRY else "a final answer",
        )
        if verdict is Verdict.GONE:
            self._on_disable(endpoint.id, DisabledReason.GONE)
        elif stats.failing:
            self._on_disable(endpoint.id, DisabledReason.FAILING)

    async def async_post(self, endpoint: Endpoint, msg_id: str, body: str) -> Attempt:
        """POST a signed body to an endpoint once."""
        payload = body.encode()
        now = dt_util.utcnow()
        headers = sign_headers(endpoint.signing_secrets(now), msg_id, int(now.timestamp()), payload)
        headers["Content-Type"] = "application/json"
        started = time.perf_counter()
        try:
            async with self._session.post(
                endpoint.url,
                data=payload,
                headers=headers,
                timeout=_CLIENT_TIMEOUT,
                allow_redirects=False,
            ) as response:
                await response.read()
                asked = parse_retry_after(response.headers.get("Retry-After"), now)
                return Attempt(
                    status=response.status,
                    retry_after=asked.total_seconds() if asked is not None else None,
                    duration=time.perf_counter() - started,
                )
        except TimeoutError:
            return Attempt(None, ERROR_TIMEOUT, duration=time.perf_counter() - started)
        except aiohttp.ClientError:
            # Not logged: an aiohttp error's text may carry the URL's credentials.
            return Attempt(None, ERROR_CANNOT_CONNECT, duration=time.perf_counter() - started)
