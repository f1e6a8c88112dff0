"""One view of each followed team per shown board, shared by the team's entities.

A team has about ten entities on four platforms; each reads the same view of
the team (its current game, its latest final, every game it is known to
play). The view is built once per shown board, not once per entity, and a
view equal to the previous one is the previous object: an entity tells an
unchanged team by identity, without comparing games.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from homeassistant.util import dt as dt_util

from .const import RECENT_FINAL_WINDOW
from .models import Game, Scoreboard, Team, TeamSchedule, TeamSnapshot, known_games

VIEW_LIFETIME: Final = timedelta(minutes=1)
"""A view also depends on the time (a final leaves the recent window, a start
passes): one is rebuilt on a board seen longer than this."""


@dataclass(frozen=True, slots=True)
class TeamView:
    """What a followed team's entities show, from one board."""

    snapshot: TeamSnapshot
    games: tuple[Game, ...]
    """Every game known of the team (the board's and its schedule's), by start."""


def build_view(
    board: Scoreboard,
    schedule: TeamSchedule | None,
    team: Team,
    now: datetime,
    recent: timedelta = RECENT_FINAL_WINDOW,
) -> TeamView:
    """Return a team's view of a board and its schedule: the one place it is built.

    `recent`: how long after its start a final stays the team's current game.
    """
    return TeamView(
        snapshot=TeamSnapshot.build(board, schedule, team, now, recent),
        games=tuple(known_games(board, schedule, team.id)),
    )


class TeamViews:
    """The followed teams' views of the shown board, built once per board."""

    def __init__(self, recent: timedelta = RECENT_FINAL_WINDOW) -> None:
        """Start with no view; a final stays current `recent` after its start."""
        self.recent = recent
        self._board: Scoreboard | None = None
        self._until: datetime | None = None
        self._fresh: set[str] = set()
        self._views: dict[str, TeamView] = {}
        self._schedules: dict[str, TeamSchedule | None] = {}
        """The schedule each team's view was built from (a new one is a new object)."""
        self.builds = 0
        """How many views were built (for the benchmark and tests)."""

    def get(self, board: Scoreboard, schedule: TeamSchedule | None, team: Team) -> TeamView:
        """Return the team's view of `board` and its schedule: built on first use, then shared."""
        now = dt_util.utcnow()
        if board is not self._board or self._until is None or now >= self._until:
            self._board = board
            self._until = now + VIEW_LIFETIME
            self._fresh = set()
        old = self._views.get(team.id)
        if old is not None and team.id in self._fresh and self._schedules.get(team.id) is schedule:
            return old
        self._schedules[team.id] = schedule
        new = build_view(board, schedule, team, now, self.recent)
        self.builds += 1
        if old is not None:
            # Keep the previous objects where nothing changed: identity is the test.
            snapshot = old.snapshot if old.snapshot == new.snapshot else new.snapshot
            games = old.games if old.games == new.games else new.games
            if snapshot is not old.snapshot or games is not old.games:
                new = TeamView(snapshot, games)
            else:
                new = old
        self._views[team.id] = new
        self._fresh.add(team.id)
        return new
