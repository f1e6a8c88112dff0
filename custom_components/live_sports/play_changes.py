"""Which plays of a game are new, and whether a lowered score stands.

Pure, beside ``diff``: what is remembered of a game's plays between two boards
is a tuple of (key, scorer) pairs. A play that moved the score is keyed by the
score after it ("score:2-1"), which every provider agrees on, so the same goal
from a fallback (another id) or a goal first seen without its scorer is never
reported twice; any other play (a card) by its id. Plays are only ever added:
a board that lacks them (a fallback without plays) forgets nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from .models import Game, Play, Side

type PlayMemory = tuple[tuple[str, str], ...]
"""(play key, scorer key) of every play reported so far, in order."""


class PlayNews(NamedTuple):
    """A play to report: new, or known but now with its scorer (`updated`)."""

    play: Play
    updated: bool = False


def play_key(play: Play) -> str:
    """Return what identifies a play across providers and boards (a card: see `keyed`)."""
    if play.changes_score and play.home_score is not None and play.away_score is not None:
        return f"score:{play.home_score}-{play.away_score}"
    return f"id:{play.id}"


def keyed(plays: Iterable[Play]) -> Iterator[tuple[str, Play]]:
    """Yield each play with its key; a booked player's card by its kind and his count.

    A card's minute can be corrected on a later board (and with it a derived
    id): "the second yellow card of this player of this team" cannot.
    """
    cards: Counter[str] = Counter()
    for play in plays:
        if play.kind.is_card and play.scorer is not None:
            who = f"{play.kind}:{play.team_id}:{play.scorer.id or play.scorer.name}"
            cards[who] += 1
            yield f"card:{who}:{cards[who]}", play
        else:
            yield play_key(play), play


def _scorer_key(play: Play) -> str:
    scorer = play.scorer
    return (scorer.id or scorer.name) if scorer else ""


def remember(plays: Iterable[Play]) -> PlayMemory:
    """Return the memory of plays already there when a game is first seen."""
    return tuple({key: _scorer_key(play) for key, play in keyed(plays)}.items())


def _before(play: Play, baseline: tuple[int, int]) -> bool:
    """Return True for a goal scored before the game was first seen (at `baseline`)."""
    if not play.changes_score or play.home_score is None or play.away_score is None:
        return False
    return play.home_score <= baseline[0] and play.away_score <= baseline[1]


def play_news(
    known: PlayMemory | None, plays: Sequence[Play], baseline: tuple[int, int] = (0, 0)
) -> tuple[list[PlayNews], PlayMemory | None]:
    """Return the plays to report, in the board's order, and the memory to keep.

    With no memory yet (a game stored before plays were tracked) the plays
    there are remembered, none reported; so are goals to a score no higher
    than `baseline`, the score when the game was first seen (a summary lists
    the whole game, also what happened before we looked). A known play is
    reported again only when it gains a scorer it lacked.
    """
    if known is None:
        return [], remember(plays)
    if not plays:  # most games of a board: nothing to key (a hot path of every refresh)
        return [], known
    memory = dict(known)
    news: list[PlayNews] = []
    for key, play in keyed(plays):
        scorer = _scorer_key(play)
        if key not in memory:
            if not _before(play, baseline):
                news.append(PlayNews(play))
        elif scorer and not memory[key]:
            news.append(PlayNews(play, updated=True))
        else:
            continue
        memory[key] = scorer
    if len(memory) == len(known) and not news:
        return [], known
    return news, tuple(memory.items())


def forget_above(known: PlayMemory | None, home: int, away: int) -> PlayMemory | None:
    """Forget the goals a confirmed correction took back (scores above the new one).

    So the goal scored again later to the same score is reported.
    """
    if known is None:
        return None
    kept = []
    for key, scorer in known:
        if key.startswith("score:"):
            home_after, away_after = (int(part) for part in key[6:].split("-"))
            if home_after > home or away_after > away:
                continue
        kept.append((key, scorer))
    return tuple(kept)


def confirmed_correction(pending: tuple[Side, int] | None, game: Game) -> int | None:
    """Return how much a lowered score stayed down (negative), None if it did not.

    `pending` is the side whose score went down on the board before, and its
    score before that.
    """
    if pending is None:
        return None
    side, before = pending
    now = game.competitor(side).score
    if now is None or now >= before:
        return None
    return now - before
