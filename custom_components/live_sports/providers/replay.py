"""The Demo league: offline, deterministic games at accelerated time.

Eight real clubs play a round of four games every ten minutes. Each game is a
pure function of the wall clock: one minute of pre-game, two accelerated halves
of two minutes with a one-minute half-time, then full time. Games start 75
seconds apart, so within a minute or two of adding the league something is live
and scores move, with invented scorers, assists and cards at a soccer-like
rate (``replay_plays.py``). Nothing here touches the network or a file.
"""

from __future__ import annotations

import base64
from collections.abc import Collection
from datetime import UTC, datetime, timedelta
import hashlib
from typing import Final

from ..models import Competitor, Game, Phase, Scoreboard, Team, Venue
from .base import League
from .replay_plays import game_plays, goal_side

CYCLE: Final = 600
"""Seconds between two rounds."""
PREGAME: Final = 60
STAGGER: Final = 75
HALF: Final = 120
HALFTIME: Final = 60
GAME_LENGTH: Final = 2 * HALF + HALFTIME

DEMO_LEAGUE: Final = League(
    key="demo",
    name="Demo (offline)",
    sport="soccer",
    game_length=timedelta(seconds=GAME_LENGTH),
    recent_final=timedelta(seconds=GAME_LENGTH + 2 * 60),
)
DEMO_POLL_INTERVAL: Final = timedelta(seconds=5)
"""Games move every few seconds: poll at this, whatever the phase."""
MINUTES_PER_HALF: Final = 45

_CLUBS: Final = (
    ("1", "ARS", "Arsenal", "Arsenal", "EF0107", "Emirates Stadium"),
    ("2", "LIV", "Liverpool", "Liverpool", "C8102E", "Anfield"),
    ("3", "MCI", "Manchester City", "Man City", "6CABDD", "Etihad Stadium"),
    ("4", "CHE", "Chelsea", "Chelsea", "034694", "Stamford Bridge"),
    ("5", "TOT", "Tottenham Hotspur", "Spurs", "132257", "Tottenham Hotspur Stadium"),
    ("6", "NEW", "Newcastle United", "Newcastle", "241F20", "St James' Park"),
    ("7", "AVL", "Aston Villa", "Aston Villa", "670E36", "Villa Park"),
    ("8", "BHA", "Brighton & Hove Albion", "Brighton", "0057B8", "Amex Stadium"),
)


def _badge(abbreviation: str, color: str) -> str:
    """Return a small SVG badge as a data URL, so pictures work offline."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        f'<circle cx="32" cy="32" r="30" fill="#{color}"/>'
        '<text x="32" y="39" font-family="sans-serif" font-size="18" '
        f'font-weight="bold" fill="#fff" text-anchor="middle">{abbreviation}</text>'
        "</svg>"
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


DEMO_TEAMS: Final = tuple(
    Team(
        id=team_id,
        abbreviation=abbreviation,
        name=name,
        short_name=short_name,
        logo=_badge(abbreviation, color),
        color=color,
    )
    for team_id, abbreviation, name, short_name, color, _ in _CLUBS
)
_VENUES: Final = {club[0]: club[5] for club in _CLUBS}


def pairings(round_index: int) -> list[tuple[Team, Team]]:
    """Return the round's games by the circle method (seven distinct rounds)."""
    others = list(DEMO_TEAMS[1:])
    shift = round_index % len(others)
    rotated = [DEMO_TEAMS[0], *others[shift:], *others[:shift]]
    half = len(rotated) // 2
    games = list(zip(rotated[:half], reversed(rotated[half:]), strict=True))
    # Alternate home advantage between rounds.
    return [(a, b) if round_index % 2 else (b, a) for a, b in games]


def demo_game_id(round_index: int, slot: int) -> str:
    """Return the id of a round's game in a slot ("demo-2950000-1")."""
    return f"demo-{round_index}-{slot}"


def final_score(game_id: str) -> tuple[int, int]:
    """Return a Demo game's home and away goals at full time (what `demo_game` counts)."""
    goals = [goal_side(game_id, minute) for minute in range(1, 2 * MINUTES_PER_HALF + 1)]
    return goals.count("home"), goals.count("away")


def _shot(game_id: str, minute: int) -> tuple[str, bool] | None:
    """Return which side shot in a game minute and whether on target (deterministic).

    Goals are shots on target of their own (see `goal_side`); these are the others.
    """
    digest = hashlib.sha256(f"{game_id}:{minute}:shot".encode()).digest()
    if digest[0] % 4:
        return None
    return ("home" if digest[1] % 2 else "away"), digest[2] % 3 == 0


