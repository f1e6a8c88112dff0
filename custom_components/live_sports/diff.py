"""What changed between two scoreboards, from each followed team's view.

Pure: games in, typed changes out, plus the state to remember for the next
diff (persisted by the coordinator, so a restart neither repeats nor misses a
change). A game seen for the first time is only remembered: nothing that
already happened before we looked fires.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
import hashlib
from typing import Any, Final

from .models import Game, Phase, Play, Result, Side
from .play_changes import (
    PlayMemory,
    PlayNews,
    confirmed_correction,
    forget_above,
    play_news,
    remember,
)

INTERRUPTED: Final = (Phase.POSTPONED, Phase.DELAYED, Phase.SUSPENDED, Phase.CANCELED)
FORGET_AFTER: Final = timedelta(days=3)
"""A game no longer on the board is forgotten this long after its start."""


class ChangeKind(StrEnum):
    """The kinds of change the integration reports."""

    GAME_STARTED = "game_started"
    SCORE_CHANGED = "score_changed"
    PERIOD_CHANGED = "period_changed"
    BREAK_STARTED = "break_started"
    BREAK_ENDED = "break_ended"
    GAME_ENDED = "game_ended"
    STATUS_CHANGED = "game_status_changed"
    SCORING_PLAY = "scoring_play"
    CARD = "card"
    PLAY_UPDATED = "play_updated"
    SCORE_CORRECTED = "score_corrected"


@dataclass(frozen=True, slots=True)
class GameState:
    """What is remembered of a game between refreshes."""

    phase: Phase
    period: int | None
    home_score: int | None
    away_score: int | None
    start: datetime
    since: datetime
    """When the phase was first seen."""
    started: bool = False
    seq: int = 0
    """Changes reported for this game so far: part of each change's id."""
    plays: PlayMemory | None = None
    """The plays reported so far (None: stored before plays were tracked)."""
    correction: tuple[Side, int] | None = None
    """A side whose score went down on the last board, and its score before."""
    baseline: tuple[int, int] | None = None
    """The score (home, away) when plays were first tracked: goals up to it are old."""

    @classmethod
    def of(cls, game: Game, now: datetime) -> GameState:
        """Return the state of a game first seen now."""
        return cls(
            phase=game.phase,
            period=game.period,
            home_score=game.home.score,
            away_score=game.away.score,
            start=game.start,
            since=now,
            started=game.phase.in_play or game.phase is Phase.FINAL,
            plays=remember(game.plays),
            baseline=(_score(game.home.score), _score(game.away.score)),
        )

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON form kept in the store."""
        data = asdict(self)
        data["phase"] = self.phase.value
        data["start"] = self.start.isoformat()
        data["since"] = self.since.isoformat()
        data["plays"] = [list(pair) for pair in self.plays] if self.plays is not None else None
        if self.correction is not None:
            data["correction"] = [self.correction[0].value, self.correction[1]]
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> GameState:
        """Read the stored JSON form."""
        return cls(
            phase=Phase(data["phase"]),
            period=data["period"],
            home_score=data["home_score"],
            away_score=data["away_score"],
            start=datetime.fromisoformat(data["start"]),
            since=datetime.fromisoformat(data["since"]),
            started=bool(data["started"]),
            seq=int(data["seq"]),
            plays=tuple((str(key), str(scorer)) for key, scorer in data["plays"])
            if data.get("plays") is not None
            else None,
            correction=(Side(correction[0]), int(correction[1]))
            if (correction := data.get("correction"))
            else None,
            baseline=(int(baseline[0]), int(baseline[1]))
            if (baseline := data.get("baseline"))
            else None,
        )


def change_id(game: Game, team_id: str, seq: int, kind: ChangeKind) -> str:
    """Return a stable id: the same change always gets the same id."""
    key = f"{game.league}:{game.id}:{team_id}:{seq}:{kind}"
    return hashlib.sha256(key.encode()).hexdigest()[:24]


@dataclass(frozen=True, slots=True)
class GameChange:
    """One change of one game, seen from one followed team: what every sink receives."""

    kind: ChangeKind
    game: Game
    team_id: str
    event_id: str
    """Stable across retries, reloads and restarts (kept with a delayed release)."""
    side: Side | None = None
    """The side that scored."""
    points: int | None = None
    previous_phase: Phase | None = None
    play: Play | None = None
    """The play (a scoring play, card or update; a score change: its latest goal)."""

    @property
    def result(self) -> Result | None:
        """Return the followed team's result for a game that ended."""
        return self.game.result_for(self.team_id)

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON form kept with a release waiting for the stream delay."""
        return {
            "kind": self.kind.value,
            "event_id": self.event_id,
            "team_id": self.team_id,
            "game": self.game.as_dict(),
            "side": self.side.value if self.side else None,
            "points": self.points,
            "previous_phase": self.previous_phase.value if self.previous_phase else None,
            "play": self.play.as_dict() if self.play else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> GameChange:
        """Read the stored JSON form."""
        side, previous = data.get("side"), data.get("previous_phase")
        return cls(
            kind=ChangeKind(data["kind"]),
            game=Game.from_dict(data["game"]),
            team_id=data["team_id"],
            event_id=data["event_id"],
            side=Side(side) if side else None,
            points=data.get("points"),
            previous_phase=Phase(previous) if previous else None,
            play=Play.from_dict(play) if (play := data.get("play")) else None,
        )


def _score(value: int | None) -> int:
    return value or 0


def _play_kind(news: PlayNews) -> ChangeKind | None:
    """Return the change a play brings: a scoring play, a card, an update or none."""
    if news.updated:
        return ChangeKind.PLAY_UPDATED
    if news.play.kind.is_card:
        return ChangeKind.CARD
    if news.play.points > 0 or news.play.kind.in_shootout:
        return ChangeKind.SCORING_PLAY
    return None


def _latest_goal(game: Game, side: Side, news: list[PlayNews]) -> Play | None:
    """Return the latest new play that moved a side's score, if the board has it."""
    team_id = game.competitor(side).team.id
    goals = [
        item.play
        for item in news
        if not item.updated and item.play.changes_score and item.play.team_id == team_id
    ]
    return goals[-1] if goals else None


