"""A followed golfer as ha-teamtracker's sensor shows it (pure), for ha-teamtracker-card.

ha-teamtracker maps golf onto its team attributes, and the card renders them:
the player is ``team_``, the leader (or, for the leader, the runner-up) the
``opponent_``; ``team_rank`` the place with ties ("T13"), ``team_score`` the
score to par ("-10"), ``quarter`` the round, ``team_total_shots`` the strokes
of the round, ``team_shots_on_target`` the holes played in it, and the
ticker (``last_play``) the top ten. The same names, built from the domain.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

from .athlete_view import AthleteStatus, AthleteView
from .models import Phase
from .models.field import Entrant, FieldEvent, to_par_text
from .providers.base import League
from .teamtracker import BYE, DEFAULT_COLORS, IN, NOT_FOUND, POST, PRE, SIDE_FIELDS, kickoff_in

TICKER_PLACES: Final = 10
"""How many places the ticker lists, as ha-teamtracker does."""
_STATES: Final = {
    Phase.SCHEDULED: PRE,
    Phase.DELAYED: PRE,
    Phase.POSTPONED: PRE,
    Phase.LIVE: IN,
    Phase.BREAK: IN,
    Phase.SUSPENDED: IN,
    Phase.FINAL: POST,
    Phase.CANCELED: POST,
}
UNRECORDED: Final = frozenset({"kickoff_in", "last_update", "last_play"})
"""Change with every stroke anywhere on the course: kept out of the recorder."""


def golf_state(view: AthleteView) -> str:
    """Return the card's state: the event's, BYE when not entered, never NOT_FOUND with one."""
    if view.event is None:
        return NOT_FOUND
    if view.status is AthleteStatus.NOT_ENTERED:
        return BYE
    return _STATES[view.event.phase]


def _side(prefix: str, entrant: Entrant | None, event: FieldEvent, state: str) -> dict[str, Any]:
    values: dict[str, Any] = dict.fromkeys(SIDE_FIELDS)
    if entrant is None:
        return {f"{prefix}_{field}": value for field, value in values.items()}
    athlete = entrant.athlete
    values.update(
        abbr=entrant.short_name,
        id=entrant.id,
        name=entrant.short_name,
        long_name=entrant.name,
        logo=athlete.flag if athlete else None,
        colors=list(DEFAULT_COLORS),
    )
    if state in (IN, POST):
        current = entrant.current_round
        values.update(
            score=to_par_text(entrant.score),
            rank=entrant.position_text,
            winner=entrant.position == 1 if event.phase is Phase.FINAL else None,
            # Racing: the laps, where ha-teamtracker-card's racing bar reads them.
            total_shots=current.strokes if current else event.period,
            shots_on_target=current.holes if current else None,
        )
    return {f"{prefix}_{field}": value for field, value in values.items()}


def ticker(event: FieldEvent) -> str | None:
    """Return the top of the leaderboard: "1. S. Scheffler (-10), 2. B. Griffin (-6)"."""
    places = [
        f"{item.position_text}. {item.short_name}"
        + (f" ({to_par_text(item.score)})" if item.score is not None else "")
        for item in event.entrants[:TICKER_PLACES]
        if item.position_text is not None
    ]
    return ", ".join(places) or None


def golf_attributes(
    view: AthleteView, name: str, *, fetched_at: datetime, league: League, provider: str
) -> dict[str, Any]:
    """Return the attributes ha-teamtracker-card reads, for a followed golfer.

    `name` is the followed athlete's name, shown before an entry list names them.
    """
    event = view.event
    state = golf_state(view)
    entrant = view.entrant
    attributes: dict[str, Any] = {
        "sport": league.sport,
        "league": league.name,
        "league_logo": None,
        "event_name": event.short_name if event else None,
        "event_url": None,
        "date": event.start.isoformat() if event else None,
        "kickoff_in": kickoff_in(event.start, fetched_at) if event else None,
        "venue": None,
        "location": None,
        "tv_network": None,
        "odds": None,
        "overunder": None,
        "series_summary": None,
        "quarter": event.period if event and state != PRE else None,
        "clock": (event.status_detail or None) if event else None,
        "last_play": ticker(event) if event and state != PRE else None,
        "last_update": fetched_at.isoformat(),
        "api_message": None,
    }
    if event is None or entrant is None:
        attributes |= {f"team_{field}": None for field in SIDE_FIELDS}
        attributes |= {"team_id": view.athlete_id, "team_name": name, "team_long_name": name}
        attributes |= {f"opponent_{field}": None for field in SIDE_FIELDS}
        if event is None:
            attributes["api_message"] = f"{provider} lists no {league.name} event"
        return attributes
    leader = event.leader
    if leader is entrant:
        opponent = next((item for item in event.entrants if item is not entrant), None)
    else:
        opponent = leader
    return (
        attributes
        | _side("team", entrant, event, state)
        | _side("opponent", opponent, event, state)
    )
