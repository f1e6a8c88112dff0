"""The bus events of a followed athlete in a field event (golf): names, data, logbook text.

No Home Assistant: ``events.py`` fires them beside the team events, through the
same publisher, and the logbook, history and webhooks take them as they take
a team's. The data is made here, at the edge, from the typed change; it
carries the athlete's place and score, the leader, and the event in its
canonical form with only those two entrants (a whole leaderboard is ~100 kB).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, Final

from .field_diff import FieldChange, FieldChangeKind
from .models.field import FieldEvent, to_par_text

PREFIX: Final = "live_sports_"
FIELD_BUS_EVENTS: Final = tuple(f"{PREFIX}{kind.value}" for kind in FieldChangeKind)
"""``live_sports_round_started`` … ``live_sports_event_finished``, one per kind of change."""


def _ordinal(number: int) -> str:
    """Return 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def field_bus_event_type(change: FieldChange) -> str:
    """Return the bus event a field change fires."""
    return f"{PREFIX}{change.kind.value}"


def _focus(event: FieldEvent, athlete_id: str) -> dict[str, Any]:
    """Return the event's canonical form with only the athlete and the leader."""
    leader = event.leader
    kept = tuple(item for item in event.entrants if item.id == athlete_id or item is leader)
    return replace(event, entrants=kept).as_dict() | {"field_size": len(event.entrants)}


def field_event_data(change: FieldChange, entry_id: str) -> dict[str, Any]:
    """Return the documented data of a field change's bus event."""
    event = change.event
    entrant = change.entrant
    leader = event.leader
    current = entrant.current_round if entrant else None
    name = entrant.name if entrant else change.athlete_id
    return {
        "event_id": change.event_id,
        "entry_id": entry_id,
        "league": event.league,
        "team_id": change.athlete_id,
        "team_name": name,
        "team_short_name": entrant.short_name if entrant else name,
        "athlete_id": change.athlete_id,
        "competition_id": event.id,
        "competition_name": event.short_name or event.name,
        "change": change.kind.value,
        "phase": event.phase.value,
        "status_detail": event.status_detail,
        "round": change.round if change.round is not None else event.period,
        "position": entrant.position if entrant else None,
        "position_text": entrant.position_text if entrant else None,
        "previous_position": change.previous_position,
        "score": entrant.score if entrant else None,
        "score_text": to_par_text(entrant.score) if entrant else None,
        "round_strokes": current.strokes if current else None,
        "round_to_par": current.to_par if current else None,
        "thru": current.holes if current else None,
        "status": entrant.status.value if entrant else None,
        "leader_id": leader.id if leader else None,
        "leader_name": leader.name if leader else None,
        "leader_score": leader.score if leader else None,
        "event": _focus(event, change.athlete_id),
    }


def _place(data: Mapping[str, Any]) -> str:
    """Return "T13, -4" (place and score to par), as far as known."""
    score = to_par_text(data.get("score"))
    return ", ".join(str(part) for part in (data.get("position_text"), score) if part)


def describe_field(data: Mapping[str, Any]) -> str:
    """Return the logbook text of a field event ("Scottie Scheffler took the lead — 1, -10")."""
    who = data.get("team_name") or data.get("athlete_id")
    where = data.get("competition_name")
    place = _place(data)
    match data.get("change"):
        case FieldChangeKind.ROUND_STARTED:
            return f"{who} started round {data['round']} — {place}"
        case FieldChangeKind.ROUND_FINISHED:
            strokes = data.get("round_strokes")
            today = to_par_text(data.get("round_to_par"))
            card = f": {strokes}" if strokes else ""
            card += f" ({today})" if strokes and today else ""
            return f"{who} finished round {data['round']}{card} — {place}"
        case FieldChangeKind.PLACE_CHANGED:
            return f"{who} moved from {data['previous_position']} to {place}"
        case FieldChangeKind.TOOK_LEAD:
            return f"{who} took the lead — {place}"
        case FieldChangeKind.LOST_LEAD:
            return f"{who} lost the lead to {data.get('leader_name')} — {place}"
        case FieldChangeKind.CUT_MADE:
            return f"{who} made the cut — {place}"
        case FieldChangeKind.CUT_MISSED:
            return f"{who} missed the cut — {to_par_text(data.get('score'))}"
        case FieldChangeKind.WITHDREW:
            return f"{who} withdrew from {where}"
        case FieldChangeKind.EVENT_FINISHED:
            position = data.get("position")
            if position == 1:
                return f"{who} won {where} — {place}"
            if isinstance(position, int):
                tied = "tied " if data.get("position_text", "").startswith("T") else ""
                return f"{who} finished {tied}{_ordinal(position)} at {where} — {place}"
            return f"{who}: {where} finished"
    return f"{who}: {data.get('change')}"
