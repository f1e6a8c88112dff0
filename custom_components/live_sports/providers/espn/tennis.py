"""ESPN's tennis boards, parsed: pure functions, JSON in, two-sided ``Game``s out.

A tennis scoreboard (``tennis/{atp|wta}/scoreboard``) lists the tournaments of
the day; each holds its matches in ``groupings`` (one per draw: men's singles,
women's doubles …; a recording of one event may hold them in
``competitions``). A match is a game between two athletes, or two pairs whose
id joins the athletes' ids ("3340-10044"): a followed athlete's doubles match
is theirs too (``Competitor.members``). Sets are ``linescores`` (games, and
``tiebreak`` points); a retirement or a walkover is a final with a winner.
"""

from __future__ import annotations

from collections.abc import Mapping
import logging
import re
from typing import Any, Final

from ...models import Competitor, Game, Phase, Side, Team, Venue
from ..base import League
from ..parsing import (
    UnknownStatusCallback,
    items,
    mapping,
    parse_utc,
    text,
    to_int,
)
from .athlete_boards import board_events, board_league, parse_competitions
from .parse import map_status

_LOGGER = logging.getLogger(__name__)

TENNIS: Final = "tennis"
TENNIS_LEAGUES: Final[dict[str, League]] = {
    league.key: league
    for league in (
        League(key="atp", name="ATP", sport=TENNIS, path="tennis/atp"),
        League(key="wta", name="WTA", sport=TENNIS, path="tennis/wta"),
    )
}
_LEAGUE_IDS: Final = {"851": TENNIS_LEAGUES["atp"], "900": TENNIS_LEAGUES["wta"]}
"""ESPN's league ids (the ``l:`` of a uid), for a recording of one event."""
_STATUSES: Final = {
    "STATUS_RETIRED": Phase.FINAL,
    "STATUS_WALKOVER": Phase.FINAL,
}
"""Tennis's own ends: a retirement and a walkover are finals with a winner."""
_PAIR: Final = re.compile(r"^(-?\d+)-(-?\d+)$")


def tennis_league(payload: Any) -> League | None:
    """Return the tour a payload belongs to, or None if it is no tennis board."""
    return board_league(payload, TENNIS_LEAGUES.values(), sport_id="850", league_ids=_LEAGUE_IDS)


def _matches(event: Mapping[str, Any]) -> list[tuple[Mapping[str, Any], str | None]]:
    """Return the event's matches, each with the name of its draw."""
    found = [
        (mapping(match), text(mapping(grouping.get("grouping")).get("displayName")))
        for grouping in map(mapping, items(event.get("groupings")))
        for match in items(grouping.get("competitions"))
    ]
    found += [(mapping(match), None) for match in items(event.get("competitions"))]
    return found


def parse_tennis_board(
    payload: Any, league: League, on_unknown: UnknownStatusCallback | None = None
) -> tuple[Game, ...]:
    """Parse a tennis board (or one tournament) into its matches; skip a malformed one."""
    events = board_events(payload, "tennis", event_keys=("groupings", "competitions"))
    matches = (
        (match, event, draw) for event in map(mapping, events) for match, draw in _matches(event)
    )
    return parse_competitions(
        matches,
        lambda entry: parse_match(*entry, league, on_unknown),
        league=league,
        kind="match",
        logger=_LOGGER,
    )


def parse_match(
    match: Mapping[str, Any],
    event: Mapping[str, Any],
    draw: str | None,
    league: League,
    on_unknown: UnknownStatusCallback | None = None,
) -> Game:
    """Parse one match: two athletes or pairs, their sets, the winner."""
    status = mapping(match.get("status"))
    status_type = mapping(status.get("type"))
    phase = _STATUSES.get(str(status_type.get("name", ""))) or map_status(
        status, TENNIS, on_unknown
    )
    sides = {}
    for index, data in enumerate(map(mapping, items(match["competitors"]))):
        where = str(data.get("homeAway") or "")
        side = Side(where) if where in ("home", "away") else (Side.HOME, Side.AWAY)[index]
        sides[side] = data
    home, away = sides[Side.HOME], sides[Side.AWAY]
    home_side, away_side = _competitor(home, away, phase), _competitor(away, home, phase)
    venue = mapping(match.get("venue"))
    place = text(venue.get("court")) or text(venue.get("fullName"))
    draw = draw or text(mapping(match.get("type")).get("text"))
    round_name = text(mapping(match.get("round")).get("displayName"))
    return Game(
        id=str(match["id"]),
        league=league.key,
        sport=TENNIS,
        name=f"{home_side.team.name} vs {away_side.team.name}",
        short_name=f"{home_side.team.short_name} vs {away_side.team.short_name}",
        start=parse_utc(match.get("startDate") or match["date"]),
        phase=phase,
        status_detail=str(status_type.get("detail") or ""),
        status_short=text(status_type.get("shortDetail")),
        home=home_side,
        away=away_side,
        period=to_int(status.get("period")) if phase is not Phase.SCHEDULED else None,
        venue=Venue(name=place, city=text(venue.get("displayName"))) if place else None,
        competition=" — ".join(part for part in (text(event.get("name")), draw, round_name) if part)
        or None,
    )


def _team(data: Mapping[str, Any]) -> tuple[Team, tuple[str, ...]]:
    """Return the athlete (or the pair) as a team, and a pair's athletes' ids."""
    ident = str(data["id"])
    athlete = mapping(data.get("athlete")) or mapping(data.get("roster"))
    name = str(athlete.get("displayName") or athlete.get("fullName") or ident)
    short = str(athlete.get("shortName") or athlete.get("shortDisplayName") or name)
    flag = mapping(athlete.get("flag"))
    members = _PAIR.match(ident)
    team = Team(
        id=ident, abbreviation=short, name=name, short_name=short, logo=text(flag.get("href"))
    )
    return team, (members.groups() if members and data.get("type") == "team" else ())


def _sets(data: Mapping[str, Any]) -> tuple[tuple[int, ...], tuple[int | None, ...]]:
    lines = [mapping(line) for line in items(data.get("linescores"))]
    games = tuple(to_int(line.get("value")) or 0 for line in lines)
    return games, tuple(to_int(line.get("tiebreak")) for line in lines)


def _sets_won(own: tuple[int, ...], other: tuple[int, ...], data: Mapping[str, Any]) -> int:
    """Return the sets a side won: ESPN's winner flags, else each finished set's games."""
    flags = [mapping(line).get("winner") for line in items(data.get("linescores"))]
    if any(flag is not None for flag in flags):
        return sum(1 for flag in flags if flag is True)
    won = 0
    for mine, theirs in zip(own, other, strict=False):
        done = max(mine, theirs) >= 6 and (abs(mine - theirs) >= 2 or max(mine, theirs) == 7)
        won += done and mine > theirs
    return won


def _competitor(data: Mapping[str, Any], other: Mapping[str, Any], phase: Phase) -> Competitor:
    team, members = _team(data)
    games, tiebreaks = _sets(data)
    other_games, _ = _sets(other)
    played = phase is not Phase.SCHEDULED
    winner = data.get("winner")
    sets_won = _sets_won(games, other_games, data) if played else None
    return Competitor(
        team=team,
        score=sets_won,
        sets_won=sets_won,
        winner=winner if isinstance(winner, bool) and phase is Phase.FINAL else None,
        rank=to_int(data.get("tournamentSeed")),
        set_scores=games if played else (),
        tiebreaks=tiebreaks if played and any(t is not None for t in tiebreaks) else (),
        members=members,
    )
