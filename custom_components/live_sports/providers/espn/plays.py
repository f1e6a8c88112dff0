"""ESPN's soccer ``details``, parsed into plays: goals, cards, shoot-out kicks.

Pure: a competition's JSON in, plays out. ESPN gives a detail no id, so a
play's id is derived from what never changes about it (its type, its clock in
seconds, its team and its first player): the same play has the same id on
every board. The score after each goal is counted along the list, which ESPN
keeps in order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
import hashlib
from typing import Any, Final

from ...models import Athlete, Play, PlayKind

PLAY_TYPE: Final = "play type"
"""What an unknown play type is told as, beside unknown statuses (their state)."""
_HALF: Final = 45 * 60
_EXTRA_HALF: Final = 15 * 60


def _athlete(data: Any) -> Athlete | None:
    if not isinstance(data, dict) or not data.get("displayName"):
        return None
    athlete_id = data.get("id")
    short, jersey = data.get("shortName"), data.get("jersey")
    return Athlete(
        id=str(athlete_id) if athlete_id is not None else None,
        name=str(data["displayName"]),
        short_name=str(short) if short else None,
        jersey=str(jersey) if jersey else None,
    )


def detail_kind(detail: Mapping[str, Any], unknown: set[str]) -> PlayKind | None:
    """Return a detail's kind, None for what is no play; an unknown type is ``other``.

    `unknown` collects the type texts mapped to ``other``, so the caller logs
    each once.
    """
    text = str((detail.get("type") or {}).get("text") or "")
    lowered = text.casefold()
    if detail.get("shootout"):
        return PlayKind.SHOOTOUT_GOAL if detail.get("scoringPlay") else PlayKind.SHOOTOUT_MISS
    if detail.get("redCard") or "red card" in lowered:
        return PlayKind.RED_CARD
    if detail.get("yellowCard") or "yellow card" in lowered:
        return PlayKind.YELLOW_CARD
    if detail.get("ownGoal"):
        return PlayKind.OWN_GOAL
    if detail.get("scoringPlay"):
        return PlayKind.PENALTY_GOAL if detail.get("penaltyKick") else PlayKind.GOAL
    if text:
        unknown.add(text)
        return PlayKind.OTHER
    return None


def _period(seconds: float | None, kind: PlayKind) -> int | None:
    """Return the half (1, 2), extra-time half (3, 4) or shoot-out (5) of a clock."""
    if kind.in_shootout:
        return 5
    if seconds is None:
        return None
    for period, end in enumerate((_HALF, 2 * _HALF, 2 * _HALF + _EXTRA_HALF), start=1):
        if seconds <= end:
            return period
    return 4


def play_id(game_id: str, detail: Mapping[str, Any], first: Athlete | None) -> str:
    """Return the stable id of a detail: the same play always has the same id."""
    key = ":".join(
        str(part)
        for part in (
            game_id,
            (detail.get("type") or {}).get("id"),
            (detail.get("clock") or {}).get("value"),
            (detail.get("team") or {}).get("id"),
            first.id if first else None,
        )
    )
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def parse_details(
    game_id: str,
    competition: Mapping[str, Any],
    home_id: str,
    away_id: str,
    on_unknown: Callable[[str], None] | None = None,
) -> tuple[Play, ...]:
    """Return the plays of a soccer competition's ``details``, in order.

    `on_unknown` is told each detail type mapped to ``other`` (the provider
    logs each once).
    """
    plays: list[Play] = []
    scores = {home_id: 0, away_id: 0}
    unknown: set[str] = set()
    for detail in competition.get("details") or ():
        if not isinstance(detail, dict) or (kind := detail_kind(detail, unknown)) is None:
            continue
        athletes = [
            athlete
            for athlete in map(_athlete, detail.get("athletesInvolved") or ())
            if athlete is not None
        ]
        clock = detail.get("clock") or {}
        seconds = clock.get("value")
        team = (detail.get("team") or {}).get("id")
        team_id = str(team) if team is not None else None
        points = 1 if kind in (PlayKind.GOAL, PlayKind.PENALTY_GOAL, PlayKind.OWN_GOAL) else 0
        if kind is PlayKind.SHOOTOUT_GOAL:
            points = 1
        if points and not kind.in_shootout and team_id in scores:
            scores[team_id] += 1
        first = athletes[0] if athletes else None
        plays.append(
            Play(
                id=play_id(game_id, detail, first),
                kind=kind,
                team_id=team_id,
                period=_period(float(seconds) if isinstance(seconds, int | float) else None, kind),
                clock=str(clock["displayValue"]) if clock.get("displayValue") else None,
                scorer=first,
                assists=tuple(athletes[1:]) if not kind.is_card else (),
                points=points,
                home_score=scores[home_id],
                away_score=scores[away_id],
            )
        )
    if on_unknown is not None:
        for text in sorted(unknown):
            on_unknown(text)
    return tuple(plays)
