"""The feed debugging command."""

from __future__ import annotations

from datetime import UTC, datetime
import json
from pathlib import Path
import subprocess
import sys

import pytest

from custom_components.live_sports.feed import main, parse
from custom_components.live_sports.providers.base import ProviderResponseError

from .conftest import OWN_FIXTURES, RECORDED_FIXTURES, REPO_ROOT


def test_feed_prints_canonical_games(capsys: pytest.CaptureFixture[str]) -> None:
    """The recorded NFL board prints as a canonical JSON array."""
    assert main([str(RECORDED_FIXTURES / "espn" / "nfl.json")]) == 0
    games = json.loads(capsys.readouterr().out)
    assert len(games) == 16
    assert games[0]["league"] == "nfl"
    assert games[0]["home"]["abbreviation"] == "ATL"


def test_feed_with_league(capsys: pytest.CaptureFixture[str]) -> None:
    """--league overrides inference."""
    assert main([str(RECORDED_FIXTURES / "espn" / "mls.json"), "--league", "nwsl"]) == 0
    assert {game["league"] for game in json.loads(capsys.readouterr().out)} == {"nwsl"}


def test_feed_world_cup(capsys: pytest.CaptureFixture[str]) -> None:
    """A FIFA World Cup board (national teams) prints as canonical games of the named league."""
    assert main([str(OWN_FIXTURES / "espn_fifa_world.json")]) == 0
    games = json.loads(capsys.readouterr().out)
    assert {game["league"] for game in games} == {"fifa_world_cup"}
    assert [game["phase"] for game in games] == ["live", "final", "scheduled"]
    assert games[1]["home"]["shootout_score"] == 4


def test_feed_any_league(capsys: pytest.CaptureFixture[str]) -> None:
    """A league outside the list is built from the file, or from --league's path."""
    board = str(OWN_FIXTURES / "espn_path_league_board.json")
    assert main([board]) == 0
    assert json.loads(capsys.readouterr().out)[0]["league"] == "espn_other_267979"
    assert main([board, "--league", "rugby/267979"]) == 0
    games = json.loads(capsys.readouterr().out)
    assert (games[0]["league"], games[0]["sport"]) == ("espn_rugby_267979", "rugby")


