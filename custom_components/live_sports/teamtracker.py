"""A followed team as ha-teamtracker's sensor shows it (pure).

ha-teamtracker-card, the dashboard card nearly every ha-teamtracker user runs,
renders one of five states and reads a fixed set of attribute names. This
module builds both from the domain, so the card works on a live_sports entity
unchanged. No Home Assistant here, no clock reads: the time is a parameter.

States:

- ``PRE``: the current game is still to start (or announced as delayed before
  its start time).
- ``IN``: it is under way (live, a break, or delayed once its start time came).
- ``POST``: it is over: final, postponed, canceled or suspended.
- ``BYE``: the team has no game on the board, but its league plays today.
- ``NOT_FOUND``: neither the team nor its league has a game on the board.
"""

from __future__ import annotations

from datetime import datetime, timedelta
import re
from typing import Any, Final

from .mma_card import MMA
from .models import Competitor, Game, Phase, Result, Scoreboard, Side, Team, report_line
from .providers.base import League
from .teamtracker_mma import mma_attributes

PRE: Final = "PRE"
IN: Final = "IN"
POST: Final = "POST"
BYE: Final = "BYE"
NOT_FOUND: Final = "NOT_FOUND"
STATES: Final = (PRE, IN, POST, BYE, NOT_FOUND)

LEAGUE_DAY: Final = timedelta(hours=12)
"""A game starting this close to now, either side, means the league plays today."""
DEFAULT_COLORS: Final = ("#d3d3d3", "#a9a9a9")
"""Neutral greys for a team the provider gives no colour (the card needs two)."""

_PHASE_STATES: Final = {
    Phase.SCHEDULED: PRE,
    Phase.LIVE: IN,
    Phase.BREAK: IN,
    Phase.FINAL: POST,
    Phase.POSTPONED: POST,
    Phase.CANCELED: POST,
    Phase.SUSPENDED: POST,
}
_HEX_COLOR: Final = re.compile(r"#?([0-9a-fA-F]{6})")
_MONTH: Final = 30 * 86400
_SPANS: Final = (
    (90, "a minute", 60),
    (45 * 60, "minutes", 60),
    (90 * 60, "an hour", 3600),
    (22 * 3600, "hours", 3600),
    (36 * 3600, "a day", 86400),
    (26 * 86400, "days", 86400),
    (46 * 86400, "a month", _MONTH),
)
"""Up to how many seconds each wording of `kickoff_in` is used (as arrow words it)."""

SIDE_FIELDS: Final = (
    "abbr",
    "id",
    "name",
    "long_name",
    "logo",
    "colors",
    "score",
    "record",
    "rank",
    "homeaway",
    "winner",
    "timeouts",
    "win_probability",
    "shots_on_target",
    "total_shots",
    "sets_won",
    "url",
)
"""What each of ``team_`` and ``opponent_`` carries."""

UNRECORDED: Final = frozenset(
    {
        "clock",
        "kickoff_in",
        "last_update",
        "last_play",
        "possession",
        "down_distance_text",
        "balls",
        "strikes",
        "outs",
        "on_first",
        "on_second",
        "on_third",
        *(
            f"{prefix}_{field}"
            for prefix in ("team", "opponent")
            for field in ("timeouts", "win_probability", "shots_on_target", "total_shots")
        ),
    }
)
"""Attributes that change every few seconds of play: kept out of the recorder.

Scores, sets, periods, records and the state stay recorded: they change a few
times a game and are what history is for.
"""


def teamtracker_state(game: Game | None, board: Scoreboard, now: datetime) -> str:
    """Return the card's state for a team whose current game is `game`."""
    if game is None:
        league_plays = any(
            other.phase.in_play or abs(other.start - now) <= LEAGUE_DAY for other in board.games
        )
        return BYE if league_plays else NOT_FOUND
    if game.phase is Phase.DELAYED:
        return IN if game.start <= now else PRE
    return _PHASE_STATES[game.phase]


