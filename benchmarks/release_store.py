"""What saving the release queue costs per poll with a stream delay, before and after.

    .venv/bin/python benchmarks/release_store.py [--pending 20] [--polls 200] [--before 87e0929]

The recorded NCAA football board (25 games) is polled with one followed team
whose score changes at every poll; a stream delay holds back `--pending`
boards. Each poll puts one release in the queue, which asks its store to save.
Measured per poll:

- in the event loop: ``ReleaseQueue.put`` (what it does before the Store's
  delayed write: the old code built the JSON form of every pending board
  here; the new one keeps the followed games of the new board and takes an
  immutable snapshot);
- in the Store's writer thread: the data function and the JSON encoding;
- the bytes stored.

"Before" is the release queue of commit `--before` (read with ``git show``),
run against today's other modules; skipped without git.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import UTC, datetime, timedelta
import importlib.util
import json
from pathlib import Path
import statistics
import subprocess
import sys
import tempfile
import time
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from custom_components.live_sports.diff import diff  # noqa: E402
from custom_components.live_sports.models import Competitor, Scoreboard  # noqa: E402
from custom_components.live_sports.providers.espn import LEAGUES, parse_scoreboard  # noqa: E402
from custom_components.live_sports.release import Release  # noqa: E402
from custom_components.live_sports.release_queue import ReleaseQueue  # noqa: E402

BOARD = ROOT / "tests" / "fixtures" / "recorded" / "espn" / "ncaaf.json"
DELAY = timedelta(seconds=300)
NOW = datetime(2026, 11, 28, 20, 0, tzinfo=UTC)


class FakeStore:
    """Keeps the data function the queue hands to the Store's delayed write."""

    def __init__(self) -> None:
        self.data_func: Any = None

    def async_delay_save(self, data_func: Any, _delay: float = 0) -> None:
        self.data_func = data_func


def _old_queue_class(commit: str) -> type[Any] | None:
    """Load release_queue.py of `commit` as a module of today's package."""
    try:
        source = subprocess.run(
            ["git", "show", f"{commit}:custom_components/live_sports/release_queue.py"],
            cwd=ROOT,
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as file:
        file.write(source)
    spec = importlib.util.spec_from_file_location(
        "custom_components.live_sports.release_queue_before", file.name
    )
    assert spec is not None
    assert spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    Path(file.name).unlink()
    return module.ReleaseQueue  # type: ignore[no-any-return]


def _boards(polls: int) -> tuple[str, list[Scoreboard]]:
    """Return the followed team and one board per poll, its score one more each time."""
    payload = json.loads(BOARD.read_text(encoding="utf-8"))
    first = parse_scoreboard(payload, LEAGUES["ncaaf"], NOW)
    followed = first.games[0]
    team_id = followed.home.team.id
    boards = []
    for poll in range(polls):
        game = replace(
            followed,
            home=Competitor(team=followed.home.team, score=(followed.home.score or 0) + poll + 1),
        )
        boards.append(
            replace(
                first,
                fetched_at=NOW + timedelta(seconds=15 * poll),
                games=(game, *first.games[1:]),
            )
        )
    return team_id, boards


def _measure(
    queue_class: type[Any], *args: Any, pending: int, boards: list[Scoreboard], team_id: str
) -> dict[str, float]:
    store = FakeStore()
    queue = queue_class(None, store, DELAY, *args)
    queue._loaded = True  # nothing to load
    states: dict[str, Any] = {}
    loop_ms: list[float] = []
    thread_ms: list[float] = []
    sizes: list[int] = []
    for poll, board in enumerate(boards):
        changes, states = diff(states, board.games, (team_id,), board.fetched_at)
        release = Release(board.fetched_at + DELAY, board, tuple(changes))
        start = time.perf_counter()
        queue.put(release, states)
        loop_ms.append((time.perf_counter() - start) * 1000)
        if len(queue._pending) > pending:  # the delay lets the oldest out
            queue._pending.pop(0)
        if poll < pending:
            continue  # the queue is filling up
        start = time.perf_counter()
        data = json.dumps(store.data_func())
        thread_ms.append((time.perf_counter() - start) * 1000)
        sizes.append(len(data.encode()))
    return {
        "loop_ms": statistics.median(loop_ms[pending:]),
        "thread_ms": statistics.median(thread_ms),
        "bytes": statistics.median(sizes),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pending", type=int, default=20)
    parser.add_argument("--polls", type=int, default=200)
    parser.add_argument("--before", default="87e0929")
    args = parser.parse_args()
    team_id, boards = _boards(args.polls)
    print(
        f"{len(boards[0].games)} games on the board, 1 followed, {args.pending} pending, "
        f"median of {args.polls - args.pending} polls"
    )
    rows = []
    if (old := _old_queue_class(args.before)) is not None:
        rows.append(("before", _measure(old, pending=args.pending, boards=boards, team_id=team_id)))
    rows.append(
        (
            "after",
            _measure(
                ReleaseQueue, (team_id,), pending=args.pending, boards=boards, team_id=team_id
            ),
        )
    )
    for name, row in rows:
        print(
            f"{name:>6}: {row['loop_ms']:7.2f} ms per poll in the event loop, "
            f"{row['thread_ms']:7.2f} ms in the writer thread, {row['bytes'] / 1e6:6.3f} MB stored"
        )
    print("RESULT " + json.dumps(dict(rows)))


if __name__ == "__main__":
    main()
