"""The Team tracker sensor: ha-teamtracker's states and attributes, for its card."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest

from custom_components.live_sports.const import RECENT_FINAL_WINDOW
from custom_components.live_sports.models import (
    Competitor,
    Game,
    Odds,
    Phase,
    Scoreboard,
    Series,
    Team,
)
from custom_components.live_sports.providers.espn import LEAGUES, parse_scoreboard
from custom_components.live_sports.providers.espn.leagues import path_league
from custom_components.live_sports.teamtracker import (
    BYE,
    IN,
    NOT_FOUND,
    POST,
    PRE,
    STATES,
    UNRECORDED,
    kickoff_in,
    odds_text,
    series_summary,
    team_colors,
    teamtracker_attributes,
    teamtracker_state,
)

from .conftest import NFL_NOW, make_game, own, recorded

# Every attribute ha-teamtracker-card reads (``stateObj.attributes.<name>`` in its
# src/*.js: set_defaults, set_sports, teamtracker_card, card_editor), written out
# here so a change on either side shows up as a failing test.
CARD_READS = frozenset(
    {
        "api_message",
        "balls",
        "clock",
        "date",
        "down_distance_text",
        "event_name",
        "event_url",
        "kickoff_in",
        "last_play",
        "last_update",
        "league",
        "league_logo",
        "location",
        "odds",
        "on_first",
        "on_second",
        "on_third",
        "opponent_colors",
        "opponent_homeaway",
        "opponent_id",
        "opponent_logo",
        "opponent_name",
        "opponent_rank",
        "opponent_record",
        "opponent_score",
        "opponent_sets_won",
        "opponent_shots_on_target",
        "opponent_timeouts",
        "opponent_total_shots",
        "opponent_url",
        "opponent_win_probability",
        "opponent_winner",
        "outs",
        "overunder",
        "possession",
        "quarter",
        "series_summary",
        "sport",
        "strikes",
        "team_abbr",
        "team_colors",
        "team_homeaway",
        "team_id",
        "team_logo",
        "team_name",
        "team_rank",
        "team_record",
        "team_score",
        "team_sets_won",
        "team_shots_on_target",
        "team_timeouts",
        "team_total_shots",
        "team_url",
        "team_win_probability",
        "team_winner",
        "tv_network",
        "venue",
    }
)
# ha-teamtracker's own sensor also has these, documented in its README.
TEAMTRACKER_ALSO = frozenset({"opponent_abbr", "team_long_name", "opponent_long_name"})
CARD_SPORTS = {
    "football",
    "baseball",
    "basketball",
    "hockey",
    "soccer",
    "volleyball",
    "tennis",
    "golf",
    "mma",
    "cricket",
    "racing",
}
EXPECTED_UNRECORDED = {
    "clock",
    "kickoff_in",
    "last_update",
    "last_play",
    "possession",
    "down_distance_text",
    "balls",
    "strikes",
    "outs",
    "on_first",
    "on_second",
    "on_third",
    "team_timeouts",
    "opponent_timeouts",
    "team_win_probability",
    "opponent_win_probability",
    "team_shots_on_target",
    "opponent_shots_on_target",
    "team_total_shots",
    "opponent_total_shots",
}

BOARDS = {
    "nfl": datetime.fromisoformat(NFL_NOW),
    "mlb": datetime.fromisoformat("2022-09-17T22:00:00+00:00"),
    "nhl": datetime.fromisoformat("2022-09-26T00:00:00+00:00"),
    "mls": datetime.fromisoformat("2022-09-18T00:00:00+00:00"),
    "nba": datetime.fromisoformat("2026-05-03T01:00:00+00:00"),
}


def _board(league: str) -> Scoreboard:
    return parse_scoreboard(recorded(f"espn/{league}.json"), LEAGUES[league], BOARDS[league])


def _followed(team_id: str) -> Team:
    """The followed team as the coordinator knows it (from the team list)."""
    return Team(id=team_id, abbreviation=f"T{team_id}", name="Listed", short_name="Listed")


def _card(
    league: str, team_id: str, board: Scoreboard | None = None, now: datetime | None = None
) -> tuple[str, dict[str, Any]]:
    board = board or _board(league)
    now = now or BOARDS[league]
    game = board.current_game(team_id, now, RECENT_FINAL_WINDOW)
    attributes = teamtracker_attributes(
        _followed(team_id), game, board, now=now, league=LEAGUES[league], provider="ESPN"
    )
    return teamtracker_state(game, board, now), attributes


def _subset(attributes: dict[str, Any], expected: dict[str, Any]) -> dict[str, Any]:
    return {key: attributes[key] for key in expected}


def test_in_nfl() -> None:
    """Atlanta, live at home against New Orleans: clock, situation, timeouts, chances."""
    state, attributes = _card("nfl", "1")
    assert state == IN
    expected = {
        "sport": "football",
        "league": "NFL",
        "league_logo": "https://a.espncdn.com/i/teamlogos/leagues/500/nfl.png",
        "event_name": "NO @ ATL",
        "event_url": "https://www.espn.com/nfl/game?gameId=401437650",
        "date": "2022-09-11T17:00:00+00:00",
        "kickoff_in": "3 hours ago",
        "venue": "Mercedes-Benz Stadium",
        "location": "Atlanta, GA",
        "tv_network": "FOX",
        "quarter": 4,
        "clock": "0:48 - 4th",
        "possession": "18",
        "down_distance_text": "1st & 10 at NO 10",
        "team_abbr": "ATL",
        "team_id": "1",
        "team_name": "Falcons",
        "team_long_name": "Atlanta Falcons",
        "team_colors": ["#000000", "#000000"],
        "team_score": 26,
        "team_homeaway": "home",
        "team_winner": None,
        "team_timeouts": 3,
        "team_win_probability": 0.924,
        "team_url": "https://www.espn.com/nfl/team/_/name/atl/atlanta-falcons",
        "opponent_abbr": "NO",
        "opponent_id": "18",
        "opponent_colors": ["#020202", "#000000"],
        "opponent_score": 24,
        "opponent_homeaway": "away",
        "opponent_timeouts": 0,
        "opponent_win_probability": 0.076,
        "last_update": "2022-09-11T20:00:00+00:00",
        "api_message": None,
    }
    assert _subset(attributes, expected) == expected
    assert attributes["possession"] == attributes["opponent_id"]  # the card's dot


def test_post_nfl() -> None:
    """Miami beat New England at home earlier today."""
    state, attributes = _card("nfl", "15")
    assert state == POST
    expected = {
        "clock": "Final",
        "team_abbr": "MIA",
        "team_score": 20,
        "team_record": "1-0",
        "team_winner": True,
        "opponent_abbr": "NE",
        "opponent_score": 7,
        "opponent_winner": False,
        "possession": None,
        "team_timeouts": None,
        "team_win_probability": None,
    }
    assert _subset(attributes, expected) == expected


def test_pre_nfl() -> None:
    """Green Bay at Minnesota later today: start, odds line, no score."""
    state, attributes = _card("nfl", "9")
    assert state == PRE
    expected = {
        "date": "2022-09-11T20:25:00+00:00",
        "kickoff_in": "in 25 minutes",
        "overunder": 46.5,
        "odds": "MIN -2.0",  # ESPN's own line (its first book lists no spread)
        "team_homeaway": "away",
        "opponent_name": "Vikings",
        "team_score": None,
        "opponent_score": None,
        "team_winner": None,
    }
    assert _subset(attributes, expected) == expected


def test_bye_when_the_league_plays_without_the_team() -> None:
    """A team absent from a board with games today is on a bye: only its own details."""
    state, attributes = _card("nfl", "999")
    assert state == BYE
    assert _subset(attributes, {"team_abbr": "", "team_id": "", "team_name": ""}) == {
        "team_abbr": "T999",
        "team_id": "999",
        "team_name": "Listed",
    }
    assert attributes["league_logo"] == "https://a.espncdn.com/i/teamlogos/leagues/500/nfl.png"
    assert attributes["team_colors"] == ["#d3d3d3", "#a9a9a9"]
    assert attributes["opponent_abbr"] is None
    assert attributes["date"] is None
    assert attributes["api_message"] is None


def test_not_found_without_any_game_near() -> None:
    """No game for the team and none in its league today: NOT_FOUND, with why."""
    empty = Scoreboard(league="nfl", fetched_at=BOARDS["nfl"], league_logo="logo.png")
    state, attributes = _card("nfl", "1", empty)
    assert state == NOT_FOUND
    assert attributes["league_logo"] == "logo.png"
    assert attributes["team_abbr"] == "T1"
    # The card reads the last 17 characters as a date: "No upcoming games through …".
    assert attributes["api_message"] == "ESPN lists no NFL game for T1 through 2022-09-11T20:00Z"
    # Other teams' games days away do not make it a bye either.
    later = replace(_game(Phase.SCHEDULED), start=BOARDS["nfl"] + timedelta(days=3))
    board = Scoreboard(league="nfl", fetched_at=BOARDS["nfl"], games=(later,))
    assert _card("nfl", "1", board)[0] == NOT_FOUND
    board = Scoreboard(
        league="nfl", fetched_at=BOARDS["nfl"], games=(replace(later, phase=Phase.LIVE),)
    )
    assert _card("nfl", "1", board)[0] == BYE  # a game under way is today's, whenever it began


def test_in_mlb_bases_and_count() -> None:
    """Toronto batting in the 9th: balls, strikes, outs and runners."""
    state, attributes = _card("mlb", "14")
    assert state == IN
    expected = {
        "sport": "baseball",
        "clock": "Top 9th",
        "quarter": 9,
        "balls": 0,
        "strikes": 1,
        "outs": 2,
        "on_first": True,
        "on_second": False,
        "on_third": False,
        "team_score": 6,
        "opponent_abbr": "BAL",
        "opponent_score": 3,
    }
    assert _subset(attributes, expected) == expected


def test_mlb_doubleheader_and_pre_with_total() -> None:
    """Cleveland's early win shows before its night game; Detroit's game is next."""
    state, attributes = _card("mlb", "5")
    assert (state, attributes["team_score"], attributes["team_winner"]) == (POST, 5, True)
    assert attributes["event_url"] == "http://www.espn.com/mlb/game/_/gameId/401423263"
    state, attributes = _card("mlb", "6")
    assert state == PRE
    assert _subset(attributes, {"kickoff_in": 0, "overunder": 0, "venue": 0}) == {
        "kickoff_in": "in 10 minutes",
        "overunder": 8.0,
        "venue": "Comerica Park",
    }


def test_nhl_shots_on_goal() -> None:
    """Hockey's bar is shots on goal: goals plus the other goalie's saves."""
    state, attributes = _card("nhl", "16")
    assert state == IN
    expected = {
        "sport": "hockey",
        "clock": "12:45 - 1st",
        "team_homeaway": "away",
        "team_score": 0,
        "team_shots_on_target": 9,
        "opponent_score": 1,
        "opponent_shots_on_target": 6,
        "team_record": "1-0-0",
    }
    assert _subset(attributes, expected) == expected
    state, attributes = _card("nhl", "30")
    assert (state, attributes["clock"], attributes["team_shots_on_target"]) == (
        POST,
        "Final/OT",
        36,
    )


def test_mls_shots_and_a_draw() -> None:
    """Soccer's bar is total shots (on target); a 0-0 has no winner."""
    state, attributes = _card("mls", "12011")
    assert state == IN
    expected = {
        "clock": "57'",
        "team_score": 3,
        "team_shots_on_target": 4,
        "team_total_shots": 10,
        "opponent_shots_on_target": 0,
        "opponent_total_shots": 6,
        "overunder": 2.5,
        "tv_network": "ESPN+",
    }
    assert _subset(attributes, expected) == expected
    state, attributes = _card("mls", "18418")
    assert state == POST
    assert (attributes["team_winner"], attributes["opponent_winner"]) == (False, False)


