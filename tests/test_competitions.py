"""Every league a fan follows, live: a league by path, a club's cup tie, an FCS game.

Each test sets an entry up on hand-written ESPN-shaped payloads (see
``tests/fixtures/README.md``) and moves the frozen clock; what the entities
show and the bus events fired are asserted as a user would see them.
"""

from __future__ import annotations

import copy
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import Event, HomeAssistant
import pytest
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.live_sports.const import CONF_LEAGUE_NAME, CONF_PATH
from custom_components.live_sports.events import (
    EVENT_GAME_ENDED,
    EVENT_GAME_STARTED,
    EVENT_SCORE_CHANGED,
)

from .conftest import (
    ESPN,
    ESPN_WEB,
    league_entry,
    mock_espn_schedules,
    own,
    setup_entry,
    tick,
)

LIVE = ("STATUS_IN_PROGRESS", "in", False)
FIRST_HALF = ("STATUS_FIRST_HALF", "in", False)
FULL_TIME = ("STATUS_FULL_TIME", "post", True)


def _play(
    event: dict[str, Any],
    home: int,
    away: int,
    status: tuple[str, str, bool] = LIVE,
    clock: str = "10'",
) -> dict[str, Any]:
    """Return the event under way (or over) at this score."""
    event = copy.deepcopy(event)
    competition = event["competitions"][0]
    name, state, completed = status
    competition["status"].update(displayClock=clock, period=1)
    competition["status"]["type"].update(name=name, state=state, completed=completed, detail=name)
    for competitor, score in zip(competition["competitors"], (home, away), strict=True):
        competitor["score"] = str(score)
    return event


def _board(league: dict[str, Any], *events: dict[str, Any]) -> dict[str, Any]:
    return {"leagues": [league], "events": list(events)}


def _teams(*teams: dict[str, Any]) -> dict[str, Any]:
    return {"sports": [{"leagues": [{"teams": [{"team": team} for team in teams]}]}]}


def _calls(aioclient_mock: AiohttpClientMocker) -> list[str]:
    """Return the requests made: host's first label, path and query."""
    return [
        f"{url.host.split('.')[1]} {url.path.split('/sports/')[1]}?{url.query_string}"
        for _, url, _, _ in aioclient_mock.mock_calls
    ]


# A league added by its path -------------------------------------------------

RUGBY = "rugby/267979"
BATH = "sensor.bath_rugby"


def _serve_rugby(aioclient_mock: AiohttpClientMocker, event: dict[str, Any]) -> None:
    board = own("espn_path_league_board.json")
    aioclient_mock.clear_requests()
    aioclient_mock.get(f"{ESPN}/{RUGBY}/teams", json=own("espn_path_league_teams.json"))
    aioclient_mock.get(f"{ESPN}/{RUGBY}/scoreboard", json={**board, "events": [event]})
    mock_espn_schedules(aioclient_mock, RUGBY)


@pytest.mark.freeze_time("2026-10-03T14:05:00+00:00")
@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_path_league_shows_live_scores(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    freezer: FrozenDateTimeFactory,
    events: list[Event],
) -> None:
    """A league added by its path polls its board at its sport's tempo and shows the score."""
    kick_off = own("espn_path_league_board.json")["events"][0]
    _serve_rugby(aioclient_mock, kick_off)
    entry = league_entry(
        "espn_rugby_267979",
        ["25898"],
        title="Gallagher Premiership",
        data={CONF_PATH: RUGBY, CONF_LEAGUE_NAME: "Gallagher Premiership"},
    )
    await setup_entry(hass, entry)
    status = hass.states.get(f"{BATH}_game_status")
    assert status.state == "scheduled"
    assert status.attributes["competition"] == "Gallagher Premiership"
    assert hass.states.get(f"{BATH}_opponent").state == "Saracens"

    _serve_rugby(aioclient_mock, _play(kick_off, 7, 3))
    await tick(hass, freezer, 16)
    assert hass.states.get(f"{BATH}_game_status").state == "live"
    assert hass.states.get(f"{BATH}_score").state == "7"
    assert hass.states.get(f"{BATH}_opponent_score").state == "3"
    card = hass.states.get(f"{BATH}_team_tracker")
    assert (card.state, card.attributes["sport"], card.attributes["league"]) == (
        "IN",
        "rugby",
        "Gallagher Premiership",
    )
    # The kick-off and the first scores, each side's its own event.
    assert [event.event_type for event in events] == [
        EVENT_GAME_STARTED,
        EVENT_SCORE_CHANGED,
        EVENT_SCORE_CHANGED,
    ]

    _serve_rugby(aioclient_mock, _play(kick_off, 14, 3))
    await tick(hass, freezer, 16)  # rugby's live tempo is 15 s
    assert hass.states.get(f"{BATH}_score").state == "14"
    assert events[-1].event_type == EVENT_SCORE_CHANGED
    assert events[-1].data["league"] == "espn_rugby_267979"
    assert _calls(aioclient_mock) == [f"api {RUGBY}/scoreboard?dates=20261003&limit=500"]


