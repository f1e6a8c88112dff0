"""A real webhook receiver for the tests: aiohttp on a free loopback port.

Every delivery is checked on arrival with the `standardwebhooks` package, an
independent implementation of the spec, against the secret the test expects.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
import json
import time
from typing import Any

from aiohttp import web
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

LOOPBACK = "127.0.0.1"


@dataclass
class Delivery:
    """What the receiver got."""

    headers: dict[str, str]
    body: bytes
    verified: bool

    @property
    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def id(self) -> str:
        return self.headers["webhook-id"]


@dataclass
class Receiver:
    """A local webhook receiver answering scripted statuses (default 204)."""

    secret: str = ""
    deliveries: list[Delivery] = field(default_factory=list)
    answers: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    hold: asyncio.Event | None = None
    port: int = 0
    _runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}/hook"

    @property
    def verified(self) -> list[Delivery]:
        return [delivery for delivery in self.deliveries if delivery.verified]

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/hook", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, LOOPBACK, self.port, reuse_address=True).start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        headers = dict(request.headers)
        try:
            Webhook(self.secret).verify(body, headers)
        except WebhookVerificationError:
            verified = False
        else:
            verified = True
        self.deliveries.append(Delivery({k.lower(): v for k, v in headers.items()}, body, verified))
        if self.hold is not None:
            await self.hold.wait()
        status, answer_headers = self.answers.pop(0) if self.answers else (204, {})
        if not verified and status < 300:
            status = 401
        return web.Response(status=status, headers=answer_headers)


def _real_now() -> float:
    return time.clock_gettime(time.CLOCK_MONOTONIC)


async def settle(predicate: Callable[[], bool], within: float = 5.0) -> None:
    """Let the loop run (network I/O to the local receiver) until `predicate` holds.

    The clock is frozen in these tests (time.monotonic too), so the bound is
    read from the system's monotonic clock directly.
    """
    deadline = _real_now() + within
    while not predicate():
        if _real_now() > deadline:
            raise AssertionError("timed out waiting for the local receiver")
        await asyncio.sleep(0)
