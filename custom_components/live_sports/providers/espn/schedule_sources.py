"""Where each followed team's schedule is fetched from ESPN, and how often.

A soccer club's schedule comes from three sources (the league's month board,
the club's schedule across competitions, and its upcoming fixtures on ESPN's
web host); any other team's from its team schedule. Each source is asked at
most once per SCHEDULE_MAX_AGE, and a failed one again after SCHEDULE_RETRY.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Collection, Coroutine, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
import logging
from typing import Any, Final, Protocol

from ...models import Game
from ..base import League, ProviderError
from ..http import ESPN_TZ
from ..parsing import UnknownStatusCallback
from .parse import parse_schedule
from .schedule import Board, Schedule

_LOGGER = logging.getLogger(__name__)

ALL_COMPETITIONS: Final = "all"
"""The pseudo-league of a soccer club's schedule across every competition."""
SCHEDULE_MAX_AGE: Final = timedelta(hours=6)
SCHEDULE_RETRY: Final = timedelta(minutes=30)
"""A failed schedule request waits this long (not until the next refresh)."""


class JsonGetter(Protocol):
    """The provider's GET of a path's JSON (``EspnProvider._get``), as schedules use it."""

    async def __call__(
        self, path: str, params: Mapping[str, str], *, league_path: str | None, web: bool
    ) -> Any:
        """Return the JSON at `path` under `league_path` (or the league's), on the web host if `web`."""


@dataclass(frozen=True, slots=True)
class _CachedSchedule:
    due: datetime
    """When to ask for this schedule again."""
    schedule: Schedule = field(default_factory=Schedule)
    answered: bool = True
    """False until the source answered once (a failure keeps nothing to tell)."""


@dataclass(frozen=True, slots=True)
class _Source:
    """Where one part of a team's schedule is fetched."""

    key: str
    path: str
    params: Mapping[str, str]
    league_path: str | None = None
    web: bool = False
    """On ESPN's web host, rather than the site API's."""
    clubs: bool = False
    """A club's schedule across competitions: each event names its competition."""


class ScheduleSources:
    """The followed teams' schedules of one league, fetched from their sources."""

    def __init__(
        self,
        league: League,
        get: JsonGetter,
        board_params: Callable[[str], dict[str, str]],
        on_unknown: UnknownStatusCallback,
    ) -> None:
        """Fetch with the provider's `get`; `board_params` are a board's query for a day or month."""
        self._league = league
        self._get = get
        self._board_params = board_params
        self._on_unknown = on_unknown
        self._schedules: dict[str, _CachedSchedule] = {}
        self._team_sources: dict[str, list[_Source]] = {}
        """Where each followed team's schedule came from, at the last update."""

    async def async_update(
        self, team_ids: Collection[str], now: datetime
    ) -> dict[str, tuple[Game, ...]]:
        """Return each followed team's known games from its schedule, by start.

        Soccer: the league's month board and the club's schedule across
        competitions; other sports: the team's schedule. Each source is asked
        for at most once per SCHEDULE_MAX_AGE, the due ones all at the same
        time; a failed request keeps what was known and is tried again after
        SCHEDULE_RETRY (or the provider's Retry-After, if longer). A team none
        of whose sources ever answered is left out (nothing is known of it).
        """
        due: dict[str, _Source] = {}
        for team_id in team_ids:
            for source in self._sources(team_id, now):
                cached = self._schedules.get(source.key)
                if cached is None or now >= cached.due:
                    due.setdefault(source.key, source)
        await gather_eagerly(*(self._async_fetch_schedule(source, now) for source in due.values()))
        self._team_sources = {team_id: self._sources(team_id, now) for team_id in team_ids}
        return {
            team_id: by_start(self.of(team_id).games)
            for team_id, sources in self._team_sources.items()
            if any(
                (cached := self._schedules.get(source.key)) and cached.answered
                for source in sources
            )
        }

    def _sources(self, team_id: str, now: datetime) -> list[_Source]:
        """Return where a team's schedule comes from.

        Soccer: the league's month board (its fixtures; team schedules hold
        no future games there), and the club's schedule across competitions,
        results and upcoming fixtures (the latter only on ESPN's web host).
        Other sports: the team's schedule.
        """
        if not self._league.month_schedule:
            return [_Source(team_id, f"teams/{team_id}/schedule", {})]
        month = now.astimezone(ESPN_TZ).strftime("%Y%m")
        club = f"{self._league.path.split('/', 1)[0]}/{ALL_COMPETITIONS}"
        path = f"teams/{team_id}/schedule"
        return [
            _Source(f"month:{month}", "scoreboard", self._board_params(month)),
            _Source(f"club:{team_id}", path, {}, league_path=club, clubs=True),
            _Source(
                f"fixtures:{team_id}",
                path,
                {"fixture": "true"},
                league_path=club,
                web=True,
                clubs=True,
            ),
        ]

    def of(self, team_id: str) -> Schedule:
        """Return a team's known games (and their boards) from what its sources answered."""
        games: dict[str, Game] = {}
        boards: dict[str, Board] = {}
        for source in self._team_sources.get(team_id, ()):
            if (cached := self._schedules.get(source.key)) is None:
                continue
            schedule = cached.schedule
            for game in schedule.games:
                if game.involves(team_id) and game.id not in games:
                    games[game.id] = game
                    if board := schedule.boards.get(game.id):
                        boards[game.id] = board
        return Schedule(tuple(games.values()), boards)

    async def _async_fetch_schedule(self, source: _Source, now: datetime) -> None:
        cached = self._schedules.get(source.key)
        try:
            payload = await self._get(
                source.path, source.params, league_path=source.league_path, web=source.web
            )
            schedule = parse_schedule(payload, self._league, self._on_unknown, clubs=source.clubs)
        except ProviderError as err:
            _LOGGER.debug("Schedule %s unavailable: %s", source.key, err)
            retry = max(SCHEDULE_RETRY, err.retry_after or SCHEDULE_RETRY)
            self._schedules[source.key] = (
                replace(cached, due=now + retry)
                if cached
                else _CachedSchedule(now + retry, answered=False)
            )
            return
        if source.key.startswith("month:"):  # another month's board is of no more use
            self._schedules = {
                k: v
                for k, v in self._schedules.items()
                if not k.startswith("month:") or k == source.key
            }
        self._schedules[source.key] = _CachedSchedule(now + SCHEDULE_MAX_AGE, schedule)


async def gather_eagerly[T](*awaitables: Coroutine[Any, Any, T]) -> list[T]:
    """Run coroutines at the same time, each started at once; return their results in order.

    Every one runs to its end before the first error (if any) is raised, so a
    failed request never leaves another one running unobserved. When every
    one is answered without waiting (cached, or a mock), nothing is awaited.
    """
    loop = asyncio.get_running_loop()
    tasks = [asyncio.Task(coro, loop=loop, eager_start=True) for coro in awaitables]
    if pending := [task for task in tasks if not task.done()]:
        await asyncio.wait(pending)
    return [task.result() for task in tasks]


def by_start(games: Iterable[Game]) -> tuple[Game, ...]:
    """Return games sorted by start."""
    return tuple(sorted(games, key=lambda game: game.start))
