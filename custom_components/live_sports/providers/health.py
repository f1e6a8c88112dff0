"""How healthy a provider is: a score from its recent requests.

Pure: the time is a parameter. Each provider of a league keeps a window of
its last requests (at most ``MAX_ATTEMPTS``, none older than ``WINDOW``) and
of its freshness comparisons, and scores them between 0 (useless) and 1:

- errors, 40 %: the share of requests that failed (HTTP errors, timeouts,
  bodies that do not parse);
- latency, 25 %: the median time of the requests that succeeded, full marks
  up to ``LATENCY_GOOD``, none from ``LATENCY_BAD`` on;
- rate limits, 20 %: the share of requests answered HTTP 429;
- freshness, 15 %: the share of comparisons, with another provider's view of
  the same game, in which this provider lagged (an older score or period).

A provider with no request in the window scores 1: nothing is held against it.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import median
from typing import Any, Final

WEIGHTS: Final = {"errors": 0.40, "latency": 0.25, "rate_limits": 0.20, "freshness": 0.15}
WINDOW: Final = timedelta(minutes=15)
MAX_ATTEMPTS: Final = 20
LATENCY_GOOD: Final = 1.0
"""Seconds: a response this fast loses nothing."""
LATENCY_BAD: Final = 8.0
"""Seconds: a response this slow gets no latency marks."""


@dataclass(frozen=True, slots=True)
class Attempt:
    """One request to a provider."""

    at: datetime
    ok: bool
    latency: float
    """Seconds the request took."""
    rate_limited: bool = False


class HealthWindow:
    """A provider's recent requests and freshness comparisons."""

    def __init__(self) -> None:
        """Start with nothing held against the provider."""
        self._attempts: deque[Attempt] = deque(maxlen=MAX_ATTEMPTS)
        self._lags: deque[tuple[datetime, bool]] = deque(maxlen=MAX_ATTEMPTS)
        self.consecutive_failures = 0
        self.last_success: datetime | None = None
        self.last_failure: datetime | None = None
        self.last_error: str | None = None

    def record(
        self,
        at: datetime,
        latency: float,
        error: Exception | None = None,
        *,
        rate_limited: bool = False,
    ) -> None:
        """Record a request: successful unless it raised ``error``."""
        self._attempts.append(Attempt(at, error is None, latency, rate_limited))
        if error is None:
            self.consecutive_failures = 0
            self.last_success = at
        else:
            self.consecutive_failures += 1
            self.last_failure = at
            self.last_error = str(error) or type(error).__name__

    def record_lag(self, at: datetime, *, lagging: bool) -> None:
        """Record whether the provider lagged another's view of the same game."""
        self._lags.append((at, lagging))

    def requests(self, now: datetime) -> int:
        """Return how many requests the window holds."""
        return sum(1 for attempt in self._attempts if now - attempt.at <= WINDOW)

    def components(self, now: datetime) -> dict[str, float]:
        """Return each part of the score, between 0 and 1 (1 is good)."""
        attempts = [attempt for attempt in self._attempts if now - attempt.at <= WINDOW]
        lags = [lagging for at, lagging in self._lags if now - at <= WINDOW]
        parts = dict.fromkeys(WEIGHTS, 1.0)
        if attempts:
            parts["errors"] = sum(attempt.ok for attempt in attempts) / len(attempts)
            parts["rate_limits"] = 1 - sum(a.rate_limited for a in attempts) / len(attempts)
            if latencies := [attempt.latency for attempt in attempts if attempt.ok]:
                slow = (median(latencies) - LATENCY_GOOD) / (LATENCY_BAD - LATENCY_GOOD)
                parts["latency"] = 1 - min(1.0, max(0.0, slow))
        if lags:
            parts["freshness"] = 1 - sum(lags) / len(lags)
        return parts

    def score(self, now: datetime) -> float:
        """Return the weighted score, between 0 and 1."""
        parts = self.components(now)
        return round(sum(WEIGHTS[name] * value for name, value in parts.items()), 4)

    def as_dict(self, now: datetime) -> dict[str, Any]:
        """Return the health as diagnostics show it."""
        return {
            "score": self.score(now),
            **{name: round(value, 4) for name, value in self.components(now).items()},
            "requests": self.requests(now),
            "consecutive_failures": self.consecutive_failures,
            "last_success": self.last_success.isoformat() if self.last_success else None,
            "last_error": self.last_error,
        }
