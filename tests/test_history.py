"""The history writer, backends, options and actions, without a real server."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from aiohttp import web
from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import EVENT_HOMEASSISTANT_STOP
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.storage import Store
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.live_sports.const import CONF_HISTORY, DOMAIN
from custom_components.live_sports.history.backends import (
    HistoryAuthError,
    HistoryConfig,
    HistoryConnectionError,
    HistoryDatabaseError,
    HistoryError,
    HistoryRejectedError,
    InfluxDB1Backend,
    InfluxDBClientBackend,
    Kind,
)
from custom_components.live_sports.history.queries import (
    UnsafeIdentifierError,
    game_timeline,
    game_timeline_query,
    team_history,
    team_history_query,
)
from custom_components.live_sports.history.schema import release_lines
from custom_components.live_sports.history.writer import (
    BreakerState,
    CircuitBreaker,
    HistoryWriter,
)
from custom_components.live_sports.models import Phase, Scoreboard, Team

from .conftest import entry_device, league_entry, make_game, tick

NOW = datetime(2026, 10, 4, 18, 0, tzinfo=UTC)
V1 = HistoryConfig(kind=Kind.INFLUXDB_1, url="http://influx.test:8086", database="sports")


class FakeBackend:
    """A backend whose answers the test scripts."""

    def __init__(self) -> None:
        self.config = V1
        self.batches: list[list[str]] = []
        self.failures: list[Exception] = []
        self.closed = False

    async def async_write(self, lines: Sequence[str]) -> None:
        if self.failures:
            raise self.failures.pop(0)
        self.batches.append(list(lines))

    async def async_query(self, query: str) -> list[dict[str, Any]]:
        return []

    async def async_check(self) -> None:
        return None

    def close(self) -> None:
        self.closed = True


def _writer(hass: HomeAssistant, backend: FakeBackend, **kwargs: Any) -> HistoryWriter:
    return HistoryWriter(hass, backend, Store(hass, 1, "live_sports.test.history"), **kwargs)  # type: ignore[arg-type]


def test_breaker_opens_after_three_failures_then_half_opens() -> None:
    """Closed → open after 3 failures → half-open after 60 s → closed on success."""
    breaker = CircuitBreaker()
    for _ in range(2):
        breaker.failure(NOW)
        assert breaker.state(NOW) is BreakerState.CLOSED
    assert breaker.retry_in(NOW, 0.5) == timedelta(seconds=2)
    breaker.failure(NOW)
    assert breaker.state(NOW) is BreakerState.OPEN
    assert breaker.retry_in(NOW + timedelta(seconds=20), 0) == timedelta(seconds=40)
    assert breaker.state(NOW + timedelta(seconds=60)) is BreakerState.HALF_OPEN
    breaker.failure(NOW + timedelta(seconds=60))  # the trial failed: open again
    assert breaker.state(NOW + timedelta(seconds=61)) is BreakerState.OPEN
    breaker.success()
    assert breaker.state(NOW + timedelta(seconds=61)) is BreakerState.CLOSED


@pytest.mark.freeze_time(NOW)
async def test_batches_by_size_and_by_time(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A full batch goes at once (with what queued behind it); fewer wait for 10 s."""
    backend = FakeBackend()
    writer = _writer(hass, backend)
    await writer.async_start()
    writer.add(f"m v={i}i {i}" for i in range(150))
    await hass.async_block_till_done()
    assert [len(batch) for batch in backend.batches] == [100, 50]
    writer.add(f"m v={i}i {i}" for i in range(30))
    await hass.async_block_till_done()
    assert len(backend.batches) == 2
    await tick(hass, freezer, 11)
    assert [len(batch) for batch in backend.batches] == [100, 50, 30]
    assert writer.stats.written == 180
    await writer.async_stop()
    assert backend.closed


