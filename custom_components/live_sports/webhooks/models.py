"""Webhook endpoints, messages, deliveries and statistics: plain data.

No Home Assistant imports. What the user sets about an endpoint (URL, events,
teams, enabled, secret) is the data of its config subentry; what the
integration keeps about it (why it disabled it, the previous secret during a
rotation), its messages, deliveries and statistics live in the outbox's store.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
import hashlib
import re
import secrets
from typing import Any, Final
from urllib.parse import urlsplit, urlunsplit

from ..events import ALL_BUS_EVENTS, short_type

CONF_WEBHOOKS: Final = "webhooks"
"""Where version 1 entries kept their endpoints (options); read by the migration."""
CONF_ENDPOINT_ID: Final = "endpoint_id"
EVENT_TYPES: Final = tuple(short_type(event_type) for event_type in ALL_BUS_EVENTS)
"""What an endpoint can subscribe to: ``score_changed``, ``game_ended`` …"""
TYPE_PREFIX: Final = "live_sports."
"""Body ``type`` is this plus the event type: ``live_sports.score_changed``."""
TEST_TYPE: Final = f"{TYPE_PREFIX}test"

WINDOW: Final = 20
"""Finished deliveries the failure rate is computed over."""
MIN_SAMPLES: Final = 10
"""An endpoint is judged only once this many deliveries have finished."""

REDACTED: Final = "**REDACTED**"
_TOKEN_SEGMENT: Final = re.compile(r"[A-Za-z0-9_\-.~%]{16,}")


class DisabledReason(StrEnum):
    """Why the integration disabled an endpoint by itself."""

    GONE = "gone"
    """The receiver answered 410 Gone."""
    FAILING = "failing"
    """More than half of the recent deliveries failed."""


@dataclass(frozen=True, slots=True)
class Endpoint:
    """A receiver and what it subscribed to."""

    id: str
    url: str
    secret: str = field(repr=False)
    event_types: tuple[str, ...] = EVENT_TYPES
    teams: tuple[str, ...] = ()
    """Team ids whose events it gets; empty means every followed team."""
    enabled: bool = True
    disabled_reason: DisabledReason | None = None
    previous_secret: str | None = field(default=None, repr=False)
    previous_secret_expires: datetime | None = None
    """Until then deliveries are signed with the previous secret too."""

    def wants(self, event_type: str, team_id: str) -> bool:
        """Return whether an event (``score_changed``) of a team goes to it."""
        return event_type in self.event_types and (not self.teams or team_id in self.teams)

    def signing_secrets(self, now: datetime) -> tuple[str, ...]:
        """Return the secrets to sign with: the new one, and the old one in its grace."""
        if (
            self.previous_secret
            and self.previous_secret_expires
            and now < self.previous_secret_expires
        ):
            return (self.secret, self.previous_secret)
        return (self.secret,)

    def rotated(self, secret: str, until: datetime) -> Endpoint:
        """Return the endpoint with a new secret, the current one kept until `until`."""
        return replace(
            self, secret=secret, previous_secret=self.secret, previous_secret_expires=until
        )

    def settings(self) -> dict[str, Any]:
        """Return what the user set: the data of the endpoint's config subentry."""
        return {
            CONF_ENDPOINT_ID: self.id,
            "url": self.url,
            "event_types": list(self.event_types),
            "teams": list(self.teams),
            "enabled": self.enabled,
            "secret": self.secret,
        }

    def state(self) -> dict[str, Any]:
        """Return what the integration keeps about it: its entry in the outbox store."""
        return {
            "disabled_reason": self.disabled_reason.value if self.disabled_reason else None,
            "previous_secret": self.previous_secret,
            "previous_secret_expires": self.previous_secret_expires.isoformat()
            if self.previous_secret_expires
            else None,
        }

    @classmethod
    def from_parts(cls, settings: Mapping[str, Any], state: Mapping[str, Any]) -> Endpoint:
        """Read an endpoint from its subentry data and its stored state."""
        expires = state.get("previous_secret_expires")
        reason = state.get("disabled_reason")
        return cls(
            id=settings[CONF_ENDPOINT_ID],
            url=settings["url"],
            secret=settings["secret"],
            event_types=tuple(settings.get("event_types", EVENT_TYPES)),
            teams=tuple(settings.get("teams", ())),
            enabled=settings.get("enabled", True),
            disabled_reason=DisabledReason(reason) if reason else None,
            previous_secret=state.get("previous_secret"),
            previous_secret_expires=datetime.fromisoformat(expires) if expires else None,
        )


