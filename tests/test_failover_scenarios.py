"""ESPN down, a fallback up: what a user sees, through Home Assistant.

ESPN serves the recorded NFL board (NO @ ATL, 26-24, live); a scripted
fallback names the same game as TheSportsDB does (its own ids, full names).
"""

from __future__ import annotations

from collections.abc import Collection, Generator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from unittest.mock import patch

import aiohttp
from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.live_sports.const import DOMAIN
from custom_components.live_sports.events import EVENT_SCORE_CHANGED, EVENT_SCORE_CORRECTED
from custom_components.live_sports.models import Competitor, Game, Phase, Scoreboard, Team
from custom_components.live_sports.provider_watch import outage_issue_id
from custom_components.live_sports.providers.base import League, ProviderConnectionError

from .conftest import (
    ATL_GAME_ID,
    ESPN,
    NFL_NOW,
    entry_device,
    league_entry,
    mock_espn_nfl,
    mock_espn_schedules,
    recorded,
    setup_entry,
    tick,
)

pytestmark = pytest.mark.freeze_time(NFL_NOW)

FALLBACK = "Scripted feed"
SCORE = "sensor.atlanta_falcons_score"
OPPONENT_SCORE = "sensor.atlanta_falcons_opponent_score"
ACTIVE = "sensor.nfl_active_provider"
NHL_WEB = "https://api-web.nhle.com/v1"


@dataclass
class Fallback:
    """A fallback showing NO @ ATL under its own ids, as TheSportsDB names teams."""

    league: League
    home: int = 26
    away: int = 24
    failing: bool = False
    calls: int = 0
    name: str = FALLBACK
    attribution: str | None = "Data provided by a scripted feed"
    fixed_interval: timedelta | None = None
    max_age: timedelta | None = None

    async def async_get_teams(self) -> list[Team]:
        """Return the two teams it knows."""
        return [_team("134942", "Atlanta Falcons"), _team("134940", "New Orleans Saints")]

    async def async_get_scoreboard(self, team_ids: Collection[str], now: datetime) -> Scoreboard:
        """Return the game, or fail as a dead server does."""
        self.calls += 1
        if self.failing:
            raise ProviderConnectionError("Scripted feed answered HTTP 503")
        game = Game(
            id="thesportsdb:1701",
            league=self.league.key,
            sport="football",
            name="New Orleans Saints at Atlanta Falcons",
            short_name="New Orleans Saints @ Atlanta Falcons",
            start=datetime(2022, 9, 11, 17, 0, tzinfo=UTC),
            phase=Phase.LIVE,
            status_detail="Q4",
            home=Competitor(team=_team("134942", "Atlanta Falcons"), score=self.home),
            away=Competitor(team=_team("134940", "New Orleans Saints"), score=self.away),
            period=4,
        )
        return Scoreboard(league=self.league.key, fetched_at=now, games=(game,))


def _team(team_id: str, name: str) -> Team:
    return Team(id=team_id, abbreviation=name, name=name, short_name=name)


@pytest.fixture
def fallback() -> Generator[list[Fallback]]:
    """Give the NFL entry the scripted fallback, the same one after a reload."""
    built: list[Fallback] = []

    def fallbacks_for(session: aiohttp.ClientSession, league: League) -> list[Fallback]:
        if not built:
            built.append(Fallback(league))
        return built

    with patch("custom_components.live_sports.runtime.fallbacks_for", fallbacks_for):
        yield built


def _espn_fails(aioclient_mock: AiohttpClientMocker, teams: dict[str, Any], how: str) -> None:
    """Make ESPN's scoreboard fail as ``how`` says, from now on."""
    aioclient_mock.clear_requests()
    url = f"{ESPN}/football/nfl/scoreboard"
    if how == "timeout":
        aioclient_mock.get(url, exc=TimeoutError())
    elif how == "garbage":
        aioclient_mock.get(url, text="<html>Service Unavailable</html>")
    else:
        aioclient_mock.get(url, status=int(how))
    aioclient_mock.get(f"{ESPN}/football/nfl/teams", json=teams)
    aioclient_mock.get(f"{ESPN}/football/nfl/teams/1/schedule", json={"events": []})


async def _set_up(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    entry: MockConfigEntry,
    teams: dict[str, Any],
) -> None:
    mock_espn_nfl(aioclient_mock, teams)
    await setup_entry(hass, entry)
    assert hass.states.get(SCORE).state == "26"


