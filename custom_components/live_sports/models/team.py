"""A followed team's games seen from the team: its schedule, current game and last final."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from .competitor import Competitor, Team
from .enums import Phase, Result, Side
from .game import Game, Scoreboard, current_game


@dataclass(frozen=True, slots=True)
class TeamSchedule:
    """A followed team's games from its schedule: past and upcoming, on any day.

    Its own thing beside the board, never merged into it: entities read both
    (next start, last result, the calendar); sinks see only the board. A new
    object is made only when its games change, so a reader can tell a
    change by identity.
    """

    team_id: str
    games: tuple[Game, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON form kept in the store."""
        return {"team_id": self.team_id, "games": [game.as_dict() for game in self.games]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TeamSchedule:
        """Read the stored JSON form back."""
        return cls(
            team_id=data["team_id"],
            games=tuple(Game.from_dict(game) for game in data["games"]),
        )


def _not_yet_seen(game: Game) -> Game:
    """Return a schedule's game as it was before it started: no score, no result."""
    return replace(
        game,
        phase=Phase.SCHEDULED,
        status_detail="",
        period=None,
        clock=None,
        situation=None,
        home=replace(game.home, score=None, winner=None, shootout_score=None),
        away=replace(game.away, score=None, winner=None, shootout_score=None),
    )


def known_games(board: Scoreboard, schedule: TeamSchedule | None, team_id: str) -> list[Game]:
    """Return every game known of a team, from the board and its schedule, by start.

    The board's copy of a game wins over the schedule's. The schedule never
    tells more than the board shown (held back by a stream delay, maybe) could:
    a game of it that started after that board was fetched shows as not
    started yet.
    """
    games = {game.id: game for game in board.games if game.involves(team_id)}
    for game in schedule.games if schedule else ():
        if game.id in games or not game.involves(team_id):
            continue
        spoiler = game.phase is not Phase.SCHEDULED and game.start > board.fetched_at
        games[game.id] = _not_yet_seen(game) if spoiler else game
    return sorted(games.values(), key=lambda game: game.start)


@dataclass(frozen=True, slots=True)
class TeamGame:
    """A game seen from one of its teams."""

    game: Game
    side: Side

    @property
    def own(self) -> Competitor:
        """Return the followed team's side."""
        return self.game.competitor(self.side)

    @property
    def opponent(self) -> Competitor:
        """Return the other side."""
        return self.game.competitor(Side.AWAY if self.side is Side.HOME else Side.HOME)

    @property
    def result(self) -> Result | None:
        """Return the followed team's result once the game is final."""
        return self.game.result_for(self.own.team.id)


@dataclass(frozen=True, slots=True)
class TeamSnapshot:
    """What a followed team's entities show: its current and last games."""

    team: Team
    current: TeamGame | None
    last_final: TeamGame | None

    @classmethod
    def build(
        cls,
        scoreboard: Scoreboard,
        schedule: TeamSchedule | None,
        team: Team,
        now: datetime,
        recent: timedelta,
    ) -> TeamSnapshot:
        """Pick the team's current game and its latest final from the board and its schedule."""
        games = known_games(scoreboard, schedule, team.id)
        finals = [game for game in games if game.phase is Phase.FINAL and game.start <= now]

        def view(game: Game | None) -> TeamGame | None:
            side = game.side_of(team.id) if game else None
            return TeamGame(game, side) if game and side else None

        return cls(
            team=team,
            current=view(current_game(games, now, recent)),
            last_final=view(finals[-1] if finals else None),
        )
