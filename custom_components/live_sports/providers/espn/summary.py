"""ESPN's game summary: the scoring plays of football, hockey, basketball, baseball.

``summary?event={id}`` lists a game's scoring plays (``scoringPlays`` in
football and hockey; ``plays`` marked ``scoringPlay`` in basketball and
baseball), each with ESPN's own id, the score after it and its text. Soccer
needs none of it: its board's ``details`` carry the goals and cards.

It costs a request per game, so it is asked only for a followed game, only
when the board shows its score changed, and once more when the board shows it
final (`SummaryWatch`): at most its scoring changes plus one. The client asks
beside the live refresh and never waits for it: the plays join the game on
the refresh after they arrive.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping
from dataclasses import replace
import logging
from typing import Any, Final

from ...models import Athlete, Game, Phase, Play, PlayKind
from ..base import ProviderError, start_background
from ..parsing import PARSE_ERRORS, text, to_int

_LOGGER = logging.getLogger(__name__)

SUMMARY_SPORTS: Final = frozenset({"football", "hockey", "basketball", "baseball"})
"""The sports whose plays only the summary has."""

_FOOTBALL: Final = {
    "touchdown": PlayKind.TOUCHDOWN,
    "field-goal": PlayKind.FIELD_GOAL,
    "safety": PlayKind.SAFETY,
    "two-point-conversion": PlayKind.TWO_POINT,
    "extra-point": PlayKind.EXTRA_POINT,
}
_AGAIN: Final = ("again",)


def _kind(sport: str, play: Mapping[str, Any]) -> PlayKind:
    label = str((play.get("type") or {}).get("text") or "").casefold()
    if sport == "football":
        name = str((play.get("scoringType") or {}).get("name") or "")
        return _FOOTBALL.get(name, PlayKind.OTHER)
    if sport == "hockey":
        return PlayKind.SHOOTOUT_GOAL if "shootout" in label else PlayKind.GOAL
    if sport == "baseball":
        return PlayKind.HOME_RUN if "home run" in label else PlayKind.RUN
    return PlayKind.BASKET


def _athlete(data: Any) -> Athlete | None:
    athlete = data.get("athlete") if isinstance(data, dict) else None
    if not isinstance(athlete, dict) or not (name := text(athlete.get("displayName"))):
        return None
    return Athlete(
        id=text(athlete.get("id")),
        name=name,
        short_name=text(athlete.get("shortName")),
        jersey=text(athlete.get("jersey")),
    )


def parse_summary(payload: Any, sport: str) -> tuple[Play, ...]:
    """Return a summary's scoring plays in order, with the score after each."""
    if not isinstance(payload, dict):
        return ()
    entries = payload.get("scoringPlays")
    if not isinstance(entries, list):
        entries = [
            p for p in payload.get("plays") or () if isinstance(p, dict) and p.get("scoringPlay")
        ]
    plays: list[Play] = []
    total = 0
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("id") is None:
            continue
        home, away = to_int(entry.get("homeScore")), to_int(entry.get("awayScore"))
        after = (home or 0) + (away or 0)
        people = [p for p in entry.get("participants") or () if isinstance(p, dict)]
        athletes = [a for a in map(_athlete, people) if a is not None]
        team = (entry.get("team") or {}).get("id")
        plays.append(
            Play(
                id=str(entry["id"]),
                kind=_kind(sport, entry),
                team_id=str(team) if team is not None else None,
                period=to_int((entry.get("period") or {}).get("number")),
                clock=text((entry.get("clock") or {}).get("displayValue")),
                scorer=athletes[0] if athletes else None,
                assists=tuple(athletes[1:]),
                points=max(0, after - total),
                home_score=home,
                away_score=away,
                text=text(entry.get("text")),
            )
        )
        total = after
    return tuple(plays)


class SummaryWatch:
    """Which followed games' summaries are due at a board: pure, no I/O.

    A game is due when the board shows its score changed since it was last
    asked (or first seen), and once when the board first shows it final. A
    game first seen is only remembered: its plays so far fire nothing.
    """

    def __init__(self) -> None:
        """Start with no game seen."""
        self._asked: dict[str, tuple[Any, ...]] = {}

    def due(self, games: Iterable[Game], team_ids: Collection[str]) -> list[Game]:
        """Return the followed games whose summary to ask for now."""
        due: list[Game] = []
        seen: dict[str, tuple[Any, ...]] = {}
        for game in games:
            followed = game.home.team.id in team_ids or game.away.team.id in team_ids
            if not followed or not (game.phase.in_play or game.phase is Phase.FINAL):
                continue
            key = (game.home.score, game.away.score, game.phase is Phase.FINAL)
            before = self._asked.get(game.id)
            seen[game.id] = key
            if before is not None and before != key:
                due.append(game)
        self._asked = seen
        return due

    def again(self, game_id: str) -> None:
        """Ask for a game's summary at the next board (it could not be asked now)."""
        if game_id in self._asked:
            self._asked[game_id] = _AGAIN


class Summaries:
    """The summaries asked beside the live refresh, and the plays they brought.

    `ask` starts the due requests and returns at once; `take`, at the next
    refresh, collects what arrived; `attach` puts each game's plays on it.
    A failed request is logged and not repeated until the next score change.
    """

    def __init__(self, fetch: Callable[[str], Awaitable[Any]], sport: str) -> None:
        """Fetch a game's summary with `fetch(game_id)`."""
        self._fetch = fetch
        self._sport = sport
        self._watch = SummaryWatch()
        self._tasks: dict[str, asyncio.Task[tuple[Play, ...] | None]] = {}
        self._plays: dict[str, tuple[Play, ...]] = {}
        self.requests = 0
        """Summary requests made so far."""

    def take(self) -> bool:
        """Collect the summaries answered since the last refresh; True if plays changed."""
        changed = False
        for game_id, task in list(self._tasks.items()):
            if not task.done():
                continue
            del self._tasks[game_id]
            error = "cancelled" if task.cancelled() else task.exception()
            if error is not None:
                # Whatever went wrong, the board goes on: no plays from this one.
                _LOGGER.debug("No summary of game %s: %r", game_id, error)
                continue
            plays = task.result()
            if plays is not None and plays != self._plays.get(game_id):
                self._plays[game_id] = plays
                changed = True
        return changed

    def attach(self, games: Iterable[Game]) -> tuple[Game, ...]:
        """Return the games, each with the plays its summary gave (if the board has none)."""
        return tuple(
            replace(game, plays=plays)
            if (plays := self._plays.get(game.id)) and not game.plays
            else game
            for game in games
        )

    def ask(self, games: Iterable[Game], team_ids: Collection[str]) -> None:
        """Start the requests the board makes due; never wait for them."""
        if self._sport not in SUMMARY_SPORTS:
            return
        games = tuple(games)
        for game in self._watch.due(games, team_ids):
            if game.id in self._tasks:  # still asking: ask again at the next board
                self._watch.again(game.id)
                continue
            self.requests += 1
            self._tasks[game.id] = start_background(self._async_get(game.id))
        shown = {game.id for game in games}
        self._plays = {key: plays for key, plays in self._plays.items() if key in shown}

    async def _async_get(self, game_id: str) -> tuple[Play, ...] | None:
        try:
            return parse_summary(await self._fetch(game_id), self._sport)
        except (ProviderError, *PARSE_ERRORS) as err:
            _LOGGER.debug("No summary of game %s: %s", game_id, err)
            return None
