"""ESPN's public site API: leagues, parsing and fetching.

Parsing is pure (``parse_scoreboard``, ``parse_teams``): JSON in, domain out.
``EspnProvider`` fetches with the aiohttp session it is given (Home Assistant's
shared one, which carries Home Assistant's User-Agent) and keeps to what users
of this undocumented API learned the hard way (see docs/providers.md): it always
asks for a single day, never a date range, with a ``limit`` inside 100-500, and
asks college leagues for their groups.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Collection, Coroutine, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from http import HTTPStatus
import logging
from typing import Any, Final

import aiohttp

from ..models import (
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
from .base import (
    League,
    ProviderConnectionError,
    ProviderError,
    ProviderRateLimitedError,
    ProviderResponseError,
)
from .espn_leagues import (
    INNINGS_SPORTS,
    LEAGUES,
    infer_league,
    league_for_slug,
    league_name,
)
from .espn_schedule import (
    Board,
    Schedule,
    boards_today,
    competition_namer,
    group_boards,
    team_group,
)
from .http import ESPN_TZ, UNCHANGED, Validators, async_get_json, espn_day
from .parsing import (
    NO_SCORE_PHASES,
    ParseMemo,
    UnknownStatusCallback,
    parse_each,
    require,
    to_int,
)

__all__ = ["LEAGUES", "EspnProvider", "infer_league", "league_for_slug"]

_LOGGER = logging.getLogger(__name__)

BASE_URL: Final = "https://site.api.espn.com/apis/site/v2/sports"
WEB_BASE_URL: Final = "https://site.web.api.espn.com/apis/site/v2/sports"
"""The host whose club schedules list upcoming fixtures of every competition."""
ALL_COMPETITIONS: Final = "all"
"""The pseudo-league of a soccer club's schedule across every competition."""
SCOREBOARD_LIMIT: Final = 500
"""ESPN truncates lists silently from 600 on; 100-500 is complete."""
BOARD_GRACE: Final = timedelta(seconds=2)
"""How long a refresh waits for another board once the league's board is in."""
SCHEDULE_MAX_AGE: Final = timedelta(hours=6)
SCHEDULE_RETRY: Final = timedelta(minutes=30)
"""A failed schedule request waits this long (not until the next refresh)."""


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


@dataclass(frozen=True, slots=True)
class _CachedSchedule:
    due: datetime
    """When to ask for this schedule again."""
    schedule: Schedule = field(default_factory=Schedule)
    answered: bool = True
    """False until the source answered once (a failure keeps nothing to tell)."""


@dataclass(frozen=True, slots=True)
class _Source:
    """Where one part of a team's schedule is fetched."""

    key: str
    path: str
    params: Mapping[str, str]
    league_path: str | None = None
    web: bool = False
    """On ESPN's web host, rather than the site API's."""
    clubs: bool = False
    """A club's schedule across competitions: each event names its competition."""


class UnknownLeagueError(ProviderConnectionError):
    """ESPN knows no league at this path (HTTP 400 or 404, or a league without teams)."""

    translation_key = "unknown_league"


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


