"""What a game carries beyond its score: venue, live situation, odds, key events, series."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .enums import Side


@dataclass(frozen=True, slots=True)
class Venue:
    """Where a game is played."""

    name: str
    city: str | None = None
    state: str | None = None
    """State, province or region, where the provider names it."""
    country: str | None = None

    @property
    def location(self) -> str | None:
        """Return where it is as people write it: "Philadelphia, Pennsylvania"."""
        return ", ".join(part for part in (self.city, self.state, self.country) if part) or None

    def as_dict(self) -> dict[str, Any]:
        """Return the canonical JSON form (state and country only when known)."""
        data: dict[str, Any] = {"name": self.name, "city": self.city}
        for key in ("state", "country"):
            if (value := getattr(self, key)) is not None:
                data[key] = value
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Venue:
        """Read the canonical JSON form back."""
        return cls(
            name=data["name"],
            city=data.get("city"),
            state=data.get("state"),
            country=data.get("country"),
        )


@dataclass(frozen=True, slots=True)
class Situation:
    """Sport-specific live details, where the provider has them."""

    possession: str | None = None
    down_distance: str | None = None
    balls: int | None = None
    strikes: int | None = None
    outs: int | None = None
    on_first: bool | None = None
    on_second: bool | None = None
    on_third: bool | None = None
    last_play: str | None = None
    """The provider's text of the latest play."""

    def as_dict(self) -> dict[str, Any]:
        """Return the canonical JSON form, without empty details."""
        return {key: getattr(self, key) for key in self.__slots__ if getattr(self, key) is not None}


@dataclass(frozen=True, slots=True)
class Odds:
    """A betting line, as the provider lists it first."""

    spread: float | None = None
    """Points of the spread; its size is what the favourite gives (0: even)."""
    over_under: float | None = None
    favorite: Side | None = None
    details: str | None = None
    """The line as the provider prints it ("PHI -140", "BGSU -7.5")."""

    def as_dict(self) -> dict[str, Any]:
        """Return the canonical JSON form (``details`` only when known)."""
        data: dict[str, Any] = {
            "spread": self.spread,
            "over_under": self.over_under,
            "favorite": self.favorite.value if self.favorite else None,
        }
        if self.details is not None:
            data["details"] = self.details
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Odds:
        """Read the canonical JSON form back."""
        favorite = data.get("favorite")
        return cls(
            spread=data.get("spread"),
            over_under=data.get("over_under"),
            favorite=Side(favorite) if favorite else None,
            details=data.get("details"),
        )


@dataclass(frozen=True, slots=True)
class KeyEvent:
    """A goal or a card, as a scoreboard lists it."""

    clock: str
    """The minute it happened ("11'", "90'+7'")."""
    kind: str
    """The provider's label of it ("Goal", "Yellow Card", "Own Goal")."""
    team_id: str | None = None
    athlete: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return the canonical JSON form."""
        return {
            "clock": self.clock,
            "kind": self.kind,
            "team_id": self.team_id,
            "athlete": self.athlete,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> KeyEvent:
        """Read the canonical JSON form back."""
        return cls(
            clock=data["clock"],
            kind=data["kind"],
            team_id=data.get("team_id"),
            athlete=data.get("athlete"),
        )


@dataclass(frozen=True, slots=True)
class Series:
    """A series the game belongs to (play-offs): wins so far per side."""

    home_wins: int
    away_wins: int
    completed: bool = False

    def as_dict(self) -> dict[str, Any]:
        """Return the canonical JSON form."""
        return {
            "home_wins": self.home_wins,
            "away_wins": self.away_wins,
            "completed": self.completed,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Series:
        """Read the canonical JSON form back."""
        return cls(
            home_wins=data["home_wins"],
            away_wins=data["away_wins"],
            completed=data.get("completed", False),
        )