# A club across its competitions ---------------------------------------------

LIVERPOOL = "sensor.liverpool"
CUP_GAME, LEAGUE_GAME = 0, 1
"""The Wednesday League Cup tie and the Saturday Premier League game in the fixtures."""
EPL_BOARD = {"id": "700", "name": "English Premier League", "slug": "eng.1"}
CUP_BOARD = {"id": "2269", "name": "English Carabao Cup", "slug": "eng.league_cup"}


def _serve_liverpool(
    aioclient_mock: AiohttpClientMocker,
    day: str,
    league_day: list[dict[str, Any]],
    cup_day: list[dict[str, Any]] | None,
) -> None:
    """Answer the Premier League's day and month boards, the club's schedules and the cup's day.

    ``cup_day`` None: the cup's board is not mocked, so asking for it fails the test.
    """
    fixtures = own("espn_club_fixtures.json")
    liverpool = fixtures["events"][CUP_GAME]["competitions"][0]["competitors"][0]["team"]
    aioclient_mock.clear_requests()
    aioclient_mock.get(f"{ESPN}/soccer/eng.1/teams", json=_teams(liverpool))
    aioclient_mock.get(
        f"{ESPN}/soccer/eng.1/scoreboard",
        params={"dates": day},
        json=_board(EPL_BOARD, *league_day),
    )
    aioclient_mock.get(
        f"{ESPN}/soccer/eng.1/scoreboard",
        params={"dates": "202609"},
        json=_board(EPL_BOARD, fixtures["events"][LEAGUE_GAME]),
    )
    aioclient_mock.get(f"{ESPN}/soccer/all/teams/364/schedule", json={"events": []})
    aioclient_mock.get(
        f"{ESPN_WEB}/soccer/all/teams/364/schedule", params={"fixture": "true"}, json=fixtures
    )
    if cup_day is not None:
        aioclient_mock.get(
            f"{ESPN}/soccer/eng.league_cup/scoreboard",
            params={"dates": day},
            json=_board(CUP_BOARD, *cup_day),
        )


