"""The webhook endpoint subentry flow: add one (its secret shown once), or edit one.

``user`` (URL, events, teams, enabled) → ``created`` (the generated secret,
shown once); ``reconfigure`` edits it, the secret kept.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Final
from urllib.parse import urlsplit

from homeassistant.config_entries import ConfigSubentryFlow, SubentryFlowResult
from homeassistant.const import CONF_URL
from homeassistant.helpers.selector import (
    BooleanSelector,
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)
import voluptuous as vol

from ..const import CONF_TEAMS
from ..events import ATHLETE_BUS_EVENTS, BUS_EVENTS, short_type
from ..leagues import entry_league, is_field_league
from ..subentries import team_subentries
from ..validation import Schema
from .manager import webhook_title
from .models import EVENT_TYPES, Endpoint, new_endpoint_id
from .signer import generate_secret

CONF_EVENT_TYPES: Final = "event_types"
CONF_ENABLED: Final = "enabled"


class WebhookSubentryFlow(ConfigSubentryFlow):
    """Add a webhook endpoint (its secret shown once), or edit one."""

    def __init__(self) -> None:
        """Initialize the flow."""
        self._created: Endpoint | None = None

    def _schema(self, values: dict[str, Any]) -> Schema:
        """Return the endpoint form, the entry's followed teams offered by name."""
        entry = self._get_entry()
        teams = [
            SelectOptionDict(value=team_id, label=subentry.title)
            for team_id, subentry in team_subentries(entry).items()
        ]
        # A golf entry's events are its players' (round, place, cut); the others a game's.
        kinds = ATHLETE_BUS_EVENTS if is_field_league(entry_league(entry)) else BUS_EVENTS
        event_types = [short_type(event_type) for event_type in kinds]
        return self.add_suggested_values_to_schema(_endpoint_schema(teams, event_types), values)

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> SubentryFlowResult:
        """Ask for the receiver's URL and what it gets."""
        errors: dict[str, str] = {}
        if user_input is not None and not (errors := _endpoint_errors(user_input)):
            self._created = Endpoint(
                id=new_endpoint_id(), secret=generate_secret(), **_endpoint_fields(user_input)
            )
            return await self.async_step_created()
        return self.async_show_form(
            step_id="user", data_schema=self._schema(user_input or {}), errors=errors
        )

    async def async_step_created(
        self, user_input: dict[str, Any] | None = None
    ) -> SubentryFlowResult:
        """Show the new endpoint's secret, once; submitting adds the endpoint."""
        endpoint = self._created
        if endpoint is None:  # pragma: no cover - only the user step leads here
            return await self.async_step_user()
        if user_input is not None:
            return self.async_create_entry(
                title=webhook_title(endpoint), data=endpoint.settings(), unique_id=endpoint.id
            )
        return self.async_show_form(
            step_id="created",
            data_schema=Schema({}),
            description_placeholders={
                "secret": endpoint.secret,
                "endpoint_id": endpoint.id,
                "url": endpoint.url,
            },
        )

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> SubentryFlowResult:
        """Change an endpoint; enabling it again clears why it was disabled.

        The secret stays. The webhook sink applies the change in place; it
        forgets the stored disabled reason of an endpoint enabled again.
        """
        subentry = self._get_reconfigure_subentry()
        endpoint = Endpoint.from_parts(subentry.data, {})
        errors: dict[str, str] = {}
        if user_input is not None and not (errors := _endpoint_errors(user_input)):
            changed = replace(endpoint, **_endpoint_fields(user_input))
            return self.async_update_and_abort(
                self._get_entry(),
                subentry,
                data=changed.settings(),
                title=webhook_title(changed),
            )
        current = {
            CONF_URL: endpoint.url,
            CONF_EVENT_TYPES: list(endpoint.event_types),
            CONF_TEAMS: list(endpoint.teams),
            CONF_ENABLED: endpoint.enabled,
        }
        return self.async_show_form(
            step_id="reconfigure",
            data_schema=self._schema(user_input or current),
            errors=errors,
            description_placeholders={"endpoint_id": endpoint.id},
        )


def _endpoint_schema(teams: list[SelectOptionDict], event_types: list[str]) -> Schema:
    return Schema(
        {
            vol.Required(CONF_URL): TextSelector(TextSelectorConfig(type=TextSelectorType.URL)),
            vol.Required(CONF_EVENT_TYPES, default=event_types): SelectSelector(
                SelectSelectorConfig(
                    options=event_types,
                    multiple=True,
                    mode=SelectSelectorMode.LIST,
                    translation_key=CONF_EVENT_TYPES,
                )
            ),
            vol.Optional(CONF_TEAMS, default=[]): SelectSelector(
                SelectSelectorConfig(options=teams, multiple=True, mode=SelectSelectorMode.LIST)
            ),
            vol.Required(CONF_ENABLED, default=True): BooleanSelector(),
        }
    )


def _endpoint_errors(user_input: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    url = urlsplit(str(user_input[CONF_URL]).strip())
    if url.scheme not in ("http", "https") or not url.hostname:
        errors[CONF_URL] = "invalid_url"
    if not user_input[CONF_EVENT_TYPES]:
        errors[CONF_EVENT_TYPES] = "no_event_types"
    return errors


def _endpoint_fields(user_input: dict[str, Any]) -> dict[str, Any]:
    return {
        "url": str(user_input[CONF_URL]).strip(),
        "event_types": tuple(t for t in EVENT_TYPES if t in user_input[CONF_EVENT_TYPES]),
        "teams": tuple(user_input.get(CONF_TEAMS, ())),
        "enabled": bool(user_input[CONF_ENABLED]),
    }
