"""Calendar of a followed golfer's rounds or a driver's sessions, from the shown board.

Golf: a round per tee time the player has (five hours each); before tee
times are out, the tournament from its start to its end. Racing: each session
of the weekend the driver is entered in (or whose entry list is not out yet),
two hours each. Only what the board says: no schedule beyond the current event.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

from homeassistant.components.calendar import (
    CalendarEntity,
    CalendarEntityDescription,
    CalendarEvent,
)
from homeassistant.core import HomeAssistant

from .athlete_entity import AthleteEntity
from .coordinator import LeagueCoordinator
from .models import Team
from .models.field import FieldEvent
from .views import TeamView

ROUND_LENGTH: Final = timedelta(hours=5)
SESSION_LENGTH: Final = timedelta(hours=2)
ROUNDS = CalendarEntityDescription(key="rounds", translation_key="rounds")
SESSIONS = CalendarEntityDescription(key="sessions", translation_key="sessions")


def athlete_events(events: tuple[FieldEvent, ...], athlete_id: str) -> list[CalendarEvent]:
    """Return the athlete's rounds (golf) or sessions (racing) on the board, by start."""
    found: list[CalendarEvent] = []
    for event in events:
        entrant = event.entrant(athlete_id)
        if entrant is None and event.field_published:
            continue
        tee_times = [(item.number, item.tee_time) for item in entrant.rounds] if entrant else []
        rounds = [(number, tee) for number, tee in tee_times if tee is not None]
        found.extend(
            CalendarEvent(
                start=tee,
                end=tee + ROUND_LENGTH,
                summary=f"{event.short_name} — Round {number}",
                uid=f"{event.id}_{number}",
            )
            for number, tee in rounds
        )
        if not rounds:
            length = SESSION_LENGTH if event.sport == "racing" else None
            end = event.start + length if length else (event.end or event.start) + timedelta(days=1)
            found.append(
                CalendarEvent(start=event.start, end=end, summary=event.short_name, uid=event.id)
            )
    return sorted(found, key=lambda item: item.start)


class AthleteCalendar(AthleteEntity, CalendarEntity):
    """A followed athlete's rounds or sessions as calendar events."""

    def __init__(self, coordinator: LeagueCoordinator, team: Team) -> None:
        """Initialize the athlete's calendar (rounds for golf, sessions for racing)."""
        self._events: list[CalendarEvent] = []
        racing = coordinator.provider.league.sport == "racing"
        super().__init__(coordinator, team, SESSIONS if racing else ROUNDS)

    def _read_view(self, view: TeamView) -> None:
        super()._read_view(view)
        board = self.coordinator.data
        self._events = athlete_events(board.fields if board else (), self.team.id)

    def _shown(self) -> tuple[object, ...]:
        return (*super()._shown(), tuple(self._events))

    @property
    def event(self) -> CalendarEvent | None:
        """Return the round or session under way, else the next one."""
        now = self.coordinator.data.fetched_at if self.coordinator.data else None
        upcoming = [item for item in self._events if now is None or item.end > now]
        return upcoming[0] if upcoming else None

    async def async_get_events(
        self, hass: HomeAssistant, start_date: datetime, end_date: datetime
    ) -> list[CalendarEvent]:
        """Return the rounds or sessions between two times."""
        return [item for item in self._events if item.end > start_date and item.start < end_date]