class EspnProvider:
    """Fetch one league's scoreboard from ESPN."""

    name = "ESPN"
    attribution: str | None = "Data provided by ESPN"
    fixed_interval: timedelta | None = None

    def __init__(self, session: aiohttp.ClientSession, league: League) -> None:
        """Initialize with Home Assistant's shared session."""
        self.league = league
        self.max_age: timedelta | None = None
        self._session = session
        self._schedules: dict[str, _CachedSchedule] = {}
        self._team_sources: dict[str, list[_Source]] = {}
        """Where each followed team's schedule came from, at the last schedule update."""
        self._validators: dict[str, Validators] = {}
        self._day_games: dict[str, Game] = {}
        self._board_games: dict[Board, tuple[Game, ...]] = {}
        self._memos: dict[Board | None, ParseMemo] = {}
        """Each board's games of its last body (None: the league's own board)."""
        self._board_tasks: dict[Board, asyncio.Task[bool]] = {}
        """The other boards' requests under way (a slow one outlives its refresh)."""
        self._league_logo: str | None = None
        self._last: Scoreboard | None = None
        self._unknown_statuses: set[str] = set()

    def _memo(self, board: Board | None) -> ParseMemo:
        """Return a board's memo of its last body's games (None: the league's board)."""
        return self._memos.setdefault(board, ParseMemo())

    def _on_unknown(self, name: str, state: str) -> None:
        if name not in self._unknown_statuses:
            self._unknown_statuses.add(name)
            _LOGGER.warning(
                "Unknown ESPN status %r (state %r) in %s; mapped by its state",
                name,
                state,
                self.league.key,
            )

    async def _get(
        self,
        path: str,
        params: Mapping[str, str] | None = None,
        *,
        conditional: bool = False,
        league_path: str | None = None,
        web: bool = False,
    ) -> Any:
        """Return a path's JSON, or UNCHANGED when a conditional body is unchanged.

        `path` is under the league's path, or under `league_path` (another
        competition's board, a club's schedule), on ESPN's web host if `web`.
        Only the league's own board sets ``max_age``. HTTP 400 and 404 say ESPN
        knows no league there.
        """
        base = WEB_BASE_URL if web else BASE_URL
        where = league_path or self.league.path
        url = f"{base}/{where}/{path}"

        def unknown_league(status: int) -> UnknownLeagueError:
            return UnknownLeagueError(f"ESPN answered HTTP {status} for {where}/{path}")

        # One slot per board, whatever its day: a new day's validators replace the last.
        slot = f"{url}?{sorted((k, v) for k, v in (params or {}).items() if k != 'dates')}"
        response = await async_get_json(
            self._session,
            url,
            name=self.name,
            params=params,
            validators=self._validators.get(slot) if conditional else None,
            errors={HTTPStatus.BAD_REQUEST: unknown_league, HTTPStatus.NOT_FOUND: unknown_league},
            what=path,
        )
        if conditional:
            self._validators[slot] = response.validators
            if league_path is None:
                self.max_age = response.max_age
        return response.payload

    def _scoreboard_params(self, dates: str, groups: str | None = None) -> dict[str, str]:
        params = {"dates": dates, "limit": str(SCOREBOARD_LIMIT)}
        if groups := groups or self.league.groups:
            params["groups"] = groups
        return params

    async def _async_teams_payload(self) -> Any:
        params = {"limit": str(SCOREBOARD_LIMIT)}
        if self.league.groups:
            params["groups"] = self.league.groups
        return await self._get("teams", params)

    async def async_get_teams(self) -> list[Team]:
        """Return every team of the league, sorted by name."""
        return parse_teams(await self._async_teams_payload())

    async def async_discover(self) -> tuple[str | None, list[Team]]:
        """Check the league's path against ESPN: return its own name and its teams.

        Raises UnknownLeagueError when ESPN knows no league there (HTTP 400 or
        404, or no team list), ProviderConnectionError when it cannot say.
        """
        payload = await self._async_teams_payload()
        try:
            teams = parse_teams(payload)
        except ProviderResponseError as err:
            raise UnknownLeagueError(f"ESPN lists no teams at {self.league.path}") from err
        if not teams:
            raise UnknownLeagueError(f"ESPN lists no teams at {self.league.path}")
        return league_name(payload), teams

    async def async_get_scoreboard(self, team_ids: Collection[str], now: datetime) -> Scoreboard:
        """Return today's games: the league's board, and the boards of followed games off it.

        One scoreboard request serves every followed team. A followed game
        today that the league's board lacks (a cup tie, a college game
        outside the featured division), as the teams' schedules known so far
        tell, is taken from its own board, fetched at every refresh of that
        day only, at the same time as the league's. Once the league's board
        is in, a slower board is waited for BOARD_GRACE at most: it stays out
        and what it answers is taken at the next refresh, so it never holds
        the league's scores back. A game on such a board is taken from it
        (fresher). The schedules themselves are not fetched
        here (``async_get_schedules``) and never merged into the board. When
        nothing changed (HTTP 304 or the same body) the previous scoreboard
        object is returned as it was.
        """
        today = espn_day(now)
        needed = boards_today(
            (self._team_schedule(team_id) for team_id in team_ids),
            self._day_games,
            lambda game: espn_day(game.start) == today,
        )
        self._board_games = {b: g for b, g in self._board_games.items() if b in needed}
        self._memos = {b: m for b, m in self._memos.items() if b is None or b in needed}
        changed = self._take_boards(needed)  # answered since the last refresh
        for board, competition in needed.items():
            if board not in self._board_tasks:
                self._board_tasks[board] = asyncio.Task(
                    self._async_board(board, competition, today),
                    loop=asyncio.get_running_loop(),
                    eager_start=True,
                )
        payload = await self._get("scoreboard", self._scoreboard_params(today), conditional=True)
        if pending := [task for task in self._board_tasks.values() if not task.done()]:
            await asyncio.wait(pending, timeout=BOARD_GRACE.total_seconds())
        changed |= self._take_boards(needed)
        changed |= payload is not UNCHANGED
        if payload is not UNCHANGED:
            games = parse_events(payload, self.league, self._on_unknown, memo=self._memo(None))
            self._day_games = {game.id: game for game in games}
            self._league_logo = parse_league_logo(payload) or self._league_logo
        if not changed and self._last is not None:
            return self._last
        merged = dict(self._day_games)
        followed = set(team_ids)
        for board in needed:
            for game in self._board_games.get(board, ()):
                if not followed.isdisjoint((game.home.team.id, game.away.team.id)):
                    merged[game.id] = game
        self._last = Scoreboard(
            league=self.league.key,
            fetched_at=now,
            games=_by_start(merged.values()),
            league_logo=self._league_logo,
        )
        return self._last

    async def async_get_schedules(
        self, team_ids: Collection[str], now: datetime
    ) -> dict[str, tuple[Game, ...]]:
        """Return each followed team's known games from its schedule, by start.

        Soccer: the league's month board and the club's schedule across
        competitions; other sports: the team's schedule. Each source is asked
        for at most once per SCHEDULE_MAX_AGE, the due ones all at the same
        time; a failed request keeps what was known and is tried again after
        SCHEDULE_RETRY (or the provider's Retry-After, if longer). A team none
        of whose sources ever answered is left out (nothing is known of it).
        """
        due: dict[str, _Source] = {}
        for team_id in team_ids:
            for source in self._sources(team_id, now):
                cached = self._schedules.get(source.key)
                if cached is None or now >= cached.due:
                    due.setdefault(source.key, source)
        await gather_eagerly(*(self._async_fetch_schedule(source, now) for source in due.values()))
        self._team_sources = {team_id: self._sources(team_id, now) for team_id in team_ids}
        return {
            team_id: _by_start(self._team_schedule(team_id).games)
            for team_id, sources in self._team_sources.items()
            if any(
                (cached := self._schedules.get(source.key)) and cached.answered
                for source in sources
            )
        }

    def _take_boards(self, needed: Collection[Board]) -> bool:
        """Take the answers of the boards' requests that are done; return whether any changed.

        A rate limit on a needed board is the refresh's (polling slows down).
        """
        changed = False
        for board, task in list(self._board_tasks.items()):
            if not task.done():
                continue
            del self._board_tasks[board]
            if board in needed:
                changed |= task.result()
            else:
                task.exception()  # a board no longer needed: its answer is of no use
        return changed

    async def _async_board(self, board: Board, competition: str | None, today: str) -> bool:
        """Fetch another board's games of today; return whether they changed.

        A failed request keeps what that board said before (the league's own
        board carries the refresh), except a rate limit, which slows polling.
        """
        try:
            payload = await self._get(
                "scoreboard",
                self._scoreboard_params(today, board.groups),
                conditional=True,
                league_path=board.path,
            )
            if payload is UNCHANGED:
                return False
            games = parse_events(payload, self.league, self._on_unknown, memo=self._memo(board))
        except ProviderRateLimitedError:
            raise
        except ProviderError as err:
            _LOGGER.debug("Board %s unavailable: %s", board, err)
            return False
        self._board_games[board] = tuple(
            replace(game, competition=competition) if competition else game for game in games
        )
        return True

    def _sources(self, team_id: str, now: datetime) -> list[_Source]:
        """Return where a team's schedule comes from.

        Soccer: the league's month board (its fixtures; team schedules hold
        no future games there), and the club's schedule across competitions,
        results and upcoming fixtures (the latter only on ESPN's web host).
        Other sports: the team's schedule.
        """
        if not self.league.month_schedule:
            return [_Source(team_id, f"teams/{team_id}/schedule", {})]
        month = now.astimezone(ESPN_TZ).strftime("%Y%m")
        club = f"{self.league.path.split('/', 1)[0]}/{ALL_COMPETITIONS}"
        path = f"teams/{team_id}/schedule"
        return [
            _Source(f"month:{month}", "scoreboard", self._scoreboard_params(month)),
            _Source(f"club:{team_id}", path, {}, league_path=club, clubs=True),
            _Source(
                f"fixtures:{team_id}",
                path,
                {"fixture": "true"},
                league_path=club,
                web=True,
                clubs=True,
            ),
        ]

    def _team_schedule(self, team_id: str) -> Schedule:
        """Return a team's known games (and their boards) from what its sources answered."""
        games: dict[str, Game] = {}
        boards: dict[str, Board] = {}
        for source in self._team_sources.get(team_id, ()):
            if (cached := self._schedules.get(source.key)) is None:
                continue
            schedule = cached.schedule
            for game in schedule.games:
                if game.involves(team_id) and game.id not in games:
                    games[game.id] = game
                    if board := schedule.boards.get(game.id):
                        boards[game.id] = board
        return Schedule(tuple(games.values()), boards)

    async def _async_fetch_schedule(self, source: _Source, now: datetime) -> None:
        cached = self._schedules.get(source.key)
        try:
            payload = await self._get(
                source.path, source.params, league_path=source.league_path, web=source.web
            )
            schedule = parse_schedule(payload, self.league, self._on_unknown, clubs=source.clubs)
        except ProviderError as err:
            _LOGGER.debug("Schedule %s unavailable: %s", source.key, err)
            retry = max(SCHEDULE_RETRY, err.retry_after or SCHEDULE_RETRY)
            self._schedules[source.key] = (
                replace(cached, due=now + retry)
                if cached
                else _CachedSchedule(now + retry, answered=False)
            )
            return
        if source.key.startswith("month:"):  # another month's board is of no more use
            self._schedules = {
                k: v
                for k, v in self._schedules.items()
                if not k.startswith("month:") or k == source.key
            }
        self._schedules[source.key] = _CachedSchedule(now + SCHEDULE_MAX_AGE, schedule)


async def gather_eagerly[T](*awaitables: Coroutine[Any, Any, T]) -> list[T]:
    """Run coroutines at the same time, each started at once; return their results in order.

    Every one runs to its end before the first error (if any) is raised, so a
    failed request never leaves another one running unobserved. When every
    one is answered without waiting (cached, or a mock), nothing is awaited.
    """
    loop = asyncio.get_running_loop()
    tasks = [asyncio.Task(coro, loop=loop, eager_start=True) for coro in awaitables]
    if pending := [task for task in tasks if not task.done()]:
        await asyncio.wait(pending)
    return [task.result() for task in tasks]


def _by_start(games: Iterable[Game]) -> tuple[Game, ...]:
    return tuple(sorted(games, key=lambda game: game.start))