def teamtracker_attributes(
    team: Team,
    game: Game | None,
    board: Scoreboard,
    *,
    now: datetime,
    league: League,
    provider: str,
) -> dict[str, Any]:
    """Return the attributes ha-teamtracker-card reads, for a followed team.

    `game` is the team's current game (None without one), `board` the
    scoreboard it comes from. Every attribute is present; those the provider
    has nothing for are None. ``last_update`` and ``kickoff_in`` are as of
    the provider's data (when the board was fetched), not of a poll that
    brought nothing new.
    """
    state = teamtracker_state(game, board, now)
    attributes: dict[str, Any] = {
        "sport": league.sport,
        "league": league.name,
        "league_logo": board.league_logo,
        "event_name": None,
        "event_url": None,
        "date": None,
        "kickoff_in": None,
        "venue": None,
        "location": None,
        "tv_network": None,
        "odds": None,
        "overunder": None,
        "series_summary": None,
        "quarter": None,
        "clock": None,
        "possession": None,
        "down_distance_text": None,
        "last_play": None,
        "balls": None,
        "strikes": None,
        "outs": None,
        "on_first": None,
        "on_second": None,
        "on_third": None,
        **_side("team", team, None, None),
        **_side("opponent", None, None, None),
        "last_update": board.fetched_at.isoformat(),
        "api_message": None,
    }
    side = game.side_of(team.id) if game else None
    if game is None or side is None:
        if state == NOT_FOUND:
            # The card shows "No upcoming games through <date>" for a message
            # ending in an ISO time (its last 17 characters), "API Error" else.
            attributes["api_message"] = (
                f"{provider} lists no {league.name} game for {team.abbreviation} "
                f"through {board.fetched_at:%Y-%m-%dT%H:%M}Z"
            )
        return attributes
    other = Side.AWAY if side is Side.HOME else Side.HOME
    situation = game.situation
    attributes.update(
        {
            "league": game.competition or league.name,
            "event_name": game.short_name or game.name,
            "event_url": game.url,
            "date": game.start.isoformat(),
            # As of the provider's data: an unchanged board writes nothing new.
            "kickoff_in": kickoff_in(game.start, board.fetched_at),
            "venue": game.venue.name if game.venue else None,
            "location": game.venue.location if game.venue else None,
            "tv_network": ", ".join(game.broadcasts) or None,
            "odds": odds_text(game),
            "overunder": game.odds.over_under if game.odds else None,
            "series_summary": series_summary(game),
            "quarter": game.period,
            "clock": clock_text(game, state),
            **_side("team", game.competitor(side).team, game, side, state),
            **_side("opponent", game.competitor(other).team, game, other, state),
        }
    )
    if game.sport == "tennis" and game.competition:
        # The round, where ha-teamtracker-card reads it for tennis ("Final - Jun 1 (Round 1)").
        attributes["down_distance_text"] = game.competition.rsplit(" — ", 1)[-1]
    if state == IN and (line := live_line(game, side)):
        attributes["last_play"] = line
    if situation is not None:
        attributes.update(
            {
                "possession": situation.possession,
                "down_distance_text": situation.down_distance,
                "last_play": situation.last_play or attributes["last_play"],
                "balls": situation.balls,
                "strikes": situation.strikes,
                "outs": situation.outs,
                "on_first": situation.on_first,
                "on_second": situation.on_second,
                "on_third": situation.on_third,
            }
        )
    if game.plays and attributes["last_play"] is None:
        # No ticker (soccer's ends with the plays): the latest play, as reported.
        attributes["last_play"] = _play_line(game, side)
    if game.sport == MMA:
        attributes.update(mma_attributes(game, side, board))
    return attributes


def _play_line(game: Game, side: Side) -> str:
    """Return the latest play as the match report words it, from the team's view."""
    play, own = game.plays[-1], game.competitor(side)
    other = game.competitor(Side.AWAY if side is Side.HOME else Side.HOME)
    scores = (play.home_score, play.away_score)
    mine, theirs = scores if side is Side.HOME else scores[::-1]
    if mine is None or theirs is None:
        mine, theirs = own.score, other.score
    line = f"{own.team.abbreviation} {mine}–{theirs} {other.team.abbreviation}"
    return report_line(play, line)


def _side(
    prefix: str, team: Team | None, game: Game | None, side: Side | None, state: str = PRE
) -> dict[str, Any]:
    """Return the ``team_``/``opponent_`` attributes of one side."""
    values: dict[str, Any] = dict.fromkeys(SIDE_FIELDS)
    if team is not None:
        values.update(
            abbr=team.abbreviation,
            id=team.id,
            name=team.short_name,
            long_name=team.name,
            logo=team.logo,
            colors=team_colors(team),
            url=team.url,
        )
    if game is not None and side is not None:
        competitor = game.competitor(side)
        values.update(
            score=_score(competitor, live=state == IN),
            record=competitor.record,
            rank=competitor.rank,
            homeaway=side.value,
            winner=_winner(game, competitor),
            timeouts=competitor.timeouts,
            win_probability=competitor.win_probability,
            # Tennis: the current set's tiebreak points, as ha-teamtracker shows them.
            shots_on_target=competitor.tiebreaks[-1]
            if competitor.tiebreaks
            else competitor.shots_on_target,
            total_shots=competitor.total_shots,
            sets_won=competitor.sets_won,
        )
    return {f"{prefix}_{field}": value for field, value in values.items()}


