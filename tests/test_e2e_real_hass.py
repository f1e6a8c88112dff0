"""End to end: a real Home Assistant process, onboarded and driven over HTTP.

The test starts ``python -m homeassistant`` on a free loopback port with this
repository's integration linked into a throwaway config directory, creates a
user through the onboarding API, adds the offline Demo league through the
config-flow REST API exactly as the UI would, and then watches the followed
teams' score sensors until one of them moves.

It needs nothing beyond ``requirements_test.txt``: the ``frontend`` integration
(which Home Assistant always loads) is pointed at an empty development
directory, so the ``home-assistant-frontend`` package is not needed, and
``--skip-pip`` keeps Home Assistant from ever calling pip.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterator, Mapping
import contextlib
from dataclasses import dataclass, replace
import json
import os
from pathlib import Path
import shutil
import signal
import socket
import subprocess
import sys
import time
from typing import Any, Final

import aiohttp
import pytest

REPO_ROOT: Final = Path(__file__).resolve().parents[1]
INTEGRATION_DIR: Final = REPO_ROOT / "custom_components" / "live_sports"
DOMAIN: Final = "live_sports"
LOOPBACK: Final = "127.0.0.1"

STARTUP_TIMEOUT: Final = 120.0
"""Seconds Home Assistant gets to answer HTTP (a few seconds on a warm machine)."""
ENTITIES_TIMEOUT: Final = 30.0
SCORE_TIMEOUT: Final = 150.0
"""Seconds to wait for a followed team's score to move.

The Demo league scores a goal every half minute or so in each live game, but
there are stretches with no game live (between rounds, at half-time). Following
all eight clubs, a score sensor changes within 120 s from any starting moment
of its 140-minute schedule (simulated at 5 s polling); following only four, it
takes over 145 s from about 4 % of starting moments, which would make the test
flaky.
"""
SCORE_POLL: Final = 2.0
STOP_TIMEOUT: Final = 30.0
LOG_TAIL_LINES: Final = 80

SENSOR_KEYS: Final = frozenset(
    {
        "game_status",
        "team_score",
        "opponent_score",
        "opponent",
        "game_start",
        "last_result",
    }
)

type Json = Any


@dataclass(frozen=True, slots=True)
class RealHass:
    """A running Home Assistant process and how to reach it."""

    base_url: str
    config_dir: Path
    process: subprocess.Popen[bytes]
    console_log: Path
    startup_seconds: float

    @property
    def client_id(self) -> str:
        """Return the OAuth client id the frontend would use."""
        return f"{self.base_url}/"

    def log_tail(self, lines: int = LOG_TAIL_LINES) -> str:
        """Return the end of home-assistant.log (or of the console output)."""
        for path in (self.config_dir / "home-assistant.log", self.console_log):
            with contextlib.suppress(OSError):
                text = path.read_text(encoding="utf-8", errors="replace")
                if text:
                    tail = "\n".join(text.splitlines()[-lines:])
                    return f"--- tail of {path.name} ---\n{tail}"
        return "--- no Home Assistant log was written ---"


def _run[T](coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine on a private event loop.

    The test session's own loop belongs to pytest-homeassistant-custom-component,
    so the HTTP client gets a loop of its own that is closed before returning.
    """
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(coro)
    finally:
        loop.run_until_complete(loop.shutdown_default_executor())
        loop.close()


def _free_loopback_port() -> int:
    """Return a TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        port: int = sock.getsockname()[1]
        return port


def _write_config(config_dir: Path, port: int, no_frontend_dir: Path) -> None:
    """Write a configuration that loads only what the test talks to.

    Home Assistant always sets up ``frontend`` (recovery mode starts when it
    fails); its only heavy part is the ``hass_frontend`` package, which is not
    installed from requirements_test.txt. A ``development_repo`` makes it serve
    files from that folder instead, and only the UI pages would need them.
    """
    config_dir.mkdir(parents=True)
    no_frontend_dir.mkdir(parents=True)
    (config_dir / "configuration.yaml").write_text(
        f"""\
homeassistant:
  name: live_sports e2e
  time_zone: UTC
  unit_system: metric
  latitude: 51.5
  longitude: -0.1
  elevation: 0
  currency: EUR
  country: GB
http:
  server_host: {LOOPBACK}
  server_port: {port}
frontend:
  development_repo: {json.dumps(str(no_frontend_dir))}
