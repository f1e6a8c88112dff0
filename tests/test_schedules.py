"""A followed team's schedule beside the board: last result, calendar, sinks, timing.

The board is what the provider says about today; a team's schedule (its past
and upcoming games) is its own thing, read by the entities and never merged
into the board that the diff, the bus, history and webhooks see.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
import copy
from datetime import timedelta
import re
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.calendar import DOMAIN as CALENDAR_DOMAIN
from homeassistant.core import Event, HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import async_fire_time_changed
from pytest_homeassistant_custom_component.test_util.aiohttp import (
    AiohttpClientMocker,
    AiohttpClientMockResponse,
)
from yarl import URL

from custom_components.live_sports.const import CONF_HISTORY, CONF_STREAM_DELAY, DOMAIN
from custom_components.live_sports.history.backends import HistoryConfig, Kind

from .conftest import (
    ATL_GAME_ID,
    ESPN,
    ESPN_WEB,
    NFL_NOW,
    league_entry,
    mock_espn_nfl,
    own,
    recorded,
    setup_entry,
    tick,
)

GB = "9"
"""Green Bay: at Minnesota at 20:25 on the recorded NFL board (NFL_NOW is 20:00)."""
GB_GAME = "401437649"
LAST_WEEK = "401437001"


def _event(payload: dict[str, Any], game_id: str) -> dict[str, Any]:
    return copy.deepcopy(next(e for e in payload["events"] if e["id"] == game_id))


def _as_final(
    event: dict[str, Any], game_id: str, date: str, scores: dict[str, str]
) -> dict[str, Any]:
    """Return a copy of an event as another game, final with these scores by team id."""
    event = copy.deepcopy(event)
    event.update(id=game_id, date=date)
    competition = event["competitions"][0]
    competition["date"] = date
    competition["status"]["type"].update(
        name="STATUS_FINAL", state="post", completed=True, detail="Final"
    )
    for competitor in competition["competitors"]:
        competitor["score"] = scores[competitor["team"]["id"]]
    return event


def _gb_schedule() -> dict[str, Any]:
    """Green Bay's schedule: last week's win at Minnesota (27-10), today's game (stale)."""
    board = recorded("espn/nfl.json")
    today = _event(board, GB_GAME)
    last_week = _as_final(today, LAST_WEEK, "2022-09-04T17:00Z", {GB: "27", "16": "10"})
    return {"events": [last_week, today]}


async def _get_events(hass: HomeAssistant, entity_id: str) -> list[dict[str, Any]]:
    response = await hass.services.async_call(
        CALENDAR_DOMAIN,
        "get_events",
        {
            "entity_id": entity_id,
            "start_date_time": "2022-09-01T00:00:00Z",
            "end_date_time": "2022-09-30T00:00:00Z",
        },
        blocking=True,
        return_response=True,
    )
    assert response is not None
    events: list[dict[str, Any]] = response[entity_id]["events"]  # type: ignore[assignment,index]
    return events


