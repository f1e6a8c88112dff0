"""A release: a scoreboard and the changes it brought, as every consumer gets it.

Pure: no Home Assistant imports. The coordinator makes one per new scoreboard,
the release queue holds it for the stream delay and then hands it, in order,
to each consumer (entities, bus events, history, webhooks).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from .diff import GameChange
from .field_diff import FieldChange
from .mma_card import same_card
from .models import Game, Scoreboard
from .standings import LeagueStandings
from .table_diff import TableChange

type Change = GameChange | FieldChange
"""A change a release carries: of a team's game, or of an athlete in a field event."""


@dataclass(frozen=True, slots=True)
class Release:
    """A scoreboard and its changes, to be shown at `at` (later with a stream delay).

    A new league table comes as a release too (`standings`, its followed teams'
    `table_changes`), with the board last queued: so the table's events reach
    every consumer in order with the game events, under the same stream delay.
    """

    at: datetime
    board: Scoreboard
    changes: tuple[Change, ...] = ()
    table_changes: tuple[TableChange, ...] = ()
    standings: LeagueStandings | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON form kept in the store."""
        data: dict[str, Any] = {
            "at": self.at.isoformat(),
            "board": self.board.as_dict(),
            "changes": [change.as_dict() for change in self.changes],
        }
        if self.standings is not None:
            data["standings"] = self.standings.as_dict()
            data["table_changes"] = [change.as_dict() for change in self.table_changes]
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Release:
        """Read the stored form back."""
        return cls(
            at=datetime.fromisoformat(data["at"]),
            board=Scoreboard.from_dict(data["board"]),
            changes=tuple(_change(change) for change in data["changes"]),
            table_changes=tuple(
                TableChange.from_dict(change) for change in data.get("table_changes", ())
            ),
            standings=(
                LeagueStandings.from_dict(data["standings"]) if data.get("standings") else None
            ),
        )


def _change(data: Mapping[str, Any]) -> Change:
    """Read a stored change back: an athlete's carries ``athlete_id``."""
    if "athlete_id" in data:
        return FieldChange.from_dict(data)
    return GameChange.from_dict(data)


def followed_board(board: Scoreboard, team_ids: Collection[str], around: timedelta) -> Scoreboard:
    """Return the board with only what a release needs: the followed teams' games.

    With a followed fighter's bout, the other bouts of its card.

    The entities also tell whether the league plays around a moment (a team
    without a game on a day its league plays has a bye): of the other games,
    one under way is kept if there is one, else those whose starts, `around`
    either side, still cover every moment the board's starts cover.
    """
    followed = [game for game in board.games if any(game.involves(t) for t in team_ids)]
    # A followed fighter's card: its other bouts are the Team tracker's ticker.
    kept = {game.id for game in (*followed, *same_card(board.games, followed))}
    if len(kept) == len(board.games):
        return board
    others = [game for game in board.games if game.id not in kept]
    kept.update(game.id for game in _league_markers(others, around))
    return replace(board, games=tuple(game for game in board.games if game.id in kept))


def _league_markers(games: list[Game], around: timedelta) -> list[Game]:
    """Return one game under way, else the games needed for the same `around` cover."""
    if playing := [game for game in games if game.phase.in_play]:
        return playing[:1]
    by_start = sorted(games, key=lambda game: game.start)
    kept: list[Game] = []
    for index, game in enumerate(by_start):
        last = index == len(by_start) - 1
        # A start is needed unless the kept one before it and the one after it
        # are close enough for their windows to meet.
        if not kept or last or by_start[index + 1].start - kept[-1].start > 2 * around:
            kept.append(game)
    return kept


type ReleaseConsumer = Callable[[Release], None]
"""A consumer: called with each release, in order, in the event loop."""
