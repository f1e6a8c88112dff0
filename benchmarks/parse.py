"""Decode and parse cost of the recorded ESPN scoreboards: what one refresh costs the CPU.

    .venv/bin/python benchmarks/parse.py [--repeat N]

Per recorded scoreboard it prints its size, games and teams, and two medians:

- ``stdlib_ms``: the standard library's ``json.loads`` of the body alone, the
  yardstick;
- ``ours_ms``: what a refresh with a changed body does with it: decode (the
  providers' ``decode_json``, orjson), ``parse_scoreboard`` and ``diff`` for
  every team on the board against the states of a first pass over the same
  body (the coordinator diffs against what it saw on the previous refresh);

and ``ratio`` = ours / stdlib. The target is a ratio of at most 1.0 for every
board: decoding, parsing and diffing cost no more than the standard library's
decoding alone. Not timed: the blake2b fingerprint of the body that detects an
unchanged body before any of this (see ``EspnProvider._get``).
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

from custom_components.live_sports.diff import diff  # noqa: E402
from custom_components.live_sports.providers.base import decode_json  # noqa: E402
from custom_components.live_sports.providers.espn import (  # noqa: E402
    infer_league,
    parse_scoreboard,
)

# The full recordings (with their free text, as ESPN sends them) when they sit
# beside the repository; else the facts derived from them for the tests.
SHARED = ROOT.parent / "shared" / "fixtures" / "espn"
FIXTURES = SHARED if SHARED.is_dir() else ROOT / "tests" / "fixtures" / "recorded" / "espn"
BOARDS = ["nfl", "ncaaf", "nhl", "mlb", "mls", "nba"]


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    print(f"fixtures={FIXTURES.relative_to(ROOT.parent)} python={sys.version.split()[0]}")
    print(
        f"{'board':8} {'KiB':>6} {'games':>6} {'teams':>6} "
        f"{'stdlib_ms':>10} {'ours_ms':>8} {'ratio':>6}"
    )
    ratios: dict[str, float] = {}
    for name in BOARDS:
        raw = (FIXTURES / f"{name}.json").read_bytes()
        now = datetime.now(UTC)
        payload = decode_json(raw)
        league = infer_league(payload)
        board = parse_scoreboard(payload, league, now)
        team_ids = sorted(
            {game.home.team.id for game in board.games}
            | {game.away.team.id for game in board.games}
        )
        _, states = diff({}, board.games, team_ids, now)  # the previous refresh
        stdlib, ours = [], []
        for _ in range(args.repeat):  # interleaved, so drift hits both alike
            start = time.perf_counter()
            json.loads(raw)
            stdlib.append(_ms(start))
            start = time.perf_counter()
            board = parse_scoreboard(decode_json(raw), league, now)
            diff(states, board.games, team_ids, now)
            ours.append(_ms(start))
        stdlib_ms, ours_ms = statistics.median(stdlib), statistics.median(ours)
        ratios[name] = ours_ms / stdlib_ms
        print(
            f"{name:8} {len(raw) / 1024:6.0f} {len(board.games):6d} {len(team_ids):6d} "
            f"{stdlib_ms:10.2f} {ours_ms:8.2f} {ratios[name]:6.2f}"
        )
    per_board = ",".join(f"{name}:{ratio:.2f}" for name, ratio in ratios.items())
    print(f"ratio_max={max(ratios.values()):.2f} ratio_per_board={per_board}")


if __name__ == "__main__":
    main()
