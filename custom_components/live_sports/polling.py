"""When to poll next: a pure policy from game phases, tempo and provider health.

No Home Assistant imports, no I/O, no clock reads: the time and a random number
are parameters, so every decision is reproducible in tests and benchmarks.

The policy, for the followed teams' games of one league:
- a game live: the sport's live tempo;
- a game in a break: a slow tempo until shortly before the break's shortest
  expected end (half-time, intermission, between innings), then the live tempo;
- a game due to start (start time passed, not started yet): the live tempo, so
  the kick-off is seen as soon as the provider shows it;
- a game starting within the pre-game window: the pre-game tempo;
- otherwise sleep until the pre-game window of the next known start, never
  longer than the idle cap, so schedule changes are still noticed.
Provider signals only ever slow it down: consecutive errors back off
exponentially with jitter (``retry.backoff``), ``Retry-After`` is honoured
exactly, and it never
polls faster than the response's ``Cache-Control: max-age``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Final

from .models import Game, Phase
from .retry import backoff

FLOOR: Final = timedelta(seconds=5)
"""Never poll a provider faster than this."""
DEFAULT_IDLE_CAP: Final = timedelta(hours=6)
MAX_IDLE_CAP: Final = timedelta(hours=24)
ERROR_BACKOFF_CAP: Final = timedelta(minutes=15)
DUE_WINDOW: Final = timedelta(hours=2)
"""How long after its start a game that has not started is still awaited closely."""
HALFTIME_WORDS: Final = ("half", "intermission")


@dataclass(frozen=True, slots=True)
class Tempo:
    """How fast to poll one sport in each situation."""

    live: timedelta
    break_: timedelta
    short_break: timedelta
    """Shortest expected break between periods (quarters, innings halves)."""
    long_break: timedelta
    """Shortest expected half-time or intermission."""
    long_break_after: tuple[int, ...] = ()
    """Periods after which a break is a long one, when the text does not say."""
    start_lag: timedelta = timedelta(0)
    """Least time from the listed start to the actual start, typically."""
    pregame: timedelta = timedelta(minutes=15)
    pregame_window: timedelta = timedelta(minutes=30)


TEMPOS: Final[dict[str, Tempo]] = {
    "football": Tempo(
        live=timedelta(seconds=15),
        break_=timedelta(seconds=60),
        short_break=timedelta(seconds=100),
        long_break=timedelta(minutes=11),
        long_break_after=(2,),
        start_lag=timedelta(minutes=1),
    ),
    "basketball": Tempo(
        live=timedelta(seconds=10),
        break_=timedelta(seconds=60),
        short_break=timedelta(seconds=110),
        long_break=timedelta(minutes=13),
        long_break_after=(2,),
        start_lag=timedelta(minutes=6),
    ),
    "hockey": Tempo(
        live=timedelta(seconds=10),
        break_=timedelta(seconds=60),
        short_break=timedelta(minutes=15),
        long_break=timedelta(minutes=15),
        start_lag=timedelta(minutes=5),
    ),
    "baseball": Tempo(
        live=timedelta(seconds=15),
        break_=timedelta(seconds=60),
        short_break=timedelta(seconds=105),
        long_break=timedelta(seconds=105),
        start_lag=timedelta(minutes=2),
    ),
    "soccer": Tempo(
        live=timedelta(seconds=10),
        break_=timedelta(seconds=60),
        short_break=timedelta(minutes=4),
        long_break=timedelta(minutes=14),
        long_break_after=(1,),
    ),
    "volleyball": Tempo(
        live=timedelta(seconds=15),
        break_=timedelta(seconds=30),
        short_break=timedelta(seconds=100),
        long_break=timedelta(seconds=100),
    ),
    # Four quarters; six minutes between them, twenty at half-time.
    "australian-football": Tempo(
        live=timedelta(seconds=15),
        break_=timedelta(seconds=60),
        short_break=timedelta(minutes=5),
        long_break=timedelta(minutes=18),
        long_break_after=(2,),
    ),
    # Two halves of forty minutes; half-time up to fifteen (union), ten (league).
    "rugby": Tempo(
        live=timedelta(seconds=15),
        break_=timedelta(seconds=60),
        short_break=timedelta(minutes=4),
        long_break=timedelta(minutes=10),
        long_break_after=(1,),
    ),
    "rugby-league": Tempo(
        live=timedelta(seconds=15),
        break_=timedelta(seconds=60),
        short_break=timedelta(minutes=4),
        long_break=timedelta(minutes=8),
        long_break_after=(1,),
    ),
    # Drinks, lunch, tea and innings breaks are long.
    "cricket": Tempo(
        live=timedelta(seconds=15),
        break_=timedelta(minutes=2),
        short_break=timedelta(minutes=4),
        long_break=timedelta(minutes=10),
    ),
    # Four quarters; two minutes between them, ten or more at half-time.
    "lacrosse": Tempo(
        live=timedelta(seconds=10),
        break_=timedelta(seconds=60),
        short_break=timedelta(seconds=100),
        long_break=timedelta(minutes=9),
        long_break_after=(2,),
    ),
    # Seven innings, breaks as in baseball.
    "softball": Tempo(
        live=timedelta(seconds=15),
        break_=timedelta(seconds=60),
        short_break=timedelta(seconds=90),
        long_break=timedelta(seconds=90),
        start_lag=timedelta(minutes=2),
    ),
    # Sets: a point every half minute, 90 s at a change of ends, 2 min between sets.
    "tennis": Tempo(
        live=timedelta(seconds=15),
        break_=timedelta(seconds=60),
        short_break=timedelta(seconds=90),
        long_break=timedelta(minutes=2),
        start_lag=timedelta(minutes=5),
    ),
    # Rounds of five minutes, one minute between them; bouts follow each other.
    "mma": Tempo(
        live=timedelta(seconds=10),
        break_=timedelta(seconds=30),
        short_break=timedelta(seconds=60),
        long_break=timedelta(seconds=60),
    ),
    # Four quarters of fifteen minutes; two between them, five to ten at half-time.
    "field-hockey": Tempo(
        live=timedelta(seconds=10),
        break_=timedelta(seconds=60),
        short_break=timedelta(seconds=100),
        long_break=timedelta(minutes=5),
        long_break_after=(2,),
    ),
}
DEFAULT_TEMPO: Final = Tempo(
    live=timedelta(seconds=15),
    break_=timedelta(seconds=60),
    short_break=timedelta(seconds=90),
    long_break=timedelta(minutes=10),
)
"""A sport without a table of its own (a league added by its path): gentle, every break short."""


class Reason(StrEnum):
    """Why the policy chose its delay (shown in diagnostics)."""

    LIVE = "live"
    BREAK = "break"
    DUE = "due"
    PREGAME = "pregame"
    IDLE = "idle"
    ERROR_BACKOFF = "error_backoff"
    RETRY_AFTER = "retry_after"
    MAX_AGE = "max_age"


@dataclass(frozen=True, slots=True)
class Bounds:
    """User-editable bounds (options flow), validated against the floor."""

    live: timedelta | None = None
    """Overrides every sport's live tempo when set."""
    idle_cap: timedelta = DEFAULT_IDLE_CAP

    def __post_init__(self) -> None:
        """Refuse bounds that would hammer the provider."""
        if self.live is not None and self.live < FLOOR:
            raise ValueError(f"live interval below the {FLOOR.seconds} s floor")
        if not FLOOR <= self.idle_cap <= MAX_IDLE_CAP:
            raise ValueError("idle cap out of range")


