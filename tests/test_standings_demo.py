"""The Demo league's table moves with its results, and its events reach every sink.

A followed club plays a round: the table is asked for every two minutes and
at once after its final (the Demo's table follows its results), the club
moves, and the position event goes to the bus, the team's event entity, the
logbook's text, and a webhook receiver (verified deliveries, the bus event's
data); history gets a point of the day per followed team and one per table
event. The club and its places come from the Demo's own table.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import EVENT_STATE_CHANGED
from homeassistant.core import Event, HomeAssistant
from homeassistant.util import slugify
import pytest
from pytest_homeassistant_custom_component.common import async_capture_events

from custom_components.live_sports.events import describe
from custom_components.live_sports.history.table_schema import table_lines
from custom_components.live_sports.providers.replay import CYCLE
from custom_components.live_sports.providers.replay_table import demo_standings
from custom_components.live_sports.standings import StandingsRow
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

ROUND_START = datetime.fromtimestamp(CYCLE * 2_950_343, UTC)
"""Where the search for a round that moves a club starts (Spurs, fifth, win and go top in it)."""
TABLE_EVENTS = (EVENT_POSITION_CHANGED, EVENT_ZONE_CHANGED, EVENT_CLINCHED)


def _played(hass: HomeAssistant) -> int:
    table = hass.states.get("sensor.demo_offline_standings").attributes["table"]
    return sum(row["played"] for row in table)


def _mover() -> tuple[datetime, StandingsRow, StandingsRow]:
    """Return the first round from ROUND_START in which a club's place changes, and its lines.

    Taken from the Demo's own table, so the test holds whatever its goals are
    (a round of draws moves no one).
    """
    for index in range(50):
        start = ROUND_START + timedelta(seconds=index * CYCLE)
        first = {row.team.id: row for row in demo_standings(start).groups[0].rows}
        for row in demo_standings(start + timedelta(seconds=CYCLE - 5)).groups[0].rows:
            if row.rank != first[row.team.id].rank:
                return start, first[row.team.id], row
    raise AssertionError("no club moved in 50 Demo rounds")


@pytest.mark.freeze_time(ROUND_START)
async def test_demo_table_moves_with_its_results(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, events: list[Event], receiver: Receiver
) -> None:
    """A round later the table counts its games, the club moved, and every sink heard of it."""
    round_start, start, _ = _mover()
    freezer.move_to(round_start)
    club = start.team
    endpoint = Endpoint(
        id="e1",
        url=receiver.url,
        secret=receiver.secret,
        event_types=("position_changed", "zone_changed", "clinched"),
    )
    entry = league_entry("demo", [club.id], endpoints=(endpoint,))
    await setup_entry(hass, entry)
    # The webhook workers run for good: let the table's task finish by a tick.
    await tick(hass, freezer, 1)
    sensor = f"sensor.{slugify(club.name)}_league_position"
    assert hass.states.get(sensor).state == str(start.rank)
    played = _played(hass)

    entity_events = async_capture_events(hass, EVENT_STATE_CHANGED)
    for _ in range(CYCLE // 5):  # until the table moved the club
        await tick(hass, freezer, 5)
        if any(event.event_type == EVENT_POSITION_CHANGED for event in events):
            break

    assert _played(hass) > played
    moves = [event for event in events if event.event_type in TABLE_EVENTS]
    position = next(event for event in moves if event.event_type == EVENT_POSITION_CHANGED)
    before, after = position.data["from"], position.data["to"]
    assert before == start.rank
    assert hass.states.get(sensor).state == str(after)
    verb = "up" if after < before else "down"
    assert describe(position.data) == (
        f"{club.short_name} moved {verb} from {before} to {after} in Demo (offline)"
    )
    entity_types = {
        event.data["new_state"].attributes.get("event_type")
        for event in entity_events
        if event.data["entity_id"] == f"event.{slugify(club.name)}_game_event"
    }
    assert "position_changed" in entity_types

    manager = entry.runtime_data.webhooks
    await settle(lambda: manager.outbox.stats_of("e1").sent == len(moves))
    assert [delivery.json["data"]["event_id"] for delivery in receiver.deliveries] == [
        event.data["event_id"] for event in moves
    ]
    assert all(delivery.verified for delivery in receiver.deliveries)
    assert "live_sports.position_changed" in [d.json["type"] for d in receiver.deliveries]


def test_history_points_of_a_table() -> None:
    """A point of the day per followed team (midnight UTC), one per table change."""
    round_start, start, end = _mover()
    club = start.team
    first = demo_standings(round_start)
    later = demo_standings(round_start + timedelta(seconds=CYCLE - 5))
    _, places = table_diff({}, first, [club.id])
    changes, _ = table_diff(places, later, [club.id])
    lines = table_lines(later, changes, [club.id, "not-in-the-table"])
    day = int(later.fetched_at.replace(hour=0, minute=0, second=0).timestamp() * 1000)
    head = f"demo_standings,group=Demo\\ (offline),team={club.abbreviation},team_id={club.id} "
    assert lines[0].startswith(head)
    assert f"rank={end.rank}i" in lines[0]
    assert f"points={end.points:g}" in lines[0]
    assert lines[0].endswith(f" {day}")
    assert [line.split(",")[0] for line in lines[1:]] == ["live_sports_events"] * len(changes)
    assert "event=position_changed" in lines[1]
    assert f"previous_rank={start.rank}i" in lines[1]
