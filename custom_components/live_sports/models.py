"""Domain model of live_sports.

Plain frozen dataclasses with no Home Assistant imports: every provider parses
into these, and every consumer (entities, events, history, webhooks,
diagnostics, the ``feed`` command) reads only these. ``Game.as_dict()`` is the
one canonical JSON form of a game.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any


class Phase(StrEnum):
    """What the provider says a game is doing (never derived from the clock)."""

    SCHEDULED = "scheduled"
    LIVE = "live"
    BREAK = "break"
    FINAL = "final"
    POSTPONED = "postponed"
    DELAYED = "delayed"
    SUSPENDED = "suspended"
    CANCELED = "canceled"

    @property
    def in_play(self) -> bool:
        """Return True while the game is under way (live or in a break)."""
        return self in (Phase.LIVE, Phase.BREAK)


class Side(StrEnum):
    """Home or away."""

    HOME = "home"
    AWAY = "away"


class Result(StrEnum):
    """Outcome of a finished game from one team's point of view."""

    WIN = "win"
    LOSS = "loss"
    TIE = "tie"


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
            **{key: data.get(key) for key in _COMPETITOR_EXTRAS},
        )


@dataclass(frozen=True, slots=True)
class Venue:
    """Where a game is played."""

    name: str
    city: str | None = None
    state: str | None = None
    """State, province or region, where the provider names it."""
    country: str | None = None

    @property
    def location(self) -> str | None:
        """Return where it is as people write it: "Philadelphia, Pennsylvania"."""
        return ", ".join(part for part in (self.city, self.state, self.country) if part) or None

    def as_dict(self) -> dict[str, Any]:
        """Return the canonical JSON form (state and country only when known)."""
        data: dict[str, Any] = {"name": self.name, "city": self.city}
        for key in ("state", "country"):
            if (value := getattr(self, key)) is not None:
                data[key] = value
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Venue:
        """Read the canonical JSON form back."""
        return cls(
            name=data["name"],
            city=data.get("city"),
            state=data.get("state"),
            country=data.get("country"),
        )


@dataclass(frozen=True, slots=True)
class Situation:
    """Sport-specific live details, where the provider has them."""

    possession: str | None = None
    down_distance: str | None = None
    balls: int | None = None
    strikes: int | None = None
    outs: int | None = None
    on_first: bool | None = None
    on_second: bool | None = None
    on_third: bool | None = None
    last_play: str | None = None
    """The provider's text of the latest play."""

    def as_dict(self) -> dict[str, Any]:
        """Return the canonical JSON form, without empty details."""
        return {key: getattr(self, key) for key in self.__slots__ if getattr(self, key) is not None}


@dataclass(frozen=True, slots=True)
class Odds:
    """A betting line, as the provider lists it first."""

    spread: float | None = None
    """Points of the spread; its size is what the favourite gives (0: even)."""
    over_under: float | None = None
    favorite: Side | None = None
    details: str | None = None
    """The line as the provider prints it ("PHI -140", "BGSU -7.5")."""

    def as_dict(self) -> dict[str, Any]:
        """Return the canonical JSON form (``details`` only when known)."""
        data: dict[str, Any] = {
            "spread": self.spread,
            "over_under": self.over_under,
            "favorite": self.favorite.value if self.favorite else None,
        }
        if self.details is not None:
            data["details"] = self.details
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Odds:
        """Read the canonical JSON form back."""
        favorite = data.get("favorite")
        return cls(
            spread=data.get("spread"),
            over_under=data.get("over_under"),
            favorite=Side(favorite) if favorite else None,
            details=data.get("details"),
        )