api:
config:
onboarding:
websocket_api:
logger:
  default: info
  logs:
    custom_components.{DOMAIN}: debug
""",
        encoding="utf-8",
    )
    custom_components = config_dir / "custom_components"
    custom_components.mkdir()
    try:
        (custom_components / DOMAIN).symlink_to(INTEGRATION_DIR, target_is_directory=True)
    except OSError:
        shutil.copytree(INTEGRATION_DIR, custom_components / DOMAIN)


def _subprocess_env() -> dict[str, str]:
    """Return the environment for Home Assistant, without coverage hooks.

    Under ``pytest --cov``, pytest-cov's .pth hook would measure the subprocess
    too, without the project's coverage settings (it runs elsewhere), and its
    statement data then cannot be combined with the session's branch data. The
    end-to-end test checks behaviour; coverage comes from the unit tests.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("COV_CORE_") and key != "COVERAGE_PROCESS_START"
    }
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop Home Assistant: SIGTERM, a grace period, then SIGKILL."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_TIMEOUT)


async def _wait_until_up(process: subprocess.Popen[bytes], base_url: str, deadline: float) -> None:
    """Wait until the onboarding API answers (HTTP starts after the setup)."""
    timeout = aiohttp.ClientTimeout(total=5)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        while True:
            if process.poll() is not None:
                raise AssertionError(f"Home Assistant exited with code {process.returncode}")
            with contextlib.suppress(aiohttp.ClientError, TimeoutError):
                async with session.get(f"{base_url}/api/onboarding") as resp:
                    if resp.status == 200:
                        return
            if time.monotonic() > deadline:
                raise AssertionError(f"Home Assistant did not answer within {STARTUP_TIMEOUT} s")
            await asyncio.sleep(0.25)


@pytest.fixture
def real_hass(tmp_path: Path, socket_enabled: None) -> Iterator[RealHass]:
    """Start a real Home Assistant on a free loopback port; always stop it.

    ``socket_enabled`` (pytest-socket) lifts the block on creating sockets that
    pytest-homeassistant-custom-component installs for every test; its
    connect() guard still allows 127.0.0.1 only, which is all this test uses.
    """
    assert (INTEGRATION_DIR / "manifest.json").is_file(), INTEGRATION_DIR
    port = _free_loopback_port()
    base_url = f"http://{LOOPBACK}:{port}"
    config_dir = tmp_path / "config"
    _write_config(config_dir, port, tmp_path / "no_frontend")
    console_log = tmp_path / "hass-console.log"
    started = time.monotonic()
    with console_log.open("wb") as console:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "homeassistant",
                "--config",
                str(config_dir),
                "--skip-pip",
                "--log-no-color",
            ],
            stdin=subprocess.DEVNULL,
            stdout=console,
            stderr=subprocess.STDOUT,
            cwd=tmp_path,
            env=_subprocess_env(),
        )
    server = RealHass(base_url, config_dir, process, console_log, 0.0)
    try:
        try:
            _run(_wait_until_up(process, base_url, started + STARTUP_TIMEOUT))
        except AssertionError as err:
            raise AssertionError(f"{err}\n{server.log_tail()}") from err
        yield replace(server, startup_seconds=time.monotonic() - started)
    finally:
        stopping = time.monotonic()
        _stop(process)
        print(  # noqa: T201
            f"Home Assistant exited with {process.returncode} "
            f"{time.monotonic() - stopping:.1f} s after SIGTERM"
        )