def _score(competitor: Competitor, *, live: bool) -> int | str | None:
    """Return the big score as ha-teamtracker shows it.

    With a shoot-out "3(4)"; cricket's whole line ("125/3 (16/20 ov, target
    156)"); in a volleyball set under way, that set's points (the sets won
    are the card's dots).
    """
    if competitor.score is not None and competitor.shootout_score is not None:
        return f"{competitor.score}({competitor.shootout_score})"
    if competitor.score_text is not None:
        return competitor.score_text
    if competitor.set_scores and live:
        return competitor.set_scores[-1]
    return competitor.score


def _winner(game: Game, competitor: Competitor) -> bool | None:
    """Return whether the side won, once the game is final."""
    result = game.result_for(competitor.team.id)
    return None if result is None else result is Result.WIN


def team_colors(team: Team) -> list[str]:
    """Return the team's primary and secondary colours as two ``#rrggbb`` strings."""
    primary = _hex(team.color)
    secondary = _hex(team.alternate_color)
    if primary is None:
        return [DEFAULT_COLORS[0], secondary or DEFAULT_COLORS[1]]
    return [primary, secondary or primary]


def _hex(color: str | None) -> str | None:
    match = _HEX_COLOR.fullmatch(color.strip()) if color else None
    return f"#{match.group(1).lower()}" if match else None


def odds_text(game: Game) -> str | None:
    """Return the betting line: the provider's own text ("PHI -140").

    Without one, the favourite and its spread ("ATL -3.5", "EVEN").
    """
    odds = game.odds
    if odds is not None and odds.details:
        return odds.details
    if odds is None or odds.spread is None:
        return None
    if odds.spread == 0:
        return "EVEN"
    if odds.favorite is None:
        return None
    return f"{game.competitor(odds.favorite).team.abbreviation} -{abs(odds.spread):.1f}"


LONG_CLOCK_SPORTS: Final = frozenset({"baseball", "softball", "volleyball", "tennis"})
"""Sports whose card shows the provider's long status ("Bottom 5th", "1st Set")."""


def clock_text(game: Game, state: str) -> str | None:
    """Return the status line of the card: the short one ("4:15 - 4th").

    Baseball and volleyball under way keep the long one ("Bottom 5th", "1st
    Set"), as ha-teamtracker shows them.
    """
    if state == IN and game.sport in LONG_CLOCK_SPORTS:
        return game.status_detail or game.status_short or None
    return game.status_short or game.status_detail or None


def live_line(game: Game, side: Side) -> str | None:
    """Return the ticker line of a game under way, from the followed team's view.

    Soccer: the possession share, then the goals and cards ("CLB 48.2%, MTL
    51.8%; 11' Yellow Card: Rudy Camacho (MTL)"). Volleyball: each set's points
    ("Set 1: MSST 25 KENN 20; Set 2: MSST 20 KENN 13").
    """
    own = game.competitor(side)
    other = game.competitor(Side.AWAY if side is Side.HOME else Side.HOME)
    names = {c.team.id: c.team.abbreviation for c in (own, other)}
    parts: list[str] = []
    if own.possession_share is not None and other.possession_share is not None:
        parts.append(
            f"{own.team.abbreviation} {own.possession_share:g}%, "
            f"{other.team.abbreviation} {other.possession_share:g}%"
        )
    for event in game.key_events:
        text = f"{event.clock} {event.kind}"
        if event.athlete:
            text += f": {event.athlete}"
        if team := names.get(event.team_id or ""):
            text += f" ({team})"
        parts.append(text)
    for number, (mine, theirs) in enumerate(zip(own.set_scores, other.set_scores, strict=False)):
        parts.append(
            f"Set {number + 1}: {own.team.abbreviation} {mine} {other.team.abbreviation} {theirs}"
        )
    return "; ".join(parts) or None


def series_summary(game: Game) -> str | None:
    """Return where the series stands: "Series tied 2-2", "BOS leads series 3-2"."""
    series = game.series
    if series is None:
        return None
    if series.home_wins == series.away_wins:
        return f"Series tied {series.home_wins}-{series.away_wins}"
    leader = game.home if series.home_wins > series.away_wins else game.away
    high, low = sorted((series.home_wins, series.away_wins), reverse=True)
    verb = "wins" if series.completed else "leads"
    return f"{leader.team.abbreviation} {verb} series {high}-{low}"


def kickoff_in(start: datetime, now: datetime) -> str:
    """Return how far the start is, as people say it: "in 2 hours", "3 days ago"."""
    seconds = (start - now).total_seconds()
    span = abs(seconds)
    if span < 45:
        return "just now"
    unit, size = next(
        ((unit, size) for limit, unit, size in _SPANS if span < limit), ("months", _MONTH)
    )
    text = unit if unit.startswith("a") else f"{max(2, round(span / size))} {unit}"
    return f"in {text}" if seconds > 0 else f"{text} ago"