@pytest.mark.freeze_time(NOW)
async def test_retries_then_breaker_and_nothing_lost(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Failures keep points buffered, back off, open the breaker, then all arrive in order."""
    backend = FakeBackend()
    backend.failures = [HistoryConnectionError("down")] * 4
    writer = _writer(hass, backend)
    await writer.async_start()
    writer.add([f"m v={i}i {i}" for i in range(5)])
    await tick(hass, freezer, 11)  # first try fails: retry in ~1 s
    assert writer.buffered == 5
    await tick(hass, freezer, 2)  # second fails: retry in ~2 s
    await tick(hass, freezer, 3)  # third fails: breaker opens for 60 s
    assert writer.breaker.state(datetime.now(UTC)) is BreakerState.OPEN
    writer.add(["m v=5i 5"])
    await tick(hass, freezer, 30)
    assert backend.batches == []
    await tick(hass, freezer, 31)  # half-open trial fails again
    assert backend.batches == []
    await tick(hass, freezer, 61)
    assert backend.batches == [[f"m v={i}i {i}" for i in range(6)]]
    assert writer.stats.retried == 4
    assert writer.as_dict()["breaker"] == "closed"
    assert writer.as_dict()["last_error"] == "down"
    await writer.async_stop()


@pytest.mark.freeze_time(NOW)
async def test_retry_after_from_the_database_is_honoured(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, freezer: FrozenDateTimeFactory
) -> None:
    """A 429 with Retry-After: 30 waits 30 s, not the 1 s backoff."""
    aioclient_mock.post("http://influx.test:8086/write", status=429, headers={"Retry-After": "30"})
    backend = InfluxDB1Backend(async_get_clientsession(hass), V1)
    with pytest.raises(HistoryConnectionError) as caught:
        await backend.async_write(["m v=1i 1"])
    assert caught.value.retry_after == timedelta(seconds=30)

    fake = FakeBackend()
    fake.failures = [caught.value]
    writer = _writer(hass, fake)
    await writer.async_start()
    writer.add(["m v=1i 1"])
    await tick(hass, freezer, 11)  # the batch timer: refused, asked to wait 30 s
    await tick(hass, freezer, 20)
    assert fake.batches == []
    await tick(hass, freezer, 11)
    assert fake.batches == [["m v=1i 1"]]
    await writer.async_stop()


@pytest.mark.freeze_time(NOW)
async def test_rejected_batch_is_dropped_and_counted(
    hass: HomeAssistant, caplog: pytest.LogCaptureFixture
) -> None:
    """Data the database refuses is not retried forever."""
    backend = FakeBackend()
    backend.failures = [HistoryRejectedError("HTTP 400: bad line")]
    writer = _writer(hass, backend)
    await writer.async_start()
    writer.add(["bad line"])
    assert await writer.async_flush()
    assert writer.stats.failed == 1
    assert writer.buffered == 0
    assert "refused 1 history points" in caplog.text
    await writer.async_stop()


@pytest.mark.freeze_time(NOW)
async def test_bounded_buffer_drops_oldest_and_logs_once(
    hass: HomeAssistant, caplog: pytest.LogCaptureFixture
) -> None:
    """Past the bound the oldest points go, counted, with one warning."""
    backend = FakeBackend()
    backend.failures = [HistoryConnectionError("down")] * 10
    writer = _writer(hass, backend, max_buffer=10, batch_size=1000)
    await writer.async_start()
    writer.add([f"p{i}" for i in range(8)])
    writer.add([f"p{i}" for i in range(8, 14)])
    writer.add(["p14"])
    assert writer.buffered == 10
    assert writer.stats.dropped == 5
    assert caplog.text.count("History buffer full") == 1
    backend.failures = []
    await writer.async_flush()
    assert backend.batches == [[f"p{i}" for i in range(5, 15)]]
    await writer.async_stop()


@pytest.mark.freeze_time(NOW)
async def test_buffer_stored_on_stop_and_written_after_restart(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """With the database down at stop, points are stored and written at the next start."""
    backend = FakeBackend()
    backend.failures = [HistoryConnectionError("down")] * 3
    writer = _writer(hass, backend)
    await writer.async_start()
    writer.add(["a 1", "b 2"])
    await writer.async_flush()
    await writer.async_flush()
    await writer.async_flush()  # three failures: the breaker is open
    await writer.async_stop()
    assert hass_storage["live_sports.test.history"]["data"] == {"lines": ["a 1", "b 2"]}

    again = FakeBackend()
    restarted = _writer(hass, again)
    await restarted.async_start()
    assert restarted.buffered == 2
    await restarted.async_flush()
    assert again.batches == [["a 1", "b 2"]]
    await restarted.async_stop()
    await hass.async_block_till_done()
    assert "live_sports.test.history" not in hass_storage


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"status": 401, "text": "unauthorized"}, HistoryAuthError),
        ({"status": 404, "text": "database not found: x"}, HistoryDatabaseError),
        ({"status": 400, "text": "partial write: bad"}, HistoryRejectedError),
        ({"status": 503, "text": "busy"}, HistoryConnectionError),
        ({"exc": TimeoutError()}, HistoryConnectionError),
    ],
)
async def test_influxdb1_write_errors(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    kwargs: dict[str, Any],
    error: type[Exception],
) -> None:
    """HTTP answers become typed history errors."""
    aioclient_mock.post("http://influx.test:8086/write", **kwargs)
    backend = InfluxDB1Backend(async_get_clientsession(hass), V1)
    with pytest.raises(error):
        await backend.async_write(["m v=1i 1"])


async def test_influxdb1_credentials_and_check(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """User and password go as basic auth, not a token; the check finds (or misses) the database."""
    config = HistoryConfig.parse(
        {
            "kind": "influxdb_1",
            "url": "http://influx.test:8086/",
            "database": "sports",
            "username": "u",
            "password": "p",
        }
    )
    aioclient_mock.post(
        "http://influx.test:8086/query",
        json={
            "results": [
                {
                    "series": [
                        {
                            "name": "databases",
                            "columns": ["name"],
                            "values": [["_internal"], ["sports"]],
                        }
                    ]
                }
            ]
        },
    )
    backend = InfluxDB1Backend(async_get_clientsession(hass), config)
    await backend.async_check()
    # RFC 7617: base64 of "u:p".
    assert aioclient_mock.mock_calls[-1][3] == {"Authorization": "Basic dTpw"}
    aioclient_mock.clear_requests()
    aioclient_mock.post(
        "http://influx.test:8086/query", json={"results": [{"error": "database not found"}]}
    )
    with pytest.raises(HistoryDatabaseError):
        await backend.async_check()
    aioclient_mock.clear_requests()
    aioclient_mock.post("http://influx.test:8086/query", json={"results": [{}]})
    with pytest.raises(HistoryDatabaseError):
        await backend.async_check()
    aioclient_mock.clear_requests()
    aioclient_mock.post("http://influx.test:8086/query", text="<html>")
    with pytest.raises(HistoryConnectionError):
        await backend.async_query("SHOW DATABASES")
    aioclient_mock.clear_requests()
    aioclient_mock.post("http://influx.test:8086/query", status=502, content=b"\xff bad gateway")
    with pytest.raises(HistoryConnectionError, match="HTTP 502: \ufffd bad gateway"):
        await backend.async_query("SHOW DATABASES")
    backend.close()


async def test_v2_and_v3_checks(hass: HomeAssistant, aioclient_mock: AiohttpClientMocker) -> None:
    """InfluxDB 2 lists buckets (a server without that API passes); 3 lists databases."""
    session = async_get_clientsession(hass)

    async def executor(job: Any) -> None:
        job()

    v2 = HistoryConfig(
        kind=Kind.INFLUXDB_2, url="http://v2.test:8086", database="b", org="o", token="t"
    )
    aioclient_mock.get("http://v2.test:8086/api/v2/buckets", json={"buckets": [{"name": "b"}]})
    backend = InfluxDBClientBackend(session, v2, executor)
    await backend.async_check()
    assert aioclient_mock.mock_calls[-1][3]["Authorization"] == "Token t"
    aioclient_mock.clear_requests()
    aioclient_mock.get("http://v2.test:8086/api/v2/buckets", json={"buckets": []})
    with pytest.raises(HistoryDatabaseError):
        await backend.async_check()
    aioclient_mock.clear_requests()
    aioclient_mock.get("http://v2.test:8086/api/v2/buckets", status=404, text="404 page not found")
    await backend.async_check()
    aioclient_mock.clear_requests()
    aioclient_mock.get("http://v2.test:8086/api/v2/buckets", status=401, text="unauthorized")
    with pytest.raises(HistoryAuthError):
        await backend.async_check()
    aioclient_mock.post("http://v2.test:8086/query", json={"results": [{"series": []}]})
    assert await backend.async_query("SELECT 1") == []
    backend.close()

    v3 = HistoryConfig(kind=Kind.INFLUXDB_3, url="http://v3.test:8181", database="live", token="t3")
    aioclient_mock.get(
        "http://v3.test:8181/api/v3/configure/database", json=[{"iox::database": "other"}]
    )
    backend = InfluxDBClientBackend(session, v3, executor)
    with pytest.raises(HistoryDatabaseError):
        await backend.async_check()
    assert aioclient_mock.mock_calls[-1][3]["Authorization"] == "Bearer t3"
    backend.close()


@pytest.mark.usefixtures("socket_enabled")
async def test_client_write_errors_are_typed(hass: HomeAssistant) -> None:
    """An unreachable InfluxDB 2/3 is a connection error, raised from the executor."""
    v3 = HistoryConfig(kind=Kind.INFLUXDB_3, url="http://127.0.0.1:9", database="live", token="t")
    backend = InfluxDBClientBackend(async_get_clientsession(hass), v3, hass.async_add_executor_job)
    with pytest.raises(HistoryConnectionError):
        await backend.async_write(["m v=1i 1"])
    backend.close()


@pytest.mark.usefixtures("socket_enabled")
@pytest.mark.parametrize(
    ("status", "headers", "error", "retry_after"),
    [
        (429, {"Retry-After": "7"}, HistoryConnectionError, timedelta(seconds=7)),
        (503, {}, HistoryConnectionError, None),
        (401, {}, HistoryAuthError, None),
    ],
)
async def test_client_http_errors_carry_retry_after(
    hass: HomeAssistant,
    status: int,
    headers: dict[str, str],
    error: type[HistoryError],
    retry_after: timedelta | None,
) -> None:
    """An HTTP error from InfluxDB 3's write path is typed, with the wait it asks for."""

    async def _refuse(_request: web.Request) -> web.Response:
        return web.Response(status=status, headers=headers, text="no")

    app = web.Application()
    app.router.add_post("/api/v3/write_lp", _refuse)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}"
    v3 = HistoryConfig(kind=Kind.INFLUXDB_3, url=url, database="live", token="t")
    backend = InfluxDBClientBackend(async_get_clientsession(hass), v3, hass.async_add_executor_job)
    try:
        with pytest.raises(error) as caught:
            await backend.async_write(["m v=1i 1"])
        assert caught.value.retry_after == retry_after
    finally:
        backend.close()
        await runner.cleanup()


