"""What ESPN says of a game beyond its two sides: odds, series, broadcasts, situation, venue."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...models import KeyEvent, Odds, Series, Side, Situation, Venue
from ..parsing import to_float, to_int
from .leagues import INNINGS_SPORTS


def parse_odds(competition: Mapping[str, Any]) -> Odds | None:
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
        spread=to_float(line.get("spread")),
        over_under=to_float(line.get("overUnder")),
        favorite=favorite,
        details=(details.strip() or None) if isinstance(details, str) else None,
    )
    return odds if odds != Odds() else None


def parse_series(
    competition: Mapping[str, Any], home: Mapping[str, Any], away: Mapping[str, Any]
) -> Series | None:
    """Return the play-off series' wins per side, where ESPN lists them."""
    series = competition.get("series")
    if not isinstance(series, dict):
        return None
    wins = {
        str(entry.get("id")): to_int(entry.get("wins"))
        for entry in series.get("competitors") or ()
        if isinstance(entry, dict)
    }
    home_wins = wins.get(str(home["team"]["id"]), wins.get(str(home.get("id"))))
    away_wins = wins.get(str(away["team"]["id"]), wins.get(str(away.get("id"))))
    if home_wins is None or away_wins is None:
        return None
    return Series(home_wins, away_wins, completed=bool(series.get("completed")))


def parse_broadcasts(competition: Mapping[str, Any]) -> tuple[str, ...]:
    """Return the broadcasters' names, each once, in ESPN's order."""
    names: list[str] = []
    for broadcast in competition.get("broadcasts") or ():
        for name in broadcast.get("names") or ():
            if name not in names:
                names.append(str(name))
    return tuple(names)


def batting_side(
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


def parse_key_events(competition: Mapping[str, Any]) -> tuple[KeyEvent, ...]:
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


def parse_situation(competition: Mapping[str, Any], batting: str | None = None) -> Situation | None:
    """Return the live situation (possession, count, bases, last play); None when empty."""
    data = competition.get("situation")
    if not isinstance(data, dict):
        data = {}
    situation = Situation(
        possession=str(data["possession"]) if data.get("possession") else batting,
        down_distance=data.get("downDistanceText"),
        balls=to_int(data.get("balls")),
        strikes=to_int(data.get("strikes")),
        outs=to_int(data.get("outs")),
        on_first=data.get("onFirst"),
        on_second=data.get("onSecond"),
        on_third=data.get("onThird"),
        last_play=(data.get("lastPlay") or {}).get("text") or None,
    )
    return situation if situation.as_dict() else None


def parse_venue(competition: Mapping[str, Any]) -> Venue | None:
    """Return where the game is played, if ESPN names the place."""
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
