"""Plays: ESPN's soccer details parsed, the Demo league's, and which are new."""

from __future__ import annotations

from datetime import UTC, datetime
import logging

import pytest

from custom_components.live_sports.diff import ChangeKind, GameChange, GameState, diff
from custom_components.live_sports.models import (
    Athlete,
    Game,
    Phase,
    Play,
    PlayKind,
    Side,
    report_line,
)
from custom_components.live_sports.play_changes import forget_above, play_news, remember
from custom_components.live_sports.providers.espn import LEAGUES, parse_scoreboard
from custom_components.live_sports.providers.replay import demo_scoreboard
from custom_components.live_sports.providers.replay_plays import GOAL_ODDS, game_plays

from .conftest import recorded

NOW = datetime(2026, 7, 4, tzinfo=UTC)
UCL_FINAL = "espn/uefa.champions_event_401862897_ARS-at-PSG_2026-05-30_final_FINAL-PEN.json"
WORLD_CUP = "espn/fifa.world_event_760500_CPV-at-ARG_2026-07-03_round-of-32_final-AET.json"


def _game(name: str, league: str) -> Game:
    board = parse_scoreboard({"events": [recorded(name)]}, LEAGUES[league], NOW)
    return board.games[0]


def test_champions_league_final_goals_cards_and_shootout() -> None:
    """Havertz 6', Dembélé's penalty 65', four yellow cards, then the shoot-out kicks."""
    game = _game(UCL_FINAL, "ucl")
    kinds = [play.kind for play in game.plays]
    assert kinds[:4] == [
        PlayKind.GOAL,
        PlayKind.YELLOW_CARD,
        PlayKind.YELLOW_CARD,
        PlayKind.PENALTY_GOAL,
    ]
    goal, penalty = game.plays[0], game.plays[3]
    assert (goal.scorer, goal.clock, goal.period, goal.team_id) == (
        Athlete(id="231182", name="Kai Havertz", short_name="K. Havertz", jersey="29"),
        "6'",
        1,
        "359",
    )
    # Arsenal are away: 0-1, then PSG's penalty levels it.
    assert (goal.home_score, goal.away_score) == (0, 1)
    assert (penalty.home_score, penalty.away_score, penalty.period) == (1, 1, 2)
    kicks = [play for play in game.plays if play.kind.in_shootout]
    assert len(kicks) == sum(1 for kind in kinds if kind is PlayKind.SHOOTOUT_GOAL) + sum(
        1 for kind in kinds if kind is PlayKind.SHOOTOUT_MISS
    )
    assert kicks
    assert all(kick.period == 5 and not kick.changes_score for kick in kicks)
    # The shoot-out never moves the score: 1-1 after every kick.
    assert {(kick.home_score, kick.away_score) for kick in kicks} == {(1, 1)}
    assert len({play.id for play in game.plays}) == len(game.plays)
    assert game.plays == _game(UCL_FINAL, "ucl").plays  # the same ids on every board


def test_world_cup_own_goal_counts_for_the_team_given_it() -> None:
    """Diney Borges (Cape Verde) put it in his own net: Argentina's goal, 111'."""
    game = _game(WORLD_CUP, "fifa_world_cup")
    own_goal = next(play for play in game.plays if play.kind is PlayKind.OWN_GOAL)
    assert own_goal.team_id == "202"
    assert own_goal.scorer is not None
    assert own_goal.scorer.name == "Diney Borges"
    assert (own_goal.clock, own_goal.period) == ("111'", 4)
    last_goal = [play for play in game.plays if play.changes_score][-1]
    scores = {game.home.team.id: game.home.score, game.away.team.id: game.away.score}
    home_after, away_after = last_goal.home_score, last_goal.away_score
    assert (home_after, away_after) == (scores[game.home.team.id], scores[game.away.team.id])
    line = report_line(own_goal, "ARG 3–2 CPV")
    assert line == "Own goal — D. Borges 111' (o.g.) · ARG 3–2 CPV"


def test_unknown_detail_type_is_kept_as_other_and_told() -> None:
    """A detail type we do not know is an 'other' play; the provider is told to log it."""
    event = recorded(UCL_FINAL)
    event["competitions"][0]["details"][1] = {
        "type": {"id": "999", "text": "Drinks break"},
        "clock": {"value": 1800.0, "displayValue": "30'"},
        "team": {"id": "359"},
    }
    told: list[tuple[str, str]] = []
    board = parse_scoreboard(
        {"events": [event]}, LEAGUES["ucl"], NOW, lambda name, state: told.append((name, state))
    )
    assert board.games[0].plays[1].kind is PlayKind.OTHER
    assert ("Drinks break", "play type") in told


