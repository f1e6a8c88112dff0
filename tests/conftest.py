"""Shared fixtures of the live_sports tests."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Generator, Mapping
from datetime import datetime, timedelta
import json
from pathlib import Path
import re
from typing import Any
from unittest.mock import AsyncMock, PropertyMock, patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import device_registry as dr, entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_time_changed
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker
from syrupy.assertion import SnapshotAssertion

from custom_components.live_sports.const import CONF_LEAGUE, DOMAIN
from custom_components.live_sports.events import BUS_EVENTS
from custom_components.live_sports.models import Competitor, Game, Phase, Team
from custom_components.live_sports.providers import NoStandings, build_standings_source
from custom_components.live_sports.providers.base import NoStandingsError
from custom_components.live_sports.subentries import team_subentry
from custom_components.live_sports.webhooks import Endpoint, webhook_subentry
from custom_components.live_sports.webhooks.signer import generate_secret

from .webhook_receiver import Receiver

REPO_ROOT = Path(__file__).resolve().parents[1]
OWN_FIXTURES = Path(__file__).parent / "fixtures"
RECORDED_FIXTURES = OWN_FIXTURES / "recorded"
ESPN = "https://site.api.espn.com/apis/site/v2/sports"
ESPN_WEB = "https://site.web.api.espn.com/apis/site/v2/sports"
"""ESPN's web host: a club's upcoming fixtures across competitions."""

# Followed in the NFL tests, frozen at 2022-09-11 20:00 UTC: Atlanta (live,
# 26-24 against New Orleans), Miami (final, 20-7) and Green Bay (scheduled).
NFL_TEAMS = ["1", "15", "9"]
NFL_NOW = "2022-09-11T20:00:00+00:00"
ATL_GAME_ID = "401437650"
"""NO @ ATL on the recorded NFL board."""


def recorded(name: str) -> Any:
    """Return the facts of a recorded provider response (see fixture_derivation)."""
    return json.loads((RECORDED_FIXTURES / name).read_text(encoding="utf-8"))


def atlanta_board(home: int) -> dict[str, Any]:
    """Return the recorded NFL board with Atlanta (home, live) at `home` points."""
    payload = recorded("espn/nfl.json")
    for event in payload["events"]:
        if event["id"] == ATL_GAME_ID:
            event["competitions"][0]["competitors"][0]["score"] = str(home)
    return payload


def own(name: str) -> Any:
    """Return one of our hand-written edge-case payloads."""
    return json.loads((OWN_FIXTURES / name).read_text(encoding="utf-8"))


def make_game(
    phase: Phase,
    home: Team | Competitor,
    away: Team | Competitor,
    *,
    start: datetime,
    game_id: str = "g",
    league: str = "nfl",
    sport: str = "football",
    home_score: int | None = None,
    away_score: int | None = None,
    status_detail: str | None = None,
    **fields: Any,
) -> Game:
    """Return a game between two teams (or competitors), named as providers name them.

    The status detail is the phase's value unless given; ``fields`` are the
    game's other fields (``period``, ``clock``, ``series``...).
    """
    home_side = home if isinstance(home, Competitor) else Competitor(team=home, score=home_score)
    away_side = away if isinstance(away, Competitor) else Competitor(team=away, score=away_score)
    return Game(
        id=game_id,
        league=league,
        sport=sport,
        name=f"{away_side.team.name} at {home_side.team.name}",
        short_name=f"{away_side.team.abbreviation} @ {home_side.team.abbreviation}",
        start=start,
        phase=phase,
        status_detail=phase.value if status_detail is None else status_detail,
        home=home_side,
        away=away_side,
        **fields,
    )


def entry_device(
    hass: HomeAssistant, entry: MockConfigEntry, identifier: str
) -> dr.DeviceEntry | None:
    """Return the entry's device with the identifier (DOMAIN, `identifier`).

    Looked up among the entry's devices: works on every supported release
    (``DeviceRegistry.async_get_device`` may not be called from tests on 2026.9+).
    """
    registry = dr.async_get(hass)
    return next(
        (
            device
            for device in dr.async_entries_for_config_entry(registry, entry.entry_id)
            if (DOMAIN, identifier) in device.identifiers
        ),
        None,
    )


@pytest.fixture(autouse=True)
def no_misuse_reported(caplog: pytest.LogCaptureFixture) -> Generator[None]:
    """Fail a test in which Home Assistant reported misuse by the integration.

    Home Assistant logs "Detected that custom integration ..." (or "Detected
    code that ..." from the tests' own calls) for deprecated or wrong API use,
    and "Detected blocking call ..." for blocking I/O in the event loop; a
    newer release often turns the first into an error.
    """
    yield
    reported = [
        record.getMessage()
        for when in ("setup", "call")
        for record in caplog.get_records(when)
        if record.getMessage().startswith(
            ("Detected that custom integration", "Detected code that", "Detected blocking call")
        )
    ]
    assert not reported, reported


@pytest.fixture
def events(hass: HomeAssistant) -> list[Event]:
    """Capture every live_sports bus event, in the order they were fired.

    The listener is a callback so it runs in the event loop as the event
    fires; a plain function (such as ``list.append``) would run in the
    executor, where events can land out of order.
    """
    captured: list[Event] = []

    @callback
    def _capture(event: Event) -> None:
        captured.append(event)

    for event_type in BUS_EVENTS:
        hass.bus.async_listen(event_type, _capture)
    return captured


@pytest.fixture(autouse=True)
def no_fallbacks(request: pytest.FixtureRequest) -> Generator[None]:
    """Give leagues no fallback provider, unless a test is marked ``fallbacks``.

    Most tests mock ESPN alone; a real fallback would ask TheSportsDB or a
    league's feed on every ESPN error and every live probe.
    """
    if request.node.get_closest_marker("fallbacks"):
        yield
        return
    with patch("custom_components.live_sports.runtime.fallbacks_for", return_value=[]):
        yield


class NoTable:
    """A table source for a league that keeps none (what most tests need: no table)."""

    after_final = timedelta(minutes=10)
    max_age = timedelta(hours=6)
    keeps_table = True  # as far as anyone knows before asking

    async def async_get_standings(self, now: datetime) -> Any:
        """Say there is no table."""
        raise NoStandingsError("no table in this test")


@pytest.fixture(autouse=True)
def no_tables(request: pytest.FixtureRequest) -> Generator[None]:
    """Give leagues no table, unless a test is marked ``standings``.

    Most tests mock ESPN's boards alone, and count their requests and events;
    the table's own tests (marked) ask ESPN's standings or the Demo's table.
    A league of athletes keeps its own source, which asks nothing.
    """
    if request.node.get_closest_marker("standings"):
        yield
        return

    def source(session: Any, league: Any) -> Any:
        real = build_standings_source(session, league)
        return real if isinstance(real, NoStandings) else NoTable()

    with patch("custom_components.live_sports.runtime.build_standings_source", source):
        yield


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Load the integration from custom_components in every test."""


@pytest.fixture
def entity_registry_enabled_by_default() -> Generator[None]:
    """Add the entities disabled by default (the Team tracker) enabled, as a user enables them."""
    with patch(
        "homeassistant.helpers.entity.Entity.entity_registry_enabled_default",
        new_callable=PropertyMock,
        return_value=True,
    ):
        yield


@pytest.fixture
async def mock_setup_entry(hass: HomeAssistant) -> AsyncGenerator[AsyncMock]:
    """Keep config flow tests from setting the entry up (and so from really unloading it).

    The ``hass`` fixture unloads every loaded entry at its teardown, which runs
    after this fixture's: the real unload would then fail on the missing
    ``runtime_data`` (set-up was patched). So unloading is patched too, and the
    entries are unloaded here, while the patch is still in place.
    """
    with (
        patch("custom_components.live_sports.async_setup_entry", return_value=True) as mock,
        patch("custom_components.live_sports.async_unload_entry", return_value=True),
    ):
        yield mock
        for entry in hass.config_entries.async_entries(DOMAIN):
            if entry.state is ConfigEntryState.LOADED:
                assert await hass.config_entries.async_unload(entry.entry_id)


async def setup_entry(hass: HomeAssistant, entry: MockConfigEntry, *, loads: bool = True) -> None:
    """Add the entry to Home Assistant, set it up and wait for what that started.

    ``loads=False``: set-up is expected to fail (the entry is left to retry).
    """
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id) is loads
    await hass.async_block_till_done()


