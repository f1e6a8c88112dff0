"""ESPN's public site API, fetched.

``EspnProvider`` fetches with the aiohttp session it is given (Home Assistant's
shared one, which carries Home Assistant's User-Agent) and keeps to what users
of this undocumented API learned the hard way (see docs/providers.md): it always
asks for a single day, never a date range, with a ``limit`` inside 100-500, and
asks college leagues for their groups.
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Mapping
from dataclasses import replace
from datetime import datetime, timedelta
from functools import partial
from http import HTTPStatus
import logging
from typing import Any, Final

import aiohttp

from ...models import (
    Game,
    Scoreboard,
    Team,
)
from ..base import (
    League,
    ProviderConnectionError,
    ProviderError,
    ProviderRateLimitedError,
    ProviderResponseError,
    decode_json,
    start_background,
)
from ..http import UNCHANGED, Validators, async_get_json, espn_day
from ..parsing import (
    ParseMemo,
)
from .board_text import decode_board
from .leagues import (
    league_name,
)
from .parse import (
    parse_events,
    parse_league_logo,
    parse_teams,
)
from .plays import PLAY_TYPE
from .schedule import Board, boards_today
from .schedule_sources import ScheduleSources, by_start
from .summary import Summaries

_LOGGER = logging.getLogger(__name__)

BASE_URL: Final = "https://site.api.espn.com/apis/site/v2/sports"
WEB_BASE_URL: Final = "https://site.web.api.espn.com/apis/site/v2/sports"
"""The host whose club schedules list upcoming fixtures of every competition."""
SCOREBOARD_LIMIT: Final = 500
"""ESPN truncates lists silently from 600 on; 100-500 is complete."""
BOARD_GRACE: Final = timedelta(seconds=2)
"""How long a refresh waits for another board once the league's board is in."""


class UnknownLeagueError(ProviderConnectionError):
    """ESPN knows no league at this path (HTTP 400 or 404, or a league without teams)."""

    translation_key = "unknown_league"


