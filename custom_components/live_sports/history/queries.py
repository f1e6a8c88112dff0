"""Questions asked of the history: a team's season, a game's timeline.

Pure: builds InfluxQL (InfluxDB 1.x and 2) or SQL (InfluxDB 3) and shapes the
rows that come back. Identifiers are checked before they enter a query.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
import re
from typing import Any, Final

from ..models import Result
from .schema import scores_measurement

SAFE: Final = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")
FINAL: Final = "final"


class UnsafeIdentifierError(ValueError):
    """An identifier that cannot be used in a query."""


def _safe(value: str) -> str:
    if not SAFE.match(value):
        raise UnsafeIdentifierError(value)
    return value


def team_history_query(language: str, league: str, team_id: str, season: int) -> str:
    """Return the query for the final states of a team's games of a season."""
    measurement = scores_measurement(_safe(league))
    team = _safe(team_id)
    if language == "sql":
        return (
            "SELECT time, game_id, home, away, home_id, away_id, home_score, away_score "
            f"FROM {measurement} WHERE season = '{season}' AND status = '{FINAL}' "
            f"AND (home_id = '{team}' OR away_id = '{team}') ORDER BY time"
        )
    # Tags in SELECT come back as columns; one final point per game as a rule
    # (more after a late correction: the last one counts).
    return (
        'SELECT "home_score", "away_score", "game_id", "home", "away", "home_id", "away_id" '
        f'FROM "{measurement}" WHERE "season" = \'{season}\' AND "status" = \'{FINAL}\' '
        f"AND (\"home_id\" = '{team}' OR \"away_id\" = '{team}')"
    )


def game_timeline_query(language: str, league: str, game_id: str) -> str:
    """Return the query for every stored state of one game, oldest first."""
    measurement = scores_measurement(_safe(league))
    game = _safe(game_id)
    if language == "sql":
        return (
            "SELECT time, home_score, away_score, period, clock, status "
            f"FROM {measurement} WHERE game_id = '{game}' ORDER BY time"
        )
    return (
        'SELECT "home_score", "away_score", "period", "clock", "status" '
        f'FROM "{measurement}" WHERE "game_id" = \'{game}\''
    )


def _time(value: Any) -> str:
    """Return a row's time as ISO-8601 UTC (InfluxQL: epoch ms; SQL: naive ISO)."""
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value / 1000, UTC).isoformat()
    parsed = datetime.fromisoformat(str(value))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).isoformat()


def _result(own: int, other: int) -> Result:
    if own == other:
        return Result.TIE
    return Result.WIN if own > other else Result.LOSS


def team_history(rows: Iterable[dict[str, Any]], team_id: str) -> dict[str, Any]:
    """Return a team's games with results, and its win/loss/tie record."""
    last: dict[str, dict[str, Any]] = {}
    for row in sorted(rows, key=lambda row: _time(row["time"])):
        last[row["game_id"]] = row
    games = []
    for row in last.values():
        home = row["home_id"] == team_id
        own, other = (row["home_score"], row["away_score"])
        if not home:
            own, other = other, own
        games.append(
            {
                "game_id": row["game_id"],
                "time": _time(row["time"]),
                "home": row["home"],
                "away": row["away"],
                "home_score": row["home_score"],
                "away_score": row["away_score"],
                "result": _result(int(own), int(other)).value,
            }
        )
    results = [game["result"] for game in games]
    wins, losses, ties = (results.count(result.value) for result in Result)
    return {
        "games": games,
        "wins": wins,
        "losses": losses,
        "ties": ties,
        "record": f"{wins}-{losses}-{ties}" if ties else f"{wins}-{losses}",
    }


def game_timeline(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return a game's score progression: each state where the score moved."""
    timeline: list[dict[str, Any]] = []
    last: tuple[Any, Any] | None = None
    ordered = sorted(rows, key=lambda row: _time(row["time"]))
    for index, row in enumerate(ordered):
        score = (row.get("home_score"), row.get("away_score"))
        final = row.get("status") == FINAL and index == len(ordered) - 1
        if score == last and not final:
            continue
        last = score
        timeline.append(
            {
                "time": _time(row["time"]),
                "home_score": score[0],
                "away_score": score[1],
                "period": row.get("period"),
                "clock": row.get("clock") or None,
                "status": row.get("status"),
            }
        )
    return timeline
