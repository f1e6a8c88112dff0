"""The league table in InfluxDB: a daily position point per followed team, and its events.

``<league>_standings``: one point a day per followed team (tags ``team``,
``team_id``, ``group``; fields ``rank``, ``points``, ``played``, ``wins``,
``draws``, ``losses``, ``difference``, ``games_behind``, ``zone``), stamped at
midnight UTC of the table's day, so the day's later tables overwrite it with
the day's last word. Table changes are points of ``live_sports_events`` like
the game changes (tags ``event``, ``change``, ``team``, ``team_id``, ``group``;
fields ``event_id``, ``rank``, ``previous_rank``, ``zone``, ``clinch``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import UTC, datetime, time
from typing import Any

from ..events import short_type
from ..standings import LeagueStandings
from ..table_diff import TableChange
from ..table_events import table_event_type
from .schema import EVENTS_MEASUREMENT, _line, _ms


def standings_measurement(league: str) -> str:
    """Return the table measurement of a league ("eng.1_standings")."""
    return f"{league}_standings"


def _day_ms(at: datetime) -> int:
    return _ms(datetime.combine(at.astimezone(UTC).date(), time(), UTC))


def table_lines(
    standings: LeagueStandings, changes: Iterable[TableChange], team_ids: Collection[str]
) -> list[str]:
    """Return the line protocol for a released table: each followed team's day, its changes."""
    lines: list[str] = []
    day = _day_ms(standings.fetched_at)
    for team_id in team_ids:
        if (found := standings.find(team_id)) is None:
            continue
        group, row = found
        tags = {"team": row.team.abbreviation, "team_id": team_id, "group": group.name}
        fields: dict[str, Any] = {
            "rank": row.rank,
            "points": row.points,
            "played": row.played,
            "wins": row.wins,
            "draws": row.draws,
            "losses": row.losses,
            "difference": row.difference,
            "games_behind": row.games_behind,
            "zone": row.zone.label if row.zone else None,
        }
        lines.append(_line(standings_measurement(standings.league), tags, fields, day))
    stamp = _ms(standings.fetched_at)
    for offset, change in enumerate(changes):
        tags = {
            "league": change.league,
            "event": short_type(table_event_type(change)),
            "change": change.kind.value,
            "team": change.row.team.abbreviation,
            "team_id": change.team_id,
            "group": change.group,
        }
        fields = {
            "event_id": change.event_id,
            "rank": change.row.rank,
            "previous_rank": change.previous_rank,
            "zone": change.row.zone.label if change.row.zone else None,
            "clinch": change.row.clinch.value if change.row.clinch else None,
        }
        lines.append(_line(EVENTS_MEASUREMENT, tags, fields, stamp + offset))
    return lines
