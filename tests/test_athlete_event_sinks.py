"""Every athlete event type reaches every sink, through Home Assistant.

The recorded golf and racing boards are served by a local ESPN on loopback and
moved on as a tournament or a session goes (ZOZO's last round, the Memorial
from Friday to the final, an F1 sprint shoot-out). For each athlete event type
that fires, the test checks the bus event's data, the athlete's event entity
(its ``event_type``), the logbook text the integration's logbook platform
gives, the point read back from a real InfluxDB 1.x, and a delivery to a real
webhook receiver that verifies its signature.

Not every type can come from every sport: a driver's session has no rounds,
no cut and no withdrawal on ESPN's racing board (the parser gives drivers no
status), so racing fires ``place_changed``, ``took_lead``, ``lost_lead`` and
``event_finished``; golf fires all nine.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable, Iterator
import contextlib
from dataclasses import dataclass, field
from typing import Any
from unittest.mock import patch

from aiohttp import web
from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.logbook.const import (
    LOGBOOK_ENTRY_ENTITY_ID,
    LOGBOOK_ENTRY_MESSAGE,
    LOGBOOK_ENTRY_NAME,
)
from homeassistant.const import EVENT_STATE_CHANGED
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import async_capture_events
import pytest_socket

from custom_components.live_sports.const import CONF_HISTORY
from custom_components.live_sports.field_diff import FieldChangeKind
from custom_components.live_sports.field_events import FIELD_BUS_EVENTS
from custom_components.live_sports.history.schema import EVENTS_MEASUREMENT
from custom_components.live_sports.logbook import async_describe_events
from custom_components.live_sports.webhooks import Endpoint

from .conftest import league_entry, recorded, setup_entry, tick
from .servers import Server, create_database, influxd, influxql
from .test_field_diff import BRADLEY, CAMPBELL, DAVIS, FOWLER, SCHEFFLER, after_two_rounds, play
from .test_golf import MEMORIAL, ZOZO
from .test_mma_racing import F1
from .test_racing_entities import LECLERC, PEREZ, _shootout_over
from .webhook_receiver import LOOPBACK, Receiver, settle

PREFIX = "live_sports_"


@dataclass(frozen=True)
class Scenario:
    """A followed field, its boards one refresh apart, and what each refresh should fire."""

    league: str
    path: str
    followed: tuple[str, ...]
    boards: Callable[[], list[Any]]
    """The board at set-up, then one board per refresh."""
    every: float
    """Seconds to the next refresh (past the poll interval the set-up board gives)."""
    entities: dict[str, str]
    """Each athlete's event entity."""
    expected: tuple[tuple[str, str, str], ...]
    """(event type, athlete, logbook text) in the order they fire."""


def _zozo() -> list[Any]:
    zozo = recorded(f"espn/{ZOZO}")
    final = play(play(zozo, FOWLER, 18, "-14"), BRADLEY, 18, "-15")
    final["competitions"][0]["status"]["type"] |= {"name": "STATUS_FINAL", "state": "post"}
    return [zozo, play(zozo, FOWLER, 1, "-14"), final]


def _memorial() -> list[Any]:
    memorial = recorded(f"espn/{MEMORIAL}")
    return [after_two_rounds(memorial), memorial]


def _f1() -> list[Any]:
    weekend = recorded(f"espn/{F1}")
    return [weekend, _shootout_over(weekend)]


