"""TheSportsDB's free v1 API (``thesportsdb.com/api/v1/json/3``): parsing and fetching.

Parsing is pure: JSON in, domain out. It reads the ``events`` of
``eventsday.php``, ``eventsnextleague.php`` and friends, and the
``livescore`` list of the live scores, for every sport: soccer, American
football, ice hockey, basketball, baseball and the rest, and the ``teams`` of
``lookup_all_teams.php``. ``TheSportsDbProvider`` serves one of our leagues
it has an id for (``LEAGUE_IDS``): the sports day's ``eventsday.php`` of that
league, and the league's teams.

A payload mixes leagues: each game carries our key of its league where we
have one (``LEAGUE_IDS``), else ``thesportsdb:<idLeague>``. The status codes
(``strStatus``) are those of API-Football, plus the periods of other sports
(Q1-Q4, P1-P3, IN1…, OT) and a few spelled out ("Match Finished").
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
import logging
import re
from typing import Any, Final

import aiohttp

from ..models import Competitor, Game, Phase, Scoreboard, Team, Venue
from .base import League, ProviderResponseError
from .espn import LEAGUES
from .http import JsonProvider, sports_day
from .parsing import (
    IN_GAME_PHASES,
    NO_SCORE_PHASES,
    PARSE_ERRORS,
    UnknownStatusCallback,
    game_id,
    parse_each,
    parse_utc,
    team_id,
    teams_of,
    text,
    to_int,
)

_LOGGER = logging.getLogger(__name__)

BASE_URL: Final = "https://www.thesportsdb.com/api/v1/json/3"
"""The free API, with its public test key."""
PROVIDER: Final = "thesportsdb"

LEAGUE_IDS: Final[dict[str, str]] = {
    "4391": "nfl",
    "4479": "ncaaf",
    "4405": "cfl",
    "4387": "nba",
    "4516": "wnba",
    "4424": "mlb",
    "4380": "nhl",
    "4346": "mls",
    "4521": "nwsl",
    "4328": "epl",
    "4329": "efl_championship",
    "4335": "laliga",
    "4331": "bundesliga",
    "4332": "serie_a",
    "4334": "ligue_1",
    "4337": "eredivisie",
    "4350": "liga_mx",
    "4480": "ucl",
    "4481": "uel",
}
"""TheSportsDB's ``idLeague`` of our leagues (providers/espn/leagues.py LEAGUES).

Each checked against published league lists of TheSportsDB clients; CFL's
(4405) against one only.
"""
SPORTS: Final[dict[str, str]] = {
    "Soccer": "soccer",
    "American Football": "football",
    "Ice Hockey": "hockey",
    "Basketball": "basketball",
    "Baseball": "baseball",
    "Volleyball": "volleyball",
}
"""Our sport names of TheSportsDB's ``strSport``; others are lower-cased."""
_REGULATION: Final = {"football": 4, "basketball": 4, "hockey": 3, "soccer": 2}
"""Periods before overtime, to number the OT period as ESPN does."""

STATUSES: Final[dict[str, tuple[Phase, str]]] = {
    "": (Phase.SCHEDULED, "Scheduled"),
    "NS": (Phase.SCHEDULED, "Scheduled"),
    "TBD": (Phase.SCHEDULED, "Time to be decided"),
    "Not Started": (Phase.SCHEDULED, "Scheduled"),
    "1H": (Phase.LIVE, "First half"),
    "2H": (Phase.LIVE, "Second half"),
    "ET": (Phase.LIVE, "Extra time"),
    "P": (Phase.LIVE, "Penalties"),
    "PT": (Phase.LIVE, "Penalties"),
    "OT": (Phase.LIVE, "Overtime"),
    "LIVE": (Phase.LIVE, "In progress"),
    "HT": (Phase.BREAK, "Half time"),
    "BT": (Phase.BREAK, "Break"),
    "FT": (Phase.FINAL, "Full time"),
    "AET": (Phase.FINAL, "Final/AET"),
    "PEN": (Phase.FINAL, "Final/PEN"),
    "AOT": (Phase.FINAL, "Final/OT"),
    "AP": (Phase.FINAL, "Final/SO"),
    "AW": (Phase.FINAL, "Awarded"),
    "AWD": (Phase.FINAL, "Awarded"),
    "WO": (Phase.FINAL, "Walkover"),
    "Match Finished": (Phase.FINAL, "Full time"),
    "PST": (Phase.POSTPONED, "Postponed"),
    "Postponed": (Phase.POSTPONED, "Postponed"),
    "CANC": (Phase.CANCELED, "Canceled"),
    "Cancelled": (Phase.CANCELED, "Canceled"),
    "ABD": (Phase.CANCELED, "Abandoned"),
    "Abandoned": (Phase.CANCELED, "Abandoned"),
    "SUSP": (Phase.SUSPENDED, "Suspended"),
    "INT": (Phase.DELAYED, "Interrupted"),
}
_PERIOD_STATUS = re.compile(r"^(Q|P|IN)(\d{1,2})$")
"""Quarters (Q1-Q4), hockey periods (P1-P3) and innings (IN1…) in play."""
_HALF_PERIODS: Final = {"1H": 1, "HT": 1, "2H": 2, "ET": 3, "P": 5}


