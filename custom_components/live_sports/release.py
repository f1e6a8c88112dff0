"""A release: a scoreboard and the changes it brought, as every consumer gets it.

Pure: no Home Assistant imports. The coordinator makes one per new scoreboard,
the release queue holds it for the stream delay and then hands it, in order,
to each consumer (entities, bus events, history, webhooks).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .diff import GameChange
from .models import Scoreboard


@dataclass(frozen=True, slots=True)
class Release:
    """A scoreboard and its changes, to be shown at `at` (later with a stream delay)."""

    at: datetime
    board: Scoreboard
    changes: tuple[GameChange, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON form kept in the store."""
        return {
            "at": self.at.isoformat(),
            "board": self.board.as_dict(),
            "changes": [change.as_dict() for change in self.changes],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Release:
        """Read the stored form back."""
        return cls(
            at=datetime.fromisoformat(data["at"]),
            board=Scoreboard.from_dict(data["board"]),
            changes=tuple(GameChange.from_dict(change) for change in data["changes"]),
        )


type ReleaseConsumer = Callable[[Release], None]
"""A consumer: called with each release, in order, in the event loop."""