def test_report_line_names_scorer_minute_and_mark() -> None:
    """The match report line: "Goal — B. Saka 36' (pen.) · ARS 2–1 CHE"."""
    saka = Athlete(id="1", name="Bukayo Saka", short_name="B. Saka", jersey="7")
    penalty = Play(id="p", kind=PlayKind.PENALTY_GOAL, team_id="1", clock="36'", scorer=saka)
    assert report_line(penalty, "ARS 2–1 CHE") == "Goal — B. Saka 36' (pen.) · ARS 2–1 CHE"
    assisted = Play(
        id="g",
        kind=PlayKind.GOAL,
        team_id="1",
        clock="12:04",
        scorer=saka,
        assists=(Athlete(id="2", name="Martin Ødegaard"),),
        strength="PPG",
    )
    assert report_line(assisted, "ARS 1–0 CHE") == (
        "Goal — B. Saka 12:04 (PPG) assisted by Martin Ødegaard · ARS 1–0 CHE"
    )
    assert report_line(Play(id="x", kind=PlayKind.SAFETY, team_id="1"), "BUF 2–0 NE") == (
        "Safety · BUF 2–0 NE"
    )
    assert Play.from_dict(assisted.as_dict()) == assisted


def test_demo_games_score_like_soccer() -> None:
    """Under three goals a game on average, with scorers, assists and cards."""
    goals = cards = assisted = games = 0
    for index in range(200):
        plays = game_plays(f"demo-{index}-0", "1", "4", 90, 45)
        games += 1
        scored = [play for play in plays if play.changes_score]
        goals += len(scored)
        assisted += sum(1 for play in scored if play.assists)
        cards += sum(1 for play in plays if play.kind.is_card)
        assert all(play.scorer is not None for play in plays)
        assert [play.clock for play in plays] == sorted(
            (play.clock for play in plays), key=lambda clock: int(clock.rstrip("'"))
        )
    assert 1.8 < goals / games < 3.5, goals / games
    assert 2.0 < cards / games < 6.0, cards / games
    assert assisted > goals / 3
    assert GOAL_ODDS > 20


def test_demo_board_plays_match_its_score() -> None:
    """Each Demo game's goals add up to its score, and its plays never change once shown."""
    board = demo_scoreboard(datetime.fromtimestamp(600 * 2_950_000 + 400, UTC))
    for game in board.games:
        scored = [play for play in game.plays if play.changes_score]
        if game.phase is Phase.SCHEDULED:
            assert game.plays == ()
            continue
        home = sum(1 for play in scored if play.team_id == game.home.team.id)
        assert (home, len(scored) - home) == (game.home.score, game.away.score)


def _live(game: Game, plays: tuple[Play, ...], home: int, away: int) -> Game:
    from dataclasses import replace  # noqa: PLC0415

    return replace(
        game,
        phase=Phase.LIVE,
        plays=plays,
        home=replace(game.home, score=home),
        away=replace(game.away, score=away),
    )


def _goal(number: int, team: str, home: int, away: int, scorer: str | None = "A") -> Play:
    return Play(
        id=f"goal-{number}",
        kind=PlayKind.GOAL,
        team_id=team,
        clock=f"{number}'",
        scorer=Athlete(id=scorer, name=scorer) if scorer else None,
        points=1,
        home_score=home,
        away_score=away,
    )


@pytest.fixture
def ucl() -> Game:
    """The Champions League final, as if still under way at 0-0 without plays."""
    return _live(_game(UCL_FINAL, "ucl"), (), 0, 0)


def test_two_goals_between_two_boards_are_two_plays_in_order(ucl: Game) -> None:
    """Both goals fire, in order, each with its scorer; the score change names the last."""
    home, away = ucl.home.team.id, ucl.away.team.id
    _, states = diff({}, [ucl], [away], NOW)
    first, second = _goal(3, away, 0, 1, "Havertz"), _goal(5, away, 0, 2, "Saka")
    changes, _ = diff(states, [_live(ucl, (first, second), 0, 2)], [away], NOW)
    assert [
        (c.kind, c.play.scorer.name if c.play and c.play.scorer else None) for c in changes
    ] == [
        (ChangeKind.SCORING_PLAY, "Havertz"),
        (ChangeKind.SCORING_PLAY, "Saka"),
        (ChangeKind.SCORE_CHANGED, "Saka"),
    ]
    assert (changes[2].points, changes[2].side) == (2, Side.AWAY)
    assert home != away
    # Stored and read back, the changes are the same.
    assert [GameChange.from_dict(c.as_dict()) for c in changes] == changes


def test_a_goal_enriched_later_fires_one_update(ucl: Game) -> None:
    """First seen without its scorer: one scoring play, then one update, then nothing."""
    away = ucl.away.team.id
    _, states = diff({}, [ucl], [away], NOW)
    bare = _goal(3, away, 0, 1, None)
    changes, states = diff(states, [_live(ucl, (bare,), 0, 1)], [away], NOW)
    assert [c.kind for c in changes] == [ChangeKind.SCORING_PLAY, ChangeKind.SCORE_CHANGED]
    named = _goal(3, away, 0, 1, "Havertz")
    changes, states = diff(states, [_live(ucl, (named,), 0, 1)], [away], NOW)
    assert [
        (c.kind, c.play.scorer.name if c.play and c.play.scorer else None) for c in changes
    ] == [(ChangeKind.PLAY_UPDATED, "Havertz")]
    again, _ = diff(states, [_live(ucl, (named,), 0, 1)], [away], NOW)
    assert again == []
    # The same goal under another provider's id is not a new goal.
    other = Play(**{**named.as_dict(), "id": "nhl-77", "kind": PlayKind.GOAL, "scorer": None})
    again, _ = diff(states, [_live(ucl, (other,), 0, 1)], [away], NOW)
    assert again == []


