"""Assist's answers for a followed athlete of a field event (a golfer, a driver).

Pure, no Home Assistant: from the athlete's view (``athlete_view.py``, what
their entities show) to the answer's text key and its placeholders. The
intents (``intent.py``) put the words in the asker's language. A tennis player's
or a fighter's match is a game between two sides: the team answers serve them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

from .athlete_view import AthleteStatus, AthleteView
from .models.field import to_par_text


class Say(Protocol):
    """Put one answer, by its key, in the asker's language."""

    def __call__(self, key: str, /, **placeholders: Any) -> str:
        """Return the answer's text with its placeholders filled."""


When = Callable[[datetime], str]
"""Say when something starts ("today at 13:40", "tomorrow at 11:00")."""

_OVER = {
    AthleteStatus.FINISHED: "athlete_finished",
    AthleteStatus.WON: "athlete_won",
    AthleteStatus.CUT: "athlete_cut",
    AthleteStatus.WITHDRAWN: "athlete_withdrew",
}


def _event_name(view: AthleteView) -> str:
    return view.event.name if view.event else ""


def athlete_state(view: AthleteView, name: str, say: Say, when: When) -> str:
    """Return where the athlete stands in the event under way, or how it ended for them."""
    entrant, event = view.entrant, _event_name(view)
    if view.status is AthleteStatus.NO_EVENT:
        return say("athlete_no_event", athlete=name)
    if entrant is None or view.status is AthleteStatus.SCHEDULED:
        return athlete_next(view, name, say, when)
    if (key := _OVER.get(view.status)) is not None:
        return say(key, athlete=name, event=event, position=entrant.position_text or "")
    score = to_par_text(entrant.score)
    current = view.round
    if score is None or current is None:  # a driver in a session
        return say("athlete_on_track", athlete=name, event=event, position=entrant.position_text)
    if not current.holes:  # the round is under way, the athlete tees off later
        return athlete_next(view, name, say, when)
    key = "athlete_playing" if view.playing else "athlete_between_rounds"
    return say(
        key,
        athlete=name,
        event=event,
        position=entrant.position_text,
        score=score,
        thru=view.thru,
        round=current.number,
    )


def athlete_next(view: AthleteView, name: str, say: Say, when: When) -> str:
    """Return the athlete's next tee time (or their next session, the event's start)."""
    event = view.event
    if view.status is AthleteStatus.NOT_ENTERED and event is not None:
        return say("athlete_not_entered", athlete=name, event=event.name)
    start = view.next_start
    if event is None or start is None:
        return say("athlete_next_unknown", athlete=name)
    entrant = view.entrant
    tee = next(
        (item for item in entrant.rounds if item.tee_time == start) if entrant else iter(()),
        None,
    )
    if tee is not None:
        return say(
            "athlete_tee_time", athlete=name, event=event.name, round=tee.number, when=when(start)
        )
    return say("athlete_event_starts", athlete=name, event=event.name, when=when(start))


def athlete_place(view: AthleteView, name: str, say: Say, when: When) -> str:
    """Return the athlete's place on the leaderboard, out of how many, and who leads."""
    entrant, event, leader = view.entrant, view.event, view.leader
    if view.status in _OVER:
        return athlete_state(view, name, say, when)
    if entrant is None or event is None or entrant.position is None or leader is None:
        return say("athlete_no_place", athlete=name)
    score = to_par_text(entrant.score)
    position = f"{entrant.position_text} ({score})" if score else str(entrant.position_text)
    placeholders = {"athlete": name, "event": event.name, "field": len(event.entrants)}
    if entrant.position == 1:
        return say("athlete_leads", position=position, **placeholders)
    return say(
        "athlete_place", position=position, leader=view.leader_text or leader.name, **placeholders
    )
