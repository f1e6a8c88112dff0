"""ESPN's golf leaderboards, parsed: pure functions, JSON in, ``FieldEvent``s out.

A golf scoreboard (``golf/{league}/scoreboard``) lists the tour's event of the
week: one competition whose competitors are athletes (pairs at a team event)
in leaderboard order, ``score`` to par over the event, ``linescores`` per round
(with one line per hole played, and the tee time among the round's
statistics). Before the field is published the competition has no
competitors. ESPN says nothing of a cut or a withdrawal on these boards, so
both are read from the rounds: a player without a third round once the field
plays it missed the cut; one who stopped part-way through an earlier round
withdrew.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime, timedelta
import logging
from typing import Any, Final

from ...models import Phase
from ...models.field import (
    HOLES,
    Athlete,
    CompetitorKind,
    Entrant,
    EntrantStatus,
    FieldEvent,
    Round,
)
from ..base import League
from ..parsing import (
    UnknownStatusCallback,
    entry_id,
    items,
    mapping,
    parse_each_item,
    parse_utc,
    text,
    to_int,
)
from .athlete_boards import board_events, board_league
from .parse import map_status

_LOGGER = logging.getLogger(__name__)

GOLF: Final = "golf"
GOLF_LEAGUES: Final[dict[str, League]] = {
    league.key: league
    for league in (
        League(key="pga", name="PGA TOUR", sport=GOLF, path="golf/pga"),
        League(key="lpga", name="LPGA", sport=GOLF, path="golf/lpga"),
        League(key="liv", name="LIV Golf", sport=GOLF, path="golf/liv"),
        League(key="dp_world_tour", name="DP World Tour", sport=GOLF, path="golf/eur"),
    )
}
"""The golf tours, keyed as the integration names them; ESPN's slug is the path's end."""
_LEAGUE_IDS: Final = {"1106": GOLF_LEAGUES["pga"], "1107": GOLF_LEAGUES["lpga"]}
"""ESPN's league ids (the ``l:`` of a uid), for a recording of one event without its league."""
_GOLF_STATUS: Final = {
    "STATUS_PLAY_COMPLETE": Phase.BREAK,
    "STATUS_SUSPENDED": Phase.SUSPENDED,
}
"""Golf's own statuses: a round's play done for the day is a break between rounds."""
_CUT_ROUND: Final = 3
"""The first round after the cut."""
_ZONES: Final = {
    "UTC": 0,
    "GMT": 0,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
    "BST": 1,
    "CET": 1,
    "CEST": 2,
}
"""The zones ESPN's tee times name ("Thu May 29 13:30:00 PDT 2025")."""


def golf_league(payload: Any) -> League | None:
    """Return the golf tour a payload belongs to, or None if it is no golf board."""
    return board_league(payload, GOLF_LEAGUES.values(), sport_id="1100", league_ids=_LEAGUE_IDS)


def parse_golf_board(
    payload: Any, league: League, on_unknown: UnknownStatusCallback | None = None
) -> tuple[FieldEvent, ...]:
    """Parse a golf scoreboard (or one event) into its events; skip a malformed one."""
    parsed = parse_each_item(
        board_events(payload, "golf"),
        lambda event: parse_golf_event(event, league, on_unknown),
        what=f"{league.key} scoreboard",
        kind="event",
        ident=entry_id,
        logger=_LOGGER,
    )
    return tuple(parsed)


def parse_golf_event(
    event: Mapping[str, Any], league: League, on_unknown: UnknownStatusCallback | None = None
) -> FieldEvent:
    """Parse one golf event: its leaderboard, rounds, holes and tee times."""
    competition = mapping(items(event["competitions"])[0])
    status = mapping(competition.get("status")) or mapping(event.get("status"))
    name = str(mapping(status.get("type")).get("name", ""))
    phase = _GOLF_STATUS.get(name) or map_status(status, GOLF, on_unknown)
    period = to_int(status.get("period")) or None
    raw = [mapping(item) for item in items(competition.get("competitors"))]
    rounds = [_rounds(item) for item in raw]
    reached = max((r.number for each in rounds for r in each if r.holes), default=0)
    # Without tee times a round not yet teed off looks like a missed cut: wait for
    # the round after it (or the end) to say so.
    timed = any(r.tee_time for each in rounds for r in each)
    cut_known = reached > _CUT_ROUND or phase is Phase.FINAL or (reached == _CUT_ROUND and timed)
    entrants = [
        _entrant(item, index, own, _status(item, own, phase, period, cut_known=cut_known))
        for index, (item, own) in enumerate(zip(raw, rounds, strict=True))
    ]
    end = text(event.get("endDate"))
    return FieldEvent(
        id=str(event["id"]),
        league=league.key,
        sport=GOLF,
        name=str(event.get("name") or event["shortName"]),
        short_name=str(event.get("shortName") or event["name"]),
        start=parse_utc(event["date"]),
        end=parse_utc(end) if end else None,
        phase=phase,
        status_detail=str(mapping(status.get("type")).get("detail") or ""),
        period=period,
        entrants=_placed(entrants),
        team_event=any(item.kind is CompetitorKind.PAIR for item in entrants),
    )


