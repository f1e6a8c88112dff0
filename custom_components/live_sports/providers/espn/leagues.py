"""ESPN's leagues: the named ones, any other by its ``sport/league`` path, a payload's own.

ESPN addresses every league as ``{sport}/{league}`` under its site API
(``soccer/eng.fa``, ``australian-football/afl``, ``rugby/180659``). The named
leagues are the ones offered by name; any other path is a league too, keyed
``espn_`` and the path's letters and digits (``espn_rugby_267979``), its
sport the path's first part, so polling tempo, breaks and result rules follow
the sport (with a default for a sport without a table of its own).
"""

from __future__ import annotations

from collections.abc import Mapping
import re
from typing import Any, Final

from ..base import League, ProviderResponseError

PATH_PREFIX: Final = "espn_"
"""The key of a league added by its path starts with this."""
_PATH: Final = re.compile(r"^[a-z0-9-]+/[a-z0-9][a-z0-9._-]*$")
_NOT_KEY: Final = re.compile(r"[^a-z0-9]+")
SOCCER: Final = "soccer"
INNINGS_SPORTS: Final = frozenset({"baseball", "softball"})
"""Sports whose "Middle"/"End" of an inning is a break."""
UNKNOWN_SPORT: Final = "other"
"""The sport of a payload that names none we know: the default tempo applies."""
SPORT_IDS: Final[dict[str, str]] = {
    "1": "baseball",
    "20": "football",
    "40": "basketball",
    "70": "hockey",
    "600": SOCCER,
}
"""ESPN's sport ids (the ``s:`` of a ``uid``) seen in recorded payloads."""


def _league(key: str, name: str, path: str, *, sport: str | None = None, **kwargs: Any) -> League:
    sport_part = path.split("/", 1)[0]
    return League(
        key=key,
        name=name,
        sport=sport or sport_part,
        path=path,
        month_schedule=sport_part == SOCCER,
        **kwargs,
    )


LEAGUES: Final[dict[str, League]] = {
    league.key: league
    for league in (
        _league("nfl", "NFL", "football/nfl"),
        _league("ncaaf", "NCAA Football (FBS)", "football/college-football", groups="80"),
        _league("cfl", "CFL", "football/cfl"),
        _league("ufl", "UFL", "football/ufl"),
        _league("nba", "NBA", "basketball/nba"),
        _league("wnba", "WNBA", "basketball/wnba"),
        _league(
            "ncaamb", "NCAA Men's Basketball", "basketball/mens-college-basketball", groups="50"
        ),
        _league(
            "ncaawb",
            "NCAA Women's Basketball",
            "basketball/womens-college-basketball",
            groups="50",
        ),
        _league("mlb", "MLB", "baseball/mlb"),
        _league("nhl", "NHL", "hockey/nhl"),
        _league("mls", "MLS", "soccer/usa.1"),
        _league("nwsl", "NWSL", "soccer/usa.nwsl"),
        _league("epl", "Premier League", "soccer/eng.1"),
        _league("efl_championship", "EFL Championship", "soccer/eng.2"),
        _league("laliga", "LaLiga", "soccer/esp.1"),
        _league("bundesliga", "Bundesliga", "soccer/ger.1"),
        _league("serie_a", "Serie A", "soccer/ita.1"),
        _league("ligue_1", "Ligue 1", "soccer/fra.1"),
        _league("eredivisie", "Eredivisie", "soccer/ned.1"),
        _league("liga_mx", "Liga MX", "soccer/mex.1"),
        _league("ucl", "UEFA Champions League", "soccer/uefa.champions"),
        _league("uel", "UEFA Europa League", "soccer/uefa.europa"),
        _league(
            "ncaa_volleyball_w", "NCAA Women's Volleyball", "volleyball/womens-college-volleyball"
        ),
        _league("ncaa_volleyball_m", "NCAA Men's Volleyball", "volleyball/mens-college-volleyball"),
        # Added with leagues by path; the keys above never change.
        _league("ncaaf_fcs", "NCAA Football (FCS)", "football/college-football", groups="81"),
        _league("ncaa_baseball", "NCAA Baseball", "baseball/college-baseball"),
        _league("ncaa_softball", "NCAA Softball", "baseball/college-softball", sport="softball"),
        _league("ncaa_lacrosse_m", "NCAA Men's Lacrosse", "lacrosse/mens-college-lacrosse"),
        _league("ncaa_lacrosse_w", "NCAA Women's Lacrosse", "lacrosse/womens-college-lacrosse"),
        _league("uecl", "UEFA Conference League", "soccer/uefa.europa.conf"),
        _league("copa_libertadores", "CONMEBOL Libertadores", "soccer/conmebol.libertadores"),
        _league("fa_cup", "FA Cup", "soccer/eng.fa"),
        _league("efl_cup", "EFL Cup", "soccer/eng.league_cup"),
        _league("copa_del_rey", "Copa del Rey", "soccer/esp.copa_del_rey"),
        _league("dfb_pokal", "DFB-Pokal", "soccer/ger.dfb_pokal"),
        _league("coppa_italia", "Coppa Italia", "soccer/ita.coppa_italia"),
        _league("coupe_de_france", "Coupe de France", "soccer/fra.coupe_de_france"),
        _league("fifa_world_cup", "FIFA World Cup", "soccer/fifa.world"),
        _league("fifa_womens_world_cup", "FIFA Women's World Cup", "soccer/fifa.wwc"),
        _league("uefa_euro", "UEFA European Championship", "soccer/uefa.euro"),
        _league("uefa_nations_league", "UEFA Nations League", "soccer/uefa.nations"),
        _league("copa_america", "Copa América", "soccer/conmebol.america"),
        _league("afl", "AFL", "australian-football/afl"),
        _league("nrl", "NRL", "rugby-league/3"),
        _league("six_nations", "Six Nations", "rugby/180659"),
        _league("rugby_world_cup", "Rugby World Cup", "rugby/164205"),
    )
}


