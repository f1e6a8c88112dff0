"""Parsing MLB's Stats API schedule and teams into the domain, and fetching them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession
import pytest
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker
from syrupy.assertion import SnapshotAssertion

from custom_components.live_sports.models import Phase, Result, Scoreboard, Situation, Team
from custom_components.live_sports.providers.base import League, ProviderResponseError
from custom_components.live_sports.providers.espn import LEAGUES
from custom_components.live_sports.providers.mlb_statsapi import (
    MlbStatsApiProvider,
    map_status,
    parse_games,
    parse_teams,
)
from custom_components.live_sports.teamtracker import teamtracker_attributes

from .conftest import own, recorded

NOW = datetime(2022, 4, 7, 22, 0, tzinfo=UTC)
FILES = {
    "mlb_v1_schedule_2022-04-07_final_postponed.json": 9,
    "mlb_v1_schedule_2022-10-11_to_10-13_postseason_postponed.json": 6,
    "mlb_v1_schedule_2024-10-27_no_games.json": 0,
    "mlb_v1_schedule_2026-05-30_AAA_sportId11_final_scheduled.json": 15,
}


def _games(payload: Any) -> dict[str, Any]:
    return {game.id.removeprefix("mlb_statsapi:"): game for game in parse_games(payload)}


@pytest.mark.parametrize(("name", "count"), FILES.items())
def test_recorded_payload(name: str, count: int, snapshot: SnapshotAssertion) -> None:
    """Every recorded schedule parses to the same canonical games."""
    unknown: list[str] = []
    games = parse_games(recorded(f"mlb-statsapi/{name}"), on_unknown=lambda s, c: unknown.append(s))
    assert (len(games), unknown) == (count, [])
    assert all(game.league == "mlb" for game in games)
    assert [game.as_dict() for game in games] == snapshot


def test_final_and_postponed_day() -> None:
    """2022-04-07: seven finals, and BOS @ NYY and SEA @ MIN rained out."""
    games = _games(recorded("mlb-statsapi/mlb_v1_schedule_2022-04-07_final_postponed.json"))
    # MIL 4 @ CHC 5, final.
    cubs = games["663178"]
    assert (cubs.phase, cubs.away.score, cubs.home.score) == (Phase.FINAL, 4, 5)
    assert cubs.home.winner is True
    assert cubs.result_for("112") is Result.WIN
    assert cubs.home.record == "1-0"
    assert cubs.venue is not None
    assert cubs.venue.name == "Wrigley Field"
    assert cubs.name == "Milwaukee Brewers at Chicago Cubs"
    assert cubs.season == 2022
    for pk in ("661333", "661750"):
        postponed = games[pk]
        assert postponed.phase is Phase.POSTPONED
        assert (postponed.home.score, postponed.away.score) == (None, None)
        assert postponed.status_detail == "Postponed"


def test_postseason_range_skips_games_without_teams(caplog: pytest.LogCaptureFixture) -> None:
    """Two recorded listings have no teams: each is skipped with one line."""
    games = _games(
        recorded("mlb-statsapi/mlb_v1_schedule_2022-10-11_to_10-13_postseason_postponed.json")
    )
    assert set(games) == {"715743", "715758", "715742", "715747", "715757", "715752"}
    # 2022-10-11 NLDS game 1: PHI 7 @ ATL 6.
    assert (games["715743"].away.score, games["715743"].home.score) == (7, 6)
    assert games["715743"].away.winner is True
    # 2022-10-13 ALDS game 2, CLE @ NYY: postponed.
    assert games["715752"].phase is Phase.POSTPONED
    lines = [r.getMessage() for r in caplog.records if r.name.endswith("mlb_statsapi")]
    assert len(lines) == 2
    assert "715753" in lines[0]
    assert "715748" in lines[1]


def test_triple_a_day() -> None:
    """A Triple-A day parses the same: teams without abbreviations keep their names."""
    games = _games(
        recorded("mlb-statsapi/mlb_v1_schedule_2026-05-30_AAA_sportId11_final_scheduled.json")
    )
    bisons = games["816952"]  # LV 5 @ BUF 6, final
    assert (bisons.phase, bisons.away.score, bisons.home.score) == (Phase.FINAL, 5, 6)
    assert bisons.home.team.abbreviation == "Buffalo Bisons"
    scheduled = [game for game in games.values() if game.phase is Phase.SCHEDULED]
    assert len(scheduled) == 14
    assert all(game.home.score is None for game in scheduled)


def test_innings_count_and_runners() -> None:
    """Top and bottom are live; middle and end are breaks; the count and bases show."""
    games = _games(own("mlb_statsapi_edge_cases.json"))
    top = games["745001"]
    assert (top.phase, top.status_detail, top.period) == (Phase.LIVE, "Top 5th", 5)
    assert top.situation == Situation(
        possession="147",  # New York, the away side, bats in the top half
        balls=2,
        strikes=1,
        outs=1,
        on_first=True,
        on_second=False,
        on_third=True,
    )
    assert top.broadcasts == ("NESN", "YES")
    assert top.home.team.abbreviation == "BOS"
    assert top.home.team.short_name == "Red Sox"
    assert top.venue is not None
    assert top.venue.city == "Boston"
    assert (games["745002"].phase, games["745002"].status_detail) == (Phase.BREAK, "Middle 5th")
    assert (games["745003"].phase, games["745003"].status_detail) == (Phase.LIVE, "Bottom 7th")
    assert games["745003"].situation is not None
    assert games["745003"].situation.on_second is True
    assert (games["745004"].phase, games["745004"].status_detail) == (Phase.BREAK, "End 7th")
    extra = games["745010"]
    assert (extra.phase, extra.status_detail, extra.period) == (Phase.FINAL, "Final/10", 10)
    assert extra.situation is None


def test_batting_side_is_the_possession() -> None:
    """The Team tracker's at-bat dot: away in the top half, home in the bottom.

    Between halves, the side due to bat next (home after the top, away after
    the bottom), as ha-teamtracker shows for ESPN's board.
    """
    games = _games(own("mlb_statsapi_edge_cases.json"))
    batting = {
        games[game_id].status_detail: games[game_id].situation.possession  # type: ignore[union-attr]
        for game_id in ("745001", "745002", "745003", "745004")
    }
    assert batting == {
        "Top 5th": "147",  # NYY
        "Middle 5th": "111",  # BOS
        "Bottom 7th": "111",
        "End 7th": "147",
    }
    now = games["745001"].start
    board = Scoreboard(league="mlb", fetched_at=now, games=(games["745001"],))
    attributes = teamtracker_attributes(
        Team("111", "BOS", "Boston Red Sox", "Red Sox"),
        games["745001"],
        board,
        now=now,
        league=League("mlb", "MLB", "baseball"),
        provider="MLB",
    )
    assert attributes["possession"] == attributes["opponent_id"] == "147"


def test_delays_suspensions_and_cancellations() -> None:
    """Rain delays (before and during), suspended and canceled games."""
    games = _games(own("mlb_statsapi_edge_cases.json"))
    assert (games["745005"].phase, games["745005"].home.score) == (Phase.DELAYED, 3)
    assert (games["745006"].phase, games["745006"].home.score) == (Phase.DELAYED, None)
    suspended = games["745007"]
    assert (suspended.phase, suspended.status_detail) == (Phase.SUSPENDED, "Suspended: Rain")
    assert (suspended.away.score, suspended.home.score, suspended.period) == (2, 3, 6)
    assert (games["745008"].phase, games["745008"].home.score) == (Phase.CANCELED, None)


def test_doubleheader() -> None:
    """DET @ CLE twice on 2024-07-05: two games, one final and one scheduled."""
    board = Scoreboard(
        league="mlb",
        fetched_at=NOW,
        games=tuple(parse_games(own("mlb_statsapi_edge_cases.json"))),
    )
    first, second = board.games_of("116")
    assert (first.id, second.id) == ("mlb_statsapi:745101", "mlb_statsapi:745102")
    assert (first.phase, first.away.score, first.home.score) == (Phase.FINAL, 1, 6)
    assert (second.phase, second.home.score) == (Phase.SCHEDULED, None)
    assert first.start < second.start
    now = datetime(2024, 7, 5, 21, 0, tzinfo=UTC)
    assert board.current_game("116", now, timedelta(hours=1)) == second


def test_rescheduled_game_is_kept_at_its_new_date() -> None:
    """NYM @ PHI postponed on 07-05 and listed again on 07-06: one scheduled game."""
    games = [
        game
        for game in parse_games(own("mlb_statsapi_edge_cases.json"))
        if game.id == "mlb_statsapi:745201"
    ]
    assert len(games) == 1
    assert games[0].phase is Phase.SCHEDULED
    assert games[0].start == datetime(2024, 7, 6, 17, 5, tzinfo=UTC)


def test_unknown_state_mapped_by_abstract_state() -> None:
    """An unknown coded state is reported and mapped by its abstract state."""
    unknown: list[str] = []
    games = {
        game.id: game
        for game in parse_games(
            own("mlb_statsapi_edge_cases.json"), on_unknown=lambda s, c: unknown.append(s)
        )
    }
    assert games["mlb_statsapi:745009"].phase is Phase.FINAL
    assert unknown == ["codedGameState X (Unknown)"]


@pytest.mark.parametrize(
    ("coded", "detailed", "abstract", "phase"),
    [
        ("S", "Scheduled", "Preview", Phase.SCHEDULED),
        ("P", "Pre-Game", "Preview", Phase.SCHEDULED),
        ("P", "Warmup", "Live", Phase.SCHEDULED),
        ("M", "Manager challenge", "Live", Phase.LIVE),
        ("N", "Umpire review", "Live", Phase.LIVE),
        ("O", "Game Over", "Final", Phase.FINAL),
        ("W", "Final", "Final", Phase.FINAL),
        ("Q", "Forfeit", "Final", Phase.FINAL),
        ("D", "Postponed", "Final", Phase.POSTPONED),
        ("T", "Suspended", "Live", Phase.SUSPENDED),
        ("C", "Cancelled", "Final", Phase.CANCELED),
    ],
)
def test_coded_states(coded: str, detailed: str, abstract: str, phase: Phase) -> None:
    """Every coded state maps to its phase without a report."""
    unknown: list[str] = []
    status = {"codedGameState": coded, "detailedState": detailed, "abstractGameState": abstract}
    assert map_status(status, {}, lambda s, c: unknown.append(s)) is phase
    assert unknown == []


@pytest.mark.parametrize(
    "payload",
    [
        None,
        [],
        {},
        {"dates": "x"},
        {"dates": [{"date": "2024-07-04"}]},
        {"dates": [{"games": [{}]}]},
    ],
)
def test_malformed_payload(payload: Any) -> None:
    """A payload of the wrong shape (or with no good game) is refused."""
    with pytest.raises(ProviderResponseError, match="MLB"):
        parse_games(payload)


MLB = "https://statsapi.mlb.com/api/v1"


def _provider(hass: HomeAssistant) -> MlbStatsApiProvider:
    return MlbStatsApiProvider(async_get_clientsession(hass), LEAGUES["mlb"])


async def test_provider_scoreboard_of_the_sports_day(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """One schedule request for the sports day, with linescores and teams hydrated."""
    aioclient_mock.get(
        f"{MLB}/schedule",
        json=recorded("mlb-statsapi/mlb_v1_schedule_2022-04-07_final_postponed.json"),
    )
    provider = _provider(hass)
    # 04:00 UTC on Apr 8 is midnight Eastern: a late game of Apr 7 is still on.
    now = datetime(2022, 4, 8, 4, 0, tzinfo=UTC)
    board = await provider.async_get_scoreboard(["112"], now)
    _, url, _, _ = aioclient_mock.mock_calls[0]
    assert dict(url.query) == {"sportId": "1", "date": "2022-04-07", "hydrate": "linescore,team"}
    assert (board.league, board.fetched_at, len(board.games)) == ("mlb", now, 9)
    games = {game.id: game for game in board.games}
    cubs = games["mlb_statsapi:663178"]
    assert (cubs.phase, cubs.away.score, cubs.home.score) == (Phase.FINAL, 4, 5)
    assert games["mlb_statsapi:661333"].phase is Phase.POSTPONED
    assert await provider.async_get_scoreboard(["112"], now) is board
    assert aioclient_mock.call_count == 2


async def test_provider_hydrated_teams_and_innings(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """hydrate=team gives the abbreviation and nickname the identity mapping needs."""
    aioclient_mock.get(f"{MLB}/schedule", json=own("mlb_statsapi_edge_cases.json"))
    board = await _provider(hass).async_get_scoreboard([], datetime(2024, 7, 5, 23, 0, tzinfo=UTC))
    top = next(game for game in board.games if game.id == "mlb_statsapi:745001")
    assert (top.home.team.abbreviation, top.home.team.name, top.home.team.short_name) == (
        "BOS",
        "Boston Red Sox",
        "Red Sox",
    )
    assert (top.phase, top.status_detail) == (Phase.LIVE, "Top 5th")


async def test_provider_teams(hass: HomeAssistant, aioclient_mock: AiohttpClientMocker) -> None:
    """The major-league teams, active ones only, sorted by name; a broken one skipped."""
    aioclient_mock.get(f"{MLB}/teams", json=own("mlb_statsapi_teams.json"))
    teams = await _provider(hass).async_get_teams()
    _, url, _, _ = aioclient_mock.mock_calls[0]
    assert dict(url.query) == {"sportId": "1"}
    assert [(team.id, team.abbreviation, team.name, team.short_name) for team in teams] == [
        ("133", "ATH", "Athletics", "Athletics"),
        ("111", "BOS", "Boston Red Sox", "Red Sox"),
        ("147", "NYY", "New York Yankees", "Yankees"),
    ]


@pytest.mark.parametrize(
    "payload", [None, {}, {"teams": "nope"}, {"teams": [{"id": 1}, {"name": "No id"}]}]
)
def test_malformed_team_list(payload: Any) -> None:
    """A team list of the wrong shape, or without one good team, is refused."""
    with pytest.raises(ProviderResponseError, match="MLB team list"):
        parse_teams(payload)


def test_empty_team_list() -> None:
    """No teams (out of season) is an empty list, not an error."""
    assert parse_teams({"teams": []}) == []
