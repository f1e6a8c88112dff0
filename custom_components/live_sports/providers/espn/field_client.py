"""ESPN's boards of field events, fetched: golf tours and racing series.

A golf or racing scoreboard asked for without a date is the current event
(the next one between events: a tournament, a race weekend's sessions): that
is the board polled, conditionally, the previous board returned unchanged
when the body is the same. The followed competitors (athletes, or pairs at a
team golf event) are offered from the current field: they are the "teams"
of such an entry.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime, timedelta
import logging
from typing import Any, Final

import aiohttp

from ...models import Scoreboard, Team
from ...models.field import CompetitorKind, FieldEvent, field_athletes
from ..base import League
from ..http import UNCHANGED, Validators, async_get_json
from ..parsing import UnknownStatusCallback
from .golf import GOLF_LEAGUES, parse_golf_board
from .racing import RACING_LEAGUES, parse_racing_board

_LOGGER = logging.getLogger(__name__)

BASE_URL: Final = "https://site.api.espn.com/apis/site/v2/sports"

type ParseField = Callable[[Any, League, UnknownStatusCallback | None], tuple[FieldEvent, ...]]
FIELD_PARSERS: Final[dict[str, ParseField]] = {
    **dict.fromkeys(GOLF_LEAGUES, parse_golf_board),
    **dict.fromkeys(RACING_LEAGUES, parse_racing_board),
}
"""The parser of each league of field events."""


def field_teams(events: Collection[FieldEvent]) -> list[Team]:
    """Return the followable competitors of the fields: athletes, then pairs, by name."""
    teams = [
        Team(
            id=athlete.id,
            abbreviation=athlete.short_name,
            name=athlete.name,
            short_name=athlete.short_name,
            logo=athlete.flag,
        )
        for athlete in field_athletes(events)
    ]
    pairs = {
        entrant.id: entrant
        for event in events
        for entrant in event.entrants
        if entrant.kind is CompetitorKind.PAIR
    }
    teams += [
        Team(id=pair.id, abbreviation=pair.short_name, name=pair.name, short_name=pair.short_name)
        for pair in sorted(pairs.values(), key=lambda pair: pair.name)
    ]
    return teams


class EspnFieldProvider:
    """Fetch one golf tour's or racing series' board from ESPN."""

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
        self._parse = FIELD_PARSERS[league.key]

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
        """Return the competitors of the current field (empty before it is out)."""
        response = await async_get_json(self._session, self.url, name=self.name)
        return field_teams(self._parse(response.payload, self.league, self._on_unknown))

    async def async_get_scoreboard(self, team_ids: Collection[str], now: datetime) -> Scoreboard:
        """Return the board's event(s) of the week, the same object if unchanged."""
        response = await async_get_json(
            self._session, self.url, name=self.name, validators=self._validators
        )
        self.max_age = response.max_age
        self._validators = response.validators
        if response.payload is UNCHANGED and self._last is not None:
            return self._last
        events = self._parse(response.payload, self.league, self._on_unknown)
        self._last = Scoreboard(league=self.league.key, fetched_at=now, fields=events)
        return self._last