def test_nba_series_and_win_probability() -> None:
    """Game 7 of a series tied 3-3, with ESPN's win chances."""
    state, attributes = _card("nba", "2")
    assert state == IN
    expected = {
        "sport": "basketball",
        "series_summary": "Series tied 3-3",
        "team_win_probability": 0.364,
        "opponent_win_probability": 0.636,
        "tv_network": "NBC, Peacock",
        "team_colors": ["#008348", "#ffffff"],
        "opponent_colors": ["#1d428a", "#e01234"],
    }
    assert _subset(attributes, expected) == expected


def test_odds_series_last_play_rank_from_our_fixture() -> None:
    """What the recordings lack: a spread with its favourite, last play, ranks, series."""
    now = datetime.fromisoformat("2026-10-10T17:00:00+00:00")
    board = parse_scoreboard(own("espn_card_details.json"), LEAGUES["ncaaf"], now)
    pre, live, final = board.games
    attributes = teamtracker_attributes(
        _followed("200"), pre, board, now=now, league=LEAGUES["ncaaf"], provider="ESPN"
    )
    expected = {
        "odds": "HOM -3.5",
        "overunder": 51.5,
        "team_rank": None,
        "opponent_rank": 5,
        "opponent_colors": ["#a71930", "#ffffff"],
        "kickoff_in": "in 2 hours",
        "league_logo": "https://example.invalid/league.png",
    }
    assert _subset(attributes, expected) == expected
    assert teamtracker_state(live, board, now) == IN
    attributes = teamtracker_attributes(
        _followed("400"), live, board, now=now, league=LEAGUES["ncaaf"], provider="ESPN"
    )
    assert attributes["last_play"] == "A. Runner rush to the SOU 32 for 6 yards."
    assert attributes["possession"] == attributes["team_id"] == "400"
    assert (attributes["team_timeouts"], attributes["opponent_timeouts"]) == (1, 2)
    assert series_summary(final) == "SOU wins series 4-2"
    assert odds_text(final) == "EVEN"