def normalize_path(text: str) -> str | None:
    """Return a ``sport/league`` path as ESPN spells it, or None if it is not one.

    Surrounding blanks and slashes go, letters are lowered; a site API URL
    (``…/apis/site/v2/sports/soccer/eng.fa/scoreboard``) gives its path.
    """
    path = text.strip().strip("/").lower()
    if "/sports/" in path:
        path = "/".join(path.split("/sports/", 1)[1].split("/")[:2])
    return path if _PATH.match(path) else None


def path_key(path: str) -> str:
    """Return the key of a league added by its path ("espn_soccer_eng_fa")."""
    return PATH_PREFIX + _NOT_KEY.sub("_", path).strip("_")


def named_league(path: str) -> League | None:
    """Return the named league at an ESPN path, if there is one (the first, if several)."""
    return next((league for league in LEAGUES.values() if league.path == path), None)


def path_league(path: str, name: str | None = None) -> League:
    """Return the league at an ESPN path: the named one, else one built from the path.

    A built league's sport is the path's first part; soccer leagues use the
    month board for fixtures, as the named soccer leagues do.
    """
    if (league := named_league(path)) is not None:
        return league
    return _league(path_key(path), name or path, path)


def is_college(league: League) -> bool:
    """Return True for a college league: its scoreboard lists featured games only."""
    return league.path.split("/", 1)[-1].startswith(("college-", "mens-college", "womens-college"))


def league_slug(league: League) -> str:
    """Return the league part of a league's path, as scoreboards name it ("eng.1")."""
    return league.path.rsplit("/", 1)[-1]


def league_for_slug(slug: str) -> League | None:
    """Return the named league whose ESPN path ends with a scoreboard's league slug."""
    return next((league for league in LEAGUES.values() if league_slug(league) == slug), None)


def league_name(payload: Any) -> str | None:
    """Return the league's own name from a team list or a scoreboard payload."""
    for keys in (("sports", 0, "leagues", 0, "name"), ("leagues", 0, "name")):
        value: Any = payload
        try:
            for key in keys:
                value = value[key]
        except (KeyError, IndexError, TypeError):
            continue
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _sport(info: Mapping[str, Any], payload: Mapping[str, Any]) -> str:
    """Return a scoreboard's sport: from its ``sports`` list, else its league's ``uid``."""
    sports = payload.get("sports")
    first = sports[0] if isinstance(sports, list) and sports else None
    if isinstance(first, Mapping) and (slug := first.get("slug")):
        return str(slug)
    uid = str(info.get("uid", ""))
    sport_id = next((part[2:] for part in uid.split("~") if part.startswith("s:")), "")
    return SPORT_IDS.get(sport_id, UNKNOWN_SPORT)


def infer_league(payload: Any) -> League:
    """Return the league a scoreboard payload belongs to.

    A named league by the payload's league slug, else a league built from the
    payload: its slug, its sport (see ``_sport``) and its own name.
    """
    try:
        info = payload["leagues"][0]
        slug = str(info["slug"]).strip()
    except (KeyError, IndexError, TypeError) as err:
        raise ProviderResponseError("payload names no league") from err
    if (league := league_for_slug(slug)) is not None:
        return league
    path = f"{_sport(info, payload)}/{slug.lower()}"
    if not _PATH.match(path):
        raise ProviderResponseError(f"unsupported league {slug!r}")
    return path_league(path, league_name(payload))
