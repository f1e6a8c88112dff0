"""Parsing ESPN payloads into the domain, and fetching them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
import json
from typing import Any

import aiohttp
from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession
import pytest
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker
from syrupy.assertion import SnapshotAssertion

from custom_components.live_sports.models import (
    Game,
    Odds,
    Phase,
    Result,
    Series,
    Side,
    TeamSchedule,
    known_games,
)
from custom_components.live_sports.providers.base import (
    ProviderConnectionError,
    ProviderResponseError,
)
from custom_components.live_sports.providers.espn import (
    LEAGUES,
    EspnProvider,
    infer_league,
    map_status,
    parse_events,
    parse_scoreboard,
    parse_teams,
)
from custom_components.live_sports.providers.http import espn_day

from .conftest import ESPN, mock_espn_clubs, mock_espn_schedules, own, recorded

NOW = datetime(2026, 10, 4, 20, 0, tzinfo=UTC)
SCOREBOARDS = ["nfl", "ncaaf", "nhl", "mlb", "mls", "nba"]


@pytest.mark.parametrize("name", SCOREBOARDS)
def test_recorded_scoreboard(name: str, snapshot: SnapshotAssertion) -> None:
    """Every recorded scoreboard parses to the same canonical games."""
    payload = recorded(f"espn/{name}.json")
    league = infer_league(payload)
    scoreboard = parse_scoreboard(payload, league, NOW)
    assert len(scoreboard.games) == len(payload["events"])
    assert [game.as_dict() for game in scoreboard.games] == snapshot


@pytest.mark.parametrize(
    ("name", "league"),
    [
        ("nfl", "nfl"),
        ("ncaaf", "ncaaf"),
        ("nhl", "nhl"),
        ("mlb", "mlb"),
        ("mls", "mls"),
        ("nba", "nba"),
    ],
)
def test_league_inferred_from_payload(name: str, league: str) -> None:
    """The league of a saved scoreboard is recognised from its slug."""
    assert infer_league(recorded(f"espn/{name}.json")).key == league


def test_nfl_game_details() -> None:
    """A live NFL game keeps scores, clock, venue, broadcasts and situation."""
    games = parse_events(recorded("espn/nfl.json"), LEAGUES["nfl"])
    game = next(game for game in games if game.id == "401437650")
    assert game.phase is Phase.LIVE
    assert (game.home.team.abbreviation, game.home.score) == ("ATL", 26)
    assert (game.away.team.abbreviation, game.away.score) == ("NO", 24)
    assert (game.period, game.clock) == (4, "0:48")
    assert game.venue is not None
    assert game.venue.name == "Mercedes-Benz Stadium"
    assert game.broadcasts == ("FOX",)
    assert game.situation is not None
    assert game.situation.down_distance == "1st & 10 at NO 10"
    assert game.situation.possession == "18"
    assert game.week == 1
    assert game.season == 2022
    scheduled = next(game for game in games if game.id == "401437640")
    assert scheduled.phase is Phase.SCHEDULED
    assert (scheduled.home.score, scheduled.away.score, scheduled.clock) == (None, None, None)
    final = next(game for game in games if game.id == "401437630")
    assert final.result_for("15") is Result.WIN
    assert final.result_for("17") is Result.LOSS


def test_card_details_of_recorded_games() -> None:
    """Ranks, timeouts, win chances, shots, colours, links and series are kept."""
    nfl = parse_scoreboard(recorded("espn/nfl.json"), LEAGUES["nfl"], NOW)
    assert nfl.league_logo == "https://a.espncdn.com/i/teamlogos/leagues/500/nfl.png"
    atl = next(game for game in nfl.games if game.id == "401437650")
    assert atl.url == "https://www.espn.com/nfl/game?gameId=401437650"
    assert (atl.home.timeouts, atl.away.timeouts) == (3, 0)
    assert (atl.home.win_probability, atl.away.win_probability) == (0.924, 0.076)
    assert atl.home.team.url == "https://www.espn.com/nfl/team/_/name/atl/atlanta-falcons"
    assert (atl.away.team.color, atl.away.team.alternate_color) == ("020202", "000000")
    scheduled = next(game for game in nfl.games if game.id == "401437640")
    assert scheduled.odds == Odds(over_under=44.0, details="TEN -5.5")
    assert scheduled.home.timeouts is None

    ncaaf = parse_events(recorded("espn/ncaaf.json"), LEAGUES["ncaaf"])
    uga = next(game for game in ncaaf if game.id == "401403888")
    assert (uga.home.rank, uga.away.rank) == (None, 1)  # 99 is ESPN's "unranked"

    mls = parse_events(recorded("espn/mls.json"), LEAGUES["mls"])
    nyc = next(game for game in mls if game.id == "623597")
    assert (nyc.home.shots_on_target, nyc.home.total_shots) == (3, 5)
    assert (nyc.away.shots_on_target, nyc.away.total_shots) == (1, 9)

    nhl = parse_events(recorded("espn/nhl.json"), LEAGUES["nhl"])
    pit = next(game for game in nhl if game.id == "401461562")
    # Shots on goal: 3 goals + Columbus's 12 saves, 2 goals + Pittsburgh's 26 saves.
    assert (pit.home.shots_on_target, pit.away.shots_on_target) == (15, 28)
    assert pit.home.total_shots is None

    (nba,) = parse_events(recorded("espn/nba.json"), LEAGUES["nba"])
    assert nba.series == Series(home_wins=3, away_wins=3)
    assert (nba.home.win_probability, nba.away.win_probability) == (0.364, 0.636)


def test_card_details_edge_cases() -> None:
    """Spread and favourite, last play text, even line, finished series, sets."""
    payload = own("espn_card_details.json")
    board = parse_scoreboard(payload, LEAGUES["ncaaf"], NOW)
    assert board.league_logo == "https://example.invalid/league.png"
    pre, live, final = board.games
    assert pre.odds == Odds(spread=-3.5, over_under=51.5, favorite=Side.HOME)
    assert pre.url == "https://example.invalid/game/21"
    assert (pre.home.rank, pre.away.rank) == (5, None)
    assert pre.home.team.url == "https://example.invalid/team/100"
    assert pre.away.team.url is None
    assert live.situation is not None
    assert live.situation.last_play == "A. Runner rush to the SOU 32 for 6 yards."
    assert (live.home.timeouts, live.away.timeouts) == (2, 1)
    assert live.home.sets_won is None
    assert final.odds == Odds(spread=0.0)
    assert final.series == Series(home_wins=4, away_wins=2, completed=True)
    assert final.home.timeouts is None  # no situation outside play

    volleyball = parse_events(payload, LEAGUES["ncaa_volleyball_w"])
    assert [(g.home.sets_won, g.away.sets_won) for g in volleyball] == [
        (None, None),
        (2, 1),
        (3, 1),
    ]
    for game in board.games:
        assert Game.from_dict(game.as_dict()) == game
    assert board.from_dict(board.as_dict()) == board


def test_card_details_when_odd_or_missing() -> None:
    """Odd shapes of the optional details give None, never a parse error."""
    payload = own("espn_card_details.json")
    pre, live, final = (event["competitions"][0] for event in payload["events"])
    pre["odds"] = [{"spread": "n/a", "overUnder": True}]
    live["odds"] = {"spread": -3}
    live["series"] = {"competitors": [{"id": "300", "wins": 1}]}
    final["series"] = "best of seven"
    payload["events"][0]["links"] = [{"href": "https://example.invalid/only"}, "junk"]
    payload["leagues"][0]["logos"] = [{"rel": ["dark"]}, {"href": "https://example.invalid/l.png"}]
    board = parse_scoreboard(payload, LEAGUES["ncaaf"], NOW)
    assert [(game.odds, game.series) for game in board.games] == [
        (None, None),
        (None, None),
        (Odds(spread=0.0), None),
    ]
    assert board.games[0].url == "https://example.invalid/only"
    assert board.league_logo == "https://example.invalid/l.png"
    assert parse_scoreboard({"events": []}, LEAGUES["ncaaf"], NOW).league_logo is None


def test_ncaaf_halftime_is_a_break() -> None:
    """College football half-time is a break, not live play."""
    games = parse_events(recorded("espn/ncaaf.json"), LEAGUES["ncaaf"])
    assert Phase.BREAK in {game.phase for game in games}


def test_hockey_ytd_record_and_overtime_final() -> None:
    """NHL records come as ytd; a Final/OT game is final with a winner."""
    games = parse_events(recorded("espn/nhl.json"), LEAGUES["nhl"])
    final = next(game for game in games if game.phase is Phase.FINAL)
    assert final.status_detail == "Final/OT"
    assert final.home.record is not None
    assert {final.home.winner, final.away.winner} == {True, False}


def test_soccer_edge_cases(caplog: pytest.LogCaptureFixture) -> None:
    """Postponements, shoot-outs, delays, unknown statuses and records."""
    unknown: list[str] = []
    games = {
        game.id: game
        for game in parse_events(
            own("espn_soccer_edge_cases.json"),
            LEAGUES["mls"],
            lambda name, state: unknown.append(name),
        )
    }
    postponed = games["1"]
    assert postponed.phase is Phase.POSTPONED
    assert (postponed.home.score, postponed.away.score) == (None, None)
    assert postponed.result_for("100") is None
    shootout = games["2"]
    assert shootout.phase is Phase.FINAL
    assert shootout.as_dict()["home"]["shootout_score"] == 4
    assert shootout.result_for("100") is Result.WIN
    assert shootout.result_for("200") is Result.LOSS
    assert games["3"].phase is Phase.DELAYED
    assert games["3"].clock == "30'"
    assert games["4"].phase is Phase.LIVE
    assert games["5"].phase is Phase.FINAL
    assert games["6"].phase is Phase.SCHEDULED
    assert unknown == ["STATUS_SOMETHING_NEW", "STATUS_MYSTERY_END", "STATUS_ODD_PRE"]
    tie = games["7"]
    assert tie.result_for("100") is Result.TIE
    assert tie.home.record == "3-1-1"
    assert tie.away.record == "2-2-2"
    assert "shootout_score" not in tie.as_dict()["home"]
    assert games["8"].phase is Phase.CANCELED


def test_baseball_middle_and_end_of_innings_are_breaks() -> None:
    """Baseball says "Middle 5th"/"End 7th" with an in-progress status."""
    games = parse_events(own("espn_baseball_breaks.json"), LEAGUES["mlb"])
    assert [game.phase for game in games] == [
        Phase.BREAK,
        Phase.BREAK,
        Phase.LIVE,
        Phase.SUSPENDED,
    ]


@pytest.mark.parametrize(
    ("name", "phase"),
    [
        ("STATUS_TBD", Phase.SCHEDULED),
        ("STATUS_SHOOTOUT", Phase.LIVE),
        ("STATUS_OVERTIME", Phase.LIVE),
        ("STATUS_END_PERIOD", Phase.BREAK),
        ("STATUS_FINAL_AET", Phase.FINAL),
        ("STATUS_FORFEIT", Phase.FINAL),
        ("STATUS_ABANDONED", Phase.CANCELED),
        ("STATUS_UNCONTESTED", Phase.CANCELED),
        ("STATUS_DELAYED", Phase.DELAYED),
    ],
)
def test_status_names(name: str, phase: Phase) -> None:
    """Known status names map to their phase without a warning."""
    unknown: list[str] = []
    status = {"type": {"name": name, "state": "in"}}
    assert map_status(status, "football", lambda n, s: unknown.append(n)) is phase
    assert unknown == []


@pytest.mark.parametrize(
    "payload",
    [
        None,
        [],
        {"events": "nope"},
        {"events": [{"id": "1"}]},
        {
            "events": [
                {"id": "1", "competitions": [{"competitors": [], "date": "2026-01-01T00:00Z"}]}
            ]
        },
        {
            "events": [
                {
                    "id": "1",
                    "competitions": [
                        {
                            "date": "not a date",
                            "competitors": [
                                {"homeAway": "home", "team": {"id": "1", "abbreviation": "A"}},
                                {"homeAway": "away", "team": {"id": "2", "abbreviation": "B"}},
                            ],
                        }
                    ],
                }
            ]
        },
    ],
)
def test_malformed_scoreboard(payload: Any) -> None:
    """Malformed payloads raise a clear provider error, never a crash."""
    with pytest.raises(ProviderResponseError):
        parse_events(payload, LEAGUES["nfl"])


def test_malformed_event_skipped_alone(caplog: pytest.LogCaptureFixture) -> None:
    """One malformed event costs only itself, with one log line naming it."""
    payload = recorded("espn/nfl.json")
    payload["events"][3]["competitions"] = "nope"
    bad_id = payload["events"][3]["id"]
    games = parse_events(payload, LEAGUES["nfl"])
    assert len(games) == 15
    assert bad_id not in {game.id for game in games}
    lines = [r for r in caplog.records if ".providers.espn" in r.name]
    assert len(lines) == 1
    assert bad_id in lines[0].getMessage()
    assert "nfl scoreboard" in lines[0].getMessage()


def test_infer_league_errors() -> None:
    """A payload without a known league slug is refused."""
    with pytest.raises(ProviderResponseError, match="names no league"):
        infer_league({"events": []})
    with pytest.raises(ProviderResponseError, match="unsupported league"):
        infer_league({"leagues": [{"slug": "quid ditch"}]})


def test_teams() -> None:
    """The league team list parses sorted by name, with logos."""
    teams = parse_teams(recorded("espn/teams_ncaaf.json"))
    assert len(teams) == 54
    names = [team.name for team in teams]
    assert names == sorted(names, key=str.casefold)
    # One recorded team (Ohio State Newark) has an empty logo list.
    without_logo = [team.name for team in teams if team.logo is None]
    assert without_logo == ["Ohio State Newark Titans"]
    assert all(team.logo.startswith("https://") for team in teams if team.logo)
    with pytest.raises(ProviderResponseError):
        parse_teams({"sports": []})


def test_team_schedule_parses() -> None:
    """Team schedules (scores as objects) parse into the same games."""
    games = parse_events(recorded("espn/nba_team_schedule.json"), LEAGUES["nba"])
    finals = [game for game in games if game.phase is Phase.FINAL]
    scheduled = [game for game in games if game.phase is Phase.SCHEDULED]
    assert (len(finals), len(scheduled)) == (6, 7)
    assert all(isinstance(game.home.score, int) for game in finals)
    assert finals[0].home.record is not None


@pytest.mark.parametrize(
    ("now", "day"),
    [
        (datetime(2026, 10, 4, 20, 0, tzinfo=UTC), "20261004"),
        # 01:30 Eastern on Oct 5: late games of Oct 4 are still on that board.
        (datetime(2026, 10, 5, 5, 30, tzinfo=UTC), "20261004"),
        (datetime(2026, 10, 5, 11, 0, tzinfo=UTC), "20261005"),
    ],
)
def test_espn_day(now: datetime, day: str) -> None:
    """The day asked for is ESPN's US Eastern day, rolling over at 6 am."""
    assert espn_day(now) == day


