"""Change detection between two scoreboards."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from custom_components.live_sports.diff import ChangeKind, GameState, diff
from custom_components.live_sports.models import Game, Phase, Result, Side, Team

from .conftest import make_game

NOW = datetime(2026, 10, 4, 18, 0, tzinfo=UTC)
US = Team(id="1", abbreviation="BUF", name="Buffalo Bills", short_name="Bills")
THEM = Team(id="2", abbreviation="NE", name="New England Patriots", short_name="Patriots")


def _game(
    phase: Phase,
    home: int | None = None,
    away: int | None = None,
    period: int | None = None,
    **kwargs: object,
) -> Game:
    return make_game(
        phase,
        US,
        THEM,
        start=NOW,
        game_id="g1",
        home_score=home,
        away_score=away,
        status_detail=str(kwargs.get("detail", phase.value)),
        period=period,
    )


def _run(*boards: Game, team_ids: tuple[str, ...] = ("1",)) -> list[list[tuple[ChangeKind, str]]]:
    states: dict[str, GameState] = {}
    out = []
    for index, game in enumerate(boards):
        changes, states = diff(states, [game], team_ids, NOW + timedelta(minutes=index))
        out.append([(change.kind, change.team_id) for change in changes])
    return out


def test_first_sight_fires_nothing() -> None:
    """What already happened before we looked does not fire."""
    changes, states = diff({}, [_game(Phase.LIVE, 14, 10, 3)], ["1"], NOW)
    assert changes == []
    assert states["g1"].started is True
    assert states["g1"].home_score == 14


def test_a_whole_game() -> None:
    """Start, scores, breaks, periods and the end each fire once, in order."""
    result = _run(
        _game(Phase.SCHEDULED),
        _game(Phase.LIVE, 0, 0, 1),
        _game(Phase.LIVE, 7, 0, 1),
        _game(Phase.LIVE, 7, 0, 1),
        _game(Phase.BREAK, 7, 0, 1, detail="End of 1st Quarter"),
        _game(Phase.LIVE, 7, 3, 2),
        _game(Phase.FINAL, 7, 3, 4),
        _game(Phase.FINAL, 7, 3, 4),
    )
    kinds = [[kind for kind, _ in step] for step in result]
    assert kinds == [
        [],
        [ChangeKind.GAME_STARTED],
        [ChangeKind.SCORE_CHANGED],
        [],
        [ChangeKind.BREAK_STARTED],
        [ChangeKind.BREAK_ENDED, ChangeKind.PERIOD_CHANGED, ChangeKind.SCORE_CHANGED],
        [ChangeKind.GAME_ENDED],
        [],
    ]


def test_score_change_details_and_ids() -> None:
    """A score change says which side scored and by how much; ids are stable."""
    states: dict[str, GameState] = {}
    _, states = diff(states, [_game(Phase.LIVE, 7, 0, 1)], ["1", "2"], NOW)
    changes, after = diff(states, [_game(Phase.LIVE, 7, 3, 1)], ["1", "2"], NOW)
    assert [(c.team_id, c.side, c.points) for c in changes] == [
        ("1", Side.AWAY, 3),
        ("2", Side.AWAY, 3),
    ]
    assert len({change.event_id for change in changes}) == 2
    again, _ = diff(states, [_game(Phase.LIVE, 7, 3, 1)], ["1", "2"], NOW)
    assert [c.event_id for c in again] == [c.event_id for c in changes]
    assert after["g1"].seq == states["g1"].seq + 1


def test_both_sides_score_between_two_polls() -> None:
    """Two scores seen in one poll fire two changes."""
    states: dict[str, GameState] = {}
    _, states = diff(states, [_game(Phase.LIVE, 0, 0, 1)], ["1"], NOW)
    changes, _ = diff(states, [_game(Phase.LIVE, 7, 3, 1)], ["1"], NOW)
    assert [(c.side, c.points) for c in changes] == [(Side.HOME, 7), (Side.AWAY, 3)]


def test_game_end_result_and_missed_game() -> None:
    """The end carries the result; a game missed while down still ends once."""
    states: dict[str, GameState] = {}
    _, states = diff(states, [_game(Phase.SCHEDULED)], ["2"], NOW)
    changes, _ = diff(states, [_game(Phase.FINAL, 24, 27, 4)], ["2"], NOW)
    kinds = [change.kind for change in changes]
    assert kinds == [ChangeKind.SCORE_CHANGED, ChangeKind.SCORE_CHANGED, ChangeKind.GAME_ENDED]
    assert changes[-1].result is Result.WIN


def test_interruptions() -> None:
    """Postponed, delayed and its resumption fire status changes."""
    result = _run(
        _game(Phase.SCHEDULED),
        _game(Phase.DELAYED),
        _game(Phase.LIVE, 0, 0, 1),
        _game(Phase.SUSPENDED, 0, 0, 1),
        _game(Phase.LIVE, 0, 0, 1),
    )
    kinds = [[kind for kind, _ in step] for step in result]
    assert kinds == [
        [],
        [ChangeKind.STATUS_CHANGED],
        [ChangeKind.GAME_STARTED],
        [ChangeKind.STATUS_CHANGED],
        [ChangeKind.STATUS_CHANGED],
    ]
    postponed = _run(_game(Phase.SCHEDULED), _game(Phase.POSTPONED), _game(Phase.CANCELED))
    assert [[kind for kind, _ in step] for step in postponed] == [
        [],
        [ChangeKind.STATUS_CHANGED],
        [ChangeKind.STATUS_CHANGED],
    ]


def test_other_teams_games_are_ignored_and_old_games_forgotten() -> None:
    """Only followed teams' games are kept; absent games go after three days."""
    changes, states = diff({}, [_game(Phase.LIVE, 1, 0, 1)], ["99"], NOW)
    assert (changes, states) == ([], {})
    _, states = diff({}, [_game(Phase.FINAL, 1, 0, 4)], ["1"], NOW)
    _, kept = diff(states, [], ["1"], NOW + timedelta(days=1))
    assert "g1" in kept
    _, gone = diff(states, [], ["1"], NOW + timedelta(days=4))
    assert gone == {}


def test_state_round_trips_and_phase_since() -> None:
    """States survive the store; `since` moves only when the phase does."""
    _, states = diff({}, [_game(Phase.LIVE, 0, 0, 1)], ["1"], NOW)
    _, states = diff(states, [_game(Phase.LIVE, 3, 0, 1)], ["1"], NOW + timedelta(minutes=5))
    assert states["g1"].since == NOW
    _, states = diff(states, [_game(Phase.BREAK, 3, 0, 1)], ["1"], NOW + timedelta(minutes=9))
    assert states["g1"].since == NOW + timedelta(minutes=9)
    assert GameState.from_dict(states["g1"].as_dict()) == states["g1"]
    assert replace(states["g1"], seq=5) != states["g1"]
