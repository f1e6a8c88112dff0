"""Webhooks end to end in Home Assistant, delivered to a real local receiver.

The receiver (tests/webhook_receiver.py) verifies every delivery with the
`standardwebhooks` package. The Demo league needs no HTTP, so Home Assistant's
real aiohttp session reaches the receiver (aioclient_mock is not used here).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
import json
import logging
import time
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import (
    SOURCE_RECONFIGURE,
    SOURCE_USER,
    ConfigEntryState,
    ConfigSubentry,
)
from homeassistant.const import EVENT_HOMEASSISTANT_FINAL_WRITE
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from custom_components.live_sports.const import DOMAIN
from custom_components.live_sports.diagnostics import async_get_config_entry_diagnostics
from custom_components.live_sports.diff import ChangeKind, GameChange
from custom_components.live_sports.events import EVENT_SCORE_CHANGED
from custom_components.live_sports.models import Side
from custom_components.live_sports.providers.replay import CYCLE
from custom_components.live_sports.release import Release
from custom_components.live_sports.webhooks import Endpoint, WebhookManager
from custom_components.live_sports.webhooks.manager import issue_id
from custom_components.live_sports.webhooks.models import (
    Delivery,
    DisabledReason,
    EndpointStats,
    webhook_id,
)
from custom_components.live_sports.webhooks.retry import MAX_AGE
from custom_components.live_sports.webhooks.signer import generate_secret

from .conftest import league_entry, setup_entry, tick
from .webhook_receiver import Receiver, settle

ROUND_START = datetime.fromtimestamp(CYCLE * 2_950_000, UTC)
pytestmark = pytest.mark.freeze_time(ROUND_START)
STORE_KEY = "live_sports.{}.webhooks"


def _endpoint(receiver: Receiver, endpoint_id: str = "e1", **kwargs: Any) -> Endpoint:
    return Endpoint(id=endpoint_id, url=receiver.url, secret=receiver.secret, **kwargs)


def _entry(*endpoints: Endpoint) -> MockConfigEntry:
    return league_entry("demo", ["1"], endpoints=endpoints)


async def _setup(hass: HomeAssistant, entry: MockConfigEntry) -> WebhookManager:
    await setup_entry(hass, entry)
    return entry.runtime_data.webhooks


def _release(entry: MockConfigEntry, *changes: tuple[ChangeKind, str, str]) -> Release:
    """Return a release of (kind, team id, event id) changes in a game of the board."""
    board = entry.runtime_data.coordinator.data
    return Release(
        board.fetched_at,
        board,
        tuple(
            GameChange(kind, board.games_of(team)[0], team, event_id, Side.HOME, 1)
            for kind, team, event_id in changes
        ),
    )


def _push(entry: MockConfigEntry, count: int, start: int = 0, team: str = "1") -> None:
    """Release `count` score changes through the sink, as the release queue does."""
    changes = [(ChangeKind.SCORE_CHANGED, team, f"ev{i}") for i in range(start, start + count)]
    entry.runtime_data.webhooks.async_on_release(_release(entry, *changes))


def _subentry(entry: MockConfigEntry, endpoint_id: str = "e1") -> ConfigSubentry:
    """Return the webhook subentry of an endpoint."""
    return next(
        subentry
        for subentry in entry.subentries.values()
        if subentry.subentry_type == "webhook" and subentry.unique_id == endpoint_id
    )


async def _edit(hass: HomeAssistant, entry: MockConfigEntry, endpoint_id: str) -> dict[str, Any]:
    """Open the reconfigure flow of an endpoint's subentry."""
    return await hass.config_entries.subentries.async_init(
        (entry.entry_id, "webhook"),
        context={
            "source": SOURCE_RECONFIGURE,
            "subentry_id": _subentry(entry, endpoint_id).subentry_id,
        },
    )


def _stats(manager: WebhookManager, endpoint_id: str = "e1") -> EndpointStats:
    return manager.outbox.stats_of(endpoint_id)