@pytest.mark.freeze_time("2026-09-16T19:50:00+00:00")
@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_club_cup_game_fires_the_same_events_as_its_league_games(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    freezer: FrozenDateTimeFactory,
    events: list[Event],
) -> None:
    """Wednesday's League Cup tie and Saturday's league game: same entities, same events.

    The cup's board is asked for only on the cup day; on Saturday each
    refresh is the league's one request again.
    """
    fixtures = own("espn_club_fixtures.json")
    cup, league = fixtures["events"][CUP_GAME], fixtures["events"][LEAGUE_GAME]
    _serve_liverpool(aioclient_mock, "20260916", [], [_play(cup, 0, 0, FIRST_HALF, "5'")])
    await setup_entry(hass, league_entry("epl", ["364"], title="Premier League"))
    status = hass.states.get(f"{LIVERPOOL}_game_status")
    assert (status.state, status.attributes["competition"]) == ("live", "EFL Cup")
    assert hass.states.get(f"{LIVERPOOL}_opponent").state == "Tottenham Hotspur"
    assert hass.states.get(f"{LIVERPOOL}_team_tracker").attributes["league"] == "EFL Cup"
    assert "api soccer/eng.league_cup/scoreboard?dates=20260916&limit=500" in _calls(aioclient_mock)

    _serve_liverpool(aioclient_mock, "20260916", [], [_play(cup, 1, 0, FIRST_HALF, "23'")])
    await tick(hass, freezer, 11)
    assert sorted(_calls(aioclient_mock)) == [  # both at once
        "api soccer/eng.1/scoreboard?dates=20260916&limit=500",
        "api soccer/eng.league_cup/scoreboard?dates=20260916&limit=500",
    ]
    assert hass.states.get(f"{LIVERPOOL}_score").state == "1"
    _serve_liverpool(aioclient_mock, "20260916", [], [_play(cup, 1, 0, FULL_TIME, "90'")])
    await tick(hass, freezer, 11)
    cup_events = list(events)
    assert [event.event_type for event in cup_events] == [
        EVENT_SCORE_CHANGED,
        EVENT_GAME_ENDED,
    ]
    assert cup_events[0].data["team_scored"] is True
    assert cup_events[0].data["game"]["competition"] == "EFL Cup"
    assert cup_events[1].data["result"] == "win"
    assert hass.states.get(f"{LIVERPOOL}_last_result").state.startswith("W")

    # Saturday: the league game, on the league's own board (listed before kick-off).
    freezer.move_to("2026-09-19T13:50:00+00:00")
    _serve_liverpool(aioclient_mock, "20260919", [league], None)
    await tick(hass, freezer, 1)
    assert hass.states.get(f"{LIVERPOOL}_game_status").state == "scheduled"
    freezer.move_to("2026-09-19T14:10:00+00:00")
    _serve_liverpool(aioclient_mock, "20260919", [_play(league, 0, 0)], None)
    await tick(hass, freezer, 1)
    status = hass.states.get(f"{LIVERPOOL}_game_status")
    assert (status.state, status.attributes["competition"]) == ("live", "Premier League")
    assert hass.states.get(f"{LIVERPOOL}_opponent").state == "Fulham"

    _serve_liverpool(aioclient_mock, "20260919", [_play(league, 1, 0)], None)
    await tick(hass, freezer, 11)
    assert _calls(aioclient_mock) == ["api soccer/eng.1/scoreboard?dates=20260919&limit=500"]
    _serve_liverpool(aioclient_mock, "20260919", [_play(league, 1, 0, FULL_TIME)], None)
    await tick(hass, freezer, 11)
    league_events = events[len(cup_events) :]
    assert [event.event_type for event in league_events] == [
        EVENT_GAME_STARTED,
        EVENT_SCORE_CHANGED,
        EVENT_GAME_ENDED,
    ]
    for cup_event, league_event in zip(cup_events, league_events[1:], strict=True):
        assert cup_event.event_type == league_event.event_type
        assert set(cup_event.data) == set(league_event.data)
        assert cup_event.data["league"] == league_event.data["league"] == "epl"
        assert cup_event.data["team_id"] == league_event.data["team_id"] == "364"
    assert "competition" not in league_events[1].data["game"]


# A college team outside the featured division -------------------------------

NDSU = "sensor.north_dakota_state_bison"
COLLEGE = f"{ESPN}/football/college-football"


def _serve_fcs(aioclient_mock: AiohttpClientMocker, fcs_day: list[dict[str, Any]]) -> None:
    aioclient_mock.clear_requests()
    aioclient_mock.get(f"{COLLEGE}/teams", json=own("espn_fcs_teams.json"))
    aioclient_mock.get(f"{COLLEGE}/scoreboard", params={"groups": "80"}, json={"events": []})
    aioclient_mock.get(f"{COLLEGE}/scoreboard", params={"groups": "81"}, json={"events": fcs_day})
    aioclient_mock.get(f"{COLLEGE}/teams/2449/schedule", json=own("espn_fcs_schedule.json"))


@pytest.mark.freeze_time("2026-10-03T18:55:00+00:00")
@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_fcs_game_goes_live(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, freezer: FrozenDateTimeFactory
) -> None:
    """An FCS team followed in the FBS league: its game is polled live on the FCS board."""
    game = own("espn_fcs_schedule.json")["events"][0]
    _serve_fcs(aioclient_mock, [game])
    await setup_entry(hass, league_entry("ncaaf", ["2449"], title="NCAA Football (FBS)"))
    assert hass.states.get(f"{NDSU}_game_status").state == "scheduled"
    assert "api football/college-football/scoreboard?dates=20261003&limit=500&groups=81" in (
        _calls(aioclient_mock)
    )

    freezer.move_to("2026-10-03T19:10:00+00:00")
    _serve_fcs(aioclient_mock, [_play(game, 7, 0, clock="9:12")])
    await tick(hass, freezer, 16)
    assert hass.states.get(f"{NDSU}_game_status").state == "live"
    assert hass.states.get(f"{NDSU}_score").state == "7"
    assert hass.states.get(f"{NDSU}_team_tracker").state == "IN"
    # Every refresh: the featured board and the FCS board, nothing else.
    assert len(aioclient_mock.mock_calls) == 2