def test_feed_refuses_an_unknown_league(capsys: pytest.CaptureFixture[str]) -> None:
    """--league takes a key or a sport/league path; parse() refuses other names."""
    board = str(OWN_FIXTURES / "espn_path_league_board.json")
    with pytest.raises(SystemExit) as exited:
        main([board, "--league", "not a league"])
    assert exited.value.code == 2
    assert "neither a league key nor a sport/league path" in capsys.readouterr().err
    with pytest.raises(ProviderResponseError, match="unknown league 'nope'"):
        parse({}, "espn", "nope", datetime.now(UTC))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read"),
        ("{not json", "is not JSON"),
        ('{"leagues": [{"slug": "nfl"}], "events": [{"id": 1}]}', "malformed"),
        ('{"events": []}', "names no league"),
    ],
)
def test_feed_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    """Bad input exits 2 with a one-line error."""
    path = tmp_path / "board.json"
    if content is not None:
        path.write_text(content)
    assert main([str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1


def test_feed_as_module() -> None:
    """The documented command line works as a module."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "custom_components.live_sports.feed",
            str(RECORDED_FIXTURES / "espn" / "nba.json"),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["sport"] == "basketball"


def test_feed_into_head_exits_quietly() -> None:
    """`feed board.json | head` ends without a BrokenPipeError traceback."""
    with subprocess.Popen(
        [
            sys.executable,
            "-m",
            "custom_components.live_sports.feed",
            str(RECORDED_FIXTURES / "espn" / "mlb.json"),
        ],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        head = [process.stdout.readline() for _ in range(3)]
        process.stdout.close()  # like head: stop reading a 1 MB answer
        stderr = process.stderr.read()
        assert process.wait(timeout=60) == 0
    assert head == ["[\n", "  {\n", '    "id": "401423263",\n']
    assert "Traceback" not in stderr


@pytest.mark.parametrize(
    ("provider", "name", "phases"),
    [
        ("nhl_web", "nhl_v1_schedule_2023-04-17-modified.json", {"final": 2, "live": 2}),
        (
            "nhl_web",
            "nhl_v1_schedule_2023-11-08-modified.json",
            {"final": 16, "scheduled": 11, "live": 3},
        ),
        ("nhl_web", "nhl_v1_schedule_2023-11-11.json", {"scheduled": 12}),
        ("nhl_web", "nhl_v1_schedule_2025-10-07.json", {"final": 7, "scheduled": 41}),
        (
            "nhl_web",
            "nhl_v1_club-schedule-season_TOR_20232024.json",
            {"final": 86, "scheduled": 3, "live": 1},
        ),
        (
            "mlb_statsapi",
            "mlb_v1_schedule_2022-04-07_final_postponed.json",
            {"final": 7, "postponed": 2},
        ),
        (
            "mlb_statsapi",
            "mlb_v1_schedule_2022-10-11_to_10-13_postseason_postponed.json",
            {"final": 5, "postponed": 1},
        ),
        ("mlb_statsapi", "mlb_v1_schedule_2024-10-27_no_games.json", {}),
        (
            "mlb_statsapi",
            "mlb_v1_schedule_2026-05-30_AAA_sportId11_final_scheduled.json",
            {"final": 1, "scheduled": 14},
        ),
        (
            "nba_cdn",
            "nba_liveData_todaysScoreboard_00_2023-04-20_2live_1final.json",
            {"live": 2, "final": 1},
        ),
        (
            "thesportsdb",
            "tsdb_livescore_soccer_2026-10-05_1H_HT_FT.json",
            {"live": 11, "break": 5, "final": 3},
        ),
        ("thesportsdb", "tsdb_v1_eventsday_2026-10-04_IceHockey_free.json", {"final": 3}),
        ("thesportsdb", "tsdb_v1_eventsday_2026-10-04_NFL_free.json", {"final": 3}),
        ("thesportsdb", "tsdb_v1_eventsnextleague_4328_EPL_free_2026-10-05.json", {"scheduled": 1}),
    ],
)
def test_feed_reads_every_fallback_recording(
    capsys: pytest.CaptureFixture[str], provider: str, name: str, phases: dict[str, int]
) -> None:
    """Every recorded fallback response prints its games, with their phases."""
    folder = {"nhl_web": "nhl-web", "mlb_statsapi": "mlb-statsapi", "nba_cdn": "nba-cdn"}.get(
        provider, provider
    )
    assert main([str(RECORDED_FIXTURES / folder / name), "--provider", provider]) == 0
    games = json.loads(capsys.readouterr().out)
    counted: dict[str, int] = {}
    for game in games:
        counted[game["phase"]] = counted.get(game["phase"], 0) + 1
        assert game["id"].startswith(f"{provider}:")
        if game["phase"] in ("scheduled", "postponed", "canceled"):
            assert (game["home"]["score"], game["away"]["score"]) == (None, None)
        else:
            assert isinstance(game["home"]["score"], int)
    assert counted == phases


@pytest.mark.parametrize(
    ("provider", "name", "league"),
    [
        ("nhl_web", "nhl-web/nhl_v1_schedule_2023-11-11.json", "nhl"),
        ("mlb_statsapi", "mlb-statsapi/mlb_v1_schedule_2022-04-07_final_postponed.json", "mlb"),
        ("nba_cdn", "nba-cdn/nba_liveData_todaysScoreboard_00_2023-04-20_2live_1final.json", "nba"),
        ("thesportsdb", "thesportsdb/tsdb_v1_eventsday_2026-10-04_NFL_free.json", "nfl"),
    ],
)
def test_feed_infers_and_overrides_the_league(
    capsys: pytest.CaptureFixture[str], provider: str, name: str, league: str
) -> None:
    """Each feed's league is inferred; --league overrides it (filters TheSportsDB)."""
    path = str(RECORDED_FIXTURES / name)
    assert main([path, "--provider", provider]) == 0
    assert {game["league"] for game in json.loads(capsys.readouterr().out)} == {league}
    assert main([path, "--provider", provider, "--league", "wnba"]) == 0
    games = json.loads(capsys.readouterr().out)
    if provider == "thesportsdb":
        assert games == []
    else:
        assert {game["league"] for game in games} == {"wnba"}


@pytest.mark.parametrize("provider", ["nhl_web", "mlb_statsapi", "nba_cdn", "thesportsdb"])
@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not JSON"),
        ("[]", "malformed"),
        (
            '{"events": [{"id": 1}], "games": [{"id": 1}], "dates": [{"games": [{}]}],'
            ' "scoreboard": {"leagueId": "00", "games": [{}]}}',
            "malformed",
        ),
    ],
)
def test_feed_errors_of_every_provider(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    provider: str,
    content: str,
    message: str,
) -> None:
    """Bad input exits 2 with one line, whichever the provider."""
    path = tmp_path / "board.json"
    path.write_text(content)
    assert main([str(path), "--provider", provider]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1


def test_feed_nba_unknown_league(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An NBA payload of a league we do not have is refused in one line."""
    path = tmp_path / "board.json"
    path.write_text('{"scoreboard": {"leagueId": "20", "games": []}}')
    assert main([str(path), "--provider", "nba_cdn"]) == 2
    assert "leagueId" in capsys.readouterr().err


def test_feed_rejects_an_unknown_provider(tmp_path: Path) -> None:
    """--provider takes one of the parsed feeds."""
    with pytest.raises(SystemExit) as raised:
        main([str(tmp_path / "x.json"), "--provider", "bbc"])
    assert raised.value.code == 2


@pytest.mark.parametrize(
    ("name", "league", "phase", "entrants", "first"),
    [
        (
            "golf_pga_scoreboard_2025-06-03_memorial-tournament_final_72-players.json",
            "pga",
            "final",
            72,
            ("1", "Scottie Scheffler", "-10"),
        ),
        (
            "golf_pga_scoreboard_2026-04-26_zurich-classic_team-event_round4-in-progress.json",
            "pga",
            "live",
            74,
            ("1", "Fitzpatrick/Fitzpatrick", "-31"),
        ),
        (
            "golf_lpga_scoreboard_2025-06-04_shoprite-classic_scheduled.json",
            "lpga",
            "scheduled",
            0,
            None,
        ),
        (
            "pga_2022_zozo-championship_in-progress_EVENT.json",
            "pga",
            "live",
            78,
            ("1", "Rickie Fowler", "-14"),
        ),
    ],
)
def test_feed_prints_canonical_golf_events(
    capsys: pytest.CaptureFixture[str],
    name: str,
    league: str,
    phase: str,
    entrants: int,
    first: tuple[str, str, str] | None,
) -> None:
    """Each golf recording prints its field event: the leaderboard in order, by its tour."""
    assert main([str(RECORDED_FIXTURES / "espn" / "golf" / name)]) == 0
    (event,) = json.loads(capsys.readouterr().out)
    assert (event["league"], event["phase"], len(event["entrants"])) == (league, phase, entrants)
    assert event["field_published"] is bool(entrants)
    if first is not None:
        leader = event["entrants"][0]
        assert (leader["position_text"], leader["name"], leader["score_text"]) == first


def test_feed_golf_by_league(capsys: pytest.CaptureFixture[str]) -> None:
    """--league names a tour for a board that does not say it (the LPGA's board as LIV's)."""
    board = (
        RECORDED_FIXTURES
        / "espn"
        / "golf"
        / "golf_lpga_scoreboard_2025-06-04_shoprite-classic_scheduled.json"
    )
    assert main([str(board), "--league", "liv"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["league"] == "liv"


@pytest.mark.parametrize(
    ("name", "league", "count"),
    [
        (
            "tennis_atp_scoreboard_2025-06-01_roland-garros_final-retired-walkover-scheduled.json",
            "atp",
            635,
        ),
        ("wta_2022_limoges_in-progress_35-matches_EVENT.json", "wta", 35),
    ],
)
def test_feed_prints_tennis_matches(
    capsys: pytest.CaptureFixture[str], name: str, league: str, count: int
) -> None:
    """A tennis board prints its matches as canonical games between athletes or pairs."""
    assert main([str(RECORDED_FIXTURES / "espn" / "tennis" / name)]) == 0
    games = json.loads(capsys.readouterr().out)
    assert (len(games), {game["league"] for game in games}) == (count, {league})
    pairs = [game for game in games if game["home"].get("members")]
    assert bool(pairs) is (league == "atp")


def test_feed_tennis_by_league(capsys: pytest.CaptureFixture[str]) -> None:
    """--league names a tennis tour."""
    board = (
        RECORDED_FIXTURES / "espn" / "tennis" / "wta_2022_limoges_in-progress_35-matches_EVENT.json"
    )
    assert main([str(board), "--league", "atp"]) == 0
    assert {game["league"] for game in json.loads(capsys.readouterr().out)} == {"atp"}


@pytest.mark.parametrize(
    ("name", "league", "count", "key"),
    [
        (
            "mma/ufc_fight-night_cannonier-strickland_in-progress_13-bouts_EVENT.json",
            "ufc",
            13,
            "home",
        ),
        ("racing/f1_2023_azerbaijan-gp_final_5-sessions_EVENT.json", "f1", 5, "entrants"),
        (
            "racing/racing_nascar-premier_scoreboard_2026-05-03_texas_scheduled.json",
            "nascar_cup",
            1,
            "entrants",
        ),
    ],
)
def test_feed_prints_mma_and_racing(
    capsys: pytest.CaptureFixture[str], name: str, league: str, count: int, key: str
) -> None:
    """A UFC card prints its bouts as games; a racing weekend its sessions as field events."""
    assert main([str(RECORDED_FIXTURES / "espn" / name)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert (len(printed), {item["league"] for item in printed}) == (count, {league})
    assert all(key in item for item in printed)


def test_feed_mma_and_racing_by_league(capsys: pytest.CaptureFixture[str]) -> None:
    """--league names a promotion or a series."""
    ufc = (
        RECORDED_FIXTURES
        / "espn"
        / "mma"
        / "ufc_fight-night_cannonier-strickland_in-progress_13-bouts_EVENT.json"
    )
    assert main([str(ufc), "--league", "pfl"]) == 0
    assert {game["league"] for game in json.loads(capsys.readouterr().out)} == {"pfl"}
    f1 = RECORDED_FIXTURES / "espn" / "racing" / "f1_2023_azerbaijan-gp_final_5-sessions_EVENT.json"
    assert main([str(f1), "--league", "indycar"]) == 0
    assert {event["league"] for event in json.loads(capsys.readouterr().out)} == {"indycar"}