def test_queries_and_shapes() -> None:
    """Queries refuse unsafe ids; rows become games, records and timelines."""
    assert 'FROM "nfl_scores"' in team_history_query("influxql", "nfl", "1", 2026)
    assert "FROM nfl_scores" in game_timeline_query("sql", "nfl", "401")
    with pytest.raises(UnsafeIdentifierError):
        team_history_query("sql", "nfl", "1' OR '1'='1", 2026)
    with pytest.raises(UnsafeIdentifierError):
        game_timeline_query("influxql", "nfl", "x; DROP")
    rows = [
        {
            "time": 2000,
            "game_id": "a",
            "home": "BUF",
            "away": "NE",
            "home_id": "1",
            "away_id": "2",
            "home_score": 20,
            "away_score": 10,
        },
        {
            "time": 1000,
            "game_id": "b",
            "home": "NE",
            "away": "BUF",
            "home_id": "2",
            "away_id": "1",
            "home_score": 7,
            "away_score": 7,
        },
        {
            "time": 3000,
            "game_id": "a",
            "home": "BUF",
            "away": "NE",
            "home_id": "1",
            "away_id": "2",
            "home_score": 20,
            "away_score": 13,
        },
    ]
    history = team_history(rows, "1")
    assert [(g["game_id"], g["result"], g["away_score"]) for g in history["games"]] == [
        ("b", "tie", 7),
        ("a", "win", 13),
    ]
    assert history["record"] == "1-0-1"
    assert team_history(rows[:1], "2")["record"] == "0-1"
    timeline = game_timeline(
        [
            {
                "time": "2026-10-04T18:00:00",
                "home_score": 0,
                "away_score": 0,
                "status": "live",
                "period": 1,
                "clock": "1'",
            },
            {
                "time": "2026-10-04T18:01:00",
                "home_score": 0,
                "away_score": 0,
                "status": "live",
                "period": 1,
                "clock": "2'",
            },
            {
                "time": "2026-10-04T18:02:00",
                "home_score": 1,
                "away_score": 0,
                "status": "live",
                "period": 1,
                "clock": "3'",
            },
            {
                "time": "2026-10-04T19:50:00",
                "home_score": 1,
                "away_score": 0,
                "status": "final",
                "period": 2,
                "clock": "",
            },
        ]
    )
    assert [(p["home_score"], p["status"]) for p in timeline] == [
        (0, "live"),
        (1, "live"),
        (1, "final"),
    ]
    assert timeline[0]["time"] == "2026-10-04T18:00:00+00:00"
    assert timeline[-1]["clock"] is None