def _provider(hass: HomeAssistant, league: str) -> EspnProvider:
    return EspnProvider(async_get_clientsession(hass), LEAGUES[league])


async def test_provider_asks_for_one_day_with_a_safe_limit(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """One single-day request (never a range) with limit 500, groups for college."""
    aioclient_mock.get(
        f"{ESPN}/football/college-football/scoreboard", json=recorded("espn/ncaaf.json")
    )
    mock_espn_schedules(aioclient_mock, "football/college-football")
    scoreboard = await _provider(hass, "ncaaf").async_get_scoreboard(["61"], NOW)
    boards = [url for _, url, _, _ in aioclient_mock.mock_calls if url.path.endswith("scoreboard")]
    assert len(boards) == 1
    assert dict(boards[0].query) == {"dates": "20261004", "limit": "500", "groups": "80"}
    assert scoreboard.games_of("61")


async def test_idle_team_gets_its_schedule_cached(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """A followed team's schedule is asked for at most every 6 h, and kept off the board."""
    aioclient_mock.get(f"{ESPN}/basketball/nba/scoreboard", json={"events": []})
    aioclient_mock.get(
        f"{ESPN}/basketball/nba/teams/13/schedule", json=recorded("espn/nba_team_schedule.json")
    )
    provider = _provider(hass, "nba")
    now = datetime(2026, 5, 10, 12, 0, tzinfo=UTC)
    assert len((await provider.async_get_schedules(["13"], now))["13"]) == 13
    assert (await provider.async_get_scoreboard(["13"], now)).games == ()
    await provider.async_get_schedules(["13"], now + timedelta(hours=1))
    schedule_calls = [c for c in aioclient_mock.mock_calls if "schedule" in str(c[1])]
    assert len(schedule_calls) == 1
    await provider.async_get_schedules(["13"], now + timedelta(hours=7))
    schedule_calls = [c for c in aioclient_mock.mock_calls if "schedule" in str(c[1])]
    assert len(schedule_calls) == 2


async def test_soccer_idle_team_uses_the_month_board(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """Soccer schedules hold no future games: the month scoreboard is asked."""
    month = recorded("espn/mls.json")
    team_id = month["events"][0]["competitions"][0]["competitors"][0]["team"]["id"]
    aioclient_mock.get(
        f"{ESPN}/soccer/usa.1/scoreboard",
        json={"events": []},
        params={"dates": "20261004", "limit": "500"},
    )
    aioclient_mock.get(
        f"{ESPN}/soccer/usa.1/scoreboard", json=month, params={"dates": "202610", "limit": "500"}
    )
    mock_espn_clubs(aioclient_mock)
    provider = _provider(hass, "mls")
    schedules = await provider.async_get_schedules([team_id, "0"], NOW)
    assert schedules[team_id]
    assert schedules["0"] == ()
    assert (await provider.async_get_scoreboard([team_id, "0"], NOW)).games == ()
    # The day, the month, and each club's results and fixtures across competitions.
    assert aioclient_mock.call_count == 2 + 2 * 2


async def test_schedule_failure_is_not_fatal(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """A failing schedule leaves the others and the day scoreboard intact."""
    aioclient_mock.get(f"{ESPN}/football/nfl/scoreboard", json=recorded("espn/nfl.json"))
    aioclient_mock.get(f"{ESPN}/football/nfl/teams/99/schedule", status=500)
    mock_espn_schedules(aioclient_mock)
    provider = _provider(hass, "nfl")
    assert await provider.async_get_schedules(["1", "99"], NOW) == {"1": ()}
    scoreboard = await provider.async_get_scoreboard(["1", "99"], NOW)
    assert len(scoreboard.games) == 16
    assert scoreboard.games_of("99") == []


def _schedule_calls(aioclient_mock: AiohttpClientMocker, team_id: str) -> int:
    return sum(
        url.path.endswith(f"/teams/{team_id}/schedule")
        for _, url, _, _ in aioclient_mock.mock_calls
    )


async def test_failed_schedule_waits_before_it_is_asked_again(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """A failing schedule is not asked for at every refresh, and keeps what it had."""
    aioclient_mock.get(f"{ESPN}/basketball/nba/teams/13/schedule", status=503)
    provider = _provider(hass, "nba")
    now = datetime(2026, 5, 10, 12, 0, tzinfo=UTC)
    assert await provider.async_get_schedules(["13"], now) == {}
    await provider.async_get_schedules(["13"], now + timedelta(minutes=29))
    assert _schedule_calls(aioclient_mock, "13") == 1

    aioclient_mock.clear_requests()
    aioclient_mock.get(
        f"{ESPN}/basketball/nba/teams/13/schedule", json=recorded("espn/nba_team_schedule.json")
    )
    assert (
        len((await provider.async_get_schedules(["13"], now + timedelta(minutes=30)))["13"]) == 13
    )

    aioclient_mock.clear_requests()
    aioclient_mock.get(f"{ESPN}/basketball/nba/teams/13/schedule", status=429)
    later = now + timedelta(hours=7)
    assert len((await provider.async_get_schedules(["13"], later))["13"]) == 13
    await provider.async_get_schedules(["13"], later + timedelta(minutes=20))
    assert _schedule_calls(aioclient_mock, "13") == 1


async def test_team_playing_today_gets_its_schedule_too(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """Every followed team's schedule is kept beside the board; the board's copy wins."""
    board = recorded("espn/nba.json")  # Boston (2) at home, in progress
    stale = recorded("espn/nba.json")["events"][0]
    stale["competitions"][0]["status"]["type"].update(name="STATUS_SCHEDULED", state="pre")
    upcoming = recorded("espn/nba.json")["events"][0]
    upcoming.update(id="next", date="2026-05-05T23:30Z")
    upcoming["competitions"][0].update(
        date="2026-05-05T23:30Z", status=stale["competitions"][0]["status"]
    )
    aioclient_mock.get(f"{ESPN}/basketball/nba/scoreboard", json=board)
    aioclient_mock.get(
        f"{ESPN}/basketball/nba/teams/2/schedule", json={"events": [upcoming, stale]}
    )
    provider = _provider(hass, "nba")
    now = datetime(2026, 5, 3, 1, 0, tzinfo=UTC)
    schedule = TeamSchedule("2", (await provider.async_get_schedules(["2"], now))["2"])
    assert [(game.id, game.phase) for game in schedule.games] == [
        ("401869412", Phase.SCHEDULED),
        ("next", Phase.SCHEDULED),
    ]
    scoreboard = await provider.async_get_scoreboard(["2"], now)
    assert [(game.id, game.phase) for game in scoreboard.games] == [("401869412", Phase.LIVE)]
    assert [game.id for game in known_games(scoreboard, schedule, "2")] == ["401869412", "next"]
    assert known_games(scoreboard, schedule, "2")[0] is scoreboard.games[0]
    assert await provider.async_get_scoreboard(["2"], now + timedelta(hours=5)) is scoreboard
    await provider.async_get_schedules(["2"], now + timedelta(hours=5))
    assert _schedule_calls(aioclient_mock, "2") == 1


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"status": 500}, ProviderConnectionError, "HTTP 500"),
        ({"status": 429}, ProviderConnectionError, "HTTP 429"),
        (
            {"exc": aiohttp.ClientConnectionError("refused")},
            ProviderConnectionError,
            "cannot reach",
        ),
        ({"exc": TimeoutError()}, ProviderConnectionError, "cannot reach"),
        ({"text": "<html>oops</html>"}, ProviderResponseError, "invalid JSON"),
        ({"content": b""}, ProviderResponseError, "invalid JSON"),
        ({"content": b'{"events": "\xe9t\xe9"}'}, ProviderResponseError, "invalid JSON.*utf-8"),
        ({"content": b'{"events": [{"id": '}, ProviderResponseError, "invalid JSON"),
        ({"json": {"events": [{"id": "1"}]}}, ProviderResponseError, "malformed"),
    ],
)
async def test_provider_errors(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    kwargs: dict[str, Any],
    error: type[Exception],
    match: str,
) -> None:
    """HTTP failures and bad bodies become typed provider errors."""
    aioclient_mock.get(f"{ESPN}/football/nfl/scoreboard", **kwargs)
    with pytest.raises(error, match=match):
        await _provider(hass, "nfl").async_get_scoreboard([], NOW)


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode(),
        lambda text: text.encode("utf-8-sig"),
        lambda text: text.encode("utf-16"),
    ],
    ids=["utf-8", "utf-8 with BOM", "utf-16"],
)
async def test_body_encodings(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, encode: Any
) -> None:
    """orjson reads UTF-8; what only the standard library reads still decodes."""
    body = encode(json.dumps(recorded("espn/nfl.json")))
    aioclient_mock.get(f"{ESPN}/football/nfl/scoreboard", content=body)
    scoreboard = await _provider(hass, "nfl").async_get_scoreboard([], NOW)
    assert len(scoreboard.games) == 16