MEMORIAL_NAME = "the Memorial Tournament pres. by Workday"
SCENARIOS = [
    pytest.param(
        Scenario(
            league="pga",
            path="golf/pga",
            followed=(FOWLER, BRADLEY),
            boards=_zozo,
            every=301,
            entities={
                FOWLER: "event.rickie_fowler_golf_event",
                BRADLEY: "event.keegan_bradley_golf_event",
            },
            expected=(
                ("round_started", FOWLER, "Rickie Fowler started round 4 — 1, -14"),
                ("place_changed", FOWLER, "Rickie Fowler moved from 1 to 2, -14"),
                ("lost_lead", FOWLER, "Rickie Fowler lost the lead to Keegan Bradley — 2, -14"),
                ("round_finished", FOWLER, "Rickie Fowler finished round 4: 72 — 2, -14"),
                (
                    "event_finished",
                    FOWLER,
                    "Rickie Fowler finished 2nd at ZOZO CHAMPIONSHIP — 2, -14",
                ),
                ("round_started", BRADLEY, "Keegan Bradley started round 4 — 1, -15"),
                ("place_changed", BRADLEY, "Keegan Bradley moved from 2 to 1, -15"),
                ("took_lead", BRADLEY, "Keegan Bradley took the lead — 1, -15"),
                ("round_finished", BRADLEY, "Keegan Bradley finished round 4: 72 — 1, -15"),
                ("event_finished", BRADLEY, "Keegan Bradley won ZOZO CHAMPIONSHIP — 1, -15"),
            ),
        ),
        id="golf-zozo-last-round",
        marks=pytest.mark.freeze_time("2022-10-16T03:00:00+00:00"),
    ),
    pytest.param(
        Scenario(
            league="pga",
            path="golf/pga",
            followed=(SCHEFFLER, DAVIS, CAMPBELL),
            boards=_memorial,
            every=6 * 3600 + 1,
            entities={
                SCHEFFLER: "event.scottie_scheffler_golf_event",
                DAVIS: "event.cam_davis_golf_event",
                CAMPBELL: "event.brian_campbell_golf_event",
            },
            expected=(
                ("round_started", SCHEFFLER, "Scottie Scheffler started round 4 — 1, -10"),
                (
                    "round_finished",
                    SCHEFFLER,
                    "Scottie Scheffler finished round 4: 70 (-2) — 1, -10",
                ),
                ("cut_made", SCHEFFLER, "Scottie Scheffler made the cut — 1, -10"),
                ("event_finished", SCHEFFLER, f"Scottie Scheffler won {MEMORIAL_NAME} — 1, -10"),
                ("cut_missed", DAVIS, "Cam Davis missed the cut — +12"),
                ("event_finished", DAVIS, f"Cam Davis: {MEMORIAL_NAME} finished"),
                ("withdrew", CAMPBELL, f"Brian Campbell withdrew from {MEMORIAL_NAME}"),
                ("event_finished", CAMPBELL, f"Brian Campbell: {MEMORIAL_NAME} finished"),
            ),
        ),
        id="golf-memorial-cut-to-final",
        marks=pytest.mark.freeze_time("2025-05-30T23:00:00+00:00"),
    ),
    pytest.param(
        Scenario(
            league="f1",
            path="racing/f1",
            followed=(LECLERC, PEREZ),
            boards=_f1,
            every=11,
            entities={
                LECLERC: "event.cherles_leclerc_racing_event",
                PEREZ: "event.sergio_perez_racing_event",
            },
            expected=(
                ("place_changed", LECLERC, "Cherles Leclerc moved from 1 to 2"),
                ("lost_lead", LECLERC, "Cherles Leclerc lost the lead to Sergio Pérez — 2"),
                (
                    "event_finished",
                    LECLERC,
                    "Cherles Leclerc finished 2nd at Azerbaijan GP — SQ — 2",
                ),
                ("place_changed", PEREZ, "Sergio Pérez moved from 2 to 1"),
                ("took_lead", PEREZ, "Sergio Pérez took the lead — 1"),
                ("event_finished", PEREZ, "Sergio Pérez won Azerbaijan GP — SQ — 1"),
            ),
        ),
        id="racing-f1-sprint-shootout",
        marks=pytest.mark.freeze_time("2023-04-29T13:45:00+00:00"),
    ),
]


@dataclass
class Espn:
    """ESPN's current board of one league on loopback, served until told another."""

    board: Any = None
    port: int = 0
    _runner: web.AppRunner | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/{sport}/{league}/scoreboard", self._scoreboard)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, LOOPBACK, 0).start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _scoreboard(self, _request: web.Request) -> web.Response:
        return web.json_response(self.board)


@pytest.fixture
async def espn(socket_enabled: None) -> AsyncGenerator[Espn]:
    """A local ESPN; the current-board providers (golf, racing) are pointed at it."""
    server = Espn()
    await server.start()
    with patch("custom_components.live_sports.providers.espn.current_board.BASE_URL", server.url):
        yield server
    await server.stop()


@contextlib.contextmanager
def _sockets() -> Iterator[None]:
    pytest_socket.enable_socket()
    try:
        yield
    finally:
        pytest_socket.disable_socket(allow_unix_socket=True)


@pytest.fixture(scope="module")
def influxdb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A real InfluxDB 1.x server for this module."""
    with _sockets():
        server = influxd(tmp_path_factory.mktemp("influxdb"))
        server.start()
    yield server
    server.stop()


def _capture_in_order(hass: HomeAssistant, event_types: tuple[str, ...]) -> list[Event]:
    """Return the list the bus events of these types are added to, in the order fired."""
    fired: list[Event] = []

    @callback
    def _capture(event: Event) -> None:
        fired.append(event)

    for event_type in event_types:
        hass.bus.async_listen(event_type, _capture)
    return fired


def _describers(hass: HomeAssistant) -> dict[str, Callable[[Event], dict[str, str]]]:
    """Return the logbook platform's describe callback of each event type."""
    found: dict[str, Callable[[Event], dict[str, str]]] = {}

    def _register(_domain: str, kind: str, describe: Callable[[Event], dict[str, str]]) -> None:
        found[kind] = describe

    async_describe_events(hass, _register)
    return found


def _short(event: Event) -> str:
    """Return a bus event's type without the integration's prefix (``took_lead``)."""
    return str(event.event_type).removeprefix(PREFIX)


