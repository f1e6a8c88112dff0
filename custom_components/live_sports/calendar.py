"""Calendar of a followed team: its past and upcoming games, from the board and its schedule."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Final

from homeassistant.components.calendar import (
    CalendarEntity,
    CalendarEntityDescription,
    CalendarEvent,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util import dt as dt_util

from .athlete_calendar import AthleteCalendar
from .coordinator import LeagueCoordinator
from .entity import TeamEntity, async_add_team_entities, result_text, versus
from .leagues import is_field_league
from .models import Game, Phase, Team, TeamGame
from .runtime import LiveSportsConfigEntry
from .views import TeamView

PARALLEL_UPDATES = 0

GAME_LENGTHS: Final[dict[str, timedelta]] = {
    "football": timedelta(hours=3, minutes=30),
    "basketball": timedelta(hours=2, minutes=30),
    "hockey": timedelta(hours=2, minutes=30),
    "baseball": timedelta(hours=3),
    "soccer": timedelta(hours=2),
    "volleyball": timedelta(hours=2),
    "australian-football": timedelta(hours=3),
    "rugby": timedelta(hours=2),
    "rugby-league": timedelta(hours=2),
    "cricket": timedelta(hours=8),
    "lacrosse": timedelta(hours=2, minutes=30),
    "softball": timedelta(hours=2, minutes=30),
    "field-hockey": timedelta(hours=2),
    "tennis": timedelta(hours=2, minutes=30),
    "mma": timedelta(minutes=30),
}
"""How long a game usually takes, start to final: a calendar event's length."""
DEFAULT_GAME_LENGTH: Final = timedelta(hours=3)
RUNNING_OVER: Final = timedelta(minutes=15)
"""A game still under way past its usual length runs on by steps of this, at least this
long after now."""
NOT_PLAYED: Final = (Phase.POSTPONED, Phase.CANCELED)

GAMES = CalendarEntityDescription(key="games", translation_key="games")


async def async_setup_entry(
    hass: HomeAssistant,
    entry: LiveSportsConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the calendar of every followed team (a golfer's rounds, a driver's sessions)."""
    if is_field_league(entry.runtime_data.coordinator.provider.league):
        async_add_team_entities(
            entry,
            async_add_entities,
            lambda coordinator, team: [AthleteCalendar(coordinator, team)],
        )
        return
    async_add_team_entities(
        entry, async_add_entities, lambda coordinator, team: [TeamCalendar(coordinator, team)]
    )


class TeamCalendar(TeamEntity, CalendarEntity):
    """A followed team's games as calendar events, one per game (uid: the game id).

    Its games are read again only when the team's games changed (the view
    keeps the same tuple otherwise), and its state is written only when the
    event it shows changed: each write also sets Home Assistant's timers for
    the event's start and end.
    """

    def __init__(self, coordinator: LeagueCoordinator, team: Team) -> None:
        """Initialize the calendar of one team."""
        self._games: list[TeamGame] = []
        self._read_from: tuple[Game, ...] | None = None
        self._ended: dict[str, datetime] = {}
        """When a game seen under way was first reported final: its event's end."""
        self._made: dict[str, tuple[Game, datetime, CalendarEvent, dict[str, Any]]] = {}
        """Each game's event as last made, and what it says (making one validates it)."""
        super().__init__(coordinator, team, GAMES)

    def _read_view(self, view: TeamView) -> None:
        """Read the team's games again when they changed."""
        super()._read_view(view)
        if view.games is not self._read_from:
            self._read_from = view.games
            self._read_games(view.games)

    def _read_games(self, games: tuple[Game, ...]) -> None:
        """Keep the team's played games, and note when one seen under way became final."""
        board = self.coordinator.data
        views = [
            TeamGame(game, side)
            for game in games
            if game.phase not in NOT_PLAYED and (side := game.side_of(self.team.id))
        ]
        playing = {view.game.id for view in self._games if view.game.phase.in_play}
        ids = {view.game.id for view in views}
        self._ended = {game_id: at for game_id, at in self._ended.items() if game_id in ids}
        for view in views:
            game = view.game
            if game.phase is Phase.FINAL and game.id in playing and game.start < board.fetched_at:
                self._ended.setdefault(game.id, board.fetched_at)
        self._games = views
        self._made = {game_id: made for game_id, made in self._made.items() if game_id in ids}

    def _shown(self) -> tuple[object, ...]:
        return (*super()._shown(), self.state, self.state_attributes)

    def _end(self, game: Game, now: datetime) -> datetime:
        league = self.coordinator.provider.league
        end = game.start + (league.game_length or GAME_LENGTHS.get(game.sport, DEFAULT_GAME_LENGTH))
        if game.phase.in_play and end < now + RUNNING_OVER:
            # Running over: on by steps (one write each), not a new end every poll.
            steps = (now + RUNNING_OVER - end) // RUNNING_OVER + 1
            return end + steps * RUNNING_OVER
        return self._ended.get(game.id, end)

    def _event(self, view: TeamGame, now: datetime) -> CalendarEvent:
        """Return a game's event; the one made before while what it says is the same.

        A live game is a new object every poll, its event mostly not: making
        one (Home Assistant validates it) only when its text or times change.
        """
        game = view.game
        end = self._end(game, now)
        made = self._made.get(game.id)
        if made is not None and made[0] is game and made[1] == end:
            return made[2]
        fields = self._event_fields(view, end)
        event = made[2] if made is not None and made[3] == fields else CalendarEvent(**fields)
        self._made[game.id] = (game, end, event, fields)
        return event

    def _event_fields(self, view: TeamGame, end: datetime) -> dict[str, Any]:
        game = view.game
        league = self.coordinator.provider.league
        venue = game.venue
        competition = game.competition or league.name
        lines = [f"{competition}, week {game.week}" if game.week else competition]
        if game.broadcasts:
            lines.append(f"TV: {', '.join(game.broadcasts)}")
        if (result := result_text(view)) is not None:
            lines.append(result)
        return {
            "start": dt_util.as_local(game.start),
            "end": dt_util.as_local(end),
            "summary": (
                f"{view.own.team.abbreviation} {versus(view)} {view.opponent.team.abbreviation}"
            ),
            "location": ", ".join(filter(None, (venue.name, venue.city))) if venue else None,
            "description": "\n".join(lines),
            "uid": game.id,
        }

    @property
    def event(self) -> CalendarEvent | None:
        """Return the game under way, else the next one that has not ended."""
        now = dt_util.utcnow()
        if playing := [view for view in self._games if view.game.phase.in_play]:
            return self._event(playing[-1], now)
        for view in self._games:
            if view.game.phase is not Phase.FINAL and self._end(view.game, now) > now:
                return self._event(view, now)
        return None

    async def async_get_events(
        self, hass: HomeAssistant, start_date: datetime, end_date: datetime
    ) -> list[CalendarEvent]:
        """Return the games overlapping the window, by start time."""
        now = dt_util.utcnow()
        events = (self._event(view, now) for view in self._games)
        return [event for event in events if event.start < end_date and event.end > start_date]
