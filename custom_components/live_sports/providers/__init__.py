"""Providers turn a sports API into the domain model of live_sports."""

from __future__ import annotations

from datetime import datetime, timedelta

import aiohttp

from ..standings import LeagueStandings
from .base import League, NoStandingsError, Provider, StandingsSource
from .espn import LEAGUES, EspnProvider
from .espn.field_client import FIELD_PARSERS, EspnFieldProvider
from .espn.golf import GOLF_LEAGUES
from .espn.leagues import path_league
from .espn.match_client import PARSERS, EspnMatchProvider
from .espn.mma import MMA_LEAGUES
from .espn.racing import RACING_LEAGUES
from .espn.standings import EspnStandings
from .espn.tennis import TENNIS_LEAGUES
from .replay import DEMO_LEAGUE, DemoProvider
from .replay_table import DemoStandings

ALL_LEAGUES: dict[str, League] = {
    DEMO_LEAGUE.key: DEMO_LEAGUE,
    **LEAGUES,
    **GOLF_LEAGUES,
    **TENNIS_LEAGUES,
    **MMA_LEAGUES,
    **RACING_LEAGUES,
}


def league_for(key: str, path: str | None = None, name: str | None = None) -> League:
    """Return the league of a key: a named one, else the ESPN league at `path`.

    Named leagues are found by their key alone (entries made before leagues
    by path store nothing else); a league added by its path is rebuilt from
    the path and the name its entry stores. KeyError if neither.
    """
    if (league := ALL_LEAGUES.get(key)) is not None:
        return league
    if path is None:
        raise KeyError(key)
    return path_league(path, name)


def build_provider(session: aiohttp.ClientSession, league: str | League) -> Provider:
    """Return the provider serving a league, or a named league's key (KeyError if unknown)."""
    if isinstance(league, str):
        league = ALL_LEAGUES[league]
    if league.key == DEMO_LEAGUE.key:
        return DemoProvider()
    if league.key in FIELD_PARSERS:
        return EspnFieldProvider(session, league)
    if league.key in PARSERS:
        return EspnMatchProvider(session, league)
    return EspnProvider(session, league)


class NoStandings:
    """The source of a league of athletes (golf, tennis, MMA, racing): no team table.

    Said at once, without a request: a tour's board is no league table.
    """

    after_final = timedelta(0)
    max_age = timedelta(days=1)
    keeps_table = False

    async def async_get_standings(self, now: datetime) -> LeagueStandings:
        """Raise NoStandingsError: the league keeps no table of teams."""
        raise NoStandingsError("a league of athletes keeps no team table")


def build_standings_source(session: aiohttp.ClientSession, league: League) -> StandingsSource:
    """Return where a league's table comes from (ESPN's, or the Demo's own results)."""
    if league.key == DEMO_LEAGUE.key:
        return DemoStandings()
    if league.key in FIELD_PARSERS or league.key in PARSERS:
        return NoStandings()
    return EspnStandings(session, league)
