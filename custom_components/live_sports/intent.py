"""Assist: the score, the next game and the league position of a followed team or athlete.

Three intents, registered when Home Assistant's intent integration loads this
platform: `LiveSportsGameState`, `LiveSportsNextGame`, `LiveSportsLeaguePosition`.
Each takes an optional `team` (a followed team's or athlete's name, short name
or abbreviation, in any league entry); without one, it answers for the only one
followed, or asks which. A golfer or a driver is answered from their field
event (`athlete_answers.py`); a tennis player's or fighter's match is a game. LLM-based conversation agents see them through the
Assist API (their descriptions say what they answer; from 2026.x through the
`llm` platform, `llm.py`); the built-in agent needs
sentences (docs/assist.md). Answers are in the asker's language, from the
`intent` texts of the translations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_validation as cv, intent
from homeassistant.helpers.translation import async_get_translations
from homeassistant.util import dt as dt_util
import voluptuous as vol

from .athlete_answers import athlete_next, athlete_place, athlete_state
from .athlete_view import AthleteView, athlete_view
from .const import DOMAIN
from .leagues import is_athlete_league, is_field_league
from .models import Game, Phase, Team, TeamGame
from .runtime import LiveSportsConfigEntry
from .standings import position_of

INTENT_GAME_STATE: Final = "LiveSportsGameState"
INTENT_NEXT_GAME: Final = "LiveSportsNextGame"
INTENT_LEAGUE_POSITION: Final = "LiveSportsLeaguePosition"
INTENTS: Final = (INTENT_GAME_STATE, INTENT_NEXT_GAME, INTENT_LEAGUE_POSITION)
SLOT_TEAM: Final = "team"


@dataclass(frozen=True, slots=True)
class _Followed:
    """A followed team and the loaded entry that follows it."""

    team: Team
    entry: LiveSportsConfigEntry


def _followed(hass: HomeAssistant) -> list[_Followed]:
    entries: list[LiveSportsConfigEntry] = hass.config_entries.async_entries(DOMAIN)
    return [
        _Followed(team, entry)
        for entry in entries
        if entry.state is ConfigEntryState.LOADED
        for team in entry.runtime_data.coordinator.teams.values()
    ]


def _matches(team: Team, asked: str) -> bool:
    asked = asked.casefold().strip()
    names = (team.name, team.short_name, team.abbreviation)
    return any(name.casefold() == asked for name in names) or (
        len(asked) > 3 and asked in team.name.casefold()
    )


class _Texts:
    """The intent answers of one language."""

    def __init__(self, texts: dict[str, str]) -> None:
        self._texts = texts

    def __call__(self, key: str, /, **placeholders: Any) -> str:
        text = self._texts.get(f"component.{DOMAIN}.intent.{key}", key)
        return text.format(**placeholders)

    def phase(self, phase: Phase) -> str:
        """Return a phase as the Game status sensor names it ("Postponed", "Verschoben")."""
        key = f"component.{DOMAIN}.entity.sensor.game_status.state.{phase.value}"
        return self._texts.get(key, phase.value)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


class _TeamIntent(intent.IntentHandler):
    """Find the team asked about, answer in the asker's language."""

    platforms = None

    @property
    def slot_schema(self) -> dict[Any, Any]:
        """Return the one slot: the team asked about, optional."""
        return {vol.Optional(SLOT_TEAM): cv.string}

    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        """Answer for the team named (or the only one followed)."""
        hass = intent_obj.hass
        slots = self.async_validate_slots(intent_obj.slots)
        asked = slots.get(SLOT_TEAM, {}).get("value")
        language = intent_obj.language
        texts = _Texts(
            await async_get_translations(hass, language, "intent", [DOMAIN])
            | await async_get_translations(hass, language, "entity", [DOMAIN])
        )
        followed = _followed(hass)
        response = intent_obj.create_response()
        # Athletes followed too: the question back says "which one", not "which team".
        anyone = any(
            is_athlete_league(item.entry.runtime_data.coordinator.provider.league)
            for item in followed
        )
        if asked:
            found = [item for item in followed if _matches(item.team, str(asked))]
            if not found:
                key = "no_followed" if anyone else "no_team"
                response.async_set_speech(texts(key, team=asked))
                return response
        elif len(followed) != 1:
            names = ", ".join(item.team.name for item in followed)
            key = "which_followed" if anyone else "which_team"
            response.async_set_speech(texts(key, teams=names or "-"))
            return response
        else:
            found = followed
        response.async_set_speech(self.answer(found[0], texts, dt_util.utcnow()))
        return response

    def answer(self, followed: _Followed, texts: _Texts, now: datetime) -> str:
        """Return the answer for one team."""
        raise NotImplementedError


def _athlete(
    followed: _Followed, now: datetime, *, started: bool | None = None
) -> AthleteView | None:
    """Return a followed golfer's or driver's view of the shown board, None for a team.

    Started False: of the events not started yet only (a driver's next
    session); True: of those started or over (the session just run).
    """
    coordinator = followed.entry.runtime_data.coordinator
    if not is_field_league(coordinator.provider.league):
        return None
    board = coordinator.data
    events = board.fields if board else ()
    if started is not None:
        events = tuple(e for e in events if (e.phase is not Phase.SCHEDULED) is started)
    return athlete_view(events, followed.team.id, now)


