"""The one backoff and the one Retry-After parser (polling, history, webhooks)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from custom_components.live_sports.retry import (
    MAX_RETRY_AFTER,
    backoff,
    jittered,
    parse_retry_after,
)

NOW = datetime(2022, 9, 11, 20, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)
CAP = timedelta(seconds=300)


def test_backoff_doubles_with_ten_percent_jitter_and_is_capped() -> None:
    """base × 2^(n-1), ±10 % by the random number, never above the cap."""
    assert [backoff(n, 2 * SECOND, CAP, 0.5) for n in (1, 2, 3)] == [
        2 * SECOND,
        4 * SECOND,
        8 * SECOND,
    ]
    assert backoff(1, 2 * SECOND, CAP, 0.0) == timedelta(seconds=1.8)
    assert backoff(1, 2 * SECOND, CAP, 0.999).total_seconds() == pytest.approx(2.2, abs=0.001)
    assert backoff(0, 2 * SECOND, CAP, 0.5) == 2 * SECOND  # no failure counts as one
    assert backoff(1000, 2 * SECOND, CAP, 0.999) == CAP
    assert backoff(1000, 2 * SECOND, CAP, 0.0) == CAP * 0.9
    assert jittered(10 * SECOND, 0.25) == timedelta(seconds=9.5)


def test_retry_after() -> None:
    """Seconds or an HTTP date; never negative, at most an hour; junk says nothing."""
    assert parse_retry_after(None, NOW) is None
    assert parse_retry_after("", NOW) is None
    assert parse_retry_after(" 30 ", NOW) == timedelta(seconds=30)
    assert parse_retry_after("99999", NOW) == MAX_RETRY_AFTER
    assert parse_retry_after("Sun, 11 Sep 2022 20:01:00 GMT", NOW) == timedelta(seconds=60)
    assert parse_retry_after("Sun, 11 Sep 2022 19:00:00 GMT", NOW) == timedelta(0)
    assert parse_retry_after("soon", NOW) is None
    assert parse_retry_after("Sun, 11 Sep 2022 20:01:00", NOW) is None  # no zone
