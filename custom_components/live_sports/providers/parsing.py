"""What every provider's parser shares: coercion, times, and one item at a time.

A payload is a list of items: games, or a sport's own (bouts, matches, golf
events, racing sessions). One malformed item is skipped with one log line and
never costs the good ones; a payload none of whose items parse, or whose
overall shape is wrong, raises ``ProviderResponseError``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
import logging
from typing import Any, Final

import orjson

from ..models import Game, Phase, Team
from .base import ProviderResponseError

type UnknownStatusCallback = Callable[[str, str], None]
"""Told (status, context) once per unknown provider status, to log it once."""

PARSE_ERRORS: Final = (
    KeyError,
    IndexError,
    TypeError,
    ValueError,
    AttributeError,
    OverflowError,
    ProviderResponseError,
)
"""What a game with a missing key or a value of the wrong type raises."""

NO_SCORE_PHASES: Final = (Phase.SCHEDULED, Phase.POSTPONED, Phase.CANCELED)
IN_GAME_PHASES: Final = (Phase.LIVE, Phase.BREAK, Phase.DELAYED, Phase.SUSPENDED)
_UNLISTED: Final = (Phase.POSTPONED, Phase.CANCELED)


def to_int(value: Any) -> int | None:
    """Return a number as an int, or None for anything that is not one."""
    if isinstance(value, dict):
        value = value.get("value", value.get("displayValue"))
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return int(float(value))
    except (TypeError, ValueError, OverflowError):
        return None


def to_float(value: Any) -> float | None:
    """Return a number as a float; None for missing, empty, boolean or unparsable values."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def text(value: Any) -> str | None:
    """Return a non-empty string value (stripped), else None."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def game_id(provider: str, value: Any) -> str:
    """Return a provider-prefixed game id ("nhl_web:2023020205")."""
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).strip():
        raise ValueError(f"game id {value!r} is not an id")
    return f"{provider}:{str(value).strip()}"


def names_of(entries: Any, key: str) -> tuple[str, ...]:
    """Return the text under ``key`` of each entry of a list, once each, in order."""
    names: list[str] = []
    for entry in items(entries):
        if (name := text(mapping(entry).get(key))) and name not in names:
            names.append(name)
    return tuple(names)


def team_id(value: Any) -> str:
    """Return a provider's team id as a string."""
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).strip():
        raise ValueError(f"team id {value!r} is not an id")
    return str(value).strip()


def mapping(value: Any) -> Mapping[str, Any]:
    """Return a JSON object, or an empty one for anything else."""
    return value if isinstance(value, Mapping) else {}


def items(value: Any) -> list[Any]:
    """Return a JSON array, or an empty one for anything else."""
    return value if isinstance(value, list) else []


