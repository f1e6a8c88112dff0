"""What changed in a league table, from each followed team's view.

Pure, like `diff`: a table in, typed changes out, plus what to remember of
each followed team for the next table (stored, so a restart neither repeats
nor misses a change). A team seen in a table for the first time is only
remembered: a place, zone or clinch it already had fires nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
import hashlib
from typing import Any

from .standings import Clinch, LeagueStandings, StandingsRow


class TableChangeKind(StrEnum):
    """The kinds of table change the integration reports."""

    POSITION_CHANGED = "position_changed"
    CLINCHED = "clinched"
    ZONE_CHANGED = "zone_changed"


@dataclass(frozen=True, slots=True)
class TablePlace:
    """What is remembered of a followed team's line between tables."""

    group: str
    rank: int
    zone: str | None
    clinch: Clinch | None
    seq: int = 0
    """Changes reported for this team so far: part of each change's id."""

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON form kept in the store."""
        return {
            "group": self.group,
            "rank": self.rank,
            "zone": self.zone,
            "clinch": self.clinch.value if self.clinch else None,
            "seq": self.seq,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TablePlace:
        """Read the stored form back."""
        clinch = data.get("clinch")
        return cls(
            group=data["group"],
            rank=int(data["rank"]),
            zone=data.get("zone"),
            clinch=Clinch(clinch) if clinch else None,
            seq=int(data.get("seq", 0)),
        )


@dataclass(frozen=True, slots=True)
class TableChange:
    """One change of a followed team's line: what every sink receives."""

    kind: TableChangeKind
    league: str
    team_id: str
    event_id: str
    """Stable across reloads and restarts (kept with a delayed release)."""
    group: str
    row: StandingsRow
    previous_rank: int | None = None
    previous_zone: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON form kept with a release waiting for the stream delay."""
        return {
            "kind": self.kind.value,
            "league": self.league,
            "team_id": self.team_id,
            "event_id": self.event_id,
            "group": self.group,
            "row": self.row.as_dict(),
            "previous_rank": self.previous_rank,
            "previous_zone": self.previous_zone,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TableChange:
        """Read the stored form back."""
        return cls(
            kind=TableChangeKind(data["kind"]),
            league=data["league"],
            team_id=data["team_id"],
            event_id=data["event_id"],
            group=data["group"],
            row=StandingsRow.from_dict(data["row"]),
            previous_rank=data.get("previous_rank"),
            previous_zone=data.get("previous_zone"),
        )


def table_change_id(league: str, team_id: str, seq: int, kind: TableChangeKind) -> str:
    """Return a stable id: the same change always gets the same id."""
    key = f"{league}:table:{team_id}:{seq}:{kind}"
    return hashlib.sha256(key.encode()).hexdigest()[:24]


def table_diff(
    previous: Mapping[str, TablePlace],
    standings: LeagueStandings,
    team_ids: Collection[str],
) -> tuple[list[TableChange], dict[str, TablePlace]]:
    """Return the followed teams' table changes and the places to keep.

    A team the table does not list (yet) keeps what was known of it.
    """
    changes: list[TableChange] = []
    places: dict[str, TablePlace] = {}
    for team_id in dict.fromkeys(team_ids):
        before = previous.get(team_id)
        if (found := standings.find(team_id)) is None:
            if before is not None:
                places[team_id] = before
            continue
        group, row = found
        zone = row.zone.label if row.zone else None
        if before is None:
            places[team_id] = TablePlace(group.name, row.rank, zone, row.clinch)
            continue
        seq = before.seq
        found_kinds: list[tuple[TableChangeKind, dict[str, Any]]] = []
        if (group.name, row.rank) != (before.group, before.rank):
            found_kinds.append((TableChangeKind.POSITION_CHANGED, {"previous_rank": before.rank}))
        if zone != before.zone:
            found_kinds.append((TableChangeKind.ZONE_CHANGED, {"previous_zone": before.zone}))
        if row.clinch is not None and row.clinch is not before.clinch:
            found_kinds.append((TableChangeKind.CLINCHED, {}))
        for kind, details in found_kinds:
            seq += 1
            changes.append(
                TableChange(
                    kind=kind,
                    league=standings.league,
                    team_id=team_id,
                    event_id=table_change_id(standings.league, team_id, seq, kind),
                    group=group.name,
                    row=row,
                    **details,
                )
            )
        places[team_id] = TablePlace(group.name, row.rank, zone, row.clinch, seq)
    return changes, places
