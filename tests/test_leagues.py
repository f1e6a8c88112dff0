"""ESPN's leagues: the named list, leagues by path, and leagues read from a payload."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from custom_components.live_sports.models import Phase, Result
from custom_components.live_sports.polling import DEFAULT_TEMPO, TEMPOS
from custom_components.live_sports.providers import ALL_LEAGUES, build_provider, league_for
from custom_components.live_sports.providers.base import ProviderResponseError
from custom_components.live_sports.providers.espn import (
    EspnProvider,
    map_status,
    parse_scoreboard,
)
from custom_components.live_sports.providers.espn.leagues import (
    LEAGUES,
    UNKNOWN_SPORT,
    infer_league,
    is_college,
    league_name,
    named_league,
    normalize_path,
    path_key,
    path_league,
)

from .conftest import own

NOW = datetime(2026, 6, 12, 23, 0, tzinfo=UTC)

FIRST_LEAGUES = {
    "nfl": "football/nfl",
    "ncaaf": "football/college-football",
    "cfl": "football/cfl",
    "ufl": "football/ufl",
    "nba": "basketball/nba",
    "wnba": "basketball/wnba",
    "ncaamb": "basketball/mens-college-basketball",
    "ncaawb": "basketball/womens-college-basketball",
    "mlb": "baseball/mlb",
    "nhl": "hockey/nhl",
    "mls": "soccer/usa.1",
    "nwsl": "soccer/usa.nwsl",
    "epl": "soccer/eng.1",
    "efl_championship": "soccer/eng.2",
    "laliga": "soccer/esp.1",
    "bundesliga": "soccer/ger.1",
    "serie_a": "soccer/ita.1",
    "ligue_1": "soccer/fra.1",
    "eredivisie": "soccer/ned.1",
    "liga_mx": "soccer/mex.1",
    "ucl": "soccer/uefa.champions",
    "uel": "soccer/uefa.europa",
    "ncaa_volleyball_w": "volleyball/womens-college-volleyball",
    "ncaa_volleyball_m": "volleyball/mens-college-volleyball",
}
"""The 24 leagues entries were made with before leagues by path: keys stored in entries."""


def test_existing_keys_are_unchanged() -> None:
    """Adding leagues kept every earlier key, path, sport and schedule rule."""
    for key, path in FIRST_LEAGUES.items():
        league = LEAGUES[key]
        assert league.path == path
        assert league.sport == path.split("/")[0]
        assert league.month_schedule is (league.sport == "soccer")
    assert LEAGUES["ncaaf"].groups == "80"
    assert LEAGUES["ncaamb"].groups == LEAGUES["ncaawb"].groups == "50"
    assert list(LEAGUES)[: len(FIRST_LEAGUES)] == list(FIRST_LEAGUES)


@pytest.mark.parametrize(
    ("key", "path"),
    [
        ("fifa_world_cup", "soccer/fifa.world"),
        ("fifa_womens_world_cup", "soccer/fifa.wwc"),
        ("uefa_euro", "soccer/uefa.euro"),
        ("copa_america", "soccer/conmebol.america"),
        ("fa_cup", "soccer/eng.fa"),
        ("efl_cup", "soccer/eng.league_cup"),
        ("dfb_pokal", "soccer/ger.dfb_pokal"),
        ("uecl", "soccer/uefa.europa.conf"),
        ("afl", "australian-football/afl"),
        ("nrl", "rugby-league/3"),
        ("ncaa_baseball", "baseball/college-baseball"),
        ("ncaaf_fcs", "football/college-football"),
    ],
)
def test_named_additions(key: str, path: str) -> None:
    """National-team tournaments, domestic cups, AFL, NRL and college leagues are named."""
    assert LEAGUES[key].path == path
    assert ALL_LEAGUES[key] is LEAGUES[key]


def test_softball_plays_by_innings() -> None:
    """College softball (under ESPN's baseball path) has its own tempo and innings breaks."""
    softball = LEAGUES["ncaa_softball"]
    assert (softball.sport, softball.path) == ("softball", "baseball/college-softball")
    assert softball.sport in TEMPOS
    status = {"type": {"name": "STATUS_IN_PROGRESS", "state": "in", "detail": "Middle 5th"}}
    assert map_status(status, "softball", None) is Phase.BREAK


def test_every_named_sport_has_a_tempo() -> None:
    """Every named league's sport has its own tempo table."""
    assert {league.sport for league in LEAGUES.values()} <= set(TEMPOS)
    assert DEFAULT_TEMPO not in TEMPOS.values()


@pytest.mark.parametrize(
    ("typed", "path"),
    [
        ("soccer/eng.fa", "soccer/eng.fa"),
        ("  /Rugby/267979/ ", "rugby/267979"),
        ("australian-football/afl", "australian-football/afl"),
        (
            "https://site.api.espn.com/apis/site/v2/sports/soccer/fifa.world/scoreboard",
            "soccer/fifa.world",
        ),
        ("soccer", None),
        ("soccer/eng.fa/extra", None),
        ("soccer eng.fa", None),
        ("/", None),
    ],
)
def test_normalize_path(typed: str, path: str | None) -> None:
    """Paths are sport/league, as ESPN spells them; anything else is refused."""
    assert normalize_path(typed) == path


def test_path_league() -> None:
    """A path builds a league keyed by the path, its sport the path's first part."""
    rugby = path_league("rugby/267979", "Gallagher Premiership")
    assert (rugby.key, rugby.name, rugby.sport, rugby.path) == (
        "espn_rugby_267979",
        "Gallagher Premiership",
        "rugby",
        "rugby/267979",
    )
    assert not rugby.month_schedule
    cup = path_league("soccer/sco.tennents")
    assert (cup.key, cup.name, cup.month_schedule) == ("espn_soccer_sco_tennents", cup.path, True)
    assert path_league("soccer/eng.fa") is LEAGUES["fa_cup"]
    assert named_league("soccer/xyz.1") is None
    assert path_key("rugby-league/3") == "espn_rugby_league_3"
    assert is_college(path_league("baseball/college-baseball"))
    assert not is_college(rugby)


def test_league_for_keys_and_paths() -> None:
    """Named keys resolve alone (entries made before); a path league needs its path."""
    assert league_for("nfl") is LEAGUES["nfl"]
    assert league_for("demo").key == "demo"
    assert league_for("espn_rugby_267979", "rugby/267979", "Premiership").name == "Premiership"
    with pytest.raises(KeyError):
        league_for("espn_rugby_267979")


def test_build_provider_for_a_path_league() -> None:
    """The provider of a league by path is ESPN's, at that path."""
    league = path_league("rugby/267979", "Premiership")
    provider = build_provider(None, league)  # type: ignore[arg-type]
    assert isinstance(provider, EspnProvider)
    assert provider.league is league


def test_world_cup_parses_into_canonical_games() -> None:
    """A FIFA World Cup board (national teams) is a named league and parses."""
    payload = own("espn_fifa_world.json")
    league = infer_league(payload)
    assert league is LEAGUES["fifa_world_cup"]
    games = {game.id: game for game in parse_scoreboard(payload, league, NOW).games}
    live, shootout, upcoming = games["401000001"], games["401000002"], games["401000003"]
    assert live.as_dict()["league"] == "fifa_world_cup"
    assert (live.phase, live.clock, live.home.team.name) == (Phase.LIVE, "67'", "United States")
    assert (live.home.score, live.away.score) == (1, 0)
    assert shootout.phase is Phase.FINAL
    assert (shootout.home.shootout_score, shootout.away.shootout_score) == (4, 2)
    assert shootout.result_for("202") is Result.WIN
    assert shootout.result_for("478") is Result.LOSS
    assert (upcoming.phase, upcoming.home.score) == (Phase.SCHEDULED, None)


def test_unnamed_league_is_built_from_the_payload() -> None:
    """A board of a league outside the list names its slug, name and sport."""
    payload = own("espn_path_league_board.json")
    league = infer_league(payload)
    assert league.key == f"espn_{UNKNOWN_SPORT}_267979"
    assert (league.name, league.sport) == ("Gallagher Premiership", UNKNOWN_SPORT)
    soccer = {"leagues": [{"slug": "sco.2", "uid": "s:600~l:3", "name": "Scottish Championship"}]}
    assert infer_league(soccer).key == "espn_soccer_sco_2"
    teams = own("espn_path_league_teams.json")
    assert infer_league({**teams, "leagues": [{"slug": "267979"}]}).sport == "rugby"
    assert league_name(teams) == "Gallagher Premiership"
    assert league_name({"leagues": [{"name": " "}]}) is None


@pytest.mark.parametrize(
    "payload", [{"events": []}, {"leagues": []}, {"leagues": [{"name": "no slug"}]}]
)
def test_infer_league_needs_a_slug(payload: dict[str, Any]) -> None:
    """A payload naming no league is refused."""
    with pytest.raises(ProviderResponseError, match="names no league"):
        infer_league(payload)


def test_cricket_scores_are_runs() -> None:
    """Cricket's "245/6" is 245 runs; the result is the provider's winner."""
    payload = own("espn_fifa_world.json")
    event = payload["events"][1]
    for competitor, score in zip(
        event["competitions"][0]["competitors"], ("245/6", "198/10 (46.3 ov)"), strict=True
    ):
        competitor["score"] = score
        competitor.pop("shootoutScore")
    cricket = path_league("cricket/8048", "Indian Premier League")
    game = parse_scoreboard(payload, cricket, NOW).games[1]
    assert (game.home.score, game.away.score) == (245, 198)
    assert game.result_for("202") is Result.WIN
