"""The feeds that can stand in for ESPN, per league, in the order to try them.

A league's own feed comes first (the NHL's, MLB's, the NBA's: closest to the
source, with the clock and the situation), then TheSportsDB for every league
it has an id for. A league without either has no fallback.
"""

from __future__ import annotations

from typing import Final

import aiohttp

from .base import League, Provider
from .http import JsonProvider
from .mlb_statsapi import MlbStatsApiProvider
from .nba_cdn import NbaCdnProvider
from .nhl_web import NhlWebProvider
from .thesportsdb import LEAGUE_IDS, TheSportsDbProvider

_OWN_FEEDS: Final[dict[str, type[JsonProvider]]] = {
    "nhl": NhlWebProvider,
    "mlb": MlbStatsApiProvider,
    "nba": NbaCdnProvider,
}
"""The leagues that publish a feed of their own."""


def _factories(league_key: str) -> list[type[JsonProvider]]:
    factories: list[type[JsonProvider]] = []
    if (own := _OWN_FEEDS.get(league_key)) is not None:
        factories.append(own)
    if league_key in LEAGUE_IDS.values():
        factories.append(TheSportsDbProvider)
    return factories


def fallbacks_for(session: aiohttp.ClientSession, league: League) -> list[Provider]:
    """Return a league's fallback providers, in the order to try them (none for most)."""
    return [factory(session, league) for factory in _factories(league.key)]


FALLBACK_NAMES: Final[dict[str, tuple[str, ...]]] = {
    key: names
    for key in sorted({*_OWN_FEEDS, *LEAGUE_IDS.values()})
    if (names := tuple(factory.name for factory in _factories(key)))
}
"""The names of each league's fallbacks (leagues with at least one), for docs and diagnostics."""
