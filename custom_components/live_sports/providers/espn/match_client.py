"""ESPN's boards of athletes' matches, fetched: tennis tours and MMA cards.

The board asked for without a date holds the events under way or next with
all their matches (a Grand Slam's 600 and more, a card's bouts): polled
conditionally, the previous board returned unchanged when the body is the
same. The athletes to follow are offered from it: players, then pairs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Final

import aiohttp

from ...models import Game, Scoreboard, Team
from ..base import League
from .current_board import EspnCurrentBoard, ParseBoard
from .mma import MMA_LEAGUES, parse_mma_board
from .tennis import TENNIS_LEAGUES, parse_tennis_board

_TBD: Final = "TBD"

PARSERS: Final[dict[str, ParseBoard[Game]]] = {
    **dict.fromkeys(TENNIS_LEAGUES, parse_tennis_board),
    **dict.fromkeys(MMA_LEAGUES, parse_mma_board),
}
"""The parser of each league of athletes' matches."""


def match_players(games: Iterable[Game]) -> list[Team]:
    """Return the players of the matches, once each: singles players, then pairs, by name."""
    players: dict[str, Team] = {}
    pairs: dict[str, Team] = {}
    for game in games:
        for side in (game.home, game.away):
            if _TBD in side.team.name or side.team.id.startswith("-"):
                continue
            (pairs if side.members else players).setdefault(side.team.id, side.team)
    return [
        *sorted(players.values(), key=lambda team: team.name.casefold()),
        *sorted(pairs.values(), key=lambda team: team.name.casefold()),
    ]


class EspnMatchProvider(EspnCurrentBoard[Game]):
    """Fetch one tennis tour's or MMA promotion's board from ESPN."""

    def __init__(self, session: aiohttp.ClientSession, league: League) -> None:
        """Initialize with Home Assistant's shared session."""
        super().__init__(session, league, PARSERS[league.key])

    def _teams(self, items: Sequence[Game]) -> list[Team]:
        return match_players(items)

    def _board(self, items: tuple[Game, ...], now: datetime) -> Scoreboard:
        return Scoreboard(league=self.league.key, fetched_at=now, games=items)
