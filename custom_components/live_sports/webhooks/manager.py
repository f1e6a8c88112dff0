"""The webhook sink of a league entry: events in, signed deliveries out.

It reads the endpoints from the entry's webhook subentries (their settings)
and the outbox store (their runtime state), turns each released event into
one message (the same body for every endpoint that wants it), queues it in
the outbox and wakes the endpoints' workers. It also owns what changes an
endpoint behind the user's back: disabling it (410, failing) with a repair
issue, and rotating its secret. A changed subentry applies in place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import timedelta
import secrets
import time
from typing import Any

import aiohttp
from homeassistant.config_entries import ConfigEntry, ConfigSubentryData
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.json import json_bytes
from homeassistant.util import dt as dt_util

from ..const import CONF_LEAGUE, DOMAIN, LOGGER
from ..events import bus_event_type, event_data, short_type
from ..release import Release
from ..subentries import SUBENTRY_WEBHOOK, webhook_subentries
from ..table_events import table_event_data, table_event_type
from .dispatcher import Dispatcher
from .models import (
    CONF_ENDPOINT_ID,
    TEST_TYPE,
    TYPE_PREFIX,
    Delivery,
    DisabledReason,
    Endpoint,
    Message,
    redact_url,
    webhook_id,
)
from .outbox import Outbox
from .retry import Verdict, classify
from .signer import generate_secret


def issue_id(entry_id: str, endpoint_id: str) -> str:
    """Return the repair issue id of a disabled endpoint."""
    return f"webhook_disabled_{entry_id}_{endpoint_id}"


def body(message_type: str, timestamp: str, data: Mapping[str, Any]) -> str:
    """Return a delivery body: ``{"type", "timestamp", "data"}`` as JSON."""
    return json_bytes({"type": message_type, "timestamp": timestamp, "data": data}).decode()


def webhook_title(endpoint: Endpoint) -> str:
    """Return a webhook subentry's title: where it posts (redacted) and its id."""
    return f"{redact_url(endpoint.url)} ({endpoint.id})"


def webhook_subentry(endpoint: Endpoint) -> ConfigSubentryData:
    """Return a new webhook subentry."""
    return ConfigSubentryData(
        subentry_type=SUBENTRY_WEBHOOK,
        data=endpoint.settings(),
        title=webhook_title(endpoint),
        unique_id=endpoint.id,
    )


