"""ESPN refusing a client (HTTP 403), and the User-Agent that keeps it from doing so.

Since 2026-08-04 ESPN's edge answers 403 to browser-like and bare custom
User-Agents; Home Assistant's own agent is accepted. A 403 is a refusal, not
an outage: the fallback serves where the league has one, and a repair issue
says what happened and what to do, gone once ESPN answers again.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
import re
from typing import Any
from unittest.mock import patch

from aiohttp import web
from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.aiohttp_client import SERVER_SOFTWARE, async_get_clientsession
from homeassistant.helpers.translation import async_get_translations
import pytest
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.live_sports.const import DOMAIN
from custom_components.live_sports.provider_watch import refused_issue_id
from custom_components.live_sports.providers.base import ProviderRefusedError
from custom_components.live_sports.providers.http import async_get_json

from .conftest import (
    ESPN,
    NFL_NOW,
    league_entry,
    mock_espn_nfl,
    mock_espn_schedules,
    own,
    recorded,
    setup_entry,
    tick,
)
from .test_failover_scenarios import NHL_WEB, _espn_nhl_teams

LOOPBACK = "127.0.0.1"
ISSUE_LANGUAGES = ("en", "de", "es", "fr", "it", "nl")


@pytest.mark.fallbacks
@pytest.mark.freeze_time("2023-11-11T04:00:00+00:00")
async def test_espn_refusing_the_nhl_feed_serves_and_an_issue_explains(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, aioclient_mock: AiohttpClientMocker
) -> None:
    """ESPN answers 403: the NHL's feed serves the night, a repair issue says ESPN refused.

    When ESPN answers again the issue goes by itself.
    """
    week = recorded("nhl-web/nhl_v1_schedule_2023-11-08-modified.json")
    day = next(entry for entry in week["gameWeek"] if entry["date"] == "2023-11-10")
    aioclient_mock.get(f"{ESPN}/hockey/nhl/teams", json=_espn_nhl_teams())
    aioclient_mock.get(f"{ESPN}/hockey/nhl/scoreboard", status=403)
    mock_espn_schedules(aioclient_mock, "hockey/nhl")
    aioclient_mock.get(f"{NHL_WEB}/score/2023-11-10", json={"games": day["games"]})
    aioclient_mock.get(f"{NHL_WEB}/schedule/now", json=week)
    entry = league_entry("nhl", ["25", "18"], title="NHL")
    await setup_entry(hass, entry)

    assert hass.states.get("sensor.anaheim_ducks_score").state == "3"
    assert hass.states.get("sensor.nhl_active_provider").attributes["serving"] == "NHL"
    issues = ir.async_get(hass)
    issue = issues.async_get_issue(DOMAIN, refused_issue_id(entry.entry_id))
    assert issue is not None
    assert issue.translation_key == "provider_refused"
    assert issue.translation_placeholders == {"provider": "ESPN", "league": "NHL"}
    for language in ISSUE_LANGUAGES:
        texts = await async_get_translations(hass, language, "issues", {DOMAIN})
        description = texts[f"component.{DOMAIN}.issues.provider_refused.description"]
        assert "403" in description, language

    aioclient_mock.clear_requests()
    aioclient_mock.get(f"{ESPN}/hockey/nhl/teams", json=_espn_nhl_teams())
    aioclient_mock.get(f"{ESPN}/hockey/nhl/scoreboard", json={"events": []})
    mock_espn_schedules(aioclient_mock, "hockey/nhl")
    aioclient_mock.get(f"{NHL_WEB}/score/2023-11-10", json={"games": day["games"]})
    aioclient_mock.get(f"{NHL_WEB}/schedule/now", json=week)
    await tick(hass, freezer, 60, times=3)
    assert issues.async_get_issue(DOMAIN, refused_issue_id(entry.entry_id)) is None
    await hass.config_entries.async_unload(entry.entry_id)


@pytest.mark.freeze_time(NFL_NOW)
async def test_espn_refusing_a_league_without_fallback(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
) -> None:
    """No fallback: the entities go unavailable, and the issue says why (not "no internet")."""
    entry = league_entry("nfl", ["1"], title="NFL")
    mock_espn_nfl(aioclient_mock, nfl_teams_payload)
    await setup_entry(hass, entry)
    assert hass.states.get("sensor.atlanta_falcons_score").state == "26"

    aioclient_mock.clear_requests()
    mock_espn_nfl(aioclient_mock, nfl_teams_payload, status=403)
    await tick(hass, freezer, 16)
    assert hass.states.get("sensor.atlanta_falcons_score").state == "unavailable"
    issues = ir.async_get(hass)
    issue = issues.async_get_issue(DOMAIN, refused_issue_id(entry.entry_id))
    assert issue is not None
    assert issue.translation_placeholders == {"provider": "ESPN", "league": "NFL"}

    # Deleting the league deletes the issue about it.
    await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()
    assert issues.async_get_issue(DOMAIN, refused_issue_id(entry.entry_id)) is None


async def test_a_refused_team_list_is_its_own_form_error(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """Adding a league while ESPN refuses: the form says ESPN refused, not "cannot connect"."""
    aioclient_mock.get(f"{ESPN}/football/nfl/teams", status=403)
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": "user"})
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"league": "nfl"})
    assert result["errors"] == {"base": "refused"}


async def test_a_league_feed_refusing_is_a_refusal_too(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """The league feeds' 403 is the same error as ESPN's: the same issue names them."""
    aioclient_mock.get(f"{NHL_WEB}/schedule/now", status=403)
    with pytest.raises(ProviderRefusedError, match="NHL refused"):
        await async_get_json(async_get_clientsession(hass), f"{NHL_WEB}/schedule/now", name="NHL")


@pytest.fixture
async def espn_on_loopback(socket_enabled: None) -> AsyncGenerator[list[dict[str, str]]]:
    """ESPN's NFL answers from a real server on loopback; yields each request's headers."""
    seen: list[dict[str, str]] = []
    teams = own("espn_nfl_teams.json")
    board = recorded("espn/nfl.json")

    async def answer(request: web.Request) -> web.Response:
        seen.append(dict(request.headers))
        path = request.path
        if path.endswith("/teams"):
            return web.json_response(teams)
        if path.endswith("/scoreboard"):
            return web.json_response(board)
        return web.json_response({"events": []})

    app = web.Application()
    app.router.add_get("/{tail:.*}", answer)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, LOOPBACK, 0).start()
    base = f"http://{LOOPBACK}:{runner.addresses[0][1]}"
    with (
        patch("custom_components.live_sports.providers.espn.client.BASE_URL", base),
        patch("custom_components.live_sports.providers.espn.client.WEB_BASE_URL", base),
    ):
        yield seen
    await runner.cleanup()


@pytest.mark.freeze_time(NFL_NOW)
async def test_espn_is_asked_with_home_assistants_user_agent(
    hass: HomeAssistant, espn_on_loopback: list[dict[str, str]]
) -> None:
    """Every request to ESPN names Home Assistant (and aiohttp, Python): the agent ESPN accepts.

    A browser-like agent or a bare custom token is refused with 403 since
    2026-08-04: the provider must keep Home Assistant's shared session's agent.
    """
    entry = league_entry("nfl", ["1"], title="NFL")
    await setup_entry(hass, entry)
    assert hass.states.get("sensor.atlanta_falcons_score").state == "26"
    agents = {headers.get("User-Agent") for headers in espn_on_loopback}
    assert len(espn_on_loopback) >= 3  # team list, board, schedule
    assert agents == {SERVER_SOFTWARE}
    assert re.fullmatch(r"HomeAssistant/\S+ aiohttp/\S+ Python/3\.\d+", SERVER_SOFTWARE)
    await hass.config_entries.async_unload(entry.entry_id)
