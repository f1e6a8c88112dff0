"""Which feeds stand in for ESPN, per league, in which order."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession
import pytest

from custom_components.live_sports.providers.espn import LEAGUES
from custom_components.live_sports.providers.fallbacks import FALLBACK_NAMES, fallbacks_for
from custom_components.live_sports.providers.mlb_statsapi import MlbStatsApiProvider
from custom_components.live_sports.providers.nba_cdn import NbaCdnProvider
from custom_components.live_sports.providers.nhl_web import NhlWebProvider
from custom_components.live_sports.providers.replay import DEMO_LEAGUE
from custom_components.live_sports.providers.thesportsdb import TheSportsDbProvider

TSDB_ONLY = (
    "nfl",
    "ncaaf",
    "cfl",
    "wnba",
    "mls",
    "nwsl",
    "epl",
    "efl_championship",
    "laliga",
    "bundesliga",
    "serie_a",
    "ligue_1",
    "eredivisie",
    "liga_mx",
    "ucl",
    "uel",
)
NONE = tuple(sorted(set(LEAGUES) - {"nhl", "mlb", "nba", *TSDB_ONLY}))
"""UFL, college basketball and volleyball, the cups and national-team tournaments..."""


@pytest.mark.parametrize(
    ("league", "expected"),
    [
        ("nhl", [NhlWebProvider, TheSportsDbProvider]),
        ("mlb", [MlbStatsApiProvider, TheSportsDbProvider]),
        ("nba", [NbaCdnProvider, TheSportsDbProvider]),
        *((league, [TheSportsDbProvider]) for league in TSDB_ONLY),
        *((league, []) for league in NONE),
    ],
)
async def test_fallbacks_for(hass: HomeAssistant, league: str, expected: list[type]) -> None:
    """A league's own feed first, then TheSportsDB where it has the league; each for it."""
    session = async_get_clientsession(hass)
    providers = fallbacks_for(session, LEAGUES[league])
    assert [type(provider) for provider in providers] == expected
    assert all(provider.league is LEAGUES[league] for provider in providers)
    assert FALLBACK_NAMES.get(league, ()) == tuple(provider.name for provider in providers)


def test_every_league_is_covered() -> None:
    """Only the leagues above have a fallback; the Demo and a league by path have none."""
    assert set(FALLBACK_NAMES) == {"nhl", "mlb", "nba", *TSDB_ONLY}
    assert {"ufl", "ncaamb", "fifa_world_cup", "fa_cup", "afl"} <= set(NONE)
    assert DEMO_LEAGUE.key not in FALLBACK_NAMES
    assert FALLBACK_NAMES["nhl"] == ("NHL", "TheSportsDB")
