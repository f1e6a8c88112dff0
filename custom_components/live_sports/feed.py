"""Print the canonical games of a saved provider response.

    python -m custom_components.live_sports.feed FILE [--provider NAME] [--league KEY]

A debugging tool for reports of a wrong state: it parses a response exactly
as the integration does and prints the canonical JSON array of its games.
``--provider`` names the feed the file came from (ESPN by default); the league
is read from the file where the feed says it (ESPN's slug, the NBA's leagueId,
TheSportsDB's idLeague), else it is the feed's own (NHL, MLB). An ESPN league
outside the named list (a World Cup, a cup, any league by path) is built from
the file: its slug, its own name and its sport. ``--league`` overrides it (an
ESPN league key, or an ESPN ``sport/league`` path); for TheSportsDB, whose
responses mix leagues, it keeps that league's games. A tennis board (ATP, WTA)
prints its matches as games between athletes or pairs, an MMA card its bouts
(F1, NASCAR Cup, IndyCar boards print each session as a field event). A golf board (PGA TOUR,
LPGA, LIV, DP World Tour; ``--league pga`` …) prints its canonical field events
(players or pairs in order, places with ties, rounds and holes) instead of games.
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
from typing import Any

from .models import Scoreboard
from .models.field import FieldEvent
from .providers import espn, mlb_statsapi, nba_cdn, nhl_web, thesportsdb
from .providers.base import League, ProviderError, ProviderResponseError, decode_json
from .providers.espn import LEAGUES
from .providers.espn.golf import GOLF_LEAGUES, golf_league, parse_golf_board
from .providers.espn.leagues import league_name, normalize_path, path_league
from .providers.espn.mma import MMA_LEAGUES, mma_league, parse_mma_board
from .providers.espn.racing import RACING_LEAGUES, parse_racing_board, racing_league
from .providers.espn.tennis import TENNIS_LEAGUES, parse_tennis_board, tennis_league

PROVIDERS = ("espn", "nhl_web", "mlb_statsapi", "nba_cdn", "thesportsdb")


def parse(payload: Any, provider: str, league: str | None, now: datetime) -> Scoreboard:
    """Parse a saved response of `provider` as the integration would."""
    if provider == "espn":
        tour = TENNIS_LEAGUES.get(league) if league else tennis_league(payload)
        if tour is not None:
            matches = parse_tennis_board(payload, tour)
            return Scoreboard(league=tour.key, fetched_at=now, games=matches)
        promotion = MMA_LEAGUES.get(league) if league else mma_league(payload)
        if promotion is not None:
            bouts = parse_mma_board(payload, promotion)
            return Scoreboard(league=promotion.key, fetched_at=now, games=bouts)
        return espn.parse_scoreboard(payload, espn_league(league, payload), now)
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


def parse_field(payload: Any, provider: str, league: str | None) -> tuple[FieldEvent, ...] | None:
    """Parse a saved golf or racing board into its field events; None if it is neither."""
    if provider != "espn":
        return None
    tour = GOLF_LEAGUES.get(league) if league else golf_league(payload)
    if tour is not None:
        return parse_golf_board(payload, tour)
    series = RACING_LEAGUES.get(league) if league else racing_league(payload)
    return parse_racing_board(payload, series) if series is not None else None


def espn_league(league: str | None, payload: Any) -> League:
    """Return the ESPN league asked for (a key or a path), else the payload's own."""
    if league is None:
        return espn.infer_league(payload)
    if league in LEAGUES:
        return LEAGUES[league]
    if (path := normalize_path(league)) is not None:
        return path_league(path, league_name(payload))
    raise ProviderResponseError(f"unknown league {league!r}")


def _league_argument(value: str) -> str:
    """Accept a named league's key or an ESPN path."""
    known = (LEAGUES, GOLF_LEAGUES, TENNIS_LEAGUES, MMA_LEAGUES, RACING_LEAGUES)
    if any(value in leagues for leagues in known) or normalize_path(value) is not None:
        return value
    raise argparse.ArgumentTypeError(f"neither a league key nor a sport/league path: {value!r}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m custom_components.live_sports.feed",
        description="Print the canonical JSON games (or golf events) of a saved provider response.",
    )
    parser.add_argument("file", type=Path, help="saved provider response (JSON)")
    parser.add_argument(
        "--provider",
        choices=PROVIDERS,
        default="espn",
        help="the feed the file came from (default: espn)",
    )
    parser.add_argument(
        "--league",
        type=_league_argument,
        help="league key or ESPN sport/league path (default: from the file)",
    )
    args = parser.parse_args(argv)
    try:
        payload = decode_json(args.file.read_bytes())
        fields = parse_field(payload, args.provider, args.league)
        if fields is None:
            scoreboard = parse(payload, args.provider, args.league, datetime.now(UTC))
            printed = [game.as_dict() for game in scoreboard.games]
        else:
            printed = [event.as_dict() for event in fields]
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
        json.dump(printed, sys.stdout, indent=2)
        sys.stdout.write("\n")
        sys.stdout.flush()
    except BrokenPipeError:
        # Piped into head: the reader has all it wanted. Keep Python from
        # complaining again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
