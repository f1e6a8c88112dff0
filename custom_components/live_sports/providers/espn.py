"""ESPN's public site API: leagues, parsing and fetching.

Parsing is pure (``parse_scoreboard``, ``parse_teams``): JSON in, domain out.
``EspnProvider`` fetches with the aiohttp session it is given (Home Assistant's
shared one, which carries Home Assistant's User-Agent) and keeps to what users
of this undocumented API learned the hard way (see ESPN_NOTES.md): it always
asks for a single day, never a date range, with a ``limit`` inside 100-500, and
asks college leagues for their groups.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
import hashlib
from http import HTTPStatus
import logging
import re
from typing import Any, Final
from zoneinfo import ZoneInfo

import aiohttp

from ..models import (
    Competitor,
    Game,
    Odds,
    Phase,
    Scoreboard,
    Series,
    Side,
    Situation,
    Team,
    Venue,
)
from ..retry import parse_retry_after
from .base import (
    League,
    ProviderConnectionError,
    ProviderError,
    ProviderRateLimitedError,
    ProviderResponseError,
    decode_json,
)
from .parsing import NO_SCORE_PHASES, UnknownStatusCallback, parse_each, require, to_int

_LOGGER = logging.getLogger(__name__)

BASE_URL: Final = "https://site.api.espn.com/apis/site/v2/sports"
SCOREBOARD_LIMIT: Final = 500
"""ESPN truncates lists silently from 600 on; 100-500 is complete."""
REQUEST_TIMEOUT: Final = aiohttp.ClientTimeout(total=10)
"""A scoreboard comes in well under a second; a dead ESPN costs a refresh no more
than this before a fallback is asked."""
SCHEDULE_MAX_AGE: Final = timedelta(hours=6)
SCHEDULE_RETRY: Final = timedelta(minutes=30)
"""A failed schedule request waits this long (not until the next refresh)."""
ESPN_TZ: Final = ZoneInfo("America/New_York")
DAY_ROLLOVER: Final = timedelta(hours=6)
"""ESPN days are US Eastern; late games still run after midnight there."""


def _league(key: str, name: str, sport: str, path: str, **kwargs: Any) -> League:
    return League(key=key, name=name, sport=sport, path=f"{sport}/{path}", **kwargs)


LEAGUES: Final[dict[str, League]] = {
    league.key: league
    for league in (
        _league("nfl", "NFL", "football", "nfl"),
        _league("ncaaf", "NCAA Football (FBS)", "football", "college-football", groups="80"),
        _league("cfl", "CFL", "football", "cfl"),
        _league("ufl", "UFL", "football", "ufl"),
        _league("nba", "NBA", "basketball", "nba"),
        _league("wnba", "WNBA", "basketball", "wnba"),
        _league(
            "ncaamb",
            "NCAA Men's Basketball",
            "basketball",
            "mens-college-basketball",
            groups="50",
        ),
        _league(
            "ncaawb",
            "NCAA Women's Basketball",
            "basketball",
            "womens-college-basketball",
            groups="50",
        ),
        _league("mlb", "MLB", "baseball", "mlb"),
        _league("nhl", "NHL", "hockey", "nhl"),
        _league("mls", "MLS", "soccer", "usa.1", month_schedule=True),
        _league("nwsl", "NWSL", "soccer", "usa.nwsl", month_schedule=True),
        _league("epl", "Premier League", "soccer", "eng.1", month_schedule=True),
        _league("efl_championship", "EFL Championship", "soccer", "eng.2", month_schedule=True),
        _league("laliga", "LaLiga", "soccer", "esp.1", month_schedule=True),
        _league("bundesliga", "Bundesliga", "soccer", "ger.1", month_schedule=True),
        _league("serie_a", "Serie A", "soccer", "ita.1", month_schedule=True),
        _league("ligue_1", "Ligue 1", "soccer", "fra.1", month_schedule=True),
        _league("eredivisie", "Eredivisie", "soccer", "ned.1", month_schedule=True),
        _league("liga_mx", "Liga MX", "soccer", "mex.1", month_schedule=True),
        _league("ucl", "UEFA Champions League", "soccer", "uefa.champions", month_schedule=True),
        _league("uel", "UEFA Europa League", "soccer", "uefa.europa", month_schedule=True),
        _league(
            "ncaa_volleyball_w",
            "NCAA Women's Volleyball",
            "volleyball",
            "womens-college-volleyball",
        ),
        _league(
            "ncaa_volleyball_m",
            "NCAA Men's Volleyball",
            "volleyball",
            "mens-college-volleyball",
        ),
    )
}

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


def league_for_slug(slug: str) -> League | None:
    """Return the league whose ESPN path ends with a scoreboard's league slug."""
    for league in LEAGUES.values():
        if league.path.rsplit("/", 1)[1] == slug:
            return league
    return None


