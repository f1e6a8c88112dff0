"""The NBA's live data (``cdn.nba.com/static/json/liveData``): parsing and fetching.

Parsing is pure: JSON in, domain out. It reads
``scoreboard/todaysScoreboard_00.json``: one day's ``scoreboard.games``, the
NBA's today (it takes no date). ``NbaCdnProvider`` fetches it; its team list
is the teams on that board, the feed having no other.

States: ``gameStatus`` 1 is not started (its text says "PPD" when postponed),
2 in progress, 3 final. While in progress, a text of "Half" or "End of …",
or a period's clock run down to zero, is a break.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
import logging
import re
from typing import Any, Final

from ..models import Competitor, Game, Phase, Scoreboard, Team
from .base import ProviderResponseError
from .http import JsonProvider
from .parsing import (
    IN_GAME_PHASES,
    NO_SCORE_PHASES,
    UnknownStatusCallback,
    game_id,
    parse_each,
    parse_utc,
    record_of,
    require,
    team_id,
    teams_of,
    text,
    to_int,
)

_LOGGER = logging.getLogger(__name__)

SCOREBOARD_URL: Final = (
    "https://cdn.nba.com/static/json/liveData/scoreboard/todaysScoreboard_00.json"
)
PROVIDER: Final = "nba_cdn"
SPORT: Final = "basketball"
LEAGUE_IDS: Final = {"00": "nba", "10": "wnba"}
"""The NBA's ``leagueId`` of our leagues."""

GAME_STATUSES: Final[dict[int, Phase]] = {1: Phase.SCHEDULED, 2: Phase.LIVE, 3: Phase.FINAL}
_NOT_PLAYED: Final = (
    ("PPD", Phase.POSTPONED),
    ("POSTPONED", Phase.POSTPONED),
    ("CANCEL", Phase.CANCELED),
    ("SUSPENDED", Phase.SUSPENDED),
    ("DELAYED", Phase.DELAYED),
)
_CLOCK = re.compile(r"^PT(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$")


def parse_clock(value: Any) -> tuple[str, float] | None:
    """Return an ISO-8601 duration ("PT07M15.00S") as ("7:15", seconds left).

    Under a minute the tenths count, as broadcasters show them: "45.3".
    """
    match = _CLOCK.match(value) if isinstance(value, str) else None
    if match is None or not any(match.groups()):
        return None
    minutes = int(match.group(1) or 0)
    seconds = float(match.group(2) or 0)
    left = minutes * 60 + seconds
    if minutes == 0 and seconds < 60:
        return f"{seconds:.1f}", left
    return f"{minutes}:{int(seconds):02d}", left


def map_status(game: Mapping[str, Any], on_unknown: UnknownStatusCallback | None) -> Phase:
    """Map a game's status number and text to a phase."""
    status = to_int(game.get("gameStatus"))
    status_text = str(game.get("gameStatusText", "")).strip()
    for word, phase in _NOT_PLAYED:
        if word in status_text.upper():
            return phase
    known = GAME_STATUSES.get(status) if status is not None else None
    if known is None:
        if on_unknown is not None:
            on_unknown(f"gameStatus {game.get('gameStatus')}", status_text)
        return Phase.SCHEDULED
    if known is Phase.LIVE:
        clock = parse_clock(game.get("gameClock"))
        period_over = clock is not None and clock[1] == 0 and (to_int(game.get("period")) or 0) > 0
        if status_text.startswith(("Half", "End")) or period_over:
            return Phase.BREAK
    return known


def _competitor(data: Any, phase: Phase) -> Competitor:
    if not isinstance(data, Mapping):
        raise TypeError(f"team is {type(data).__name__}, not an object")
    city = text(data.get("teamCity"))
    nickname = text(data.get("teamName"))
    abbreviation = text(data.get("teamTricode"))
    name = " ".join(part for part in (city, nickname) if part) or abbreviation
    if name is None:
        raise KeyError("teamTricode")
    return Competitor(
        team=Team(
            id=team_id(data["teamId"]),
            abbreviation=abbreviation or name,
            name=name,
            short_name=nickname or name,
        ),
        score=None if phase in NO_SCORE_PHASES else to_int(data.get("score")),
        record=record_of(data.get("wins"), data.get("losses")),
    )


def _season(value: str) -> int | None:
    """Return the season's year as ESPN counts it, from the game id.

    "0042200163": league 00, type 4 (play-offs), season 22 (2022-23), so 2023.
    """
    year = to_int(value[3:5]) if len(value) == 10 and value.isdigit() else None
    return 2000 + year + 1 if year is not None else None


def parse_game(
    game: Mapping[str, Any], league: str = "nba", on_unknown: UnknownStatusCallback | None = None
) -> Game:
    """Parse one game of the scoreboard."""
    phase = map_status(game, on_unknown)
    home = _competitor(game["homeTeam"], phase)
    away = _competitor(game["awayTeam"], phase)
    in_game = phase in IN_GAME_PHASES
    period = to_int(game.get("period"))
    clock = parse_clock(game.get("gameClock"))
    ident = game_id(PROVIDER, game["gameId"])
    return Game(
        id=ident,
        league=league,
        sport=SPORT,
        name=f"{away.team.name} at {home.team.name}",
        short_name=f"{away.team.abbreviation} @ {home.team.abbreviation}",
        start=parse_utc(game["gameTimeUTC"]),
        phase=phase,
        status_detail=text(game.get("gameStatusText")) or phase.value.title(),
        home=home,
        away=away,
        period=period if period and (in_game or phase is Phase.FINAL) else None,
        clock=clock[0] if clock and in_game else None,
        season=_season(ident.removeprefix(f"{PROVIDER}:")),
    )


def infer_league(payload: Any) -> str:
    """Return our key of the league a scoreboard payload belongs to."""
    league_id = require(payload, "scoreboard", dict, "NBA scoreboard").get("leagueId")
    if (league := LEAGUE_IDS.get(str(league_id))) is None:
        raise ProviderResponseError(f"unsupported NBA leagueId {league_id!r}")
    return league


def parse_games(
    payload: Any, league: str = "nba", on_unknown: UnknownStatusCallback | None = None
) -> list[Game]:
    """Parse the games of a scoreboard payload."""
    board = require(payload, "scoreboard", dict, "NBA scoreboard")
    return parse_each(
        require(board, "games", list, "NBA scoreboard"),
        lambda game: parse_game(game, league, on_unknown),
        what="NBA scoreboard",
        id_key="gameId",
        logger=_LOGGER,
    )


class NbaCdnProvider(JsonProvider):
    """Fetch today's NBA games from the NBA's live data."""

    name = "NBA"
    attribution: str | None = "Data provided by the NBA"

    def _parse(self, payload: Any, on_unknown: UnknownStatusCallback) -> list[Game]:
        return parse_games(payload, self.league.key, on_unknown)

    async def async_get_teams(self) -> list[Team]:
        """Return the teams on today's board, sorted by name (none on a day without games)."""
        return teams_of(self._parse(await self._async_get(SCOREBOARD_URL), self._on_unknown))

    async def async_get_scoreboard(self, team_ids: Collection[str], now: datetime) -> Scoreboard:
        """Return every game on the NBA's board of today, whoever plays.

        The feed takes no date: the board is the day the NBA calls today.
        """
        return await self._async_scoreboard(SCOREBOARD_URL, None, now, self._parse)