def _demo_entry(history: dict[str, Any] | None = None) -> MockConfigEntry:
    return league_entry("demo", ["1"], options={CONF_HISTORY: history} if history else None)


async def _options_to_history(hass: HomeAssistant, entry: MockConfigEntry) -> dict[str, Any]:
    result = await hass.config_entries.options.async_init(entry.entry_id)
    return await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "history"}
    )


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"status": 401, "text": "x"}, "invalid_auth"),
        ({"json": {"results": [{}]}}, "unknown_database"),
        ({"exc": TimeoutError()}, "cannot_connect_history"),
    ],
)
async def test_options_history_errors_then_success(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, kwargs: dict[str, Any], error: str
) -> None:
    """The connection is tested before saving; errors show in the form, a retry saves."""
    entry = _demo_entry()
    entry.add_to_hass(hass)
    result = await _options_to_history(hass, entry)
    assert result["step_id"] == "history"
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"kind": "influxdb_1"}
    )
    assert result["step_id"] == "history_server"
    aioclient_mock.post("http://influx.test:8086/query", **kwargs)
    user_input = {
        "url": "http://influx.test:8086",
        "database": "sports",
        "username": "u",
        "password": "p",
    }
    result = await hass.config_entries.options.async_configure(result["flow_id"], user_input)
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": error}
    aioclient_mock.clear_requests()
    aioclient_mock.post(
        "http://influx.test:8086/query",
        json={"results": [{"series": [{"columns": ["name"], "values": [["sports"]]}]}]},
    )
    result = await hass.config_entries.options.async_configure(result["flow_id"], user_input)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options[CONF_HISTORY] == {"kind": "influxdb_1", **user_input}


