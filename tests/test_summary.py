"""ESPN's game summary: scoring plays parsed, asked only when due, never in the way."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import Event, HomeAssistant
import pytest
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.live_sports.events import EVENT_SCORE_CHANGED, EVENT_SCORING_PLAY
from custom_components.live_sports.models import Game, Phase, PlayKind
from custom_components.live_sports.providers.espn import LEAGUES, parse_scoreboard
from custom_components.live_sports.providers.espn.summary import SummaryWatch, parse_summary

from .conftest import (
    ATL_GAME_ID,
    ESPN,
    NFL_NOW,
    atlanta_board,
    league_entry,
    recorded,
    serve_nfl,
    setup_entry,
    tick,
)

SUMMARY = "espn/summary_football_nfl_401547417_ATL-GB_2023-09-17_final_scoringPlays-drives.json"
SUMMARY_URL = f"{ESPN}/football/nfl/summary"


def test_nfl_summary_scoring_plays() -> None:
    """GB @ ATL 2023: ten scores in order, each with its kind, points and the score after."""
    plays = parse_summary(recorded(SUMMARY), "football")
    assert len(plays) == 10
    first, second = plays[0], plays[1]
    assert (first.id, first.kind, first.points, first.team_id) == (
        "401547417805",
        PlayKind.FIELD_GOAL,
        3,
        "1",
    )
    assert (first.home_score, first.away_score, first.period, first.clock) == (3, 0, 1, "3:50")
    assert first.text == "Younghoe Koo 24 Yd Field Goal"
    assert (second.kind, second.points, second.home_score, second.away_score) == (
        PlayKind.TOUCHDOWN,
        7,
        3,
        7,
    )
    assert (plays[-1].home_score, plays[-1].away_score) == (25, 24)
    assert sum(play.points for play in plays) == 49


def test_other_sports_summaries() -> None:
    """Hockey names scorer and assists; basketball and baseball mark their scoring plays."""
    hockey = {
        "scoringPlays": [
            {
                "id": "h1",
                "type": {"text": "Goal"},
                "homeScore": 0,
                "awayScore": 1,
                "period": {"number": 2},
                "clock": {"displayValue": "12:04"},
                "team": {"id": "21"},
                "participants": [
                    {"athlete": {"id": "a", "displayName": "Auston Matthews"}, "type": "scorer"},
                    {"athlete": {"id": "b", "displayName": "Mitch Marner"}, "type": "assister"},
                    {"type": "assister"},
                ],
            },
            {"type": {"text": "Goal"}},  # no id: skipped
        ]
    }
    [goal] = parse_summary(hockey, "hockey")
    assert goal.scorer is not None
    assert (goal.kind, goal.scorer.name, [a.name for a in goal.assists]) == (
        PlayKind.GOAL,
        "Auston Matthews",
        ["Mitch Marner"],
    )
    plays = {
        "plays": [
            {"id": "1", "scoringPlay": False, "homeScore": 0, "awayScore": 0},
            {"id": "2", "scoringPlay": True, "homeScore": 2, "awayScore": 0, "team": {"id": "1"}},
            {"id": "3", "scoringPlay": True, "homeScore": 2, "awayScore": 3, "team": {"id": "2"}},
        ]
    }
    basketball = parse_summary(plays, "basketball")
    assert [(p.id, p.kind, p.points) for p in basketball] == [
        ("2", PlayKind.BASKET, 2),
        ("3", PlayKind.BASKET, 3),
    ]
    plays["plays"][1]["type"] = {"text": "Home Run"}
    baseball = parse_summary(plays, "baseball")
    assert [p.kind for p in baseball] == [PlayKind.HOME_RUN, PlayKind.RUN]
    assert parse_summary(None, "football") == ()


def _with_score(game: Game, home: int, away: int, phase: Phase = Phase.LIVE) -> Game:
    return replace(
        game,
        phase=phase,
        home=replace(game.home, score=home),
        away=replace(game.away, score=away),
    )


def test_summary_is_due_at_each_score_change_and_once_at_the_final() -> None:
    """First sight: nothing; each new score: once; the final: once; others: never."""
    board = parse_scoreboard(
        recorded("espn/nfl.json"), LEAGUES["nfl"], datetime.fromisoformat(NFL_NOW)
    )
    atl = next(game for game in board.games if game.id == ATL_GAME_ID)
    other = next(game for game in board.games if not game.involves("1") and game.phase.in_play)
    watch = SummaryWatch()
    followed = {"1"}
    assert watch.due([atl, other], followed) == []
    assert watch.due([atl, other], followed) == []
    scored = _with_score(atl, 26, 27)
    assert [g.id for g in watch.due([scored, _with_score(other, 50, 50)], followed)] == [atl.id]
    assert watch.due([scored], followed) == []
    final = _with_score(atl, 26, 27, Phase.FINAL)
    assert [g.id for g in watch.due([final], followed)] == [atl.id]
    assert watch.due([final], followed) == []
    watch.again(atl.id)
    assert [g.id for g in watch.due([final], followed)] == [atl.id]


def _summary(*plays: dict[str, Any]) -> dict[str, Any]:
    return {"scoringPlays": list(plays)}


def _play(play_id: str, home: int, away: int, team: str, text: str, kind: str) -> dict[str, Any]:
    return {
        "id": play_id,
        "type": {"text": text},
        "scoringType": {"name": kind},
        "text": text,
        "homeScore": home,
        "awayScore": away,
        "period": {"number": 4},
        "clock": {"displayValue": "0:30"},
        "team": {"id": team},
    }


def _summary_calls(aioclient_mock: AiohttpClientMocker) -> int:
    return sum(1 for _, url, _, _ in aioclient_mock.mock_calls if str(url).startswith(SUMMARY_URL))


@pytest.mark.freeze_time(NFL_NOW)
async def test_a_field_goal_gets_its_scorer_from_the_summary(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    events: list[Event],
) -> None:
    """The score fires at once; the summary, asked once, brings who kicked it a poll later.

    The game's earlier scores (before Home Assistant looked) fire nothing; the
    final asks once more; in all, score changes + 1 summary requests.
    """
    board = atlanta_board(26)  # NO @ ATL, 26-24, first seen
    earlier = _play("p1", 26, 24, "1", "Younghoe Koo 40 Yd Field Goal", "field-goal")
    lutz = _play("p2", 26, 27, "18", "Wil Lutz 51 Yd Field Goal", "field-goal")

    def serve(board: dict[str, Any], summary: dict[str, Any]) -> None:
        serve_nfl(aioclient_mock, nfl_teams_payload, board)
        aioclient_mock.get(SUMMARY_URL, params={"event": ATL_GAME_ID}, json=summary)

    serve(board, _summary(earlier))
    entry = league_entry("nfl", ["1"])
    await setup_entry(hass, entry)
    board["events"][0]["competitions"][0]["competitors"][1]["score"] = "27"
    serve(board, _summary(earlier, lutz))
    await tick(hass, freezer, 16)
    assert [e.event_type for e in events] == [EVENT_SCORE_CHANGED]
    assert "play_id" not in events[0].data  # the board names no play
    assert _summary_calls(aioclient_mock) == 1
    await tick(hass, freezer, 16)
    assert [e.event_type for e in events] == [EVENT_SCORE_CHANGED, EVENT_SCORING_PLAY]
    play = events[1].data
    assert (play["play_kind"], play["points"], play["team_scored"]) == ("field_goal", 3, False)
    assert play["report"] == "Field goal — Wil Lutz 51 Yd Field Goal 0:30 · ATL 26–27 NO"
    # The kick already wrote its state (the score change): the late play writes none.
    state = hass.states.get("event.atlanta_falcons_game_event")
    assert state is not None
    assert state.attributes["event_type"] == "score_changed"
    assert state.attributes["event_id"] == events[0].data["event_id"]
    serve(board, _summary(earlier, lutz))
    await tick(hass, freezer, 16, times=3)
    assert _summary_calls(aioclient_mock) == 0  # nothing changed: not asked again

    status = board["events"][0]["competitions"][0]["status"]
    status["type"].update(name="STATUS_FINAL", state="post", completed=True, detail="Final")
    serve(board, _summary(earlier, lutz))
    await tick(hass, freezer, 16, times=3)
    assert _summary_calls(aioclient_mock) == 1  # once at the final
    assert len([e for e in events if e.event_type == EVENT_SCORING_PLAY]) == 1
    assert entry.runtime_data.coordinator is not None


@pytest.mark.freeze_time(NFL_NOW)
async def test_a_failing_summary_holds_no_score_back(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    events: list[Event],
) -> None:
    """The summary answers 500: the score still fires at once, the sensors stay fresh."""
    board = atlanta_board(26)
    serve_nfl(aioclient_mock, nfl_teams_payload, board)
    await setup_entry(hass, league_entry("nfl", ["1"]))
    board["events"][0]["competitions"][0]["competitors"][1]["score"] = "27"
    serve_nfl(aioclient_mock, nfl_teams_payload, board)
    aioclient_mock.get(SUMMARY_URL, params={"event": ATL_GAME_ID}, status=500)
    await tick(hass, freezer, 16, times=3)
    assert [e.event_type for e in events] == [EVENT_SCORE_CHANGED]
    assert hass.states.get("sensor.atlanta_falcons_opponent_score").state == "27"
    assert _summary_calls(aioclient_mock) == 1  # not asked again until the next score
