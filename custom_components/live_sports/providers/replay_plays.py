"""The Demo league's plays: who scored, who assisted, who was booked.

Pure functions of a game's id and its minutes, like the games themselves
(``replay.py``): the same game always has the same goals, scorers and cards.
The players are invented: a name drawn from two short lists per club.
"""

from __future__ import annotations

import hashlib
from typing import Final

from ..models import Athlete, Play, PlayKind

GOAL_ODDS: Final = 33
"""One game minute in this many has a goal: about 2.7 a game, as in real soccer."""
CARD_ODDS: Final = 22
"""One game minute in this many has a yellow card (about four a game)."""

_FIRST: Final = (
    "Alex", "Ben", "Carlos", "Dani", "Elio", "Femi", "Gus", "Hugo", "Ivo", "Jon",
    "Kai", "Luca", "Milo", "Nico", "Otto", "Pablo",
)  # fmt: skip
_LAST: Final = (
    "Ashby", "Brook", "Calder", "Dunmore", "Ellery", "Fenwick", "Garrow", "Hollis",
    "Ingram", "Jessop", "Kettley", "Lowther", "Marlow", "Norrell", "Oakes", "Penrose",
)  # fmt: skip
_JERSEYS: Final = (9, 10, 11, 7, 8, 19, 20, 14, 4, 5, 6)
"""A club's eleven, forwards first: the first players score most."""


def _digest(*parts: object) -> bytes:
    return hashlib.sha256(":".join(map(str, parts)).encode()).digest()


def player(team_id: str, number: int) -> Athlete:
    """Return a club's invented player with that place in the eleven."""
    digest = _digest("player", team_id, number)
    first, last = _FIRST[digest[0] % len(_FIRST)], _LAST[digest[1] % len(_LAST)]
    jersey = str(_JERSEYS[number % len(_JERSEYS)])
    return Athlete(
        id=f"demo-{team_id}-{jersey}",
        name=f"{first} {last}",
        short_name=f"{first[0]}. {last}",
        jersey=jersey,
    )


def goal_side(game_id: str, minute: int) -> str | None:
    """Return which side scores in a game minute, if any (deterministic)."""
    digest = _digest(game_id, minute)
    if digest[0] % GOAL_ODDS:
        return None
    return "home" if digest[1] % 2 else "away"


def _scorer_place(value: int) -> int:
    """Return a place in the eleven, forwards far more often than defenders."""
    return min(value % 16, value % 11, value % 7)


def game_plays(
    game_id: str, home_id: str, away_id: str, minute: int, half_minutes: int
) -> tuple[Play, ...]:
    """Return a Demo game's goals and cards up to a minute, in order."""
    plays: list[Play] = []
    score = {"home": 0, "away": 0}
    teams = {"home": home_id, "away": away_id}
    for now in range(1, minute + 1):
        period = 1 if now <= half_minutes else 2
        if side := goal_side(game_id, now):
            digest = _digest(game_id, now, "goal")
            kind = PlayKind.GOAL
            if digest[0] % 25 == 0:
                kind = PlayKind.OWN_GOAL
            elif digest[0] % 8 == 0:
                kind = PlayKind.PENALTY_GOAL
            other = "away" if side == "home" else "home"
            scorer_team = teams[other] if kind is PlayKind.OWN_GOAL else teams[side]
            scorer = player(scorer_team, _scorer_place(digest[1]))
            assist = player(teams[side], _scorer_place(digest[2]) + 1)
            with_assist = kind is PlayKind.GOAL and digest[3] % 10 < 7 and assist != scorer
            score[side] += 1
            plays.append(
                Play(
                    id=f"{game_id}-{now}-goal",
                    kind=kind,
                    team_id=teams[side],
                    period=period,
                    clock=f"{now}'",
                    scorer=scorer,
                    assists=(assist,) if with_assist else (),
                    points=1,
                    home_score=score["home"],
                    away_score=score["away"],
                )
            )
        digest = _digest(game_id, now, "card")
        if digest[0] % CARD_ODDS == 0 or (digest[0] == 1 and digest[1] < 40):
            side = "home" if digest[2] % 2 else "away"
            red = digest[0] == 1
            plays.append(
                Play(
                    id=f"{game_id}-{now}-card",
                    kind=PlayKind.RED_CARD if red else PlayKind.YELLOW_CARD,
                    team_id=teams[side],
                    period=period,
                    clock=f"{now}'",
                    scorer=player(teams[side], digest[3] % 11),
                    home_score=score["home"],
                    away_score=score["away"],
                )
            )
    return tuple(plays)
