"""When to retry a delivery, and how long to wait: pure decisions.

Network errors, timeouts, 5xx and 429 are retried with exponential backoff and
jitter (or after the receiver's ``Retry-After``) until the delivery is older
than MAX_AGE; any other answer outside 2xx is final, and 410 Gone also
disables the endpoint.
"""

from __future__ import annotations

from datetime import datetime
from email.utils import parsedate_to_datetime
from enum import StrEnum
from typing import Final

TIMEOUT: Final = 5.0
"""Seconds one attempt may take, connection and answer included."""
BACKOFF_BASE: Final = 2.0
BACKOFF_CAP: Final = 300.0
MAX_AGE: Final = 3600.0
"""Seconds after queueing a delivery is retried; it is always tried at least once."""
MAX_RETRY_AFTER: Final = 3600.0


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


def backoff(attempts: int, random: float) -> float:
    """Return seconds before the next attempt after `attempts` failed ones.

    Exponential (2, 4, 8 … 300 s) with "equal jitter": between half and all of
    it, `random` in [0, 1) picking where.
    """
    delay = min(BACKOFF_CAP, BACKOFF_BASE * 2.0 ** max(attempts - 1, 0))
    return delay / 2 + delay / 2 * random


def retry_after(value: str | None, now: datetime) -> float | None:
    """Return the seconds a ``Retry-After`` header asks for (seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        seconds = float(value)
    else:
        try:
            seconds = (parsedate_to_datetime(value) - now).total_seconds()
        except (TypeError, ValueError):
            return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def next_delay(
    verdict: Verdict, attempts: int, age: float, asked: float | None, random: float
) -> float | None:
    """Return seconds until the next attempt, or None when the delivery is finished."""
    if verdict is not Verdict.RETRY or age >= MAX_AGE:
        return None
    return asked if asked is not None else backoff(attempts, random)