@dataclass(frozen=True, slots=True)
class KeyEvent:
    """A goal or a card, as a scoreboard lists it."""

    clock: str
    """The minute it happened ("11'", "90'+7'")."""
    kind: str
    """The provider's label of it ("Goal", "Yellow Card", "Own Goal")."""
    team_id: str | None = None
    athlete: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return the canonical JSON form."""
        return {
            "clock": self.clock,
            "kind": self.kind,
            "team_id": self.team_id,
            "athlete": self.athlete,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> KeyEvent:
        """Read the canonical JSON form back."""
        return cls(
            clock=data["clock"],
            kind=data["kind"],
            team_id=data.get("team_id"),
            athlete=data.get("athlete"),
        )


@dataclass(frozen=True, slots=True)
class Series:
    """A series the game belongs to (play-offs): wins so far per side."""

    home_wins: int
    away_wins: int
    completed: bool = False

    def as_dict(self) -> dict[str, Any]:
        """Return the canonical JSON form."""
        return {
            "home_wins": self.home_wins,
            "away_wins": self.away_wins,
            "completed": self.completed,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Series:
        """Read the canonical JSON form back."""
        return cls(
            home_wins=data["home_wins"],
            away_wins=data["away_wins"],
            completed=data.get("completed", False),
        )


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


@dataclass(frozen=True, slots=True)
class TeamSchedule:
    """A followed team's games from its schedule: past and upcoming, on any day.

    Its own thing beside the board, never merged into it: entities read both
    (next start, last result, the calendar); sinks see only the board. A new
    object is made only when its games change, so a reader can tell a
    change by identity.
    """

    team_id: str
    games: tuple[Game, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON form kept in the store."""
        return {"team_id": self.team_id, "games": [game.as_dict() for game in self.games]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TeamSchedule:
        """Read the stored JSON form back."""
        return cls(
            team_id=data["team_id"],
            games=tuple(Game.from_dict(game) for game in data["games"]),
        )


def _not_yet_seen(game: Game) -> Game:
    """Return a schedule's game as it was before it started: no score, no result."""
    return replace(
        game,
        phase=Phase.SCHEDULED,
        status_detail="",
        period=None,
        clock=None,
        situation=None,
        home=replace(game.home, score=None, winner=None, shootout_score=None),
        away=replace(game.away, score=None, winner=None, shootout_score=None),
    )


def known_games(board: Scoreboard, schedule: TeamSchedule | None, team_id: str) -> list[Game]:
    """Return every game known of a team, from the board and its schedule, by start.

    The board's copy of a game wins over the schedule's. The schedule never
    tells more than the board shown (held back by a stream delay, maybe) could:
    a game of it that started after that board was fetched shows as not
    started yet.
    """
    games = {game.id: game for game in board.games if game.involves(team_id)}
    for game in schedule.games if schedule else ():
        if game.id in games or not game.involves(team_id):
            continue
        spoiler = game.phase is not Phase.SCHEDULED and game.start > board.fetched_at
        games[game.id] = _not_yet_seen(game) if spoiler else game
    return sorted(games.values(), key=lambda game: game.start)


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


@dataclass(frozen=True, slots=True)
class TeamGame:
    """A game seen from one of its teams."""

    game: Game
    side: Side

    @property
    def own(self) -> Competitor:
        """Return the followed team's side."""
        return self.game.competitor(self.side)

    @property
    def opponent(self) -> Competitor:
        """Return the other side."""
        return self.game.competitor(Side.AWAY if self.side is Side.HOME else Side.HOME)

    @property
    def result(self) -> Result | None:
        """Return the followed team's result once the game is final."""
        return self.game.result_for(self.own.team.id)


@dataclass(frozen=True, slots=True)
class TeamSnapshot:
    """What a followed team's entities show: its current and last games."""

    team: Team
    current: TeamGame | None
    last_final: TeamGame | None

    @classmethod
    def build(
        cls,
        scoreboard: Scoreboard,
        schedule: TeamSchedule | None,
        team: Team,
        now: datetime,
        recent: timedelta,
    ) -> TeamSnapshot:
        """Pick the team's current game and its latest final from the board and its schedule."""
        games = known_games(scoreboard, schedule, team.id)
        finals = [game for game in games if game.phase is Phase.FINAL and game.start <= now]

        def view(game: Game | None) -> TeamGame | None:
            side = game.side_of(team.id) if game else None
            return TeamGame(game, side) if game and side else None

        return cls(
            team=team,
            current=view(current_game(games, now, recent)),
            last_final=view(finals[-1] if finals else None),
        )