def new_endpoint_id() -> str:
    """Return a short random endpoint id."""
    return secrets.token_hex(4)


def webhook_id(endpoint_id: str, event_id: str) -> str:
    """Return the delivery id: the same for the same event and endpoint, always."""
    digest = hashlib.sha256(f"{endpoint_id}:{event_id}".encode()).hexdigest()
    return f"msg_{digest[:32]}"


def redact_url(url: str) -> str:
    """Return a URL safe to log: no credentials, query, fragment or token-like path."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    if parts.username or parts.password:
        host = f"{REDACTED}@{host}"
    path = "/".join(
        REDACTED if _TOKEN_SEGMENT.fullmatch(segment) else segment
        for segment in parts.path.split("/")
    )
    return urlunsplit((parts.scheme, host, path, REDACTED if parts.query else "", ""))


@dataclass(frozen=True, slots=True)
class Message:
    """One event's body, the same bytes for every endpoint and attempt."""

    key: str
    """The event id (or a test id): what deliveries refer to in the store."""
    type: str
    body: str
    created: float
    """Unix time it was queued."""

    def as_dict(self) -> dict[str, Any]:
        """Return the stored form."""
        return {"type": self.type, "body": self.body, "created": self.created}

    @classmethod
    def from_dict(cls, key: str, data: Mapping[str, Any]) -> Message:
        """Read the stored form."""
        return cls(key=key, type=data["type"], body=data["body"], created=data["created"])


@dataclass(slots=True)
class Delivery:
    """A message on its way to one endpoint."""

    id: str
    """The ``webhook-id``: stable across retries and restarts."""
    message: Message
    attempts: int = 0
    next_attempt: float = 0.0
    """Unix time of the next attempt (0: now)."""

    def as_dict(self) -> dict[str, Any]:
        """Return the stored form (the message by key)."""
        return {
            "id": self.id,
            "message": self.message.key,
            "attempts": self.attempts,
            "next_attempt": self.next_attempt,
        }


@dataclass(slots=True)
class EndpointStats:
    """What happened to an endpoint's deliveries."""

    sent: int = 0
    failed: int = 0
    """Deliveries given up: rejected, gone, or still failing after the retry window."""
    retried: int = 0
    """Attempts that failed and were scheduled again."""
    dropped: int = 0
    """Deliveries discarded unsent: outbox full, or the endpoint disabled."""
    last_status: int | str | None = None
    """The last attempt's HTTP status, or ``timeout`` / ``cannot_connect``."""
    last_attempt: str | None = None
    last_success: str | None = None
    recent: list[bool] = field(default_factory=list)
    """Outcomes of the last finished deliveries, newest last."""

    def finish(self, ok: bool) -> None:
        """Record a delivery that will not be tried again."""
        if ok:
            self.sent += 1
        else:
            self.failed += 1
        self.recent = [*self.recent, ok][-WINDOW:]

    @property
    def failing(self) -> bool:
        """Return whether more than half of the recent deliveries failed."""
        return len(self.recent) >= MIN_SAMPLES and self.recent.count(False) * 2 > len(self.recent)

    def as_dict(self) -> dict[str, Any]:
        """Return the stored form."""
        return {
            "sent": self.sent,
            "failed": self.failed,
            "retried": self.retried,
            "dropped": self.dropped,
            "last_status": self.last_status,
            "last_attempt": self.last_attempt,
            "last_success": self.last_success,
            "recent": list(self.recent),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> EndpointStats:
        """Read the stored form."""
        return cls(
            sent=data.get("sent", 0),
            failed=data.get("failed", 0),
            retried=data.get("retried", 0),
            dropped=data.get("dropped", 0),
            last_status=data.get("last_status"),
            last_attempt=data.get("last_attempt"),
            last_success=data.get("last_success"),
            recent=list(data.get("recent", ())),
        )
