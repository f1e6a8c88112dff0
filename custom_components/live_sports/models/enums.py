"""What a game is doing, the sides it is played between, and how it ended."""

from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    """What the provider says a game is doing (never derived from the clock)."""

    SCHEDULED = "scheduled"
    LIVE = "live"
    BREAK = "break"
    FINAL = "final"
    POSTPONED = "postponed"
    DELAYED = "delayed"
    SUSPENDED = "suspended"
    CANCELED = "canceled"

    @property
    def in_play(self) -> bool:
        """Return True while the game is under way (live or in a break)."""
        return self in (Phase.LIVE, Phase.BREAK)


class Side(StrEnum):
    """Home or away."""

    HOME = "home"
    AWAY = "away"


class Result(StrEnum):
    """Outcome of a finished game from one team's point of view."""

    WIN = "win"
    LOSS = "loss"
    TIE = "tie"
