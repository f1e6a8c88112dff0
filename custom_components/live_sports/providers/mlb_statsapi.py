"""MLB's Stats API (``statsapi.mlb.com/api/v1/schedule``): parsing.

Parsing is pure: JSON in, domain out. It reads the schedule, a list of
``dates`` each with its ``games``, asked with ``hydrate=linescore`` for the
inning, the count and the runners (``hydrate=team`` adds abbreviations).

States: ``codedGameState`` is the phase (S scheduled, P pre-game, I in
progress, M and N a challenge or a review, F and O final, D postponed, C
canceled, T and U suspended, Q and R forfeit, W the scorer writing up);
a ``detailedState`` beginning with "Delayed" is a delay, and the linescore's
``inningState`` Middle or End is the break between half-innings.
Doubleheaders are two games with their own ``gamePk`` (``gameNumber`` 1, 2).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
import logging
from typing import Any, Final

from ..models import Competitor, Game, Phase, Scoreboard, Situation, Team, Venue
from .parsing import (
    IN_GAME_PHASES,
    NO_SCORE_PHASES,
    UnknownStatusCallback,
    game_id,
    items,
    mapping,
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


def _situation(linescore: Mapping[str, Any]) -> Situation | None:
    if not linescore:
        return None
    offense = mapping(linescore.get("offense"))
    return Situation(
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
    names: list[str] = []
    for broadcast in items(game.get("broadcasts")):
        name = text(mapping(broadcast).get("name"))
        if name and name not in names:
            names.append(name)
    return tuple(names)


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
        situation=_situation(linescore) if phase.in_play else None,
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


def parse_scoreboard(
    payload: Any,
    fetched_at: datetime,
    league: str = "mlb",
    on_unknown: UnknownStatusCallback | None = None,
) -> Scoreboard:
    """Parse a schedule payload into a scoreboard."""
    return Scoreboard(
        league=league,
        fetched_at=fetched_at,
        games=tuple(parse_games(payload, league, on_unknown)),
    )
