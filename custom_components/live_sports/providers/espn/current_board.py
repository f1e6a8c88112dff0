"""One ESPN scoreboard asked for without a date: the event under way or next.

Golf tours, racing series, tennis tours and MMA promotions are followed on the
board ESPN serves for "now" (a tournament, a race weekend, a Grand Slam's
draws, a fight card). It is polled conditionally: the previous board is
returned unchanged when the body is the same. The competitors offered to
follow come from the same board. What the board holds (field events or
matches) and who is offered from it is the subclass's.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import datetime, timedelta
import logging
from typing import Any, Final

import aiohttp

from ...models import Scoreboard, Team
from ..base import League
from ..http import UNCHANGED, Validators, async_get_json
from ..parsing import UnknownStatusCallback

_LOGGER = logging.getLogger(__name__)

BASE_URL: Final = "https://site.api.espn.com/apis/site/v2/sports"

type ParseBoard[T] = Callable[[Any, League, UnknownStatusCallback | None], tuple[T, ...]]


class EspnCurrentBoard[T]:
    """Fetch one league's current ESPN board and parse it into items of `T`."""

    name = "ESPN"
    attribution: str | None = "Data provided by ESPN"
    fixed_interval: timedelta | None = None

    def __init__(
        self, session: aiohttp.ClientSession, league: League, parse: ParseBoard[T]
    ) -> None:
        """Initialize with Home Assistant's shared session and the league's parser."""
        self.league = league
        self.max_age: timedelta | None = None
        self._session = session
        self._parse = parse
        self._validators: Validators | None = None
        self._last: Scoreboard | None = None
        self._unknown: set[str] = set()

    @property
    def url(self) -> str:
        """Return the league's scoreboard URL."""
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

    def _teams(self, items: Sequence[T]) -> list[Team]:
        """Return who can be followed of the board's items."""
        raise NotImplementedError

    def _board(self, items: tuple[T, ...], now: datetime) -> Scoreboard:
        """Return the board holding the parsed items."""
        raise NotImplementedError

    async def async_get_teams(self) -> list[Team]:
        """Return the competitors of the current board (empty before its field is out)."""
        response = await async_get_json(self._session, self.url, name=self.name)
        return self._teams(self._parse(response.payload, self.league, self._on_unknown))

    async def async_get_scoreboard(self, team_ids: Collection[str], now: datetime) -> Scoreboard:
        """Return the current board, the same object if its body is unchanged."""
        response = await async_get_json(
            self._session, self.url, name=self.name, validators=self._validators
        )
        self.max_age = response.max_age
        self._validators = response.validators
        if response.payload is UNCHANGED and self._last is not None:
            return self._last
        items = self._parse(response.payload, self.league, self._on_unknown)
        self._last = self._board(items, now)
        return self._last
