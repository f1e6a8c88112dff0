"""One identity across providers: the same team, the same game.

Pure. A followed team is stored by its ESPN id; the primary provider's teams
are the canonical ones. ``TeamMapper`` maps another provider's team to the
canonical team once (an override table for the abbreviations that differ,
then the full name, the abbreviation, the nickname when it is unique).
``GameRegistry`` gives a game seen by two providers one id: the same two
teams, starts close together; the first id seen stays the game's id, so the
event ids derived from it do not change when the provider does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
import re
from typing import Any, Final
import unicodedata

from ..models import Competitor, Game, Team

MATCH_WINDOW: Final = timedelta(hours=12)
"""Two providers' starts of one game differ by less (a doubleheader's second game
is matched to the nearest start)."""
FORGET_AFTER: Final = timedelta(days=3)

ABBREVIATION_OVERRIDES: Final[Mapping[str, Mapping[str, str]]] = {
    "nhl": {"LAK": "LA", "NJD": "NJ", "SJS": "SJ", "TBL": "TB", "UTA": "UTAH"},
    "mlb": {"CWS": "CHW", "AZ": "ARI", "ATH": "OAK"},
    "nba": {"GSW": "GS", "NYK": "NY", "NOP": "NO", "SAS": "SA", "UTA": "UTAH", "WAS": "WSH"},
}
"""Per league: a league's official abbreviation → ESPN's, where they differ."""
_NOISE: Final = frozenset({"fc", "afc", "cf", "sc", "ac", "the", "club", "de"})
"""Words some providers put in a club's name and others leave out."""


def normalize(name: str) -> str:
    """Return a name without accents, case, punctuation or club-name noise."""
    plain = unicodedata.normalize("NFKD", name.replace("&", " and "))
    plain = "".join(char for char in plain if not unicodedata.combining(char)).casefold()
    words = [word for word in re.split(r"[^a-z0-9]+", plain) if word and word not in _NOISE]
    return "".join(words)


class TeamMapper:
    """Map one provider's teams to the canonical teams of a league."""

    def __init__(self, league: str, canonical: Iterable[Team]) -> None:
        """Index the canonical teams by abbreviation, name and nickname."""
        self._overrides = ABBREVIATION_OVERRIDES.get(league, {})
        self._by_abbreviation: dict[str, Team] = {}
        self._by_name: dict[str, Team] = {}
        nicknames: dict[str, list[Team]] = {}
        for team in canonical:
            self._by_abbreviation[team.abbreviation.upper()] = team
            self._by_name[normalize(team.name)] = team
            nicknames.setdefault(normalize(team.short_name), []).append(team)
        self._by_nickname = {key: teams[0] for key, teams in nicknames.items() if len(teams) == 1}
        self._mapped: dict[str, Team | None] = {}
        self.unmapped: dict[str, str] = {}
        """Provider team id → name, for the teams that map to none."""

    def map(self, team: Team) -> Team | None:
        """Return the canonical team of a provider's team, or None."""
        if team.id in self._mapped:
            return self._mapped[team.id]
        found = self._find(team)
        self._mapped[team.id] = found
        if found is None:
            self.unmapped[team.id] = team.name
        return found

    def _find(self, team: Team) -> Team | None:
        abbreviation = team.abbreviation.upper()
        if (alias := self._overrides.get(abbreviation)) and alias in self._by_abbreviation:
            return self._by_abbreviation[alias]
        if found := self._by_name.get(normalize(team.name)):
            return found
        if abbreviation != team.name.upper() and (found := self._by_abbreviation.get(abbreviation)):
            return found
        return self._by_nickname.get(normalize(team.short_name))

    def mapped_ids(self) -> set[str]:
        """Return the canonical ids some provider team mapped to."""
        return {team.id for team in self._mapped.values() if team is not None}

    def competitor(self, competitor: Competitor, prefix: str) -> Competitor:
        """Return a side with its canonical team; an unmapped team keeps a prefixed id."""
        if (team := self.map(competitor.team)) is not None:
            return replace(competitor, team=team)
        return replace(
            competitor, team=replace(competitor.team, id=f"{prefix}:{competitor.team.id}")
        )


@dataclass(frozen=True, slots=True)
class _Known:
    teams: frozenset[str]
    start: datetime


class GameRegistry:
    """The canonical id of every game seen lately, by its teams and start."""

    def __init__(self) -> None:
        """Start knowing no game."""
        self._known: dict[str, _Known] = {}
        self._by_teams: dict[frozenset[str], set[str]] = {}

    def _add(self, game_id: str, known: _Known) -> None:
        if (old := self._known.get(game_id)) is not None:
            self._unindex(game_id, old.teams)
        self._known[game_id] = known
        self._by_teams.setdefault(known.teams, set()).add(game_id)

    def canonical(self, games: Sequence[Game]) -> tuple[tuple[Game, ...], bool]:
        """Return the games under their canonical ids, and whether a game was new.

        A known id stays; an unknown one takes the id of the known game of the
        same teams with the nearest start within MATCH_WINDOW that no other game
        of this board took; a game matching none is registered under its own id.
        """
        claimed = {game.id for game in games if game.id in self._known}
        result: list[Game] = []
        learned = False
        for game in games:
            teams = frozenset((game.home.team.id, game.away.team.id))
            if game.id in self._known:
                self._add(game.id, _Known(teams, game.start))
                result.append(game)
                continue
            candidates = [
                (abs(self._known[known_id].start - game.start), known_id)
                for known_id in self._by_teams.get(teams, ())
                if known_id not in claimed
                and abs(self._known[known_id].start - game.start) <= MATCH_WINDOW
            ]
            if candidates:
                known_id = min(candidates)[1]
                claimed.add(known_id)
                result.append(replace(game, id=known_id))
                continue
            self._add(game.id, _Known(teams, game.start))
            claimed.add(game.id)
            learned = True
            result.append(game)
        return tuple(result), learned

    def forget(self, now: datetime) -> None:
        """Forget the games that started more than FORGET_AFTER ago."""
        for game_id, known in list(self._known.items()):
            if now - known.start > FORGET_AFTER:
                del self._known[game_id]
                self._unindex(game_id, known.teams)

    def _unindex(self, game_id: str, teams: frozenset[str]) -> None:
        """Drop a game from its pair of teams' index, and the pair when it has no more."""
        if (ids := self._by_teams.get(teams)) is not None:
            ids.discard(game_id)
            if not ids:
                del self._by_teams[teams]

    def as_dict(self, now: datetime, horizon: timedelta) -> dict[str, Any]:
        """Return the games starting within ``horizon`` of now, as stored."""
        return {
            game_id: {"teams": sorted(known.teams), "start": known.start.isoformat()}
            for game_id, known in self._known.items()
            if abs(known.start - now) <= horizon
        }

    def restore(self, data: Mapping[str, Any]) -> None:
        """Know the stored games again."""
        for game_id, known in data.items():
            self._add(
                game_id, _Known(frozenset(known["teams"]), datetime.fromisoformat(known["start"]))
            )
