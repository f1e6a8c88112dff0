"""A scoreboard's body cut into its events' texts: an unchanged event is never decoded again.

A game-day board repeats most of its events word for word from one refresh to
the next (the finished games, those still to come); only the live ones move.
Decoding the whole body costs more than everything else a refresh does with
it, so ``decode_board`` finds where each event's text starts, keeps the text
of an event the board's memo has already parsed as it is (``EventText``), and
decodes only the rest: the events that changed, and the body around them
(the league, its season and week, and the last event).

It never guesses. Each event must start where ESPN starts one (its id, then
a uid naming that event), every text it decodes must be one object with
that id, and the body around them must decode with the last event first in
its ``events``. Then the events' texts and that body, put back together, are
the whole body, and the payload is what decoding it whole gives. A body of
any other shape is decoded whole, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
import re
from typing import Any, Final

import orjson

from ..base import decode_json
from ..parsing import EventText

_EVENT_UID: Final = re.compile(rb'"uid"\s*:\s*"s:\d+~l:\d+~e:(\d+)"')
"""An event's uid, right after its id ("s:20~l:28~e:401772510"); a competition's has "~c:"."""
_EVENT_OPEN: Final = re.compile(rb'\{\s*"id"\s*:\s*"(\d+)"\s*,\s*$')
"""What precedes an event's uid: the object's opening and its id."""
_EVENTS_OPEN: Final = re.compile(rb'"events"\s*:\s*\[\s*$')
"""What precedes the first event: the board's event list opening."""
_LOOK_BACK: Final = 64
_SMALL: Final = 32 * 1024
"""A body decoded whole: a board of a game or two, where looking for events costs more."""

type Seen = Callable[[str, bytes], bool]
"""Whether the board's last body had this event (id, text), parsed."""


def _event_starts(body: bytes) -> list[tuple[int, str]]:
    """Return where each event's object opens, with its id, in the body's order."""
    starts = []
    for match in _EVENT_UID.finditer(body):
        at = match.start()
        opening = _EVENT_OPEN.search(body, max(0, at - _LOOK_BACK), at)
        if opening is not None and opening.group(1) == match.group(1):
            starts.append((opening.start(), match.group(1).decode()))
    return starts


def _decoded(text: bytes, ident: str) -> Any:
    """Return an event's text decoded; None unless it is one object with that id."""
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError:
        return None
    return value if isinstance(value, dict) and value.get("id") == ident else None


def _id(value: Any) -> Any:
    """Return an object's id, or None for anything that is not an object."""
    return value.get("id") if isinstance(value, dict) else None


def _cut(body: bytes, seen: Seen) -> Any:
    """Return the board's payload with its events' texts cut out, or None if it cannot be."""
    starts = _event_starts(body)
    if len(starts) < 2 or _EVENTS_OPEN.search(body, 0, starts[0][0]) is None:
        return None
    events: list[Any] = []
    for (begin, ident), (end, _) in pairwise(starts):
        text = body[begin:end].rstrip()
        if not text.endswith(b","):
            return None
        text = text[:-1].rstrip()
        if seen(ident, text):
            events.append(EventText(ident, text))
        elif (value := _decoded(text, ident)) is not None:
            events.append(EventText(ident, text, value))
        else:
            return None
    last_begin, last_ident = starts[-1]
    try:
        payload = orjson.loads(body[: starts[0][0]] + body[last_begin:])
    except orjson.JSONDecodeError:
        return None
    rest = payload.get("events") if isinstance(payload, dict) else None
    if not (isinstance(rest, list) and rest and _id(rest[0]) == last_ident):
        return None
    payload["events"] = events + rest
    return payload


def decode_board(body: bytes, seen: Seen) -> Any:
    """Decode a scoreboard's body; an event the board's memo has `seen` stays text.

    The payload is what ``decode_json`` gives, but for the events: each cut
    out is an ``EventText``, decoded unless seen. A small body is decoded whole. Raises ValueError if the body
    is not JSON.
    """
    payload = None if len(body) < _SMALL else _cut(body, seen)
    return decode_json(body) if payload is None else payload
