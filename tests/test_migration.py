"""Version 1 entries (teams and endpoints in options) migrate to subentries.

Nothing a version 1 entry had is lost: its followed teams (with their devices
and entities), its webhook endpoint with a secret rotation in progress, the
coordinator's stored game states and the pending outbox. The Demo league
needs no HTTP, so Home Assistant's real session reaches the real receiver,
which verifies each delivery with `standardwebhooks`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
import json
from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.helpers.aiohttp_client import async_get_clientsession
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events
from standardwebhooks import Webhook

from custom_components.live_sports.const import CONF_LEAGUE, CONF_LIVE_INTERVAL, DOMAIN
from custom_components.live_sports.diff import diff
from custom_components.live_sports.events import BUS_EVENTS
from custom_components.live_sports.providers import build_provider
from custom_components.live_sports.providers.replay import CYCLE
from custom_components.live_sports.webhooks import Endpoint
from custom_components.live_sports.webhooks.signer import generate_secret

from .conftest import device_subentries, entry_device, league_entry
from .webhook_receiver import Receiver, settle

ROUND_START = datetime.fromtimestamp(CYCLE * 2_950_000, UTC)
pytestmark = pytest.mark.freeze_time(ROUND_START)
TEAMS = ["1", "2"]
SEEN_BEFORE = ROUND_START - timedelta(minutes=30)


def _v1_entry(endpoint: Endpoint) -> MockConfigEntry:
    """Return an entry as version 1 wrote it: teams and endpoints in its options."""
    legacy = {"id": endpoint.id, **endpoint.settings(), **endpoint.state()}
    del legacy["endpoint_id"]
    return MockConfigEntry(
        domain=DOMAIN,
        title="Demo (offline)",
        unique_id="demo",
        data={CONF_LEAGUE: "demo"},
        options={"teams": TEAMS, CONF_LIVE_INTERVAL: 10, "webhooks": [legacy]},
        version=1,
    )


async def _seen_states(hass: HomeAssistant) -> dict[str, Any]:
    """Return the stored game states of a previous run that saw the current board."""
    board = await build_provider(async_get_clientsession(hass), "demo").async_get_scoreboard(
        TEAMS, ROUND_START
    )
    _, states = diff({}, board.games, TEAMS, SEEN_BEFORE)
    return {game_id: {**state.as_dict(), "seq": 7} for game_id, state in states.items()}


async def test_version_1_entry_keeps_everything(
    hass: HomeAssistant, hass_storage: dict[str, Any], receiver: Receiver
) -> None:
    """Two teams and an endpoint mid-rotation, stored states and a pending delivery survive."""
    old_secret = receiver.secret
    # The receiver knows the pre-rotation secret; the endpoint signs with the
    # current one and, during the grace, the previous one.
    endpoint = Endpoint(
        id="e1",
        url=receiver.url,
        secret=generate_secret(),
        previous_secret=old_secret,
        previous_secret_expires=ROUND_START + timedelta(hours=12),
    )
    entry = _v1_entry(endpoint)
    entry.add_to_hass(hass)

    states = await _seen_states(hass)
    entry_key = f"{DOMAIN}.{entry.entry_id}"
    hass_storage[entry_key] = {
        "version": 1,
        "minor_version": 2,
        "key": entry_key,
        "data": {"states": states, "pending": [], "view": None},
    }
    outbox_key = f"{DOMAIN}.{entry.entry_id}.webhooks"
    body = json.dumps({"type": "live_sports.score_changed", "timestamp": "", "data": {"n": 1}})
    hass_storage[outbox_key] = {
        "version": 1,
        "minor_version": 1,
        "key": outbox_key,
        "data": {
            "messages": {
                "ev_old": {"type": "live_sports.score_changed", "body": body, "created": 0}
            },
            "queues": {
                "e1": [{"id": "msg_pending", "message": "ev_old", "attempts": 2, "next_attempt": 0}]
            },
            "stats": {"e1": {"retried": 2}},
        },
    }
    # Version 1's devices and entities belong to the entry itself.
    devices = dr.async_get(hass)
    entities = er.async_get(hass)
    old_devices = {
        team_id: devices.async_get_or_create(
            config_entry_id=entry.entry_id, identifiers={(DOMAIN, f"demo_{team_id}")}
        ).id
        for team_id in TEAMS
    }
    score = entities.async_get_or_create(
        "sensor",
        DOMAIN,
        "demo_1_team_score",
        config_entry=entry,
        device_id=old_devices["1"],
        suggested_object_id="arsenal_score",
    )
    entities.async_update_entity(score.entity_id, name="Arsenal goals")  # customizations
    devices.async_update_device(old_devices["1"], name_by_user="The Gunners")
    fired = [async_capture_events(hass, event_type) for event_type in BUS_EVENTS]

    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    assert (entry.version, entry.minor_version) == (2, 1)
    assert entry.options == {CONF_LIVE_INTERVAL: 10}  # settings only

    # Two team subentries, titled with the teams' names, each with its device.
    teams = {s.unique_id: s for s in entry.subentries.values() if s.subentry_type == "team"}
    assert set(teams) == set(TEAMS)
    coordinator = entry.runtime_data.coordinator
    assert coordinator.team_ids == tuple(TEAMS)
    for team_id, subentry in teams.items():
        assert dict(subentry.data) == {"team_id": team_id}
        assert subentry.title == coordinator.teams[team_id].name != team_id
        device = entry_device(hass, entry, f"demo_{team_id}")
        assert device is not None
        assert device.id == old_devices[team_id]  # the same device, moved
        assert device.name_by_user == ("The Gunners" if team_id == "1" else None)
        assert device_subentries(device, entry) == {subentry.subentry_id}
    moved = entities.async_get(score.entity_id)
    assert moved is not None
    assert moved.config_subentry_id == teams["1"].subentry_id
    assert (moved.id, moved.name) == (score.id, "Arsenal goals")  # moved, not created anew
    assert hass.states.get(score.entity_id) is not None

    # One endpoint subentry: the settings and current secret; the rotation is state.
    [webhook] = [s for s in entry.subentries.values() if s.subentry_type == "webhook"]
    assert webhook.unique_id == "e1"
    assert dict(webhook.data) == {
        "endpoint_id": "e1",
        "url": receiver.url,
        "event_types": list(endpoint.event_types),
        "teams": [],
        "enabled": True,
        "secret": endpoint.secret,
    }
    manager = entry.runtime_data.webhooks
    assert manager.outbox.state_of("e1")["previous_secret"] == old_secret

    # The pending delivery arrives, once, signed with both secrets.
    await settle(lambda: manager.outbox.stats_of("e1").sent == 1)
    [delivery] = receiver.deliveries
    assert delivery.id == "msg_pending"
    assert delivery.verified  # with the secret from before the rotation
    Webhook(endpoint.secret).verify(delivery.body, delivery.headers)
    assert manager.outbox.stats_of("e1").retried == 2

    # The stored game states were kept: nothing seen before is announced again.
    assert all(not events for events in fired)
    await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    kept = hass_storage[entry_key]["data"]["states"]
    assert set(kept) == set(states)
    assert all(state["seq"] == 7 for state in kept.values())
    assert all(state["since"] == states[game_id]["since"] for game_id, state in kept.items())
    assert len(receiver.deliveries) == 1


async def test_an_entry_from_a_newer_version_is_refused(hass: HomeAssistant) -> None:
    """A downgrade leaves the entry alone instead of guessing its form."""
    entry = MockConfigEntry(domain=DOMAIN, unique_id="demo", data={CONF_LEAGUE: "demo"}, version=3)
    entry.add_to_hass(hass)
    assert not await hass.config_entries.async_setup(entry.entry_id)
    assert entry.state is ConfigEntryState.MIGRATION_ERROR
    assert entry.version == 3


async def test_version_1_entry_without_endpoints(hass: HomeAssistant) -> None:
    """Teams only: no outbox is written; the league's device is kept (its diagnostics)."""
    entry = MockConfigEntry(
        domain=DOMAIN, unique_id="demo", data={CONF_LEAGUE: "demo"}, options={"teams": ["3"]}
    )
    entry.add_to_hass(hass)
    dr.async_get(hass).async_get_or_create(
        config_entry_id=entry.entry_id, identifiers={(DOMAIN, "demo_league")}
    )
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert [(s.subentry_type, s.unique_id) for s in entry.subentries.values()] == [("team", "3")]
    assert entry.options == {}
    assert entry_device(hass, entry, "demo_league") is not None  # the active provider's
    assert entry_device(hass, entry, "demo_3") is not None


async def test_a_newer_minor_version_loads(hass: HomeAssistant) -> None:
    """2.x reads as 2.1: a newer minor version only adds what 2.1 can ignore."""
    entry = league_entry("demo", ["1"])
    entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(entry, minor_version=5)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
