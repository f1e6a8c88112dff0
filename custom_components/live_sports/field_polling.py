"""When to poll a board of field events (golf) next: pure, like ``polling.py``.

A golf round lasts five hours and a tournament four days, so the board is
polled slowly, but keeps up while a followed player is on the course:

- a followed player on the course: the tour's live tempo (60 s);
- the event under way, no followed player on the course: every 5 minutes
  (others finishing move a player's place), or closer to a followed player's
  tee time;
- play over for the day, or the event not started: sleep until shortly before
  the next tee time or the event's start, never longer than the idle cap;
- before the field is published, or once it is over: the idle cap.
Provider signals slow it down exactly as for team sports (``polling.py``).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from .athlete_view import AthleteStatus, athlete_view
from .models import Phase
from .models.field import FieldEvent
from .polling import ERROR_BACKOFF_CAP, FLOOR, Bounds, Decision, Health, Reason
from .retry import backoff


@dataclass(frozen=True, slots=True)
class FieldTempo:
    """How fast to poll a sport of field events in each situation."""

    on_course: timedelta
    """A followed player is playing."""
    under_way: timedelta
    """The event is under way; no followed player is playing."""
    pregame: timedelta
    """How long before a tee time (or the start) to be polling at the live tempo."""


FIELD_TEMPOS: Final[dict[str, FieldTempo]] = {
    "golf": FieldTempo(
        on_course=timedelta(seconds=60),
        under_way=timedelta(minutes=5),
        pregame=timedelta(minutes=10),
    ),
    # A session is fast: places change every lap.
    "racing": FieldTempo(
        on_course=timedelta(seconds=10),
        under_way=timedelta(seconds=60),
        pregame=timedelta(minutes=10),
    ),
}
DEFAULT_FIELD_TEMPO: Final = FIELD_TEMPOS["golf"]
_HEALTHY: Final = Health()
_BOUNDS: Final = Bounds()


def _delay(
    event: FieldEvent, athlete_id: str, now: datetime, tempo: FieldTempo, live: timedelta
) -> Decision | None:
    """Return the delay one followed athlete asks for, None if nothing to watch."""
    view = athlete_view([event], athlete_id, now)
    if view.status is AthleteStatus.IN_PLAY:
        return Decision(live, Reason.LIVE)
    candidates: list[Decision] = []
    if view.status is AthleteStatus.BETWEEN_ROUNDS and event.phase is Phase.LIVE:
        candidates.append(Decision(tempo.under_way, Reason.BREAK))
    if view.next_start is not None:
        until = view.next_start - tempo.pregame - now
        if until <= timedelta(0):
            candidates.append(Decision(live, Reason.DUE))
        else:
            candidates.append(
                Decision(until, Reason.PREGAME if until < tempo.pregame else Reason.IDLE)
            )
    return min(candidates, key=lambda decision: decision.delay, default=None)


def next_field_poll(
    events: Collection[FieldEvent],
    athlete_ids: Collection[str],
    now: datetime,
    *,
    sport: str,
    health: Health = _HEALTHY,
    bounds: Bounds = _BOUNDS,
    random: float = 0.5,
) -> Decision:
    """Return how long to wait before the next request of a board of field events."""
    tempo = FIELD_TEMPOS.get(sport, DEFAULT_FIELD_TEMPO)
    live = max(bounds.live or tempo.on_course, FLOOR)
    decision = Decision(bounds.idle_cap, Reason.IDLE)
    for event in events:
        for athlete_id in athlete_ids:
            candidate = _delay(event, athlete_id, now, tempo, live)
            if candidate is not None and candidate.delay < decision.delay:
                decision = candidate
    if health.retry_after is not None:
        return Decision(max(health.retry_after, FLOOR), Reason.RETRY_AFTER)
    if health.consecutive_errors:
        wait = backoff(health.consecutive_errors, 2 * live, ERROR_BACKOFF_CAP, random)
        if wait > decision.delay:
            decision = Decision(wait, Reason.ERROR_BACKOFF)
    if health.max_age is not None and health.max_age > decision.delay:
        decision = Decision(health.max_age, Reason.MAX_AGE)
    return decision
