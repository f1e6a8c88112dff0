"""Webhook deliveries per second and event→delivery latency on loopback.

A real Home Assistant core (``homeassistant.core.HomeAssistant``, its aiohttp
session, its Store and timers) runs the integration's webhook sink exactly as
``async_setup_entry`` wires it: the same signer, outbox and dispatcher code,
fed through ``WebhookManager.async_on_release`` as the release queue feeds it,
with typed changes of Demo league games (bodies built by ``events.event_data``). The
receiver is a separate process (aiohttp on a free 127.0.0.1 port) that
verifies every delivery with the ``standardwebhooks`` package and stamps its
arrival on the system's monotonic clock, which both processes share. The
session is Home Assistant's own, except that aiohttp's threaded resolver
replaces its mDNS one (which would start zeroconf's multicast).

Two phases, 10 endpoints each:
- burst: BURST_EVENTS events released at once (BURST_EVENTS × 10 deliveries);
  deliveries/s = deliveries / time until the last one was acknowledged.
- paced: PACED_RATE events/s (× 10 endpoints = deliveries/s offered) for
  PACED_SECONDS; latency = arrival at the receiver − release to the sink.

And a third, with the receiver down: 10 endpoints pointed at a closed port,
each outbox filled to BACKLOG pending deliveries (a receiver down for hours),
then FULL_EVENTS more events released one per loop tick; loop time per event =
CPU time of the event loop's thread over that phase (the releases, the failed
attempts' bookkeeping, and the outbox saves that follow, waited for) / events.

Run: ``.venv/bin/python benchmarks/webhooks.py``. Last line:
``deliveries_per_s=<n> p95_delivery_ms=<x> full_outbox_loop_ms_per_event=<y>``.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
import json
from pathlib import Path
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from types import MappingProxyType
from typing import Any

import aiohttp
from aiohttp import web
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers import aiohttp_client, issue_registry as ir
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from custom_components.live_sports.diff import ChangeKind, GameChange  # noqa: E402
from custom_components.live_sports.models import Phase, Side  # noqa: E402
from custom_components.live_sports.providers.replay import CYCLE, demo_scoreboard  # noqa: E402
from custom_components.live_sports.release import Release  # noqa: E402
from custom_components.live_sports.subentries import team_subentry  # noqa: E402
from custom_components.live_sports.webhooks import (  # noqa: E402
    Endpoint,
    WebhookManager,
    webhook_subentry,
)
from custom_components.live_sports.webhooks.signer import generate_secret  # noqa: E402

ENDPOINTS = 10
BURST_EVENTS = 1000
"""At most the outbox bound (1000 per endpoint), so nothing is dropped."""
PACED_RATE = 50
PACED_SECONDS = 10
TIMEOUT = 120.0
BACKLOG = 900
"""Pending deliveries per endpoint before the full-outbox phase (below the bound, 1000)."""
FULL_EVENTS = 100


def _now_ns() -> int:
    return time.clock_gettime_ns(time.CLOCK_MONOTONIC)


# --- the receiver (a separate process) -------------------------------------------


def receiver_main() -> None:
    """Serve POST /hook/<n>, verify, stamp arrivals; GET /results returns them."""
    secrets = json.loads(sys.stdin.readline())
    verifiers = [Webhook(secret) for secret in secrets]
    arrivals: list[tuple[int, str, int]] = []
    invalid = 0

    async def hook(request: web.Request) -> web.Response:
        nonlocal invalid
        endpoint = int(request.match_info["n"])
        body = await request.read()
        arrived = _now_ns()
        try:
            payload = verifiers[endpoint].verify(body, dict(request.headers))
        except WebhookVerificationError:
            invalid += 1
            return web.Response(status=401)
        arrivals.append((endpoint, payload["data"]["event_id"], arrived))
        return web.Response(status=204)

    async def results(_request: web.Request) -> web.Response:
        nonlocal invalid
        response = web.json_response({"arrivals": arrivals, "invalid": invalid})
        arrivals.clear()
        invalid = 0
        return response

    async def serve() -> None:
        app = web.Application()
        app.router.add_post("/hook/{n}", hook)
        app.router.add_get("/results", results)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        print(runner.addresses[0][1], flush=True)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, sys.stdin.read)  # until the parent closes stdin
        await runner.cleanup()

    asyncio.run(serve())


# --- the sender: Home Assistant with the webhook sink -----------------------------


BOARD = demo_scoreboard(datetime.fromtimestamp(CYCLE * 2_950_000 + 120, UTC))


def _changes(count: int, prefix: str) -> list[GameChange]:
    """Return `count` score changes of a live Demo game."""
    game = next(g for g in BOARD.games if g.phase is Phase.LIVE)
    return [
        GameChange(
            ChangeKind.SCORE_CHANGED, game, game.home.team.id, f"{prefix}{index}", Side.HOME, 1
        )
        for index in range(count)
    ]


def _release(changes: list[GameChange]) -> Release:
    return Release(BOARD.fetched_at, BOARD, tuple(changes))


async def _wait(predicate: Any, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        await asyncio.sleep(0.001)


def _entry(endpoints: list[Endpoint], entry_id: str) -> ConfigEntry:
    return ConfigEntry(
        data={"league": "demo"},
        discovery_keys=MappingProxyType({}),
        domain="live_sports",
        entry_id=entry_id,
        minor_version=1,
        options={},
        source="user",
        subentries_data=[team_subentry("1", "1"), *(webhook_subentry(e) for e in endpoints)],
        title="Benchmark",
        unique_id=entry_id,
        version=2,
    )


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


async def full_outbox(hass: HomeAssistant, session: aiohttp.ClientSession) -> float:
    """Return the event loop's CPU ms per event released into full outboxes."""
    down = f"http://127.0.0.1:{_closed_port()}"
    endpoints = [
        Endpoint(id=f"d{n}", url=f"{down}/hook/{n}", secret=generate_secret())
        for n in range(ENDPOINTS)
    ]
    manager = WebhookManager(hass, _entry(endpoints, "down"), session)
    await manager.async_start()
    backlog = _changes(BACKLOG, "backlog")
    for index in range(0, BACKLOG, 100):
        manager.async_on_release(_release(backlog[index : index + 100]))
        await asyncio.sleep(0)
    await asyncio.sleep(2)  # saved, first attempts failed
    events = _changes(FULL_EVENTS, "full")
    started = time.thread_time()
    for change in events:
        manager.async_on_release(_release([change]))
        await asyncio.sleep(0.005)
    await asyncio.sleep(1.5)  # the save that follows
    loop_ms = (time.thread_time() - started) * 1000
    pending = sum(manager.outbox.pending(e.id) for e in endpoints)
    await manager.async_stop()
    print(
        f"full outbox: endpoints={ENDPOINTS} pending={pending} events={FULL_EVENTS} "
        f"loop_cpu_ms={loop_ms:.0f} loop_ms_per_event={loop_ms / FULL_EVENTS:.2f}"
    )
    return loop_ms / FULL_EVENTS


