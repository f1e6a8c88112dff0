"""The NHL web API's goals, parsed into plays: scorer, assists, strength, shot type.

Pure. A game of ``score/{date}`` lists its ``goals``; a gamecenter landing
lists them by period (``summary.scoring[].goals``): the same goal object,
with the scorer (``playerId``, ``name``, first and last name), its
``assists``, ``strength`` (``ev``, ``pp``, ``sh``), ``shotType``,
``goalModifier`` (an empty net, a penalty shot) and the score after it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

from ..models import Athlete, Play, PlayKind
from .parsing import mapping, text, to_int

STRENGTHS: Final = {"ev": None, "pp": "PPG", "sh": "SHG"}
"""How a report marks a goal's strength (even strength: nothing)."""


def _name(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    return text(value.get("default")) if isinstance(value, Mapping) else text(value)


def _athlete(data: Any) -> Athlete | None:
    if not isinstance(data, Mapping):
        return None
    short = _name(data, "name")
    first, last = _name(data, "firstName"), _name(data, "lastName")
    full = " ".join(part for part in (first, last) if part) or short
    if full is None:
        return None
    player = data.get("playerId")
    return Athlete(
        id=str(player) if player is not None else None,
        name=full,
        short_name=short,
        jersey=text(data.get("sweaterNumber")),
    )


def parse_goals(
    game_id: str,
    goals: Iterable[Any],
    home: tuple[str, str],
    away: tuple[str, str],
) -> tuple[Play, ...]:
    """Return a game's goals as plays; `home` and `away` are (team id, abbreviation)."""
    plays: list[Play] = []
    total = 0
    for goal in goals:
        if not isinstance(goal, Mapping):
            continue
        home_score, away_score = to_int(goal.get("homeScore")), to_int(goal.get("awayScore"))
        descriptor = mapping(goal.get("periodDescriptor"))
        period = to_int(descriptor.get("number")) or to_int(goal.get("period"))
        abbreviation = _name(goal, "teamAbbrev")
        is_home = goal.get("isHome")
        if is_home is None:
            is_home = abbreviation == home[1] if abbreviation else None
        team = None if is_home is None else (home[0] if is_home else away[0])
        shootout = descriptor.get("periodType") == "SO"
        after = (home_score or 0) + (away_score or 0)
        event = goal.get("eventId")
        key = event if event is not None else f"{period}-{goal.get('timeInPeriod')}"
        plays.append(
            Play(
                id=f"{game_id}-{key}",
                kind=PlayKind.SHOOTOUT_GOAL if shootout else PlayKind.GOAL,
                team_id=team,
                period=period,
                clock=text(goal.get("timeInPeriod")),
                scorer=_athlete(goal),
                assists=tuple(
                    athlete
                    for athlete in map(_athlete, goal.get("assists") or ())
                    if athlete is not None
                ),
                points=0 if shootout else max(0, after - total),
                home_score=home_score,
                away_score=away_score,
                strength=STRENGTHS.get(str(goal.get("strength")), None),
                shot_type=text(goal.get("shotType")),
            )
        )
        if not shootout:
            total = after
    return tuple(plays)


def landing_goals(landing: Mapping[str, Any]) -> list[Any]:
    """Return a gamecenter landing's goals, each with its period's descriptor."""
    goals: list[Any] = []
    for period in mapping(landing.get("summary")).get("scoring") or ():
        if isinstance(period, Mapping):
            descriptor = period.get("periodDescriptor")
            goals.extend(
                {**goal, "periodDescriptor": descriptor}
                for goal in period.get("goals") or ()
                if isinstance(goal, Mapping)
            )
    return goals
