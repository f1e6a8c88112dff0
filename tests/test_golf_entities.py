"""Following golfers through Home Assistant: entities, events, logbook, history, webhooks.

A PGA TOUR entry follows Rickie Fowler and Keegan Bradley through ZOZO's last
round (the derived recording, then the boards after their holes), and a pair
at the Zurich Classic; an LPGA entry follows a player before the field is out.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import async_capture_events
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker
from standardwebhooks import Webhook

from custom_components.live_sports.const import CONF_HISTORY
from custom_components.live_sports.events import describe
from custom_components.live_sports.webhooks import Endpoint
from custom_components.live_sports.webhooks.signer import generate_secret

from .conftest import ESPN, league_entry, recorded, setup_entry, tick
from .test_field_diff import BRADLEY, CAMPBELL, DAVIS, FOWLER, SCHEFFLER, after_two_rounds, play
from .test_golf import MEMORIAL, SHOPRITE, ZOZO, ZURICH
from .webhook_receiver import settle

ZOZO_URL = f"{ESPN}/golf/pga/scoreboard"
HOOK = "https://receiver.test/hook"
pytestmark = pytest.mark.freeze_time("2022-10-16T03:00:00+00:00")


def serve(
    aioclient_mock: AiohttpClientMocker,
    url: str,
    payload: Any,
    delivered: list[tuple[bytes, dict[str, str]]] | None = None,
) -> None:
    """Answer the tour's board with this payload from now on.

    The webhook deliveries seen so far are added to `delivered` first: clearing
    the mock's answers clears the calls it recorded too.
    """
    if delivered is not None:
        delivered.extend(_hooks(aioclient_mock))
    aioclient_mock.clear_requests()
    aioclient_mock.get(url, json=payload)
    aioclient_mock.post("http://influx.test:8086/query", json={"results": [{}]})
    aioclient_mock.post("http://influx.test:8086/write", status=204)
    aioclient_mock.post(HOOK, status=204)


def state(hass: HomeAssistant, entity_id: str) -> Any:
    """Return an entity's state object (it must exist)."""
    found = hass.states.get(entity_id)
    assert found is not None, entity_id
    return found


