"""League tables: groups of ranked rows, each team's place, and its JSON form.

Pure, like `models`: providers build a `LeagueStandings` from their feed, the
standings keeper stores and compares them, the entities read them. A league's
table has one or more groups (a league table, conferences, divisions, a league
phase); a row carries what the provider says of a team in its group: rank,
games, points, goals or points for and against, win percentage, games behind,
streak, playoff seed, a clinch mark, and the zone the provider colours it in
(Champions League, relegation, play-in).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from .models import Team


class Clinch(StrEnum):
    """What a team has mathematically decided (a provider's clinch mark)."""

    TOP_SEED = "top_seed"
    DIVISION = "division"
    PLAYOFF_SPOT = "playoff_spot"
    PLAY_IN = "play_in"
    TITLE = "title"
    ELIMINATED = "eliminated"
    RELEGATED = "relegated"
    CLINCHED = "clinched"
    """A mark the provider has not explained to us: something is decided."""


@dataclass(frozen=True, slots=True)
class Zone:
    """The band of the table a row is in, as the provider labels and colours it."""

    label: str
    color: str | None = None
    """Six hex digits without "#" ("81D6AC")."""


_NUMBERS = (
    "played",
    "wins",
    "losses",
    "draws",
    "points",
    "points_for",
    "points_against",
    "difference",
    "win_percent",
    "games_behind",
    "streak",
    "seed",
)


@dataclass(frozen=True, slots=True)
class StandingsRow:
    """One team's line in its group."""

    team: Team
    rank: int
    played: int | None = None
    wins: int | None = None
    losses: int | None = None
    draws: int | None = None
    points: float | None = None
    points_for: float | None = None
    points_against: float | None = None
    difference: float | None = None
    win_percent: float | None = None
    games_behind: float | None = None
    streak: str | None = None
    seed: int | None = None
    clinch: Clinch | None = None
    clinch_mark: str | None = None
    """The provider's own letter for it ("x", "z"): the table shows it."""
    zone: Zone | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON form (kept in the store, shown in the table attribute)."""
        data: dict[str, Any] = {
            "rank": self.rank,
            "team_id": self.team.id,
            "team": self.team.name,
            "abbreviation": self.team.abbreviation,
            "short_name": self.team.short_name,
            "logo": self.team.logo,
            "color": self.team.color,
            "url": self.team.url,
        }
        data |= {key: getattr(self, key) for key in _NUMBERS}
        data["clinch"] = self.clinch.value if self.clinch else None
        data["clinch_mark"] = self.clinch_mark
        data["zone"] = self.zone.label if self.zone else None
        data["zone_color"] = self.zone.color if self.zone else None
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StandingsRow:
        """Read the JSON form back."""
        team = Team(
            id=data["team_id"],
            abbreviation=data["abbreviation"],
            name=data["team"],
            short_name=data["short_name"],
            logo=data.get("logo"),
            color=data.get("color"),
            url=data.get("url"),
        )
        zone = Zone(data["zone"], data.get("zone_color")) if data.get("zone") else None
        clinch = Clinch(data["clinch"]) if data.get("clinch") else None
        numbers = {key: data.get(key) for key in _NUMBERS}
        return cls(
            team=team,
            rank=int(data["rank"]),
            clinch=clinch,
            clinch_mark=data.get("clinch_mark"),
            zone=zone,
            **numbers,
        )


@dataclass(frozen=True, slots=True)
class StandingsGroup:
    """A ranked group: the whole league, a conference, a division, a league phase."""

    name: str
    rows: tuple[StandingsRow, ...]

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {"name": self.name, "rows": [row.as_dict() for row in self.rows]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StandingsGroup:
        """Read the JSON form back."""
        return cls(data["name"], tuple(StandingsRow.from_dict(row) for row in data["rows"]))


@dataclass(frozen=True, slots=True)
class LeagueStandings:
    """A league's table as the provider gave it at `fetched_at`."""

    league: str
    fetched_at: datetime
    groups: tuple[StandingsGroup, ...]
    season: str | None = None

    def find(self, team_id: str) -> tuple[StandingsGroup, StandingsRow] | None:
        """Return a team's group and row, None when the table does not list it."""
        for group in self.groups:
            for row in group.rows:
                if row.team.id == team_id:
                    return group, row
        return None

    @property
    def leader(self) -> StandingsRow | None:
        """Return the first row of the first group (the league's leader with one group)."""
        return self.groups[0].rows[0] if self.groups and self.groups[0].rows else None

    def same_table(self, other: LeagueStandings | None) -> bool:
        """Return whether `other` holds the same groups and rows (fetched at any time)."""
        return other is not None and (other.groups, other.season) == (self.groups, self.season)

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON form kept in the store."""
        return {
            "league": self.league,
            "fetched_at": self.fetched_at.isoformat(),
            "season": self.season,
            "groups": [group.as_dict() for group in self.groups],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LeagueStandings:
        """Read the stored form back."""
        return cls(
            league=data["league"],
            fetched_at=datetime.fromisoformat(data["fetched_at"]),
            groups=tuple(StandingsGroup.from_dict(group) for group in data["groups"]),
            season=data.get("season"),
        )


@dataclass(frozen=True, slots=True)
class ZoneGap:
    """The nearest zone above or below a team, and how far it is."""

    label: str
    gap: float | None
    """Points (or games) between the team and that zone's nearest row; None unknown."""


@dataclass(frozen=True, slots=True)
class Position:
    """A followed team's place: its row, the row above, the gaps a fan asks about."""

    group: StandingsGroup
    row: StandingsRow
    above: StandingsRow | None
    gap_to_leader: float | None
    zone_above: ZoneGap | None
    zone_below: ZoneGap | None


def _measure(group: StandingsGroup) -> str:
    """Return what gaps are counted in: games behind (US leagues) or points."""
    if any(row.games_behind is not None for row in group.rows):
        return "games_behind"
    return "points"


def _gap(group: StandingsGroup, better: StandingsRow, worse: StandingsRow) -> float | None:
    """Return how far `worse` is behind `better`, in the group's measure."""
    measure = _measure(group)
    first, second = getattr(better, measure), getattr(worse, measure)
    if first is None or second is None:
        return None
    gap = second - first if measure == "games_behind" else first - second
    return float(gap)


def position_of(standings: LeagueStandings, team_id: str) -> Position | None:
    """Return a team's position in the table, None when it is not listed."""
    if (found := standings.find(team_id)) is None:
        return None
    group, row = found
    index = group.rows.index(row)
    own = row.zone.label if row.zone else None
    zone_above = next(
        (
            ZoneGap(other.zone.label, _gap(group, other, row))
            for other in reversed(group.rows[:index])
            if other.zone and other.zone.label != own
        ),
        None,
    )
    zone_below = next(
        (
            ZoneGap(other.zone.label, _gap(group, row, other))
            for other in group.rows[index + 1 :]
            if other.zone and other.zone.label != own
        ),
        None,
    )
    return Position(
        group=group,
        row=row,
        above=group.rows[index - 1] if index else None,
        gap_to_leader=_gap(group, group.rows[0], row),
        zone_above=zone_above,
        zone_below=zone_below,
    )
