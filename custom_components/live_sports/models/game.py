"""A game, the board of games one request returns, and which game a team is on."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from .competitor import Competitor
from .details import KeyEvent, Odds, Series, Situation, Venue
from .enums import Phase, Result, Side
from .plays import Play


@dataclass(frozen=True, slots=True)
class Game:
    """One game between two competitors."""

    id: str
    league: str
    sport: str
    name: str
    short_name: str
    start: datetime
    phase: Phase
    status_detail: str
    home: Competitor
    away: Competitor
    period: int | None = None
    clock: str | None = None
    venue: Venue | None = None
    broadcasts: tuple[str, ...] = ()
    situation: Situation | None = None
    season: int | None = None
    week: int | None = None
    url: str | None = None
    """The game's page at the provider."""
    odds: Odds | None = None
    series: Series | None = None
    competition: str | None = None
    """The competition's name when it is not the league's own (a club's cup tie)."""
    status_short: str | None = None
    """The provider's short status text ("4:15 - 4th" beside "4:15 - 4th Quarter")."""
    key_events: tuple[KeyEvent, ...] = ()
    """Goals and cards so far, in order, as the scoreboard lists them (soccer)."""
    plays: tuple[Play, ...] = ()
    """Scoring plays and cards so far, in order, where the provider has them."""

    def side_of(self, team_id: str) -> Side | None:
        """Return the side a team plays on in this game, if it plays."""
        if self.home.team.id == team_id:
            return Side.HOME
        if self.away.team.id == team_id:
            return Side.AWAY
        return None

    def involves(self, team_id: str) -> bool:
        """Return True if the team plays in this game."""
        return self.side_of(team_id) is not None

    def competitor(self, side: Side) -> Competitor:
        """Return the competitor on a side."""
        return self.home if side is Side.HOME else self.away

    def result_for(self, team_id: str) -> Result | None:
        """Return the result from a team's view once the game is final."""
        side = self.side_of(team_id)
        if side is None or self.phase is not Phase.FINAL:
            return None
        mine = self.competitor(side)
        theirs = self.competitor(Side.AWAY if side is Side.HOME else Side.HOME)
        if mine.winner is not None and mine.winner != theirs.winner:
            return Result.WIN if mine.winner else Result.LOSS
        if mine.score is None or theirs.score is None:
            return None
        for own, other in (
            (mine.score, theirs.score),
            (mine.shootout_score, theirs.shootout_score),
        ):
            if own is None or other is None or own == other:
                continue
            return Result.WIN if own > other else Result.LOSS
        return Result.TIE

    def as_dict(self) -> dict[str, Any]:
        """Return the canonical JSON form, shared by every consumer.

        Details a provider may lack (``url``, ``odds``, ``series``) and the
        competition of a game outside the league appear only when present.
        """
        data: dict[str, Any] = {
            "id": self.id,
            "league": self.league,
            "sport": self.sport,
            "name": self.name,
            "short_name": self.short_name,
            "start": self.start.astimezone(UTC).isoformat().replace("+00:00", "Z"),
            "phase": self.phase.value,
            "status_detail": self.status_detail,
            "period": self.period,
            "clock": self.clock,
            "venue": self.venue.as_dict() if self.venue else None,
            "broadcasts": list(self.broadcasts),
            "season": self.season,
            "week": self.week,
            "situation": self.situation.as_dict() if self.situation else None,
            "home": self.home.as_dict(),
            "away": self.away.as_dict(),
        }
        if self.url is not None:
            data["url"] = self.url
        if self.odds is not None:
            data["odds"] = self.odds.as_dict()
        if self.series is not None:
            data["series"] = self.series.as_dict()
        if self.competition is not None:
            data["competition"] = self.competition
        if self.status_short is not None:
            data["status_short"] = self.status_short
        if self.key_events:
            data["key_events"] = [event.as_dict() for event in self.key_events]
        if self.plays:
            data["plays"] = [play.as_dict() for play in self.plays]
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Game:
        """Read the canonical JSON form back (stored boards, delayed releases)."""
        venue = data["venue"]
        return cls(
            id=data["id"],
            league=data["league"],
            sport=data["sport"],
            name=data["name"],
            short_name=data["short_name"],
            start=datetime.fromisoformat(data["start"]),
            phase=Phase(data["phase"]),
            status_detail=data["status_detail"],
            home=Competitor.from_dict(data["home"]),
            away=Competitor.from_dict(data["away"]),
            period=data["period"],
            clock=data["clock"],
            venue=Venue.from_dict(venue) if venue else None,
            broadcasts=tuple(data["broadcasts"]),
            situation=Situation(**data["situation"]) if data["situation"] else None,
            season=data.get("season"),
            week=data.get("week"),
            url=data.get("url"),
            odds=Odds.from_dict(data["odds"]) if data.get("odds") else None,
            series=Series.from_dict(data["series"]) if data.get("series") else None,
            competition=data.get("competition"),
            status_short=data.get("status_short"),
            key_events=tuple(KeyEvent.from_dict(event) for event in data.get("key_events", ())),
            plays=tuple(Play.from_dict(play) for play in data.get("plays", ())),
        )


@dataclass(frozen=True, slots=True)
class Scoreboard:
    """The games of the day one provider request returned, and when it was fetched.

    What polling, change detection, the sinks and the sensors look at: the
    provider's board of today (and the boards of other competitions a
    followed game is on today). A followed team's other games are its
    ``TeamSchedule``, never merged in here.
    """

    league: str
    fetched_at: datetime
    games: tuple[Game, ...] = field(default_factory=tuple)
    league_logo: str | None = None
    """The league's logo, as the provider serves it with its scoreboard."""

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON form kept in stores."""
        data: dict[str, Any] = {
            "league": self.league,
            "fetched_at": self.fetched_at.isoformat(),
            "games": [game.as_dict() for game in self.games],
        }
        if self.league_logo is not None:
            data["league_logo"] = self.league_logo
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Scoreboard:
        """Read the stored JSON form back."""
        return cls(
            league=data["league"],
            fetched_at=datetime.fromisoformat(data["fetched_at"]),
            games=tuple(Game.from_dict(game) for game in data["games"]),
            league_logo=data.get("league_logo"),
        )

    def games_of(self, team_id: str) -> list[Game]:
        """Return the games a team plays in, sorted by start time."""
        return sorted(
            (game for game in self.games if game.involves(team_id)),
            key=lambda game: game.start,
        )

    def current_game(self, team_id: str, now: datetime, recent: timedelta) -> Game | None:
        """Return the game of the board a team's entities should show at `now`."""
        return current_game(self.games_of(team_id), now, recent)


def current_game(games: Sequence[Game], now: datetime, recent: timedelta) -> Game | None:
    """Return, of a team's games sorted by start, the one its entities should show at `now`.

    A game under way first (the latest to start, for doubleheaders), else
    an interrupted one that was due to start, else one that ended and
    started within `recent`, else the next scheduled one, else the latest.
    """
    interrupted = (Phase.DELAYED, Phase.SUSPENDED)
    candidates = (
        [g for g in games if g.phase.in_play],
        [g for g in games if g.phase in interrupted and g.start <= now],
        [g for g in games if g.phase is Phase.FINAL and g.start >= now - recent],
    )
    for group in candidates:
        if group:
            return group[-1]
    upcoming = [
        g for g in games if g.phase in (Phase.SCHEDULED, *interrupted) and g.start >= now - recent
    ]
    if upcoming:
        return upcoming[0]
    return games[-1] if games else None
