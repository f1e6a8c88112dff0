"""MLB's Stats API (``statsapi.mlb.com/api/v1``): parsing and fetching.

Parsing is pure: JSON in, domain out. It reads the schedule, a list of
``dates`` each with its ``games``, asked with ``hydrate=linescore`` for the
inning, the count and the runners and ``hydrate=team`` for each team's
abbreviation and nickname (``teamName``; without it a team has its id and
name only), and the ``teams`` list of ``teams?sportId=1``.

States: ``codedGameState`` is the phase (S scheduled, P pre-game, I in
progress, M and N a challenge or a review, F and O final, D postponed, C
canceled, T and U suspended, Q and R forfeit, W the scorer writing up);
a ``detailedState`` beginning with "Delayed" is a delay, and the linescore's
``inningState`` Middle or End is the break between half-innings.
Doubleheaders are two games with their own ``gamePk`` (``gameNumber`` 1, 2).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
import logging
from typing import Any, Final

from ..models import Competitor, Game, Phase, Scoreboard, Situation, Team, Venue
from .base import ProviderResponseError
from .http import JsonProvider, sports_day
from .parsing import (
    IN_GAME_PHASES,
    NO_SCORE_PHASES,
    PARSE_ERRORS,
    UnknownStatusCallback,
    game_id,
    mapping,
    names_of,
    ordinal,
    parse_each,
    parse_utc,
    record_of,
    require,
    team_id,
    text,
    to_int,
)

_LOGGER = logging.getLogger(__name__)

BASE_URL: Final = "https://statsapi.mlb.com/api/v1"
SPORT_ID: Final = "1"
"""The Stats API's sport of the major leagues (11 is Triple-A)."""
PROVIDER: Final = "mlb_statsapi"
SPORT: Final = "baseball"

CODED_STATES: Final[dict[str, Phase]] = {
    "S": Phase.SCHEDULED,
    "P": Phase.SCHEDULED,  # pre-game and warm-up: a polling window, not a phase
    "I": Phase.LIVE,
    "M": Phase.LIVE,  # manager challenge
    "N": Phase.LIVE,  # umpire review
    "F": Phase.FINAL,
    "O": Phase.FINAL,  # game over, not yet official
    "W": Phase.FINAL,  # the official scorer writes it up
    "Q": Phase.FINAL,  # forfeit
    "R": Phase.FINAL,  # forfeit
    "D": Phase.POSTPONED,
    "C": Phase.CANCELED,
    "T": Phase.SUSPENDED,
    "U": Phase.SUSPENDED,
}
ABSTRACT_STATES: Final[dict[str, Phase]] = {
    "Preview": Phase.SCHEDULED,
    "Live": Phase.LIVE,
    "Final": Phase.FINAL,
}
"""How an unknown coded state is mapped: by its abstract state."""
_BREAK_HALVES: Final = ("Middle", "End")


def map_status(
    status: Mapping[str, Any],
    linescore: Mapping[str, Any],
    on_unknown: UnknownStatusCallback | None,
) -> Phase:
    """Map a game's status (and its inning half) to a phase."""
    coded = str(status.get("codedGameState", ""))
    detailed = str(status.get("detailedState", ""))
    phase = CODED_STATES.get(coded)
    if phase is None:
        if on_unknown is not None:
            on_unknown(f"codedGameState {coded} ({detailed})", str(status.get("abstractGameState")))
        phase = ABSTRACT_STATES.get(str(status.get("abstractGameState")), Phase.SCHEDULED)
    if phase in (Phase.SCHEDULED, Phase.LIVE) and detailed.startswith("Delayed"):
        return Phase.DELAYED
    if phase is Phase.LIVE and linescore.get("inningState") in _BREAK_HALVES:
        return Phase.BREAK
    return phase


def _team(data: Mapping[str, Any]) -> Team:
    name = text(data.get("name"))
    if name is None:
        raise KeyError("name")
    return Team(
        id=team_id(data["id"]),
        abbreviation=text(data.get("abbreviation")) or name,
        name=name,
        short_name=text(data.get("teamName")) or text(data.get("clubName")) or name,
    )


def _competitor(side: Any, phase: Phase) -> Competitor:
    if not isinstance(side, Mapping):
        raise TypeError(f"side is {type(side).__name__}, not an object")
    record = mapping(side.get("leagueRecord"))
    winner = side.get("isWinner")
    return Competitor(
        team=_team(side["team"]),
        score=None if phase in NO_SCORE_PHASES else to_int(side.get("score")),
        record=record_of(record.get("wins"), record.get("losses"), record.get("ties")),
        winner=winner if phase is Phase.FINAL and isinstance(winner, bool) else None,
    )


_HOME_BATS: Final = {"bottom": True, "middle": True, "top": False, "end": False}
"""Who bats in (or next, between halves) each state of an inning: home or not."""