async def tick(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, seconds: float, times: int = 1
) -> None:
    """Move the frozen clock ``times`` times by ``seconds``; wait for what each move set off.

    Refreshes land up to ~1 s after their interval: tick past it.
    """
    for _ in range(times):
        freezer.tick(timedelta(seconds=seconds))
        async_fire_time_changed(hass)
        await hass.async_block_till_done()


@pytest.fixture
async def receiver(socket_enabled: None) -> AsyncGenerator[Receiver]:
    """A webhook receiver on a free loopback port that verifies every delivery."""
    server = Receiver(secret=generate_secret())
    await server.start()
    yield server
    if server.hold is not None:
        server.hold.set()
    await server.stop()


def league_entry(
    league: str,
    team_ids: list[str],
    *,
    endpoints: tuple[Endpoint, ...] = (),
    options: dict[str, Any] | None = None,
    title: str | None = None,
    entry_id: str | None = None,
    data: dict[str, Any] | None = None,
) -> MockConfigEntry:
    """Return a current (version 2) entry: a team subentry per id, a webhook one per endpoint.

    Team subentries are titled by id, as migrated ones are; set-up names them.
    The entry's id is random unless given (snapshots give one); subentry ids
    are random. ``data`` adds to the entry's data (a league by path's path and name).
    """
    return MockConfigEntry(
        domain=DOMAIN,
        entry_id=entry_id,
        title=title or league.upper(),
        unique_id=league,
        data={CONF_LEAGUE: league, **(data or {})},
        options=options or {},
        version=2,
        minor_version=1,
        subentries_data=[
            *(team_subentry(team_id, team_id) for team_id in team_ids),
            *(webhook_subentry(endpoint) for endpoint in endpoints),
        ],
    )


