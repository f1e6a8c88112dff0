"""ESPN's JSON, parsed: pure functions, JSON in, domain objects out.

Scoreboards, team schedules (and the boards their games are live on), team
lists and the league's logo; a game's two sides are parsed by
``competitors.py``, the rest of it by ``details.py``. No I/O: ``client.py``
fetches, these parse.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
import logging
from typing import Any, Final

from ...models import (
    Game,
    Phase,
    Scoreboard,
    Side,
    Team,
)
from ..base import League, ProviderResponseError
from ..parsing import (
    EventText,
    ParseMemo,
    UnknownStatusCallback,
    parse_each,
    require,
    to_int,
)
from .competitors import parse_competitor, parse_team, pick_link
from .details import (
    batting_side,
    parse_broadcasts,
    parse_key_events,
    parse_odds,
    parse_series,
    parse_situation,
    parse_venue,
)
from .leagues import INNINGS_SPORTS
from .plays import PLAY_TYPE, parse_details
from .schedule import Board, Schedule, competition_namer, group_boards, team_group

_LOGGER = logging.getLogger(__name__)

_STATUS_PHASES: Final[dict[str, Phase]] = {
    "STATUS_SCHEDULED": Phase.SCHEDULED,
    "STATUS_TBD": Phase.SCHEDULED,
    "STATUS_IN_PROGRESS": Phase.LIVE,
    "STATUS_FIRST_HALF": Phase.LIVE,
    "STATUS_SECOND_HALF": Phase.LIVE,
    "STATUS_OVERTIME": Phase.LIVE,
    "STATUS_SHOOTOUT": Phase.LIVE,
    "STATUS_IN_PROGRESS_ET": Phase.LIVE,
    "STATUS_IN_PROGRESS_PEN": Phase.LIVE,
    "STATUS_END_OF_EXTRATIME": Phase.LIVE,
    "STATUS_HALFTIME": Phase.BREAK,
    "STATUS_END_PERIOD": Phase.BREAK,
    "STATUS_FINAL": Phase.FINAL,
    "STATUS_FINAL_OT": Phase.FINAL,
    "STATUS_FULL_TIME": Phase.FINAL,
    "STATUS_FINAL_PEN": Phase.FINAL,
    "STATUS_FINAL_AET": Phase.FINAL,
    "STATUS_FORFEIT": Phase.FINAL,
    "STATUS_DELAYED": Phase.DELAYED,
    "STATUS_RAIN_DELAY": Phase.DELAYED,
    "STATUS_SUSPENDED": Phase.SUSPENDED,
    "STATUS_POSTPONED": Phase.POSTPONED,
    "STATUS_CANCELED": Phase.CANCELED,
    "STATUS_ABANDONED": Phase.CANCELED,
    "STATUS_UNCONTESTED": Phase.CANCELED,
}


def map_status(
    status: Mapping[str, Any], sport: str, on_unknown: UnknownStatusCallback | None
) -> Phase:
    """Map an ESPN status object to a phase; unknown names by their state."""
    status_type = status.get("type") or {}
    name = str(status_type.get("name", ""))
    state = str(status_type.get("state", ""))
    phase = _STATUS_PHASES.get(name)
    if phase is None:
        if on_unknown is not None:
            on_unknown(name, state)
        if state == "in":
            phase = Phase.LIVE
        elif state == "post":
            phase = Phase.FINAL if status_type.get("completed") else Phase.POSTPONED
        else:
            phase = Phase.SCHEDULED
    if phase is Phase.LIVE and sport in INNINGS_SPORTS:
        detail = str(status_type.get("detail", ""))
        if detail.startswith(("Middle", "End")):
            phase = Phase.BREAK
    return phase


def parse_league_logo(payload: Any) -> str | None:
    """Return the league's default logo from a scoreboard payload."""
    try:
        logos = payload["leagues"][0].get("logos") or []
    except (KeyError, IndexError, TypeError, AttributeError):
        return None
    hrefs = [logo for logo in logos if isinstance(logo, dict) and logo.get("href")]
    chosen = next((logo for logo in hrefs if "default" in (logo.get("rel") or ())), None)
    if chosen is None and hrefs:
        chosen = hrefs[0]
    return str(chosen["href"]) if chosen else None


