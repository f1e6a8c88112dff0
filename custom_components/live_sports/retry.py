"""Retrying, the one way: exponential backoff with one jitter rule, and Retry-After.

Pure: no Home Assistant, no I/O, no clock reads (the time and a random number
are parameters). Polling (provider errors), the history writer and the
webhook deliveries all wait by these rules:
- the n-th consecutive failure waits ``base × 2^(n-1)``, at most ``cap``;
- varied by ±10 % (``random`` in [0, 1) picks where), so homes failing at the
  same moment do not retry in step;
- a ``Retry-After`` the other side sent (seconds or an HTTP date) wins, up to
  an hour.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Final

JITTER: Final = 0.1
MAX_RETRY_AFTER: Final = timedelta(hours=1)
_MAX_EXPONENT: Final = 32


def jittered(delay: timedelta, random: float) -> timedelta:
    """Return `delay` varied by ±JITTER, `random` in [0, 1) picking where."""
    return delay * (1 + JITTER * (2 * random - 1))


def backoff(failures: int, base: timedelta, cap: timedelta, random: float) -> timedelta:
    """Return the wait after `failures` consecutive failures (at least one)."""
    exponent = min(max(failures - 1, 0), _MAX_EXPONENT)
    return min(jittered(min(base * 2**exponent, cap), random), cap)


def parse_retry_after(value: str | None, now: datetime) -> timedelta | None:
    """Return the wait a ``Retry-After`` header asks for, or None if it says nothing."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        wait = timedelta(seconds=int(value))
    else:
        try:
            wait = parsedate_to_datetime(value) - now
        except (TypeError, ValueError):
            return None
    return min(max(wait, timedelta(0)), MAX_RETRY_AFTER)
