"""ESPN's league tables (`apis/v2/sports/{sport}/{league}/standings`), parsed and fetched.

The site API's standings path answers only a link; the table lives on the v2
API. Its groups are `children[]` (conferences, a league phase, the one season
table of a soccer league), each with `standings.entries[]`: the team, its
`stats[]` by name, and a zone `note` (colour, label, rank). A league with no
table (a knockout tournament, MMA) answers no groups: `NoStandingsError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from http import HTTPStatus
from typing import Any, Final

import aiohttp

from ...standings import Clinch, LeagueStandings, StandingsGroup, StandingsRow, Zone
from ..base import League, NoStandingsError, ProviderResponseError
from ..http import async_get_json
from ..parsing import PARSE_ERRORS
from .competitors import parse_team

STANDINGS_URL: Final = "https://site.api.espn.com/apis/v2/sports/{path}/standings"
CLINCH_MARKS: Final = {
    "z": Clinch.TOP_SEED,
    "y": Clinch.DIVISION,
    "x": Clinch.PLAYOFF_SPOT,
    "xp": Clinch.PLAYOFF_SPOT,
    "pb": Clinch.PLAY_IN,
    "e": Clinch.ELIMINATED,
    "*": Clinch.TITLE,
    "c": Clinch.TITLE,
    "r": Clinch.RELEGATED,
}
"""ESPN's clinch letters: NBA and NHL legends (z best record in the conference,
y division, x playoffs, xp playoffs through the play-in, pb play-in, e out)."""
AFTER_FINAL: Final = timedelta(minutes=10)
"""ESPN's table follows a final by a few minutes."""
MAX_AGE: Final = timedelta(hours=6)
"""A table is asked for again after this long (and after a followed team's final)."""


def _stats(entry: Mapping[str, Any]) -> dict[str, Any]:
    """Return an entry's stats by name: the number, or the text where there is none."""
    stats: dict[str, Any] = {}
    for stat in entry.get("stats") or ():
        name = stat.get("name") or stat.get("type")
        value = stat.get("value")
        stats[str(name)] = value if value is not None else stat.get("displayValue")
        if name in ("streak", "clincher"):
            stats[f"{name}_text"] = stat.get("displayValue")
    return stats


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _whole(value: Any) -> int | None:
    number = _number(value)
    return int(number) if number is not None else None


def _zone(entry: Mapping[str, Any]) -> Zone | None:
    note = entry.get("note")
    if not isinstance(note, Mapping) or not note.get("description"):
        return None
    color = note.get("color")
    return Zone(str(note["description"]), str(color).removeprefix("#") if color else None)


def _row(entry: Mapping[str, Any], index: int) -> StandingsRow:
    stats = _stats(entry)
    mark = stats.get("clincher_text") or None
    rank = _whole(stats.get("rank")) or _whole(stats.get("playoffSeed")) or index + 1
    games_behind = _number(stats.get("gamesBehind"))
    played = _whole(stats.get("gamesPlayed"))
    wins, losses, draws = (_whole(stats.get(key)) for key in ("wins", "losses", "ties"))
    if played is None and wins is not None and losses is not None:
        played = wins + losses + (draws or 0)
    return StandingsRow(
        team=parse_team(entry["team"]),
        rank=rank,
        played=played,
        wins=wins,
        losses=losses,
        draws=draws,
        points=_number(stats.get("points")),
        points_for=_number(stats.get("pointsFor")),
        points_against=_number(stats.get("pointsAgainst")),
        difference=_number(stats.get("pointDifferential")),
        win_percent=_number(stats.get("winPercent")),
        games_behind=games_behind,
        streak=stats.get("streak_text") or None,
        seed=_whole(stats.get("playoffSeed")),
        clinch=CLINCH_MARKS.get(mark, Clinch.CLINCHED) if mark else None,
        clinch_mark=mark,
        zone=_zone(entry),
    )


def _group(node: Mapping[str, Any]) -> StandingsGroup | None:
    entries = (node.get("standings") or {}).get("entries") or ()
    rows: list[StandingsRow] = []
    for index, entry in enumerate(entries):
        try:
            rows.append(_row(entry, index))
        except PARSE_ERRORS:
            continue  # a malformed line costs that line, never the table
    if not rows:
        return None
    name = node.get("name") or node.get("abbreviation") or ""
    return StandingsGroup(str(name), tuple(sorted(rows, key=lambda row: row.rank)))


def _nodes(payload: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """Return the nodes holding a table: the leaves of `children`, or the payload itself."""
    children = payload.get("children")
    if not children:
        return [payload] if payload.get("standings") else []
    return [leaf for child in children for leaf in _nodes(child)]


def parse_standings(payload: Any, league: str, now: datetime) -> LeagueStandings:
    """Parse an ESPN standings payload; NoStandingsError when it holds no table."""
    if not isinstance(payload, Mapping):
        raise ProviderResponseError("ESPN standings: not an object")
    groups = tuple(group for node in _nodes(payload) if (group := _group(node)) is not None)
    if not groups:
        raise NoStandingsError(f"ESPN keeps no table for {league}")
    children: list[Any] = payload.get("children") or []
    # One table (a soccer season, a league phase) is named for its season.
    season = children[0].get("abbreviation") if len(children) == 1 else None
    return LeagueStandings(
        league=league, fetched_at=now, groups=groups, season=str(season) if season else None
    )


class EspnStandings:
    """Fetch one ESPN league's table: one request for all its groups."""

    after_final = AFTER_FINAL
    max_age = MAX_AGE
    keeps_table = True

    def __init__(self, session: aiohttp.ClientSession, league: League) -> None:
        """Initialize for one league."""
        self._session = session
        self.league = league

    async def async_get_standings(self, now: datetime) -> LeagueStandings:
        """Return the league's table (NoStandingsError if ESPN keeps none)."""

        def no_table(status: int) -> NoStandingsError:
            return NoStandingsError(f"ESPN answered HTTP {status} for {self.league.path}")

        response = await async_get_json(
            self._session,
            STANDINGS_URL.format(path=self.league.path),
            name="ESPN",
            errors={HTTPStatus.BAD_REQUEST: no_table, HTTPStatus.NOT_FOUND: no_table},
            what="standings",
        )
        return parse_standings(response.payload, self.league.key, now)
