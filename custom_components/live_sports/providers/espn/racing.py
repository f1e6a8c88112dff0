"""ESPN's motor racing boards, parsed: each session a ``FieldEvent`` of drivers in order.

A race weekend (``racing/{f1|nascar-premier|irl}/scoreboard``) is one event
whose competitions are its sessions (practice, qualifying, sprint, race):
each lists its drivers, ``order`` their position once it started, ``winner``
the winner, ``status.period`` the lap. Before the entry list is published a
session lists nobody: it is still the session, with its start.
"""

from __future__ import annotations

from collections.abc import Mapping
import logging
from typing import Any, Final

from ...models import Phase
from ...models.field import Athlete, CompetitorKind, Entrant, FieldEvent
from ..base import League
from ..parsing import (
    UnknownStatusCallback,
    items,
    mapping,
    parse_utc,
    text,
    to_int,
)
from .athlete_boards import board_events, board_league, event_competitions, parse_competitions
from .parse import map_status

_LOGGER = logging.getLogger(__name__)

RACING: Final = "racing"
RACING_LEAGUES: Final[dict[str, League]] = {
    league.key: league
    for league in (
        League(key="f1", name="Formula 1", sport=RACING, path="racing/f1"),
        League(
            key="nascar_cup", name="NASCAR Cup Series", sport=RACING, path="racing/nascar-premier"
        ),
        League(key="indycar", name="IndyCar", sport=RACING, path="racing/irl"),
    )
}
_LEAGUE_IDS: Final = {"2030": RACING_LEAGUES["f1"]}
_SESSIONS: Final = {
    "1": "FP1",
    "2": "Qualifying",
    "3": "Race",
    "4": "Sprint Qualifying",
    "5": "Sprint",
}
"""ESPN's session type ids, where a session lacks its abbreviation."""


def racing_league(payload: Any) -> League | None:
    """Return the series a payload belongs to, or None if it is no racing board."""
    return board_league(payload, RACING_LEAGUES.values(), sport_id="2000", league_ids=_LEAGUE_IDS)


def parse_racing_board(
    payload: Any, league: League, on_unknown: UnknownStatusCallback | None = None
) -> tuple[FieldEvent, ...]:
    """Parse a racing board (or one weekend) into its sessions; skip a malformed one."""
    return parse_competitions(
        event_competitions(board_events(payload, "racing")),
        lambda entry: parse_session(*entry, league, on_unknown),
        league=league,
        kind="session",
        logger=_LOGGER,
    )


def parse_session(
    session: Mapping[str, Any],
    event: Mapping[str, Any],
    league: League,
    on_unknown: UnknownStatusCallback | None = None,
) -> FieldEvent:
    """Parse one session: its drivers in order (positions once it started)."""
    status = mapping(session.get("status"))
    phase = map_status(status, RACING, on_unknown)
    kind = mapping(session.get("type"))
    label = text(kind.get("abbreviation")) or _SESSIONS.get(str(kind.get("id")))
    name = str(event.get("name") or event["shortName"])
    short = str(event.get("shortName") or name)
    started = phase is not Phase.SCHEDULED
    entrants = [
        _driver(mapping(item), index, started)
        for index, item in enumerate(items(session.get("competitors")))
    ]
    return FieldEvent(
        id=str(session["id"]),
        league=league.key,
        sport=RACING,
        name=f"{name} — {label}" if label else name,
        short_name=f"{short} — {label}" if label else short,
        start=parse_utc(session.get("startDate") or session["date"]),
        phase=phase,
        status_detail=str(mapping(status.get("type")).get("detail") or ""),
        period=to_int(status.get("period")) if started else None,
        entrants=tuple(sorted(entrants, key=lambda entrant: entrant.order)),
    )


def _driver(data: Mapping[str, Any], index: int, started: bool) -> Entrant:
    athlete = mapping(data.get("athlete"))
    ident = str(data["id"])
    name = str(athlete.get("displayName") or athlete.get("fullName") or ident)
    short = str(athlete.get("shortName") or name)
    flag = mapping(athlete.get("flag"))
    order = to_int(data.get("order"))
    return Entrant(
        id=ident,
        kind=CompetitorKind.ATHLETE,
        name=name,
        short_name=short,
        order=order or index + 1,
        position=order if started and order else None,
        athlete=Athlete(
            id=ident,
            name=name,
            short_name=short,
            country=text(flag.get("alt")),
            flag=text(flag.get("href")),
        ),
    )