@pytest.mark.parametrize(
    ("home_wins", "away_wins", "completed", "expected"),
    [
        (2, 2, False, "Series tied 2-2"),
        (3, 2, False, "HOM leads series 3-2"),
        (1, 3, False, "AWY leads series 3-1"),
        (2, 4, True, "AWY wins series 4-2"),
    ],
)
def test_series_summary(home_wins: int, away_wins: int, completed: bool, expected: str) -> None:
    """The summary names the leader, or says tied."""
    game = replace(_game(Phase.LIVE), series=Series(home_wins, away_wins, completed))
    assert series_summary(game) == expected
    assert series_summary(_game(Phase.LIVE)) is None


def _game(phase: Phase, start: datetime | None = None) -> Game:
    return make_game(
        phase,
        Competitor(Team("10", "HOM", "Home", "Home"), score=1, shootout_score=4),
        Competitor(Team("20", "AWY", "Away", "Away"), score=1, shootout_score=2),
        start=start or BOARDS["nfl"],
        status_detail="",
        period=2 if phase is not Phase.SCHEDULED else None,
    )


@pytest.mark.parametrize(
    ("phase", "starts_in", "state"),
    [
        (Phase.SCHEDULED, timedelta(hours=1), PRE),
        (Phase.DELAYED, timedelta(minutes=10), PRE),
        (Phase.DELAYED, -timedelta(minutes=10), IN),
        (Phase.BREAK, -timedelta(hours=1), IN),
        (Phase.SUSPENDED, -timedelta(hours=2), POST),
        (Phase.POSTPONED, timedelta(hours=1), POST),
        (Phase.CANCELED, timedelta(hours=1), POST),
    ],
)
def test_state_of_every_phase(phase: Phase, starts_in: timedelta, state: str) -> None:
    """Each phase maps to one card state; a delay is PRE until the start time."""
    now = BOARDS["nfl"]
    game = _game(phase, now + starts_in)
    board = Scoreboard(league="nfl", fetched_at=now, games=(game,))
    assert teamtracker_state(game, board, now) == state


