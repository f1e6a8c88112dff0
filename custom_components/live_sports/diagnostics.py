"""Diagnostics: what a bug report needs, nothing secret."""

from __future__ import annotations

from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.config_entries import ConfigSubentry
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util

from .const import CONF_HISTORY
from .runtime import LiveSportsConfigEntry
from .webhooks import redact_url

TO_REDACT: set[str] = {"token", "password", "username", "secret", "previous_secret"}
"""History credentials and webhook signing secrets; URLs go through redact_url."""


def _options(options: dict[str, Any]) -> dict[str, Any]:
    redacted: dict[str, Any] = async_redact_data(options, TO_REDACT)
    if history := redacted.get(CONF_HISTORY):
        redacted[CONF_HISTORY] = {**history, "url": redact_url(history["url"])}
    return redacted


def _subentry(subentry: ConfigSubentry) -> dict[str, Any]:
    data: dict[str, Any] = async_redact_data(dict(subentry.data), TO_REDACT)
    if "url" in data:
        data["url"] = redact_url(data["url"])
    return {
        "type": subentry.subentry_type,
        "title": subentry.title,
        "unique_id": subentry.unique_id,
        "data": data,
    }


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: LiveSportsConfigEntry
) -> dict[str, Any]:
    """Return the entry, provider health, the followed teams' games and their schedules."""
    coordinator = entry.runtime_data.coordinator
    scoreboard = coordinator.data
    followed = set(coordinator.team_ids)
    now = dt_util.utcnow()
    return {
        "entry": {
            "data": async_redact_data(dict(entry.data), TO_REDACT),
            "options": _options(dict(entry.options)),
            "subentries": [_subentry(subentry) for subentry in entry.subentries.values()],
        },
        "provider": {
            "league": coordinator.provider.league.key,
            "last_update_success": coordinator.last_update_success,
            "last_exception": repr(coordinator.last_exception)
            if coordinator.last_exception
            else None,
            "next_poll_s": coordinator.decision.delay.total_seconds(),
            "next_poll_reason": coordinator.decision.reason.value,
            "consecutive_errors": coordinator.health.consecutive_errors,
            "max_age_s": coordinator.health.max_age.total_seconds()
            if coordinator.health.max_age
            else None,
            "stream_delay_s": coordinator.releases.delay.total_seconds(),
            "pending_events": coordinator.releases.pending_changes,
            "fetched_at": scoreboard.fetched_at.isoformat(),
            "games": len(fetched.games) if (fetched := coordinator.fetched) else 0,
        },
        "consumer_failures": coordinator.releases.consumer_failures(),
        "providers": entry.runtime_data.failover.diagnostics(now),
        "history": {
            "kind": entry.runtime_data.history.config.kind.value,
            **entry.runtime_data.history.writer.as_dict(),
        }
        if entry.runtime_data.history
        else None,
        "webhooks": entry.runtime_data.webhooks.diagnostics(),
        "teams": {team_id: team.name for team_id, team in coordinator.teams.items()},
        "games": [
            game.as_dict()
            for game in scoreboard.games
            if any(game.involves(team_id) for team_id in followed)
        ],
        "schedules": {
            team_id: {
                "games": len(schedule.games),
                "next_start": next(
                    (game.start.isoformat() for game in schedule.games if game.start > now),
                    None,
                ),
            }
            for team_id, schedule in coordinator.schedules.schedules.items()
        },
        "standings": entry.runtime_data.standings.diagnostics(),
    }
