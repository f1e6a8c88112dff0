"""Finding an athlete by name the way people type it: case, accents, hyphens and spaces folded.

"felix auger aliassime", "AUGER-ALIASSIME" and "Auger-Aliassime Félix" all find
"Félix Auger-Aliassime"; "aberg" finds "Ludvig Åberg". Only the search folds:
once picked, an athlete is followed by the provider's id. Pure, no Home
Assistant: the config flow searches the league's current field with it.
"""

from __future__ import annotations

from collections.abc import Iterable
import unicodedata

from .models.field import Athlete

_LETTERS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "ı": "i", "þ": "th", "ð": "d"}
)
"""Letters with no accent to strip: Unicode does not decompose them."""


def fold(text: str) -> str:
    """Return `text` without case, accents, or anything but letters and digits."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    return "".join(char for char in decomposed if char.isalnum() and char.isascii())


def _words(text: str) -> list[str]:
    """Return the folded words of a query (a hyphen joins, a space separates)."""
    return [folded for word in text.split() if (folded := fold(word))]


def matches(query: str, name: str) -> bool:
    """Return True if every word of the query is in the name, folded."""
    folded = fold(name)
    words = _words(query)
    return bool(words) and all(word in folded for word in words)


def search(query: str, athletes: Iterable[Athlete]) -> list[Athlete]:
    """Return the athletes a query finds: exact names first, then names it starts, then the rest."""
    wanted = fold(query)

    def rank(athlete: Athlete) -> tuple[int, str]:
        name = fold(athlete.name)
        return (0 if name == wanted else 1 if name.startswith(wanted) else 2, athlete.name)

    found = [a for a in athletes if matches(query, a.name) or matches(query, a.short_name)]
    return sorted(found, key=rank)
