"""ESPN's JSON, parsed: pure functions, JSON in, domain objects out.

Scoreboards, team schedules (and the boards their games are live on), team
lists and the league's logo. No I/O: ``client.py`` fetches, these parse.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
import logging
from typing import Any, Final

from ...models import (
    Competitor,
    Game,
    KeyEvent,
    Odds,
    Phase,
    Scoreboard,
    Series,
    Side,
    Situation,
    Team,
    Venue,
)
from ..base import League, ProviderResponseError
from ..parsing import (
    NO_SCORE_PHASES,
    ParseMemo,
    UnknownStatusCallback,
    parse_each,
    require,
    to_int,
)
from .leagues import INNINGS_SPORTS
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
_NO_SCORE_PHASES: Final = NO_SCORE_PHASES
UNRANKED: Final = 99
"""ESPN's ``curatedRank.current`` of a team outside the poll."""


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


_int = to_int


def _logo(team: Mapping[str, Any]) -> str | None:
    if logo := team.get("logo"):
        return str(logo)
    for item in team.get("logos") or ():
        if href := item.get("href"):
            return str(href)
    return None


def _float(value: Any) -> float | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _probability(value: Any) -> float | None:
    """Return a 0-1 chance, rounded off ESPN's float noise (0.07599999999999996)."""
    number = _float(value)
    return round(number, 4) if number is not None and 0 <= number <= 1 else None


def _link(data: Mapping[str, Any], *preferred: str) -> str | None:
    """Return the href of the first link whose rel has a preferred word, in order.

    Without a match, the first desktop link, else the first link. One pass
    over the links (three per game: a hot path).
    """
    links = data.get("links")
    if not isinstance(links, list):
        return None
    ranks = (*preferred, "desktop")
    best: str | None = None
    best_rank = len(ranks)
    first: str | None = None
    for link in links:
        if not isinstance(link, dict) or not isinstance(href := link.get("href"), str):
            continue
        if first is None:
            first = href
        rels = link.get("rel") or ()
        for rank in range(best_rank):
            if ranks[rank] in rels:
                best, best_rank = href, rank
                break
        if best_rank == 0:
            break
    return best if best is not None else first


def parse_team(team: Mapping[str, Any]) -> Team:
    """Parse an ESPN team object."""
    name = team.get("displayName") or team.get("name") or team["abbreviation"]
    return Team(
        id=str(team["id"]),
        abbreviation=str(team.get("abbreviation") or name),
        name=str(name),
        short_name=str(team.get("shortDisplayName") or team.get("name") or name),
        logo=_logo(team),
        color=team.get("color"),
        alternate_color=team.get("alternateColor"),
        url=_link(team, "clubhouse"),
    )


def _record(competitor: Mapping[str, Any]) -> str | None:
    records = competitor.get("records") or competitor.get("record") or []
    if not isinstance(records, list) or not records:
        return None
    chosen = next((r for r in records if r.get("type") == "total"), records[0])
    summary = chosen.get("summary") or chosen.get("displayValue")
    return str(summary) if summary else None


def _score(value: Any, sport: str) -> int | None:
    """Return a side's score; cricket's "245/6" is 245 runs (6 wickets down).

    A Test's "314 & 145/7 (47 ov)" counts the runs of both innings.
    """
    if sport == "cricket" and isinstance(value, str):
        innings = [_int(part.split("/", 1)[0].split("(", 1)[0]) for part in value.split("&")]
        return None if None in innings else sum(filter(None, innings))
    return _int(value)


def _score_text(value: Any, sport: str) -> str | None:
    """Return cricket's whole score text (wickets, overs, target), else None."""
    if sport != "cricket" or not isinstance(value, str) or not value.strip():
        return None
    return value.strip()


def _set_scores(data: Mapping[str, Any], sport: str) -> tuple[int, ...]:
    """Return the points of each set so far (volleyball), the current one last."""
    if sport != "volleyball":
        return ()
    points = [
        _int(line.get("value")) for line in data.get("linescores") or () if isinstance(line, dict)
    ]
    return tuple(point for point in points if point is not None)


def _rank(data: Mapping[str, Any]) -> int | None:
    rank = _int((data.get("curatedRank") or {}).get("current"))
    return rank if rank and rank != UNRANKED else None


