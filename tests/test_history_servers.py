"""Game history against real databases on loopback.

InfluxDB 1.x (Debian's influxd) and VictoriaMetrics (its /api/v2/write is the
default write path of influxdb3-python) run as real processes; InfluxDB 3's
native write path and SQL go to a local HTTP server that records what it is
sent. A Demo league game is replayed through the integration on a frozen
clock, so every point written is known and can be counted back.
"""

from __future__ import annotations

from collections.abc import Iterator
import contextlib
from datetime import UTC, datetime, timedelta
import json
import os
from pathlib import Path
import random
import socket
from typing import Any

from aiohttp import web
from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)
import pytest_socket

from custom_components.live_sports.const import CONF_HISTORY, DOMAIN
from custom_components.live_sports.diff import GameChange
from custom_components.live_sports.providers.replay import CYCLE
from custom_components.live_sports.release import Release

from .conftest import league_entry, setup_entry
from .servers import Server, create_database, influxd, influxql, victoria_metrics, vm_export

ROUND = 2_950_000
ROUND_START = datetime.fromtimestamp(CYCLE * ROUND, UTC)
ARSENAL_GAME = f"demo-{ROUND}-0"
"""Arsenal's game of the round: slot 0, from 60 s to 360 s into it."""


@contextlib.contextmanager
def _sockets() -> Iterator[None]:
    pytest_socket.enable_socket()
    try:
        yield
    finally:
        pytest_socket.disable_socket(allow_unix_socket=True)


@pytest.fixture(scope="session")
def influxdb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A real InfluxDB 1.x server for the whole session."""
    with _sockets():
        server = influxd(tmp_path_factory.mktemp("influxdb"))
        server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def victoria(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A real VictoriaMetrics server for the whole session."""
    with _sockets():
        server = victoria_metrics(tmp_path_factory.mktemp("victoria"))
        server.start()
    yield server
    server.stop()


class Recorder:
    """What the integration released: the test's own record of expected points."""

    def __init__(self) -> None:
        self.states: dict[str, list[tuple[Any, ...]]] = {}
        self.changes: list[GameChange] = []

    def __call__(self, release: Release) -> None:
        board = release.board
        stamp = int(board.fetched_at.timestamp() * 1000)
        for game in board.games:
            if game.involves("1"):
                self.states.setdefault(game.id, []).append(
                    (stamp, game.phase, game.home.score, game.away.score, game.period, game.clock)
                )
        self.changes.extend(release.changes)


async def _setup(hass: HomeAssistant, history: dict[str, Any]) -> tuple[MockConfigEntry, Recorder]:
    entry = league_entry("demo", ["1"], options={CONF_HISTORY: history})
    recorder = Recorder()
    await setup_entry(hass, entry)
    coordinator = entry.runtime_data.coordinator
    # The first release happened during set-up.
    recorder(Release(coordinator.data.fetched_at, coordinator.data))
    entry.runtime_data.releases.async_add_consumer(recorder)
    return entry, recorder