@pytest.mark.parametrize("how", ["500", "400", "timeout", "garbage"])
async def test_espn_failing_the_fallback_scores_within_one_interval(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    nfl_entry: MockConfigEntry,
    nfl_teams_payload: dict[str, Any],
    fallback: list[Fallback],
    how: str,
) -> None:
    """ESPN 5xx, 400, timeout, garbage: the Saints' touchdown arrives at the next poll.

    One score event, for ESPN's game id; the attribution names the fallback.
    """
    await _set_up(hass, aioclient_mock, nfl_entry, nfl_teams_payload)
    scores = async_capture_events(hass, EVENT_SCORE_CHANGED)
    _espn_fails(aioclient_mock, nfl_teams_payload, how)
    fallback[0].away = 31
    await tick(hass, freezer, 16)  # the live football tempo is 15 s

    assert hass.states.get(OPPONENT_SCORE).state == "31"
    assert [(e.data["game_id"], e.data["game"]["away"]["score"]) for e in scores] == [
        (ATL_GAME_ID, 31)
    ]
    state = hass.states.get(SCORE)
    assert state.attributes["attribution"] == "Data provided by a scripted feed"
    assert hass.states.get(ACTIVE).state == "ESPN"  # one failure borrows, no failover


async def test_failover_and_back_without_a_repeated_or_missed_goal(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    nfl_entry: MockConfigEntry,
    nfl_teams_payload: dict[str, Any],
    fallback: list[Fallback],
) -> None:
    """ESPN down for good: the fallback becomes active, the device says so; back later.

    ESPN's board, when back, still says 26-24 (recorded): behind the 26-31 the
    fallback showed, so the 26-31 stays, nothing fires twice and no score is
    "corrected" while the lagging provider catches up.
    """
    await _set_up(hass, aioclient_mock, nfl_entry, nfl_teams_payload)
    scores = async_capture_events(hass, EVENT_SCORE_CHANGED)
    corrected = async_capture_events(hass, EVENT_SCORE_CORRECTED)
    _espn_fails(aioclient_mock, nfl_teams_payload, "503")
    await tick(hass, freezer, 16, times=6)
    assert hass.states.get(ACTIVE).state == FALLBACK
    device = entry_device(hass, nfl_entry, "nfl_1")
    assert device is not None
    assert device.manufacturer == FALLBACK

    fallback[0].away = 31
    await tick(hass, freezer, 16)
    assert hass.states.get(OPPONENT_SCORE).state == "31"

    aioclient_mock.clear_requests()
    mock_espn_nfl(aioclient_mock, nfl_teams_payload)
    await tick(hass, freezer, 16, times=4 * 9)  # nine minutes
    assert hass.states.get(ACTIVE).state == FALLBACK  # the hold-down
    await tick(hass, freezer, 16, times=4 * 3)
    assert hass.states.get(ACTIVE).state == "ESPN"
    device = entry_device(hass, nfl_entry, "nfl_1")
    assert device is not None
    assert device.manufacturer == "ESPN"
    assert hass.states.get(OPPONENT_SCORE).state == "31"
    assert [e.data["game"]["away"]["score"] for e in scores] == [31]
    assert corrected == []


async def test_restart_while_failed_over(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    nfl_entry: MockConfigEntry,
    nfl_teams_payload: dict[str, Any],
    fallback: list[Fallback],
) -> None:
    """Reloaded with ESPN still down (team list too): the fallback serves on, no repeat."""
    await _set_up(hass, aioclient_mock, nfl_entry, nfl_teams_payload)
    scores = async_capture_events(hass, EVENT_SCORE_CHANGED)
    _espn_fails(aioclient_mock, nfl_teams_payload, "503")
    fallback[0].away = 31
    await tick(hass, freezer, 16, times=6)
    assert hass.states.get(ACTIVE).state == FALLBACK

    aioclient_mock.clear_requests()
    aioclient_mock.get(f"{ESPN}/football/nfl/scoreboard", status=503)
    aioclient_mock.get(f"{ESPN}/football/nfl/teams", status=503)
    aioclient_mock.get(f"{ESPN}/football/nfl/teams/1/schedule", status=503)
    assert await hass.config_entries.async_reload(nfl_entry.entry_id)
    await hass.async_block_till_done()
    fallback[0].away = 34
    await tick(hass, freezer, 16)

    assert hass.states.get(ACTIVE).state == FALLBACK
    assert hass.states.get(OPPONENT_SCORE).state == "34"
    assert [(e.data["game_id"], e.data["game"]["away"]["score"]) for e in scores] == [
        (ATL_GAME_ID, 31),
        (ATL_GAME_ID, 34),
    ]


