"""Derive the tests' provider fixtures from third-party recordings.

The recordings (real provider responses kept in ``../shared/fixtures`` beside
this repository, not part of it) carry far more than the parsers read, and a
lot of free text (headlines, notes, articles, odds text, descriptions). This
module keeps the facts, and only those named in a whitelist per provider: ids,
names, abbreviations, logos, colours, scores, records, ranks, status, clock,
period, dates, venues, broadcasts, links, situation. Every key not named is
dropped, so new prose in a recording never leaks in.

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
    "odds": {
        "provider": {"id": True, "name": True},
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
}

SPECS: dict[str, Spec] = {"espn": ESPN}
"""The whitelist of each provider folder of the recordings."""


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
        for path in sorted((source / provider).glob("*.json")):
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
