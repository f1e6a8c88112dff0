"""ESPN's boards of field events, fetched: golf tours and racing series.

A golf or racing scoreboard asked for without a date is the current event
(the next one between events: a tournament, a race weekend's sessions): that
is the board polled, conditionally, the previous board returned unchanged
when the body is the same. The followed competitors (athletes, or pairs at a
team golf event) are offered from the current field: they are the "teams"
of such an entry.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Final

import aiohttp

from ...models import Scoreboard, Team
from ...models.field import CompetitorKind, FieldEvent, field_athletes
from ..base import League
from .current_board import EspnCurrentBoard, ParseBoard
from .golf import GOLF_LEAGUES, parse_golf_board
from .racing import RACING_LEAGUES, parse_racing_board

FIELD_PARSERS: Final[dict[str, ParseBoard[FieldEvent]]] = {
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


class EspnFieldProvider(EspnCurrentBoard[FieldEvent]):
    """Fetch one golf tour's or racing series' board from ESPN."""

    def __init__(self, session: aiohttp.ClientSession, league: League) -> None:
        """Initialize with Home Assistant's shared session."""
        super().__init__(session, league, FIELD_PARSERS[league.key])

    def _teams(self, items: Sequence[FieldEvent]) -> list[Team]:
        return field_teams(items)

    def _board(self, items: tuple[FieldEvent, ...], now: datetime) -> Scoreboard:
        return Scoreboard(league=self.league.key, fetched_at=now, fields=items)
