"""The league feeds' JSON GET: typed errors, max-age, unchanged bodies, the sports day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import aiohttp
from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession
import pytest
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.live_sports.providers.base import (
    ProviderConnectionError,
    ProviderError,
    ProviderRateLimitedError,
    ProviderResponseError,
)
from custom_components.live_sports.providers.espn import LEAGUES
from custom_components.live_sports.providers.http import (
    UNCHANGED,
    JsonProvider,
    async_get_json,
    sports_day,
)
from custom_components.live_sports.providers.mlb_statsapi import MlbStatsApiProvider
from custom_components.live_sports.providers.nba_cdn import NbaCdnProvider
from custom_components.live_sports.providers.nhl_web import NhlWebProvider
from custom_components.live_sports.providers.thesportsdb import TheSportsDbProvider

URL = "https://feed.example/v1/board"
NOW = datetime(2026, 10, 4, 20, 0, tzinfo=UTC)
FEEDS: dict[str, tuple[type[JsonProvider], str, str, str]] = {
    "nhl_web": (NhlWebProvider, "nhl", "https://api-web.nhle.com/v1/score/2026-10-04", "NHL"),
    "mlb_statsapi": (
        MlbStatsApiProvider,
        "mlb",
        "https://statsapi.mlb.com/api/v1/schedule",
        "MLB",
    ),
    "nba_cdn": (
        NbaCdnProvider,
        "nba",
        "https://cdn.nba.com/static/json/liveData/scoreboard/todaysScoreboard_00.json",
        "NBA",
    ),
    "thesportsdb": (
        TheSportsDbProvider,
        "epl",
        "https://www.thesportsdb.com/api/v1/json/3/eventsday.php",
        "TheSportsDB",
    ),
}


@pytest.mark.parametrize(
    ("now", "day"),
    [
        (datetime(2026, 10, 4, 20, 0, tzinfo=UTC), date(2026, 10, 4)),
        # 23:30 and 01:30 Eastern: a late game of Oct 4 is still on Oct 4's board.
        (datetime(2026, 10, 5, 3, 30, tzinfo=UTC), date(2026, 10, 4)),
        (datetime(2026, 10, 5, 5, 30, tzinfo=UTC), date(2026, 10, 4)),
        (datetime(2026, 10, 5, 11, 0, tzinfo=UTC), date(2026, 10, 5)),
    ],
)
def test_sports_day(now: datetime, day: date) -> None:
    """Every feed asks for ESPN's day: US Eastern, rolling over at 6 am."""
    assert sports_day(now) == day


async def test_json_and_max_age(hass: HomeAssistant, aioclient_mock: AiohttpClientMocker) -> None:
    """The body is decoded, the params sent, Cache-Control's max-age read."""
    aioclient_mock.get(URL, json={"games": []}, headers={"Cache-Control": "public, max-age=30"})
    response = await async_get_json(
        async_get_clientsession(hass), URL, name="Feed", params={"date": "2026-10-04"}
    )
    assert response.payload == {"games": []}
    assert response.max_age == timedelta(seconds=30)
    _, url, _, _ = aioclient_mock.mock_calls[0]
    assert dict(url.query) == {"date": "2026-10-04"}


async def test_unchanged_body(hass: HomeAssistant, aioclient_mock: AiohttpClientMocker) -> None:
    """The same body of the same request is UNCHANGED; another request's is not."""
    session = async_get_clientsession(hass)
    aioclient_mock.get(URL, json={"games": []})
    first = await async_get_json(session, URL, name="Feed", params={"d": "1"})
    again = await async_get_json(
        session, URL, name="Feed", params={"d": "1"}, unchanged_if=first.digest
    )
    assert (again.payload, again.digest, again.max_age) == (UNCHANGED, first.digest, None)
    other_day = await async_get_json(
        session, URL, name="Feed", params={"d": "2"}, unchanged_if=first.digest
    )
    assert other_day.payload == {"games": []}
    assert other_day.digest != first.digest


