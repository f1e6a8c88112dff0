"""History writer against a real local InfluxDB 1.x (Debian's influxd).

    .venv/bin/python benchmarks/history.py [--games 82] [--points 200000]

Starts influxd on a free loopback port with a temporary data directory, then
measures with the integration's own code (schema, writer, InfluxDB 1.x backend
on an aiohttp session, on a real asyncio loop with Home Assistant's core):

- points_per_s: points pushed through HistoryWriter.add → batches of 100 →
  /write, until InfluxDB acknowledged them all;
- loop_ms_per_batch: event-loop (main thread) CPU time spent per batch,
  measured with thread_time() around the loop's own work while writing;
- season_query_ms: get_team_history's query and shaping for one team's full
  season (an NBA season: 82 games, a point each 10 s of live play, ~3 h/game);
- bytes_per_team_season: disk blocks used by that season's database (TSM
  files, index, series file, WAL) once influxd has snapshotted it.
"""

from __future__ import annotations

import argparse
import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
import statistics
import sys
import tempfile
import time

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from homeassistant.core import HomeAssistant  # noqa: E402
from homeassistant.helpers.storage import Store  # noqa: E402

from custom_components.live_sports.history.backends import (  # noqa: E402
    HistoryConfig,
    InfluxDB1Backend,
    Kind,
)
from custom_components.live_sports.history.queries import (  # noqa: E402
    team_history,
    team_history_query,
)
from custom_components.live_sports.history.schema import Written, release_lines  # noqa: E402
from custom_components.live_sports.history.writer import HistoryWriter  # noqa: E402
from custom_components.live_sports.models import (  # noqa: E402
    Competitor,
    Game,
    Phase,
    Scoreboard,
    Team,
)
from tests.servers import create_database, influxd  # noqa: E402

US = Team(id="13", abbreviation="LAL", name="Los Angeles Lakers", short_name="Lakers")


def season_boards(games: int, start: datetime) -> list[Scoreboard]:
    """Every refresh of one team's season with a change: ~1 per 10 s of play."""
    boards: list[Scoreboard] = []
    for number in range(games):
        them = Team(
            id=f"{100 + number % 29}",
            abbreviation=f"T{number % 29}",
            name="Them",
            short_name="Them",
        )
        tip = start + timedelta(days=2 * number)
        game = Game(
            id=f"4018{number:05d}",
            league="nba",
            sport="basketball",
            name="Them at Lakers",
            short_name="THM @ LAL",
            start=tip,
            phase=Phase.SCHEDULED,
            status_detail="Scheduled",
            home=Competitor(team=US),
            away=Competitor(team=them),
            season=2026,
        )
        boards.append(Scoreboard(league="nba", fetched_at=tip - timedelta(hours=1), games=(game,)))
        home = away = 0
        # 4 quarters of ~40 min real time at a 10 s tempo = ~960 refreshes.
        for tick in range(960):
            period = 1 + tick // 240
            if tick % 3 == 0:
                home += 2
            if tick % 4 == 1:
                away += 2
            at = tip + timedelta(seconds=10 * tick)
            state = replace(
                game,
                phase=Phase.LIVE,
                period=period,
                clock=f"{11 - (tick % 240) // 20}:{59 - (tick * 7) % 60:02d}",
                home=Competitor(team=US, score=home),
                away=Competitor(team=them, score=away),
            )
            boards.append(Scoreboard(league="nba", fetched_at=at, games=(state,)))
        final = replace(
            state,
            phase=Phase.FINAL,
            clock=None,
            home=Competitor(team=US, score=home),
            away=Competitor(team=them, score=away),
        )
        boards.append(Scoreboard(league="nba", fetched_at=tip + timedelta(hours=3), games=(final,)))
    return boards


def dir_bytes(path: Path) -> int:
    """Return the disk space files use (blocks: preallocated sparse files count as used)."""
    return sum(item.stat().st_blocks * 512 for item in path.rglob("*") if item.is_file())