def map_status(
    status: str, sport: str, on_unknown: UnknownStatusCallback | None
) -> tuple[Phase, str, int | None]:
    """Return the phase, a detail and the period of a status code."""
    if status in STATUSES:
        phase, detail = STATUSES[status]
        if status == "OT":
            regulation = _REGULATION.get(sport)
            return phase, detail, regulation + 1 if regulation else None
        return phase, detail, _HALF_PERIODS.get(status)
    if match := _PERIOD_STATUS.match(status):
        kind, number = match.group(1), int(match.group(2))
        name = {"Q": "Quarter", "P": "Period", "IN": "Inning"}[kind]
        return Phase.LIVE, f"{name} {number}", number
    if on_unknown is not None:
        on_unknown(status, sport)
    return Phase.SCHEDULED, status, None


def _unknown_in_play(status: str, event: Mapping[str, Any]) -> bool:
    """Return True for an unknown status of a game whose minute is counted."""
    return (
        status not in STATUSES
        and not _PERIOD_STATUS.match(status)
        and bool(text(event.get("strProgress")))
    )


def league_key(event: Mapping[str, Any]) -> str:
    """Return our key of an event's league, else ``thesportsdb:<idLeague>``."""
    league_id = text(event.get("idLeague"))
    if league_id is None:
        raise KeyError("idLeague")
    return LEAGUE_IDS.get(league_id, f"{PROVIDER}:{league_id}")


def _sport(event: Mapping[str, Any], league: str) -> str:
    if league in LEAGUES:
        return LEAGUES[league].sport
    name = text(event.get("strSport")) or "unknown"
    return SPORTS.get(name, name.lower().replace(" ", "_"))


def _competitor(event: Mapping[str, Any], side: str, phase: Phase) -> Competitor:
    name = text(event.get(f"str{side}Team"))
    if name is None:
        raise KeyError(f"str{side}Team")
    return Competitor(
        team=Team(
            id=team_id(event[f"id{side}Team"]),
            abbreviation=name,
            name=name,
            short_name=name,
            logo=text(event.get(f"str{side}TeamBadge")),
        ),
        score=None if phase in NO_SCORE_PHASES else to_int(event.get(f"int{side}Score")),
    )


def _start(event: Mapping[str, Any]) -> datetime:
    """Return the start: ``strTimestamp`` is UTC; else ``dateEvent`` and ``strTime``."""
    if stamp := text(event.get("strTimestamp")):
        return parse_utc(stamp)
    day = text(event.get("dateEvent"))
    if day is None:
        raise KeyError("strTimestamp")
    clock = text(event.get("strTime")) or text(event.get("strEventTime")) or "00:00:00"
    return parse_utc(f"{day}T{clock.removesuffix('Z').split('+')[0]}")


def _season(value: Any, sport: str) -> int | None:
    """Return the season's year as ESPN counts it.

    "2026-2027" is 2026 in soccer and 2027 elsewhere (hockey, basketball).
    """
    years = [to_int(part) for part in str(value).split("-")] if text(value) else []
    if not years or None in years:
        return None
    return years[0] if sport == "soccer" else years[-1]


def parse_event(event: Mapping[str, Any], on_unknown: UnknownStatusCallback | None = None) -> Game:
    """Parse one event of an events or a livescore list."""
    league = league_key(event)
    sport = _sport(event, league)
    status = text(event.get("strStatus")) or ""
    phase, detail, period = map_status(status, sport, on_unknown)
    if _unknown_in_play(status, event):
        phase = Phase.LIVE  # an unknown status with a running minute is under way
    if status in ("FT", "Match Finished") and sport != "soccer":
        detail = "Final"
    if str(event.get("strPostponed", "")).lower() == "yes":
        phase, detail, period = Phase.POSTPONED, "Postponed", None
    home = _competitor(event, "Home", phase)
    away = _competitor(event, "Away", phase)
    in_game = phase in IN_GAME_PHASES
    progress = text(event.get("strProgress"))
    if in_game and progress:
        detail = f"{detail} {progress}'" if sport == "soccer" else f"{detail} {progress}"
    venue = text(event.get("strVenue"))
    return Game(
        id=game_id(PROVIDER, event["idEvent"]),
        league=league,
        sport=sport,
        name=f"{away.team.name} at {home.team.name}",
        short_name=f"{away.team.abbreviation} @ {home.team.abbreviation}",
        start=_start(event),
        phase=phase,
        status_detail=detail,
        home=home,
        away=away,
        period=period if in_game else None,
        clock=(f"{progress}'" if sport == "soccer" else progress) if in_game and progress else None,
        venue=Venue(venue, text(event.get("strCity")), country=text(event.get("strCountry")))
        if venue
        else None,
        season=_season(event.get("strSeason"), sport),
        week=to_int(event.get("intRound")) if sport == "football" else None,
    )


