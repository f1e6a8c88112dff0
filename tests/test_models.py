"""The domain: results, a team's current game, canonical form."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from custom_components.live_sports.models import (
    Game,
    KeyEvent,
    Odds,
    Phase,
    Result,
    Scoreboard,
    Series,
    Side,
    Situation,
    Team,
    TeamSchedule,
    TeamSnapshot,
    Venue,
    known_games,
)

from .conftest import make_game

NOW = datetime(2026, 6, 1, 20, 0, tzinfo=UTC)
RECENT = timedelta(hours=6)
HOME = Team(id="10", abbreviation="HOM", name="Home Town", short_name="Home")
AWAY = Team(id="20", abbreviation="AWY", name="Away City", short_name="Away")


def _game(
    game_id: str, start: datetime, phase: Phase, home: int | None = None, away: int | None = None
) -> Game:
    return make_game(
        phase,
        HOME,
        AWAY,
        start=start,
        game_id=game_id,
        league="mlb",
        sport="baseball",
        home_score=home,
        away_score=away,
    )


def _current(*games: Game) -> str | None:
    board = Scoreboard(league="mlb", fetched_at=NOW, games=games)
    game = board.current_game("10", NOW, RECENT)
    return game.id if game else None


def test_live_game_wins_over_everything() -> None:
    """Doubleheader: the live second game beats the first game's final."""
    first = _game("g1", NOW - timedelta(hours=4), Phase.FINAL, 3, 2)
    second = _game("g2", NOW - timedelta(minutes=30), Phase.LIVE, 0, 1)
    later = _game("g3", NOW + timedelta(days=1), Phase.SCHEDULED)
    assert _current(later, first, second) == "g2"


def test_break_and_delay_count_as_current() -> None:
    """A game in a break, or delayed after its start time, is current."""
    assert _current(_game("b", NOW - timedelta(hours=1), Phase.BREAK, 1, 1)) == "b"
    delayed = _game("d", NOW - timedelta(minutes=5), Phase.DELAYED, 0, 0)
    tomorrow = _game("t", NOW + timedelta(days=1), Phase.SCHEDULED)
    assert _current(tomorrow, delayed) == "d"


def test_recent_final_then_next_scheduled() -> None:
    """A recent final shows until the window passes, then the next game."""
    final = _game("f", NOW - timedelta(hours=3), Phase.FINAL, 5, 4)
    nxt = _game("n", NOW + timedelta(hours=20), Phase.SCHEDULED)
    assert _current(final, nxt) == "f"
    old_final = replace(final, start=NOW - timedelta(hours=7))
    assert _current(old_final, nxt) == "n"


def test_earliest_upcoming_and_fallbacks() -> None:
    """The earliest scheduled game is next; with none, the latest game shows."""
    a = _game("a", NOW + timedelta(hours=2), Phase.SCHEDULED)
    b = _game("b", NOW + timedelta(hours=5), Phase.SCHEDULED)
    assert _current(b, a) == "a"
    postponed = _game("p", NOW - timedelta(days=2), Phase.POSTPONED)
    assert _current(postponed) == "p"
    assert _current() is None


@pytest.mark.parametrize(
    ("home", "away", "home_winner", "expected"),
    [
        (3, 2, None, Result.WIN),
        (2, 3, None, Result.LOSS),
        (2, 2, None, Result.TIE),
        (2, 2, True, Result.WIN),
        (None, 2, None, None),
    ],
)
def test_result(
    home: int | None, away: int | None, home_winner: bool | None, expected: Result | None
) -> None:
    """Results come from the winner flag, else from the scores."""
    game = _game("r", NOW, Phase.FINAL, home, away)
    if home_winner is not None:
        game = replace(
            game,
            home=replace(game.home, winner=home_winner),
            away=replace(game.away, winner=not home_winner),
        )
    assert game.result_for("10") == expected
    assert game.result_for("99") is None
    assert replace(game, phase=Phase.LIVE).result_for("10") is None


def test_snapshot_views() -> None:
    """A snapshot sees the game from the followed team's side."""
    final = _game("f", NOW - timedelta(days=1), Phase.FINAL, 1, 4)
    live = _game("l", NOW - timedelta(hours=1), Phase.LIVE, 2, 0)
    board = Scoreboard(league="mlb", fetched_at=NOW, games=(final, live))
    snap = TeamSnapshot.build(board, None, AWAY, NOW, RECENT)
    assert snap.current is not None
    assert snap.current.side is Side.AWAY
    assert (snap.current.own.score, snap.current.opponent.score) == (0, 2)
    assert snap.last_final is not None
    assert snap.last_final.result is Result.WIN
    empty = TeamSnapshot.build(Scoreboard(league="mlb", fetched_at=NOW), None, AWAY, NOW, RECENT)
    assert (empty.current, empty.last_final) == (None, None)


def test_canonical_form() -> None:
    """The canonical form has the documented keys and UTC ISO start."""
    data = _game("c", NOW, Phase.SCHEDULED).as_dict()
    assert {
        "id",
        "league",
        "sport",
        "name",
        "short_name",
        "start",
        "phase",
        "status_detail",
        "period",
        "clock",
        "venue",
        "broadcasts",
        "home",
        "away",
    } <= set(data)
    assert data["start"] == "2026-06-01T20:00:00Z"
    assert set(data["home"]) == {
        "id",
        "abbreviation",
        "name",
        "short_name",
        "logo",
        "score",
        "record",
        "winner",
    }


