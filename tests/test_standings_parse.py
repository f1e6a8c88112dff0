"""ESPN's league tables parse: groups, zones, clinch marks, the gaps a fan asks about.

From the three recorded tables (derived, see tests/fixtures/README.md): the
Premier League 2024-25, the Champions League's 36-team league phase and the
NBA's two conferences.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest

from custom_components.live_sports.providers.base import NoStandingsError, ProviderResponseError
from custom_components.live_sports.providers.espn.standings import parse_standings
from custom_components.live_sports.standings import (
    Clinch,
    LeagueStandings,
    Zone,
    position_of,
)
from custom_components.live_sports.table_diff import TableChangeKind, TablePlace, table_diff

from .conftest import recorded

NOW = datetime(2025, 5, 26, 12, tzinfo=UTC)
EPL = "espn/standings/standings_soccer_eng.1_2024-25.json"
UCL = "espn/standings/standings_soccer_uefa.champions_2024-25_league-phase_36.json"
NBA = "espn/standings/standings_basketball_nba_2024-25_conferences.json"


def _table(name: str, league: str) -> LeagueStandings:
    return parse_standings(recorded(name), league, NOW)


def _line(standings: LeagueStandings, abbreviation: str) -> tuple[int, Any]:
    for group in standings.groups:
        for row in group.rows:
            if row.team.abbreviation == abbreviation:
                return row.rank, row
    raise AssertionError(abbreviation)


def test_premier_league_table() -> None:
    """One group of 20 in rank order, its points, goals and the five zones ESPN colours."""
    table = _table(EPL, "epl")
    assert [group.name for group in table.groups] == ["English Premier League 2024-2025"]
    rows = table.groups[0].rows
    assert [row.rank for row in rows] == list(range(1, 21))
    assert table.season == "2024-2025"
    leader = rows[0]
    assert (leader.team.name, leader.points, leader.played) == ("Liverpool", 84.0, 38)
    assert (leader.wins, leader.draws, leader.losses) == (25, 9, 4)
    assert (leader.points_for, leader.points_against, leader.difference) == (86.0, 41.0, 45.0)
    assert leader.zone == Zone("Champions League", "81D6AC")
    assert [row.zone.label if row.zone else None for row in rows[4:8]] == [
        "Champions League",
        "Europa League",
        "Conference League qualifying",
        None,
    ]
    assert {row.zone for row in rows[17:]} == {Zone("Relegation", "FF7F84")}
    assert all(row.clinch is None and row.games_behind is None for row in rows)


def test_champions_league_phase() -> None:
    """36 clubs in one league phase: eight through, sixteen to the play-offs, twelve out."""
    table = _table(UCL, "ucl")
    assert [(group.name, len(group.rows)) for group in table.groups] == [("League Phase", 36)]
    labels = [row.zone.label if row.zone else None for row in table.groups[0].rows]
    assert labels.count("Qualifies for round of 16") == 8
    assert labels.count("Knockout phase playoffs - seeded") == 8
    assert labels.count("Knockout phase playoffs - unseeded") == 8
    assert labels.count("Eliminated") == 12
    assert table.groups[0].rows[0].team.name == "Liverpool"


def test_nba_conferences_with_clinch_marks() -> None:
    """Two conferences by seed, games behind, streaks, and every clinch letter ESPN uses."""
    table = _table(NBA, "nba")
    assert [(group.name, len(group.rows)) for group in table.groups] == [
        ("Eastern Conference", 15),
        ("Western Conference", 15),
    ]
    assert table.season is None
    east = table.groups[0].rows
    assert [row.team.abbreviation for row in east[:3]] == ["CLE", "BOS", "NY"]
    cleveland = east[0]
    assert (cleveland.rank, cleveland.seed, cleveland.wins, cleveland.losses) == (1, 1, 64, 18)
    assert (cleveland.games_behind, cleveland.streak, cleveland.played) == (0.0, "L1", 82)
    assert cleveland.win_percent == pytest.approx(0.78, abs=0.001)
    marks = {
        row.clinch_mark: row.clinch for group in table.groups for row in group.rows if row.clinch
    }
    assert marks == {
        "z": Clinch.TOP_SEED,
        "y": Clinch.DIVISION,
        "x": Clinch.PLAYOFF_SPOT,
        "xp": Clinch.PLAYOFF_SPOT,
        "pb": Clinch.PLAY_IN,
        "e": Clinch.ELIMINATED,
    }
    assert _line(table, "LAL")[1].clinch is Clinch.DIVISION


def test_position_gaps_in_points_and_games() -> None:
    """The row above, the gap to the leader, the nearest other zone above and below."""
    epl = _table(EPL, "epl")
    villa = next(row for row in epl.groups[0].rows if row.team.abbreviation == "AVL")
    position = position_of(epl, villa.team.id)
    assert position is not None
    assert (position.row.rank, position.above.team.abbreviation if position.above else None) == (
        6,
        "NEW",
    )
    assert position.gap_to_leader == 84 - villa.points  # type: ignore[operator]
    assert position.zone_above is not None
    assert (position.zone_above.label, position.zone_above.gap) == ("Champions League", 0.0)
    assert position.zone_below is not None
    assert position.zone_below.label == "Conference League qualifying"

    nba = _table(NBA, "nba")
    lakers = position_of(nba, "13")
    assert lakers is not None
    assert (lakers.group.name, lakers.row.rank, lakers.gap_to_leader) == (
        "Western Conference",
        3,
        18.0,
    )
    assert position_of(nba, "no-such-team") is None


def test_round_trip_through_the_store() -> None:
    """The stored form reads back to the same table."""
    for name, league in ((EPL, "epl"), (NBA, "nba")):
        table = _table(name, league)
        assert LeagueStandings.from_dict(table.as_dict()) == table


def test_no_table_and_malformed_lines() -> None:
    """A league without groups says so; a broken line costs that line only."""
    with pytest.raises(NoStandingsError):
        parse_standings({"uid": "s:3301~l:3321", "name": "UFC"}, "ufc", NOW)
    with pytest.raises(NoStandingsError):
        parse_standings({"children": [{"standings": {"entries": []}}]}, "cup", NOW)
    with pytest.raises(ProviderResponseError):
        parse_standings([], "epl", NOW)
    payload = copy.deepcopy(recorded(EPL))
    entries = payload["children"][0]["standings"]["entries"]
    del entries[3]["team"]
    table = parse_standings(payload, "epl", NOW)
    assert len(table.groups[0].rows) == 19
    flat = {"standings": {"entries": entries[:2]}}
    assert len(parse_standings(flat, "epl", NOW).groups[0].rows) == 2


def test_table_diff_fires_once_per_change() -> None:
    """First seen is only remembered; a move, a zone and a clinch fire once each."""
    before = _table(NBA, "nba")
    changes, places = table_diff({}, before, ["13"])
    assert changes == []
    assert places["13"] == TablePlace("Western Conference", 3, None, Clinch.DIVISION)
    moved = dict(places)
    moved["13"] = TablePlace("Western Conference", 5, "Play-In", None)
    changes, again = table_diff(moved, before, ["13", "404"])
    assert [change.kind for change in changes] == [
        TableChangeKind.POSITION_CHANGED,
        TableChangeKind.ZONE_CHANGED,
        TableChangeKind.CLINCHED,
    ]
    assert (changes[0].previous_rank, changes[1].previous_zone) == (5, "Play-In")
    assert len({change.event_id for change in changes}) == 3
    assert table_diff(again, before, ["13"])[0] == []
    assert again["13"].seq == 3
