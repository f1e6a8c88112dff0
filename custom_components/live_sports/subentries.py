"""A league entry's config subentries: its followed teams and webhook endpoints.

A team subentry's unique_id and ``team_id`` are the provider's team id, its
title the team's name. A webhook subentry holds what the user set about an
endpoint (``Endpoint.settings``), its unique_id the endpoint id that the
outbox and the actions know it by (see ``webhooks.manager.webhook_subentry``).
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

from homeassistant.config_entries import ConfigEntry, ConfigSubentry, ConfigSubentryData

SUBENTRY_TEAM: Final = "team"
SUBENTRY_WEBHOOK: Final = "webhook"
CONF_TEAM_ID: Final = "team_id"


def team_subentries(entry: ConfigEntry) -> dict[str, ConfigSubentry]:
    """Return the followed teams' subentries by team id, in the order they were added."""
    return {
        subentry.data[CONF_TEAM_ID]: subentry
        for subentry in entry.subentries.values()
        if subentry.subentry_type == SUBENTRY_TEAM
    }


def webhook_subentries(entry: ConfigEntry) -> list[ConfigSubentry]:
    """Return the webhook endpoints' subentries."""
    return [
        subentry
        for subentry in entry.subentries.values()
        if subentry.subentry_type == SUBENTRY_WEBHOOK
    ]


def team_subentry(team_id: str, name: str) -> ConfigSubentryData:
    """Return a new team subentry."""
    return ConfigSubentryData(
        subentry_type=SUBENTRY_TEAM, data={CONF_TEAM_ID: team_id}, title=name, unique_id=team_id
    )


def as_subentry(data: ConfigSubentryData) -> ConfigSubentry:
    """Return the subentry to add to an existing entry."""
    return ConfigSubentry(
        data=MappingProxyType(dict(data["data"])),
        subentry_type=data["subentry_type"],
        title=data["title"],
        unique_id=data["unique_id"],
    )
