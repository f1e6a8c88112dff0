"""When to retry a delivery, and how long to wait: pure decisions.

Network errors, timeouts, 5xx and 429 are retried with the integration's one
backoff (``..retry``: 2, 4, 8 … 300 s, ±10 %) or after the receiver's
``Retry-After``, until the delivery is older than MAX_AGE; any other answer
outside 2xx is final, and 410 Gone also disables the endpoint.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum
from typing import Final

from ..retry import backoff

TIMEOUT: Final = 5.0
"""Seconds one attempt may take, connection and answer included."""
BACKOFF_BASE: Final = timedelta(seconds=2)
BACKOFF_CAP: Final = timedelta(minutes=5)
MAX_AGE: Final = 3600.0
"""Seconds after queueing a delivery is retried; it is always tried at least once."""


class Verdict(StrEnum):
    """What an attempt's outcome means for the delivery."""

    DELIVERED = "delivered"
    RETRY = "retry"
    REJECTED = "rejected"
    GONE = "gone"


def classify(status: int | None) -> Verdict:
    """Return the verdict on an HTTP status (None: no answer)."""
    if status is None or status == 429 or status >= 500:
        return Verdict.RETRY
    if 200 <= status < 300:
        return Verdict.DELIVERED
    if status == 410:
        return Verdict.GONE
    return Verdict.REJECTED


def next_delay(
    verdict: Verdict, attempts: int, age: float, asked: float | None, random: float
) -> float | None:
    """Return seconds until the next attempt, or None when the delivery is finished."""
    if verdict is not Verdict.RETRY or age >= MAX_AGE:
        return None
    if asked is not None:
        return asked
    return backoff(attempts, BACKOFF_BASE, BACKOFF_CAP, random).total_seconds()
