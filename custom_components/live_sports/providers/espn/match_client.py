"""ESPN's boards of athletes' matches, fetched: tennis tours and MMA cards.

The board asked for without a date holds the events under way or next with
all their matches (a Grand Slam's 600 and more, a card's bouts): polled
conditionally, the previous board returned unchanged when the body is the
same. The athletes to follow are offered from it: players, then pairs.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from datetime import datetime, timedelta
import logging
from typing import Any, Final

import aiohttp

from ...models import Game, Scoreboard, Team
from ..base import League
from ..http import UNCHANGED, Validators, async_get_json
from ..parsing import UnknownStatusCallback
from .mma import MMA_LEAGUES, parse_mma_board
from .tennis import TENNIS_LEAGUES, parse_tennis_board

_LOGGER = logging.getLogger(__name__)

BASE_URL: Final = "https://site.api.espn.com/apis/site/v2/sports"
_TBD: Final = "TBD"

type ParseMatches = Callable[[Any, League, UnknownStatusCallback | None], tuple[Game, ...]]
PARSERS: Final[dict[str, ParseMatches]] = {
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


class EspnMatchProvider:
    """Fetch one tennis tour's or MMA promotion's board from ESPN."""

    name = "ESPN"
    attribution: str | None = "Data provided by ESPN"
    fixed_interval: timedelta | None = None

    def __init__(self, session: aiohttp.ClientSession, league: League) -> None:
        """Initialize with Home Assistant's shared session."""
        self.league = league
        self.max_age: timedelta | None = None
        self._session = session
        self._validators: Validators | None = None
        self._last: Scoreboard | None = None
        self._unknown: set[str] = set()
        self._parse = PARSERS[league.key]

    @property
    def url(self) -> str:
        """Return the tour's scoreboard URL."""
        return f"{BASE_URL}/{self.league.path}/scoreboard"

    def _on_unknown(self, name: str, state: str) -> None:
        if name not in self._unknown:
            self._unknown.add(name)
            _LOGGER.warning(
                "Unknown ESPN status %r (state %r) in %s; mapped by its state",
                name,
                state,
                self.league.key,
            )

    async def async_get_teams(self) -> list[Team]:
        """Return the athletes (and pairs) of the current board."""
        response = await async_get_json(self._session, self.url, name=self.name)
        return match_players(self._parse(response.payload, self.league, self._on_unknown))

    async def async_get_scoreboard(self, team_ids: Collection[str], now: datetime) -> Scoreboard:
        """Return the board's matches, the same object if the body is unchanged."""
        response = await async_get_json(
            self._session, self.url, name=self.name, validators=self._validators
        )
        self.max_age = response.max_age
        self._validators = response.validators
        if response.payload is UNCHANGED and self._last is not None:
            return self._last
        games = self._parse(response.payload, self.league, self._on_unknown)
        self._last = Scoreboard(league=self.league.key, fetched_at=now, games=games)
        return self._last