async def run(args: argparse.Namespace, workdir: Path) -> None:
    # Snapshot and compact as soon as writes stop, to weigh the stored season.
    server = influxd(
        workdir,
        'cache-snapshot-write-cold-duration = "1s"\n  compact-full-write-cold-duration = "1s"',
    )
    server.start()
    try:
        hass = HomeAssistant(str(workdir))
        hass.config.config_dir = str(workdir)
        async with aiohttp.ClientSession() as session:
            # Throughput: synthetic points through the writer.
            create_database(server, "bench")
            backend = InfluxDB1Backend(
                session, HistoryConfig(kind=Kind.INFLUXDB_1, url=server.url, database="bench")
            )
            writer = HistoryWriter(hass, backend, Store(hass, 1, "bench"))  # type: ignore[arg-type]
            lines = [
                f'nba_scores,game_id=g{i // 1000},home=LAL,away=BOS,status=live home_score={i % 150}i,away_score={i % 140}i,period={1 + i % 4}i,clock="5:00" {1_700_000_000_000 + i}'
                for i in range(args.points)
            ]
            # Everything on this thread is event-loop work (the writer, aiohttp);
            # awaiting I/O costs no CPU, so thread_time() is the loop's time.
            cpu = time.thread_time()
            start = time.perf_counter()
            for offset in range(0, len(lines), 1000):
                writer.add(lines[offset : offset + 1000])
                if writer.buffered >= 5000:
                    await writer.async_flush()
            await writer.async_flush()
            loop_cpu = time.thread_time() - cpu
            elapsed = time.perf_counter() - start
            assert writer.stats.written == len(lines), writer.as_dict()
            points_per_s = len(lines) / elapsed
            loop_ms_per_batch = loop_cpu * 1000 / writer.stats.batches
            print(f"writer: {len(lines)} points in {elapsed:.2f} s, {writer.stats.batches} batches")

            # One team's season: write it, then query it like the action does.
            await writer.async_stop()
            create_database(server, "season")
            backend = InfluxDB1Backend(
                session, HistoryConfig(kind=Kind.INFLUXDB_1, url=server.url, database="season")
            )
            writer = HistoryWriter(hass, backend, Store(hass, 1, "season"))  # type: ignore[arg-type]
            written: Written = {}
            boards = season_boards(args.games, datetime(2025, 10, 21, 23, 30, tzinfo=UTC))
            for board in boards:
                writer.add(release_lines(board, [], [US.id], written))
                if writer.buffered > 5000:
                    await writer.async_flush()
            await writer.async_stop()
            season_points = writer.stats.written
            timings = []
            for _ in range(args.repeat):
                begin = time.perf_counter()
                rows = await backend.async_query(team_history_query("influxql", "nba", US.id, 2026))
                result = team_history(rows, US.id)
                timings.append((time.perf_counter() - begin) * 1000)
            assert len(result["games"]) == args.games, len(result["games"])
            season_query_ms = statistics.median(timings)
            print(
                f"season: {args.games} games, {season_points} points, record {result['record']}, query median of {args.repeat}: {season_query_ms:.1f} ms"
            )
        await hass.async_stop(force=True)
        # Wait for influxd to snapshot the WAL into compacted TSM files.
        season_dirs = [workdir / "data" / "season", workdir / "wal" / "season"]
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and dir_bytes(season_dirs[1]) > 64 * 1024:  # noqa: ASYNC110 - polling a directory, no event to wait on
            await asyncio.sleep(1)
        await asyncio.sleep(3)
        bytes_per_team_season = sum(dir_bytes(path) for path in season_dirs)
        print(
            f"season on disk: {dir_bytes(season_dirs[0])} B TSM + {dir_bytes(season_dirs[1])} B WAL"
        )
    finally:
        server.stop()
    print(
        f"points_per_s={points_per_s:.0f} loop_ms_per_batch={loop_ms_per_batch:.3f} season_query_ms={season_query_ms:.1f} bytes_per_team_season={bytes_per_team_season}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--games", type=int, default=82)
    parser.add_argument("--points", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(run(args, Path(tmp)))


if __name__ == "__main__":
    main()
