"""What changed for each followed athlete between two boards of field events (golf).

Pure, like ``diff.py``: events in, typed changes out, plus the state to remember
for the next diff (kept across restarts, so nothing repeats or is missed). An
athlete seen in an event for the first time is only remembered: nothing that
happened before we looked fires. Every change has a stable id: the same
change always gets the same one, whichever provider or refresh found it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
import hashlib
from typing import Any, Final

from .models import Phase
from .models.field import Entrant, EntrantStatus, FieldEvent

FORGET_AFTER: Final = timedelta(days=7)
"""An event no longer on the board is forgotten this long after its start."""


class FieldChangeKind(StrEnum):
    """The kinds of change reported for a followed athlete in a field event."""

    ROUND_STARTED = "round_started"
    ROUND_FINISHED = "round_finished"
    PLACE_CHANGED = "place_changed"
    TOOK_LEAD = "took_lead"
    LOST_LEAD = "lost_lead"
    CUT_MADE = "cut_made"
    CUT_MISSED = "cut_missed"
    WITHDREW = "withdrew"
    EVENT_FINISHED = "event_finished"


@dataclass(frozen=True, slots=True)
class EntrantState:
    """What is remembered of one followed athlete in one event between refreshes."""

    start: datetime
    phase: Phase
    round: int | None
    holes: int
    position: str | None
    leading: bool
    status: EntrantStatus
    cut_decided: bool
    seq: int = 0
    """Changes reported for this athlete in this event so far: part of each change's id."""

    @classmethod
    def of(cls, event: FieldEvent, entrant: Entrant) -> EntrantState:
        """Return the state of an athlete first seen in an event."""
        current = entrant.current_round
        return cls(
            start=event.start,
            phase=event.phase,
            round=current.number if current else None,
            holes=current.holes if current else 0,
            position=entrant.position_text,
            leading=entrant.position == 1,
            status=entrant.status,
            cut_decided=_cut_decided(event),
        )

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON form kept in the store."""
        data = asdict(self)
        data |= {
            "start": self.start.isoformat(),
            "phase": self.phase.value,
            "status": self.status.value,
        }
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> EntrantState:
        """Read the stored JSON form."""
        return cls(
            start=datetime.fromisoformat(data["start"]),
            phase=Phase(data["phase"]),
            round=data["round"],
            holes=int(data["holes"]),
            position=data["position"],
            leading=bool(data["leading"]),
            status=EntrantStatus(data["status"]),
            cut_decided=bool(data["cut_decided"]),
            seq=int(data["seq"]),
        )


def field_change_id(event: FieldEvent, athlete_id: str, seq: int, kind: FieldChangeKind) -> str:
    """Return a stable id: the same change always gets the same id."""
    key = f"{event.league}:{event.id}:{athlete_id}:{seq}:{kind}"
    return hashlib.sha256(key.encode()).hexdigest()[:24]


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One change of one followed athlete in a field event: what every sink receives."""

    kind: FieldChangeKind
    event: FieldEvent
    athlete_id: str
    event_id: str
    """Stable across retries, reloads and restarts."""
    round: int | None = None
    """The round that started or finished."""
    previous_position: str | None = None

    @property
    def team_id(self) -> str:
        """Return the followed competitor's id (the athlete's): what sinks route by."""
        return self.athlete_id

    @property
    def entrant(self) -> Entrant | None:
        """Return the followed athlete's place in the event."""
        return self.event.entrant(self.athlete_id)

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON form kept with a release waiting for the stream delay."""
        return {
            "kind": self.kind.value,
            "event_id": self.event_id,
            "athlete_id": self.athlete_id,
            "event": self.event.as_dict(),
            "round": self.round,
            "previous_position": self.previous_position,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FieldChange:
        """Read the stored JSON form."""
        return cls(
            kind=FieldChangeKind(data["kind"]),
            event=FieldEvent.from_dict(data["event"]),
            athlete_id=data["athlete_id"],
            event_id=data["event_id"],
            round=data.get("round"),
            previous_position=data.get("previous_position"),
        )


def _cut_decided(event: FieldEvent) -> bool:
    return any(item.status is EntrantStatus.CUT for item in event.entrants)


def _changes(
    before: EntrantState, event: FieldEvent, entrant: Entrant
) -> list[tuple[FieldChangeKind, dict[str, Any]]]:
    """Return the kinds of change between a remembered state and an athlete's place now."""
    found: list[tuple[FieldChangeKind, dict[str, Any]]] = []
    current = entrant.current_round
    number, holes = (current.number, current.holes) if current else (None, 0)
    new_round = number != before.round
    if holes and (new_round or not before.holes):
        found.append((FieldChangeKind.ROUND_STARTED, {"round": number}))
    position = entrant.position_text
    active = entrant.status is EntrantStatus.ACTIVE
    if (
        active
        and before.status is EntrantStatus.ACTIVE
        and position is not None
        and before.position is not None
        and position != before.position
    ):
        found.append((FieldChangeKind.PLACE_CHANGED, {"previous_position": before.position}))
    leading = entrant.position == 1
    if leading and not before.leading:
        found.append((FieldChangeKind.TOOK_LEAD, {"previous_position": before.position}))
    if before.leading and not leading:
        found.append((FieldChangeKind.LOST_LEAD, {"previous_position": before.position}))
    if current is not None and current.finished and (new_round or not before.holes >= 18):
        found.append((FieldChangeKind.ROUND_FINISHED, {"round": number}))
    if entrant.status is EntrantStatus.CUT and before.status is not EntrantStatus.CUT:
        found.append((FieldChangeKind.CUT_MISSED, {}))
    elif active and _cut_decided(event) and not before.cut_decided:
        found.append((FieldChangeKind.CUT_MADE, {}))
    withdrawn = (EntrantStatus.WITHDRAWN, EntrantStatus.DISQUALIFIED)
    if entrant.status in withdrawn and before.status not in withdrawn:
        found.append((FieldChangeKind.WITHDREW, {}))
    if event.phase is Phase.FINAL and before.phase is not Phase.FINAL:
        found.append((FieldChangeKind.EVENT_FINISHED, {}))
    return found


def state_key(event_id: str, athlete_id: str) -> str:
    """Return the key of an athlete's state in an event."""
    return f"{event_id}:{athlete_id}"


def diff_fields(
    previous: Mapping[str, EntrantState],
    events: Iterable[FieldEvent],
    athlete_ids: Collection[str],
    now: datetime,
) -> tuple[list[FieldChange], dict[str, EntrantState]]:
    """Return the followed athletes' changes, in the order they are followed, and the state."""
    states: dict[str, EntrantState] = {}
    changes: list[FieldChange] = []
    for event in events:
        for athlete_id in dict.fromkeys(athlete_ids):
            entrant = event.entrant(athlete_id)
            if entrant is None:
                continue
            key = state_key(event.id, athlete_id)
            before = previous.get(key)
            if before is None:
                states[key] = EntrantState.of(event, entrant)
                continue
            seq = before.seq
            for kind, details in _changes(before, event, entrant):
                seq += 1
                changes.append(
                    FieldChange(
                        kind=kind,
                        event=event,
                        athlete_id=athlete_id,
                        event_id=field_change_id(event, athlete_id, seq, kind),
                        **details,
                    )
                )
            now_state = replace(EntrantState.of(event, entrant), seq=seq)
            states[key] = before if now_state == before else now_state
    for key, state in previous.items():
        if key not in states and now - state.start < FORGET_AFTER:
            states[key] = state
    return changes, states