async def run(secrets: list[str], port: int) -> None:
    """Drive the webhook sink against the receiver on `port`."""
    base = f"http://127.0.0.1:{port}"

    with tempfile.TemporaryDirectory() as config_dir:
        hass = HomeAssistant(config_dir)
        await ir.async_load(hass)
        endpoints = [
            Endpoint(id=f"e{n}", url=f"{base}/hook/{n}", secret=secret)
            for n, secret in enumerate(secrets)
        ]
        entry = _entry(endpoints, "demo")
        # Home Assistant's own session, but with aiohttp's threaded resolver instead of
        # its mDNS one (which needs zeroconf, i.e. multicast): the receiver is an IP.
        aiohttp_client._async_make_resolver = lambda _hass: aiohttp.ThreadedResolver()  # type: ignore[assignment]
        session = aiohttp_client.async_get_clientsession(hass)
        manager = WebhookManager(hass, entry, session)
        await manager.async_start()

        def delivered() -> int:
            return sum(manager.outbox.stats_of(e.id).sent for e in endpoints)

        async def results() -> dict[str, Any]:
            async with session.get(f"{base}/results") as response:
                data: dict[str, Any] = await response.json()
                return data

        # Warm-up: connections opened, code paths hot.
        manager.async_on_release(_release(_changes(20, "warm")))
        await _wait(lambda: delivered() == 20 * ENDPOINTS, "warm-up")
        await results()

        # Burst.
        burst = _changes(BURST_EVENTS, "burst")
        started = time.perf_counter()
        for index in range(0, BURST_EVENTS, 10):
            manager.async_on_release(_release(burst[index : index + 10]))
        await _wait(lambda: delivered() == (20 + BURST_EVENTS) * ENDPOINTS, "the burst")
        burst_seconds = time.perf_counter() - started
        burst_results = await results()
        per_second = BURST_EVENTS * ENDPOINTS / burst_seconds

        # Paced.
        paced = _changes(PACED_RATE * PACED_SECONDS, "paced")
        released: dict[str, int] = {}
        interval = 1 / PACED_RATE
        started = time.perf_counter()
        for index, change in enumerate(paced):
            await asyncio.sleep(max(0.0, started + index * interval - time.perf_counter()))
            released[change.event_id] = _now_ns()
            manager.async_on_release(_release([change]))
        total = (20 + BURST_EVENTS + len(paced)) * ENDPOINTS
        await _wait(lambda: delivered() == total, "the paced events")
        paced_results = await results()
        latencies = sorted(
            (arrived - released[event_id]) / 1e6
            for _, event_id, arrived in paced_results["arrivals"]
        )

        stats = [manager.outbox.stats_of(e.id) for e in endpoints]
        await manager.async_stop()
        full_ms = await full_outbox(hass, session)
        await hass.async_stop(force=True)

    p50 = statistics.median(latencies)
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(f"endpoints={ENDPOINTS} (one worker each, one request in flight per endpoint)")
    print(
        f"burst: events={BURST_EVENTS} deliveries={len(burst_results['arrivals'])} "
        f"seconds={burst_seconds:.2f} deliveries_per_s={per_second:.0f}"
    )
    print(
        f"paced: events_per_s={PACED_RATE} deliveries_per_s_offered={PACED_RATE * ENDPOINTS} "
        f"deliveries={len(latencies)} p50_delivery_ms={p50:.2f} p95_delivery_ms={p95:.2f} "
        f"max_delivery_ms={latencies[-1]:.2f}"
    )
    print(
        f"invalid_signatures={burst_results['invalid'] + paced_results['invalid']} "
        f"failed={sum(s.failed for s in stats)} retried={sum(s.retried for s in stats)} "
        f"dropped={sum(s.dropped for s in stats)}"
    )
    print(
        f"deliveries_per_s={per_second:.0f} p95_delivery_ms={p95:.2f} "
        f"full_outbox_loop_ms_per_event={full_ms:.2f}"
    )


def main() -> None:
    """Start the receiver process, run both phases, stop the receiver."""
    secrets = [generate_secret() for _ in range(ENDPOINTS)]
    with subprocess.Popen(
        [sys.executable, __file__, "--receiver"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as receiver:
        assert receiver.stdin is not None
        assert receiver.stdout is not None
        receiver.stdin.write(json.dumps(secrets) + "\n")
        receiver.stdin.flush()
        port = int(receiver.stdout.readline())
        try:
            asyncio.run(run(secrets, port))
        finally:
            receiver.stdin.close()
            receiver.wait(timeout=10)


if __name__ == "__main__":
    if sys.argv[1:] == ["--receiver"]:
        receiver_main()
    else:
        main()
