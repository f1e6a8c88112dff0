"""What ESPN's boards of athletes share: whose board a payload is, and its events.

MMA, racing, tennis and golf boards differ in what an event holds (bouts,
sessions, draws of matches, a leaderboard), not in how they are read around
it: a scoreboard names its league by slug, a recording of one event only by
its ``uid``; a payload is a scoreboard of events or is itself one event. Each
sport's parser says only what is its own (its leagues, its ids, the key an
event of its has) and calls these. Pure functions, JSON in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
import logging
from typing import Any, Protocol

from ..base import League, ProviderResponseError
from ..parsing import entry_id, items, mapping, parse_each_item


class _Starting(Protocol):
    @property
    def start(self) -> datetime: ...


def board_league(
    payload: Any, leagues: Iterable[League], *, sport_id: str, league_ids: Mapping[str, League]
) -> League | None:
    """Return which of ``leagues`` a payload belongs to, or None if it is none of theirs.

    A scoreboard lists its league under ``leagues`` by slug: the end of the
    league's path ("ufc" of "mma/ufc"). A recording of one event has no
    ``leagues``, only its ``uid`` ("s:3301~l:3321~e:…"): ESPN's id of the sport
    (``sport_id``) and of the league, which ``league_ids`` maps to ours.
    """
    slugs = {league.path.rsplit("/", 1)[1]: league for league in leagues}
    for info in items(mapping(payload).get("leagues")):
        if (league := slugs.get(str(mapping(info).get("slug", "")))) is not None:
            return league
    uid = str(mapping(payload).get("uid", ""))
    if uid.startswith(f"s:{sport_id}~"):
        return league_ids.get(uid.split("~")[1].removeprefix("l:"))
    return None


def board_events(
    payload: Any, board: str, *, event_keys: tuple[str, ...] = ("competitions",)
) -> list[Any]:
    """Return the events of a scoreboard, or the one event a payload is.

    A payload holding any of ``event_keys`` is one event (a recording, or an
    event fetched alone); else it must list its ``events``. Anything else is
    no board of this sport: raise ProviderResponseError naming it
    ("MMA board has no events"): an answer not understood, not a day without events.
    """
    if isinstance(payload, Mapping):
        if any(key in payload for key in event_keys):
            return [payload]
        if isinstance(payload.get("events"), list):
            return list(payload["events"])
    raise ProviderResponseError(f"{board} board has no events")


def event_competitions(
    events: Iterable[Any],
) -> Iterator[tuple[Mapping[str, Any], Mapping[str, Any]]]:
    """Yield each competition of each event with its event (a bout with its card).

    A competition names only itself; what it is part of (the card's name, the
    race weekend's) is read from its event, so the two travel together.
    """
    for event in map(mapping, events):
        for competition in map(mapping, items(event.get("competitions"))):
            yield competition, event


def parse_competitions[E: tuple[Any, ...], T: _Starting](
    entries: Iterable[E],
    parse: Callable[[E], T],
    *,
    league: League,
    kind: str,
    logger: logging.Logger,
) -> tuple[T, ...]:
    """Parse each competition (first of its entry, its event and more after it), by start.

    A malformed one is skipped with one log line naming it by its id
    (``parse_each_item``): a bout, a session, a match of a draw.
    """
    parsed = parse_each_item(
        entries,
        parse,
        what=f"{league.key} scoreboard",
        kind=kind,
        ident=lambda entry: entry_id(entry[0]),
        logger=logger,
    )
    return tuple(sorted(parsed, key=lambda item: item.start))
