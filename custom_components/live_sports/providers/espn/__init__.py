"""ESPN's public site API, the primary provider.

- ``leagues``: the named leagues, leagues by path, and reading a league from
  a payload;
- ``schedule``: where a followed team's games are (its schedule, and the
  boards that have them live);
- ``parse``, ``competitors``, ``details``: ESPN's JSON into domain objects
  (pure);
- ``client``: ``EspnProvider``, which fetches through the one JSON GET
  (``providers/http.py``) and keeps to what ESPN's undocumented API asks of
  its users (docs/providers.md); ``schedule_sources``: the teams' schedules
  it fetches every few hours.
"""

from __future__ import annotations

from .client import EspnProvider, UnknownLeagueError
from .leagues import LEAGUES, infer_league, league_for_slug
from .parse import (
    map_status,
    parse_events,
    parse_schedule,
    parse_scoreboard,
    parse_teams,
)

__all__ = [
    "LEAGUES",
    "EspnProvider",
    "UnknownLeagueError",
    "infer_league",
    "league_for_slug",
    "map_status",
    "parse_events",
    "parse_schedule",
    "parse_scoreboard",
    "parse_teams",
]
