"""Providers turn a sports API into the domain model of live_sports."""

from __future__ import annotations

import aiohttp

from .base import League, Provider
from .espn import LEAGUES, EspnProvider
from .replay import DEMO_LEAGUE, DemoProvider

ALL_LEAGUES: dict[str, League] = {DEMO_LEAGUE.key: DEMO_LEAGUE, **LEAGUES}


def build_provider(session: aiohttp.ClientSession, league_key: str) -> Provider:
    """Return the provider serving a league key (KeyError if unknown)."""
    if league_key == DEMO_LEAGUE.key:
        return DemoProvider()
    return EspnProvider(session, LEAGUES[league_key])
