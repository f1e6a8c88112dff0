"""The NHL's own web API (``api-web.nhle.com/v1``): parsing and fetching.

Parsing is pure: JSON in, domain out. It reads the game lists of
``schedule/{date}`` (a week of ``gameWeek`` days), ``score/{date}`` and
``club-schedule-season/{team}/{season}`` (a ``games`` list); ``score`` adds
the clock, the intermission flag and the goals (``nhl_goals.py``). ``NhlWebProvider`` asks ``score/{date}``
for the sports day's games and ``schedule/now`` (this week) for the teams:
the API has no team list carrying the ids its games use.

States: ``gameScheduleState`` says whether the game takes place (OK, PPD
postponed, SUSP suspended, CNCL canceled); ``gameState`` says how far it is
(FUT and PRE before the puck drops, LIVE and CRIT while it is played, OVER,
FINAL and OFF after). The clock's ``inIntermission`` makes a live game a break.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
import logging
from typing import Any, Final

from ..models import Competitor, Game, Phase, Scoreboard, Team, Venue
from .base import ProviderResponseError
from .http import JsonProvider, sports_day
from .nhl_goals import parse_goals
from .parsing import (
    IN_GAME_PHASES,
    NO_SCORE_PHASES,
    UnknownStatusCallback,
    game_id,
    mapping,
    names_of,
    ordinal,
    parse_each,
    parse_utc,
    team_id,
    teams_of,
    text,
    to_int,
)

_LOGGER = logging.getLogger(__name__)

BASE_URL: Final = "https://api-web.nhle.com/v1"
PROVIDER: Final = "nhl_web"
"""The prefix of this provider's game ids: they never clash with another's."""
SPORT: Final = "hockey"

SCHEDULE_STATES: Final[dict[str, Phase | None]] = {
    "OK": None,  # the game takes place: its gameState tells the phase
    "TBD": None,
    "PPD": Phase.POSTPONED,
    "SUSP": Phase.SUSPENDED,
    "CNCL": Phase.CANCELED,
}
GAME_STATES: Final[dict[str, Phase]] = {
    "FUT": Phase.SCHEDULED,
    "PRE": Phase.SCHEDULED,  # warm-up: a polling window, not a phase
    "LIVE": Phase.LIVE,
    "CRIT": Phase.LIVE,  # the last minutes of a close game
    "OVER": Phase.FINAL,  # over, not yet official
    "FINAL": Phase.FINAL,
    "OFF": Phase.FINAL,  # official
}
_DETAILS: Final = {
    Phase.SCHEDULED: "Scheduled",
    Phase.POSTPONED: "Postponed",
    Phase.SUSPENDED: "Suspended",
    Phase.CANCELED: "Canceled",
}


def _localized(value: Any) -> str | None:
    """Return the default text of ``{"default": "Toronto", "fr": …}``."""
    return text(value.get("default")) if isinstance(value, Mapping) else text(value)


def map_state(
    game_state: str, schedule_state: str, on_unknown: UnknownStatusCallback | None
) -> Phase:
    """Map the two NHL states to a phase; unknown ones to scheduled, reported."""
    if schedule_state not in SCHEDULE_STATES and on_unknown is not None:
        on_unknown(f"gameScheduleState {schedule_state}", game_state)
    if (phase := SCHEDULE_STATES.get(schedule_state)) is not None:
        return phase
    if (phase := GAME_STATES.get(game_state)) is None:
        if on_unknown is not None:
            on_unknown(f"gameState {game_state}", schedule_state)
        phase = Phase.SCHEDULED
    return phase


def _team(data: Mapping[str, Any]) -> Team:
    place = _localized(data.get("placeName"))
    common = _localized(data.get("commonName")) or _localized(data.get("name"))
    abbreviation = text(data.get("abbrev"))
    name = " ".join(part for part in (place, common) if part) or abbreviation
    if name is None:
        raise KeyError("abbrev")
    return Team(
        id=team_id(data["id"]),
        abbreviation=abbreviation or name,
        name=name,
        short_name=common or place or name,
        logo=text(data.get("logo")),
    )


def _competitor(data: Any, phase: Phase) -> Competitor:
    if not isinstance(data, Mapping):
        raise TypeError(f"team is {type(data).__name__}, not an object")
    return Competitor(
        team=_team(data),
        score=None if phase in NO_SCORE_PHASES else to_int(data.get("score")),
        record=text(data.get("record")),
    )


def _period_name(number: int, descriptor: Mapping[str, Any]) -> str:
    kind = descriptor.get("periodType")
    if kind == "SO":
        return "SO"
    if kind == "OT":
        extra = to_int(descriptor.get("otPeriods")) or number - 3
        return "OT" if extra <= 1 else f"{extra}OT"
    return ordinal(number)


def _detail(
    phase: Phase, period: int | None, descriptor: Mapping[str, Any], game: Mapping[str, Any]
) -> str:
    if phase is Phase.FINAL:
        last = mapping(game.get("gameOutcome")).get("lastPeriodType")
        return f"Final/{last}" if last in ("OT", "SO") else "Final"
    if phase in _DETAILS:
        return _DETAILS[phase]
    if period is None:
        return "In Progress"
    name = _period_name(period, descriptor)
    if phase is Phase.BREAK:
        return f"End of {name}"
    clock = text(mapping(game.get("clock")).get("timeRemaining"))
    return f"{name} {clock}" if clock else name


def _season(value: Any) -> int | None:
    """Return the season's year as ESPN counts it: 20232024 is 2024."""
    season = to_int(value)
    return season % 10000 if season and season > 9999 else season


