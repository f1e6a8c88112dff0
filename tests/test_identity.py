"""One identity across providers: teams mapped to ESPN's, games under one id."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from custom_components.live_sports.models import Phase, Team
from custom_components.live_sports.providers.identity import GameRegistry, TeamMapper, normalize

from .conftest import make_game

ESPN_EPL = (
    Team(id="331", abbreviation="BHA", name="Brighton & Hove Albion", short_name="Brighton"),
    Team(id="349", abbreviation="BOU", name="AFC Bournemouth", short_name="Bournemouth"),
    Team(id="360", abbreviation="MAN", name="Manchester United", short_name="Man United"),
    Team(id="382", abbreviation="MNC", name="Manchester City", short_name="Man City"),
)
ESPN_MLB = (
    Team(id="4", abbreviation="CHW", name="Chicago White Sox", short_name="White Sox"),
    Team(id="16", abbreviation="CHC", name="Chicago Cubs", short_name="Cubs"),
)
START = datetime(2026, 5, 30, 17, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    ("theirs", "ours"),
    [
        ("Brighton and Hove Albion", "Brighton & Hove Albion"),
        ("Bournemouth", "AFC Bournemouth"),
        ("Atlético Madrid", "Atletico Madrid"),
        ("St. Louis Blues", "St Louis Blues"),
    ],
)
def test_names_differing_in_form_normalize_alike(theirs: str, ours: str) -> None:
    """Accents, '&', punctuation and club-name words (FC, AFC) do not count."""
    assert normalize(theirs) == normalize(ours)


def test_teams_map_by_name_override_or_nickname_and_the_rest_are_listed() -> None:
    """TheSportsDB's full names, MLB's CWS (override) map; an unknown club is listed."""
    mapper = TeamMapper("epl", ESPN_EPL)
    sportsdb = Team(
        id="133619",
        abbreviation="Brighton and Hove Albion",
        name="Brighton and Hove Albion",
        short_name="Brighton and Hove Albion",
    )
    assert mapper.map(sportsdb) == ESPN_EPL[0]
    assert (
        mapper.map(Team(id="1", abbreviation="X", name="Bournemouth", short_name="X"))
        == (ESPN_EPL[1])
    )
    nowhere = Team(id="9", abbreviation="Leeds", name="Leeds United", short_name="Leeds")
    assert mapper.map(nowhere) is None
    assert mapper.unmapped == {"9": "Leeds United"}
    assert mapper.mapped_ids() == {"331", "349"}

    mlb = TeamMapper("mlb", ESPN_MLB)
    white_sox = Team(id="145", abbreviation="CWS", name="Chicago White Sox", short_name="White Sox")
    assert mlb.map(white_sox) == ESPN_MLB[0]
    assert (
        mlb.map(Team(id="112", abbreviation="CHC", name="Cubs", short_name="Cubs")) == (ESPN_MLB[1])
    )


def test_an_ambiguous_nickname_maps_to_none() -> None:
    """'United' alone could be either club: neither is guessed; a unique one maps."""
    mapper = TeamMapper(
        "epl",
        (
            Team(id="360", abbreviation="MAN", name="Manchester United", short_name="United"),
            Team(id="361", abbreviation="NEW", name="Newcastle United", short_name="United"),
            Team(id="367", abbreviation="TOT", name="Tottenham Hotspur", short_name="Spurs"),
        ),
    )
    assert mapper.map(Team(id="x", abbreviation="UTD", name="Utd", short_name="United")) is None
    spurs = mapper.map(Team(id="y", abbreviation="THFC", name="Tottenham", short_name="Spurs"))
    assert spurs is not None
    assert spurs.id == "367"


def test_a_doubleheader_maps_game_to_game_by_start() -> None:
    """Two games of the same teams on one day: each the nearest start, once each."""
    registry = GameRegistry()
    home, away = ESPN_MLB
    espn = [
        make_game(Phase.FINAL, home, away, start=START, game_id="401a", league="mlb"),
        make_game(
            Phase.SCHEDULED,
            home,
            away,
            start=START + timedelta(hours=5, minutes=30),
            game_id="401b",
            league="mlb",
        ),
    ]
    assert registry.canonical(espn) == (tuple(espn), True)
    feed = [
        make_game(
            Phase.LIVE,
            home,
            away,
            start=START + timedelta(hours=5, minutes=40),
            game_id="mlb_statsapi:2",
            league="mlb",
        ),
        make_game(
            Phase.FINAL,
            home,
            away,
            start=START + timedelta(minutes=5),
            game_id="mlb_statsapi:1",
            league="mlb",
        ),
    ]
    games, learned = registry.canonical(feed)
    assert [game.id for game in games] == ["401b", "401a"]
    assert not learned


def test_known_games_survive_a_restart_and_old_ones_are_forgotten() -> None:
    """Stored games within the horizon come back; games older than three days go."""
    registry = GameRegistry()
    home, away = ESPN_MLB
    old = make_game(Phase.FINAL, home, away, start=START - timedelta(days=4), game_id="old")
    new = make_game(Phase.SCHEDULED, home, away, start=START, game_id="new")
    registry.canonical([old, new])
    registry.forget(START)
    stored = registry.as_dict(START, timedelta(days=2))
    assert list(stored) == ["new"]

    again = GameRegistry()
    again.restore(stored)
    moved = make_game(Phase.SCHEDULED, away, home, start=START + timedelta(hours=1), game_id="f:1")
    assert [game.id for game in again.canonical([moved])[0]] == ["new"]  # sides swapped too


def test_registry_stays_bounded_over_a_season() -> None:
    """A season of games between ever other pairs of teams: only the last days are held."""
    registry = GameRegistry()
    teams = [
        Team(id=str(n), abbreviation=f"T{n}", name=f"Team {n}", short_name=f"{n}")
        for n in range(40)
    ]
    for day in range(300):
        now = START + timedelta(days=day)
        games = [
            make_game(
                Phase.FINAL,
                teams[(day + n) % 40],
                teams[(day * 7 + n + 1) % 40 or 39],
                start=now - timedelta(hours=n),
                game_id=f"d{day}g{n}",
            )
            for n in range(3)
            if (day + n) % 40 != ((day * 7 + n + 1) % 40 or 39)
        ]
        registry.canonical(games)
        registry.forget(now)
    assert len(registry._known) <= 3 * 4
    assert len(registry._by_teams) <= 3 * 4