def _game_changes(
    before: GameState, game: Game, news: list[PlayNews]
) -> list[tuple[ChangeKind, dict[str, Any]]]:
    """Return the kinds of change between a remembered state and a game."""
    found: list[tuple[ChangeKind, dict[str, Any]]] = []
    phase, was = game.phase, before.phase
    if phase.in_play and not before.started:
        found.append((ChangeKind.GAME_STARTED, {}))
    if phase is not was and phase in INTERRUPTED:
        found.append((ChangeKind.STATUS_CHANGED, {"previous_phase": was}))
    if phase.in_play and was in INTERRUPTED and before.started:
        found.append((ChangeKind.STATUS_CHANGED, {"previous_phase": was}))
    if was is Phase.BREAK and phase is Phase.LIVE:
        found.append((ChangeKind.BREAK_ENDED, {}))
    if (
        phase.in_play
        and before.period is not None
        and game.period is not None
        and game.period != before.period
    ):
        found.append((ChangeKind.PERIOD_CHANGED, {}))
    if (corrected := confirmed_correction(before.correction, game)) is not None:
        side = before.correction[0] if before.correction else Side.HOME
        found.append((ChangeKind.SCORE_CORRECTED, {"side": side, "points": corrected}))
    for item in news:
        if kind := _play_kind(item):
            found.append((kind, {"side": game.side_of(item.play.team_id or ""), "play": item.play}))
    if phase.in_play or phase is Phase.FINAL:
        for side, old, new in (
            (Side.HOME, before.home_score, game.home.score),
            (Side.AWAY, before.away_score, game.away.score),
        ):
            if new is not None and _score(new) != _score(old):
                points = new - _score(old)
                goal = _latest_goal(game, side, news) if points > 0 else None
                found.append(
                    (ChangeKind.SCORE_CHANGED, {"side": side, "points": points, "play": goal})
                )
    if phase is Phase.BREAK and was is not Phase.BREAK:
        found.append((ChangeKind.BREAK_STARTED, {}))
    if phase is Phase.FINAL and was is not Phase.FINAL:
        found.append((ChangeKind.GAME_ENDED, {}))
    return found