def infer_league(payload: Any) -> League:
    """Return the league a scoreboard payload belongs to."""
    try:
        slug = payload["leagues"][0]["slug"]
    except (KeyError, IndexError, TypeError) as err:
        raise ProviderResponseError("payload names no league") from err
    if (league := league_for_slug(str(slug))) is None:
        raise ProviderResponseError(f"unsupported league {slug!r}")
    return league


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
    if phase is Phase.LIVE and sport == "baseball":
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

    Without a match, the first desktop link, else the first link.
    """
    links = [
        link
        for link in data.get("links") or ()
        if isinstance(link, Mapping) and isinstance(link.get("href"), str)
    ]
    for rel in (*preferred, "desktop"):
        for link in links:
            if rel in (link.get("rel") or ()):
                return str(link["href"])
    return str(links[0]["href"]) if links else None


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


def _rank(data: Mapping[str, Any]) -> int | None:
    rank = _int((data.get("curatedRank") or {}).get("current"))
    return rank if rank and rank != UNRANKED else None


def _statistics(data: Mapping[str, Any]) -> dict[str, int | None]:
    return {
        str(stat.get("name")): _int(stat.get("displayValue"))
        for stat in data.get("statistics") or ()
        if isinstance(stat, Mapping)
    }


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
    score = None if phase in _NO_SCORE_PHASES else _int(data.get("score"))
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
    )


def _odds(competition: Mapping[str, Any]) -> Odds | None:
    """Return the first listed line: spread, over/under and the favourite."""
    lines = competition.get("odds")
    if not isinstance(lines, list) or not lines or not isinstance(lines[0], Mapping):
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
    odds = Odds(
        spread=_float(line.get("spread")),
        over_under=_float(line.get("overUnder")),
        favorite=favorite,
    )
    return odds if odds != Odds() else None


def _series(
    competition: Mapping[str, Any], home: Mapping[str, Any], away: Mapping[str, Any]
) -> Series | None:
    series = competition.get("series")
    if not isinstance(series, Mapping):
        return None
    wins = {
        str(entry.get("id")): _int(entry.get("wins"))
        for entry in series.get("competitors") or ()
        if isinstance(entry, Mapping)
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
    hrefs = [logo for logo in logos if isinstance(logo, Mapping) and logo.get("href")]
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


def _situation(competition: Mapping[str, Any]) -> Situation | None:
    data = competition.get("situation")
    if not isinstance(data, Mapping):
        return None
    situation = Situation(
        possession=str(data["possession"]) if data.get("possession") else None,
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
    if not isinstance(venue, Mapping) or not venue.get("fullName"):
        return None
    return Venue(name=str(venue["fullName"]), city=(venue.get("address") or {}).get("city"))


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
) -> Game:
    """Parse one scoreboard or schedule event into a game."""
    competition = event["competitions"][0]
    status = competition.get("status") or event.get("status") or {}
    phase = map_status(status, league.sport, on_unknown)
    sides = {c.get("homeAway"): c for c in competition["competitors"]}
    if set(sides) != {"home", "away"}:
        raise ProviderResponseError(f"event {event.get('id')} lacks a home or away side")
    in_game = phase.in_play or phase in (Phase.DELAYED, Phase.SUSPENDED)
    period = _int(status.get("period"))
    season = event.get("season") or {}
    live = competition.get("situation") if in_game else None
    live = live if isinstance(live, Mapping) else None
    home, away = sides["home"], sides["away"]
    return Game(
        id=str(event["id"]),
        league=league.key,
        sport=league.sport,
        name=str(event.get("name", "")),
        short_name=str(event.get("shortName", "")),
        start=parse_datetime(str(competition.get("date") or event["date"])),
        phase=phase,
        status_detail=str((status.get("type") or {}).get("detail", "")),
        home=_competitor(home, away, Side.HOME, phase=phase, sport=league.sport, situation=live),
        away=_competitor(away, home, Side.AWAY, phase=phase, sport=league.sport, situation=live),
        period=period if period else None,
        clock=str(status["displayClock"]) if in_game and status.get("displayClock") else None,
        venue=_venue(competition),
        broadcasts=_broadcasts(competition),
        situation=_situation(competition) if in_game else None,
        season=_int(season.get("year")) if isinstance(season, Mapping) else None,
        week=week if week is not None else _int((event.get("week") or {}).get("number")),
        url=_link(event, "summary"),
        odds=_odds(competition),
        series=_series(competition, home, away),
    )


def parse_events(
    payload: Any,
    league: League,
    on_unknown: UnknownStatusCallback | None = None,
) -> list[Game]:
    """Parse the events of a scoreboard or team schedule payload.

    A malformed event is skipped with one log line; a payload without an
    event list, or none of whose events parse, raises ProviderResponseError.
    """
    what = f"{league.key} scoreboard"
    events = require(payload, "events", list, what)
    week_info = payload.get("week")
    week = _int(week_info.get("number")) if isinstance(week_info, Mapping) else None
    return parse_each(
        events,
        lambda event: parse_event(event, league, week, on_unknown),
        what=what,
        id_key="id",
        logger=_LOGGER,
    )


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


def espn_day(now: datetime) -> str:
    """Return the ESPN scoreboard day (US Eastern) that holds `now`'s games."""
    return (now.astimezone(ESPN_TZ) - DAY_ROLLOVER).strftime("%Y%m%d")


