"""Print the canonical games of a saved scoreboard file.

    python -m custom_components.live_sports.feed FILE [--league KEY]

A debugging tool for reports of a wrong state: it parses a scoreboard exactly
as the integration does and prints the canonical JSON array of its games.
Exits 2 with a one-line error on unreadable or malformed input.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import UTC, datetime
import json
import os
from pathlib import Path
import sys

from .providers.base import ProviderError, decode_json
from .providers.espn import LEAGUES, infer_league, parse_scoreboard


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m custom_components.live_sports.feed",
        description="Print the canonical JSON games of a saved ESPN scoreboard.",
    )
    parser.add_argument("file", type=Path, help="saved scoreboard JSON")
    parser.add_argument(
        "--league", choices=sorted(LEAGUES), help="league key (default: from the file)"
    )
    args = parser.parse_args(argv)
    try:
        payload = decode_json(args.file.read_bytes())
        league = LEAGUES[args.league] if args.league else infer_league(payload)
        scoreboard = parse_scoreboard(payload, league, datetime.now(UTC))
    except OSError as err:
        print(f"error: cannot read {args.file}: {err}", file=sys.stderr)
        return 2
    except ValueError as err:
        print(f"error: {args.file} is not JSON: {err}", file=sys.stderr)
        return 2
    except ProviderError as err:
        print(f"error: {args.file}: {err}", file=sys.stderr)
        return 2
    try:
        json.dump([game.as_dict() for game in scoreboard.games], sys.stdout, indent=2)
        sys.stdout.write("\n")
        sys.stdout.flush()
    except BrokenPipeError:
        # Piped into head: the reader has all it wanted. Keep Python from
        # complaining again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
