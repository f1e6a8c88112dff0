"""A scoring play reaches InfluxDB and a webhook receiver, with its scorer."""

from __future__ import annotations

from collections.abc import Generator

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import async_capture_events
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.live_sports.const import CONF_HISTORY
from custom_components.live_sports.events import EVENT_SCORING_PLAY
from custom_components.live_sports.models import PlayKind
from custom_components.live_sports.webhooks import Endpoint

from .conftest import league_entry, tick
from .play_script import ARSENAL, HAVERTZ, NOW, Script, goal, serve_script, setup_script_entry
from .webhook_receiver import Receiver, settle

pytestmark = pytest.mark.freeze_time(NOW)
INFLUX = "http://influx.test:8086"


@pytest.fixture
def script() -> Generator[Script]:
    """Serve the scripted board in place of the Demo league's."""
    with serve_script() as scripted:
        yield scripted


async def test_a_play_is_written_to_influxdb(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    freezer: FrozenDateTimeFactory,
    script: Script,
) -> None:
    """The play's point: its kind a tag; its id, scorer, assists and clock fields."""
    aioclient_mock.post(f"{INFLUX}/write", status=204)
    history = {"kind": "influxdb_1", "url": INFLUX, "database": "sports"}
    entry = league_entry("demo", [ARSENAL.id], options={CONF_HISTORY: history})
    await setup_script_entry(hass, entry)
    script.show(1, 0, goal(30, 1, 0, HAVERTZ, PlayKind.PENALTY_GOAL))
    await tick(hass, freezer, 6)
    await entry.runtime_data.history.writer.async_flush()
    body = "\n".join(
        data.decode() if isinstance(data, bytes) else str(data)
        for _, url, data, _ in aioclient_mock.mock_calls
        if str(url).startswith(f"{INFLUX}/write")
    )
    play = next(line for line in body.splitlines() if "event=scoring_play" in line)
    assert "play_kind=penalty_goal" in play
    assert 'scorer="Kai Havertz"' in play
    assert 'play_clock="30\'"' in play
    assert 'play_id="g30"' in play
    assert "for_followed_team=true" in play
    score = next(line for line in body.splitlines() if "event=score_changed" in line)
    assert 'play_id="g30"' in score
    await hass.config_entries.async_unload(entry.entry_id)


async def test_a_play_reaches_a_verified_webhook(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, receiver: Receiver, script: Script
) -> None:
    """An endpoint taking scoring plays gets one signed delivery per goal, with the scorer."""
    endpoint = Endpoint(
        id="e1", url=receiver.url, secret=receiver.secret, event_types=("scoring_play",)
    )
    entry = league_entry("demo", [ARSENAL.id], endpoints=(endpoint,))
    await setup_script_entry(hass, entry)
    plays = async_capture_events(hass, EVENT_SCORING_PLAY)
    script.show(2, 0, goal(11, 1, 0), goal(30, 2, 0, HAVERTZ, PlayKind.PENALTY_GOAL))
    await tick(hass, freezer, 6)
    await settle(lambda: len(receiver.deliveries) == 2)
    assert len(plays) == 2
    assert all(delivery.verified for delivery in receiver.deliveries)
    assert [d.json["type"] for d in receiver.deliveries] == ["live_sports.scoring_play"] * 2
    assert [d.json["data"]["scorer"] for d in receiver.deliveries] == [
        "Bukayo Saka",
        "Kai Havertz",
    ]
    assert receiver.deliveries[1].json["data"]["play"]["kind"] == "penalty_goal"
    await hass.config_entries.async_unload(entry.entry_id)