def test_shootout_score_reads_like_teamtracker() -> None:
    """A final decided on penalties shows "1(4)", and the shoot-out's winner."""
    now = BOARDS["nfl"]
    game = _game(Phase.FINAL)
    board = Scoreboard(league="nfl", fetched_at=now, games=(game,))
    attributes = teamtracker_attributes(
        _followed("20"), game, board, now=now, league=LEAGUES["mls"], provider="ESPN"
    )
    assert (attributes["team_score"], attributes["opponent_score"]) == ("1(2)", "1(4)")
    assert (attributes["team_winner"], attributes["opponent_winner"]) == (False, True)
    assert attributes["odds"] is None
    assert attributes["sport"] == "soccer"


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(seconds=10), "just now"),
        (timedelta(seconds=60), "in a minute"),
        (timedelta(minutes=25), "in 25 minutes"),
        (-timedelta(minutes=50), "an hour ago"),
        (timedelta(hours=2, minutes=20), "in 2 hours"),
        (timedelta(hours=30), "in a day"),
        (-timedelta(days=3), "3 days ago"),
        (timedelta(days=40), "in a month"),
        (timedelta(days=95), "in 3 months"),
    ],
)
def test_kickoff_in(delta: timedelta, text: str) -> None:
    """How far the start is, in words (what ha-teamtracker gets from arrow)."""
    now = BOARDS["nfl"]
    assert kickoff_in(now + delta, now) == text