def test_optional_details_round_trip_and_stay_out_when_absent() -> None:
    """Card details appear in the canonical form only when known, and read back."""
    plain = _game("p", NOW, Phase.LIVE, 1, 0)
    data = plain.as_dict()
    assert not {"url", "odds", "series"} & set(data)
    assert "color" not in data["home"]
    detailed = replace(
        plain,
        url="https://example.invalid/game",
        odds=Odds(spread=-3.5, over_under=44.5, favorite=Side.AWAY),
        series=Series(home_wins=2, away_wins=1),
        situation=Situation(possession="10", last_play="A long pass."),
        home=replace(
            plain.home,
            team=replace(HOME, color="A71930", alternate_color="000000", url="https://x.invalid"),
            rank=3,
            timeouts=2,
            win_probability=0.75,
            shots_on_target=4,
            total_shots=9,
            sets_won=1,
        ),
    )
    data = detailed.as_dict()
    assert data["odds"] == {"spread": -3.5, "over_under": 44.5, "favorite": "away"}
    assert data["series"] == {"home_wins": 2, "away_wins": 1, "completed": False}
    assert data["home"]["alternate_color"] == "000000"
    assert data["situation"]["last_play"] == "A long pass."
    assert Game.from_dict(data) == detailed
    board = Scoreboard(league="mlb", fetched_at=NOW, games=(detailed,), league_logo="l.png")
    assert Scoreboard.from_dict(board.as_dict()) == board
    assert "league_logo" not in Scoreboard(league="mlb", fetched_at=NOW).as_dict()


def test_team_tracker_details_round_trip_and_old_stores_still_load() -> None:
    """Address, ESPN's line and short status, sets, cricket's score, goals and cards.

    A game stored before they existed reads back with none of them, and its
    canonical form (bus events, webhooks, history) is the same as before.
    """
    old = _game("o", NOW, Phase.LIVE, 1, 0).as_dict()
    old["venue"] = {"name": "Park", "city": "Town"}
    old["odds"] = {"spread": -3.5, "over_under": None, "favorite": "home"}
    stored = Game.from_dict(old)
    assert stored.venue == Venue("Park", "Town")
    assert stored.odds == Odds(spread=-3.5, favorite=Side.HOME)
    assert (stored.status_short, stored.key_events, stored.home.set_scores) == (None, (), ())
    assert stored.as_dict() == old
    plain = Game.from_dict(old)
    detailed = replace(
        plain,
        venue=Venue("Park", "Town", state="Ohio", country="USA"),
        odds=Odds(over_under=8.0, details="PHI -140"),
        status_short="4:15 - 4th",
        key_events=(KeyEvent("11'", "Yellow Card", "10", "A. Player"),),
        home=replace(plain.home, set_scores=(25, 20), score_text="155/6", possession_share=48.2),
    )
    data = detailed.as_dict()
    assert data["venue"] == {"name": "Park", "city": "Town", "state": "Ohio", "country": "USA"}
    assert data["odds"]["details"] == "PHI -140"
    assert data["status_short"] == "4:15 - 4th"
    assert data["key_events"] == [
        {"clock": "11'", "kind": "Yellow Card", "team_id": "10", "athlete": "A. Player"}
    ]
    assert (data["home"]["set_scores"], data["home"]["score_text"]) == ([25, 20], "155/6")
    assert Game.from_dict(data) == detailed
    assert detailed.venue is not None
    assert detailed.venue.location == "Town, Ohio, USA"
    assert Venue("Park").location is None


def test_schedule_is_its_own_and_known_with_the_board() -> None:
    """A team's schedule survives its stored form; known games take both, the board's copy first."""
    stale_today = _game("today", NOW, Phase.SCHEDULED)
    later = _game("later", NOW + timedelta(days=2), Phase.SCHEDULED)
    before = _game("before", NOW - timedelta(days=2), Phase.FINAL, 3, 4)
    schedule = TeamSchedule("20", (before, stale_today, later))
    assert TeamSchedule.from_dict(schedule.as_dict()) == schedule
    board = Scoreboard(league="mlb", fetched_at=NOW, games=(_game("today", NOW, Phase.LIVE, 1, 0),))
    assert "schedule" not in board.as_dict()
    known = known_games(board, schedule, "20")
    assert [game.id for game in known] == ["before", "today", "later"]
    assert known[1] is board.games[0]
    assert [game.id for game in known_games(board, None, "20")] == ["today"]
    # Before its game: last week's final is the last result, today's game the current one.
    pregame = replace(board, games=(stale_today,))
    snap = TeamSnapshot.build(pregame, schedule, AWAY, NOW - timedelta(hours=1), RECENT)
    assert snap.current is not None
    assert snap.last_final is not None
    assert (snap.current.game.id, snap.last_final.game.id) == ("today", "before")


def test_schedule_tells_no_more_than_the_board_shown() -> None:
    """Under a stream delay the shown board is older: a game it has not seen start is no final."""
    shown_at = NOW - timedelta(minutes=5)
    board = Scoreboard(league="mlb", fetched_at=shown_at)
    ended = _game("ended", NOW - timedelta(hours=3), Phase.FINAL, 5, 1)
    just_now = _game("just", NOW - timedelta(minutes=1), Phase.FINAL, 0, 9)
    snap = TeamSnapshot.build(board, TeamSchedule("20", (ended, just_now)), AWAY, NOW, RECENT)
    assert snap.last_final is not None
    assert snap.last_final.game.id == "ended"
    masked = known_games(board, TeamSchedule("20", (ended, just_now)), "20")[-1]
    assert (masked.id, masked.phase, masked.home.score, masked.away.winner) == (
        "just",
        Phase.SCHEDULED,
        None,
        None,
    )
    # Once the shown board was fetched after its start, the schedule's final shows.
    later = TeamSnapshot.build(
        replace(board, fetched_at=NOW), TeamSchedule("20", (ended, just_now)), AWAY, NOW, RECENT
    )
    assert later.last_final is not None
    assert later.last_final.game.id == "just"
