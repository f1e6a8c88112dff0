"""The domain of events with an ordered field: a golf leaderboard, a race result.

Pure, frozen dataclasses, no Home Assistant. Team sports (and the two-sided
events of athletes: a tennis match, a bout) are ``models.Game``s with a home and
an away side; an event whose competitors finish in an order is a ``FieldEvent``
with its ``Entrant``s in the provider's order. Both keep the same phases
(``models.Phase``) and each has one canonical JSON form (``as_dict()``) that the
``feed`` command prints and every sink is to use.

A followed competitor is a team or an athlete (``Followed``), always identified
by the provider's id, never by a display name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Final

from .enums import Phase

HOLES: Final = 18
"""Holes in a round of golf."""


class CompetitorKind(StrEnum):
    """What a followed competitor (or an entrant of a field) is."""

    TEAM = "team"
    ATHLETE = "athlete"
    PAIR = "pair"
    """Two athletes as one entrant: tennis doubles, a team golf event."""


@dataclass(frozen=True, slots=True)
class Followed:
    """What a device follows: a team or an athlete, by the provider's id."""

    kind: CompetitorKind
    id: str
    name: str


class EntrantStatus(StrEnum):
    """Whether an entrant is still in the event."""

    ACTIVE = "active"
    CUT = "cut"
    WITHDRAWN = "withdrawn"
    DISQUALIFIED = "disqualified"


_STATUS_TEXT: Final = {
    EntrantStatus.CUT: "CUT",
    EntrantStatus.WITHDRAWN: "WD",
    EntrantStatus.DISQUALIFIED: "DQ",
}