async def test_unknown_status_logged_once(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, caplog: pytest.LogCaptureFixture
) -> None:
    """An unknown status is logged once per provider, however often it is seen."""
    aioclient_mock.get(f"{ESPN}/soccer/usa.1/scoreboard", json=own("espn_soccer_edge_cases.json"))
    mock_espn_clubs(aioclient_mock)
    provider = _provider(hass, "mls")
    await provider.async_get_scoreboard(["100"], NOW)
    await provider.async_get_scoreboard(["100"], NOW)
    assert caplog.text.count("STATUS_SOMETHING_NEW") == 1


async def test_team_list(hass: HomeAssistant, aioclient_mock: AiohttpClientMocker) -> None:
    """The team list is fetched with a limit, and groups for college leagues."""
    aioclient_mock.get(
        f"{ESPN}/football/college-football/teams", json=recorded("espn/teams_ncaaf.json")
    )
    teams = await _provider(hass, "ncaaf").async_get_teams()
    assert len(teams) == 54
    _, url, _, _ = aioclient_mock.mock_calls[0]
    assert dict(url.query) == {"limit": "500", "groups": "80"}


async def test_conditional_requests_stay_bounded_over_a_season(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """A season of days: each day's board is asked conditionally, one validator per board.

    The validators of a board replace the previous day's: Home Assistant running
    all season holds no more of them on day 200 than on day 2.
    """
    aioclient_mock.get(
        f"{ESPN}/basketball/nba/scoreboard",
        json={"events": []},
        headers={"ETag": '"board"', "Last-Modified": "Sun, 06 Dec 2026 05:00:00 GMT"},
    )
    mock_espn_schedules(aioclient_mock, "basketball/nba")
    provider = _provider(hass, "nba")
    start = datetime(2026, 10, 20, 18, 0, tzinfo=UTC)
    for day in range(200):
        for hour in (0, 1):
            await provider.async_get_scoreboard(["13"], start + timedelta(days=day, hours=hour))
    boards = [call for call in aioclient_mock.mock_calls if call[1].path.endswith("scoreboard")]
    assert len(boards) == 400
    assert "If-None-Match" not in (boards[-2][3] or {})  # a new day: a new board
    assert (boards[-1][3] or {}).get("If-None-Match") == '"board"'  # same day: conditional
    assert len(provider._validators) <= 1


async def test_unchanged_games_are_not_parsed_again(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """A refreshed board parses only the games that changed; each equals a full parse.

    The line of one game moved, another game's clock ran: those two are parsed
    anew, every other game is the one of the refresh before (the same object).
    """
    board = recorded("espn/nfl.json")
    mock_espn_schedules(aioclient_mock)
    aioclient_mock.get(f"{ESPN}/football/nfl/scoreboard", json=board)
    provider = _provider(hass, "nfl")
    first = {game.id: game for game in (await provider.async_get_scoreboard(["1"], NOW)).games}

    changed = json.loads(json.dumps(board))
    events = {event["id"]: event for event in changed["events"]}
    events["401437649"]["competitions"][0]["odds"][0]["details"] = "MIN -3.5"
    events["401437650"]["competitions"][0]["status"]["displayClock"] = "0:31"
    aioclient_mock.clear_requests()
    mock_espn_schedules(aioclient_mock)
    aioclient_mock.get(f"{ESPN}/football/nfl/scoreboard", json=changed)
    second = (await provider.async_get_scoreboard(["1"], NOW)).games

    full = parse_scoreboard(changed, LEAGUES["nfl"], NOW).games
    assert {game.id: game for game in second} == {game.id: game for game in full}
    parsed_again = {game.id for game in second if game is not first[game.id]}
    assert parsed_again == {"401437649", "401437650"}
    assert {game.id: game.odds for game in second}["401437649"].details == "MIN -3.5"