def device_subentries(device: dr.DeviceEntry, entry: MockConfigEntry) -> set[str | None]:
    """Return the entry's subentries a device belongs to.

    One on 2026.x, where a device belongs to a single config entry and subentry
    (``config_entries_subentries`` is deprecated there); a set on older releases.
    """
    if hasattr(device, "config_subentry_id"):
        return {device.config_subentry_id}
    return set(device.config_entries_subentries[entry.entry_id])


def team_subentry_id(entry: MockConfigEntry, team_id: str) -> str:
    """Return the id of the entry's subentry following a team."""
    return next(
        subentry.subentry_id
        for subentry in entry.subentries.values()
        if subentry.unique_id == team_id and subentry.subentry_type == "team"
    )


@pytest.fixture
def nfl_entry() -> MockConfigEntry:
    """Return an NFL entry following Atlanta, Miami and Green Bay."""
    return league_entry("nfl", NFL_TEAMS, title="NFL")


@pytest.fixture
def nfl_teams_payload() -> dict[str, Any]:
    """Return a small hand-written NFL team list (ESPN's /teams shape)."""
    return own("espn_nfl_teams.json")


@pytest.fixture
async def init_integration(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_entry: MockConfigEntry,
    nfl_teams_payload: dict[str, Any],
) -> MockConfigEntry:
    """Return `nfl_entry`, set up on the recorded NFL board (mock it no further first)."""
    mock_espn_nfl(aioclient_mock, nfl_teams_payload)
    await setup_entry(hass, nfl_entry)
    return nfl_entry


def mock_espn_schedules(aioclient_mock: AiohttpClientMocker, path: str = "football/nfl") -> None:
    """Answer every team schedule of a league with no games.

    Every followed team's schedule is asked for (at most every 6 h); mocks
    registered before this one answer the teams they name.
    """
    aioclient_mock.get(re.compile(rf"/{re.escape(path)}/teams/[^/]+/schedule"), json={"events": []})


def mock_espn_clubs(aioclient_mock: AiohttpClientMocker, sport: str = "soccer") -> None:
    """Answer every club's schedule across competitions (results and fixtures) with no games.

    A soccer league also asks each followed club's ``{sport}/all`` schedule (at
    most every 6 h); mocks registered before this one answer the clubs they name.
    """
    aioclient_mock.get(
        re.compile(rf"/{re.escape(sport)}/all/teams/[^/]+/schedule"), json={"events": []}
    )


def mock_espn_nfl(
    aioclient_mock: AiohttpClientMocker,
    teams: dict[str, Any],
    scoreboard: Any | None = None,
    **kwargs: Any,
) -> None:
    """Answer ESPN's NFL team list and scoreboard (the recorded one unless given).

    ``kwargs`` go to the scoreboard's answer (``status``, ``headers``).
    """
    aioclient_mock.get(f"{ESPN}/football/nfl/teams", json=teams)
    aioclient_mock.get(
        f"{ESPN}/football/nfl/scoreboard",
        json=scoreboard if scoreboard is not None else recorded("espn/nfl.json"),
        **kwargs,
    )
    mock_espn_schedules(aioclient_mock)