async def test_a_repair_issue_while_every_provider_fails(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    nfl_entry: MockConfigEntry,
    nfl_teams_payload: dict[str, Any],
    fallback: list[Fallback],
) -> None:
    """ESPN and the fallback down past 15 minutes: a repair issue, gone on recovery."""
    await _set_up(hass, aioclient_mock, nfl_entry, nfl_teams_payload)
    _espn_fails(aioclient_mock, nfl_teams_payload, "500")
    fallback[0].failing = True
    issues = ir.async_get(hass)
    issue_id = outage_issue_id(nfl_entry.entry_id)
    await tick(hass, freezer, 60, times=10)
    assert issues.async_get_issue(DOMAIN, issue_id) is None  # not yet 15 minutes
    await tick(hass, freezer, 60, times=10)
    issue = issues.async_get_issue(DOMAIN, issue_id)
    assert issue is not None
    assert issue.translation_key == "providers_down"
    assert issue.translation_placeholders is not None
    assert issue.translation_placeholders["providers"] == f"ESPN, {FALLBACK}"
    assert hass.states.get(ACTIVE).state in ("ESPN", FALLBACK)

    fallback[0].failing = False
    await tick(hass, freezer, 60, times=16)  # the error back-off is at most 15 minutes
    assert issues.async_get_issue(DOMAIN, issue_id) is None


async def test_deleting_the_league_deletes_its_outage_issue(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    nfl_entry: MockConfigEntry,
    nfl_teams_payload: dict[str, Any],
    fallback: list[Fallback],
) -> None:
    """A league deleted during an outage leaves no repair issue about it behind."""
    await _set_up(hass, aioclient_mock, nfl_entry, nfl_teams_payload)
    _espn_fails(aioclient_mock, nfl_teams_payload, "500")
    fallback[0].failing = True
    await tick(hass, freezer, 60, times=20)
    issues = ir.async_get(hass)
    issue_id = outage_issue_id(nfl_entry.entry_id)
    assert issues.async_get_issue(DOMAIN, issue_id) is not None

    await hass.config_entries.async_remove(nfl_entry.entry_id)
    await hass.async_block_till_done()
    assert issues.async_get_issue(DOMAIN, issue_id) is None
    assert not [issue for (domain, _), issue in issues.issues.items() if domain == DOMAIN]


async def test_a_league_without_fallback_reports_espn_alone(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_entry: MockConfigEntry,
    nfl_teams_payload: dict[str, Any],
) -> None:
    """No fallback: ESPN is the active provider and its errors fail the refresh as before."""
    with patch("custom_components.live_sports.runtime.fallbacks_for", return_value=[]):
        mock_espn_nfl(aioclient_mock, nfl_teams_payload)
        await setup_entry(hass, nfl_entry)
    state = hass.states.get(ACTIVE)
    assert state.state == "ESPN"
    assert state.attributes["providers"] == ["ESPN"]


def _espn_nhl_teams() -> dict[str, Any]:
    """Return an ESPN-shaped NHL team list: ESPN's ids and abbreviations (SJ, not SJS)."""
    teams = [
        ("25", "ANA", "Anaheim Ducks", "Ducks"),
        ("15", "PHI", "Philadelphia Flyers", "Flyers"),
        ("18", "SJ", "San Jose Sharks", "Sharks"),
        ("37", "VGK", "Vegas Golden Knights", "Golden Knights"),
    ]
    return {
        "sports": [
            {
                "leagues": [
                    {
                        "teams": [
                            {
                                "team": {
                                    "id": team_id,
                                    "abbreviation": abbreviation,
                                    "displayName": name,
                                    "shortDisplayName": short,
                                    "name": short,
                                }
                            }
                            for team_id, abbreviation, name, short in teams
                        ]
                    }
                ]
            }
        ]
    }


@pytest.mark.fallbacks
@pytest.mark.freeze_time("2023-11-11T04:00:00+00:00")
async def test_espn_down_the_nhl_feed_serves_mapped_to_espn_teams(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """The real NHL web provider behind ESPN: its recorded night, under ESPN's teams.

    NHL's "SJS" is ESPN's "SJ" (the override table); "ANA" matches as it is.
    """
    week = recorded("nhl-web/nhl_v1_schedule_2023-11-08-modified.json")
    day = next(entry for entry in week["gameWeek"] if entry["date"] == "2023-11-10")
    aioclient_mock.get(f"{ESPN}/hockey/nhl/teams", json=_espn_nhl_teams())
    aioclient_mock.get(f"{ESPN}/hockey/nhl/scoreboard", status=503)
    mock_espn_schedules(aioclient_mock, "hockey/nhl")
    aioclient_mock.get(f"{NHL_WEB}/score/2023-11-10", json={"games": day["games"]})
    aioclient_mock.get(f"{NHL_WEB}/schedule/now", json=week)
    entry = league_entry("nhl", ["25", "18"], title="NHL")
    await setup_entry(hass, entry)

    assert hass.states.get("sensor.anaheim_ducks_score").state == "3"
    assert hass.states.get("sensor.anaheim_ducks_opponent_score").state == "6"
    assert hass.states.get("sensor.anaheim_ducks_opponent").state == "Philadelphia Flyers"
    assert hass.states.get("sensor.san_jose_sharks_score").state == "0"
    state = hass.states.get("sensor.anaheim_ducks_score")
    assert state.attributes["attribution"] == "Data provided by the NHL"
    assert hass.states.get("sensor.nhl_active_provider").attributes["serving"] == "NHL"
