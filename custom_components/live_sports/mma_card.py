"""Which bouts share an MMA card (pure): the card's name, from each bout's ``competition``.

ESPN's MMA parser names a bout's ``competition`` "<card> — <weight class>".
A followed fighter's Team tracker lists the card's decided bouts, so the
board a release keeps holds them too.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from typing import Final

from .models import Game

MMA: Final = "mma"
_WEIGHT_SEPARATOR: Final = " — "
"""Between the card's name and the weight class in a bout's ``competition``."""


def card_name(bout: Game) -> str | None:
    """Return the name of the card an MMA bout is on; None for other sports."""
    if bout.sport != MMA or not bout.competition:
        return None
    return bout.competition.split(_WEIGHT_SEPARATOR, 1)[0]


def same_card(games: Iterable[Game], followed: Collection[Game]) -> Iterator[Game]:
    """Yield the bouts of `games` on the card of a followed bout."""
    cards = {name for bout in followed if (name := card_name(bout)) is not None}
    if cards:
        yield from (game for game in games if card_name(game) in cards)
