"""ESPN's tennis tours, fetched: the tour's board of the day, its matches as games.

The board asked for without a date holds the tournaments under way with all
their matches (a Grand Slam's 600 and more): polled conditionally, the
previous board returned unchanged when the body is the same. The players to
follow are offered from it: singles players, then pairs.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime, timedelta
import logging
from typing import Final

import aiohttp

from ...models import Game, Scoreboard, Team
from ..base import League
from ..http import UNCHANGED, Validators, async_get_json
from .tennis import parse_tennis_board

_LOGGER = logging.getLogger(__name__)

BASE_URL: Final = "https://site.api.espn.com/apis/site/v2/sports"
_TBD: Final = "TBD"


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


class EspnTennisProvider:
    """Fetch one tennis tour's board from ESPN."""

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

    @property
    def url(self) -> str:
        """Return the tour's scoreboard URL."""
        return f"{BASE_URL}/{self.league.path}/scoreboard"

    def _on_unknown(self, name: str, state: str) -> None:
        if name not in self._unknown:
            self._unknown.add(name)
            _LOGGER.warning(
                "Unknown ESPN tennis status %r (state %r) in %s; mapped by its state",
                name,
                state,
                self.league.key,
            )

    async def async_get_teams(self) -> list[Team]:
        """Return the players (and pairs) of the tour's current board."""
        response = await async_get_json(self._session, self.url, name=self.name)
        return match_players(parse_tennis_board(response.payload, self.league, self._on_unknown))

    async def async_get_scoreboard(self, team_ids: Collection[str], now: datetime) -> Scoreboard:
        """Return the tour's matches, the same object if the body is unchanged."""
        response = await async_get_json(
            self._session, self.url, name=self.name, validators=self._validators
        )
        self.max_age = response.max_age
        self._validators = response.validators
        if response.payload is UNCHANGED and self._last is not None:
            return self._last
        games = parse_tennis_board(response.payload, self.league, self._on_unknown)
        self._last = Scoreboard(league=self.league.key, fetched_at=now, games=games)
        return self._last
