"""Constants of live_sports."""

from __future__ import annotations

from datetime import timedelta
import logging
from typing import Final

DOMAIN: Final = "live_sports"
LOGGER: Final = logging.getLogger(__package__)

CONF_LEAGUE: Final = "league"
CONF_PATH: Final = "path"
"""A league added by its ESPN path keeps the path ("soccer/eng.fa") in its entry's data."""
CONF_LEAGUE_NAME: Final = "league_name"
"""...and the league's own name, as ESPN lists it."""
LEAGUE_BY_PATH: Final = "espn_path"
"""The league picker's choice that asks for an ESPN path."""
CONF_TEAMS: Final = "teams"
CONF_LIVE_INTERVAL: Final = "live_interval"
CONF_IDLE_CAP: Final = "idle_cap"
CONF_STREAM_DELAY: Final = "stream_delay"
CONF_HISTORY: Final = "history"

MAX_STREAM_DELAY: Final = 300
MAX_LIVE_INTERVAL: Final = 120

RECENT_FINAL_WINDOW: Final = timedelta(hours=6)
"""A game that started this recently and is over is still a team's current game."""