def _view_games(followed: _Followed) -> tuple[TeamGame | None, tuple[Game, ...]]:
    data = followed.entry.runtime_data
    coordinator = data.coordinator
    view = data.views.get(
        coordinator.data, coordinator.schedules.of(followed.team.id), followed.team
    )
    return view.snapshot.current, view.games


def _when(start: datetime, now: datetime, texts: _Texts) -> str:
    local, today = dt_util.as_local(start), dt_util.as_local(now).date()
    time = local.strftime("%H:%M")
    if local.date() == today:
        return texts("today_at", time=time)
    if local.date() == today + timedelta(days=1):
        return texts("tomorrow_at", time=time)
    return texts("on_date_at", date=local.date().isoformat(), time=time)


def _at(now: datetime, texts: _Texts) -> Callable[[datetime], str]:
    return lambda start: _when(start, now, texts)


def _next_game(followed: _Followed, texts: _Texts, now: datetime) -> str:
    _, games = _view_games(followed)
    upcoming = [game for game in games if game.phase is Phase.SCHEDULED and game.start >= now]
    team = followed.team
    if not upcoming:
        return texts("next_unknown", team=team.name)
    game = upcoming[0]
    opponent = game.away if game.home.team.id == team.id else game.home
    # A tennis player or a fighter: one person ("plays"), where a club's name is many ("play").
    athlete = is_athlete_league(followed.entry.runtime_data.coordinator.provider.league)
    return texts(
        "next_match" if athlete else "next_game",
        team=team.name,
        opponent=opponent.team.name,
        when=_when(game.start, now, texts),
    )


class GameStateIntent(_TeamIntent):
    """The score or state of a followed team's current game."""

    intent_type = INTENT_GAME_STATE
    description = (
        "Tells the score and state of a followed sports team's current game "
        "(live, at a break, just finished), or that it has none; for a followed "
        "athlete, their current match, or their place and score in the current "
        "tournament round or racing session"
    )

    def answer(self, followed: _Followed, texts: _Texts, now: datetime) -> str:
        """Return the score of the current game, or when the next one starts."""
        if (athlete := _athlete(followed, now)) is not None:
            return athlete_state(athlete, followed.team.name, texts, _at(now, texts))
        current, _ = _view_games(followed)
        team = followed.team
        if current is None:
            return texts("no_game", team=team.name)
        game = current.game
        scores = {
            "team": team.name,
            "opponent": current.opponent.team.name,
            "team_score": current.own.score if current.own.score is not None else 0,
            "opponent_score": current.opponent.score if current.opponent.score is not None else 0,
        }
        if game.phase.in_play:
            return texts("live", status=game.status_detail or game.phase.value, **scores)
        if game.phase is Phase.FINAL:
            return texts("final", **scores)
        if game.phase is Phase.SCHEDULED:
            return _next_game(followed, texts, now)
        return texts(
            "status", team=team.name, opponent=scores["opponent"], status=texts.phase(game.phase)
        )


class NextGameIntent(_TeamIntent):
    """When and against whom a followed team plays next."""

    intent_type = INTENT_NEXT_GAME
    description = (
        "Tells when and against whom a followed sports team plays next; for a "
        "followed athlete, their next match, tee time or racing session"
    )

    def answer(self, followed: _Followed, texts: _Texts, now: datetime) -> str:
        """Return the next game's opponent and start."""
        if (athlete := _athlete(followed, now)) is not None:
            if athlete.next_start is None:  # under way: the next session of the weekend
                athlete = _athlete(followed, now, started=False) or athlete
            return athlete_next(athlete, followed.team.name, texts, _at(now, texts))
        return _next_game(followed, texts, now)


class LeaguePositionIntent(_TeamIntent):
    """A followed team's place in its league table."""

    intent_type = INTENT_LEAGUE_POSITION
    description = (
        "Tells a followed sports team's position in its league table, "
        "its points or record, and how far behind the leader it is; for a followed "
        "golfer or driver, their place on the current leaderboard and who leads"
    )

    def answer(self, followed: _Followed, texts: _Texts, now: datetime) -> str:
        """Return the rank, the points or record, and the gap to the leader."""
        if (athlete := _athlete(followed, now)) is not None:
            if athlete.entrant is None or athlete.entrant.position is None:
                # Between sessions: the place in the one just run.
                athlete = _athlete(followed, now, started=True) or athlete
            return athlete_place(athlete, followed.team.name, texts, _at(now, texts))
        keeper = followed.entry.runtime_data.standings
        team = followed.team
        if keeper.no_table:
            return texts("no_table", league=followed.entry.title)
        position = position_of(keeper.shown, team.id) if keeper.shown else None
        if position is None:
            return texts("position_unknown", team=team.name)
        row = position.row
        if row.games_behind is not None or row.points is None:
            record = texts("record", wins=row.wins or 0, losses=row.losses or 0)
            gap_key = "gap_games"
        else:
            record = texts("points", points=_number(row.points))
            gap_key = "gap_points"
        if row.rank == 1:
            return texts(
                "position_leader", team=team.name, group=position.group.name, record=record
            )
        return texts(
            "position",
            team=team.name,
            rank=row.rank,
            group=position.group.name,
            record=record,
            gap=texts(gap_key, gap=_number(position.gap_to_leader)),
        )


async def async_setup_intents(hass: HomeAssistant) -> None:
    """Register the intents (called by Home Assistant's intent integration)."""
    for handler in (GameStateIntent(), NextGameIntent(), LeaguePositionIntent()):
        intent.async_register(hass, handler)
