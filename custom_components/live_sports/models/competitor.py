"""A team, and a team as one side of a game with its score."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Team:
    """A team as listed by a provider (config flow, demo table)."""

    id: str
    abbreviation: str
    name: str
    short_name: str
    logo: str | None = None
    color: str | None = None
    """Primary colour, six hex digits without "#" ("A71930")."""
    alternate_color: str | None = None
    url: str | None = None
    """The team's page at the provider."""


_TEAM_EXTRAS: tuple[str, ...] = ("color", "alternate_color", "url")
_COMPETITOR_EXTRAS: tuple[str, ...] = (
    "shootout_score",
    "rank",
    "timeouts",
    "win_probability",
    "shots_on_target",
    "total_shots",
    "sets_won",
    "score_text",
    "possession_share",
)
"""Optional details: in the canonical form only when the provider has them."""


@dataclass(frozen=True, slots=True)
class Competitor:
    """One side of a game."""

    team: Team
    score: int | None = None
    record: str | None = None
    winner: bool | None = None
    shootout_score: int | None = None
    rank: int | None = None
    """Poll rank (college), None when unranked."""
    timeouts: int | None = None
    """Timeouts left, while the game is under way."""
    win_probability: float | None = None
    """The provider's chance of this side winning, 0-1, while under way."""
    shots_on_target: int | None = None
    total_shots: int | None = None
    sets_won: int | None = None
    set_scores: tuple[int, ...] = ()
    """Points of each set played so far, the current one last (volleyball)."""
    score_text: str | None = None
    """The score as the provider writes it, where the number says less (cricket's
    "125/3 (16/20 ov, target 156)": runs, wickets, overs and the target)."""
    possession_share: float | None = None
    """Share of possession in percent (soccer), while the provider has it."""
    members: tuple[str, ...] = ()
    """The athletes' ids of a pair (tennis doubles): their matches are theirs too."""
    tiebreaks: tuple[int | None, ...] = ()
    """Tiebreak points of each set in ``set_scores`` (None: no tiebreak), tennis."""

    def as_dict(self) -> dict[str, Any]:
        """Return the canonical JSON form of this side."""
        data: dict[str, Any] = {
            "id": self.team.id,
            "abbreviation": self.team.abbreviation,
            "name": self.team.name,
            "short_name": self.team.short_name,
            "logo": self.team.logo,
            "score": self.score,
            "record": self.record,
            "winner": self.winner,
        }
        for key in _TEAM_EXTRAS:
            if (value := getattr(self.team, key)) is not None:
                data[key] = value
        for key in _COMPETITOR_EXTRAS:
            if (value := getattr(self, key)) is not None:
                data[key] = value
        if self.set_scores:
            data["set_scores"] = list(self.set_scores)
        if self.members:
            data["members"] = list(self.members)
        if any(value is not None for value in self.tiebreaks):
            data["tiebreaks"] = list(self.tiebreaks)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Competitor:
        """Read the canonical JSON form back."""
        return cls(
            team=Team(
                id=data["id"],
                abbreviation=data["abbreviation"],
                name=data["name"],
                short_name=data["short_name"],
                logo=data["logo"],
                **{key: data.get(key) for key in _TEAM_EXTRAS},
            ),
            score=data["score"],
            record=data["record"],
            winner=data["winner"],
            set_scores=tuple(data.get("set_scores", ())),
            members=tuple(data.get("members", ())),
            tiebreaks=tuple(data.get("tiebreaks", ())),
            **{key: data.get(key) for key in _COMPETITOR_EXTRAS},
        )
