"""ESPN's MMA cards, parsed: each bout a two-sided ``Game`` between fighters.

An MMA event (``mma/{ufc|pfl}/scoreboard``) holds one competition per bout:
two athletes with their records, the round and clock under way, and for a
decision the judges' cards (a total per fighter, and one line per judge).
A fighter's score is the judges' cards they won, once there are cards.
"""

from __future__ import annotations

from collections.abc import Mapping
import logging
from typing import Any, Final

from ...models import Competitor, Game, Phase, Team, Venue
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

MMA: Final = "mma"
MMA_LEAGUES: Final[dict[str, League]] = {
    league.key: league
    for league in (
        League(key="ufc", name="UFC", sport=MMA, path="mma/ufc"),
        League(key="pfl", name="PFL", sport=MMA, path="mma/pfl"),
    )
}
_LEAGUE_IDS: Final = {"3321": MMA_LEAGUES["ufc"]}
_LIVE_PREFIX: Final = "STATUS_IN_PROGRESS"
"""A bout under way says its round too ("STATUS_IN_PROGRESS_2")."""


def mma_league(payload: Any) -> League | None:
    """Return the promotion a payload belongs to, or None if it is no MMA board."""
    return board_league(payload, MMA_LEAGUES.values(), sport_id="3301", league_ids=_LEAGUE_IDS)


def parse_mma_board(
    payload: Any, league: League, on_unknown: UnknownStatusCallback | None = None
) -> tuple[Game, ...]:
    """Parse an MMA board (or one event) into its bouts; skip a malformed one."""
    return parse_competitions(
        event_competitions(board_events(payload, "MMA")),
        lambda entry: parse_bout(*entry, league, on_unknown),
        league=league,
        kind="bout",
        logger=_LOGGER,
    )


def parse_bout(
    bout: Mapping[str, Any],
    event: Mapping[str, Any],
    league: League,
    on_unknown: UnknownStatusCallback | None = None,
) -> Game:
    """Parse one bout: the fighters, their records, the round, the judges' cards."""
    status = mapping(bout.get("status"))
    status_type = mapping(status.get("type"))
    name = str(status_type.get("name", ""))
    live = name.startswith(_LIVE_PREFIX)
    phase = Phase.LIVE if live else map_status(status, MMA, on_unknown)
    fighters = sorted(
        map(mapping, items(bout["competitors"])), key=lambda item: to_int(item.get("order")) or 0
    )
    home, away = fighters[0], fighters[1]
    cards = _cards(home), _cards(away)
    home_side = _fighter(home, cards[0], cards[1], phase)
    away_side = _fighter(away, cards[1], cards[0], phase)
    venue = mapping(bout.get("venue"))
    address = mapping(venue.get("address"))
    weight = text(mapping(bout.get("type")).get("abbreviation"))
    return Game(
        id=str(bout["id"]),
        league=league.key,
        sport=MMA,
        name=f"{home_side.team.name} vs {away_side.team.name}",
        short_name=f"{home_side.team.short_name} vs {away_side.team.short_name}",
        start=parse_utc(bout.get("startDate") or bout["date"]),
        phase=phase,
        status_detail=str(status_type.get("detail") or ""),
        status_short=text(status_type.get("shortDetail")),
        home=home_side,
        away=away_side,
        period=to_int(status.get("period")) if phase is not Phase.SCHEDULED else None,
        # A finished bout keeps the time it ended at: a stoppage's, with its round.
        clock=text(status.get("displayClock")) if phase.in_play or phase is Phase.FINAL else None,
        venue=Venue(
            name=str(venue["fullName"]),
            city=text(address.get("city")),
            state=text(address.get("state")),
            country=text(address.get("country")),
        )
        if venue.get("fullName")
        else None,
        competition=" — ".join(part for part in (text(event.get("name")), weight) if part) or None,
    )


def _cards(fighter: Mapping[str, Any]) -> tuple[int, ...]:
    """Return a fighter's score on each judge's card (empty before a decision)."""
    total = mapping(next(iter(items(fighter.get("linescores"))), {}))
    return tuple(
        to_int(line.get("value")) or 0 for line in map(mapping, items(total.get("linescores")))
    )


def _fighter(
    data: Mapping[str, Any], own: tuple[int, ...], other: tuple[int, ...], phase: Phase
) -> Competitor:
    athlete = mapping(data.get("athlete"))
    ident = str(data["id"])
    name = str(athlete.get("displayName") or athlete.get("fullName") or ident)
    short = str(athlete.get("shortName") or name)
    records = [mapping(record) for record in items(data.get("records"))]
    record = next((r for r in records if r.get("type") == "total"), records[0] if records else {})
    winner = data.get("winner")
    won = sum(1 for mine, theirs in zip(own, other, strict=False) if mine > theirs)
    return Competitor(
        team=Team(
            id=ident,
            abbreviation=short,
            name=name,
            short_name=short,
            logo=text(mapping(athlete.get("flag")).get("href")),
        ),
        score=won if own else None,
        record=text(record.get("summary")),
        winner=winner if isinstance(winner, bool) and phase is Phase.FINAL else None,
        set_scores=own,
    )
