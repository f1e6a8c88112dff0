"""Derive the tests' provider fixtures from third-party recordings.

The recordings (real provider responses kept in ``../shared/fixtures`` beside
this repository, not part of it) carry far more than the parsers read, and a
lot of free text (headlines, notes, articles, descriptions). This module
keeps the facts, and only those named in a whitelist per provider: ids, names,
abbreviations, logos, colours, scores, records, ranks, status, clock, period,
dates, venues (with state and country), broadcasts, links, situation, the
betting line as ESPN prints it ("PHI -140": a fact the card shows), a
soccer game's goals and cards (minute, kind, team, player), a game summary's
scoring plays (with the play's one-line text: it names the players) and the
NHL's goals (scorer, assists, strength, shot type). Every key not
named is dropped, so new prose in a recording never leaks in.

Run it from the repository root after a recording changes:

    python -m tests.fixture_derivation [SHARED_FIXTURES_DIR]

It rewrites ``tests/fixtures/recorded/``. ``tests/test_fixtures.py``
re-derives in memory when the recordings are present and fails on drift.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
import json
from pathlib import Path
import sys
from typing import Any

type Spec = bool | Mapping[str, Spec]
"""What to keep of a value: a scalar is kept wherever it is named; ``True``
keeps no object, and a mapping keeps those keys of an object (of each object
of a list)."""

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO_ROOT.parent / "shared" / "fixtures"
TARGET = Path(__file__).parent / "fixtures" / "recorded"

_LINKS: Spec = {"href": True, "rel": True}
_LOGOS: Spec = {"href": True, "rel": True, "width": True, "height": True}
_TEAM: Spec = {
    "id": True,
    "uid": True,
    "slug": True,
    "abbreviation": True,
    "displayName": True,
    "shortDisplayName": True,
    "name": True,
    "nickname": True,
    "location": True,
    "color": True,
    "alternateColor": True,
    "isActive": True,
    "logo": True,
    "logos": _LOGOS,
    "links": _LINKS,
    "conferenceId": True,
    "venue": {"id": True},
    "groups": {"id": True, "isConference": True, "parent": {"id": True}},
    "recordSummary": True,
    "record": {"items": {"type": True, "summary": True, "stats": {"name": True, "value": True}}},
}
_STATUS: Spec = {
    "clock": True,
    "displayClock": True,
    "period": True,
    "addedClock": True,
    "type": {
        "id": True,
        "name": True,
        "state": True,
        "completed": True,
        "detail": True,
        "shortDetail": True,
    },
}
_RECORD: Spec = {
    "id": True,
    "name": True,
    "type": True,
    "abbreviation": True,
    "summary": True,
    "displayValue": True,
}
_COMPETITOR: Spec = {
    "id": True,
    "uid": True,
    "type": True,
    "order": True,
    "homeAway": True,
    "winner": True,
    "score": {"value": True, "displayValue": True, "winner": True},
    "shootoutScore": True,
    "team": _TEAM,
    "records": _RECORD,
    "record": _RECORD,
    "curatedRank": {"current": True},
    "linescores": {"value": True, "displayValue": True, "period": True},
    "statistics": {"name": True, "abbreviation": True, "displayValue": True},
    "hits": True,
    "errors": True,
    "form": True,
}
_SITUATION: Spec = {
    "possession": True,
    "down": True,
    "distance": True,
    "yardLine": True,
    "downDistanceText": True,
    "shortDownDistanceText": True,
    "isRedZone": True,
    "homeTimeouts": True,
    "awayTimeouts": True,
    "balls": True,
    "strikes": True,
    "outs": True,
    "onFirst": True,
    "onSecond": True,
    "onThird": True,
    "lastPlay": {
        "id": True,
        "type": {"id": True, "abbreviation": True},
        "team": {"id": True},
        "scoreValue": True,
        "probability": {
            "homeWinPercentage": True,
            "awayWinPercentage": True,
            "tiePercentage": True,
            "secondsLeft": True,
        },
    },
}
_TEAM_ODDS: Spec = {
    "favorite": True,
    "underdog": True,
    "moneyLine": True,
    "spreadOdds": True,
    "team": {"id": True, "abbreviation": True},
}
_COMPETITION: Spec = {
    "id": True,
    "uid": True,
    "date": True,
    "startDate": True,
    "timeValid": True,
    "neutralSite": True,
    "conferenceCompetition": True,
    "attendance": True,
    "wasSuspended": True,
    "type": {"id": True, "abbreviation": True, "slug": True},
    "format": {"regulation": {"periods": True}},
    "status": _STATUS,
    "venue": {
        "id": True,
        "fullName": True,
        "capacity": True,
        "indoor": True,
        "address": {"city": True, "state": True, "country": True},
    },
    "competitors": _COMPETITOR,
    "broadcasts": {"market": {"id": True, "type": True}, "names": True},
    "situation": _SITUATION,
    "details": {
        "type": {"id": True, "text": True},
        "clock": {"value": True, "displayValue": True},
        "team": {"id": True},
        "scoringPlay": True,
        "scoreValue": True,
        "redCard": True,
        "yellowCard": True,
        "penaltyKick": True,
        "ownGoal": True,
        "shootout": True,
        "athletesInvolved": {
            "id": True,
            "displayName": True,
            "shortName": True,
            "jersey": True,
        },
    },
    "odds": {
        "provider": {"id": True, "name": True},
        "details": True,
        "overUnder": True,
        "spread": True,
        "homeTeamOdds": _TEAM_ODDS,
        "awayTeamOdds": _TEAM_ODDS,
    },
    "series": {
        "type": True,
        "completed": True,
        "totalCompetitions": True,
        "competitors": {"id": True, "wins": True, "ties": True},
    },
    "groups": {"id": True, "isConference": True, "shortName": True},
}
_SEASON: Spec = {"year": True, "type": True, "slug": True}
_LEAGUE_REF: Spec = {
    "id": True,
    "uid": True,
    "name": True,
    "abbreviation": True,
    "shortName": True,
    "midsizeName": True,
    "slug": True,
    "isTournament": True,
}
_EVENT: Spec = {
    "id": True,
    "uid": True,
    "date": True,
    "name": True,
    "shortName": True,
    "timeValid": True,
    "season": _SEASON,
    "seasonType": {"id": True, "type": True, "abbreviation": True},
    "week": {"number": True},
    "league": _LEAGUE_REF,
    "links": _LINKS,
    "status": _STATUS,
    "competitions": _COMPETITION,
}
_LEAGUE: Spec = {
    **_LEAGUE_REF,
    "logos": _LOGOS,
    "season": {
        "year": True,
        "startDate": True,
        "endDate": True,
        "type": {"id": True, "type": True},
    },
    "calendarType": True,
    "calendarStartDate": True,
    "calendarEndDate": True,
}
_ATHLETE: Spec = {"id": True, "displayName": True, "shortName": True, "jersey": True}
_SCORING_PLAY: Spec = {
    "id": True,
    "type": {"id": True, "text": True, "abbreviation": True},
    "scoringType": {"name": True, "displayName": True, "abbreviation": True},
    "text": True,
    "awayScore": True,
    "homeScore": True,
    "period": {"number": True},
    "clock": {"value": True, "displayValue": True},
    "team": {"id": True, "abbreviation": True},
    "participants": {"athlete": _ATHLETE, "type": True},
}
ESPN: Spec = {
    "leagues": _LEAGUE,
    "season": _SEASON,
    "requestedSeason": _SEASON,
    "week": {"number": True},
    "day": {"date": True},
    "events": _EVENT,
    "team": {**_TEAM, "nextEvent": _EVENT},
    "sports": {
        "id": True,
        "uid": True,
        "slug": True,
        "name": True,
        "leagues": {**_LEAGUE_REF, "year": True, "teams": {"team": _TEAM}},
    },
    **_EVENT,  # one event alone (`scoreboard/{id}`): the soccer games with `details`
    # A game's summary: its teams and scoring plays (the play's text names the players).
    "header": {"id": True, "competitions": {"id": True, "competitors": _COMPETITOR}},
    "scoringPlays": _SCORING_PLAY,
    "plays": {**_SCORING_PLAY, "scoringPlay": True, "scoreValue": True},
}


_LOCALIZED: Spec = {"default": True}
_NHL_TEAM: Spec = {
    "id": True,
    "abbrev": True,
    "placeName": _LOCALIZED,
    "commonName": _LOCALIZED,
    "name": _LOCALIZED,
    "logo": True,
    "darkLogo": True,
    "score": True,
    "sog": True,
    "record": True,
}
_NHL_GAME: Spec = {
    "id": True,
    "season": True,
    "gameType": True,
    "gameDate": True,
    "venue": _LOCALIZED,
    "venueLocation": _LOCALIZED,
    "neutralSite": True,
    "startTimeUTC": True,
    "easternUTCOffset": True,
    "venueUTCOffset": True,
    "venueTimezone": True,
    "gameState": True,
    "gameScheduleState": True,
    "tvBroadcasts": {"id": True, "market": True, "countryCode": True, "network": True},
    "awayTeam": _NHL_TEAM,
    "homeTeam": _NHL_TEAM,
    "period": True,
    "periodDescriptor": {
        "number": True,
        "periodType": True,
        "otPeriods": True,
        "maxRegulationPeriods": True,
    },
    "gameOutcome": {"lastPeriodType": True, "otPeriods": True},
    "clock": {
        "timeRemaining": True,
        "secondsRemaining": True,
        "running": True,
        "inIntermission": True,
    },
}
_NHL_NAME: Spec = {"default": True}
_NHL_GOAL: Spec = {
    "eventId": True,
    "period": True,
    "periodDescriptor": {"number": True, "periodType": True},
    "timeInPeriod": True,
    "playerId": True,
    "firstName": _NHL_NAME,
    "lastName": _NHL_NAME,
    "name": _NHL_NAME,
    "teamAbbrev": _NHL_NAME,
    "isHome": True,
    "strength": True,
    "shotType": True,
    "goalModifier": True,
    "homeScore": True,
    "awayScore": True,
    "assists": {
        "playerId": True,
        "firstName": _NHL_NAME,
        "lastName": _NHL_NAME,
        "name": _NHL_NAME,
        "sweaterNumber": True,
    },
}
NHL_WEB: Spec = {
    "previousSeason": True,
    "currentSeason": True,
    "currentDate": True,
    "nextStartDate": True,
    "previousStartDate": True,
    "numberOfGames": True,
    "gameWeek": {"date": True, "numberOfGames": True, "games": _NHL_GAME},
    "games": _NHL_GAME,
    # A gamecenter landing: the game's teams and its goals by period.
    "id": True,
    "homeTeam": {"id": True, "abbrev": True},
    "awayTeam": {"id": True, "abbrev": True},
    "summary": {
        "scoring": {"periodDescriptor": {"number": True, "periodType": True}, "goals": _NHL_GOAL}
    },
}

_MLB_SIDE: Spec = {
    "leagueRecord": {"wins": True, "losses": True, "ties": True, "pct": True},
    "score": True,
    "isWinner": True,
    "seriesNumber": True,
    "team": {
        "id": True,
        "name": True,
        "abbreviation": True,
        "teamName": True,
        "clubName": True,
        "locationName": True,
    },
}
_MLB_RUNS: Spec = {"runs": True, "hits": True, "errors": True}
_MLB_GAME: Spec = {
    "gamePk": True,
    "gameType": True,
    "season": True,
    "gameDate": True,
    "officialDate": True,
    "rescheduleDate": True,
    "rescheduleGameDate": True,
    "rescheduledFrom": True,
    "resumeDate": True,
    "resumedFrom": True,
    "status": {
        "abstractGameState": True,
        "codedGameState": True,
        "detailedState": True,
        "statusCode": True,
        "startTimeTBD": True,
        "abstractGameCode": True,
    },
    "teams": {"away": _MLB_SIDE, "home": _MLB_SIDE},
    "venue": {"id": True, "name": True, "location": {"city": True}},
    "gameNumber": True,
    "doubleHeader": True,
    "scheduledInnings": True,
    "gamesInSeries": True,
    "seriesGameNumber": True,
    "linescore": {
        "currentInning": True,
        "currentInningOrdinal": True,
        "inningState": True,
        "inningHalf": True,
        "isTopInning": True,
        "scheduledInnings": True,
        "teams": {"home": _MLB_RUNS, "away": _MLB_RUNS},
        "balls": True,
        "strikes": True,
        "outs": True,
        "offense": {"first": {"id": True}, "second": {"id": True}, "third": {"id": True}},
    },
    "broadcasts": {"id": True, "name": True, "type": True, "homeAway": True},
}
MLB_STATSAPI: Spec = {
    "totalGames": True,
    "totalGamesInProgress": True,
    "dates": {"date": True, "totalGames": True, "games": _MLB_GAME},
}

_NBA_TEAM: Spec = {
    "teamId": True,
    "teamName": True,
    "teamCity": True,
    "teamTricode": True,
    "wins": True,
    "losses": True,
    "score": True,
    "seed": True,
    "periods": {"period": True, "periodType": True, "score": True},
}
NBA_CDN: Spec = {
    "scoreboard": {
        "gameDate": True,
        "leagueId": True,
        "leagueName": True,
        "games": {
            "gameId": True,
            "gameCode": True,
            "gameStatus": True,
            "gameStatusText": True,
            "period": True,
            "gameClock": True,
            "gameTimeUTC": True,
            "gameEt": True,
            "regulationPeriods": True,
            "homeTeam": _NBA_TEAM,
            "awayTeam": _NBA_TEAM,
        },
    }
}

_TSDB_EVENT: Spec = dict.fromkeys(
    (
        "idEvent",
        "idLiveScore",
        "idLeague",
        "strLeague",
        "strSport",
        "strSeason",
        "intRound",
        "strTimestamp",
        "dateEvent",
        "strTime",
        "strEventTime",
        "strStatus",
        "strProgress",
        "strPostponed",
        "idHomeTeam",
        "idAwayTeam",
        "strHomeTeam",
        "strAwayTeam",
        "strHomeTeamBadge",
        "strAwayTeamBadge",
        "intHomeScore",
        "intAwayScore",
        "intHomeScoreExtra",
        "intAwayScoreExtra",
        "idVenue",
        "strVenue",
        "strCity",
        "strCountry",
    ),
    True,
)
THESPORTSDB: Spec = {"events": _TSDB_EVENT, "livescore": _TSDB_EVENT}

_STANDINGS_NODE: Spec = {
    "id": True,
    "name": True,
    "abbreviation": True,
    "standings": {
        "entries": {
            "team": _TEAM,
            # The zone a row is coloured in: its label ("Relegation") is a fact the
            # parser reads, not prose.
            "note": {"color": True, "description": True, "rank": True},
            "stats": {"name": True, "type": True, "value": True, "displayValue": True},
        }
    },
}
ESPN_STANDINGS: Spec = {
    "id": True,
    "name": True,
    "abbreviation": True,
    "children": {**_STANDINGS_NODE, "children": _STANDINGS_NODE},
    "standings": _STANDINGS_NODE["standings"],
}

SPECS: dict[str, Spec] = {
    "espn": ESPN,
    "espn/standings": ESPN_STANDINGS,
    "nhl-web": NHL_WEB,
    "mlb-statsapi": MLB_STATSAPI,
    "nba-cdn": NBA_CDN,
    "thesportsdb": THESPORTSDB,
}
"""The whitelist of each provider folder of the recordings."""
SOURCES: dict[str, tuple[str, ...]] = {
    "espn": ("*.json", "soccer/*_event_*.json", "summary/*.json"),
    "espn/standings": ("standings_*.json",),
    "nhl-web": (
        "nhl_v1_schedule_*.json",
        "nhl_v1_club-schedule-season_*.json",
        "nhl_v1_gamecenter_*_landing.json",
    ),
    "mlb-statsapi": ("mlb_v1_schedule_*.json",),
    "nba-cdn": ("nba_liveData_todaysScoreboard_*.json",),
    "thesportsdb": ("*.json",),
}
"""The recordings a parser reads, per folder: no others are derived (gamecenter
boxscores, MLB's live feed, NBA boxscores wait for a parser; the landings' goals
have the shape of a ``score/{date}`` game's goals)."""


def keep(value: Any, spec: Spec) -> Any:
    """Return what `spec` keeps of `value` (``None`` when nothing is kept)."""
    if isinstance(value, list):
        kept = [item for item in (keep(item, spec) for item in value) if item is not None]
        return kept if kept or not value else None
    if isinstance(value, dict):
        if not isinstance(spec, Mapping):
            return None
        result = {}
        for key, sub in spec.items():
            if key in value and (kept := keep(value[key], sub)) is not None:
                result[key] = kept
        return result or None
    return value


def derive(source: Path) -> Iterator[tuple[str, str]]:
    """Yield (relative path, derived JSON text) for every recording with a spec."""
    for provider, spec in SPECS.items():
        paths = {
            path for pattern in SOURCES[provider] for path in (source / provider).glob(pattern)
        }
        for path in sorted(paths):
            payload = json.loads(path.read_text(encoding="utf-8"))
            derived = keep(payload, spec)
            text = json.dumps(derived, indent=1, ensure_ascii=False) + "\n"
            yield f"{provider}/{path.name}", text


def main(argv: list[str]) -> int:
    """Rewrite tests/fixtures/recorded from the recordings."""
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    if not source.is_dir():
        print(f"error: no recordings at {source}", file=sys.stderr)  # noqa: T201
        return 2
    written = 0
    for name, text in derive(source):
        target = TARGET / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written += 1
    print(f"derived {written} fixtures into {TARGET.relative_to(REPO_ROOT)}")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
