"""Constants of live_sports."""

from __future__ import annotations

from datetime import timedelta
import logging
from typing import Final

DOMAIN: Final = "live_sports"
LOGGER: Final = logging.getLogger(__package__)

CONF_LEAGUE: Final = "league"
CONF_TEAMS: Final = "teams"

DEFAULT_UPDATE_INTERVAL: Final = timedelta(seconds=60)
RECENT_FINAL_WINDOW: Final = timedelta(hours=6)
"""A game that started this recently and is over is still a team's current game."""