@dataclass(frozen=True, slots=True)
class Athlete:
    """An athlete as a provider lists them."""

    id: str
    name: str
    short_name: str
    country: str | None = None
    flag: str | None = None
    """The country flag's image, where the provider has one."""

    def as_dict(self) -> dict[str, Any]:
        """Return the canonical JSON form."""
        return {
            "id": self.id,
            "name": self.name,
            "short_name": self.short_name,
            "country": self.country,
            "flag": self.flag,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Athlete:
        """Read the canonical JSON form back."""
        return cls(
            id=data["id"],
            name=data["name"],
            short_name=data["short_name"],
            country=data.get("country"),
            flag=data.get("flag"),
        )


@dataclass(frozen=True, slots=True)
class Round:
    """One round of an entrant (golf): strokes, to par, holes played, tee time."""

    number: int
    strokes: int | None = None
    to_par: int | None = None
    holes: int = 0
    """Holes played in this round so far (18: the round is finished)."""
    tee_time: datetime | None = None

    @property
    def finished(self) -> bool:
        """Return True once every hole of the round is played."""
        return self.holes >= HOLES

    def as_dict(self) -> dict[str, Any]:
        """Return the canonical JSON form."""
        return {
            "number": self.number,
            "strokes": self.strokes,
            "to_par": self.to_par,
            "holes": self.holes,
            "tee_time": _iso(self.tee_time),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Round:
        """Read the canonical JSON form back."""
        return cls(
            number=data["number"],
            strokes=data.get("strokes"),
            to_par=data.get("to_par"),
            holes=data.get("holes", 0),
            tee_time=_datetime(data.get("tee_time")),
        )


@dataclass(frozen=True, slots=True)
class Entrant:
    """One place of an ordered field: an athlete, or a pair (team golf, doubles)."""

    id: str
    """The provider's id of the athlete, or of the pair."""
    kind: CompetitorKind
    name: str
    short_name: str
    order: int
    """The provider's order of the field, from 1."""
    position: int | None = None
    """Place with ties (1 + the entrants strictly ahead); None once cut or out."""
    tied: bool = False
    score: int | None = None
    """Golf: strokes to par over the event (-10; 0 is even)."""
    status: EntrantStatus = EntrantStatus.ACTIVE
    rounds: tuple[Round, ...] = ()
    athlete: Athlete | None = None
    """The athlete, for an athlete's entry."""
    members: tuple[str, ...] = ()
    """The pair's members as the provider names them (it lists no ids for them)."""

    @property
    def position_text(self) -> str | None:
        """Return the place as a leaderboard prints it: "T13", "1", "CUT", "WD"."""
        if self.status is not EntrantStatus.ACTIVE:
            return _STATUS_TEXT[self.status]
        if self.position is None:
            return None
        return f"T{self.position}" if self.tied else str(self.position)

    @property
    def current_round(self) -> Round | None:
        """Return the latest round the entrant has started, else the first listed."""
        started = [item for item in self.rounds if item.holes]
        if started:
            return started[-1]
        return self.rounds[0] if self.rounds else None

    def as_dict(self) -> dict[str, Any]:
        """Return the canonical JSON form."""
        return {
            "id": self.id,
            "kind": self.kind.value,
            "name": self.name,
            "short_name": self.short_name,
            "order": self.order,
            "position": self.position,
            "position_text": self.position_text,
            "tied": self.tied,
            "score": self.score,
            "score_text": to_par_text(self.score),
            "status": self.status.value,
            "rounds": [item.as_dict() for item in self.rounds],
            "athlete": self.athlete.as_dict() if self.athlete else None,
            "members": list(self.members),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Entrant:
        """Read the canonical JSON form back."""
        athlete = data.get("athlete")
        return cls(
            id=data["id"],
            kind=CompetitorKind(data["kind"]),
            name=data["name"],
            short_name=data["short_name"],
            order=data["order"],
            position=data.get("position"),
            tied=bool(data.get("tied")),
            score=data.get("score"),
            status=EntrantStatus(data.get("status", EntrantStatus.ACTIVE)),
            rounds=tuple(Round.from_dict(item) for item in data.get("rounds", ())),
            athlete=Athlete.from_dict(athlete) if athlete else None,
            members=tuple(data.get("members", ())),
        )


@dataclass(frozen=True, slots=True)
class FieldEvent:
    """An event whose entrants finish in an order (a golf tournament), in that order."""

    id: str
    league: str
    sport: str
    name: str
    short_name: str
    start: datetime
    phase: Phase
    status_detail: str
    end: datetime | None = None
    period: int | None = None
    """The round (golf) under way or last played."""
    entrants: tuple[Entrant, ...] = ()
    """Empty until the provider publishes the field (the entry list)."""
    team_event: bool = False
    """Entrants are pairs (a team golf event)."""

    @property
    def field_published(self) -> bool:
        """Return True once the provider lists the entrants."""
        return bool(self.entrants)

    @property
    def leader(self) -> Entrant | None:
        """Return the entrant in first place (the first of the order among ties), if any."""
        return next((item for item in self.entrants if item.position == 1), None)

    def entrant(self, entrant_id: str) -> Entrant | None:
        """Return an entrant by the provider's id."""
        return next((item for item in self.entrants if item.id == entrant_id), None)

    def as_dict(self) -> dict[str, Any]:
        """Return the canonical JSON form, shared by every consumer."""
        return {
            "id": self.id,
            "league": self.league,
            "sport": self.sport,
            "name": self.name,
            "short_name": self.short_name,
            "start": _iso(self.start),
            "end": _iso(self.end),
            "phase": self.phase.value,
            "status_detail": self.status_detail,
            "period": self.period,
            "team_event": self.team_event,
            "field_published": self.field_published,
            "entrants": [item.as_dict() for item in self.entrants],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FieldEvent:
        """Read the canonical JSON form back."""
        return cls(
            id=data["id"],
            league=data["league"],
            sport=data["sport"],
            name=data["name"],
            short_name=data["short_name"],
            start=datetime.fromisoformat(data["start"]),
            end=_datetime(data.get("end")),
            phase=Phase(data["phase"]),
            status_detail=data["status_detail"],
            period=data.get("period"),
            team_event=bool(data.get("team_event")),
            entrants=tuple(Entrant.from_dict(item) for item in data.get("entrants", ())),
        )


def field_athletes(events: Iterable[FieldEvent]) -> list[Athlete]:
    """Return the athletes of the events' fields, once each, by name (a pick list)."""
    found: dict[str, Athlete] = {}
    for event in events:
        for entrant in event.entrants:
            if entrant.athlete is not None:
                found.setdefault(entrant.athlete.id, entrant.athlete)
    return sorted(found.values(), key=lambda athlete: athlete.name.casefold())


def to_par_text(score: int | None) -> str | None:
    """Return a score to par as golf prints it: "-10", "E", "+3"."""
    if score is None:
        return None
    if score == 0:
        return "E"
    return f"{score:+d}"


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