def _entrant(
    data: Mapping[str, Any], index: int, rounds: tuple[Round, ...], status: EntrantStatus
) -> Entrant:
    ident = str(data["id"])
    order = to_int(data.get("order")) or index + 1
    score = _to_par(data.get("score"))
    if data.get("type") == "team" or "athlete" not in data:
        team = mapping(data.get("team"))
        name = str(team.get("displayName") or team["name"])
        return Entrant(
            id=ident,
            kind=CompetitorKind.PAIR,
            name=name,
            short_name=str(team.get("shortDisplayName") or name),
            order=order,
            score=score,
            status=status,
            rounds=rounds,
            members=tuple(part.strip() for part in name.split("/") if part.strip()),
        )
    athlete = mapping(data["athlete"])
    flag = mapping(athlete.get("flag"))
    name = str(athlete.get("displayName") or athlete["fullName"])
    return Entrant(
        id=ident,
        kind=CompetitorKind.ATHLETE,
        name=name,
        short_name=str(athlete.get("shortName") or name),
        order=order,
        score=score,
        status=status,
        rounds=rounds,
        athlete=Athlete(
            id=ident,
            name=name,
            short_name=str(athlete.get("shortName") or name),
            country=text(flag.get("alt")),
            flag=text(flag.get("href")),
        ),
    )


def _rounds(data: Mapping[str, Any]) -> tuple[Round, ...]:
    found: list[Round] = []
    for index, entry in enumerate(items(data.get("linescores"))):
        line = mapping(entry)
        holes = len(items(line.get("linescores")))
        strokes = to_int(line.get("value"))
        found.append(
            Round(
                number=to_int(line.get("period")) or index + 1,
                strokes=strokes if strokes and holes else None,
                to_par=_to_par(line.get("displayValue")) if holes else None,
                holes=holes,
                tee_time=_tee_time(line),
            )
        )
    return tuple(found)


def _status(
    data: Mapping[str, Any],
    rounds: tuple[Round, ...],
    phase: Phase,
    period: int | None,
    *,
    cut_known: bool,
) -> EntrantStatus:
    """Return whether the entrant is still in: the provider's word, else the rounds'."""
    name = str(mapping(mapping(data.get("status")).get("type")).get("name", "")).upper()
    for word, status in (
        ("CUT", EntrantStatus.CUT),
        ("WD", EntrantStatus.WITHDRAWN),
        ("WITHDRAW", EntrantStatus.WITHDRAWN),
        ("DQ", EntrantStatus.DISQUALIFIED),
        ("DISQUAL", EntrantStatus.DISQUALIFIED),
    ):
        if word in name:
            return status
    over = phase is Phase.FINAL
    for item in rounds:
        if 0 < item.holes < HOLES and (item.number < (period or 0) or over):
            return EntrantStatus.WITHDRAWN
    weekend = [item for item in rounds if item.number >= _CUT_ROUND]
    if cut_known and not any(item.holes or item.tee_time for item in weekend):
        return EntrantStatus.CUT
    return EntrantStatus.ACTIVE


def _placed(entrants: list[Entrant]) -> tuple[Entrant, ...]:
    """Return the entrants with their places: 1 + those strictly ahead, ties marked."""
    scores = [item.score for item in entrants if item.status is EntrantStatus.ACTIVE]
    counts: dict[int, int] = {}
    for score in scores:
        if score is not None:
            counts[score] = counts.get(score, 0) + 1
    placed: list[Entrant] = []
    for item in entrants:
        if item.status is not EntrantStatus.ACTIVE or item.score is None:
            placed.append(item)
            continue
        ahead = sum(count for score, count in counts.items() if score < item.score)
        placed.append(replace(item, position=ahead + 1, tied=counts[item.score] > 1))
    return tuple(placed)


def _to_par(value: Any) -> int | None:
    """Return "-10" as -10, "E" as 0, "+3" as 3; "-" or nothing as None."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if value.upper() == "E":
        return 0
    try:
        return int(value)
    except ValueError:
        return None


def _tee_time(line: Mapping[str, Any]) -> datetime | None:
    """Return the round's tee time, from ESPN's text among the round's statistics."""
    for category in items(mapping(line.get("statistics")).get("categories")):
        for stat in items(mapping(category).get("stats")):
            if (value := _tee_text(mapping(stat).get("displayValue"))) is not None:
                return value
    return None


def _tee_text(value: Any) -> datetime | None:
    """Parse "Thu May 29 13:30:00 PDT 2025" (a zone ESPN names) to an aware time."""
    if not isinstance(value, str):
        return None
    parts = value.split()
    if len(parts) != 6 or parts[4] not in _ZONES:
        return None
    offset = timedelta(hours=_ZONES[parts[4]])
    sign = "-" if offset < timedelta(0) else "+"
    hours = abs(_ZONES[parts[4]])
    try:
        local = datetime.strptime(
            " ".join([*parts[1:4], parts[5], f"{sign}{hours:02d}00"]), "%b %d %H:%M:%S %Y %z"
        )
    except ValueError:
        return None
    return local.astimezone(UTC)