@dataclass(frozen=True, slots=True)
class Health:
    """What the provider's last responses said."""

    consecutive_errors: int = 0
    retry_after: timedelta | None = None
    max_age: timedelta | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    """The next delay and why."""

    delay: timedelta
    reason: Reason


@dataclass(frozen=True, slots=True)
class PollInput:
    """Everything the policy looks at."""

    now: datetime
    sport: str
    games: Collection[Game]
    team_ids: Collection[str]
    phase_since: Mapping[str, datetime] = field(default_factory=dict)
    """When each game entered its current phase, where known."""
    health: Health = Health()
    bounds: Bounds = Bounds()
    fixed: timedelta | None = None
    """A provider's own interval (the Demo league): used while it is healthy."""
    random: float = 0.5
    """A number in [0, 1) for jitter."""


def _is_long_break(game: Game, tempo: Tempo) -> bool:
    detail = game.status_detail.casefold()
    if any(word in detail for word in HALFTIME_WORDS):
        return True
    return game.period in tempo.long_break_after


def _game_delay(game: Game, inp: PollInput, tempo: Tempo, live: timedelta) -> Decision:
    """Return the delay one followed game asks for."""
    now = inp.now
    if game.phase is Phase.LIVE:
        return Decision(live, Reason.LIVE)
    if game.phase is Phase.BREAK:
        since = inp.phase_since.get(game.id)
        if since is None:
            return Decision(live, Reason.BREAK)
        shortest = tempo.long_break if _is_long_break(game, tempo) else tempo.short_break
        until_wake = since + shortest - live - now
        if until_wake <= live:
            return Decision(live, Reason.BREAK)
        return Decision(min(tempo.break_, until_wake), Reason.BREAK)
    if game.phase is Phase.DELAYED and game.start <= now:
        return Decision(tempo.break_, Reason.DUE)
    if game.phase in (Phase.SCHEDULED, Phase.DELAYED):
        due = game.start + tempo.start_lag
        until = due - now
        if until <= timedelta(0):
            if -until > DUE_WINDOW:
                # Long overdue and never started: the schedule is wrong.
                return Decision(tempo.pregame, Reason.PREGAME)
            return Decision(live, Reason.DUE)
        if until <= tempo.pregame_window:
            return Decision(min(tempo.pregame, until), Reason.PREGAME)
        return Decision(until - tempo.pregame_window, Reason.IDLE)
    # Final, postponed, suspended, canceled: nothing to watch closely.
    return Decision(inp.bounds.idle_cap, Reason.IDLE)


def next_poll(inp: PollInput) -> Decision:
    """Return how long to wait before the next request."""
    if inp.fixed is not None and not inp.health.consecutive_errors:
        return Decision(inp.fixed, Reason.LIVE)
    tempo = TEMPOS.get(inp.sport, DEFAULT_TEMPO)
    live = max(inp.bounds.live or tempo.live, FLOOR)
    decision = Decision(inp.bounds.idle_cap, Reason.IDLE)
    followed = set(inp.team_ids)
    for game in inp.games:
        if followed.isdisjoint((game.home.team.id, game.away.team.id)):
            continue
        candidate = _game_delay(game, inp, tempo, live)
        if candidate.delay < decision.delay:
            decision = candidate
    if decision.delay > inp.bounds.idle_cap:
        decision = Decision(inp.bounds.idle_cap, decision.reason)
    health = inp.health
    if health.retry_after is not None:
        return Decision(max(health.retry_after, FLOOR), Reason.RETRY_AFTER)
    if health.consecutive_errors:
        wait = backoff(health.consecutive_errors, 2 * live, ERROR_BACKOFF_CAP, inp.random)
        if wait > decision.delay:
            decision = Decision(wait, Reason.ERROR_BACKOFF)
    if health.max_age is not None and health.max_age > decision.delay:
        decision = Decision(health.max_age, Reason.MAX_AGE)
    if decision.delay < FLOOR:
        decision = Decision(FLOOR, decision.reason)
    return decision