async def test_a_golfer_through_a_round_in_progress(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Fowler tees off in the lead, is caught and passed; each moment reaches every sink."""
    zozo = recorded(f"espn/{ZOZO}")
    delivered: list[tuple[bytes, dict[str, str]]] = []
    serve(aioclient_mock, ZOZO_URL, zozo)
    secret = generate_secret()
    endpoint = Endpoint(id="e1", url=HOOK, secret=secret, teams=(FOWLER,))
    entry = league_entry(
        "pga",
        [FOWLER, BRADLEY],
        endpoints=(endpoint,),
        options={
            CONF_HISTORY: {
                "kind": "influxdb_1",
                "url": "http://influx.test:8086",
                "database": "golf",
            }
        },
    )
    await setup_entry(hass, entry)

    assert state(hass, "sensor.rickie_fowler_status").state == "between_rounds"
    position = state(hass, "sensor.rickie_fowler_position")
    assert position.state == "1"
    assert position.attributes["position"] == 1
    assert position.attributes["field_size"] == 78
    score = state(hass, "sensor.rickie_fowler_score_to_par")
    assert score.state == "-14"
    assert (score.attributes["thru"], score.attributes["rounds"]) == ("F", [67, 63, 66])
    assert state(hass, "sensor.rickie_fowler_leader").state == "Rickie Fowler"
    assert state(hass, "sensor.rickie_fowler_tournament").state == "ZOZO CHAMPIONSHIP"
    assert state(hass, "binary_sensor.rickie_fowler_playing").state == STATE_OFF
    assert state(hass, "sensor.keegan_bradley_position").state == "2"
    coordinator = entry.runtime_data.coordinator
    assert coordinator.update_interval == timedelta(minutes=5)  # under way, not on the course

    started = async_capture_events(hass, "live_sports_round_started")
    moved = async_capture_events(hass, "live_sports_place_changed")
    lost = async_capture_events(hass, "live_sports_lost_lead")
    took = async_capture_events(hass, "live_sports_took_lead")

    serve(aioclient_mock, ZOZO_URL, play(zozo, FOWLER, 1, "-14"), delivered)
    await tick(hass, freezer, 301)
    assert state(hass, "sensor.rickie_fowler_status").state == "in_play"
    assert state(hass, "binary_sensor.rickie_fowler_playing").state == STATE_ON
    assert state(hass, "sensor.rickie_fowler_score_to_par").attributes["thru"] == "1"
    assert coordinator.update_interval == timedelta(seconds=60)  # a followed player plays
    assert [event.data["team_id"] for event in started] == [FOWLER]
    assert started[0].data["round"] == 4
    event_entity = state(hass, "event.rickie_fowler_golf_event")
    assert event_entity.attributes["event_type"] == "round_started"
    assert event_entity.attributes["event_id"] == started[0].data["event_id"]

    serve(
        aioclient_mock, ZOZO_URL, play(play(zozo, FOWLER, 2, "-14"), BRADLEY, 3, "-15"), delivered
    )
    await tick(hass, freezer, 61)
    assert state(hass, "sensor.rickie_fowler_position").state == "2"
    assert state(hass, "sensor.keegan_bradley_position").state == "1"
    assert state(hass, "sensor.rickie_fowler_leader").state == "Keegan Bradley"
    assert [event.data["team_id"] for event in lost] == [FOWLER]
    assert [event.data["team_id"] for event in took] == [BRADLEY]
    assert {event.data["team_id"] for event in moved} == {FOWLER, BRADLEY}
    assert describe(lost[0].data) == "Rickie Fowler lost the lead to Keegan Bradley — 2, -14"
    # The bus event names the athlete's event entity and device: the logbook files it there.
    assert lost[0].data["entity_id"] == "event.rickie_fowler_golf_event"
    assert lost[0].data["device_id"]

    # Nothing repeats on an unchanged board, nor after a reload.
    await tick(hass, freezer, 61)
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    await tick(hass, freezer, 61)
    assert (len(started), len(lost), len(took)) == (2, 1, 1)

    # History: one point per change in the events measurement.
    history = entry.runtime_data.history
    assert history is not None
    await history.writer.async_flush()
    written = "\n".join(
        data.decode() if isinstance(data, bytes) else str(data)
        for method, url, data, _ in aioclient_mock.mock_calls
        if method == "POST" and "/write" in str(url)
    )
    assert "live_sports_events,change=lost_lead" in written
    assert f"team_id={FOWLER}" in written

    # The webhook endpoint following Fowler got his moments, signed.
    # The webhook endpoint following Fowler got his moments, signed: each verifies.
    await settle(lambda: len(delivered) + len(_hooks(aioclient_mock)) >= 3)
    deliveries = [*delivered, *_hooks(aioclient_mock)]
    verifier = Webhook(secret)
    bodies = [verifier.verify(data, headers) for data, headers in deliveries]
    kinds = [body["type"] for body in bodies]
    assert kinds == [
        "live_sports.round_started",
        "live_sports.place_changed",
        "live_sports.lost_lead",
    ]
    assert {body["data"]["team_id"] for body in bodies} == {FOWLER}  # not Bradley's


def _hooks(aioclient_mock: AiohttpClientMocker) -> list[tuple[bytes, dict[str, str]]]:
    """Return the webhook deliveries posted so far (body, headers)."""
    return [
        (data, dict(headers))
        for method, url, data, headers in aioclient_mock.mock_calls
        if method == "POST" and str(url) == HOOK
    ]


async def test_a_pair_at_a_team_event(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """At the Zurich Classic the followed pair is on the course, tied second."""
    url = f"{ESPN}/golf/pga/scoreboard"
    serve(aioclient_mock, url, recorded(f"espn/{ZURICH}"))
    entry = league_entry("pga", ["132548"])
    await setup_entry(hass, entry)
    assert state(hass, "sensor.reitan_ventura_status").state == "in_play"
    assert state(hass, "sensor.reitan_ventura_position").state == "T2"
    assert state(hass, "sensor.reitan_ventura_score_to_par").attributes["thru"] == "9"
    assert state(hass, "sensor.reitan_ventura_leader").state == "Fitzpatrick/Fitzpatrick"


async def test_before_the_field_is_published(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """LPGA two days out: the event and its start, awaiting the entry list; never not found."""
    serve(aioclient_mock, f"{ESPN}/golf/lpga/scoreboard", recorded(f"espn/{SHOPRITE}"))
    entry = league_entry("lpga", ["9999"])
    await setup_entry(hass, entry)
    # Followed before this week's field: the device keeps the name it was followed by.
    assert state(hass, "sensor.9999_status").state == "awaiting_entry_list"
    assert state(hass, "sensor.9999_tournament").state == "ShopRite LPGA Classic pres. by Acer"
    assert state(hass, "sensor.9999_next_tee_time").state == "2025-06-06T04:00:00+00:00"
    registry = er.async_get(hass)
    tracker = registry.async_get("sensor.9999_team_tracker")
    assert tracker is not None
    assert tracker.disabled_by is er.RegistryEntryDisabler.INTEGRATION


async def test_team_tracker_of_a_golfer(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    entity_registry_enabled_by_default: None,
) -> None:
    """Enabled, the card sensor shows ha-teamtracker's golf shape."""
    serve(aioclient_mock, ZOZO_URL, recorded(f"espn/{ZOZO}"))
    await setup_entry(hass, league_entry("pga", [FOWLER]))
    card = state(hass, "sensor.rickie_fowler_team_tracker")
    assert card.state == "IN"
    assert (card.attributes["team_rank"], card.attributes["team_score"]) == ("1", "-14")
    assert card.attributes["opponent_long_name"] == "Keegan Bradley"
    assert card.attributes["last_play"].startswith("1. R. Fowler (-14), 2. K. Bradley (-13)")


async def test_the_cut_a_withdrawal_and_the_end_reach_every_golfer(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, freezer: FrozenDateTimeFactory
) -> None:
    """From Friday at the Memorial to the final: the cut, a withdrawal, the rounds, the win."""
    freezer.move_to("2025-05-30T23:00:00+00:00")
    url = f"{ESPN}/golf/pga/scoreboard"
    memorial = recorded(f"espn/{MEMORIAL}")
    serve(aioclient_mock, url, after_two_rounds(memorial))
    entry = league_entry("pga", [SCHEFFLER, DAVIS, CAMPBELL])
    await setup_entry(hass, entry)
    assert state(hass, "sensor.cam_davis_status").state == "between_rounds"
    fired = {
        kind: async_capture_events(hass, f"live_sports_{kind}")
        for kind in ("cut_made", "cut_missed", "withdrew", "round_finished", "event_finished")
    }
    serve(aioclient_mock, url, memorial)
    await tick(hass, freezer, 6 * 3600 + 1)
    assert [event.data["team_id"] for event in fired["cut_made"]] == [SCHEFFLER]
    assert [event.data["team_id"] for event in fired["cut_missed"]] == [DAVIS]
    assert [event.data["team_id"] for event in fired["withdrew"]] == [CAMPBELL]
    assert [event.data["team_id"] for event in fired["event_finished"]] == [
        SCHEFFLER,
        DAVIS,
        CAMPBELL,
    ]
    assert describe(fired["event_finished"][0].data) == (
        "Scottie Scheffler won the Memorial Tournament pres. by Workday — 1, -10"
    )
    assert describe(fired["cut_missed"][0].data) == "Cam Davis missed the cut — +12"
    assert state(hass, "sensor.scottie_scheffler_status").state == "won"
    assert state(hass, "sensor.cam_davis_status").state == "cut"
    assert state(hass, "sensor.cam_davis_position").state == "CUT"
    assert state(hass, "sensor.brian_campbell_status").state == "withdrawn"
    event_entity = state(hass, "event.cam_davis_golf_event")
    assert event_entity.attributes["event_type"] == "event_finished"