async def _play(hass: HomeAssistant, freezer: FrozenDateTimeFactory, seconds: int) -> None:
    """Let the demo run: a refresh every ~5 s, history batches every 10 s."""
    for _ in range(seconds // 6):
        freezer.tick(timedelta(seconds=6))
        async_fire_time_changed(hass)
        await hass.async_block_till_done()


def _expected_scores(recorder: Recorder, game_id: str) -> list[tuple[int, Any, Any]]:
    """A point for every released state of the game that differs from the last."""
    points: list[tuple[int, Any, Any]] = []
    last: tuple[Any, ...] | None = None
    for stamp, *state in recorder.states.get(game_id, []):
        if tuple(state) != last:
            points.append((stamp, state[1], state[2]))
            last = tuple(state)
    return points


@pytest.mark.usefixtures("socket_enabled")
@pytest.mark.freeze_time(ROUND_START)
async def test_influxdb1_game_survives_an_outage(
    hass: HomeAssistant, influxdb: Server, freezer: FrozenDateTimeFactory
) -> None:
    """A replayed game reaches InfluxDB 1.x; stopped mid-game, every point still arrives once."""
    await hass.async_add_executor_job(create_database, influxdb, "outage")
    entry, recorder = await _setup(
        hass, {"kind": "influxdb_1", "url": influxdb.url, "database": "outage"}
    )
    await _play(hass, freezer, 150)  # kick-off and most of the first half
    writer = entry.runtime_data.history.writer
    assert writer.stats.written > 0

    await hass.async_add_executor_job(influxdb.stop)
    await _play(hass, freezer, 90)  # the database is down: half-time comes and goes
    buffer = hass.states.get("sensor.demo_offline_history_buffer")
    assert int(buffer.state) > 0
    assert buffer.attributes["breaker"] == "open"
    assert buffer.attributes["retried"] >= 3

    await hass.async_add_executor_job(influxdb.start)
    await _play(hass, freezer, 330)  # back up; the game ends; the breaker half-opens
    assert writer.buffered == 0
    assert await hass.config_entries.async_unload(entry.entry_id)

    expected = _expected_scores(recorder, ARSENAL_GAME)
    rows = await hass.async_add_executor_job(
        influxql,
        influxdb,
        "outage",
        f"SELECT home_score, away_score FROM demo_scores WHERE game_id = '{ARSENAL_GAME}'",
    )
    stored = [(row["time"], row["home_score"], row["away_score"]) for row in rows]
    assert stored == [point for point in expected if point[1] is not None]
    assert rows[-1]["home_score"] is not None
    events = await hass.async_add_executor_job(
        influxql, influxdb, "outage", "SELECT event_id, change FROM live_sports_events"
    )
    assert sorted(row["event_id"] for row in events) == sorted(
        change.event_id for change in recorder.changes
    )
    assert {row["change"] for row in events} >= {"game_started", "break_started", "game_ended"}
    assert writer.stats.dropped == 0


@pytest.mark.usefixtures("socket_enabled")
@pytest.mark.freeze_time(ROUND_START)
async def test_influxdb1_history_actions(
    hass: HomeAssistant, influxdb: Server, freezer: FrozenDateTimeFactory
) -> None:
    """get_team_history and get_game_timeline read back what was written."""
    await hass.async_add_executor_job(create_database, influxdb, "actions")
    entry, recorder = await _setup(
        hass, {"kind": "influxdb_1", "url": influxdb.url, "database": "actions"}
    )
    await _play(hass, freezer, 2 * CYCLE)  # this round's game and the next
    await entry.runtime_data.history.writer.async_flush()

    history = await hass.services.async_call(
        DOMAIN,
        "get_team_history",
        {"config_entry_id": entry.entry_id, "team": "ARS", "season": ROUND_START.year},
        blocking=True,
        return_response=True,
    )
    games = {game["game_id"]: game for game in history["games"]}
    assert ARSENAL_GAME in games
    final = recorder.states[ARSENAL_GAME][-1]
    assert (games[ARSENAL_GAME]["home_score"], games[ARSENAL_GAME]["away_score"]) == final[2:4]
    assert history["wins"] + history["losses"] + history["ties"] == len(history["games"])
    # The last round's final (on the board at set-up), this round's and the next.
    assert [game["game_id"] for game in history["games"]] == [
        f"demo-{ROUND - 1}-0",
        ARSENAL_GAME,
        f"demo-{ROUND + 1}-0",
    ]

    timeline = await hass.services.async_call(
        DOMAIN,
        "get_game_timeline",
        {"config_entry_id": entry.entry_id, "game_id": ARSENAL_GAME},
        blocking=True,
        return_response=True,
    )
    scores = [(point["home_score"], point["away_score"]) for point in timeline["timeline"]]
    expected = []
    for _, home, away in _expected_scores(recorder, ARSENAL_GAME):
        if not expected or expected[-1] != (home, away):
            expected.append((home, away))
    assert scores[: len(expected)] == expected
    assert timeline["timeline"][-1]["status"] == "final"


@pytest.mark.usefixtures("socket_enabled")
@pytest.mark.freeze_time(ROUND_START)
async def test_influxdb3_python_v2_path_into_victoria_metrics(
    hass: HomeAssistant, victoria: Server, freezer: FrozenDateTimeFactory
) -> None:
    """influxdb3-python's default /api/v2/write path, read back from VictoriaMetrics."""
    entry, recorder = await _setup(
        hass,
        {
            "kind": "influxdb_2",
            "url": victoria.url,
            "database": "live",
            "org": "home",
            "token": "vm-token",
        },
    )
    await _play(hass, freezer, 400)
    assert await hass.config_entries.async_unload(entry.entry_id)
    series = await hass.async_add_executor_job(
        vm_export, victoria, f'{{__name__="demo_scores_home_score",game_id="{ARSENAL_GAME}"}}'
    )
    assert len(series) >= 1
    samples = sorted(
        (stamp, value)
        for item in series
        for stamp, value in zip(item["timestamps"], item["values"], strict=True)  # type: ignore[call-overload]
    )
    expected = [
        (stamp, home)
        for stamp, home, _ in _expected_scores(recorder, ARSENAL_GAME)
        if home is not None
    ]
    assert samples == expected
    assert series[0]["metric"]["status"] in {"live", "break", "final"}  # type: ignore[index]


def _loopback_with_port_80_free() -> str:
    """Return a loopback address (127.0.0.0/8) whose port 80 is free."""
    rng = random.Random()  # noqa: S311 - addresses to try, not a secret
    for _ in range(50):
        host = f"127.{rng.randint(1, 254)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind((host, 80))
            except OSError:
                continue
        return host
    raise RuntimeError("no loopback address with port 80 free")


@pytest.fixture
def victoria_on_port_80(tmp_path: Path, socket_enabled: None) -> Iterator[Server]:
    """A real VictoriaMetrics on http's default port, on a loopback address of its own.

    So a URL typed without a port can name it. Binding port 80 needs root (as
    on the development machines and CI).
    """
    unprivileged = Path("/proc/sys/net/ipv4/ip_unprivileged_port_start")
    if os.geteuid() != 0 and (not unprivileged.exists() or int(unprivileged.read_text()) > 80):
        pytest.skip("binding port 80 needs root")
    host = _loopback_with_port_80_free()
    pytest_socket.socket_allow_hosts(["127.0.0.1", host], allow_unix_socket=True)
    try:
        server = victoria_metrics(tmp_path, host=host, port=80)
        server.start()
        yield server
        server.stop()
    finally:
        pytest_socket.socket_allow_hosts(["127.0.0.1"], allow_unix_socket=True)


@pytest.mark.usefixtures("socket_enabled")
@pytest.mark.freeze_time(ROUND_START)
async def test_a_url_without_port_is_written_where_it_was_checked(
    hass: HomeAssistant, victoria_on_port_80: Server, freezer: FrozenDateTimeFactory
) -> None:
    """``http://host`` typed in the options: checked on port 80, and written on port 80.

    The InfluxDB client alone would take 443 for a URL without a port: the
    check passed, then every write failed. The flow saves the URL with its
    scheme's port spelled out, and both the check and the client use it.
    """
    typed = f"http://{victoria_on_port_80.host}"
    entry = league_entry("demo", ["1"])
    await setup_entry(hass, entry)
    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "history"}
    )
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"kind": "influxdb_2"}
    )
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        {"url": typed, "database": "live", "org": "home", "token": "vm-token"},
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options[CONF_HISTORY]["url"] == f"{typed}:80"
    await hass.async_block_till_done()  # reloaded with history on
    history = entry.runtime_data.history
    assert history is not None
    recorder = Recorder()
    coordinator = entry.runtime_data.coordinator
    recorder(Release(coordinator.data.fetched_at, coordinator.data))
    entry.runtime_data.releases.async_add_consumer(recorder)

    await _play(hass, freezer, 400)
    await history.writer.async_flush()
    assert history.writer.stats.written > 0
    assert history.writer.buffered == 0
    assert await hass.config_entries.async_unload(entry.entry_id)
    series = await hass.async_add_executor_job(
        vm_export,
        victoria_on_port_80,
        f'{{__name__="demo_scores_home_score",game_id="{ARSENAL_GAME}"}}',
    )
    samples = sorted(
        (stamp, value)
        for item in series
        for stamp, value in zip(item["timestamps"], item["values"], strict=True)  # type: ignore[call-overload]
    )
    expected = [
        (stamp, home)
        for stamp, home, _ in _expected_scores(recorder, ARSENAL_GAME)
        if home is not None
    ]
    assert expected
    assert samples == expected