@pytest.mark.freeze_time(NFL_NOW)
async def test_last_result_on_game_day_before_kick_off(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    """25 minutes before kick-off a fan still sees last week's result, and so does the calendar."""
    aioclient_mock.get(f"{ESPN}/football/nfl/teams/{GB}/schedule", json=_gb_schedule())
    mock_espn_nfl(aioclient_mock, nfl_teams_payload)
    await setup_entry(hass, league_entry("nfl", [GB]))

    assert hass.states.get("sensor.green_bay_packers_game_status").state == "scheduled"
    assert hass.states.get("sensor.green_bay_packers_opponent").state == "Minnesota Vikings"
    assert hass.states.get("sensor.green_bay_packers_last_result").state == "W 27–10 @ MIN"
    events = await _get_events(hass, "calendar.green_bay_packers_games")
    assert [(e["summary"], e["description"].splitlines()[-1]) for e in events] == [
        ("GB @ MIN", "W 27–10"),
        ("GB @ MIN", "TV: FOX"),
    ]

    # A refresh later (the board unchanged, the schedule not asked again) it is still there.
    freezer.tick(timedelta(minutes=10))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert hass.states.get("sensor.green_bay_packers_last_result").state == "W 27–10 @ MIN"


class _Backend:
    """A history backend that keeps what it is asked to write."""

    def __init__(self) -> None:
        self.config = HistoryConfig(kind=Kind.INFLUXDB_1, url="http://influx.test", database="d")
        self.lines: list[str] = []

    async def async_write(self, lines: Sequence[str]) -> None:
        self.lines.extend(lines)

    async def async_query(self, query: str) -> list[dict[str, Any]]:
        return []

    async def async_check(self) -> None:
        return None

    def close(self) -> None:
        return None


LAKERS_IDLE = "2026-05-09T12:00:00+00:00"
"""A day without a Lakers game on the board (their next is the following night)."""


@pytest.mark.freeze_time(LAKERS_IDLE)
async def test_idle_day_board_holds_no_schedule(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    events: list[Event],
    hass_storage: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    """An idle day: the team's entities read its schedule, the sinks see no game of it.

    Neither the first run nor a run after a restart writes the schedule's old
    finals to history, fires events for them, or stores them as the shown view.
    """
    schedule = recorded("espn/nba_team_schedule.json")
    finals = [
        e["id"] for e in schedule["events"] if e["competitions"][0]["status"]["type"]["completed"]
    ]
    aioclient_mock.get(
        f"{ESPN}/basketball/nba/teams",
        json={"sports": [{"leagues": [{"teams": [{"team": schedule["team"]}]}]}]},
    )
    aioclient_mock.get(f"{ESPN}/basketball/nba/scoreboard", json={"events": []})
    aioclient_mock.get(f"{ESPN}/basketball/nba/teams/13/schedule", json=schedule)
    entry = league_entry(
        "nba",
        ["13"],
        options={
            CONF_STREAM_DELAY: 30,
            CONF_HISTORY: {"kind": "influxdb_1", "url": "http://influx.test", "database": "d"},
        },
    )
    backend = _Backend()
    with patch("custom_components.live_sports.history.build_backend", return_value=backend):
        await setup_entry(hass, entry)
        # The very first set-up with a stream delay shows once a board is old enough.
        await tick(hass, freezer, 31)
        # The entities read the schedule: the next game, the last result.
        lal = "sensor.los_angeles_lakers"
        assert hass.states.get(f"{lal}_game_start").state == "2026-05-10T00:30:00+00:00"
        assert hass.states.get(f"{lal}_last_result").state == "W 98–78 @ HOU"
        # The board is today's: no game of the schedule is on it.
        assert entry.runtime_data.coordinator.data.games == ()
        await entry.runtime_data.history.writer.async_flush()
        assert await hass.config_entries.async_unload(entry.entry_id)
        stored = hass_storage[f"{DOMAIN}.{entry.entry_id}"]["data"]
        assert stored["view"] is None or stored["view"]["games"] == []
        assert all(not release["board"]["games"] for release in stored["pending"])

        # After a restart: still no schedule game in the board or the sinks.
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
        assert hass.states.get(f"{lal}_last_result").state == "W 98–78 @ HOU"
        assert entry.runtime_data.coordinator.data.games == ()
        await entry.runtime_data.history.writer.async_flush()
    written = " ".join(backend.lines)
    assert not [game_id for game_id in finals if game_id in written]
    assert events == []


def _blocking(
    answer: dict[str, Any], release: asyncio.Event, waiting: list[str]
) -> Callable[[str, URL, Any], Awaitable[AiohttpClientMockResponse]]:
    """Return a mocked request that answers only once `release` is set."""

    async def respond(method: str, url: URL, data: Any) -> AiohttpClientMockResponse:
        waiting.append(url.path)
        await release.wait()
        return AiohttpClientMockResponse(method, url, json=answer)

    return respond


def _score(board: dict[str, Any], game_id: str, home: str) -> dict[str, Any]:
    board = copy.deepcopy(board)
    competition = next(e for e in board["events"] if e["id"] == game_id)["competitions"][0]
    next(c for c in competition["competitors"] if c["homeAway"] == "home")["score"] = home
    return board


@pytest.mark.freeze_time(NFL_NOW)
async def test_slow_schedules_do_not_delay_the_live_score(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    """Schedules due again are asked for together, beside the refresh: the score comes at once."""
    mock_espn_nfl(aioclient_mock, nfl_teams_payload)
    await setup_entry(hass, league_entry("nfl", ["1", GB]))
    assert hass.states.get("sensor.atlanta_falcons_score").state == "26"

    # Six hours on the schedules are due; ESPN is slow to answer them.
    release, waiting = asyncio.Event(), []
    aioclient_mock.clear_requests()
    aioclient_mock.get(
        f"{ESPN}/football/nfl/teams/1/schedule",
        side_effect=_blocking({"events": []}, release, waiting),
    )
    aioclient_mock.get(
        f"{ESPN}/football/nfl/teams/{GB}/schedule",
        side_effect=_blocking(_gb_schedule(), release, waiting),
    )
    mock_espn_nfl(
        aioclient_mock, nfl_teams_payload, _score(recorded("espn/nfl.json"), "401437650", "33")
    )
    try:
        freezer.tick(timedelta(hours=6, minutes=1))
        async_fire_time_changed(hass)
        await hass.async_block_till_done()
        for _ in range(5):
            await asyncio.sleep(0)
        # Both schedule requests are out at once, and the new score is shown meanwhile.
        assert sorted(waiting) == sorted(
            [f"/apis/site/v2/sports/football/nfl/teams/{t}/schedule" for t in ("1", GB)]
        )
        assert hass.states.get("sensor.atlanta_falcons_score").state == "33"
    finally:
        release.set()
        await hass.async_block_till_done(wait_background_tasks=False)
        for _ in range(10):
            await asyncio.sleep(0)
    await hass.async_block_till_done()
    # Once answered, the schedule is read: Green Bay's last result.
    assert hass.states.get("sensor.green_bay_packers_last_result").state == "W 27–10 @ MIN"


WEDNESDAY = "2026-09-16T19:50:00+00:00"
"""Liverpool's League Cup tie is under way; Fulham, also followed, plays in the league."""
EPL = {"id": "700", "name": "English Premier League", "slug": "eng.1"}
CUP = {"id": "2269", "name": "English Carabao Cup", "slug": "eng.league_cup"}


def _live(event: dict[str, Any], home: int, away: int) -> dict[str, Any]:
    event = copy.deepcopy(event)
    competition = event["competitions"][0]
    competition["status"].update(displayClock="20'", period=1)
    competition["status"]["type"].update(
        name="STATUS_FIRST_HALF", state="in", completed=False, detail="20'"
    )
    for competitor, score in zip(competition["competitors"], (home, away), strict=True):
        competitor["score"] = str(score)
    return event


@pytest.mark.freeze_time(WEDNESDAY)
async def test_slow_cup_board_does_not_delay_the_league_score(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    freezer: FrozenDateTimeFactory,
) -> None:
    """The cup's board asked at the same time as the league's; slow, it holds no score back."""
    fixtures = own("espn_club_fixtures.json")
    cup_tie, league_game = fixtures["events"]
    liverpool = cup_tie["competitions"][0]["competitors"][0]["team"]
    fulham = league_game["competitions"][0]["competitors"][1]["team"]
    # Fulham at home tonight, against a club nobody follows.
    fulham_game = copy.deepcopy(league_game)
    fulham_game.update(id="401000150", date="2026-09-16T19:30Z")
    home, away = fulham_game["competitions"][0]["competitors"]
    fulham_game["competitions"][0]["date"] = "2026-09-16T19:30Z"
    home["team"], away["team"] = copy.deepcopy(fulham), {**liverpool, "id": "999"}

    def serve(fulham_score: int, cup: dict[str, Any]) -> None:
        aioclient_mock.clear_requests()
        teams = [{"team": team} for team in (liverpool, fulham)]
        aioclient_mock.get(
            f"{ESPN}/soccer/eng.1/teams", json={"sports": [{"leagues": [{"teams": teams}]}]}
        )
        aioclient_mock.get(
            f"{ESPN}/soccer/eng.1/scoreboard",
            params={"dates": "20260916"},
            json={"leagues": [EPL], "events": [_live(fulham_game, fulham_score, 0)]},
        )
        aioclient_mock.get(
            f"{ESPN}/soccer/eng.1/scoreboard",
            params={"dates": "202609"},
            json={"leagues": [EPL], "events": [league_game]},
        )
        aioclient_mock.get(
            f"{ESPN_WEB}/soccer/all/teams/364/schedule", params={"fixture": "true"}, json=fixtures
        )
        aioclient_mock.get(re.compile(r"/soccer/all/teams/[^/]+/schedule"), json={"events": []})
        aioclient_mock.get(f"{ESPN}/soccer/eng.league_cup/scoreboard", **cup)

    serve(0, {"json": {"leagues": [CUP], "events": [_live(cup_tie, 0, 0)]}})
    await setup_entry(hass, league_entry("epl", ["364", "370"]))
    assert hass.states.get("sensor.liverpool_game_status").state == "live"
    assert hass.states.get("sensor.fulham_score").state == "0"

    # Fulham score; the cup's board is slow to answer (Liverpool scored too).
    release, waiting = asyncio.Event(), []
    answer = {"leagues": [CUP], "events": [_live(cup_tie, 1, 0)]}
    serve(1, {"side_effect": _blocking(answer, release, waiting)})
    try:
        freezer.tick(timedelta(seconds=11))
        async_fire_time_changed(hass)
        await hass.async_block_till_done()
        assert waiting == ["/apis/site/v2/sports/soccer/eng.league_cup/scoreboard"]
        freezer.tick(timedelta(seconds=3))
        async_fire_time_changed(hass)
        await hass.async_block_till_done()
        # Fulham's goal is shown while the cup's board is still out.
        assert hass.states.get("sensor.fulham_score").state == "1"
        assert hass.states.get("sensor.liverpool_score").state == "0"
    finally:
        release.set()
        for _ in range(10):
            await asyncio.sleep(0)
    # What the cup's board answered is taken at the next refresh.
    serve(1, {"json": answer})
    freezer.tick(timedelta(seconds=11))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert hass.states.get("sensor.liverpool_score").state == "1"


@pytest.mark.freeze_time(NFL_NOW)
async def test_schedule_never_spoils_a_delayed_game(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    """With a stream delay, a schedule that already says final does not tell the result."""
    board = recorded("espn/nfl.json")
    atl_final = _as_final(
        _event(board, ATL_GAME_ID), ATL_GAME_ID, "2022-09-11T17:00Z", {"1": "29", "18": "24"}
    )
    last_week = _as_final(
        _event(board, ATL_GAME_ID), LAST_WEEK, "2022-09-04T17:00Z", {"1": "20", "18": "10"}
    )
    aioclient_mock.get(
        f"{ESPN}/football/nfl/teams/1/schedule", json={"events": [last_week, atl_final]}
    )
    mock_espn_nfl(aioclient_mock, nfl_teams_payload)
    await setup_entry(hass, league_entry("nfl", ["1"], options={CONF_STREAM_DELAY: 60}))
    freezer.tick(timedelta(seconds=61))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()

    # The shown (delayed) board has the game under way: it wins over the schedule.
    assert hass.states.get("sensor.atlanta_falcons_game_status").state == "live"
    assert hass.states.get("sensor.atlanta_falcons_score").state == "26"
    # Last result: last week's, never the delayed game's final from the schedule.
    assert hass.states.get("sensor.atlanta_falcons_last_result").state == "W 20–10 vs NO"
    events = await _get_events(hass, "calendar.atlanta_falcons_games")
    # Last week's game with its result; today's without the final the schedule knows.
    assert [e["description"] for e in events] == ["NFL\nTV: FOX\nW 20–10", "NFL, week 1\nTV: FOX"]
