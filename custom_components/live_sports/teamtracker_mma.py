"""A followed fighter as ha-teamtracker's sensor shows it (pure), for ha-teamtracker-card.

ha-teamtracker maps a UFC or PFL bout onto its team attributes, and the card
renders them: the two fighters are the sides, each ``score`` the judges' cards
won, or ``W`` and ``L`` once decided when the cards do not split them (a
stoppage has none), and the ticker (``last_play``) the card's decided bouts (``mma_card``),
numbered in order: "1. *S. MOROZOV v. J. Newson (Dec: 3-0); 7. C. Brundage v.
M. OLEKSIEJCZUK* (KO/TKO/Sub: R1@3:16)" (the winner in capitals, starred).
The rest (records, round as ``quarter``, ESPN's status as ``clock``) is the
team mapping of ``teamtracker.py``; this module adds what differs.
"""

from __future__ import annotations

from typing import Any

from .mma_card import same_card
from .models import Competitor, Game, Phase, Result, Scoreboard, Side


def mma_attributes(game: Game, side: Side, board: Scoreboard) -> dict[str, Any]:
    """Return the attributes that differ from the team mapping, for a fighter in `game`."""
    own = game.competitor(side)
    other = game.competitor(Side.AWAY if side is Side.HOME else Side.HOME)
    attributes: dict[str, Any] = {"last_play": ticker(game, board)}
    result = game.result_for(own.team.id)
    if own.score == other.score and result in (Result.WIN, Result.LOSS):
        # No cards (a stoppage) or cards that do not split them: who won, as letters.
        attributes["team_score"] = "W" if result is Result.WIN else "L"
        attributes["opponent_score"] = "L" if result is Result.WIN else "W"
    return attributes


def ticker(game: Game, board: Scoreboard) -> str | None:
    """Return the decided bouts of `game`'s card, in order, as one line."""
    decided = [bout for bout in same_card(board.games, (game,)) if bout.phase is Phase.FINAL]
    return (
        "; ".join(f"{number}. {bout_line(bout)}" for number, bout in enumerate(decided, 1)) or None
    )


def bout_line(bout: Game) -> str:
    """Return one decided bout: the fighters (the winner starred) and how it ended."""
    home, away = _name(bout.home), _name(bout.away)
    if bout.home.winner:
        home = f"*{home}"
    if bout.away.winner:
        away = f"{away}*"
    cards = list(zip(bout.home.set_scores, bout.away.set_scores, strict=False))
    if not cards:
        return f"{home} v. {away} (KO/TKO/Sub: R{bout.period}@{bout.clock or '-'})"
    home_cards = sum(1 for mine, theirs in cards if mine > theirs)
    away_cards = sum(1 for mine, theirs in cards if mine < theirs)
    level = len(cards) - home_cards - away_cards
    split = f"{home_cards}-{away_cards}" + (f"-{level}" if level else "")
    return f"{home} v. {away} (Dec: {split})"


def _name(competitor: Competitor) -> str:
    """Return a fighter's short name, in capitals for the winner."""
    name = competitor.team.short_name
    return name.upper() if competitor.winner else name