def _entries(payload: Any) -> list[Any]:
    if not isinstance(payload, Mapping):
        raise ProviderResponseError(
            f"malformed TheSportsDB payload: {type(payload).__name__}, not an object"
        )
    for key in ("events", "livescore"):
        if key in payload:
            entries = payload[key]
            if entries is None:  # TheSportsDB's "no events"
                return []
            if not isinstance(entries, list):
                raise ProviderResponseError(f"malformed TheSportsDB payload: {key!r} is no list")
            return entries
    raise ProviderResponseError("malformed TheSportsDB payload: no 'events' or 'livescore'")


def parse_games(
    payload: Any,
    league: str | None = None,
    on_unknown: UnknownStatusCallback | None = None,
) -> list[Game]:
    """Parse the games of an events or livescore payload (of one league, if given)."""
    games = parse_each(
        _entries(payload),
        lambda event: parse_event(event, on_unknown),
        what="TheSportsDB events",
        id_key="idEvent",
        logger=_LOGGER,
    )
    return [game for game in games if league is None or game.league == league]


def infer_league(games: list[Game]) -> str:
    """Return the one league of a list of games, else ``thesportsdb`` (a mix)."""
    leagues = {game.league for game in games}
    return leagues.pop() if len(leagues) == 1 else PROVIDER


def parse_teams(payload: Any) -> list[Team]:
    """Parse the teams of a ``lookup_all_teams.php`` payload, sorted by name.

    ``"teams": null`` is no teams; a malformed team is skipped, and a payload
    none of whose teams parse is refused.
    """
    if not isinstance(payload, Mapping) or "teams" not in payload:
        raise ProviderResponseError("malformed TheSportsDB team list: no 'teams'")
    entries = payload["teams"] if payload["teams"] is not None else []
    if not isinstance(entries, list):
        raise ProviderResponseError("malformed TheSportsDB team list: 'teams' is no list")
    teams: list[Team] = []
    for entry in entries:
        try:
            name = text(entry.get("strTeam"))
            if name is None:
                raise KeyError("strTeam")
            teams.append(
                Team(
                    id=team_id(entry["idTeam"]),
                    abbreviation=text(entry.get("strTeamShort")) or name,
                    name=name,
                    short_name=name,
                    logo=text(entry.get("strBadge")) or text(entry.get("strTeamBadge")),
                )
            )
        except PARSE_ERRORS as err:
            _LOGGER.debug("Skipped a malformed TheSportsDB team: %s: %s", type(err).__name__, err)
    if entries and not teams:
        raise ProviderResponseError("malformed TheSportsDB team list: no team parses")
    return sorted(teams, key=lambda team: team.name.casefold())


def league_id(league_key: str) -> str | None:
    """Return TheSportsDB's ``idLeague`` of one of our leagues, if it has one."""
    return next((ident for ident, key in LEAGUE_IDS.items() if key == league_key), None)


class TheSportsDbProvider(JsonProvider):
    """Fetch one league's games of the day from TheSportsDB's free API.

    Its free key is rate-limited and may list only some of a league's
    teams: the team list also keeps every team seen on a board.
    """

    name = "TheSportsDB"
    attribution: str | None = "Data provided by TheSportsDB"

    def __init__(self, session: aiohttp.ClientSession, league: League) -> None:
        """Initialize for a league TheSportsDB has an id for (ValueError if none)."""
        super().__init__(session, league)
        if (ident := league_id(league.key)) is None:
            raise ValueError(f"TheSportsDB has no id for league {league.key!r}")
        self.league_id = ident
        self._seen: dict[str, Team] = {}

    def _parse(self, payload: Any, on_unknown: UnknownStatusCallback) -> list[Game]:
        return parse_games(payload, self.league.key, on_unknown)

    async def async_get_teams(self) -> list[Team]:
        """Return the league's teams, and those seen on its boards, sorted by name."""
        listed = parse_teams(
            await self._async_get(f"{BASE_URL}/lookup_all_teams.php", {"id": self.league_id})
        )
        teams = {team.id: team for team in (*self._seen.values(), *listed)}
        return sorted(teams.values(), key=lambda team: team.name.casefold())

    async def async_get_scoreboard(self, team_ids: Collection[str], now: datetime) -> Scoreboard:
        """Return the league's games of the sports day around `now`, whoever plays."""
        params = {"d": sports_day(now).isoformat(), "l": self.league_id}
        board = await self._async_scoreboard(f"{BASE_URL}/eventsday.php", params, now, self._parse)
        for team in teams_of(board.games):
            self._seen.setdefault(team.id, team)
        return board
