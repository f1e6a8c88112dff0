"""Signed outbound webhooks (Standard Webhooks) with a persistent outbox."""

from __future__ import annotations

from .manager import WebhookManager, async_remove, webhook_subentry, webhook_title
from .models import CONF_WEBHOOKS, EVENT_TYPES, Endpoint, redact_url

__all__ = [
    "CONF_WEBHOOKS",
    "EVENT_TYPES",
    "Endpoint",
    "WebhookManager",
    "async_remove",
    "redact_url",
    "webhook_subentry",
    "webhook_title",
]
