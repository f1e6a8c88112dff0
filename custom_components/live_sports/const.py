"""Constants of live_sports."""

from __future__ import annotations

from datetime import timedelta
import logging
from typing import Final

DOMAIN: Final = "live_sports"
LOGGER: Final = logging.getLogger(__package__)

CONF_LEAGUE: Final = "league"
CONF_TEAMS: Final = "teams"
CONF_LIVE_INTERVAL: Final = "live_interval"
CONF_IDLE_CAP: Final = "idle_cap"
CONF_STREAM_DELAY: Final = "stream_delay"
CONF_HISTORY: Final = "history"

MAX_STREAM_DELAY: Final = 300
MAX_LIVE_INTERVAL: Final = 120

RECENT_FINAL_WINDOW: Final = timedelta(hours=6)
"""A game that started this recently and is over is still a team's current game."""
