"""Every provider's games under the primary's identity, never going back in time.

A fallback's teams are mapped to the primary's (``identity.TeamMapper``) and
its games take the canonical id (``identity.GameRegistry``), so an event id
derived from a game is the same whoever served it. A game never goes back in
time when the serving provider changes: a lagging provider's older view of a
game is held until it catches up, so a goal is neither missed nor fired twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, replace
from datetime import datetime, timedelta
from typing import Any, Final

from ..models import Game, Phase, Scoreboard, Team
from .identity import FORGET_AFTER, GameRegistry, TeamMapper

STORE_HORIZON: Final = timedelta(days=2)
"""The known games kept across a restart: those starting this close to now."""


def _progress(game: Game) -> tuple[int, int, int]:
    """Return how far a game is: phase, period, total score."""
    rank = 2 if game.phase is Phase.FINAL else 1 if game.phase.in_play else 0
    return rank, game.period or 0, (game.home.score or 0) + (game.away.score or 0)


def _with_plays_mapped(game: Game, mapped: Game) -> Game:
    """Return `mapped` with its plays' teams named as its competitors now are."""
    if not game.plays:
        return mapped
    ids = {game.home.team.id: mapped.home.team.id, game.away.team.id: mapped.away.team.id}
    return replace(
        mapped,
        plays=tuple(
            replace(play, team_id=ids.get(play.team_id or "", play.team_id)) for play in game.plays
        ),
    )


def behind(game: Game, other: Game) -> bool:
    """Return True if ``game`` shows less of the game than ``other`` does."""
    mine, theirs = _progress(game), _progress(other)
    if mine[0] != theirs[0]:
        return mine[0] < theirs[0]
    return mine[0] > 0 and (mine[1] < theirs[1] or mine[2] < theirs[2])


class CanonicalGames:
    """A league's games as every provider shows them, under the primary's identity."""

    def __init__(self, league_key: str, primary: str) -> None:
        """Know nothing yet of `league_key`, whose canonical source is `primary`."""
        self._league_key = league_key
        self._primary = primary
        self.teams: list[Team] = []
        """The primary's teams, which every fallback's teams map to."""
        self._mappers: dict[str, TeamMapper] = {}
        self._registry = GameRegistry()
        self._shown: dict[str, tuple[Game, str]] = {}
        """Each game as last shown, and the provider it came from."""

    def set_teams(self, teams: list[Team]) -> bool:
        """Take the primary's team list; return whether it changed (mappings start anew)."""
        if teams == self.teams:
            return False
        self.teams = list(teams)
        self._mappers.clear()
        return True

    def mapper(self, provider: str) -> TeamMapper:
        """Return a provider's team mapper, made on first use."""
        if (mapper := self._mappers.get(provider)) is None:
            mapper = self._mappers[provider] = TeamMapper(self._league_key, self.teams)
        return mapper

    def view(self, provider: str, board: Scoreboard) -> tuple[dict[str, Game], bool]:
        """Return a provider's games by canonical id; and whether a new game id was learned."""
        games = board.games
        if provider != self._primary:
            mapper = self.mapper(provider)
            games = tuple(
                _with_plays_mapped(
                    game,
                    replace(
                        game,
                        league=self._league_key,
                        home=mapper.competitor(game.home, provider),
                        away=mapper.competitor(game.away, provider),
                    ),
                )
                for game in games
            )
        canonical, learned = self._registry.canonical(games)
        return {game.id: game for game in canonical}, learned

    def hold(self, game: Game, source: str) -> Game:
        """Return the game, or what was shown of it if this source is behind."""
        previous = self._shown.get(game.id)
        if previous is not None and previous[1] != source and behind(game, previous[0]):
            return previous[0]
        self._shown[game.id] = (game, source)
        return game

    def forget(self, now: datetime) -> None:
        """Forget the games that started long ago: known ids and what was shown of them."""
        self._registry.forget(now)
        self._shown = {
            game_id: shown
            for game_id, shown in self._shown.items()
            if now - shown[0].start <= FORGET_AFTER
        }

    def unmapped(self, followed: tuple[str, ...]) -> dict[str, dict[str, Any]]:
        """Return, per fallback used so far, its teams that map to none.

        And the followed teams no team of that fallback mapped to (yet: with
        no team list, only the teams of the games it showed are known).
        """
        return {
            name: {
                "provider_teams": dict(mapper.unmapped),
                "followed_unmatched": sorted(set(followed) - mapper.mapped_ids()),
            }
            for name, mapper in self._mappers.items()
        }

    def as_dict(self, now: datetime) -> dict[str, Any]:
        """Return what a restart needs: the teams and the known games."""
        return {
            "teams": [asdict(team) for team in self.teams],
            "games": self._registry.as_dict(now, STORE_HORIZON),
        }

    def restore(self, data: Mapping[str, Any]) -> None:
        """Take up what ``as_dict`` returned before a restart."""
        self.teams = [Team(**team) for team in data.get("teams", ())]
        self._registry.restore(data.get("games", {}))
