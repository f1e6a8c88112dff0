"""The webhooks' retry verdicts and their plain data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from custom_components.live_sports.webhooks.models import (
    MIN_SAMPLES,
    WINDOW,
    DisabledReason,
    Endpoint,
    EndpointStats,
    redact_url,
    webhook_id,
)
from custom_components.live_sports.webhooks.retry import MAX_AGE, Verdict, classify, next_delay

NOW = datetime(2022, 9, 11, 20, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("status", "verdict"),
    [
        (200, Verdict.DELIVERED),
        (204, Verdict.DELIVERED),
        (None, Verdict.RETRY),
        (429, Verdict.RETRY),
        (500, Verdict.RETRY),
        (503, Verdict.RETRY),
        (301, Verdict.REJECTED),
        (400, Verdict.REJECTED),
        (401, Verdict.REJECTED),
        (404, Verdict.REJECTED),
        (410, Verdict.GONE),
    ],
)
def test_classify(status: int | None, verdict: Verdict) -> None:
    assert classify(status) is verdict


def test_next_delay() -> None:
    assert next_delay(Verdict.RETRY, 1, 0, None, 0.5) == 2.0
    assert next_delay(Verdict.RETRY, 3, 0, None, 0.0) == pytest.approx(7.2)
    assert next_delay(Verdict.RETRY, 30, 0, None, 0.999) == 300.0
    assert next_delay(Verdict.RETRY, 1, 0, 42.0, 0.0) == 42.0
    assert next_delay(Verdict.RETRY, 9, MAX_AGE, None, 0.0) is None
    assert next_delay(Verdict.DELIVERED, 1, 0, None, 0.0) is None
    assert next_delay(Verdict.REJECTED, 1, 0, None, 0.0) is None


@pytest.mark.parametrize(
    ("url", "redacted"),
    [
        ("https://example.com/hook", "https://example.com/hook"),
        (
            "https://user:pass@example.com:8443/hook?token=abc#x",
            "https://**REDACTED**@example.com:8443/hook?**REDACTED**",
        ),
        (
            "http://192.168.1.20:8123/api/webhook/live-sports-goal-3f9a1c2b",
            "http://192.168.1.20:8123/api/webhook/**REDACTED**",
        ),
    ],
)
def test_redact_url(url: str, redacted: str) -> None:
    assert redact_url(url) == redacted


def test_endpoint_round_trip_filters_and_grace() -> None:
    endpoint = Endpoint(
        id="e1",
        url="https://x.test/",
        secret="whsec_new",
        teams=("1",),
        event_types=("score_changed",),
    )
    assert "whsec" not in repr(endpoint)
    assert endpoint.wants("score_changed", "1")
    assert not endpoint.wants("score_changed", "2")
    assert not endpoint.wants("game_ended", "1")
    assert Endpoint(id="e", url="u", secret="s").wants("game_ended", "2")
    rotated = endpoint.rotated("whsec_newer", NOW + timedelta(hours=1))
    assert rotated.signing_secrets(NOW) == ("whsec_newer", "whsec_new")
    assert rotated.signing_secrets(NOW + timedelta(hours=2)) == ("whsec_newer",)
    assert "whsec" not in repr(rotated)
    assert Endpoint.from_parts(rotated.settings(), rotated.state()) == rotated
    # The user's settings hold the current secret only; the rotation is state.
    assert "whsec_new" not in rotated.settings().values()
    assert rotated.state()["previous_secret"] == "whsec_new"
    disabled = Endpoint(
        id="e", url="u", secret="s", enabled=False, disabled_reason=DisabledReason.GONE
    )
    assert Endpoint.from_parts(disabled.settings(), disabled.state()) == disabled
    assert "disabled_reason" not in disabled.settings()


def test_webhook_id_is_stable_per_endpoint_and_event() -> None:
    assert webhook_id("e1", "ev") == webhook_id("e1", "ev")
    assert webhook_id("e1", "ev") != webhook_id("e2", "ev")
    assert webhook_id("e1", "ev").startswith("msg_")


def test_stats_failing_needs_a_majority_of_enough_samples() -> None:
    stats = EndpointStats()
    for _ in range(MIN_SAMPLES - 1):
        stats.finish(False)
    assert not stats.failing
    stats.finish(True)
    assert stats.failing  # 9 of 10 failed
    for _ in range(WINDOW):
        stats.finish(True)
    assert len(stats.recent) == WINDOW
    assert not stats.failing
    for _ in range(WINDOW // 2):
        stats.finish(False)
    assert not stats.failing  # exactly half is not more than half
    stats.finish(False)
    assert stats.failing
    assert (stats.sent, stats.failed) == (1 + WINDOW, MIN_SAMPLES - 1 + WINDOW // 2 + 1)
    assert EndpointStats.from_dict(stats.as_dict()) == stats
