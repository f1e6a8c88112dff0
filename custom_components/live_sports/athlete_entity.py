"""Entities of a followed athlete (golf): the base, Playing, and the event entity.

An athlete is followed like a team (a subentry, a device each), and their
entities read the shown board like a team's do; what they read of it is the
athlete's view of its field events (``athlete_view.py``), not a game.
"""

from __future__ import annotations

from homeassistant.components.binary_sensor import BinarySensorEntity
from homeassistant.components.event import EventEntityDescription
from homeassistant.helpers.entity import EntityDescription
from homeassistant.util import dt as dt_util

from .athlete_view import AthleteView, athlete_view
from .coordinator import LeagueCoordinator
from .entity import TeamEntity
from .event_entity import TeamEventEntity
from .events import ATHLETE_BUS_EVENTS, GAME_EVENT_KEY, short_type
from .models import Team
from .views import TeamView


class AthleteEntity(TeamEntity):
    """An entity of a followed athlete, reading their view of the shown board."""

    def __init__(
        self, coordinator: LeagueCoordinator, team: Team, description: EntityDescription
    ) -> None:
        """Initialize for one athlete (their ``Team`` carries their id and name)."""
        self.athlete: AthleteView = athlete_view((), team.id, dt_util.utcnow())
        super().__init__(coordinator, team, description)

    def _read_view(self, view: TeamView) -> None:
        """Take the athlete's view of the board's field events."""
        super()._read_view(view)
        board = self.coordinator.data
        self.athlete = athlete_view(board.fields if board else (), self.team.id, dt_util.utcnow())


PLAYING = EntityDescription(key="playing", translation_key="playing")


class AthletePlayingSensor(AthleteEntity, BinarySensorEntity):
    """On while the athlete is on the course."""

    def _read_view(self, view: TeamView) -> None:
        super()._read_view(view)
        self._attr_is_on = self.athlete.playing

    def _shown(self) -> tuple[object, ...]:
        return (*super()._shown(), self._attr_is_on)


ATHLETE_EVENT = EventEntityDescription(
    key=GAME_EVENT_KEY,
    translation_key="athlete_event",
    event_types=[short_type(event_type) for event_type in ATHLETE_BUS_EVENTS],
)
"""Same key as a team's game event entity: the logbook and bus events find it alike."""
RACING_EVENT = EventEntityDescription(
    key=GAME_EVENT_KEY,
    translation_key="racing_event",
    event_types=["place_changed", "took_lead", "lost_lead", "event_finished"],
)
"""A driver's: places and the lead during a session, and the session's end."""


class AthleteEventEntity(AthleteEntity, TeamEventEntity):
    """A followed athlete's moments (round started, took the lead, cut made …), as events."""