@pytest.mark.parametrize(
    ("color", "alternate", "expected"),
    [
        ("A71930", "000000", ["#a71930", "#000000"]),
        ("#A71930", None, ["#a71930", "#a71930"]),
        (None, "123abc", ["#d3d3d3", "#123abc"]),
        ("red", "nope", ["#d3d3d3", "#a9a9a9"]),
    ],
)
def test_team_colors(color: str | None, alternate: str | None, expected: list[str]) -> None:
    """Always two #rrggbb strings: the card indexes them by home and away."""
    team = Team("1", "A", "A", "A", color=color, alternate_color=alternate)
    assert team_colors(team) == expected


def test_odds_without_a_favourite_say_nothing() -> None:
    """A spread without a favourite is not guessed."""
    assert odds_text(replace(_game(Phase.SCHEDULED), odds=Odds(spread=-3.0))) is None
    assert odds_text(replace(_game(Phase.SCHEDULED), odds=Odds(over_under=40.0))) is None


def _optional(value: Any, kind: type | tuple[type, ...]) -> bool:
    return value is None or (isinstance(value, kind) and not isinstance(value, bool))


def assert_card_contract(state: str, attributes: dict[str, Any]) -> None:
    """Check every attribute the card reads is there, with the type it expects."""
    assert state in STATES
    assert set(attributes) >= CARD_READS | TEAMTRACKER_ALSO
    assert attributes["sport"] in CARD_SPORTS
    assert isinstance(attributes["league"], str)
    datetime.fromisoformat(attributes["last_update"])
    if attributes["date"] is not None:
        datetime.fromisoformat(attributes["date"])
        assert isinstance(attributes["kickoff_in"], str)
    for key in (
        "league_logo",
        "event_name",
        "event_url",
        "venue",
        "location",
        "tv_network",
        "odds",
        "series_summary",
        "clock",
        "possession",
        "down_distance_text",
        "last_play",
        "api_message",
    ):
        assert _optional(attributes[key], str), key
    for key in ("quarter", "balls", "strikes", "outs"):
        assert _optional(attributes[key], int), key
    assert _optional(attributes["overunder"], (int, float))
    for key in ("on_first", "on_second", "on_third"):
        assert attributes[key] in (None, True, False), key
    if attributes["possession"] is not None:
        assert attributes["possession"] in (attributes["team_id"], attributes["opponent_id"])
    if attributes["api_message"] and attributes["api_message"].endswith("Z"):
        datetime.fromisoformat(attributes["api_message"][-17:])
    for prefix in ("team", "opponent"):
        homeaway = attributes[f"{prefix}_homeaway"]
        assert homeaway in (None, "home", "away")
        colors = attributes[f"{prefix}_colors"]
        if homeaway is not None or colors is not None:
            assert isinstance(colors, list)
            assert len(colors) == 2
            assert all(len(color) == 7 and color.startswith("#") for color in colors)
            int(colors[0][1:], 16), int(colors[1][1:], 16)
        assert attributes[f"{prefix}_winner"] in (None, True, False)
        probability = attributes[f"{prefix}_win_probability"]
        assert probability is None or 0 <= probability <= 1
        assert _optional(probability, float)
        assert _optional(attributes[f"{prefix}_score"], (int, str))
        for field in ("abbr", "id", "name", "long_name", "logo", "record", "url"):
            assert _optional(attributes[f"{prefix}_{field}"], str), f"{prefix}_{field}"
        for field in ("rank", "timeouts", "shots_on_target", "total_shots", "sets_won"):
            assert _optional(attributes[f"{prefix}_{field}"], int), f"{prefix}_{field}"
    if state in (PRE, IN, POST):
        assert attributes["team_homeaway"] is not None
        assert attributes["opponent_id"] is not None
    else:
        assert attributes["team_abbr"] is not None  # NOT_FOUND and BYE show it


