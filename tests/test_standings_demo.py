"""The Demo league's table moves with its results, and its events reach every sink.

Tottenham, followed, play a round: the table is asked for every two minutes
and at once after Spurs' final (the Demo's table follows its results), Spurs
move, and the position and zone events go to the bus, the team's event
entity, the logbook's text, and a webhook receiver (verified deliveries, the
bus event's data); history gets a point of the day per followed team and one
per table event.
"""

from __future__ import annotations

from datetime import UTC, datetime

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import EVENT_STATE_CHANGED
from homeassistant.core import Event, HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import async_capture_events

from custom_components.live_sports.events import describe
from custom_components.live_sports.history.table_schema import table_lines
from custom_components.live_sports.providers.replay import CYCLE
from custom_components.live_sports.providers.replay_table import demo_standings
from custom_components.live_sports.table_diff import table_diff
from custom_components.live_sports.table_events import (
    EVENT_CLINCHED,
    EVENT_POSITION_CHANGED,
    EVENT_ZONE_CHANGED,
)
from custom_components.live_sports.webhooks import Endpoint

from .conftest import league_entry, setup_entry, tick
from .webhook_receiver import Receiver, settle

pytestmark = pytest.mark.standings

ROUND_START = datetime.fromtimestamp(CYCLE * 2_950_000, UTC)
SPURS = "5"
TABLE_EVENTS = (EVENT_POSITION_CHANGED, EVENT_ZONE_CHANGED, EVENT_CLINCHED)


def _played(hass: HomeAssistant) -> int:
    table = hass.states.get("sensor.demo_offline_standings").attributes["table"]
    return sum(row["played"] for row in table)


@pytest.mark.freeze_time(ROUND_START)
async def test_demo_table_moves_with_its_results(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, events: list[Event], receiver: Receiver
) -> None:
    """A round later the table counts its games, Spurs moved, and every sink heard of it."""
    endpoint = Endpoint(
        id="e1",
        url=receiver.url,
        secret=receiver.secret,
        event_types=("position_changed", "zone_changed", "clinched"),
    )
    entry = league_entry("demo", [SPURS], endpoints=(endpoint,))
    await setup_entry(hass, entry)
    # The webhook workers run for good: let the table's task finish by a tick.
    await tick(hass, freezer, 1)
    before = hass.states.get("sensor.tottenham_hotspur_league_position")
    played = _played(hass)
    assert before.state == "5"
    assert before.attributes["zone_above"] == "Champions League"

    entity_events = async_capture_events(hass, EVENT_STATE_CHANGED)
    for _ in range(CYCLE // 5):  # until Spurs' game is over and the table moved
        await tick(hass, freezer, 5)
        if any(event.event_type in TABLE_EVENTS for event in events):
            break

    assert _played(hass) > played
    after = hass.states.get("sensor.tottenham_hotspur_league_position")
    moves = [event for event in events if event.event_type in TABLE_EVENTS]
    assert moves, "Spurs' win moved them"
    position = next(event for event in moves if event.event_type == EVENT_POSITION_CHANGED)
    assert position.data["from"] == 5
    assert str(moves[-1].data["rank"]) == after.state
    assert describe(position.data) == (
        f"Spurs moved up from 5 to {position.data['to']} in Demo (offline)"
    )
    zone = next(event for event in moves if event.event_type == EVENT_ZONE_CHANGED)
    assert (zone.data["from"], zone.data["to"]) == (None, "Champions League")
    assert describe(zone.data) == "Spurs moved into Champions League"
    entity_types = {
        event.data["new_state"].attributes.get("event_type")
        for event in entity_events
        if event.data["entity_id"] == "event.tottenham_hotspur_game_event"
    }
    assert {"position_changed", "zone_changed"} <= entity_types

    manager = entry.runtime_data.webhooks
    await settle(lambda: manager.outbox.stats_of("e1").sent == len(moves))
    assert [delivery.json["data"]["event_id"] for delivery in receiver.deliveries] == [
        event.data["event_id"] for event in moves
    ]
    assert all(delivery.verified for delivery in receiver.deliveries)
    assert receiver.deliveries[0].json["type"] == "live_sports.position_changed"


def test_history_points_of_a_table() -> None:
    """A point of the day per followed team (midnight UTC), one per table change."""
    first = demo_standings(ROUND_START)
    later = demo_standings(ROUND_START.replace(minute=ROUND_START.minute + 6))
    _, places = table_diff({}, first, [SPURS])
    changes, _ = table_diff(places, later, [SPURS])
    lines = table_lines(later, changes, [SPURS, "not-in-the-table"])
    day = int(ROUND_START.replace(hour=0, minute=0, second=0).timestamp() * 1000)
    assert lines[0].startswith("demo_standings,group=Demo\\ (offline),team=TOT,team_id=5 ")
    assert "rank=1i" in lines[0]
    assert "points=10" in lines[0]
    assert lines[0].endswith(f" {day}")
    assert [line.split(",")[0] for line in lines[1:]] == ["live_sports_events"] * len(changes)
    assert "event=position_changed" in lines[1]
    assert "previous_rank=5i" in lines[1]