_COUNTED_STATS: Final = frozenset({"shotsOnTarget", "totalShots", "saves"})
"""The statistics a side's numbers are read from (baseball lists a score more)."""


def _statistics(data: Mapping[str, Any]) -> dict[str, int | None]:
    return {
        name: _int(stat.get("displayValue"))
        for stat in data.get("statistics") or ()
        if isinstance(stat, dict) and (name := str(stat.get("name"))) in _COUNTED_STATS
    }


def _possession_share(data: Mapping[str, Any]) -> float | None:
    """Return soccer's share of possession, in percent ("48.2")."""
    return next(
        (
            _float(stat.get("displayValue"))
            for stat in data.get("statistics") or ()
            if isinstance(stat, dict) and stat.get("name") == "possessionPct"
        ),
        None,
    )


def _competitor(
    data: Mapping[str, Any],
    opponent: Mapping[str, Any],
    side: Side,
    *,
    phase: Phase,
    sport: str,
    situation: Mapping[str, Any] | None,
) -> Competitor:
    """Parse one side; `situation` is the live situation, None outside play."""
    winner = data.get("winner")
    score = None if phase in _NO_SCORE_PHASES else _score(data.get("score"), sport)
    stats = _statistics(data) if score is not None else {}
    shots_on_target = stats.get("shotsOnTarget")
    if sport == "hockey" and score is not None:
        # Shots on goal are the goals scored plus the saves of the other goalie.
        saves = _statistics(opponent).get("saves")
        shots_on_target = score + saves if saves is not None else None
    situation = situation or {}
    probability = (situation.get("lastPlay") or {}).get("probability") or {}
    return Competitor(
        team=parse_team(data["team"]),
        score=score,
        record=_record(data),
        winner=bool(winner) if phase is Phase.FINAL and winner is not None else None,
        shootout_score=_int(data.get("shootoutScore")),
        rank=_rank(data),
        timeouts=_int(situation.get(f"{side.value}Timeouts")),
        win_probability=_probability(probability.get(f"{side.value}WinPercentage")),
        shots_on_target=shots_on_target,
        total_shots=stats.get("totalShots"),
        sets_won=score if sport == "volleyball" else None,
        set_scores=_set_scores(data, sport) if score is not None else (),
        score_text=_score_text(data.get("score"), sport) if score is not None else None,
        possession_share=_possession_share(data) if score is not None else None,
    )


def _odds(competition: Mapping[str, Any]) -> Odds | None:
    """Return the first listed line: spread, over/under and the favourite."""
    lines = competition.get("odds")
    if not isinstance(lines, list) or not lines or not isinstance(lines[0], dict):
        return None
    line = lines[0]
    favorite = next(
        (
            side
            for side in Side
            if ((line.get(f"{side.value}TeamOdds") or {}).get("favorite")) is True
        ),
        None,
    )
    details = line.get("details")
    odds = Odds(
        spread=_float(line.get("spread")),
        over_under=_float(line.get("overUnder")),
        favorite=favorite,
        details=(details.strip() or None) if isinstance(details, str) else None,
    )
    return odds if odds != Odds() else None


def _series(
    competition: Mapping[str, Any], home: Mapping[str, Any], away: Mapping[str, Any]
) -> Series | None:
    series = competition.get("series")
    if not isinstance(series, dict):
        return None
    wins = {
        str(entry.get("id")): _int(entry.get("wins"))
        for entry in series.get("competitors") or ()
        if isinstance(entry, dict)
    }
    home_wins = wins.get(str(home["team"]["id"]), wins.get(str(home.get("id"))))
    away_wins = wins.get(str(away["team"]["id"]), wins.get(str(away.get("id"))))
    if home_wins is None or away_wins is None:
        return None
    return Series(home_wins, away_wins, completed=bool(series.get("completed")))


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


def _broadcasts(competition: Mapping[str, Any]) -> tuple[str, ...]:
    names: list[str] = []
    for broadcast in competition.get("broadcasts") or ():
        for name in broadcast.get("names") or ():
            if name not in names:
                names.append(str(name))
    return tuple(names)


