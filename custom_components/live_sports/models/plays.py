"""A play: who scored, how and when, or who was booked.

Pure domain types: no Home Assistant, nothing of the package beyond ``models``.
Providers fill a game's plays where they have them (ESPN's soccer ``details``,
the Demo league); change detection fires each new one once (``play_changes``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class PlayKind(StrEnum):
    """What a play was, mapped once per provider; an unknown kind is ``other``."""

    GOAL = "goal"
    PENALTY_GOAL = "penalty_goal"
    OWN_GOAL = "own_goal"
    SHOOTOUT_GOAL = "shootout_goal"
    SHOOTOUT_MISS = "shootout_miss"
    YELLOW_CARD = "yellow_card"
    RED_CARD = "red_card"
    TOUCHDOWN = "touchdown"
    FIELD_GOAL = "field_goal"
    SAFETY = "safety"
    TWO_POINT = "two_point"
    EXTRA_POINT = "extra_point"
    HOME_RUN = "home_run"
    RUN = "run"
    BASKET = "basket"
    TRY = "try"
    OTHER = "other"

    @property
    def is_card(self) -> bool:
        """Return True for a booking."""
        return self in (PlayKind.YELLOW_CARD, PlayKind.RED_CARD)

    @property
    def in_shootout(self) -> bool:
        """Return True for a shoot-out kick (it never changes the game's score)."""
        return self in (PlayKind.SHOOTOUT_GOAL, PlayKind.SHOOTOUT_MISS)


LABELS: Mapping[PlayKind, str] = {
    PlayKind.GOAL: "Goal",
    PlayKind.PENALTY_GOAL: "Goal",
    PlayKind.OWN_GOAL: "Own goal",
    PlayKind.SHOOTOUT_GOAL: "Penalty scored",
    PlayKind.SHOOTOUT_MISS: "Penalty missed",
    PlayKind.YELLOW_CARD: "Yellow card",
    PlayKind.RED_CARD: "Red card",
    PlayKind.TOUCHDOWN: "Touchdown",
    PlayKind.FIELD_GOAL: "Field goal",
    PlayKind.SAFETY: "Safety",
    PlayKind.TWO_POINT: "Two-point conversion",
    PlayKind.EXTRA_POINT: "Extra point",
    PlayKind.HOME_RUN: "Home run",
    PlayKind.RUN: "Run",
    PlayKind.BASKET: "Basket",
    PlayKind.TRY: "Try",
    PlayKind.OTHER: "Play",
}
"""How the match report names a kind ("Goal — B. Saka 36' (pen.)")."""


@dataclass(frozen=True, slots=True)
class Athlete:
    """A player in a play, by the provider's id."""

    id: str | None
    name: str
    short_name: str | None = None
    """The name as a report prints it ("B. Saka")."""
    jersey: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return the canonical JSON form."""
        return {
            "id": self.id,
            "name": self.name,
            "short_name": self.short_name,
            "jersey": self.jersey,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Athlete:
        """Read the canonical JSON form back."""
        return cls(
            id=data.get("id"),
            name=data["name"],
            short_name=data.get("short_name"),
            jersey=data.get("jersey"),
        )


@dataclass(frozen=True, slots=True)
class Play:
    """One scoring play or card of a game, with the provider's stable id."""

    id: str
    kind: PlayKind
    team_id: str | None
    """The team it counts for (an own goal: the team given the goal)."""
    period: int | None = None
    clock: str | None = None
    """The game clock as the provider prints it ("36'", "90'+6'", "12:04")."""
    scorer: Athlete | None = None
    """Who scored, or who was booked."""
    assists: tuple[Athlete, ...] = ()
    points: int = 0
    """What it added to the team's score (0 for a card or a shoot-out kick)."""
    home_score: int | None = None
    away_score: int | None = None
    """The score after the play."""
    text: str | None = None
    """A short text of the play, where the provider gives one as a fact."""
    strength: str | None = None
    """Hockey: even strength, power play, short-handed."""
    shot_type: str | None = None

    @property
    def changes_score(self) -> bool:
        """Return True if the play moved the game's score."""
        return self.points > 0 and not self.kind.in_shootout

    def as_dict(self) -> dict[str, Any]:
        """Return the canonical JSON form (event data, webhook bodies, stored releases)."""
        return {
            "id": self.id,
            "kind": self.kind.value,
            "team_id": self.team_id,
            "period": self.period,
            "clock": self.clock,
            "scorer": self.scorer.as_dict() if self.scorer else None,
            "assists": [athlete.as_dict() for athlete in self.assists],
            "points": self.points,
            "home_score": self.home_score,
            "away_score": self.away_score,
            "text": self.text,
            "strength": self.strength,
            "shot_type": self.shot_type,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Play:
        """Read the canonical JSON form back."""
        scorer = data.get("scorer")
        return cls(
            id=data["id"],
            kind=PlayKind(data["kind"]),
            team_id=data.get("team_id"),
            period=data.get("period"),
            clock=data.get("clock"),
            scorer=Athlete.from_dict(scorer) if scorer else None,
            assists=tuple(Athlete.from_dict(a) for a in data.get("assists", ())),
            points=int(data.get("points") or 0),
            home_score=data.get("home_score"),
            away_score=data.get("away_score"),
            text=data.get("text"),
            strength=data.get("strength"),
            shot_type=data.get("shot_type"),
        )


_MARKS: Mapping[PlayKind, str] = {
    PlayKind.PENALTY_GOAL: "(pen.)",
    PlayKind.OWN_GOAL: "(o.g.)",
}


def play_summary(play: Play) -> str:
    """Return who and when, as a match report prints it: "B. Saka 36' (pen.)".

    Without a named scorer, the provider's text of the play says who.
    """
    parts = []
    if play.scorer is not None:
        parts.append(play.scorer.short_name or play.scorer.name)
    elif play.text:  # the provider's words name the players ("J. Reed 9 Yd pass from J. Love")
        parts.append(play.text)
    if play.clock:
        parts.append(play.clock)
    if mark := _MARKS.get(play.kind):
        parts.append(mark)
    if play.strength:
        parts.append(f"({play.strength})")
    if play.assists:
        names = ", ".join(athlete.short_name or athlete.name for athlete in play.assists)
        parts.append(f"assisted by {names}")
    return " ".join(parts)


def report_line(play: Play, scoreline: str) -> str:
    """Return a match report's line: "Goal — B. Saka 36' (pen.) · ARS 2–1 CHE"."""
    summary = play_summary(play)
    label = LABELS[play.kind]
    return f"{label} — {summary} · {scoreline}" if summary else f"{label} · {scoreline}"