def _event_ids(receiver: Receiver) -> list[str]:
    return [delivery.json["data"]["event_id"] for delivery in receiver.deliveries]


async def test_score_change_reaches_the_receiver_once_signed(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, receiver: Receiver
) -> None:
    """A Demo goal: one delivery, verified, with the bus event's data; tampering fails."""
    entry = _entry(_endpoint(receiver, event_types=("score_changed",)))
    manager = await _setup(hass, entry)
    scores = async_capture_events(hass, EVENT_SCORE_CHANGED)
    for _ in range(CYCLE // 5):
        await tick(hass, freezer, 5)
        await settle(lambda: _stats(manager).sent == len(scores))
        if scores:
            break
    assert len(scores) == 1
    for _ in range(3):  # nothing is delivered twice
        await tick(hass, freezer, 1)
    await settle(lambda: _stats(manager).sent == len(scores))
    assert len(receiver.deliveries) == len(scores)

    delivery = receiver.deliveries[0]
    event = scores[0]
    assert delivery.verified
    assert delivery.id == webhook_id("e1", event.data["event_id"])
    assert delivery.headers["content-type"] == "application/json"
    assert int(delivery.headers["webhook-timestamp"]) == int(event.time_fired.timestamp())
    payload = delivery.json
    assert payload["type"] == "live_sports.score_changed"
    assert datetime.fromisoformat(payload["timestamp"]) == event.time_fired
    # The bus event also names the team's event entity and device (for the
    # logbook); those Home Assistant ids mean nothing to a receiver.
    bus_data = {k: v for k, v in event.data.items() if k not in ("entity_id", "device_id")}
    assert payload["data"] == json.loads(json.dumps(bus_data))
    assert payload["data"]["team_id"] == "1"

    verifier = Webhook(receiver.secret)
    with pytest.raises(WebhookVerificationError, match="No matching signature"):
        verifier.verify(delivery.body.replace(b'"points":1', b'"points":2'), delivery.headers)
    with pytest.raises(WebhookVerificationError, match="No matching signature"):
        Webhook(generate_secret()).verify(delivery.body, delivery.headers)
    freezer.tick(timedelta(minutes=6))
    with pytest.raises(WebhookVerificationError, match="too old"):
        verifier.verify(delivery.body, delivery.headers)


async def test_filters_by_event_type_and_team(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, receiver: Receiver
) -> None:
    """An endpoint gets only the events and teams it subscribed to."""
    entry = _entry(
        _endpoint(receiver, "e1", event_types=("score_changed",), teams=("2",)),
        _endpoint(receiver, "e2", event_types=("game_ended",)),
        _endpoint(receiver, "e3", enabled=False),
    )
    manager = await _setup(hass, entry)
    _push(entry, 1, team="1")
    _push(entry, 1, start=1, team="2")
    manager.async_on_release(_release(entry, (ChangeKind.GAME_ENDED, "1", "end")))
    await settle(lambda: _stats(manager, "e1").sent == 1 and _stats(manager, "e2").sent == 1)
    assert sorted(_event_ids(receiver)) == ["end", "ev1"]
    assert manager.outbox.pending("e3") == 0


async def test_receiver_down_then_back_in_order(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, receiver: Receiver
) -> None:
    """Deliveries queue while the receiver is down and arrive in order after."""
    entry = _entry(_endpoint(receiver))
    manager = await _setup(hass, entry)
    await receiver.stop()
    _push(entry, 3)
    await settle(lambda: _stats(manager).retried == 1)
    assert _stats(manager).last_status == "cannot_connect"
    assert manager.outbox.pending("e1") == 3
    await tick(hass, freezer, 3)  # first backoff: 2 s ±10 %
    await settle(lambda: _stats(manager).retried == 2)
    await receiver.start()
    await tick(hass, freezer, 5)  # second backoff: 4 s ±10 %
    await settle(lambda: _stats(manager).sent == 3)
    assert _event_ids(receiver) == ["ev0", "ev1", "ev2"]
    assert all(delivery.verified for delivery in receiver.deliveries)
    assert len({delivery.id for delivery in receiver.deliveries}) == 3
    assert (_stats(manager).failed, _stats(manager).last_status) == (0, 204)
    assert manager.outbox.pending("e1") == 0


async def test_pending_outbox_survives_a_restart(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    receiver: Receiver,
    hass_storage: dict[str, Any],
) -> None:
    """Written on final write and on unload; delivered in order after the restart."""
    entry = _entry(_endpoint(receiver, "e1"), _endpoint(receiver, "e2"))
    manager = await _setup(hass, entry)
    await receiver.stop()
    _push(entry, 2)
    await settle(lambda: _stats(manager, "e1").retried == 1 and _stats(manager, "e2").retried == 1)
    hass.bus.async_fire(EVENT_HOMEASSISTANT_FINAL_WRITE)
    await hass.async_block_till_done()
    stored = hass_storage[STORE_KEY.format(entry.entry_id)]["data"]
    assert [item["message"] for item in stored["queues"]["e1"]] == ["ev0", "ev1"]
    assert [item["message"] for item in stored["queues"]["e2"]] == ["ev0", "ev1"]
    assert sorted(stored["messages"]) == ["ev0", "ev1"]  # each body stored once
    assert receiver.secret not in json.dumps(stored)

    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    await receiver.start()
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    manager = entry.runtime_data.webhooks
    assert manager.outbox.pending("e1") == manager.outbox.pending("e2") == 2
    await tick(hass, freezer, 3)
    await settle(lambda: _stats(manager, "e1").sent == 2 and _stats(manager, "e2").sent == 2)
    for endpoint_id in ("e1", "e2"):
        ids = [webhook_id(endpoint_id, f"ev{i}") for i in range(2)]
        assert [d.id for d in receiver.deliveries if d.id in ids] == ids
        assert _stats(manager, endpoint_id).retried == 1  # statistics are kept too


async def test_outbox_from_a_previous_run(
    hass: HomeAssistant, receiver: Receiver, hass_storage: dict[str, Any]
) -> None:
    """Home Assistant started with a stored outbox: it is delivered."""
    entry = _entry(_endpoint(receiver))
    body = json.dumps({"type": "live_sports.score_changed", "timestamp": "", "data": {}})
    hass_storage[STORE_KEY.format(entry.entry_id)] = {
        "version": 1,
        "minor_version": 1,
        "key": STORE_KEY.format(entry.entry_id),
        "data": {
            "messages": {"old": {"type": "live_sports.score_changed", "body": body, "created": 0}},
            "queues": {
                "e1": [
                    {"id": "msg_old", "message": "old", "attempts": 3, "next_attempt": 0},
                    {"id": "msg_lost", "message": "lost", "attempts": 0, "next_attempt": 0},
                ]
            },
            "stats": {"e1": {"retried": 3}},
        },
    }
    manager = await _setup(hass, entry)
    await settle(lambda: _stats(manager).sent == 1)
    assert [delivery.id for delivery in receiver.deliveries] == ["msg_old"]
    assert receiver.deliveries[0].verified
    assert _stats(manager).retried == 3


async def test_rotation_grace_period(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, receiver: Receiver
) -> None:
    """After a rotation both secrets sign until the grace ends, then only the new one."""
    entry = _entry(_endpoint(receiver))
    manager = await _setup(hass, entry)
    coordinator = entry.runtime_data.coordinator
    old = receiver.secret
    response = await hass.services.async_call(
        DOMAIN,
        "rotate_webhook_secret",
        {"config_entry_id": entry.entry_id, "endpoint_id": "e1", "grace_period": {"hours": 1}},
        blocking=True,
        return_response=True,
    )
    assert response is not None
    new = response["secret"]
    assert new != old
    assert new.startswith("whsec_")
    assert response["previous_secret_valid_until"] == (ROUND_START + timedelta(hours=1)).isoformat()
    await hass.async_block_till_done()
    # The new secret is the user's setting (the subentry); the old one and its
    # expiry are runtime state (the outbox store).
    assert _subentry(entry).data["secret"] == new
    assert old not in _subentry(entry).data.values()
    assert manager.outbox.state_of("e1") == {
        "disabled_reason": None,
        "previous_secret": old,
        "previous_secret_expires": (ROUND_START + timedelta(hours=1)).isoformat(),
    }
    assert entry.runtime_data.coordinator is coordinator  # applied in place, no reload

    _push(entry, 1)
    await settle(lambda: _stats(manager).sent == 1)
    during = receiver.deliveries[0]
    assert during.verified  # with the old secret
    Webhook(new).verify(during.body, during.headers)
    assert len(during.headers["webhook-signature"].split(" ")) == 2

    await tick(hass, freezer, 3601)
    receiver.secret = new
    _push(entry, 1, start=1)
    await settle(lambda: _stats(manager).sent == 2)
    after = receiver.deliveries[1]
    assert after.verified
    assert len(after.headers["webhook-signature"].split(" ")) == 1
    with pytest.raises(WebhookVerificationError):
        Webhook(old).verify(after.body, after.headers)

    default = await hass.services.async_call(  # the endpoint named by its subentry
        DOMAIN,
        "rotate_webhook_secret",
        {"config_entry_id": entry.entry_id, "endpoint_id": _subentry(entry).subentry_id},
        blocking=True,
        return_response=True,
    )
    assert default is not None
    assert (
        default["previous_secret_valid_until"]
        == (ROUND_START + timedelta(seconds=3601, hours=24)).isoformat()
    )


async def test_failing_endpoint_is_disabled_with_a_repair_issue(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    receiver: Receiver,
    issue_registry: ir.IssueRegistry,
) -> None:
    """Ten rejected deliveries in a row: disabled, a repair issue; re-enabling clears it."""
    entry = _entry(_endpoint(receiver))
    manager = await _setup(hass, entry)
    receiver.answers = [(400, {})] * 10
    _push(entry, 12)
    await settle(lambda: not entry.runtime_data.webhooks.endpoints["e1"].enabled)
    await hass.async_block_till_done()
    assert len(receiver.deliveries) == 10  # a 400 is never retried
    stats = _stats(manager)
    assert (stats.sent, stats.failed, stats.retried, stats.dropped) == (0, 10, 0, 2)
    assert _subentry(entry).data["enabled"] is False
    assert "disabled_reason" not in _subentry(entry).data
    assert manager.outbox.state_of("e1")["disabled_reason"] == "failing"
    issue = issue_registry.async_get_issue(DOMAIN, issue_id(entry.entry_id, "e1"))
    assert issue is not None
    assert issue.translation_key == "webhook_failing"
    assert issue.translation_placeholders == {
        "entry": entry.title,
        "endpoint_id": "e1",
        "url": receiver.url,
        "last_status": "400",
    }
    assert entry.state is ConfigEntryState.LOADED
    _push(entry, 1, start=20)
    assert manager.outbox.pending("e1") == 0

    coordinator = entry.runtime_data.coordinator
    result = await _edit(hass, entry, "e1")
    assert result["step_id"] == "reconfigure"
    enabled = next(key for key in result["data_schema"].schema if key == "enabled")
    assert enabled.description == {"suggested_value": False}
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"],
        {"url": receiver.url, "event_types": ["score_changed"], "teams": [], "enabled": True},
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    await hass.async_block_till_done()
    assert entry.runtime_data.coordinator is coordinator  # applied in place
    assert issue_registry.async_get_issue(DOMAIN, issue_id(entry.entry_id, "e1")) is None
    assert manager.outbox.state_of("e1")["disabled_reason"] is None
    assert _subentry(entry).data["secret"] == receiver.secret
    assert _stats(manager).recent == []
    _push(entry, 1, start=30)
    await settle(lambda: _stats(manager).sent == 1)
    assert _event_ids(receiver)[-1] == "ev30"


async def test_gone_disables_at_once(
    hass: HomeAssistant, receiver: Receiver, issue_registry: ir.IssueRegistry
) -> None:
    """410 Gone disables the endpoint and drops what it had pending."""
    entry = _entry(_endpoint(receiver))
    manager = await _setup(hass, entry)
    receiver.answers = [(410, {})]
    _push(entry, 3)
    await settle(lambda: not manager.endpoints["e1"].enabled)
    await hass.async_block_till_done()
    assert (_stats(manager).failed, _stats(manager).dropped) == (1, 2)
    assert manager.outbox.state_of("e1")["disabled_reason"] == "gone"
    issue = issue_registry.async_get_issue(DOMAIN, issue_id(entry.entry_id, "e1"))
    assert issue is not None
    assert issue.translation_key == "webhook_gone"

    # The receiver is gone for good: the user deletes the endpoint, the issue goes too.
    coordinator = entry.runtime_data.coordinator
    assert hass.config_entries.async_remove_subentry(entry, _subentry(entry).subentry_id)
    await hass.async_block_till_done()
    assert issue_registry.async_get_issue(DOMAIN, issue_id(entry.entry_id, "e1")) is None
    assert manager.endpoints == {}
    assert manager.outbox.state_of("e1") == {}
    assert entry.runtime_data.coordinator is coordinator


async def test_retry_after_5xx_and_4xx(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, receiver: Receiver
) -> None:
    """429 waits for Retry-After, 5xx backs off, a 404 is final; order is kept."""
    entry = _entry(_endpoint(receiver))
    manager = await _setup(hass, entry)
    receiver.answers = [(429, {"Retry-After": "30"}), (503, {}), (204, {}), (404, {})]
    _push(entry, 3)
    await settle(lambda: _stats(manager).retried == 1)
    head = manager.outbox.head("e1")
    assert head is not None
    assert head.next_attempt == time.time() + 30
    await tick(hass, freezer, 20)
    assert len(receiver.deliveries) == 1
    await tick(hass, freezer, 11)
    await settle(lambda: _stats(manager).retried == 2)
    await tick(hass, freezer, 5)
    await settle(lambda: _stats(manager).sent == 2)
    assert _event_ids(receiver) == ["ev0", "ev0", "ev0", "ev1", "ev2"]
    assert len({delivery.id for delivery in receiver.deliveries[:3]}) == 1
    stats = _stats(manager)
    assert (stats.sent, stats.failed, stats.retried, stats.last_status) == (2, 1, 2, 204)


async def test_slow_receiver_delays_no_other_and_times_out(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, socket_enabled: None
) -> None:
    """One endpoint hangs: the other is delivered meanwhile; the hang times out and retries."""
    secret = generate_secret()
    slow, fast = Receiver(secret=secret, hold=asyncio.Event()), Receiver(secret=secret)
    await slow.start()
    await fast.start()
    try:
        entry = _entry(_endpoint(slow, "slow"), _endpoint(fast, "fast"))
        manager = await _setup(hass, entry)
        _push(entry, 2)
        await settle(lambda: _stats(manager, "fast").sent == 2 and len(slow.deliveries) == 1)
        assert _stats(manager, "slow").sent == 0
        await tick(hass, freezer, 6)
        await settle(lambda: _stats(manager, "slow").retried == 1)
        assert _stats(manager, "slow").last_status == "timeout"
        assert slow.hold is not None
        slow.hold.set()
        slow.hold = None
        await tick(hass, freezer, 3)
        await settle(lambda: _stats(manager, "slow").sent == 2)
        assert _event_ids(slow) == ["ev0", "ev0", "ev1"]
        assert all(delivery.verified for delivery in [*slow.deliveries, *fast.deliveries])
    finally:
        if slow.hold is not None:
            slow.hold.set()
        await slow.stop()
        await fast.stop()


async def test_outbox_bound_and_retry_window(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    receiver: Receiver,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A full outbox drops its oldest (even in flight); a delivery is retried for MAX_AGE."""
    entry = _entry(_endpoint(receiver))
    manager = await _setup(hass, entry)
    receiver.hold = asyncio.Event()
    with patch("custom_components.live_sports.webhooks.outbox.MAX_PENDING", 1):
        _push(entry, 1)
        await settle(lambda: len(receiver.deliveries) == 1)
        _push(entry, 1, start=1)  # drops ev0, in flight
    assert "is full" in caplog.text
    receiver.hold.set()
    receiver.hold = None
    await settle(lambda: _stats(manager).sent == 1)
    assert _event_ids(receiver) == ["ev0", "ev1"]
    assert (_stats(manager).sent, _stats(manager).dropped) == (1, 1)

    receiver.answers = [(503, {})] * 3
    _push(entry, 1, start=2)
    await settle(lambda: _stats(manager).retried == 1)
    await tick(hass, freezer, MAX_AGE)
    await settle(lambda: _stats(manager).failed == 1)
    assert manager.outbox.pending("e1") == 0
    assert "failed (503) after the retry window" in caplog.text


async def test_test_webhook_action(hass: HomeAssistant, receiver: Receiver) -> None:
    """A signed test delivery; the receiver's status comes back; bad input is refused."""
    entry = _entry(_endpoint(receiver, enabled=False))
    await _setup(hass, entry)
    call = {"config_entry_id": entry.entry_id, "endpoint_id": "e1"}
    response = await hass.services.async_call(
        DOMAIN, "test_webhook", call, blocking=True, return_response=True
    )
    assert response is not None
    assert (response["status"], response["ok"]) == (204, True)
    delivery = receiver.deliveries[-1]
    assert delivery.verified
    assert delivery.id == response["webhook_id"]
    assert delivery.json["type"] == "live_sports.test"
    assert delivery.json["data"]["endpoint_id"] == "e1"

    receiver.answers = [(500, {})]
    response = await hass.services.async_call(
        DOMAIN, "test_webhook", call, blocking=True, return_response=True
    )
    assert response is not None
    assert (response["status"], response["ok"]) == (500, False)

    await receiver.stop()
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(
            DOMAIN, "test_webhook", call, blocking=True, return_response=True
        )
    assert err.value.translation_key == "test_cannot_connect"

    other = MockConfigEntry(domain="other")
    other.add_to_hass(hass)
    for data, key in [
        ({**call, "endpoint_id": "nope"}, "endpoint_not_found"),
        ({**call, "config_entry_id": "nope"}, "entry_not_found"),
        ({**call, "config_entry_id": other.entry_id}, "entry_not_found"),
    ]:
        with pytest.raises(ServiceValidationError) as invalid:
            await hass.services.async_call(
                DOMAIN, "test_webhook", data, blocking=True, return_response=True
            )
        assert invalid.value.translation_key == key
    assert await hass.config_entries.async_unload(entry.entry_id)
    with pytest.raises(ServiceValidationError) as invalid:
        await hass.services.async_call(
            DOMAIN, "rotate_webhook_secret", call, blocking=True, return_response=True
        )
    assert invalid.value.translation_key == "entry_not_loaded"


async def test_secrets_stay_out_of_logs_and_diagnostics(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    receiver: Receiver,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Failures, retries, a rotation and diagnostics: no secret, no credentials."""
    caplog.set_level(logging.DEBUG)
    url = receiver.url.replace("http://", "http://user:hunter2@") + "?token=t0ps3cret"
    entry = _entry(Endpoint(id="e1", url=url, secret=receiver.secret))
    manager = await _setup(hass, entry)
    receiver.answers = [(503, {}), (400, {})]
    _push(entry, 2)
    await settle(lambda: _stats(manager).retried == 1)
    await tick(hass, freezer, 3)
    await settle(lambda: _stats(manager).sent == 1)
    response = await hass.services.async_call(
        DOMAIN,
        "rotate_webhook_secret",
        {"config_entry_id": entry.entry_id, "endpoint_id": "e1"},
        blocking=True,
        return_response=True,
    )
    assert response is not None
    await receiver.stop()
    _push(entry, 1, start=2)
    await settle(lambda: _stats(manager).retried == 2)

    # Called directly: the diagnostics HTTP view imports modules, which fails under freezegun.
    diagnostics = await async_get_config_entry_diagnostics(hass, entry)
    dumped = json.dumps(diagnostics)
    [endpoint] = diagnostics["webhooks"]
    assert endpoint["url"] == f"http://**REDACTED**@127.0.0.1:{receiver.port}/hook?**REDACTED**"
    assert {key: endpoint[key] for key in ("sent", "failed", "retried", "pending")} == {
        "sent": 1,
        "failed": 1,
        "retried": 2,
        "pending": 1,
    }
    assert endpoint["last_status"] == "cannot_connect"
    assert endpoint["rotation_grace"] is True
    [subentry] = [s for s in diagnostics["entry"]["subentries"] if s["type"] == "webhook"]
    assert subentry["data"]["secret"] == "**REDACTED**"
    assert subentry["data"]["url"] == endpoint["url"]
    assert subentry["title"] == f"{endpoint['url']} (e1)"
    for secret in (receiver.secret, response["secret"], "hunter2", "t0ps3cret"):
        assert secret not in dumped
        assert secret not in caplog.text
        assert secret.removeprefix("whsec_") not in caplog.text


async def test_subentry_flows_add_edit_remove(
    hass: HomeAssistant, receiver: Receiver, hass_storage: dict[str, Any]
) -> None:
    """Add (secret shown once), edit and remove endpoints; applied without a reload."""
    entry = _entry()
    manager = await _setup(hass, entry)
    coordinator = entry.runtime_data.coordinator
    flow = hass.config_entries.subentries

    result = await flow.async_init((entry.entry_id, "webhook"), context={"source": SOURCE_USER})
    assert result["step_id"] == "user"
    teams = next(key for key in result["data_schema"].schema if key == "teams")
    assert result["data_schema"].schema[teams].config["options"] == [
        {"value": "1", "label": "Arsenal"}
    ]
    result = await flow.async_configure(
        result["flow_id"], {"url": "ftp://x", "event_types": [], "enabled": True}
    )
    assert result["errors"] == {"url": "invalid_url", "event_types": "no_event_types"}
    result = await flow.async_configure(
        result["flow_id"],
        {
            "url": f" {receiver.url} ",
            "event_types": ["game_ended", "score_changed"],
            "enabled": True,
        },
    )
    assert result["step_id"] == "created"
    secret = result["description_placeholders"]["secret"]
    endpoint_id = result["description_placeholders"]["endpoint_id"]
    assert secret.startswith("whsec_")
    assert not [s for s in entry.subentries.values() if s.subentry_type == "webhook"]
    result = await flow.async_configure(result["flow_id"], {})  # nothing saved before this
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert entry.runtime_data.coordinator is coordinator
    added = _subentry(entry, endpoint_id)
    assert added.title == f"{receiver.url} ({endpoint_id})"
    assert dict(added.data) == {
        "endpoint_id": endpoint_id,
        "url": receiver.url,
        "event_types": ["score_changed", "game_ended"],
        "teams": [],
        "enabled": True,
        "secret": secret,
    }
    assert manager.dispatcher.running == {endpoint_id}
    receiver.secret = secret
    _push(entry, 1)
    await settle(lambda: _stats(manager, endpoint_id).sent == 1)
    assert receiver.deliveries[0].verified

    result = await _edit(hass, entry, endpoint_id)
    assert result["description_placeholders"] == {"endpoint_id": endpoint_id}
    result = await flow.async_configure(
        result["flow_id"], {"url": "nohost", "event_types": ["game_ended"], "enabled": False}
    )
    assert result["errors"] == {"url": "invalid_url"}
    result = await flow.async_configure(
        result["flow_id"],
        {"url": receiver.url, "event_types": ["game_ended"], "teams": ["1"], "enabled": False},
    )
    assert result["type"] is FlowResultType.ABORT
    await hass.async_block_till_done()
    edited = _subentry(entry, endpoint_id)
    assert (edited.data["enabled"], edited.data["teams"], edited.data["secret"]) == (
        False,
        ["1"],
        secret,
    )
    assert manager.dispatcher.running == set()
    assert entry.runtime_data.coordinator is coordinator

    assert hass.config_entries.async_remove_subentry(entry, edited.subentry_id)
    await hass.async_block_till_done()
    assert manager.endpoints == {}
    assert endpoint_id not in manager.outbox.stats
    assert entry.runtime_data.coordinator is coordinator
    await manager.outbox.async_save()
    assert endpoint_id not in hass_storage[STORE_KEY.format(entry.entry_id)]["data"]["endpoints"]


async def test_team_labels_without_a_loaded_entry(hass: HomeAssistant) -> None:
    """The teams filter offers the followed teams by their subentries' titles."""
    entry = _entry()
    entry.add_to_hass(hass)
    result = await hass.config_entries.subentries.async_init(
        (entry.entry_id, "webhook"), context={"source": SOURCE_USER}
    )
    teams = next(key for key in result["data_schema"].schema if key == "teams")
    assert result["data_schema"].schema[teams].config["options"] == [{"value": "1", "label": "1"}]


async def test_entry_removal_cleans_up(
    hass: HomeAssistant,
    receiver: Receiver,
    hass_storage: dict[str, Any],
    issue_registry: ir.IssueRegistry,
) -> None:
    """Removing the entry deletes its outbox, its other stores and its repair issues."""
    endpoint = _endpoint(receiver, "e1", enabled=False, disabled_reason=DisabledReason.FAILING)
    entry = _entry(endpoint)
    hass_storage[STORE_KEY.format(entry.entry_id)] = {
        "version": 1,
        "minor_version": 2,
        "key": STORE_KEY.format(entry.entry_id),
        "data": {"endpoints": {"e1": endpoint.state()}},
    }
    manager = await _setup(hass, entry)
    assert issue_registry.async_get_issue(DOMAIN, issue_id(entry.entry_id, "e1")) is not None
    await manager.outbox.async_save()
    assert await hass.config_entries.async_unload(entry.entry_id)  # writes the entry store
    assert STORE_KEY.format(entry.entry_id) in hass_storage
    assert f"{DOMAIN}.{entry.entry_id}" in hass_storage
    assert await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()
    assert issue_registry.async_get_issue(DOMAIN, issue_id(entry.entry_id, "e1")) is None
    assert STORE_KEY.format(entry.entry_id) not in hass_storage
    assert f"{DOMAIN}.{entry.entry_id}" not in hass_storage


async def test_outbox_with_a_big_backlog_is_serialised_once_per_save(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    receiver: Receiver,
    hass_storage: dict[str, Any],
) -> None:
    """A receiver down for hours: each save writes the backlog once, not once per change.

    Serialising the whole outbox at every change made a backlog cost its
    square; the store's data function runs once per save delay instead.
    """
    entry = _entry(_endpoint(receiver))
    manager = await _setup(hass, entry)
    await receiver.stop()
    serialised = 0
    as_dict = Delivery.as_dict

    def counting(delivery: Delivery) -> dict[str, Any]:
        nonlocal serialised
        serialised += 1
        return as_dict(delivery)

    with patch.object(Delivery, "as_dict", counting):
        for index in range(300):  # one event per loop tick, as a live game's changes come
            _push(entry, 1, start=index)
            await asyncio.sleep(0)
        await tick(hass, freezer, 2)  # past the save delay
        assert manager.outbox.pending("e1") == 300
        stored = hass_storage[STORE_KEY.format(entry.entry_id)]["data"]
        assert [item["message"] for item in stored["queues"]["e1"]][-1] == "ev299"
        assert serialised <= 300  # one save of 300 deliveries

        serialised = 0
        for index in range(300, 400):
            _push(entry, 1, start=index)
            await asyncio.sleep(0)
        await tick(hass, freezer, 2)
        stored = hass_storage[STORE_KEY.format(entry.entry_id)]["data"]
        assert len(stored["queues"]["e1"]) == 400
        assert serialised <= 400
