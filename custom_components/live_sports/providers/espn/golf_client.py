"""ESPN's golf tours, fetched: the tour's board of the week, parsed into field events.

A golf scoreboard asked for without a date is the tour's current event (the
next one between events): that is the board polled, conditionally, the
previous board returned unchanged when the body is the same. The followed
competitors (athletes, or pairs at a team event) are offered from the
current field: they are the "teams" of a golf entry.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
import logging
from typing import Final

import aiohttp

from ...models import Scoreboard, Team
from ...models.field import CompetitorKind, FieldEvent, field_athletes
from ..base import League
from ..http import UNCHANGED, Validators, async_get_json
from .golf import parse_golf_board

_LOGGER = logging.getLogger(__name__)

BASE_URL: Final = "https://site.api.espn.com/apis/site/v2/sports"


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


class EspnGolfProvider:
    """Fetch one golf tour's board from ESPN."""

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
                "Unknown ESPN golf status %r (state %r) in %s; mapped by its state",
                name,
                state,
                self.league.key,
            )

    async def async_get_teams(self) -> list[Team]:
        """Return the competitors of the tour's current field (empty before it is out)."""
        response = await async_get_json(self._session, self.url, name=self.name)
        return field_teams(parse_golf_board(response.payload, self.league, self._on_unknown))

    async def async_get_scoreboard(self, team_ids: Collection[str], now: datetime) -> Scoreboard:
        """Return the tour's board: its event(s) of the week, the same object if unchanged."""
        response = await async_get_json(
            self._session, self.url, name=self.name, validators=self._validators
        )
        self.max_age = response.max_age
        self._validators = response.validators
        if response.payload is UNCHANGED and self._last is not None:
            return self._last
        events = parse_golf_board(response.payload, self.league, self._on_unknown)
        self._last = Scoreboard(league=self.league.key, fetched_at=now, fields=events)
        return self._last