def test_correction_fires_once_when_the_score_stays_down(ucl: Game) -> None:
    """VAR: 0-1, then 0-0 on two boards: one score_corrected, on the second."""
    away = ucl.away.team.id
    _, states = diff({}, [ucl], [away], NOW)
    goal = _goal(3, away, 0, 1)
    _, states = diff(states, [_live(ucl, (goal,), 0, 1)], [away], NOW)
    changes, states = diff(states, [_live(ucl, (), 0, 0)], [away], NOW)
    assert [(c.kind, c.points) for c in changes] == [(ChangeKind.SCORE_CHANGED, -1)]
    changes, states = diff(states, [_live(ucl, (), 0, 0)], [away], NOW)
    assert [(c.kind, c.points, c.side) for c in changes] == [
        (ChangeKind.SCORE_CORRECTED, -1, Side.AWAY)
    ]
    again, states = diff(states, [_live(ucl, (), 0, 0)], [away], NOW)
    assert again == []
    # Scored again later, to the same score: a new goal.
    retaken = _goal(9, away, 0, 1, "Saka")
    changes, _ = diff(states, [_live(ucl, (retaken,), 0, 1)], [away], NOW)
    assert [c.kind for c in changes] == [ChangeKind.SCORING_PLAY, ChangeKind.SCORE_CHANGED]


def test_a_score_back_up_on_the_next_board_is_no_correction(ucl: Game) -> None:
    """A board that dropped a goal for one poll (then showed it again) corrects nothing."""
    away = ucl.away.team.id
    _, states = diff({}, [ucl], [away], NOW)
    goal = _goal(3, away, 0, 1)
    _, states = diff(states, [_live(ucl, (goal,), 0, 1)], [away], NOW)
    _, states = diff(states, [_live(ucl, (), 0, 0)], [away], NOW)
    changes, states = diff(states, [_live(ucl, (goal,), 0, 1)], [away], NOW)
    assert [(c.kind, c.points) for c in changes] == [(ChangeKind.SCORE_CHANGED, 1)]
    assert states[ucl.id].correction is None


def test_plays_memory_is_stored_and_old_states_fire_nothing(ucl: Game) -> None:
    """A state stored before plays were tracked remembers the board's plays, fires none."""
    away = ucl.away.team.id
    _, states = diff({}, [ucl], [away], NOW)
    stored = states[ucl.id].as_dict()
    assert GameState.from_dict(stored) == states[ucl.id]
    del stored["plays"]
    old = {ucl.id: GameState.from_dict(stored)}
    goals = (_goal(3, away, 0, 1), _goal(5, away, 0, 2))
    changes, states = diff(old, [_live(ucl, goals, 0, 0)], [away], NOW)
    assert changes == []
    assert states[ucl.id].plays == remember(goals)
    assert forget_above(None, 0, 0) is None
    assert play_news(states[ucl.id].plays, goals) == ([], states[ucl.id].plays)


def test_a_card_whose_minute_is_corrected_is_not_a_new_card(ucl: Game) -> None:
    """The same booking, its minute (and so its derived id) corrected: nothing new fires."""
    home = ucl.home.team.id
    _, states = diff({}, [ucl], [home], NOW)
    booked = Athlete("9", "X")
    card = Play(id="c1", kind=PlayKind.YELLOW_CARD, team_id=home, clock="50'", scorer=booked)
    changes, states = diff(states, [_live(ucl, (card,), 0, 0)], [home], NOW)
    assert [c.kind for c in changes] == [ChangeKind.CARD]
    moved = Play(id="c1b", kind=PlayKind.YELLOW_CARD, team_id=home, clock="51'", scorer=booked)
    changes, states = diff(states, [_live(ucl, (moved,), 0, 0)], [home], NOW)
    assert changes == []
    second = Play(id="c2", kind=PlayKind.YELLOW_CARD, team_id=home, clock="80'", scorer=booked)
    changes, _ = diff(states, [_live(ucl, (moved, second), 0, 0)], [home], NOW)
    assert [(c.kind, c.play) for c in changes] == [(ChangeKind.CARD, second)]


def test_cards_fire_as_cards(ucl: Game, caplog: pytest.LogCaptureFixture) -> None:
    """A booking is a card change with the player; a play of another kind fires nothing."""
    home = ucl.home.team.id
    _, states = diff({}, [ucl], [home], NOW)
    card = Play(
        id="c1", kind=PlayKind.RED_CARD, team_id=home, clock="50'", scorer=Athlete("9", "X")
    )
    other = Play(id="o1", kind=PlayKind.OTHER, team_id=home, clock="51'")
    with caplog.at_level(logging.INFO):
        changes, _ = diff(states, [_live(ucl, (card, other), 0, 0)], [home], NOW)
    assert [(c.kind, c.side, c.play) for c in changes] == [(ChangeKind.CARD, Side.HOME, card)]