def _batting(linescore: Mapping[str, Any], home: Competitor, away: Competitor) -> str | None:
    """Return the id of the team at bat (or due to bat next, between halves)."""
    state = (text(linescore.get("inningState")) or "").casefold()
    home_bats = _HOME_BATS.get(state)
    if home_bats is None and isinstance(top := linescore.get("isTopInning"), bool):
        home_bats = not top
    if home_bats is None:
        return None
    return (home if home_bats else away).team.id


def _situation(
    linescore: Mapping[str, Any], home: Competitor, away: Competitor
) -> Situation | None:
    if not linescore:
        return None
    offense = mapping(linescore.get("offense"))
    return Situation(
        possession=_batting(linescore, home, away),
        balls=to_int(linescore.get("balls")),
        strikes=to_int(linescore.get("strikes")),
        outs=to_int(linescore.get("outs")),
        on_first="first" in offense,
        on_second="second" in offense,
        on_third="third" in offense,
    )


def _detail(phase: Phase, status: Mapping[str, Any], linescore: Mapping[str, Any]) -> str:
    inning = to_int(linescore.get("currentInning"))
    half = text(linescore.get("inningState"))
    if phase.in_play and inning and half:
        return f"{half} {ordinal(inning)}"
    detailed = text(status.get("detailedState")) or phase.value.title()
    if phase is Phase.FINAL and inning and inning != to_int(linescore.get("scheduledInnings")):
        return f"{detailed}/{inning}"
    return detailed


def _broadcasts(game: Mapping[str, Any]) -> tuple[str, ...]:
    return names_of(game.get("broadcasts"), "name")


def parse_game(
    game: Mapping[str, Any], league: str = "mlb", on_unknown: UnknownStatusCallback | None = None
) -> Game:
    """Parse one game of a schedule."""
    status = mapping(game.get("status"))
    linescore = mapping(game.get("linescore"))
    phase = map_status(status, linescore, on_unknown)
    teams = game["teams"]
    home = _competitor(teams["home"], phase)
    away = _competitor(teams["away"], phase)
    in_game = phase in IN_GAME_PHASES
    inning = to_int(linescore.get("currentInning"))
    venue = mapping(game.get("venue"))
    venue_name = text(venue.get("name"))
    city = text(mapping(venue.get("location")).get("city"))
    return Game(
        id=game_id(PROVIDER, game["gamePk"]),
        league=league,
        sport=SPORT,
        name=f"{away.team.name} at {home.team.name}",
        short_name=f"{away.team.abbreviation} @ {home.team.abbreviation}",
        start=parse_utc(game["gameDate"]),
        phase=phase,
        status_detail=_detail(phase, status, linescore),
        home=home,
        away=away,
        period=inning if in_game or phase is Phase.FINAL else None,
        venue=Venue(venue_name, city) if venue_name else None,
        broadcasts=_broadcasts(game),
        situation=_situation(linescore, home, away) if phase.in_play else None,
        season=to_int(game.get("season")),
    )


def parse_games(
    payload: Any, league: str = "mlb", on_unknown: UnknownStatusCallback | None = None
) -> list[Game]:
    """Parse the games of every date of a schedule payload."""
    entries: list[Any] = []
    for day in require(payload, "dates", list, "MLB schedule"):
        entries.extend(require(day, "games", list, "MLB schedule date"))
    return parse_each(
        entries,
        lambda game: parse_game(game, league, on_unknown),
        what="MLB schedule",
        id_key="gamePk",
        logger=_LOGGER,
    )


def parse_teams(payload: Any) -> list[Team]:
    """Parse the active teams of a ``teams`` payload, sorted by name.

    A malformed team is skipped; a payload none of whose teams parse is refused.
    """
    teams: list[Team] = []
    entries = require(payload, "teams", list, "MLB team list")
    for entry in entries:
        try:
            if entry.get("active") is not False:
                teams.append(_team(entry))
        except PARSE_ERRORS as err:
            _LOGGER.debug("Skipped a malformed MLB team: %s: %s", type(err).__name__, err)
    if entries and not teams:
        raise ProviderResponseError("malformed MLB team list: no team parses")
    return sorted(teams, key=lambda team: team.name.casefold())


class MlbStatsApiProvider(JsonProvider):
    """Fetch one day's MLB games, inning by inning, from MLB's Stats API."""

    name = "MLB"
    attribution: str | None = "Data provided by MLB Advanced Media"

    def _parse(self, payload: Any, on_unknown: UnknownStatusCallback) -> list[Game]:
        return parse_games(payload, self.league.key, on_unknown)

    async def async_get_teams(self) -> list[Team]:
        """Return the major-league teams, sorted by name."""
        return parse_teams(await self._async_get(f"{BASE_URL}/teams", {"sportId": SPORT_ID}))

    async def async_get_scoreboard(self, team_ids: Collection[str], now: datetime) -> Scoreboard:
        """Return every game of the sports day around `now`, doubleheaders included."""
        params = {
            "sportId": SPORT_ID,
            "date": sports_day(now).isoformat(),
            "hydrate": "linescore,team",
        }
        return await self._async_scoreboard(f"{BASE_URL}/schedule", params, now, self._parse)