class EspnProvider:
    """Fetch one league's scoreboard from ESPN."""

    name = "ESPN"
    attribution: str | None = "Data provided by ESPN"
    fixed_interval: timedelta | None = None

    def __init__(self, session: aiohttp.ClientSession, league: League) -> None:
        """Initialize with Home Assistant's shared session."""
        self.league = league
        self.max_age: timedelta | None = None
        self._session = session
        self._schedules = ScheduleSources(
            league, self._get, self._scoreboard_params, self._on_unknown
        )
        self._validators: dict[str, Validators] = {}
        self._day_games: dict[str, Game] = {}
        self._board_games: dict[Board, tuple[Game, ...]] = {}
        self._memos: dict[Board | None, ParseMemo] = {}
        """Each board's games of its last body (None: the league's own board)."""
        self._board_tasks: dict[Board, asyncio.Task[bool]] = {}
        """The other boards' requests under way (a slow one outlives its refresh)."""
        self._league_logo: str | None = None
        self._last: Scoreboard | None = None
        self._unknown_statuses: set[str] = set()
        self.summaries = Summaries(
            lambda game_id: self._get("summary", {"event": game_id}), self.league.sport
        )
        """The followed games' scoring plays, asked beside the live refresh."""

    def _memo(self, board: Board | None) -> ParseMemo:
        """Return a board's memo of its last body's games (None: the league's board)."""
        return self._memos.setdefault(board, ParseMemo())

    def _on_unknown(self, name: str, state: str) -> None:
        if name not in self._unknown_statuses:
            self._unknown_statuses.add(name)
            if state == PLAY_TYPE:
                _LOGGER.info("New ESPN play type %r in %s; kept as 'other'", name, self.league.key)
                return
            _LOGGER.warning(
                "Unknown ESPN status %r (state %r) in %s; mapped by its state",
                name,
                state,
                self.league.key,
            )

    async def _get(
        self,
        path: str,
        params: Mapping[str, str] | None = None,
        *,
        conditional: bool = False,
        league_path: str | None = None,
        web: bool = False,
        memo: ParseMemo | None = None,
    ) -> Any:
        """Return a path's JSON, or UNCHANGED when a conditional body is unchanged.

        `path` is under the league's path, or under `league_path` (another
        competition's board, a club's schedule), on ESPN's web host if `web`.
        Only the league's own board sets ``max_age``. HTTP 400 and 404 say ESPN
        knows no league there. A scoreboard's body is decoded with its board's
        `memo`: an event it has parsed is left as its text.
        """
        base = WEB_BASE_URL if web else BASE_URL
        where = league_path or self.league.path
        url = f"{base}/{where}/{path}"

        def unknown_league(status: int) -> UnknownLeagueError:
            return UnknownLeagueError(f"ESPN answered HTTP {status} for {where}/{path}")

        # One slot per board, whatever its day: a new day's validators replace the last.
        slot = f"{url}?{sorted((k, v) for k, v in (params or {}).items() if k != 'dates')}"
        response = await async_get_json(
            self._session,
            url,
            name=self.name,
            params=params,
            validators=self._validators.get(slot) if conditional else None,
            errors={HTTPStatus.BAD_REQUEST: unknown_league, HTTPStatus.NOT_FOUND: unknown_league},
            what=path,
            decode=decode_json if memo is None else partial(decode_board, seen=memo.seen),
        )
        if conditional:
            self._validators[slot] = response.validators
            if league_path is None:
                self.max_age = response.max_age
        return response.payload

    def _scoreboard_params(self, dates: str, groups: str | None = None) -> dict[str, str]:
        params = {"dates": dates, "limit": str(SCOREBOARD_LIMIT)}
        if groups := groups or self.league.groups:
            params["groups"] = groups
        return params

    async def _async_teams_payload(self) -> Any:
        params = {"limit": str(SCOREBOARD_LIMIT)}
        if self.league.groups:
            params["groups"] = self.league.groups
        return await self._get("teams", params)

    async def async_get_teams(self) -> list[Team]:
        """Return every team of the league, sorted by name."""
        return parse_teams(await self._async_teams_payload())

    async def async_discover(self) -> tuple[str | None, list[Team]]:
        """Check the league's path against ESPN: return its own name and its teams.

        Raises UnknownLeagueError when ESPN knows no league there (HTTP 400 or
        404, or no team list), ProviderConnectionError when it cannot say.
        """
        payload = await self._async_teams_payload()
        try:
            teams = parse_teams(payload)
        except ProviderResponseError as err:
            raise UnknownLeagueError(f"ESPN lists no teams at {self.league.path}") from err
        if not teams:
            raise UnknownLeagueError(f"ESPN lists no teams at {self.league.path}")
        return league_name(payload), teams

    async def async_get_scoreboard(self, team_ids: Collection[str], now: datetime) -> Scoreboard:
        """Return today's games: the league's board, and the boards of followed games off it.

        One scoreboard request serves every followed team. A followed game
        today that the league's board lacks (a cup tie, a college game
        outside the featured division), as the teams' schedules known so far
        tell, is taken from its own board, fetched at every refresh of that
        day only, at the same time as the league's. Once the league's board
        is in, a slower board is waited for BOARD_GRACE at most: it stays out
        and what it answers is taken at the next refresh, so it never holds
        the league's scores back. A game on such a board is taken from it
        (fresher). The schedules themselves are not fetched
        here (``async_get_schedules``) and never merged into the board. When
        nothing changed (HTTP 304 or the same body) the previous scoreboard
        object is returned as it was.
        """
        today = espn_day(now)
        needed = boards_today(
            (self._schedules.of(team_id) for team_id in team_ids),
            self._day_games,
            lambda game: espn_day(game.start) == today,
        )
        self._board_games = {b: g for b, g in self._board_games.items() if b in needed}
        self._memos = {b: m for b, m in self._memos.items() if b is None or b in needed}
        changed = self._take_boards(needed)  # answered since the last refresh
        changed |= self.summaries.take()
        for board, competition in needed.items():
            if board not in self._board_tasks:
                self._board_tasks[board] = start_background(
                    self._async_board(board, competition, today)
                )
        payload = await self._get(
            "scoreboard", self._scoreboard_params(today), conditional=True, memo=self._memo(None)
        )
        if pending := [task for task in self._board_tasks.values() if not task.done()]:
            await asyncio.wait(pending, timeout=BOARD_GRACE.total_seconds())
        changed |= self._take_boards(needed)
        changed |= payload is not UNCHANGED
        if payload is not UNCHANGED:
            games = parse_events(payload, self.league, self._on_unknown, memo=self._memo(None))
            self._day_games = {game.id: game for game in games}
            self._league_logo = parse_league_logo(payload) or self._league_logo
        if not changed and self._last is not None:
            return self._last
        merged = dict(self._day_games)
        followed = set(team_ids)
        for board in needed:
            for game in self._board_games.get(board, ()):
                if not followed.isdisjoint((game.home.team.id, game.away.team.id)):
                    merged[game.id] = game
        self._last = Scoreboard(
            league=self.league.key,
            fetched_at=now,
            games=self.summaries.attach(by_start(merged.values())),
            league_logo=self._league_logo,
        )
        self.summaries.ask(self._last.games, followed)
        return self._last

    async def async_get_schedules(
        self, team_ids: Collection[str], now: datetime
    ) -> dict[str, tuple[Game, ...]]:
        """Return each followed team's known games from its schedule, by start.

        Each source is asked at most every few hours (``schedule_sources``);
        a team none of whose sources ever answered is left out.
        """
        return await self._schedules.async_update(team_ids, now)

    def _take_boards(self, needed: Collection[Board]) -> bool:
        """Take the answers of the boards' requests that are done; return whether any changed.

        A rate limit on a needed board is the refresh's (polling slows down).
        """
        changed = False
        for board, task in list(self._board_tasks.items()):
            if not task.done():
                continue
            del self._board_tasks[board]
            if board in needed:
                changed |= task.result()
            else:
                task.exception()  # a board no longer needed: its answer is of no use
        return changed

    async def _async_board(self, board: Board, competition: str | None, today: str) -> bool:
        """Fetch another board's games of today; return whether they changed.

        A failed request keeps what that board said before (the league's own
        board carries the refresh), except a rate limit, which slows polling.
        """
        try:
            payload = await self._get(
                "scoreboard",
                self._scoreboard_params(today, board.groups),
                conditional=True,
                league_path=board.path,
                memo=self._memo(board),
            )
            if payload is UNCHANGED:
                return False
            games = parse_events(payload, self.league, self._on_unknown, memo=self._memo(board))
        except ProviderRateLimitedError:
            raise
        except ProviderError as err:
            _LOGGER.debug("Board %s unavailable: %s", board, err)
            return False
        self._board_games[board] = tuple(
            replace(game, competition=competition) if competition else game for game in games
        )
        return True
