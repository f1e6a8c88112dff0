"""Parse cost of the recorded ESPN scoreboards: what one refresh costs the CPU.

    .venv/bin/python benchmarks/parse.py [--repeat N]

Prints, per recorded scoreboard, its size, games and the median time to parse
it into the domain and serialize every game canonically (the work one refresh
does before any sink sees it).
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
import json
from pathlib import Path
import statistics
import sys
import time

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from custom_components.live_sports.providers.espn import (  # noqa: E402
    infer_league,
    parse_scoreboard,
)

# The full recordings (with their free text, as ESPN sends them) when they sit
# beside the repository; else the facts derived from them for the tests.
SHARED = ROOT.parent / "shared" / "fixtures" / "espn"
FIXTURES = SHARED if SHARED.is_dir() else ROOT / "tests" / "fixtures" / "recorded" / "espn"
BOARDS = ["nfl", "ncaaf", "nhl", "mlb", "mls", "nba"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    total_ms = 0.0
    print(f"{'board':8} {'KiB':>7} {'games':>6} {'parse_ms':>9} {'us/game':>8}")
    for name in BOARDS:
        raw = (FIXTURES / f"{name}.json").read_bytes()
        timings = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            payload = json.loads(raw)
            board = parse_scoreboard(payload, infer_league(payload), datetime.now(UTC))
            [game.as_dict() for game in board.games]
            timings.append((time.perf_counter() - start) * 1000)
        median = statistics.median(timings)
        total_ms += median
        games = len(board.games)
        print(
            f"{name:8} {len(raw) / 1024:7.0f} {games:6d} {median:9.2f} {median * 1000 / games:8.0f}"
        )
    print(f"total_parse_ms={total_ms:.2f} boards={len(BOARDS)}")


if __name__ == "__main__":
    main()