def parse_utc(value: Any) -> datetime:
    """Parse an ISO-8601 time ("2022-09-11T17:00Z"); a naive one is UTC."""
    if not isinstance(value, str):
        raise TypeError(f"time is {type(value).__name__}, not a string")
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def ordinal(number: int) -> str:
    """Return 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def record_of(wins: Any, losses: Any, *more: Any) -> str | None:
    """Return "W-L" (and any further non-zero columns), if the feed has them."""
    columns = [to_int(wins), to_int(losses)]
    if None in columns:
        return None
    columns += [value for value in map(to_int, more) if value]
    return "-".join(str(value) for value in columns)


@dataclass(frozen=True, slots=True)
class EventText:
    """A payload's entry as its JSON text, decoded only if it has to be parsed.

    `value` is the decoded entry, or None for one its board's memo has seen
    (``ParseMemo.seen``): its game is the memo's, and is not parsed again.
    """

    ident: str
    text: bytes
    value: Any = None

    def decoded(self) -> Any:
        """Return the entry, decoding its text if that was left for later."""
        return orjson.loads(self.text) if self.value is None else self.value


def entry_id(entry: Any, key: str = "id") -> str:
    """Return the id a raw entry gives itself under `key`, for a log line; "?" if none."""
    if isinstance(entry, EventText):
        return entry.ident
    return str(entry.get(key, "?")) if isinstance(entry, Mapping) else "?"


def parse_each_item[E, T](
    entries: Iterable[E],
    parse: Callable[[E], T],
    *,
    what: str,
    kind: str,
    ident: Callable[[E], str],
    logger: logging.Logger,
) -> list[T]:
    """Parse every entry of a payload; skip a malformed one with one log line.

    `what` names the payload ("nfl scoreboard"), `kind` its items ("game",
    "bout", "session"), `ident` an entry's id (asked only of a malformed
    one). The items parsed come back in the entries' order. Raises
    ``ProviderResponseError`` when there are entries and none parse: then
    the payload's shape is wrong, not one item.
    """
    parsed: list[T] = []
    failures: list[tuple[E, Exception]] = []
    for entry in entries:
        try:
            parsed.append(parse(entry))
        except PARSE_ERRORS as err:
            failures.append((entry, err))
    if failures and not parsed:
        entry, first = failures[0]
        raise ProviderResponseError(
            f"malformed {what}: no {kind} parses"
            f" ({kind} {ident(entry)}: {type(first).__name__}: {first})"
        ) from first
    for entry, failure in failures:
        logger.warning(
            "Skipped a malformed %s %s %s: %s: %s",
            what,
            kind,
            ident(entry),
            type(failure).__name__,
            failure,
        )
    return parsed


def parse_each[T](
    entries: Iterable[T],
    parse: Callable[[T], Game],
    *,
    what: str,
    id_key: str,
    logger: logging.Logger,
) -> list[Game]:
    """Parse every game entry; skip a malformed one with one log line.

    Raises ``ProviderResponseError`` when there are games and none parse:
    then the payload's shape is wrong, not one game. The same game listed
    twice (a postponed game on its old and its new date) is kept once: the
    listing that still takes place, else the later one.
    """
    games: dict[str, Game] = {}
    for game in parse_each_item(
        entries,
        parse,
        what=what,
        kind="game",
        ident=lambda entry: entry_id(entry, id_key),
        logger=logger,
    ):
        known = games.get(game.id)
        if known is None or known.phase in _UNLISTED or game.phase not in _UNLISTED:
            games.pop(game.id, None)
            games[game.id] = game
    return list(games.values())


class ParseMemo:
    """The games parsed from the last payload, each with the raw entry it came from.

    A refreshed board repeats most of its games unchanged (the finished ones,
    those still to come; only the live ones move): an entry whose JSON text is
    the same as on the last payload gives the same game again, without parsing
    it. Re-encoding an entry (orjson) costs a fraction of parsing it, and the
    comparison is of the whole entry, so nothing a parse reads can go stale.
    Holds the last payload's entries only: one memo per board.
    """

    __slots__ = ("_last", "_next", "_texts")

    def __init__(self) -> None:
        """Start empty: the first payload parses every game."""
        self._last: dict[tuple[Any, ...], tuple[bytes, Game]] = {}
        self._next: dict[tuple[Any, ...], tuple[bytes, Game]] = {}
        self._texts: dict[tuple[Any, int], bytes] = {}

    def seen(self, ident: str, text: bytes) -> bool:
        """Whether the last payload had an entry of this id with this very text."""
        return self._texts.get((ident, len(text))) == text

    def parse[T](self, entry: T, parse: Callable[[T], Game], *context: Any) -> Game:
        """Return `entry`'s game: the last payload's if its entry was the same.

        `context` is what else the game depends on (the board's week, its
        competition). An entry that cannot be encoded is parsed each time; an
        ``EventText`` is compared by its text, as it came.
        """
        ident: Any
        if isinstance(entry, EventText):
            raw, ident = entry.text, entry.ident
        else:
            try:
                raw = orjson.dumps(entry)
            except TypeError:
                return parse(entry)
            ident = entry.get("id") if isinstance(entry, dict) else None
        key = (ident if isinstance(ident, str | int) else None, len(raw), *context)
        known = self._last.get(key)
        game = known[1] if known is not None and known[0] == raw else parse(entry)
        self._next[key] = (raw, game)
        return game

    def finish(self) -> None:
        """Keep the entries of the payload just parsed, and only those."""
        self._last, self._next = self._next, {}
        self._texts = {key[:2]: known[0] for key, known in self._last.items()}


def require[T](payload: Any, key: str, kind: type[T], what: str) -> T:
    """Return ``payload[key]`` if it is a `kind`, else raise ProviderResponseError."""
    if not isinstance(payload, Mapping):
        raise ProviderResponseError(
            f"malformed {what}: the payload is {type(payload).__name__}, not an object"
        )
    value = payload.get(key)
    if not isinstance(value, kind):
        raise ProviderResponseError(f"malformed {what}: {key!r} is not a {kind.__name__}")
    return value


def teams_of(games: Iterable[Game]) -> list[Team]:
    """Return the teams playing in the games, each once, sorted by name.

    The team list of a feed that has none carrying its games' team ids.
    """
    teams: dict[str, Team] = {}
    for game in games:
        for competitor in (game.home, game.away):
            teams.setdefault(competitor.team.id, competitor.team)
    return sorted(teams.values(), key=lambda team: team.name.casefold())
