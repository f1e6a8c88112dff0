"""The NHL web API's goals: scorer, assists, strength and shot type, under ESPN's teams."""

from __future__ import annotations

from datetime import UTC, datetime

from custom_components.live_sports.models import PlayKind, Scoreboard, Team
from custom_components.live_sports.providers.canonical import CanonicalGames
from custom_components.live_sports.providers.nhl_goals import landing_goals, parse_goals
from custom_components.live_sports.providers.nhl_web import parse_games

from .conftest import own, recorded

LANDING = "nhl-web/nhl_v1_gamecenter_2023020207_landing.json"
"""CGY @ TOR: 4-4 after overtime, Toronto wins the shoot-out; nine goals."""


def test_landing_goals_with_strength_shot_and_assists() -> None:
    """Nylander's power-play and short-handed goals, Domi's winner; every score after."""
    landing = recorded(LANDING)
    plays = parse_goals("g", landing_goals(landing), ("10", "TOR"), ("20", "CGY"))
    assert len(plays) == 9
    first = plays[0]
    assert first.scorer is not None
    assert (first.scorer.name, first.scorer.short_name, first.strength, first.shot_type) == (
        "William Nylander",
        "W. Nylander",
        "PPG",
        "wrist",
    )
    assert (first.team_id, first.kind, first.points, first.period) == ("10", PlayKind.GOAL, 1, 1)
    assert first.assists == ()  # unassisted
    assert [(a.name, a.jersey) for a in plays[2].assists] == [
        ("Max Domi", "11"),
        ("Nicholas Robertson", "89"),
    ]
    assert (plays[2].scorer.short_name if plays[2].scorer else None, plays[2].shot_type) == (
        "C. Jarnkrok",
        "backhand",
    )
    assert plays[3].strength == "SHG"
    assert plays[1].team_id == "20"
    assert plays[1].strength is None  # even strength
    # 4-4 after overtime; Domi's shoot-out winner moves no score of its own.
    assert (plays[-2].home_score, plays[-2].away_score) == (4, 4)
    assert plays[-1].scorer is not None
    assert (plays[-1].scorer.short_name, plays[-1].kind, plays[-1].points) == (
        "M. Domi",
        PlayKind.SHOOTOUT_GOAL,
        0,
    )
    assert len({play.id for play in plays}) == 9
    # Without isHome, the team's abbreviation says the side.
    bare = [{k: v for k, v in goal.items() if k != "isHome"} for goal in landing_goals(landing)]
    assert [p.team_id for p in parse_goals("g", bare, ("10", "TOR"), ("20", "CGY"))] == [
        p.team_id for p in plays
    ]
    assert (
        parse_goals(
            "g", [None, {"periodDescriptor": {"periodType": "SO"}}], ("1", "A"), ("2", "B")
        )[0].kind
        is PlayKind.SHOOTOUT_GOAL
    )


def test_a_score_game_with_goals_carries_plays_under_espn_teams() -> None:
    """A live ``score/{date}`` game's goals become plays; failed over, ESPN's team ids."""
    payload = own("nhl_web_score_edge_cases.json")
    game = payload["games"][0]
    home, away = game["homeTeam"], game["awayTeam"]
    landing = recorded(LANDING)
    goals = [
        {**goal, "isHome": goal["isHome"]}
        for goal in landing_goals(landing)
        if goal["homeScore"] <= (home.get("score") or 9) and goal["awayScore"] <= 9
    ][:2]
    game["goals"] = goals
    parsed = parse_games({"games": [game]})[0]
    assert [p.team_id for p in parsed.plays] == [
        str(home["id"]) if goal["isHome"] else str(away["id"]) for goal in goals
    ]
    canonical = CanonicalGames("nhl", "ESPN")
    espn_home = Team(
        id="espn-h", abbreviation=parsed.home.team.abbreviation, name=parsed.home.team.name,
        short_name=parsed.home.team.short_name,
    )  # fmt: skip
    espn_away = Team(
        id="espn-a", abbreviation=parsed.away.team.abbreviation, name=parsed.away.team.name,
        short_name=parsed.away.team.short_name,
    )  # fmt: skip
    canonical.set_teams([espn_home, espn_away])
    board = Scoreboard(league="nhl", fetched_at=datetime.now(UTC), games=(parsed,))
    games, _ = canonical.view("NHL", board)
    [shown] = games.values()
    assert (shown.home.team.id, shown.away.team.id) == ("espn-h", "espn-a")
    assert [p.team_id for p in shown.plays] == [
        "espn-h" if goal["isHome"] else "espn-a" for goal in goals
    ]