def serve_nfl(
    aioclient_mock: AiohttpClientMocker, teams: dict[str, Any], board: Any, **kwargs: Any
) -> None:
    """Answer with this board from now on: earlier answers and recorded calls are forgotten."""
    aioclient_mock.clear_requests()
    mock_espn_nfl(aioclient_mock, teams, board, **kwargs)


def previous_run(minor_version: int = 1) -> dict[str, Any]:
    """Return the coordinator store of a previous run that saw NO @ ATL at 26-21.

    The recorded NFL board says 26-24: the field goal was missed while Home
    Assistant was down. As the previous version (1.``minor_version``) wrote it.
    """
    return {
        "version": 1,
        "minor_version": minor_version,
        "data": {
            "states": {
                ATL_GAME_ID: {
                    "phase": "live",
                    "period": 4,
                    "home_score": 26,
                    "away_score": 21,
                    "start": "2022-09-11T17:00:00+00:00",
                    "since": "2022-09-11T19:00:00+00:00",
                    "started": True,
                    "seq": 9,
                }
            },
            "pending": [],
            "view": None,
        },
    }


def store_previous_run(
    hass_storage: dict[str, Any], entry: MockConfigEntry, minor_version: int = 1
) -> str:
    """Store `previous_run` as the entry's coordinator state; return its storage key."""
    key = f"{DOMAIN}.{entry.entry_id}"
    hass_storage[key] = {"key": key, **previous_run(minor_version)}
    return key


STABLE_REGISTRY_FIELDS = (
    "entity_id",
    "unique_id",
    "platform",
    "has_entity_name",
    "translation_key",
    "original_name",
    "original_device_class",
    "original_icon",
    "device_class",
    "icon",
    "entity_category",
    "disabled_by",
    "hidden_by",
    "unit_of_measurement",
    "supported_features",
    "capabilities",
)
"""The entity registry entry's fields that every supported release has, alike."""


def _str_keys(value: Any) -> Any:
    """Return ``value`` with every mapping a dict keyed by strings (enum members by value)."""
    if isinstance(value, Mapping):
        return {str(key): _str_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_str_keys(item) for item in value]
    return value


async def snapshot_entities(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
    entry_id: str,
) -> None:
    """Snapshot each of the entry's entities: its registry entry and its state.

    Home Assistant's ``snapshot_platform`` snapshots the whole registry entry
    and state through its syrupy serializer, and what it writes differs
    between the releases we support: 2026.x adds ``object_id_base`` and
    ``suggested_object_id`` to the entry, snapshots ``aliases`` as a list
    rather than a set, and keys state attributes and capabilities by enum
    members (``EntityStateAttribute.FRIENDLY_NAME``) rather than strings. One
    snapshot file could not pass on both. This snapshots only the fields
    every release has alike (`STABLE_REGISTRY_FIELDS`, the entry's options,
    which subentry and device the entity belongs to, named rather than by
    their random ids) and the state (its value and attributes), with string
    keys; and asserts what ``snapshot_platform`` asserts: there are entries,
    of one platform, all enabled, each with a state under the registry's
    entity id.
    """
    entries = er.async_entries_for_config_entry(entity_registry, entry_id)
    assert entries
    assert len({entry.domain for entry in entries}) == 1, "Limit the loaded platforms to 1."
    config_entry = hass.config_entries.async_get_entry(entry_id)
    assert config_entry is not None
    devices = dr.async_get(hass)
    for entry in entries:
        assert entry.disabled_by is None, "Enable all entities."
        subentry = (
            config_entry.subentries[entry.config_subentry_id] if entry.config_subentry_id else None
        )
        device = devices.async_get(entry.device_id) if entry.device_id else None
        registry = {field: _str_keys(getattr(entry, field)) for field in STABLE_REGISTRY_FIELDS}
        registry["options"] = _str_keys(entry.options)
        registry["subentry"] = (
            f"{subentry.subentry_type} {subentry.unique_id}" if subentry is not None else None
        )
        registry["device"] = device.name if device is not None else None
        assert registry == snapshot(name=f"{entry.entity_id}-entry")
        state = hass.states.get(entry.entity_id)
        assert state is not None, f"State not found for {entry.entity_id}"
        assert state.entity_id == entry.entity_id
        assert {"state": state.state, "attributes": _str_keys(state.attributes)} == snapshot(
            name=f"{entry.entity_id}-state"
        )
