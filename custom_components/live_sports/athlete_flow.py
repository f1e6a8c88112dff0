"""Picking athletes in the config flow: the current field, narrowed by a folded search.

A golf tour's "teams" are the athletes (and pairs) of its current field. The
form lists them all; a search narrows the list the way people type names
(case, accents, hyphens and spaces folded: "aberg" finds "Ludvig Åberg").
Once picked, an athlete is followed by the provider's id.
"""

from __future__ import annotations

from typing import Final

from homeassistant.helpers.selector import (
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
)
import voluptuous as vol

from .athlete_search import matches
from .models import Team
from .validation import Schema

CONF_SEARCH: Final = "search"
NO_MATCH: Final = "no_match"


def narrow(teams: list[Team], query: str) -> list[Team]:
    """Return the competitors a search finds, by their names, folded."""
    return [team for team in teams if matches(query, team.name) or matches(query, team.short_name)]


def athletes_schema(teams: list[Team], query: str, field: str) -> Schema:
    """Return the form: a search, and the (narrowed) competitors to pick, several at once."""
    options = [SelectOptionDict(value=team.id, label=team.name) for team in teams]
    return Schema(
        {
            vol.Optional(CONF_SEARCH, default=query): TextSelector(),
            vol.Optional(field, default=[]): SelectSelector(
                SelectSelectorConfig(
                    options=options, multiple=True, mode=SelectSelectorMode.DROPDOWN
                )
            ),
        }
    )
