"""Memory over a simulated season: what a fan's Home Assistant holds after months.

    .venv/bin/python benchmarks/soak.py [--days N] [--warmup N]

A whole MLB league is followed (every team) through DAYS days on a moving
clock. Each day ESPN's board is the recorded MLB board (17 games) under new
game ids and that day's date, served by a fake session with an ``ETag``
(conditional requests answered 304 when unchanged): the games are live with a
score that moves every hour for the first 12 hourly refreshes, then final. Each
refresh goes through what the integration keeps per game or per day: the ESPN
provider (validators, schedules, other boards), the game registry that gives a
game one id across providers (``GameRegistry``, forgotten as failover does),
``diff`` and the history sink's line builder (``release_lines`` and the
states it wrote). ``tracemalloc`` measures the Python heap after WARMUP days and
at the end (after a ``gc.collect()``). Last line:
``games=<n> mem_after_warmup_kib=<x> mem_end_kib=<y> growth_kib_per_100_games=<z>``.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
from datetime import UTC, datetime, timedelta
import gc
import importlib
import json
from pathlib import Path
import sys
import tracemalloc
from types import TracebackType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from custom_components.live_sports.diff import GameState, diff  # noqa: E402
from custom_components.live_sports.history.schema import release_lines  # noqa: E402
from custom_components.live_sports.providers.espn import LEAGUES, EspnProvider  # noqa: E402
from custom_components.live_sports.providers.identity import GameRegistry  # noqa: E402

BOARD = json.loads((ROOT / "tests/fixtures/recorded/espn/mlb.json").read_text(encoding="utf-8"))
START = datetime(2026, 3, 26, 16, tzinfo=UTC)
LIVE_HOURS = 12
LIVE = {"id": "2", "name": "STATUS_IN_PROGRESS", "state": "in", "completed": False}
FINAL = {"id": "3", "name": "STATUS_FINAL", "state": "post", "completed": True}


def _board(day: int, hour: int) -> bytes:
    """Return day `day`'s board as ESPN would send it at `hour` of that day."""
    board = copy.deepcopy(BOARD)
    date = (START + timedelta(days=day)).strftime("%Y-%m-%dT%H:%MZ")
    final = hour >= LIVE_HOURS
    for event in board["events"]:
        event["id"] = f"{day}{event['id']}"
        event["date"] = date
        for status in (event["status"], *(c["status"] for c in event["competitions"])):
            status["type"] = {**(FINAL if final else LIVE), "detail": "", "shortDetail": ""}
            status["period"] = 9
        for competitor in event["competitions"][0]["competitors"]:
            competitor["score"] = str(
                min(hour, LIVE_HOURS) // (2 if competitor["homeAway"] == "home" else 3)
            )
    return json.dumps(board).encode()


class _Response:
    def __init__(self, status: int, body: bytes, etag: str | None) -> None:
        self.status = status
        self._body = body
        self.headers = {"Cache-Control": "max-age=10", **({"ETag": etag} if etag else {})}

    async def __aenter__(self) -> _Response:
        return self

    async def __aexit__(
        self, _t: type[BaseException] | None, _e: BaseException | None, _tb: TracebackType | None
    ) -> None:
        return None

    def raise_for_status(self) -> None:
        return None

    async def read(self) -> bytes:
        return self._body


class FakeEspn:
    """The ``get`` of an aiohttp session, answering as ESPN on the simulated clock."""

    def __init__(self) -> None:
        self.day = 0
        self.hour = 0
        self.requests = 0
        self._bodies: dict[tuple[int, int], bytes] = {}

    def get(self, url: str, *, headers: dict[str, str], **_kwargs: Any) -> _Response:
        self.requests += 1
        if not url.endswith("/scoreboard"):
            return _Response(200, b'{"events": []}', None)  # team schedules
        state = (self.day, min(self.hour, LIVE_HOURS))
        etag = f'"{state[0]}-{state[1]}"'
        if headers.get("If-None-Match") == etag:
            return _Response(304, b"", etag)
        if state not in self._bodies:
            self._bodies = {state: _board(*state)}  # only the current one is kept
        return _Response(200, self._bodies[state], etag)


def _teams() -> list[str]:
    return sorted(
        {
            competitor["team"]["id"]
            for event in BOARD["events"]
            for competitor in event["competitions"][0]["competitors"]
        }
    )


async def soak(days: int, warmup: int) -> None:
    """Run the season; print memory after warm-up and at the end."""
    espn = FakeEspn()
    provider = EspnProvider(espn, LEAGUES["mlb"])  # type: ignore[arg-type]
    registry = GameRegistry()
    states: dict[str, GameState] = {}
    written: dict[str, Any] = {}
    teams = _teams()
    games = lines = changes = 0
    after_warmup = 0
    importlib.import_module("influxdb_client_3")  # as HistorySink.async_start does
    tracemalloc.start()
    for day in range(days):
        if day == warmup:
            gc.collect()
            after_warmup, games_at_warmup = tracemalloc.get_traced_memory()[0], games
        espn.day = day
        for hour in range(24):
            espn.hour = hour
            now = START + timedelta(days=day, hours=hour)
            board = await provider.async_get_scoreboard(teams, now)
            canonical, _ = registry.canonical(board.games)
            registry.forget(now)
            found, states = diff(states, canonical, teams, now)
            changes += len(found)
            lines += len(release_lines(board, found, teams, written))
        games += len(BOARD["events"])
    gc.collect()
    end = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    after = games - games_at_warmup
    print(
        f"days={days} warmup_days={warmup} teams={len(teams)} requests={espn.requests} "
        f"changes={changes} history_lines={lines}"
    )
    print(
        f"games={games} mem_after_warmup_kib={after_warmup / 1024:.0f} "
        f"mem_end_kib={end / 1024:.0f} "
        f"growth_kib_per_100_games={(end - after_warmup) / 1024 / after * 100:.1f}"
    )


def main() -> None:
    """Parse the arguments and run."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--warmup", type=int, default=20)
    args = parser.parse_args()
    asyncio.run(soak(args.days, args.warmup))


if __name__ == "__main__":
    main()