class Api:
    """The few REST and websocket calls the frontend makes, as a user would."""

    def __init__(self, session: aiohttp.ClientSession, server: RealHass) -> None:
        """Initialize with an open session; onboard() logs in."""
        self._session = session
        self._server = server
        self._token = ""

    async def request(
        self,
        method: str,
        path: str,
        payload: Mapping[str, Any] | None = None,
        *,
        expect: int = 200,
    ) -> Json:
        """Send one JSON request and return the decoded JSON answer."""
        headers = {"Authorization": f"Bearer {self._token}"} if self._token else {}
        async with self._session.request(
            method, f"{self._server.base_url}{path}", json=payload, headers=headers
        ) as resp:
            text = await resp.text()
            assert resp.status == expect, f"{method} {path}: {resp.status} {text}"
            return json.loads(text) if text else None

    async def onboard(self) -> None:
        """Create the owner through onboarding and log in with its auth code."""
        steps = await self.request("GET", "/api/onboarding")
        assert {"step": "user", "done": False} in steps, steps
        created = await self.request(
            "POST",
            "/api/onboarding/users",
            {
                "client_id": self._server.client_id,
                "name": "E2E Owner",
                "username": "e2e",
                "password": "e2e-password-not-secret",
                "language": "en",
            },
        )
        async with self._session.post(
            f"{self._server.base_url}/auth/token",
            data={
                "grant_type": "authorization_code",
                "code": created["auth_code"],
                "client_id": self._server.client_id,
            },
        ) as resp:
            tokens = await resp.json()
            assert resp.status == 200, tokens
        self._token = tokens["access_token"]
        # core_config is left out on purpose: finishing it starts onboarding
        # flows of met, radio_browser and google_translate, which want the
        # internet (and packages that are not installed).
        await self.request("POST", "/api/onboarding/analytics", {})
        await self.request(
            "POST",
            "/api/onboarding/integration",
            {
                "client_id": self._server.client_id,
                "redirect_uri": f"{self._server.base_url}/?auth_callback=1",
            },
        )
        done = {
            step["step"] for step in await self.request("GET", "/api/onboarding") if step["done"]
        }
        assert {"user", "analytics", "integration"} <= done, done

    async def websocket(self, command: Mapping[str, Any]) -> Json:
        """Send one websocket command on a fresh connection; return its result."""
        async with self._session.ws_connect(f"{self._server.base_url}/api/websocket") as ws:
            assert (await ws.receive_json())["type"] == "auth_required"
            await ws.send_json({"type": "auth", "access_token": self._token})
            auth = await ws.receive_json()
            assert auth["type"] == "auth_ok", auth
            await ws.send_json({"id": 1, **command})
            while True:
                message = await ws.receive_json()
                if message.get("id") == 1 and message.get("type") == "result":
                    break
        assert message["success"], message
        return message["result"]

    async def states(self) -> dict[str, str]:
        """Return every entity's state by entity id."""
        return {
            state["entity_id"]: state["state"] for state in await self.request("GET", "/api/states")
        }


