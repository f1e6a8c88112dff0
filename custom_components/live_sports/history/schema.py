"""What game history looks like in InfluxDB: measurements, tags, fields.

One measurement per league, ``<league>_scores``: a point each time a followed
team's game changes (tags ``game_id``, ``season``, ``week`` where the league has
weeks, ``home``/``away`` abbreviations, ``home_id``/``away_id``, ``status``;
fields ``home_score``, ``away_score``, ``period``, ``clock``), stamped with the
time the provider reported that state. And ``live_sports_events``: one point per
detected change, with a play's kind as a tag and its id, scorer, assists
and clock as fields (scoring plays, cards, a score change whose goal is
known). A point is identified by its measurement, tags and time, so a
point written twice (a retry after a lost answer) is stored once.

Points are built by ``influxdb3-python``'s ``Point``, imported only once history
runs (``HistorySink.async_start`` imports it in an executor): a fan without
history never loads the client nor pyarrow.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any, Final

from ..diff import ChangeKind, GameChange
from ..events import bus_event_type, short_type
from ..models import Game, Play, Scoreboard, Side

EVENTS_MEASUREMENT: Final = "live_sports_events"
PRECISION: Final = "ms"
"""Points' time precision (``WritePrecision.MS``)."""


def scores_measurement(league: str) -> str:
    """Return the scores measurement of a league ("nfl_scores")."""
    return f"{league}_scores"


def game_signature(game: Game) -> tuple[Any, ...]:
    """Return what makes a new scores point worth writing."""
    return (game.phase, game.home.score, game.away.score, game.period, game.clock)


def _line(
    measurement: str, tags: Mapping[str, str], fields: Mapping[str, Any], time_ms: int
) -> str:
    """Return one point in line protocol, built by the library's Point."""
    from influxdb_client_3 import Point  # noqa: PLC0415  # imported by async_start

    point: Any = Point(measurement)  # type: ignore[no-untyped-call]
    for key, value in tags.items():
        point.tag(key, value)
    for key, value in fields.items():
        if value is not None:
            point.field(key, value)
    point.time(time_ms, PRECISION)
    return str(point.to_line_protocol())


def _ms(at: datetime) -> int:
    return int(at.timestamp() * 1000)


def score_line(game: Game, at: datetime) -> str:
    """Return the scores point of a game's state at `at`."""
    tags = {
        "game_id": game.id,
        "home": game.home.team.abbreviation,
        "away": game.away.team.abbreviation,
        "home_id": game.home.team.id,
        "away_id": game.away.team.id,
        "status": game.phase.value,
    }
    if game.season is not None:
        tags["season"] = str(game.season)
    if game.week is not None:
        tags["week"] = str(game.week)
    fields = {
        "home_score": game.home.score,
        "away_score": game.away.score,
        "period": game.period,
        "clock": game.clock or "",
    }
    return _line(scores_measurement(game.league), tags, fields, _ms(at))


def event_line(change: GameChange, time_ms: int) -> str:
    """Return the point of one detected change."""
    game = change.game
    own = game.competitor(game.side_of(change.team_id) or Side.HOME)
    tags = {
        "league": game.league,
        "event": short_type(bus_event_type(change)),
        "change": change.kind.value,
        "team": own.team.abbreviation,
        "team_id": change.team_id,
        "game_id": game.id,
    }
    fields: dict[str, Any] = {
        "event_id": change.event_id,
        "home_score": game.home.score,
        "away_score": game.away.score,
        "period": game.period,
    }
    if change.kind is ChangeKind.SCORE_CHANGED and change.side is not None:
        fields["points"] = change.points
    if change.kind is ChangeKind.SCORE_CORRECTED:
        fields["points"] = change.points
    if (play := change.play) is not None:
        fields |= _play_fields(play)
        if change.kind is not ChangeKind.SCORE_CHANGED:
            tags["play_kind"] = play.kind.value
            fields["for_followed_team"] = play.team_id == change.team_id
    if change.kind is ChangeKind.GAME_ENDED and (result := change.result):
        fields["result"] = result.value
    return _line(EVENTS_MEASUREMENT, tags, fields, time_ms)


def _play_fields(play: Play) -> dict[str, Any]:
    """Return a play's fields: its id, scorer, assists, clock and the score after it."""
    fields: dict[str, Any] = {"play_id": play.id, "play_clock": play.clock}
    if play.scorer is not None:
        fields["scorer"] = play.scorer.name
        fields["scorer_id"] = play.scorer.id
    if play.assists:
        fields["assists"] = ", ".join(athlete.name for athlete in play.assists)
    return fields


FORGET_AFTER: Final = timedelta(days=3)
"""A game no released board has shown for this long is forgotten by `release_lines`."""

type Written = dict[str, tuple[tuple[Any, ...], datetime]]
"""Game id → the state last written and when a board last showed the game."""


def release_lines(
    board: Scoreboard,
    changes: Iterable[GameChange],
    team_ids: Collection[str],
    written: Written,
) -> list[str]:
    """Return the line protocol for a released scoreboard and its changes.

    `written` maps game ids to the state last written (and when last seen),
    and is updated: a game whose state did not change gets no new point. It
    holds the games of the last FORGET_AFTER only, so it does not grow over a
    season; a game leaves a board for a day at most (a team's schedule
    games make way for a game day's board), never for that long.
    """
    lines: list[str] = []
    now = board.fetched_at
    for game in board.games:
        if not any(game.involves(team_id) for team_id in team_ids):
            continue
        signature = game_signature(game)
        previous = written.get(game.id)
        written[game.id] = (signature, now)
        if previous is not None and previous[0] == signature:
            continue
        lines.append(score_line(game, board.fetched_at))
    for game_id in [key for key, (_, seen) in written.items() if now - seen > FORGET_AFTER]:
        del written[game_id]
    # Changes of one refresh share its time: a millisecond apart each, so that
    # two of the same kind (both sides scored) never overwrite each other.
    stamp = _ms(board.fetched_at)
    lines.extend(event_line(change, stamp + offset) for offset, change in enumerate(changes))
    return lines
