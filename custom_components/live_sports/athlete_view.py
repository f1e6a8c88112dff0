"""What a followed golfer's entities show, from the field events of one board.

Pure, no Home Assistant: the event the athlete plays (or the tour's event
whose field is not published yet), their status, place, score to par, today,
thru, rounds, the leader and the next tee time. Never "not found" while the
tour has an event: before its field is out the status says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from .models import Phase
from .models.field import Entrant, EntrantStatus, FieldEvent, Round, to_par_text


class AthleteStatus(StrEnum):
    """A followed athlete's status in their current event."""

    NO_EVENT = "no_event"
    AWAITING_ENTRY_LIST = "awaiting_entry_list"
    NOT_ENTERED = "not_entered"
    SCHEDULED = "scheduled"
    IN_PLAY = "in_play"
    BETWEEN_ROUNDS = "between_rounds"
    FINISHED = "finished"
    WON = "won"
    CUT = "cut"
    WITHDRAWN = "withdrawn"


_OUT = {
    EntrantStatus.CUT: AthleteStatus.CUT,
    EntrantStatus.WITHDRAWN: AthleteStatus.WITHDRAWN,
    EntrantStatus.DISQUALIFIED: AthleteStatus.WITHDRAWN,
}


@dataclass(frozen=True, slots=True)
class AthleteView:
    """A followed athlete in the event their entities show."""

    athlete_id: str
    event: FieldEvent | None
    entrant: Entrant | None
    status: AthleteStatus
    next_start: datetime | None
    """The next tee time (or the event's start, while the tee times are unknown)."""

    @property
    def playing(self) -> bool:
        """Return True while the athlete is on the course."""
        return self.status is AthleteStatus.IN_PLAY

    @property
    def round(self) -> Round | None:
        """Return the athlete's round under way or last played."""
        return self.entrant.current_round if self.entrant else None

    @property
    def today(self) -> int | None:
        """Return this round's score to par."""
        current = self.round
        return current.to_par if current and current.holes else None

    @property
    def thru(self) -> str | None:
        """Return the holes played this round as leaderboards print it: "7", "F"."""
        current = self.round
        if current is None or not current.holes:
            return None
        return "F" if current.finished else str(current.holes)

    @property
    def leader(self) -> Entrant | None:
        """Return the event's leader."""
        return self.event.leader if self.event else None

    @property
    def leader_text(self) -> str | None:
        """Return the leader as "Scottie Scheffler -10"."""
        leader = self.leader
        if leader is None:
            return None
        score = to_par_text(leader.score)
        return f"{leader.name} {score}" if score else leader.name


def _status(event: FieldEvent, entrant: Entrant) -> AthleteStatus:
    if (out := _OUT.get(entrant.status)) is not None:
        return out
    if event.phase is Phase.FINAL:
        return AthleteStatus.WON if entrant.position == 1 else AthleteStatus.FINISHED
    if event.phase in (Phase.SCHEDULED, Phase.POSTPONED, Phase.CANCELED):
        return AthleteStatus.SCHEDULED
    if not entrant.rounds:  # a racing session: every driver in it is on track
        return AthleteStatus.IN_PLAY
    current = entrant.current_round
    if current is not None and current.holes > 0 and not current.finished:
        return AthleteStatus.IN_PLAY
    return AthleteStatus.BETWEEN_ROUNDS


def _next_tee(event: FieldEvent, entrant: Entrant | None, now: datetime) -> datetime | None:
    if event.phase is Phase.FINAL:
        return None
    if entrant is not None:
        for item in entrant.rounds:
            if not item.holes and item.tee_time is not None and item.tee_time >= now:
                return item.tee_time
    return event.start if event.start >= now else None


def athlete_view(events: Iterable[FieldEvent], athlete_id: str, now: datetime) -> AthleteView:
    """Return the athlete's view: the event they play in, else the tour's next one."""
    events = sorted(events, key=lambda event: event.start)
    # A session under way first (a race weekend), else the latest event they
    # are in (a new week's field replaces last week's).
    playing = [event for event in events if event.phase.in_play]
    for event in [*reversed(playing), *reversed(events)]:
        if (entrant := event.entrant(athlete_id)) is not None:
            status = _status(event, entrant)
            return AthleteView(athlete_id, event, entrant, status, _next_tee(event, entrant, now))
    awaiting = [event for event in events if not event.field_published]
    if awaiting:
        event = awaiting[0]
        return AthleteView(
            athlete_id, event, None, AthleteStatus.AWAITING_ENTRY_LIST, _next_tee(event, None, now)
        )
    if events:
        event = events[-1]
        return AthleteView(athlete_id, event, None, AthleteStatus.NOT_ENTERED, None)
    return AthleteView(athlete_id, None, None, AthleteStatus.NO_EVENT, None)