def parse_datetime(value: str) -> datetime:
    """Parse ESPN's ISO-8601 times ("2022-09-11T17:00Z") as aware UTC."""
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def parse_event(
    event: Mapping[str, Any],
    league: League,
    week: int | None = None,
    on_unknown: UnknownStatusCallback | None = None,
    competition: str | None = None,
) -> Game:
    """Parse one scoreboard or schedule event into a game of `league`.

    `competition` names the competition it is played in when that is not
    `league` (a club's cup tie, polled on the cup's board).
    """
    contest = event["competitions"][0]
    status = contest.get("status") or event.get("status") or {}
    phase = map_status(status, league.sport, on_unknown)
    sides = {c.get("homeAway"): c for c in contest["competitors"]}
    if set(sides) != {"home", "away"}:
        raise ProviderResponseError(f"event {event.get('id')} lacks a home or away side")
    in_game = phase.in_play or phase in (Phase.DELAYED, Phase.SUSPENDED)
    period = to_int(status.get("period"))
    season = event.get("season") or {}
    live = contest.get("situation") if in_game else None
    live = live if isinstance(live, dict) else None
    home, away = sides["home"], sides["away"]
    status_type = status.get("type") or {}
    detail = str(status_type.get("detail", ""))
    short = status_type.get("shortDetail")
    if league.sport == "cricket":  # ESPN's cricket pages say "Live", "Result"
        short = status_type.get("description") or short
    batting = batting_side(league.sport, detail, home, away) if in_game else None
    return Game(
        id=str(event["id"]),
        league=league.key,
        sport=league.sport,
        name=str(event.get("name", "")),
        short_name=str(event.get("shortName", "")),
        start=parse_datetime(str(contest.get("date") or event["date"])),
        phase=phase,
        status_detail=detail,
        home=parse_competitor(
            home, away, Side.HOME, phase=phase, sport=league.sport, situation=live
        ),
        away=parse_competitor(
            away, home, Side.AWAY, phase=phase, sport=league.sport, situation=live
        ),
        period=period if period else None,
        clock=str(status["displayClock"]) if in_game and status.get("displayClock") else None,
        venue=parse_venue(contest),
        broadcasts=parse_broadcasts(contest),
        situation=parse_situation(contest, batting) if in_game else None,
        season=to_int(season.get("year")) if isinstance(season, dict) else None,
        week=week if week is not None else to_int((event.get("week") or {}).get("number")),
        url=pick_link(event, "summary"),
        odds=parse_odds(contest),
        series=parse_series(contest, home, away),
        competition=competition,
        status_short=str(short) if short and short != detail else None,
        key_events=parse_key_events(contest),
        plays=parse_details(
            str(event["id"]),
            contest,
            str(home["team"]["id"]),
            str(away["team"]["id"]),
            (lambda text: on_unknown(text, PLAY_TYPE)) if on_unknown else None,
        ),
    )


def _parse_text(
    entry: EventText, league: League, week: int | None, on_unknown: UnknownStatusCallback | None
) -> Game:
    """Parse one event of a board that came as its text, decoding it if it was left for later."""
    return parse_event(entry.decoded(), league, week, on_unknown, None)


def parse_events(
    payload: Any,
    league: League,
    on_unknown: UnknownStatusCallback | None = None,
    competition: Callable[[Mapping[str, Any]], str | None] | None = None,
    memo: ParseMemo | None = None,
) -> list[Game]:
    """Parse the events of a scoreboard or team schedule payload.

    `competition` tells each event's competition, where it is not `league`
    (a club's schedule across competitions). A malformed event is skipped
    with one log line; a payload without an event list, or none of whose
    events parse, raises ProviderResponseError. With a `memo` (the board's
    last payload), an event unchanged since then is not parsed again.
    """
    what = f"{league.key} scoreboard"
    events = require(payload, "events", list, what)
    week_info = payload.get("week")
    week = to_int(week_info.get("number")) if isinstance(week_info, dict) else None

    def parse(entry: Mapping[str, Any] | EventText) -> Game:
        if isinstance(entry, EventText) and memo is not None and competition is None:
            return memo.parse(
                entry, lambda text: _parse_text(text, league, week, on_unknown), week, None
            )
        event = entry.decoded() if isinstance(entry, EventText) else entry
        named = competition(event) if competition else None
        if memo is None:
            return parse_event(event, league, week, on_unknown, named)
        return memo.parse(
            event, lambda entry: parse_event(entry, league, week, on_unknown, named), week, named
        )

    try:
        return parse_each(events, parse, what=what, id_key="id", logger=_LOGGER)
    finally:
        if memo is not None:
            memo.finish()


def parse_scoreboard(
    payload: Any,
    league: League,
    fetched_at: datetime,
    on_unknown: UnknownStatusCallback | None = None,
) -> Scoreboard:
    """Parse a scoreboard payload into a scoreboard."""
    return Scoreboard(
        league=league.key,
        fetched_at=fetched_at,
        games=tuple(parse_events(payload, league, on_unknown)),
        league_logo=parse_league_logo(payload),
    )


def parse_teams(payload: Any) -> list[Team]:
    """Parse a league's team list, sorted by name."""
    try:
        entries = payload["sports"][0]["leagues"][0]["teams"]
        teams = [parse_team(entry["team"]) for entry in entries]
    except (KeyError, IndexError, TypeError, AttributeError) as err:
        raise ProviderResponseError(f"malformed team list: {err}") from err
    return sorted(teams, key=lambda team: team.name.casefold())


def parse_schedule(
    payload: Any,
    league: League,
    on_unknown: UnknownStatusCallback | None = None,
    *,
    clubs: bool = False,
) -> Schedule:
    """Parse a team schedule (or a month board) and where its games are live.

    `clubs`: a club's schedule across competitions; its games of another
    competition say so and are live on that competition's board. A college
    team outside the league's featured group has its games on its group's.
    """
    boards: dict[str, Board] = {}
    namer = competition_namer(league, boards) if clubs else None
    games = parse_events(payload, league, on_unknown, namer)
    boards |= group_boards(league, games, team_group(payload))
    return Schedule(tuple(games), boards)