def _lowered(before: GameState, game: Game) -> tuple[Side, int] | None:
    """Return the side whose score went down on this board, and its score before."""
    if not (game.phase.in_play or game.phase is Phase.FINAL):
        return None
    for side, old, new in (
        (Side.HOME, before.home_score, game.home.score),
        (Side.AWAY, before.away_score, game.away.score),
    ):
        if new is not None and old is not None and new < old:
            return side, old
    return None


def diff(
    previous: Mapping[str, GameState],
    games: Iterable[Game],
    team_ids: Collection[str],
    now: datetime,
) -> tuple[list[GameChange], dict[str, GameState]]:
    """Return the changes of the followed teams' games and the state to keep."""
    # Each followed team's place in `team_ids`, which orders a game's changes.
    followed = {team_id: index for index, team_id in enumerate(dict.fromkeys(team_ids))}
    states: dict[str, GameState] = {}
    changes: list[GameChange] = []
    seen: set[str] = set()
    for game in games:
        # The same as game.involves() for each followed team, without a method call
        # per team and game: a refresh diffs every game on the board.
        home, away = game.home.team.id, game.away.team.id
        teams = [team_id for team_id in (home, away) if team_id in followed]
        if game.home.members or game.away.members:  # a pair: its athletes play too
            pairs = (*game.home.members, *game.away.members)
            teams += [team_id for team_id in pairs if team_id in followed]
        if not teams or game.id in seen:
            continue
        if len(teams) > 1:  # both sides followed (or a team against itself): each once
            teams = sorted(dict.fromkeys(teams), key=followed.__getitem__)
        seen.add(game.id)
        before = previous.get(game.id)
        if before is None:
            states[game.id] = GameState.of(game, now)
            continue
        if (  # most games of a refresh: unmoved, no plays; the state as it was, at once
            not game.plays
            and before.plays is not None
            and before.baseline is not None
            and before.correction is None
            and game.phase is before.phase
            and (game.period, game.home.score, game.away.score, game.start)
            == (before.period, before.home_score, before.away_score, before.start)
            and (before.started or not (game.phase.in_play or game.phase is Phase.FINAL))
        ):
            states[game.id] = before
            continue
        seq = before.seq
        baseline = before.baseline or (_score(before.home_score), _score(before.away_score))
        news, plays = play_news(before.plays, game.plays, baseline)
        correction = _lowered(before, game)
        if confirmed_correction(before.correction, game) is not None:
            home_now, away_now = _score(game.home.score), _score(game.away.score)
            plays = forget_above(plays, home_now, away_now)
            baseline = (min(baseline[0], home_now), min(baseline[1], away_now))
        for kind, details in _game_changes(before, game, news):
            seq += 1
            changes.extend(
                GameChange(
                    kind=kind,
                    game=game,
                    team_id=team_id,
                    event_id=change_id(game, team_id, seq, kind),
                    **details,
                )
                for team_id in teams
            )
        if (
            seq == before.seq
            and game.phase is before.phase
            and (game.period, game.home.score, game.away.score, game.start)
            == (before.period, before.home_score, before.away_score, before.start)
            and (before.started or not (game.phase.in_play or game.phase is Phase.FINAL))
            and plays is before.plays
            and baseline == before.baseline
            and correction is before.correction is None
        ):
            states[game.id] = before  # nothing moved: the same state, not a copy
            continue
        states[game.id] = replace(
            before,
            phase=game.phase,
            period=game.period,
            home_score=game.home.score,
            away_score=game.away.score,
            start=game.start,
            since=before.since if game.phase is before.phase else now,
            started=before.started or game.phase.in_play or game.phase is Phase.FINAL,
            seq=seq,
            plays=plays,
            correction=correction,
            baseline=baseline,
        )
    for game_id, state in previous.items():
        if game_id not in states and now - state.start < FORGET_AFTER:
            states[game_id] = state
    return changes, states