class WebhookManager:
    """Signed outbound webhooks of one league entry."""

    def __init__(
        self, hass: HomeAssistant, entry: ConfigEntry, session: aiohttp.ClientSession
    ) -> None:
        """Initialize; call async_start before use."""
        self._hass = hass
        self._entry = entry
        self.outbox = Outbox(hass, entry.entry_id)
        self.dispatcher = Dispatcher(hass, entry, session, self.outbox, self._async_disable)
        self.endpoints: dict[str, Endpoint] = {}
        self._subentry_ids: dict[str, str] = {}
        """Endpoint id → the id of its config subentry."""

    async def async_start(self) -> None:
        """Restore the outbox and start a worker per enabled endpoint."""
        await self.outbox.async_load()
        self.async_apply_subentries()

    async def async_stop(self) -> None:
        """Stop the workers and write the outbox (unload)."""
        await self.dispatcher.async_stop()
        await self.outbox.async_close()

    @callback
    def async_apply_subentries(self) -> None:
        """Apply the entry's webhook subentries: added, changed or removed endpoints.

        What the manager changed itself (a rotation, a disable) is applied
        before it is written to the subentry, so applying it again is a no-op.
        """
        subentries = {
            subentry.data[CONF_ENDPOINT_ID]: subentry
            for subentry in webhook_subentries(self._entry)
        }
        self._subentry_ids = {
            endpoint_id: subentry.subentry_id for endpoint_id, subentry in subentries.items()
        }
        endpoints = [
            Endpoint.from_parts(subentry.data, self.outbox.state_of(endpoint_id))
            for endpoint_id, subentry in subentries.items()
        ]
        if endpoints != list(self.endpoints.values()):
            self._apply(endpoints)

    def resolve(self, endpoint_or_subentry_id: str) -> str | None:
        """Return the endpoint id of an endpoint or subentry id; None if neither."""
        if endpoint_or_subentry_id in self.endpoints:
            return endpoint_or_subentry_id
        return next(
            (
                endpoint_id
                for endpoint_id, subentry_id in self._subentry_ids.items()
                if subentry_id == endpoint_or_subentry_id
            ),
            None,
        )

    @callback
    def _apply(self, endpoints: list[Endpoint]) -> None:
        old = self.endpoints
        self.endpoints = {}
        for endpoint_id in old.keys() - {endpoint.id for endpoint in endpoints}:
            self.outbox.forget(endpoint_id)
            ir.async_delete_issue(self._hass, DOMAIN, issue_id(self._entry.entry_id, endpoint_id))
        for endpoint in endpoints:
            self.endpoints[endpoint.id] = self._apply_one(endpoint, old.get(endpoint.id))
        self.dispatcher.set_endpoints(self.endpoints)

    def _apply_one(self, endpoint: Endpoint, before: Endpoint | None) -> Endpoint:
        """Act on one endpoint's settings; keep its state; return what now applies."""
        if endpoint.enabled:
            if endpoint.disabled_reason or (before is not None and not before.enabled):
                # Enabled again by the user: why it was disabled is history.
                endpoint = replace(endpoint, disabled_reason=None)
                self.outbox.stats_of(endpoint.id).recent = []  # judged afresh
            ir.async_delete_issue(self._hass, DOMAIN, issue_id(self._entry.entry_id, endpoint.id))
        else:
            self.outbox.clear(endpoint.id)
            if endpoint.disabled_reason:
                self._create_issue(endpoint)
            else:
                ir.async_delete_issue(
                    self._hass, DOMAIN, issue_id(self._entry.entry_id, endpoint.id)
                )
        self.outbox.set_state(endpoint.id, endpoint.state())
        return endpoint

    def _create_issue(self, endpoint: Endpoint) -> None:
        stats = self.outbox.stats_of(endpoint.id)
        ir.async_create_issue(
            self._hass,
            DOMAIN,
            issue_id(self._entry.entry_id, endpoint.id),
            is_fixable=False,
            severity=ir.IssueSeverity.WARNING,
            translation_key=f"webhook_{endpoint.disabled_reason}",
            translation_placeholders={
                "entry": self._entry.title,
                "endpoint_id": endpoint.id,
                "url": redact_url(endpoint.url),
                "last_status": str(stats.last_status),
            },
        )

    @callback
    def _async_disable(self, endpoint_id: str, reason: DisabledReason) -> None:
        """Disable an endpoint the receiver gave up on (410) or that keeps failing."""
        endpoint = self.endpoints[endpoint_id]  # only a running worker calls this
        LOGGER.warning(
            "Webhook endpoint %s (%s) disabled: %s", endpoint_id, redact_url(endpoint.url), reason
        )
        self._store_endpoint(replace(endpoint, enabled=False, disabled_reason=reason))

    def _store_endpoint(self, endpoint: Endpoint) -> None:
        """Apply a changed endpoint now: state to the store, settings to its subentry."""
        self._apply(
            [
                endpoint if current.id == endpoint.id else current
                for current in self.endpoints.values()
            ]
        )
        subentry = self._entry.subentries[self._subentry_ids[endpoint.id]]
        self._hass.config_entries.async_update_subentry(
            self._entry, subentry, data=endpoint.settings(), title=webhook_title(endpoint)
        )

    def endpoint(self, endpoint_id: str) -> Endpoint:
        """Return an endpoint; raise KeyError if the entry has none by that id."""
        return self.endpoints[endpoint_id]

    @callback
    def async_rotate(self, endpoint_id: str, grace: timedelta) -> dict[str, Any]:
        """Give an endpoint a new secret; sign with both until the grace ends."""
        until = dt_util.utcnow() + grace
        rotated = self.endpoint(endpoint_id).rotated(generate_secret(), until)
        self._store_endpoint(rotated)
        return {
            "endpoint_id": endpoint_id,
            "secret": rotated.secret,
            "previous_secret_valid_until": until.isoformat(),
        }

    @callback
    def async_on_release(self, release: Release) -> None:
        """Queue each released change for every endpoint that wants it: games', then table's."""
        created = time.time()
        timestamp = dt_util.utcnow().isoformat()
        for change in release.changes:
            self._queue(
                bus_event_type(change),
                change.team_id,
                change.event_id,
                event_data(change, self._entry.entry_id),
                (created, timestamp),
            )
        for table_change in release.table_changes:
            self._queue(
                table_event_type(table_change),
                table_change.team_id,
                table_change.event_id,
                table_event_data(table_change, self._entry.entry_id),
                (created, timestamp),
            )

    def _queue(
        self,
        event_type: str,
        team_id: str,
        key: str,
        data: dict[str, Any],
        when: tuple[float, str],
    ) -> None:
        kind = short_type(event_type)
        targets = [
            endpoint
            for endpoint in self.endpoints.values()
            if endpoint.enabled and endpoint.wants(kind, team_id)
        ]
        if not targets:
            return
        message_type = TYPE_PREFIX + kind
        created, timestamp = when
        message = Message(
            key=key,
            type=message_type,
            body=body(message_type, timestamp, data),
            created=created,
        )
        for endpoint in targets:
            self.outbox.add(endpoint.id, Delivery(webhook_id(endpoint.id, message.key), message))
            self.dispatcher.wake(endpoint.id)

    async def async_test(self, endpoint_id: str) -> dict[str, Any]:
        """Send one signed test delivery now, outside the outbox; return the answer."""
        endpoint = self.endpoint(endpoint_id)
        msg_id = f"msg_test_{secrets.token_hex(12)}"
        data = {
            "entry_id": self._entry.entry_id,
            "league": self._entry.data[CONF_LEAGUE],
            "endpoint_id": endpoint_id,
            "message": "Test delivery from Home Assistant's Live Sports integration",
        }
        attempt = await self.dispatcher.async_post(
            endpoint, msg_id, body(TEST_TYPE, dt_util.utcnow().isoformat(), data)
        )
        if attempt.status is None:
            raise HomeAssistantError(
                translation_domain=DOMAIN,
                translation_key=f"test_{attempt.error}",
                translation_placeholders={"url": redact_url(endpoint.url)},
            )
        return {
            "webhook_id": msg_id,
            "status": attempt.status,
            "ok": classify(attempt.status) is Verdict.DELIVERED,
            "duration_ms": round(attempt.duration * 1000, 1),
        }

    def diagnostics(self) -> list[dict[str, Any]]:
        """Return each endpoint's settings and statistics, nothing secret."""
        now = dt_util.utcnow()
        return [
            {
                "id": endpoint.id,
                "url": redact_url(endpoint.url),
                "enabled": endpoint.enabled,
                "disabled_reason": endpoint.disabled_reason,
                "event_types": list(endpoint.event_types),
                "teams": list(endpoint.teams),
                "rotation_grace": len(endpoint.signing_secrets(now)) > 1,
                "pending": self.outbox.pending(endpoint.id),
                **{
                    key: value
                    for key, value in self.outbox.stats_of(endpoint.id).as_dict().items()
                    if key != "recent"
                },
                "recent_failures": self.outbox.stats_of(endpoint.id).recent.count(False),
                "recent_deliveries": len(self.outbox.stats_of(endpoint.id).recent),
            }
            for endpoint in self.endpoints.values()
        ]


@callback
def async_remove(hass: HomeAssistant, entry: ConfigEntry) -> None:
    """Delete a removed entry's repair issues (its outbox goes with its stores)."""
    for subentry in webhook_subentries(entry):
        ir.async_delete_issue(
            hass, DOMAIN, issue_id(entry.entry_id, subentry.data[CONF_ENDPOINT_ID])
        )
