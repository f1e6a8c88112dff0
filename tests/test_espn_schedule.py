"""Where a followed team's games are: schedules across competitions, and their boards."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession
import pytest
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.live_sports.providers.base import ProviderRateLimitedError
from custom_components.live_sports.providers.espn import (
    LEAGUES,
    EspnProvider,
    UnknownLeagueError,
    parse_schedule,
)
from custom_components.live_sports.providers.espn.leagues import path_league
from custom_components.live_sports.providers.espn.schedule import (
    Board,
    Competition,
    event_competition,
    group_boards,
    team_group,
)

from .conftest import ESPN, ESPN_WEB, own

WEDNESDAY = datetime(2026, 9, 16, 19, 50, tzinfo=UTC)
CUP = Board("soccer/eng.league_cup")


def test_a_club_schedule_names_each_competition() -> None:
    """Games of another competition say which, and are live on its board."""
    schedule = parse_schedule(own("espn_club_fixtures.json"), LEAGUES["epl"], clubs=True)
    cup, league = schedule.games
    assert (cup.league, cup.competition, league.competition) == ("epl", "EFL Cup", None)
    assert schedule.boards == {cup.id: CUP}
    # The same schedule read for a league entry of the cup itself: the league game is the other.
    schedule = parse_schedule(own("espn_club_fixtures.json"), LEAGUES["efl_cup"], clubs=True)
    assert [game.competition for game in schedule.games] == [None, "Premier League"]
    # Not a club schedule: nobody's competition is asked for.
    assert parse_schedule(own("espn_club_fixtures.json"), LEAGUES["epl"]).boards == {}


@pytest.mark.parametrize(
    ("event", "competition"),
    [
        (
            {"league": {"slug": "ENG.FA", "name": "English FA Cup"}},
            Competition("eng.fa", "English FA Cup"),
        ),
        ({"league": {"slug": "eng.fa"}}, Competition("eng.fa")),
        (
            {
                "links": [
                    {"href": "https://www.espn.com/soccer/match/_/gameId/1"},
                    "not a link",
                    {
                        "href": "sportscenter://x-callback-url/showGame?leagueAbbrev=esp.copa_del_rey"
                    },
                ]
            },
            Competition("esp.copa_del_rey"),
        ),
        ({"league": {"slug": ""}, "links": []}, None),
        ({}, None),
    ],
)
def test_event_competition(event: dict[str, Any], competition: Competition | None) -> None:
    """An event's competition comes from its league, else its app link's league."""
    assert event_competition(event) == competition


def test_unnamed_competition_keeps_the_schedule_name() -> None:
    """A competition outside the list is named as the schedule names it, else by its slug."""
    payload = own("espn_club_fixtures.json")
    payload["events"][0]["league"] = {"slug": "eng.trophy", "name": "EFL Trophy"}
    payload["events"][1]["league"] = {"slug": "eng.xyz"}
    games = parse_schedule(payload, LEAGUES["epl"], clubs=True).games
    assert [game.competition for game in games] == ["EFL Trophy", "eng.xyz"]


@pytest.mark.parametrize(
    ("payload", "group"),
    [
        ({"team": {"groups": {"id": "21", "parent": {"id": "81"}}}}, "81"),
        ({"team": {"groups": {"id": "21", "parent": {}}}}, "21"),
        ({"team": {"groups": {"id": "", "parent": "81"}}}, None),
        ({"team": {"groups": "81"}}, None),
        ({"team": {}}, None),
        ([], None),
    ],
)
def test_team_group(payload: Any, group: str | None) -> None:
    """A college team's board group: its division, else its conference."""
    assert team_group(payload) == group


def test_group_boards_only_off_the_featured_group() -> None:
    """Only a college team outside the league's own group needs another board."""
    schedule = parse_schedule(own("espn_fcs_schedule.json"), LEAGUES["ncaaf"])
    assert schedule.boards == {"401000201": Board("football/college-football", "81")}
    fcs = parse_schedule(own("espn_fcs_schedule.json"), LEAGUES["ncaaf_fcs"])
    assert fcs.boards == {}
    assert group_boards(LEAGUES["nba"], schedule.games, "6") == {}
    assert group_boards(path_league("football/college-football"), schedule.games, None) == {}


def _liverpool(aioclient_mock: AiohttpClientMocker, **cup: Any) -> None:
    aioclient_mock.get(f"{ESPN}/soccer/eng.1/scoreboard", json={"events": []})
    aioclient_mock.get(f"{ESPN}/soccer/all/teams/364/schedule", json={"events": []})
    aioclient_mock.get(
        f"{ESPN_WEB}/soccer/all/teams/364/schedule", json=own("espn_club_fixtures.json")
    )
    aioclient_mock.get(f"{ESPN}/soccer/eng.league_cup/scoreboard", **cup)


async def _provider(hass: HomeAssistant) -> EspnProvider:
    """Return the provider once it knows Liverpool's schedule (its cup tie's board)."""
    provider = EspnProvider(async_get_clientsession(hass), LEAGUES["epl"])
    await provider.async_get_schedules(["364"], WEDNESDAY)
    return provider


async def test_a_failing_cup_board_keeps_the_refresh(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """The cup's board down: the league's board still comes; the cup game stays the schedule's."""
    _liverpool(aioclient_mock, status=500)
    provider = await _provider(hass)
    board = await provider.async_get_scoreboard(["364"], WEDNESDAY)
    assert board.games == ()
    cup = (await provider.async_get_schedules(["364"], WEDNESDAY))["364"][0]
    assert (cup.id, cup.competition, cup.phase.value) == ("401000101", "EFL Cup", "scheduled")


async def test_a_rate_limited_cup_board_slows_polling(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """HTTP 429 from the cup's board is the refresh's: polling backs off."""
    _liverpool(aioclient_mock, status=429, headers={"Retry-After": "120"})
    with pytest.raises(ProviderRateLimitedError):
        await (await _provider(hass)).async_get_scoreboard(["364"], WEDNESDAY)


async def test_an_unchanged_cup_board_changes_nothing(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """The same bodies again (league and cup boards): the same scoreboard object."""
    fixtures = own("espn_club_fixtures.json")
    _liverpool(aioclient_mock, json={"events": [fixtures["events"][0]]})
    provider = await _provider(hass)
    first = await provider.async_get_scoreboard(["364"], WEDNESDAY)
    assert [game.id for game in first.games_of("364")] == ["401000101"]
    again = await provider.async_get_scoreboard(["364"], WEDNESDAY + timedelta(seconds=10))
    assert again is first
    # Saturday: the cup's board is no longer asked for, and forgotten.
    aioclient_mock.clear_requests()
    _liverpool(aioclient_mock, status=500)
    saturday = await provider.async_get_scoreboard(["364"], WEDNESDAY + timedelta(days=3))
    assert not [call for call in aioclient_mock.mock_calls if "eng.league_cup" in str(call[1])]
    assert saturday.games == ()  # the league's board only: the schedule is not merged in


async def test_a_league_by_path_espn_does_not_know(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """A league's board answering 404 (gone from ESPN) is an unknown league, not a network error."""
    aioclient_mock.get(f"{ESPN}/rugby/267979/scoreboard", status=404)
    provider = EspnProvider(async_get_clientsession(hass), path_league("rugby/267979"))
    with pytest.raises(UnknownLeagueError) as raised:
        await provider.async_get_scoreboard([], WEDNESDAY)
    assert raised.value.translation_key == "unknown_league"