def _field(result: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    """Return a field of a flow form's serialized data_schema."""
    for field in result.get("data_schema") or []:
        if field.get("name") == name:
            return dict(field)
    raise AssertionError(f"no field {name!r} in form {result}")


def _option_values(field: Mapping[str, Any]) -> list[str]:
    """Return the values a select field offers, whichever way it is serialized.

    A SelectSelector serializes to ``{"selector": {"select": {"options": [...]}}}``
    with options as ``{"value", "label"}`` dicts or plain strings; the older
    ``cv.multi_select`` serializes to ``{"type": "multi_select", "options":
    {value: label}}`` and ``vol.In`` to ``{"type": "select", "options":
    [[value, label], ...]}``.
    """
    options: Any = field.get("options")
    selector = field.get("selector")
    if isinstance(selector, Mapping) and isinstance(selector.get("select"), Mapping):
        options = selector["select"].get("options")
    values: list[str] = []
    if isinstance(options, Mapping):
        values = [str(value) for value in options]
    elif isinstance(options, list):
        for option in options:
            if isinstance(option, Mapping):
                values.append(str(option["value"]))
            elif isinstance(option, list | tuple):
                values.append(str(option[0]))
            else:
                values.append(str(option))
    assert values, f"no options in field {field}"
    return values


async def _add_demo_league(api: Api) -> tuple[str, list[str]]:
    """Run the config flow as the UI would; return the entry id and its teams."""
    form = await api.request(
        "POST",
        "/api/config/config_entries/flow",
        {"handler": DOMAIN, "show_advanced_options": False},
    )
    assert form["type"] == "form", form
    assert form["step_id"] == "user", form
    assert "demo" in _option_values(_field(form, "league")), form
    flow_path = f"/api/config/config_entries/flow/{form['flow_id']}"
    form = await api.request("POST", flow_path, {"league": "demo"})
    assert form["type"] == "form", form
    assert form["step_id"] == "teams", form
    # Every team, so that some followed game is always live or about to be.
    teams = _option_values(_field(form, "teams"))
    assert len(teams) >= 2, form
    created = await api.request("POST", flow_path, {"teams": teams})
    assert created["type"] == "create_entry", created
    entry_id: str = created["result"]["entry_id"]
    return entry_id, teams


async def _wait_for_score_sensors(api: Api, entry_id: str, teams: list[str]) -> dict[str, str]:
    """Wait for the entry to load; return each team's team_score entity id."""
    deadline = time.monotonic() + ENTITIES_TIMEOUT
    while True:
        entries = await api.request("GET", f"/api/config/config_entries/entry?domain={DOMAIN}")
        state = next(
            (entry["state"] for entry in entries if entry["entry_id"] == entry_id),
            None,
        )
        registry = await api.websocket({"type": "config/entity_registry/list"})
        ours = [
            entity
            for entity in registry
            if entity["platform"] == DOMAIN and entity["config_entry_id"] == entry_id
        ]
        scores = {
            team: entity["entity_id"]
            for team in teams
            for entity in ours
            if entity["entity_id"].startswith("sensor.")
            and str(entity["unique_id"]).endswith(f"_{team}_team_score")
        }
        if state == "loaded" and len(scores) == len(teams):
            break
        assert time.monotonic() < deadline, (
            f"entry state {state!r}; score sensors {scores} of teams {teams}; "
            f"entities {[(e['entity_id'], e['unique_id']) for e in ours]}"
        )
        await asyncio.sleep(1)
    for team in teams:
        unique_ids = {str(entity["unique_id"]) for entity in ours}
        for key in SENSOR_KEYS:
            assert any(uid.endswith(f"_{team}_{key}") for uid in unique_ids), (
                team,
                key,
                sorted(unique_ids),
            )
        assert any(
            entity["entity_id"].startswith("binary_sensor.")
            and str(entity["unique_id"]).endswith(f"_{team}_playing")
            for entity in ours
        ), (team, sorted(unique_ids))
    return scores


async def _wait_for_a_goal(api: Api, scores: dict[str, str]) -> tuple[str, str, str]:
    """Poll the states until a followed team's score changes; return the change."""
    states = await api.states()
    missing = [entity_id for entity_id in scores.values() if entity_id not in states]
    assert not missing, f"no state for {missing}"
    first = {entity_id: states[entity_id] for entity_id in scores.values()}
    assert "unavailable" not in first.values(), first
    deadline = time.monotonic() + SCORE_TIMEOUT
    last = first
    while time.monotonic() < deadline:
        await asyncio.sleep(SCORE_POLL)
        states = await api.states()
        last = {entity_id: states.get(entity_id, "") for entity_id in first}
        assert "unavailable" not in last.values(), last
        for entity_id, value in last.items():
            if value != first[entity_id]:
                return entity_id, first[entity_id], value
    raise AssertionError(f"no team_score changed in {SCORE_TIMEOUT} s: first {first}, last {last}")


async def _scenario(server: RealHass) -> dict[str, float]:
    """Onboard, add the Demo league, and watch a score change; return timings."""
    timings: dict[str, float] = {}
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        api = Api(session, server)
        mark = time.monotonic()
        await api.onboard()
        timings["onboarding_s"] = time.monotonic() - mark

        mark = time.monotonic()
        entry_id, teams = await _add_demo_league(api)
        scores = await _wait_for_score_sensors(api, entry_id, teams)
        timings["config_flow_s"] = time.monotonic() - mark

        mark = time.monotonic()
        entity_id, before, after = await _wait_for_a_goal(api, scores)
        timings["first_score_change_s"] = time.monotonic() - mark
    print(f"{entity_id} went from {before!r} to {after!r}")  # noqa: T201
    return timings


@pytest.mark.timeout(300)
def test_demo_league_end_to_end(
    real_hass: RealHass, record_property: Callable[[str, object], None]
) -> None:
    """A real Home Assistant: onboard, add the Demo league, see a score move."""
    started = time.monotonic()
    try:
        timings = _run(_scenario(real_hass))
    except Exception as err:
        raise AssertionError(f"{type(err).__name__}: {err}\n{real_hass.log_tail()}") from err
    timings = {
        "hass_startup_s": real_hass.startup_seconds,
        **timings,
        "test_wall_s": time.monotonic() - started + real_hass.startup_seconds,
    }
    for name, seconds in timings.items():
        record_property(name, round(seconds, 2))
    print(  # noqa: T201
        "e2e timings: " + ", ".join(f"{k}={v:.1f}" for k, v in timings.items())
    )