def _batting(
    sport: str, detail: str, home: Mapping[str, Any], away: Mapping[str, Any]
) -> str | None:
    """Return the id of the side at bat: away in the top half, home in the bottom.

    Between halves the side due to bat next ("Middle": home, "End": away).
    Cricket: the side whose current innings ESPN marks as batting.
    """
    if sport in INNINGS_SPORTS:
        half = detail.split(" ", 1)[0].casefold()
        if half in ("top", "end"):
            return str(away["team"]["id"])
        if half in ("bottom", "bot", "middle", "mid"):
            return str(home["team"]["id"])
    if sport == "cricket":
        for side in (home, away):
            lines = [line for line in side.get("linescores") or () if isinstance(line, dict)]
            if lines and lines[-1].get("isBatting") is True:
                return str(side["team"]["id"])
    return None


def _key_events(competition: Mapping[str, Any]) -> tuple[KeyEvent, ...]:
    """Return the goals and cards a scoreboard lists (soccer's ``details``)."""
    events: list[KeyEvent] = []
    for detail in competition.get("details") or ():
        if not isinstance(detail, dict):
            continue
        clock = (detail.get("clock") or {}).get("displayValue")
        kind = (detail.get("type") or {}).get("text")
        if not clock or not kind:
            continue
        athletes = [a for a in detail.get("athletesInvolved") or () if isinstance(a, dict)]
        team_id = (detail.get("team") or {}).get("id")
        events.append(
            KeyEvent(
                clock=str(clock),
                kind=str(kind),
                team_id=str(team_id) if team_id is not None else None,
                athlete=str(athletes[0]["displayName"])
                if athletes and athletes[0].get("displayName")
                else None,
            )
        )
    return tuple(events)


def _situation(competition: Mapping[str, Any], batting: str | None = None) -> Situation | None:
    data = competition.get("situation")
    if not isinstance(data, dict):
        data = {}
    situation = Situation(
        possession=str(data["possession"]) if data.get("possession") else batting,
        down_distance=data.get("downDistanceText"),
        balls=_int(data.get("balls")),
        strikes=_int(data.get("strikes")),
        outs=_int(data.get("outs")),
        on_first=data.get("onFirst"),
        on_second=data.get("onSecond"),
        on_third=data.get("onThird"),
        last_play=(data.get("lastPlay") or {}).get("text") or None,
    )
    return situation if situation.as_dict() else None


def _venue(competition: Mapping[str, Any]) -> Venue | None:
    venue = competition.get("venue")
    if not isinstance(venue, dict) or not venue.get("fullName"):
        return None
    address = venue.get("address") or {}
    return Venue(
        name=str(venue["fullName"]),
        city=address.get("city") or None,
        state=address.get("state") or None,
        country=address.get("country") or None,
    )


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
    period = _int(status.get("period"))
    season = event.get("season") or {}
    live = contest.get("situation") if in_game else None
    live = live if isinstance(live, dict) else None
    home, away = sides["home"], sides["away"]
    status_type = status.get("type") or {}
    detail = str(status_type.get("detail", ""))
    short = status_type.get("shortDetail")
    if league.sport == "cricket":  # ESPN's cricket pages say "Live", "Result"
        short = status_type.get("description") or short
    batting = _batting(league.sport, detail, home, away) if in_game else None
    return Game(
        id=str(event["id"]),
        league=league.key,
        sport=league.sport,
        name=str(event.get("name", "")),
        short_name=str(event.get("shortName", "")),
        start=parse_datetime(str(contest.get("date") or event["date"])),
        phase=phase,
        status_detail=detail,
        home=_competitor(home, away, Side.HOME, phase=phase, sport=league.sport, situation=live),
        away=_competitor(away, home, Side.AWAY, phase=phase, sport=league.sport, situation=live),
        period=period if period else None,
        clock=str(status["displayClock"]) if in_game and status.get("displayClock") else None,
        venue=_venue(contest),
        broadcasts=_broadcasts(contest),
        situation=_situation(contest, batting) if in_game else None,
        season=_int(season.get("year")) if isinstance(season, dict) else None,
        week=week if week is not None else _int((event.get("week") or {}).get("number")),
        url=_link(event, "summary"),
        odds=_odds(contest),
        series=_series(contest, home, away),
        competition=competition,
        status_short=str(short) if short and short != detail else None,
        key_events=_key_events(contest),
    )


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
    week = _int(week_info.get("number")) if isinstance(week_info, dict) else None

    def parse(event: Mapping[str, Any]) -> Game:
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
