"""Shared fixtures of the live_sports tests."""

from __future__ import annotations

from collections.abc import Generator
import json
from pathlib import Path
import re
from typing import Any
from unittest.mock import AsyncMock, patch

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.live_sports.const import CONF_LEAGUE, DOMAIN
from custom_components.live_sports.subentries import team_subentry
from custom_components.live_sports.webhooks import Endpoint, webhook_subentry

REPO_ROOT = Path(__file__).resolve().parents[1]
OWN_FIXTURES = Path(__file__).parent / "fixtures"
RECORDED_FIXTURES = OWN_FIXTURES / "recorded"
ESPN = "https://site.api.espn.com/apis/site/v2/sports"

# Followed in the NFL tests, frozen at 2022-09-11 20:00 UTC: Atlanta (live,
# 26-24 against New Orleans), Miami (final, 20-7) and Green Bay (scheduled).
NFL_TEAMS = ["1", "15", "9"]
NFL_NOW = "2022-09-11T20:00:00+00:00"


def recorded(name: str) -> Any:
    """Return the facts of a recorded provider response (see fixture_derivation)."""
    return json.loads((RECORDED_FIXTURES / name).read_text(encoding="utf-8"))


def own(name: str) -> Any:
    """Return one of our hand-written edge-case payloads."""
    return json.loads((OWN_FIXTURES / name).read_text(encoding="utf-8"))


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


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Load the integration from custom_components in every test."""


@pytest.fixture
def mock_setup_entry() -> Generator[AsyncMock]:
    """Keep config flow tests from setting the entry up."""
    with patch("custom_components.live_sports.async_setup_entry", return_value=True) as mock:
        yield mock


def league_entry(
    league: str,
    team_ids: list[str],
    *,
    endpoints: tuple[Endpoint, ...] = (),
    options: dict[str, Any] | None = None,
    title: str | None = None,
) -> MockConfigEntry:
    """Return a current (version 2) entry: a team subentry per id, a webhook one per endpoint.

    Team subentries are titled by id, as migrated ones are; set-up names them.
    """
    return MockConfigEntry(
        domain=DOMAIN,
        title=title or league.upper(),
        unique_id=league,
        data={CONF_LEAGUE: league},
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


def mock_espn_schedules(aioclient_mock: AiohttpClientMocker, path: str = "football/nfl") -> None:
    """Answer every team schedule of a league with no games.

    Every followed team's schedule is asked for (at most every 6 h); mocks
    registered before this one answer the teams they name.
    """
    aioclient_mock.get(re.compile(rf"/{re.escape(path)}/teams/[^/]+/schedule"), json={"events": []})


def mock_espn_nfl(
    aioclient_mock: AiohttpClientMocker,
    teams: dict[str, Any],
    scoreboard: Any | None = None,
    *,
    status: int = 200,
) -> None:
    """Answer ESPN's NFL team list and scoreboard from fixtures."""
    aioclient_mock.get(f"{ESPN}/football/nfl/teams", json=teams)
    aioclient_mock.get(
        f"{ESPN}/football/nfl/scoreboard",
        json=scoreboard if scoreboard is not None else recorded("espn/nfl.json"),
        status=status,
    )
    mock_espn_schedules(aioclient_mock)
