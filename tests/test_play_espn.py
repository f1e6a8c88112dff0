"""Who scored on ESPN's soccer board, through Home Assistant: no extra request."""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import Event, HomeAssistant
import pytest
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.live_sports.events import (
    EVENT_CARD,
    EVENT_SCORE_CHANGED,
    EVENT_SCORING_PLAY,
)
from custom_components.live_sports.logbook import async_describe_events

from .conftest import ESPN, league_entry, mock_espn_clubs, recorded, setup_entry, tick

pytestmark = pytest.mark.freeze_time("2022-09-18T00:30:00+00:00")
ORLANDO = "12011"
GAME = "623600"
"""TOR @ ORL, second half, 3-0: goals 9' and 22', two cards, an own goal 47'."""


def _board(drop: int = 0) -> dict[str, Any]:
    """Return the recorded MLS board, ORL v TOR without its last `drop` details."""
    payload = recorded("espn/mls.json")
    event = next(e for e in payload["events"] if e["id"] == GAME)
    competition = event["competitions"][0]
    if drop:
        gone = competition["details"][-drop:]
        competition["details"] = competition["details"][:-drop]
        goals = sum(1 for detail in gone if detail.get("scoringPlay"))
        home = competition["competitors"][0]
        home["score"] = str(int(home["score"]) - goals)
    return payload


def _serve(aioclient_mock: AiohttpClientMocker, board: dict[str, Any]) -> None:
    aioclient_mock.clear_requests()
    teams = {
        c["team"]["id"]: c["team"]
        for e in board["events"]
        for c in e["competitions"][0]["competitors"]
    }
    aioclient_mock.get(
        f"{ESPN}/soccer/usa.1/teams",
        json={"sports": [{"leagues": [{"teams": [{"team": teams[ORLANDO]}]}]}]},
    )
    aioclient_mock.get(f"{ESPN}/soccer/usa.1/scoreboard", params={"dates": "20220917"}, json=board)
    aioclient_mock.get(
        f"{ESPN}/soccer/usa.1/scoreboard", params={"dates": "202209"}, json={"events": []}
    )
    mock_espn_clubs(aioclient_mock)


async def test_an_own_goal_and_a_card_from_the_board(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    freezer: FrozenDateTimeFactory,
    events: list[Event],
) -> None:
    """The board's details name the own goal's player; its score change carries him.

    The plays already on the board when Home Assistant first looked fire
    nothing; no summary is asked for soccer.
    """
    _serve(aioclient_mock, _board(drop=2))  # before the 38' card and the 47' own goal
    await setup_entry(hass, league_entry("mls", [ORLANDO]))
    assert events == []
    _serve(aioclient_mock, _board())
    await tick(hass, freezer, 11)
    assert [e.event_type for e in events] == [EVENT_CARD, EVENT_SCORING_PLAY, EVENT_SCORE_CHANGED]
    card, own_goal, score = (e.data for e in events)
    assert (card["scorer"], card["play_kind"], card["for_followed_team"]) == (
        "Joao Moutinho",
        "yellow_card",
        True,
    )
    assert (own_goal["scorer"], own_goal["play_kind"], own_goal["team_scored"]) == (
        "Lukas MacNaughton",
        "own_goal",
        True,
    )
    assert (score["points"], score["play_id"]) == (1, own_goal["play_id"])
    described: dict[str, Any] = {}
    async_describe_events(hass, lambda _d, kind, describe: described.setdefault(kind, describe))
    assert described[EVENT_SCORING_PLAY](events[1])["message"] == (
        "Own goal — L MacNaughton 47' (o.g.) · ORL 3–0 TOR"
    )
    assert described[EVENT_CARD](events[0])["message"] == (
        "Yellow card — J Moutinho 38' · ORL 2–0 TOR"
    )
    state = hass.states.get("event.orlando_city_sc_game_event")
    assert state is not None
    assert (state.attributes["event_type"], state.attributes["scorer"]) == (
        "score_changed",
        "Lukas MacNaughton",
    )
    await tick(hass, freezer, 11, times=3)
    assert len(events) == 3
    assert not [url for _, url, _, _ in aioclient_mock.mock_calls if "summary" in str(url)]