@dataclass(frozen=True, slots=True)
class _CachedSchedule:
    due: datetime
    """When to ask for this schedule again."""
    games: list[Game] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Validators:
    """What identifies the last body of a URL, for conditional requests."""

    etag: str | None
    last_modified: str | None
    digest: bytes


NOT_MODIFIED: Final = object()
_MAX_AGE = re.compile(r"max-age=(\d+)")


def parse_max_age(cache_control: str | None) -> timedelta | None:
    """Return the max-age of a Cache-Control header, if it has one."""
    if (
        cache_control
        and "no-cache" not in cache_control
        and (match := _MAX_AGE.search(cache_control))
    ):
        return timedelta(seconds=int(match.group(1)))
    return None


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
        self._validators: dict[str, _Validators] = {}
        self._day_games: dict[str, Game] = {}
        self._league_logo: str | None = None
        self._last: Scoreboard | None = None
        self._unknown_statuses: set[str] = set()

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
    ) -> Any:
        """Return a path's JSON, or NOT_MODIFIED when a conditional body is unchanged."""
        url = f"{BASE_URL}/{self.league.path}/{path}"
        key = f"{path}?{sorted((params or {}).items())}"
        known = self._validators.get(key) if conditional else None
        headers: dict[str, str] = {}
        if known and known.etag:
            headers["If-None-Match"] = known.etag
        if known and known.last_modified:
            headers["If-Modified-Since"] = known.last_modified
        try:
            async with self._session.get(
                url, params=params, headers=headers, timeout=REQUEST_TIMEOUT
            ) as response:
                if conditional:
                    self.max_age = parse_max_age(response.headers.get("Cache-Control"))
                if response.status == HTTPStatus.NOT_MODIFIED and known:
                    return NOT_MODIFIED
                if response.status == HTTPStatus.TOO_MANY_REQUESTS:
                    raise ProviderRateLimitedError(
                        f"ESPN answered HTTP 429 for {path}",
                        parse_retry_after(response.headers.get("Retry-After"), datetime.now(UTC)),
                    )
                response.raise_for_status()
                body = await response.read()
                etag = response.headers.get("ETag")
                last_modified = response.headers.get("Last-Modified")
        except aiohttp.ClientResponseError as err:
            raise ProviderConnectionError(f"ESPN answered HTTP {err.status} for {path}") from err
        except (aiohttp.ClientError, TimeoutError) as err:
            raise ProviderConnectionError(f"cannot reach ESPN: {err!r}") from err
        digest = hashlib.blake2b(body, digest_size=16).digest()
        if conditional:
            self._validators[key] = _Validators(etag, last_modified, digest)
            if known and known.digest == digest:
                return NOT_MODIFIED
        try:
            return decode_json(body)
        except ValueError as err:
            raise ProviderResponseError(f"ESPN sent invalid JSON for {path}: {err}") from err

    def _scoreboard_params(self, dates: str) -> dict[str, str]:
        params = {"dates": dates, "limit": str(SCOREBOARD_LIMIT)}
        if self.league.groups:
            params["groups"] = self.league.groups
        return params

    async def async_get_teams(self) -> list[Team]:
        """Return every team of the league, sorted by name."""
        params = {"limit": str(SCOREBOARD_LIMIT)}
        if self.league.groups:
            params["groups"] = self.league.groups
        return parse_teams(await self._get("teams", params))

    async def async_get_scoreboard(self, team_ids: Collection[str], now: datetime) -> Scoreboard:
        """Return today's games, plus every followed team's schedule.

        One scoreboard request serves every followed team. Each followed team's
        schedule (soccer: the league's month board) is fetched at most every
        few hours: a team with no game on today's board gets its games merged
        into ``games``, so its next start time is known; the other teams'
        schedule games go to ``schedule``, for their calendars. A game on
        today's board is taken from it (fresher). When nothing changed (HTTP
        304 or the same body, same schedules) the previous scoreboard object
        is returned as it was.
        """
        params = self._scoreboard_params(espn_day(now))
        payload = await self._get("scoreboard", params, conditional=True)
        changed = payload is not NOT_MODIFIED
        if changed:
            games = parse_events(payload, self.league, self._on_unknown)
            self._day_games = {game.id: game for game in games}
            self._league_logo = parse_league_logo(payload) or self._league_logo
        merged = dict(self._day_games)
        others: dict[str, Game] = {}
        for team_id in team_ids:
            schedule, fetched = await self._async_schedule(team_id, now)
            changed |= fetched
            idle = not any(game.involves(team_id) for game in merged.values())
            target = merged if idle else others
            for game in schedule:
                target.setdefault(game.id, game)
        if not changed and self._last is not None:
            return self._last
        self._last = Scoreboard(
            league=self.league.key,
            fetched_at=now,
            games=_by_start(merged.values()),
            league_logo=self._league_logo,
            schedule=_by_start(game for game in others.values() if game.id not in merged),
        )
        return self._last

    async def _async_schedule(self, team_id: str, now: datetime) -> tuple[list[Game], bool]:
        """Return a team's scheduled games and whether they were fetched now.

        A schedule is asked for once per SCHEDULE_MAX_AGE; a failed request
        keeps what was known and is tried again after SCHEDULE_RETRY (or the
        provider's Retry-After, if longer), not at every refresh.
        """
        if self.league.month_schedule:
            month = now.astimezone(ESPN_TZ).strftime("%Y%m")
            key, path, params = f"month:{month}", "scoreboard", self._scoreboard_params(month)
        else:
            key, path, params = team_id, f"teams/{team_id}/schedule", {}
        cached = self._schedules.get(key)
        fetched = False
        if cached is None or now >= cached.due:
            try:
                payload = await self._get(path, params)
                games = parse_events(payload, self.league, self._on_unknown)
            except ProviderError as err:
                _LOGGER.debug("Schedule for team %s unavailable: %s", team_id, err)
                retry = max(SCHEDULE_RETRY, err.retry_after or SCHEDULE_RETRY)
                cached = _CachedSchedule(due=now + retry, games=cached.games if cached else [])
            else:
                cached = _CachedSchedule(due=now + SCHEDULE_MAX_AGE, games=games)
                fetched = True
                if self.league.month_schedule:  # last month's board is of no more use
                    self._schedules = {k: v for k, v in self._schedules.items() if k == key}
            self._schedules[key] = cached
        return [game for game in cached.games if game.involves(team_id)], fetched


def _by_start(games: Iterable[Game]) -> tuple[Game, ...]:
    return tuple(sorted(games, key=lambda game: game.start))