@pytest.mark.parametrize("league", sorted(BOARDS))
def test_attribute_contract_on_every_recorded_team(league: str) -> None:
    """Every team of every recorded board gives the card what it reads."""
    board = _board(league)
    team_ids = {game.home.team.id for game in board.games} | {
        game.away.team.id for game in board.games
    }
    seen = set()
    for team_id in [*sorted(team_ids), "unknown"]:
        state, attributes = _card(league, team_id, board)
        assert_card_contract(state, attributes)
        seen.add(state)
    assert {IN, BYE} <= seen
    state, attributes = _card(league, "1", Scoreboard(league=league, fetched_at=BOARDS[league]))
    assert state == NOT_FOUND
    assert_card_contract(state, attributes)


def test_unrecorded_are_the_high_churn_attributes() -> None:
    """Clock, play-by-play and live stats stay out of the recorder; scores stay in."""
    assert set(UNRECORDED) == EXPECTED_UNRECORDED
    assert {"team_score", "opponent_score", "quarter", "team_sets_won"}.isdisjoint(UNRECORDED)


# What ha-teamtracker itself shows for the same ESPN events (its published
# regression results): the values below are what the card shows a person.


def test_location_is_the_venue_full_address() -> None:
    """City with state (or province), and the country where ESPN names one."""
    expected = {
        ("mlb", "22"): "Atlanta, Georgia",  # PHI @ ATL
        ("mlb", "14"): "Toronto, Ontario",
        ("nfl", "1"): "Atlanta, GA",
        ("nhl", "16"): "Columbus, OH, USA",
        ("mls", "182"): "Chicago, United States",
        ("mls", "12011"): "Orlando, Florida",  # ESPN writes the state into the city
    }
    assert {key: _card(*key)[1]["location"] for key in expected} == expected