async def test_conditional_request(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """Given a body's validators, the same request asks conditionally; a 304 is UNCHANGED.

    Another request (another day) is asked in full: its validators are not sent.
    """
    session = async_get_clientsession(hass)
    validators = {"ETag": '"v1"', "Last-Modified": "Sun, 04 Oct 2026 19:00:00 GMT"}
    aioclient_mock.get(URL, json={"games": []}, headers=validators)
    first = await async_get_json(session, URL, name="Feed", params={"d": "1"})
    assert aioclient_mock.mock_calls[0][3] is None
    aioclient_mock.clear_requests()
    aioclient_mock.get(URL, status=304, headers={"Cache-Control": "max-age=15"})
    again = await async_get_json(
        session, URL, name="Feed", params={"d": "1"}, validators=first.validators
    )
    assert aioclient_mock.mock_calls[0][3] == {
        "If-None-Match": '"v1"',
        "If-Modified-Since": "Sun, 04 Oct 2026 19:00:00 GMT",
    }
    assert (again.payload, again.digest, again.max_age) == (
        UNCHANGED,
        first.digest,
        timedelta(seconds=15),
    )
    assert again.validators == first.validators
    aioclient_mock.clear_requests()
    aioclient_mock.get(URL, json={"games": [1]})
    other_day = await async_get_json(
        session, URL, name="Feed", params={"d": "2"}, validators=first.validators
    )
    assert aioclient_mock.mock_calls[0][3] is None
    assert other_day.payload == {"games": [1]}


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"status": 500}, ProviderConnectionError, r"^{name} answered HTTP 500 for {path}$"),
        ({"status": 503}, ProviderConnectionError, r"^{name} answered HTTP 503 for {path}$"),
        ({"status": 400}, ProviderConnectionError, r"^{name} answered HTTP 400 for {path}$"),
        ({"status": 404}, ProviderConnectionError, r"^{name} answered HTTP 404 for {path}$"),
        ({"status": 429}, ProviderRateLimitedError, r"^{name} answered HTTP 429 for {path}$"),
        ({"exc": TimeoutError()}, ProviderConnectionError, r"^cannot reach {name}: TimeoutError"),
        (
            {"exc": aiohttp.ClientConnectionError("refused")},
            ProviderConnectionError,
            r"^cannot reach {name}: ClientConnectionError",
        ),
        ({"text": "<html>oops</html>"}, ProviderResponseError, r"^{name} sent invalid JSON for"),
        ({"content": b""}, ProviderResponseError, r"^{name} sent invalid JSON for"),
        ({"json": []}, ProviderResponseError, r"^malformed"),
        ({"json": {"nothing": "here"}}, ProviderResponseError, r"^malformed"),
    ],
)
@pytest.mark.parametrize("feed", FEEDS)
async def test_provider_errors(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    feed: str,
    kwargs: dict[str, Any],
    error: type[ProviderError],
    match: str,
) -> None:
    """HTTP failures, timeouts and bad bodies become typed errors naming the provider."""
    cls, league, url, name = FEEDS[feed]
    aioclient_mock.get(url, **kwargs)
    provider = cls(async_get_clientsession(hass), LEAGUES[league])
    path = url.removeprefix("https://").partition("/")[2]
    with pytest.raises(error, match=match.format(name=name, path=f"/{path}")) as raised:
        await provider.async_get_scoreboard([], NOW)
    assert type(raised.value) is error


@pytest.mark.parametrize(
    ("header", "wait"),
    [
        ({"Retry-After": "120"}, timedelta(seconds=120)),
        ({"Retry-After": "soon"}, None),
        ({}, None),
    ],
)
@pytest.mark.parametrize("feed", FEEDS)
async def test_rate_limited_keeps_retry_after(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    feed: str,
    header: dict[str, str],
    wait: timedelta | None,
) -> None:
    """HTTP 429 carries the wait the provider asked for."""
    cls, league, url, _ = FEEDS[feed]
    aioclient_mock.get(url, status=429, headers=header)
    provider = cls(async_get_clientsession(hass), LEAGUES[league])
    with pytest.raises(ProviderRateLimitedError) as raised:
        await provider.async_get_scoreboard([], NOW)
    assert raised.value.retry_after == wait
    assert raised.value.translation_key == "cannot_connect"


@pytest.mark.parametrize("feed", FEEDS)
async def test_provider_protocol_attributes(hass: HomeAssistant, feed: str) -> None:
    """Each feed names itself, polls by the phase-aware policy and serves the league given."""
    cls, league, _, name = FEEDS[feed]
    provider = cls(async_get_clientsession(hass), LEAGUES[league])
    assert (provider.name, provider.fixed_interval, provider.max_age) == (name, None, None)
    assert provider.attribution is not None
    assert name.lower() in provider.attribution.lower()
    assert provider.league is LEAGUES[league]


async def test_failed_parse_keeps_the_previous_board(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """A body that does not parse raises, and is parsed again (not taken as unchanged)."""
    url = FEEDS["nba_cdn"][2]
    provider = NbaCdnProvider(async_get_clientsession(hass), LEAGUES["nba"])
    aioclient_mock.get(url, json={"scoreboard": {"games": []}})
    board = await provider.async_get_scoreboard([], NOW)
    aioclient_mock.clear_requests()
    aioclient_mock.get(url, json={"scoreboard": {"games": "nope"}})
    for _ in range(2):
        with pytest.raises(ProviderResponseError):
            await provider.async_get_scoreboard([], NOW)
    aioclient_mock.clear_requests()
    aioclient_mock.get(url, json={"scoreboard": {"games": []}})
    assert await provider.async_get_scoreboard([], NOW) is board