class FakeInfluxDB3:
    """A local HTTP server answering like InfluxDB 3, recording what it gets."""

    def __init__(self) -> None:
        self.writes: list[dict[str, Any]] = []
        self.queries: list[dict[str, Any]] = []
        self.rows: list[dict[str, Any]] = []
        self.app = web.Application()
        self.app.router.add_post("/api/v3/write_lp", self._write)
        self.app.router.add_post("/api/v3/query_sql", self._query)
        self.app.router.add_get("/api/v3/configure/database", self._databases)
        self.runner = web.AppRunner(self.app)
        self.url = ""

    async def start(self) -> None:
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"

    async def _write(self, request: web.Request) -> web.Response:
        self.writes.append(
            {
                "path": request.path,
                "query": dict(request.query),
                "authorization": request.headers.get("Authorization"),
                "lines": (await request.text()).splitlines(),
            }
        )
        return web.Response(status=204)

    async def _query(self, request: web.Request) -> web.Response:
        self.queries.append(
            {**await request.json(), "authorization": request.headers.get("Authorization")}
        )
        return web.json_response(self.rows)

    async def _databases(self, request: web.Request) -> web.Response:
        return web.json_response([{"iox::database": "live"}])


@pytest.mark.usefixtures("socket_enabled")
@pytest.mark.freeze_time(ROUND_START)
async def test_influxdb3_native_write_and_sql(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """InfluxDB 3: /api/v3/write_lp with the token and database, SQL for the actions."""
    server = FakeInfluxDB3()
    await server.start()
    try:
        entry, recorder = await _setup(
            hass, {"kind": "influxdb_3", "url": server.url, "database": "live", "token": "s3cr3t"}
        )
        await _play(hass, freezer, 200)
        await entry.runtime_data.history.writer.async_flush()
        assert server.writes
        first = server.writes[0]
        # The native endpoint, with the database and millisecond precision.
        assert first["path"] == "/api/v3/write_lp"
        assert first["query"]["db"] == "live"
        assert first["query"]["precision"] == "millisecond"
        assert first["authorization"] == "Bearer s3cr3t"
        lines = [line for write in server.writes for line in write["lines"]]
        score_lines = [
            line
            for line in lines
            if line.startswith("demo_scores,") and f"game_id={ARSENAL_GAME}" in line
        ]
        assert len(score_lines) == len(_expected_scores(recorder, ARSENAL_GAME))
        assert any(line.startswith("live_sports_events,") for line in lines)

        server.rows = [
            {
                "game_id": "g1",
                "home": "ARS",
                "away": "LIV",
                "home_id": "1",
                "away_id": "2",
                "home_score": 2,
                "away_score": 1,
                "time": "2026-10-04T15:00:00",
            },
            {
                "game_id": "g2",
                "home": "CHE",
                "away": "ARS",
                "home_id": "4",
                "away_id": "1",
                "home_score": 3,
                "away_score": 0,
                "time": "2026-10-11T15:00:00",
            },
            {
                "game_id": "g3",
                "home": "ARS",
                "away": "TOT",
                "home_id": "1",
                "away_id": "5",
                "home_score": 1,
                "away_score": 1,
                "time": "2026-10-18T15:00:00",
            },
        ]
        history = await hass.services.async_call(
            DOMAIN,
            "get_team_history",
            {"config_entry_id": entry.entry_id, "team": "Arsenal", "season": 2026},
            blocking=True,
            return_response=True,
        )
        sql = server.queries[-1]
        assert sql["db"] == "live"
        assert sql["authorization"] == "Bearer s3cr3t"
        assert "FROM demo_scores" in sql["q"]
        assert "season = '2026'" in sql["q"]
        assert "home_id = '1'" in sql["q"]
        assert [game["result"] for game in history["games"]] == ["win", "loss", "tie"]
        assert history["record"] == "1-1-1"
        assert json.dumps(history)  # JSON-serializable response
    finally:
        await server.runner.cleanup()