def _broadcasts(game: Mapping[str, Any]) -> tuple[str, ...]:
    return names_of(game.get("tvBroadcasts"), "network")


def parse_game(
    game: Mapping[str, Any], league: str = "nhl", on_unknown: UnknownStatusCallback | None = None
) -> Game:
    """Parse one game of a schedule, score or club schedule payload."""
    phase = map_state(
        str(game.get("gameState", "")), str(game.get("gameScheduleState", "OK")), on_unknown
    )
    clock = mapping(game.get("clock"))
    if phase is Phase.LIVE and clock.get("inIntermission") is True:
        phase = Phase.BREAK
    home = _competitor(game["homeTeam"], phase)
    away = _competitor(game["awayTeam"], phase)
    descriptor = mapping(game.get("periodDescriptor"))
    period = to_int(descriptor.get("number")) or to_int(game.get("period"))
    if phase not in (*IN_GAME_PHASES, Phase.FINAL):
        period = None
    venue = _localized(game.get("venue"))
    return Game(
        id=game_id(PROVIDER, game["id"]),
        league=league,
        sport=SPORT,
        name=f"{away.team.name} at {home.team.name}",
        short_name=f"{away.team.abbreviation} @ {home.team.abbreviation}",
        start=parse_utc(game["startTimeUTC"]),
        phase=phase,
        status_detail=_detail(phase, period, descriptor, game),
        home=home,
        away=away,
        period=period,
        clock=text(clock.get("timeRemaining")) if phase in IN_GAME_PHASES else None,
        venue=Venue(venue, _localized(game.get("venueLocation"))) if venue else None,
        broadcasts=_broadcasts(game),
        season=_season(game.get("season")),
        plays=parse_goals(
            game_id(PROVIDER, game["id"]),
            game.get("goals") or (),
            (home.team.id, home.team.abbreviation),
            (away.team.id, away.team.abbreviation),
        ),
    )


def _entries(payload: Any) -> list[Any]:
    """Return the game entries of any of the three payloads."""
    if not isinstance(payload, Mapping):
        raise ProviderResponseError(
            f"malformed NHL payload: {type(payload).__name__}, not an object"
        )
    games = payload.get("games")
    if isinstance(games, list):  # score and club-schedule-season
        return games
    weeks = payload.get("gameWeek")
    if not isinstance(weeks, list):
        raise ProviderResponseError("malformed NHL payload: no 'games' or 'gameWeek' list")
    entries: list[Any] = []
    for day in weeks:
        day_games = day.get("games") if isinstance(day, Mapping) else None
        if not isinstance(day_games, list):
            raise ProviderResponseError("malformed NHL payload: a gameWeek day has no games list")
        entries.extend(day_games)
    return entries


def parse_games(
    payload: Any, league: str = "nhl", on_unknown: UnknownStatusCallback | None = None
) -> list[Game]:
    """Parse the games of a schedule, score or club schedule payload."""
    return parse_each(
        _entries(payload),
        lambda game: parse_game(game, league, on_unknown),
        what="NHL schedule",
        id_key="id",
        logger=_LOGGER,
    )


class NhlWebProvider(JsonProvider):
    """Fetch one day's NHL games, with their clock and intermissions, from the NHL."""

    name = "NHL"
    attribution: str | None = "Data provided by the NHL"

    def _parse(self, payload: Any, on_unknown: UnknownStatusCallback) -> list[Game]:
        return parse_games(payload, self.league.key, on_unknown)

    async def async_get_teams(self) -> list[Team]:
        """Return the teams playing this week, sorted by name (their ids are the NHL's)."""
        payload = await self._async_get(f"{BASE_URL}/schedule/now")
        return teams_of(self._parse(payload, self._on_unknown))

    async def async_get_scoreboard(self, team_ids: Collection[str], now: datetime) -> Scoreboard:
        """Return every game of the sports day around `now`, whoever plays."""
        day = sports_day(now).isoformat()
        return await self._async_scoreboard(f"{BASE_URL}/score/{day}", None, now, self._parse)
