"""The fallback providers of each league (filled in by the fallback providers)."""

from __future__ import annotations

import aiohttp

from .base import League, Provider


def fallbacks_for(session: aiohttp.ClientSession, league: League) -> list[Provider]:
    """Return a league's fallback providers, in the order they are asked."""
    return []