@pytest.mark.parametrize("scenario", SCENARIOS)
async def test_each_athlete_event_reaches_every_sink(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    espn: Espn,
    influxdb: Server,
    receiver: Receiver,
    scenario: Scenario,
    request: pytest.FixtureRequest,
) -> None:
    """Bus, event entity, logbook, InfluxDB and a verified webhook: each moment once, in order."""
    database = request.node.callspec.id.replace("-", "_")
    await hass.async_add_executor_job(create_database, influxdb, database)
    first, *later = scenario.boards()
    espn.board = first
    endpoint = Endpoint(id="e1", url=receiver.url, secret=receiver.secret)
    entry = league_entry(
        scenario.league,
        list(scenario.followed),
        endpoints=(endpoint,),
        options={CONF_HISTORY: {"kind": "influxdb_1", "url": influxdb.url, "database": database}},
    )
    await setup_entry(hass, entry)
    coordinator = entry.runtime_data.coordinator
    outbox = entry.runtime_data.webhooks.outbox
    fired = _capture_in_order(hass, FIELD_BUS_EVENTS)
    states = async_capture_events(hass, EVENT_STATE_CHANGED)

    for board in later:
        espn.board = board
        await tick(hass, freezer, scenario.every)
        # The refresh asks the local ESPN over a real socket: let it answer.
        await settle(lambda: coordinator.data.fetched_at == dt_util.utcnow())
        await hass.async_block_till_done()
        # And the webhook: a delivery still open when the clock jumps would time out.
        await settle(lambda: outbox.stats_of("e1").sent == len(fired))

    # The bus: each expected moment once, in order, about the right athlete.
    assert [(_short(event), event.data["team_id"]) for event in fired] == [
        (kind, athlete) for kind, athlete, _ in scenario.expected
    ]
    for event in fired:
        data = event.data
        assert data["change"] == _short(event)
        assert data["athlete_id"] == data["team_id"]
        assert data["entry_id"] == entry.entry_id
        assert data["league"] == scenario.league
        assert data["entity_id"] == scenario.entities[data["team_id"]]
        assert data["device_id"]
        # The event with only the athlete and the leader among its entrants.
        assert {item["id"] for item in data["event"]["entrants"]} == {
            data["team_id"],
            data["leader_id"],
        }
    event_ids = [event.data["event_id"] for event in fired]
    assert len(set(event_ids)) == len(event_ids)

    # The athlete's event entity: one new state per moment, its type and id.
    assert [
        (
            change.data["entity_id"],
            change.data["new_state"].attributes["event_type"],
            change.data["new_state"].attributes["event_id"],
        )
        for change in states
        if change.data["entity_id"] in scenario.entities.values()
    ] == [(event.data["entity_id"], _short(event), event.data["event_id"]) for event in fired]

    # The logbook: the text, filed under the athlete's event entity.
    describers = _describers(hass)
    assert [describers[str(event.event_type)](event) for event in fired] == [
        {
            LOGBOOK_ENTRY_NAME: event.data["team_name"],
            LOGBOOK_ENTRY_MESSAGE: text,
            LOGBOOK_ENTRY_ENTITY_ID: scenario.entities[athlete],
        }
        for event, (_, athlete, text) in zip(fired, scenario.expected, strict=True)
    ]

    # InfluxDB: one point per moment, read back from the server.
    history = entry.runtime_data.history
    assert history is not None
    await history.writer.async_flush()
    rows = await hass.async_add_executor_job(
        influxql,
        influxdb,
        database,
        f'SELECT "event_id", "team_id", "change", "event", "position_text" '
        f"FROM {EVENTS_MEASUREMENT}",
    )
    assert sorted((row["event_id"], row["change"], row["team_id"]) for row in rows) == sorted(
        (event.data["event_id"], event.data["change"], event.data["team_id"]) for event in fired
    )
    by_id = {row["event_id"]: row for row in rows}
    for event in fired:
        row = by_id[event.data["event_id"]]
        assert row["event"] == event.data["change"]
        assert row["position_text"] == event.data["position_text"]

    # The webhook: one delivery per moment, in order, each signature verified.
    assert outbox.pending("e1") == 0
    assert all(delivery.verified for delivery in receiver.deliveries)
    assert [
        (delivery.json["type"], delivery.json["data"]["event_id"])
        for delivery in receiver.deliveries
    ] == [(f"live_sports.{event.data['change']}", event.data["event_id"]) for event in fired]
    for delivery, event in zip(receiver.deliveries, fired, strict=True):
        assert delivery.json["data"]["team_name"] == event.data["team_name"]
        assert delivery.json["data"]["position_text"] == event.data["position_text"]
    assert await hass.config_entries.async_unload(entry.entry_id)


def test_the_scenarios_fire_every_athlete_event_type() -> None:
    """Golf's boards fire all nine types; racing's the four a session can have."""
    golf: set[str] = set()
    racing: set[str] = set()
    for param in SCENARIOS:
        (scenario,) = param.values
        assert isinstance(scenario, Scenario)
        kinds = {kind for kind, _, _ in scenario.expected}
        (racing if scenario.path.startswith("racing/") else golf).update(kinds)
    assert golf == set(FieldChangeKind)
    assert racing == {
        FieldChangeKind.PLACE_CHANGED,
        FieldChangeKind.TOOK_LEAD,
        FieldChangeKind.LOST_LEAD,
        FieldChangeKind.EVENT_FINISHED,
    }
