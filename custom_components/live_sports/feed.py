"""Print the canonical games of a saved provider response.

    python -m custom_components.live_sports.feed FILE [--provider NAME] [--league KEY]

A debugging tool for reports of a wrong state: it parses a response exactly
as the integration does and prints the canonical JSON array of its games.
``--provider`` names the feed the file came from (ESPN by default); the league
is read from the file where the feed says it (ESPN's slug, the NBA's leagueId,
TheSportsDB's idLeague), else it is the feed's own (NHL, MLB). ``--league``
overrides it; for TheSportsDB, whose responses mix leagues, it keeps that
league's games. Exits 2 with a one-line error on unreadable or malformed input.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import UTC, datetime
import json
import os
from pathlib import Path
import sys
from typing import Any

from .models import Scoreboard
from .providers import espn, mlb_statsapi, nba_cdn, nhl_web, thesportsdb
from .providers.base import ProviderError, decode_json
from .providers.espn import LEAGUES

PROVIDERS = ("espn", "nhl_web", "mlb_statsapi", "nba_cdn", "thesportsdb")


def parse(payload: Any, provider: str, league: str | None, now: datetime) -> Scoreboard:
    """Parse a saved response of `provider` as the integration would."""
    if provider == "espn":
        espn_league = LEAGUES[league] if league else espn.infer_league(payload)
        return espn.parse_scoreboard(payload, espn_league, now)
    if provider == "thesportsdb":
        games = thesportsdb.parse_games(payload, league)
        key = league or thesportsdb.infer_league(games)
    elif provider == "nba_cdn":
        key = league or nba_cdn.infer_league(payload)
        games = nba_cdn.parse_games(payload, key)
    elif provider == "mlb_statsapi":
        key = league or "mlb"
        games = mlb_statsapi.parse_games(payload, key)
    else:
        key = league or "nhl"
        games = nhl_web.parse_games(payload, key)
    return Scoreboard(league=key, fetched_at=now, games=tuple(games))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m custom_components.live_sports.feed",
        description="Print the canonical JSON games of a saved provider response.",
    )
    parser.add_argument("file", type=Path, help="saved provider response (JSON)")
    parser.add_argument(
        "--provider",
        choices=PROVIDERS,
        default="espn",
        help="the feed the file came from (default: espn)",
    )
    parser.add_argument(
        "--league", choices=sorted(LEAGUES), help="league key (default: from the file)"
    )
    args = parser.parse_args(argv)
    try:
        payload = decode_json(args.file.read_bytes())
        scoreboard = parse(payload, args.provider, args.league, datetime.now(UTC))
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