def test_odds_are_espn_own_line_before_the_game() -> None:
    """A moneyline ("PHI -120") or a spread ESPN prints without its numbers."""
    state, attributes = _card("mlb", "22")
    assert state == PRE
    assert (attributes["odds"], attributes["opponent_abbr"]) == ("PHI -120", "ATL")
    state, attributes = _card("mlb", "6")  # CHW @ DET
    assert (state, attributes["odds"], attributes["overunder"]) == (PRE, "CHW -155", 8.0)
    board = parse_scoreboard(recorded("espn/ncaaf.json"), LEAGUES["ncaaf"], BOARDS["nfl"])
    now = datetime.fromisoformat("2022-09-17T16:00:00+00:00")
    game = board.current_game("2050", now, RECENT_FINAL_WINDOW)  # MUR @ BALL
    attributes = teamtracker_attributes(
        _followed("2050"), game, board, now=now, league=LEAGUES["ncaaf"], provider="ESPN"
    )
    assert (attributes["event_name"], attributes["odds"]) == ("MUR @ BALL", "BALL -21.0")


def test_clock_is_espn_short_detail() -> None:
    """ "0:48 - 4th", not "0:48 - 4th Quarter"; baseball in play keeps "Bottom 5th"."""
    assert _card("nfl", "1")[1]["clock"] == "0:48 - 4th"
    assert _card("nfl", "9")[1]["clock"] == "9/11 - 4:25 PM EDT"
    assert _card("nhl", "16")[1]["clock"] == "12:45 - 1st"
    assert _card("nhl", "30")[1]["clock"] == "Final/OT"
    assert _card("mlb", "20")[1]["clock"] == "Bottom 5th"  # WSH, batting
    assert _card("mlb", "22")[1]["clock"] == "9/17 - 7:20 PM EDT"  # baseball before: short
    assert _card("nba", "2")[1]["clock"] == "8:41 - 4th"


def test_baseball_possession_is_the_batting_team() -> None:
    """The card's at-bat dot: the away side in the top half, the home side in the bottom."""
    state, attributes = _card("mlb", "14")  # BAL @ TOR, Top 9th: Baltimore bats
    assert state == IN
    assert (attributes["possession"], attributes["opponent_abbr"]) == ("1", "BAL")
    assert attributes["possession"] == attributes["opponent_id"]
    state, attributes = _card("mlb", "20")  # MIA @ WSH, Bottom 5th: Washington bats
    assert (attributes["possession"], attributes["team_abbr"]) == ("20", "WSH")
    assert attributes["possession"] == attributes["team_id"]
    assert _card("mlb", "5")[1]["possession"] is None  # over: nobody bats


def test_soccer_ticker_has_possession_and_cards() -> None:
    """Orlando, 3-0 up: the possession share, then the goals and cards so far."""
    state, attributes = _card("mls", "12011")
    assert state == IN
    assert attributes["last_play"] == (
        "ORL 44.8%, TOR 55.2%; 9' Goal: Facundo Torres (ORL); 22' Goal: Ercan Kara (ORL); "
        "32' Yellow Card: Domenico Criscito (TOR); 38' Yellow Card: Joao Moutinho (ORL); "
        "47' Own Goal: Lukas MacNaughton (ORL)"
    )
    state, attributes = _card("mls", "189")  # New England, its opponent booked
    assert attributes["last_play"] == "NE 39%, MTL 61%; 56' Yellow Card: Kei Kamara (MTL)"
    # Full time: no ticker; the last play, as the match report words it.
    assert _card("mls", "17606")[1]["last_play"] == "Yellow card — S Rodríguez 89' · NYC 2–0 NY"


VOLLEYBALL_NOW = datetime.fromisoformat("2022-09-08T23:40:00+00:00")