async def test_options_history_v3_and_off(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """InfluxDB 3 asks for a token; turning history off removes its settings."""
    entry = _demo_entry({"kind": "influxdb_1", "url": "http://old:8086", "database": "d"})
    entry.add_to_hass(hass)
    result = await _options_to_history(hass, entry)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"kind": "influxdb_3"}
    )
    assert {str(key) for key in result["data_schema"].schema} == {"url", "database", "token"}
    aioclient_mock.get(
        "http://v3.test:8181/api/v3/configure/database", json=[{"iox::database": "live"}]
    )
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"url": "http://v3.test:8181", "database": "live", "token": "t"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options[CONF_HISTORY]["kind"] == "influxdb_3"

    result = await _options_to_history(hass, entry)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"kind": "influxdb_2"}
    )
    assert {str(key) for key in result["data_schema"].schema} == {"url", "database", "org", "token"}

    result = await _options_to_history(hass, entry)
    result = await hass.config_entries.options.async_configure(result["flow_id"], {"kind": "off"})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert CONF_HISTORY not in entry.options


async def test_actions_errors(hass: HomeAssistant, aioclient_mock: AiohttpClientMocker) -> None:
    """Clear errors: unknown entry, history off, bad id, database down."""
    plain = _demo_entry()
    plain.add_to_hass(hass)
    assert await hass.config_entries.async_setup(plain.entry_id)
    await hass.async_block_till_done()

    async def call(service: str, data: dict[str, Any]) -> Any:
        return await hass.services.async_call(
            DOMAIN, service, data, blocking=True, return_response=True
        )

    with pytest.raises(ServiceValidationError, match="No Live Sports entry"):
        await call("get_game_timeline", {"config_entry_id": "nope", "game_id": "1"})
    with pytest.raises(ServiceValidationError, match="not set up"):
        await call(
            "get_team_history", {"config_entry_id": plain.entry_id, "team": "ARS", "season": 2026}
        )
    assert await hass.config_entries.async_unload(plain.entry_id)
    with pytest.raises(ServiceValidationError, match="not loaded"):
        await call("get_game_timeline", {"config_entry_id": plain.entry_id, "game_id": "1"})
    await hass.config_entries.async_remove(plain.entry_id)

    entry = _demo_entry(
        {"kind": "influxdb_1", "url": "http://influx.test:8086", "database": "sports"}
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    with pytest.raises(ServiceValidationError, match="not a valid"):
        await call("get_game_timeline", {"config_entry_id": entry.entry_id, "game_id": "1' OR 1=1"})
    aioclient_mock.post("http://influx.test:8086/query", exc=TimeoutError())
    with pytest.raises(HomeAssistantError, match="did not answer"):
        await call(
            "get_team_history",
            {"config_entry_id": entry.entry_id, "team": "Arsenal", "season": 2026},
        )


async def test_diagnostics_redact_history_secrets(
    hass: HomeAssistant, hass_client: ClientSessionGenerator, aioclient_mock: AiohttpClientMocker
) -> None:
    """Tokens, passwords and the URL never reach diagnostics; writer stats do."""
    entry = _demo_entry(
        {
            "kind": "influxdb_2",
            "url": "http://user:pw@v2.test:8086",
            "database": "b",
            "org": "o",
            "token": "tok-123",
        }
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, entry)
    text = str(diagnostics)
    assert "tok-123" not in text
    assert "pw@" not in text
    assert diagnostics["entry"]["options"][CONF_HISTORY]["token"] == "**REDACTED**"
    assert diagnostics["history"]["kind"] == "influxdb_2"
    assert diagnostics["history"]["breaker"] == "closed"
    assert hass.states.get("sensor.demo_offline_history_buffer") is not None
    await hass.config_entries.async_unload(entry.entry_id)


async def test_home_assistant_stop_stores_the_buffer(
    hass: HomeAssistant, hass_storage: dict[str, Any], aioclient_mock: AiohttpClientMocker
) -> None:
    """With the database down when Home Assistant stops, points are kept for the restart."""
    aioclient_mock.post("http://influx.test:8086/write", exc=TimeoutError())
    entry = _demo_entry(
        {"kind": "influxdb_1", "url": "http://influx.test:8086", "database": "sports"}
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    writer = entry.runtime_data.history.writer
    await writer.async_flush()
    assert writer.buffered > 0
    buffered = writer.buffered
    hass.bus.async_fire(EVENT_HOMEASSISTANT_STOP)
    await hass.async_block_till_done()
    assert len(hass_storage[f"{DOMAIN}.{entry.entry_id}.history"]["data"]["lines"]) == buffered
    assert await hass.config_entries.async_unload(entry.entry_id)
    # Deleting the entry forgets the points it could not write.
    await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()
    assert f"{DOMAIN}.{entry.entry_id}.history" not in hass_storage


async def test_options_history_same_kind_keeps_the_connection(hass: HomeAssistant) -> None:
    """Reopening history with the kind it has suggests the saved connection."""
    saved = {"kind": "influxdb_1", "url": "http://old:8086", "database": "d"}
    entry = _demo_entry(saved)
    entry.add_to_hass(hass)
    result = await _options_to_history(hass, entry)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"kind": "influxdb_1"}
    )
    suggested = {
        str(key): key.description["suggested_value"]
        for key in result["data_schema"].schema
        if key.description and "suggested_value" in key.description
    }
    assert suggested == {"url": "http://old:8086", "database": "d"}