def _shots(game_id: str, minute: int, side: str, goals: int) -> tuple[int, int]:
    """Return a side's shots on target and total shots up to a minute."""
    shots = (_shot(game_id, m) for m in range(1, minute + 1))
    on_target_flags = [shot[1] for shot in shots if shot and shot[0] == side]
    on_target = goals + sum(on_target_flags)
    return on_target, on_target + on_target_flags.count(False)


def demo_game(round_index: int, slot: int, home: Team, away: Team, now: datetime) -> Game:
    """Return a Demo game (a round's slot, home against away) as it stands at `now`."""
    start_ts = round_index * CYCLE + PREGAME + slot * STAGGER
    start = datetime.fromtimestamp(start_ts, UTC)
    elapsed = (now - start).total_seconds()
    game_id = demo_game_id(round_index, slot)
    minute, period, clock = 0, None, None
    if elapsed < 0:
        phase, detail = Phase.SCHEDULED, "Scheduled"
    elif elapsed < HALF:
        minute = 1 + int(elapsed * MINUTES_PER_HALF / HALF)
        phase, detail, period = Phase.LIVE, f"First half {minute}'", 1
    elif elapsed < HALF + HALFTIME:
        minute, phase, detail, period = MINUTES_PER_HALF, Phase.BREAK, "Halftime", 1
    elif elapsed < GAME_LENGTH:
        second_half = elapsed - HALF - HALFTIME
        minute = MINUTES_PER_HALF + 1 + int(second_half * MINUTES_PER_HALF / HALF)
        phase, detail, period = Phase.LIVE, f"Second half {minute}'", 2
    else:
        minute, phase, detail, period = 2 * MINUTES_PER_HALF, Phase.FINAL, "Full time", 2
    if phase is Phase.LIVE:
        clock = f"{minute}'"
    goals = [goal_side(game_id, m) for m in range(1, minute + 1)]
    home_score, away_score = goals.count("home"), goals.count("away")
    final = phase is Phase.FINAL
    scored = phase is not Phase.SCHEDULED
    home_on_target, home_shots = _shots(game_id, minute, "home", home_score)
    away_on_target, away_shots = _shots(game_id, minute, "away", away_score)
    return Game(
        id=game_id,
        league=DEMO_LEAGUE.key,
        sport=DEMO_LEAGUE.sport,
        name=f"{away.name} at {home.name}",
        short_name=f"{away.abbreviation} @ {home.abbreviation}",
        start=start,
        phase=phase,
        status_detail=detail,
        home=Competitor(
            team=home,
            score=home_score if scored else None,
            winner=home_score > away_score if final else None,
            shots_on_target=home_on_target if scored else None,
            total_shots=home_shots if scored else None,
        ),
        away=Competitor(
            team=away,
            score=away_score if scored else None,
            winner=away_score > home_score if final else None,
            shots_on_target=away_on_target if scored else None,
            total_shots=away_shots if scored else None,
        ),
        period=period,
        clock=clock,
        venue=Venue(name=_VENUES[home.id]),
        broadcasts=("Demo TV",),
        season=start.year,
        plays=game_plays(game_id, home.id, away.id, minute, MINUTES_PER_HALF) if scored else (),
    )


def demo_scoreboard(now: datetime) -> Scoreboard:
    """Return the last, current and next round of the Demo league at `now`."""
    current = int(now.timestamp()) // CYCLE
    games = [
        demo_game(round_index, slot, home, away, now)
        for round_index in (current - 1, current, current + 1)
        for slot, (home, away) in enumerate(pairings(round_index))
    ]
    return Scoreboard(league=DEMO_LEAGUE.key, fetched_at=now, games=tuple(games))


class DemoProvider:
    """Serve the Demo league without any I/O."""

    name = "Demo"
    attribution: str | None = None
    fixed_interval: timedelta | None = DEMO_POLL_INTERVAL
    league = DEMO_LEAGUE
    max_age: timedelta | None = None

    async def async_get_teams(self) -> list[Team]:
        """Return the demo clubs sorted by name."""
        return sorted(DEMO_TEAMS, key=lambda team: team.name)

    async def async_get_scoreboard(self, team_ids: Collection[str], now: datetime) -> Scoreboard:
        """Return the demo games around `now`."""
        return demo_scoreboard(now)
