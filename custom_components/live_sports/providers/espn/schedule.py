"""Where a followed team's games are: its schedule, and the boards that have them live.

A team's schedule (``teams/{id}/schedule``; for a soccer club, its schedule
across every competition) is fetched every few hours. A game on it today that
the league's own board lacks is on another board: a club's cup tie on the
cup's board (``soccer/eng.fa``), a college team's game outside the featured
division on its division's board (``groups=81``). Those boards are polled at
the live tempo, and only on a day they have a followed team's game.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
import re
from typing import Any, Final

from ...models import Game
from ..base import League
from .leagues import is_college, league_slug, named_league

_LEAGUE_IN_LINK: Final = re.compile(r"leagueAbbrev=([a-z0-9._-]+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Board:
    """A scoreboard besides the league's own: another competition's, or a division's."""

    path: str
    groups: str | None = None


@dataclass(frozen=True, slots=True)
class Competition:
    """The competition an event is played in, as a schedule names it."""

    slug: str
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Schedule:
    """A followed team's known games, and the board of each that is not the league's."""

    games: tuple[Game, ...] = ()
    boards: Mapping[str, Board] = field(default_factory=dict)
    """Game id → the board that has the game live, for games off the league's board."""


def event_competition(event: Mapping[str, Any]) -> Competition | None:
    """Return the competition of a schedule event: its ``league``, else its links' league.

    Club schedules name each event's league (``league.slug``, ``league.name``);
    the app links of an event name it too (``leagueAbbrev=eng.fa``).
    """
    league = event.get("league")
    if isinstance(league, Mapping) and isinstance(slug := league.get("slug"), str) and slug:
        name = league.get("name")
        return Competition(slug.lower(), str(name) if name else None)
    for link in event.get("links") or ():
        href = link.get("href") if isinstance(link, Mapping) else None
        if isinstance(href, str) and (match := _LEAGUE_IN_LINK.search(href)):
            return Competition(match.group(1).lower())
    return None


def competition_namer(
    league: League, boards: dict[str, Board]
) -> Callable[[Mapping[str, Any]], str | None]:
    """Return what names an event's competition when it is not `league`'s own.

    Each such event's board is recorded in `boards` (by event id), to be
    polled live on the day of the game. A named league's name is ours
    ("FA Cup"); any other is the schedule's own.
    """
    own = league_slug(league)
    sport = league.path.split("/", 1)[0]

    def name(event: Mapping[str, Any]) -> str | None:
        competition = event_competition(event)
        if competition is None or competition.slug == own:
            return None
        path = f"{sport}/{competition.slug}"
        boards[str(event.get("id"))] = Board(path)
        named = named_league(path)
        return named.name if named else competition.name or competition.slug

    return name


def team_group(payload: Any) -> str | None:
    """Return the group whose board has a college team's games: its division, else conference.

    A team schedule's ``team.groups`` is the team's conference, its
    ``parent`` the division (FBS 80, FCS 81).
    """
    try:
        groups = payload["team"]["groups"]
    except (KeyError, TypeError):
        return None
    if not isinstance(groups, Mapping):
        return None
    parent = groups.get("parent")
    for value in (
        (parent or {}).get("id") if isinstance(parent, Mapping) else None,
        groups.get("id"),
    ):
        if value not in (None, ""):
            return str(value)
    return None


def group_boards(league: League, games: Iterable[Game], group: str | None) -> dict[str, Board]:
    """Return the board of a college team's games when its group is not the league's."""
    if not is_college(league) or group is None or group == league.groups:
        return {}
    board = Board(league.path, group)
    return {game.id: board for game in games}


def boards_today(
    schedules: Iterable[Schedule],
    on_board: Collection[str],
    is_today: Callable[[Game], bool],
) -> dict[Board, str | None]:
    """Return the boards to poll now, each with the competition its games are in.

    A board is needed while a followed team's game on it is today and the
    league's own board (the game ids `on_board`) does not have it.
    """
    needed: dict[Board, str | None] = {}
    for schedule in schedules:
        for game in schedule.games:
            board = schedule.boards.get(game.id)
            if board is not None and game.id not in on_board and is_today(game):
                needed.setdefault(board, game.competition)
    return needed