async def test_league_and_team_devices_are_made_by_the_provider(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """The league's device (history buffer) and a team's: provider, league, services."""
    entry = _demo_entry({"kind": "influxdb_1", "url": "http://v1.test:8086", "database": "d"})
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    for identifier in ("demo_league", "demo_1"):
        device = entry_device(hass, entry, identifier)
        assert device is not None, identifier
        assert (device.manufacturer, device.model) == ("Demo", "Demo (offline)")
        assert device.entry_type is dr.DeviceEntryType.SERVICE
    await hass.config_entries.async_unload(entry.entry_id)


async def test_turning_history_off_removes_its_buffer_sensor(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, entity_registry: er.EntityRegistry
) -> None:
    """History off: the buffer sensor goes, not left behind as "unavailable"."""
    entry = _demo_entry({"kind": "influxdb_1", "url": "http://influx.test:8086", "database": "d"})
    aioclient_mock.post("http://influx.test:8086/write", status=204)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert hass.states.get("sensor.demo_offline_history_buffer") is not None

    result = await _options_to_history(hass, entry)
    result = await hass.config_entries.options.async_configure(result["flow_id"], {"kind": "off"})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()

    assert entry.runtime_data.history is None  # reloaded without it
    assert hass.states.get("sensor.demo_offline_history_buffer") is None
    assert entity_registry.async_get("sensor.demo_offline_history_buffer") is None
    assert hass.states.get("sensor.demo_offline_active_provider") is not None
    await hass.config_entries.async_unload(entry.entry_id)


@pytest.mark.parametrize(
    ("typed", "used"),
    [
        ("http://influx.test", "http://influx.test:80"),
        ("https://influx.test/", "https://influx.test:443"),
        ("HTTPS://influx.test:8443", "https://influx.test:8443"),
        ("http://[::1]", "http://[::1]:80"),
        (" http://influx.test:8086/ ", "http://influx.test:8086"),
    ],
)
async def test_the_client_writes_to_the_url_that_is_checked(
    hass: HomeAssistant, typed: str, used: str
) -> None:
    """A URL without a port means its scheme's port, for the check and the client alike.

    The InfluxDB client alone takes 443 for any URL without a port, even http.
    """
    for kind in ("influxdb_2", "influxdb_3"):
        config = HistoryConfig.parse({"kind": kind, "url": typed, "database": "b", "token": "t"})
        assert config.url == used
        backend = InfluxDBClientBackend(
            async_get_clientsession(hass), config, hass.async_add_executor_job
        )
        try:
            # What the client writes to (made in the executor at the first write).
            client = await hass.async_add_executor_job(backend._connect)
            assert client.base_url == used
        finally:
            backend.close()


async def test_options_refuse_a_url_path_for_influxdb_2_and_3(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """A reverse proxy's path would be checked but not written to: the form says so."""
    entry = _demo_entry()
    entry.add_to_hass(hass)
    result = await _options_to_history(hass, entry)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"kind": "influxdb_2"}
    )
    typed = {"url": "https://proxy.test/influx", "database": "b", "org": "o", "token": "t"}
    result = await hass.config_entries.options.async_configure(result["flow_id"], typed)
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"url": "url_with_path"}
    assert aioclient_mock.call_count == 0

    aioclient_mock.get("https://proxy.test:443/api/v2/buckets", json={"buckets": [{"name": "b"}]})
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {**typed, "url": "https://proxy.test"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options[CONF_HISTORY]["url"] == "https://proxy.test:443"


def test_written_states_stay_bounded_over_a_season() -> None:
    """A fan's history for a season: each game's final written once, old games forgotten.

    Yesterday's final is still on today's board (until ESPN's day rolls over):
    it gets no second point; games no board has shown for days are forgotten.
    """
    atl = Team(id="1", abbreviation="ATL", name="Atlanta Falcons", short_name="Falcons")
    written: dict[str, Any] = {}
    finals = 0
    start = datetime(2026, 9, 1, 17, tzinfo=UTC)
    for day in range(200):
        now = start + timedelta(days=day)
        opponent = Team(id=f"o{day % 31}", abbreviation="OPP", name="Opp", short_name="Opp")
        games = tuple(
            make_game(
                Phase.FINAL,
                atl,
                opponent,
                start=now - timedelta(days=back),
                game_id=f"g{day - back}",
                home_score=20,
                away_score=(day - back) % 7,
            )
            for back in (0, 1)
            if day - back >= 0
        )
        for hour in range(0, 24, 6):  # refreshes of the day
            board = Scoreboard("nfl", now + timedelta(hours=hour), games)
            lines = release_lines(board, [], ["1"], written)
            finals += sum(line.startswith("nfl_scores") for line in lines)
    assert finals == 200  # one point per game's final, never again
    assert len(written) <= 10
