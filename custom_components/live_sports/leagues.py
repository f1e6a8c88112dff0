"""The league a config entry follows, rebuilt from the entry's data."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.config_entries import ConfigEntry

from .const import CONF_LEAGUE, CONF_LEAGUE_NAME, CONF_PATH
from .field_polling import FIELD_TEMPOS
from .providers import league_for
from .providers.base import League


def data_league(data: Mapping[str, Any]) -> League:
    """Return the league of an entry's data: a named key, or an ESPN path and its name."""
    return league_for(data[CONF_LEAGUE], data.get(CONF_PATH), data.get(CONF_LEAGUE_NAME))


def entry_league(entry: ConfigEntry) -> League:
    """Return the league an entry follows."""
    return data_league(entry.data)


ATHLETE_SPORTS = frozenset({"golf", "tennis", "mma", "racing"})
"""Sports whose competitors are athletes (or pairs), picked from the current board."""


def is_athlete_league(league: League) -> bool:
    """Return True for a league whose followed competitors are athletes (golf, tennis)."""
    return league.sport in ATHLETE_SPORTS


def is_field_league(league: League) -> bool:
    """Return True for a league of field events (golf): the competitors followed are athletes."""
    return league.sport in FIELD_TEMPOS
