"""Decode and parse cost of the recorded ESPN scoreboards: what one refresh costs the CPU.

    .venv/bin/python benchmarks/parse.py [--repeat N] [--fixtures DIR]

Per recorded scoreboard it prints its size, games and teams, and three medians
of the CPU time of the thread (``time.thread_time``: what the event loop's
thread spends, whatever else the machine runs):

- ``stdlib_ms``: the standard library's ``json.loads`` of the body alone, the
  yardstick;
- ``ours_ms``: what a refresh with a changed body does with it, as
  ``EspnProvider`` does: decode (``decode_board``: only the events that changed),
  ``parse_events`` with the board's memo of its last body, and ``diff`` for
  every team on the board against the states of the refresh before. Each
  timed body differs from the one before in one game (its clock moved): the
  board of a game day, where the live games move and the others stay;
- ``cold_ms``: the same without a memo, every game parsed (a board's first
  body of the day; what ``ours_ms`` measured before the memo);

and ``ratio`` = ours / stdlib, ``cold`` = cold / stdlib. The target is a ratio
of at most 0.8 (``ratio_max``) for the game-day boards of many games (NFL,
NCAAF, MLB: TARGET_BOARDS): decoding, parsing and diffing cost less than the
standard library's decoding alone. A board of one or two games (the NBA
recording has one) is printed too, but its ratio is the cost of parsing the
one game that changed against decoding that game alone, about 1.0 whatever
the board, and a tenth of a millisecond (``ratio_all_max``). Not timed: the blake2b fingerprint of
the body that detects an unchanged body before any of this (see
``EspnProvider._get``). The bodies are the recordings, each with one clock
edited in the text, built before the clock runs.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
import json
from pathlib import Path
import re
import statistics
import sys
import time

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from custom_components.live_sports.diff import diff  # noqa: E402
from custom_components.live_sports.providers.base import decode_json  # noqa: E402
from custom_components.live_sports.providers.espn import (  # noqa: E402
    infer_league,
    parse_events,
)
from custom_components.live_sports.providers.espn.board_text import decode_board  # noqa: E402
from custom_components.live_sports.providers.parsing import ParseMemo  # noqa: E402

# The full recordings (with their free text, as ESPN sends them) when they sit
# beside the repository; else the facts derived from them for the tests.
SHARED = ROOT.parent / "shared" / "fixtures" / "espn"
DERIVED = ROOT / "tests" / "fixtures" / "recorded" / "espn"
BOARDS = ["nfl", "ncaaf", "nhl", "mlb", "mls", "nba"]
TARGET_BOARDS = ("nfl", "ncaaf", "mlb")


def _ms(start: float) -> float:
    return (time.thread_time() - start) * 1000


CLOCK = re.compile(rb'"displayClock"\s*:\s*"([^"]+)"')


def _bodies(raw: bytes, count: int) -> list[bytes]:
    """Return `count` bodies, each the one before with one more game's clock moved.

    Edited in the text, to the same length, so every body keeps the
    recording's size and layout.
    """
    spans = [match.span(1) for match in CLOCK.finditer(raw)]
    body = bytearray(raw)
    bodies = []
    for step in range(count):
        start, end = spans[step % len(spans)]
        body[start:end] = f"{step:0{end - start}d}"[-(end - start) :].encode()
        bodies.append(bytes(body))
    return bodies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument(
        "--fixtures",
        type=Path,
        default=SHARED if SHARED.is_dir() else DERIVED,
        help="directory of the recorded boards (default: the full recordings if present)",
    )
    args = parser.parse_args()
    print(f"fixtures={args.fixtures.resolve()} python={sys.version.split()[0]}")
    print(
        f"{'board':8} {'KiB':>6} {'games':>6} {'teams':>6} "
        f"{'stdlib_ms':>10} {'cold_ms':>8} {'ours_ms':>8} {'cold':>6} {'ratio':>6}"
    )
    ratios: dict[str, float] = {}
    colds: dict[str, float] = {}
    for name in BOARDS:
        raw = (args.fixtures / f"{name}.json").read_bytes()
        payload = decode_json(raw)
        now = datetime.now(UTC)
        league = infer_league(payload)
        memo = ParseMemo()
        games = parse_events(payload, league, memo=memo)  # the refresh before
        team_ids = sorted(
            {game.home.team.id for game in games} | {game.away.team.id for game in games}
        )
        _, states = diff({}, games, team_ids, now)
        bodies = _bodies(raw, args.repeat)
        stdlib, cold, ours = [], [], []
        for body in bodies:  # interleaved, so drift hits all alike
            start = time.thread_time()
            json.loads(body)
            stdlib.append(_ms(start))
            start = time.thread_time()
            diff(states, parse_events(decode_json(body), league), team_ids, now)
            cold.append(_ms(start))
            start = time.thread_time()
            payload = decode_board(body, memo.seen)
            diff(states, parse_events(payload, league, memo=memo), team_ids, now)
            ours.append(_ms(start))
        stdlib_ms = statistics.median(stdlib)
        cold_ms, ours_ms = statistics.median(cold), statistics.median(ours)
        ratios[name], colds[name] = ours_ms / stdlib_ms, cold_ms / stdlib_ms
        print(
            f"{name:8} {len(bodies[0]) / 1024:6.0f} {len(games):6d} {len(team_ids):6d} "
            f"{stdlib_ms:10.2f} {cold_ms:8.2f} {ours_ms:8.2f} {colds[name]:6.2f} {ratios[name]:6.2f}"
        )
    per_board = ",".join(f"{name}:{ratio:.2f}" for name, ratio in ratios.items())
    cold_per_board = ",".join(f"{name}:{ratio:.2f}" for name, ratio in colds.items())
    target = max(ratios[name] for name in TARGET_BOARDS)
    print(
        f"ratio_max={target:.2f} ({'/'.join(TARGET_BOARDS)}) "
        f"ratio_all_max={max(ratios.values()):.2f} ratio_per_board={per_board}"
    )
    print(f"cold_max={max(colds.values()):.2f} cold_per_board={cold_per_board}")


if __name__ == "__main__":
    main()