def _volleyball(team_id: str) -> tuple[str, dict[str, Any]]:
    league = LEAGUES["ncaa_volleyball_w"]
    board = parse_scoreboard(own("espn_volleyball_live.json"), league, VOLLEYBALL_NOW)
    game = board.current_game(team_id, VOLLEYBALL_NOW, RECENT_FINAL_WINDOW)
    attributes = teamtracker_attributes(
        _followed(team_id), game, board, now=VOLLEYBALL_NOW, league=league, provider="ESPN"
    )
    return teamtracker_state(game, board, VOLLEYBALL_NOW), attributes


def test_volleyball_in_play_scores_the_current_set() -> None:
    """The big score is the set under way; the sets won are the dots."""
    state, attributes = _volleyball("344")  # KENN @ MSST, 1st set 20-13
    assert state == IN
    expected = {
        "team_abbr": "MSST",
        "team_score": 20,
        "opponent_score": 13,
        "team_sets_won": 0,
        "opponent_sets_won": 0,
        "quarter": 1,
        "clock": "1st Set",
        "location": "Starkville, Mississippi",
        "last_play": "Set 1: MSST 20 KENN 13",
    }
    assert _subset(attributes, expected) == expected
    state, attributes = _volleyball("200")  # a set each, 11-9 in the third
    expected = {
        "team_score": 11,
        "opponent_score": 9,
        "team_sets_won": 1,
        "opponent_sets_won": 1,
        "clock": "3rd Set",
        "last_play": "Set 1: AWY 18 HOM 25; Set 2: AWY 25 HOM 21; Set 3: AWY 11 HOM 9",
    }
    assert _subset(attributes, expected) == expected
    assert_card_contract(state, attributes)


def test_volleyball_final_scores_the_sets() -> None:
    """Once over, the big score is the sets won again (ESPN's "3" and "1")."""
    now = datetime.fromisoformat("2026-10-10T17:00:00+00:00")
    league = LEAGUES["ncaa_volleyball_w"]
    board = parse_scoreboard(own("espn_card_details.json"), league, now)
    final = board.games[2]
    attributes = teamtracker_attributes(
        _followed(final.home.team.id), final, board, now=now, league=league, provider="ESPN"
    )
    assert (attributes["team_score"], attributes["team_sets_won"]) == (3, 3)
    assert attributes["last_play"] is None


def _cricket(team_id: str) -> tuple[str, dict[str, Any]]:
    league = path_league("cricket/8044", "Big Bash League")
    now = datetime.fromisoformat("2022-12-20T11:00:00+00:00")
    board = parse_scoreboard(own("espn_cricket.json"), league, now)
    game = board.current_game(team_id, now, timedelta(days=3))
    attributes = teamtracker_attributes(
        _followed(team_id), game, board, now=now, league=league, provider="ESPN"
    )
    return teamtracker_state(game, board, now), attributes


def test_cricket_score_keeps_wickets_overs_and_target() -> None:
    """The chase as ESPN writes it, and "Live"; the batting side has the dot."""
    state, attributes = _cricket("509670")  # Perth chasing 156 at Melbourne
    assert state == IN
    expected = {
        "sport": "cricket",
        "event_name": "MR v PS",
        "team_score": "125/3 (16/20 ov, target 156)",
        "opponent_score": "155/6",
        "clock": "Live",
        "location": "Melbourne, Australia",
        "possession": "509670",
    }
    assert _subset(attributes, expected) == expected
    assert_card_contract(state, attributes)


def test_cricket_finished_match_says_result() -> None:
    """A Test over: both innings of each side, "Result", and India the winner."""
    state, attributes = _cricket("6")
    assert state == POST
    expected = {
        "team_score": "314 & 145/7 (47 ov, target 145)",
        "opponent_score": "227 & 231",
        "clock": "Result",
        "location": "Dhaka, Bangladesh",
        "team_winner": True,
        "opponent_winner": False,
    }
    assert _subset(attributes, expected) == expected
