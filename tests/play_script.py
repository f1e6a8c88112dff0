"""A scripted Demo board for the play tests: ARS v CHE, its score and plays at each poll."""

from __future__ import annotations

from collections.abc import Generator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from unittest.mock import patch

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.live_sports.models import (
    Athlete,
    Competitor,
    Game,
    Phase,
    Play,
    PlayKind,
    Scoreboard,
)
from custom_components.live_sports.providers.replay import CYCLE, DEMO_TEAMS

from .conftest import league_entry

NOW = datetime.fromtimestamp(CYCLE * 2_950_000, UTC)
ARSENAL, CHELSEA = DEMO_TEAMS[0], DEMO_TEAMS[3]
GAME_ID = "script-1"
ENTITY = "event.arsenal_game_event"
SAKA = Athlete(id="s7", name="Bukayo Saka", short_name="B. Saka", jersey="7")
HAVERTZ = Athlete(id="k29", name="Kai Havertz", short_name="K. Havertz", jersey="29")
PALMER = Athlete(id="c20", name="Cole Palmer", short_name="C. Palmer", jersey="20")


def goal(
    minute: int,
    home: int,
    away: int,
    scorer: Athlete | None = SAKA,
    kind: PlayKind = PlayKind.GOAL,
    team: str = ARSENAL.id,
) -> Play:
    """Return a goal of the scripted game (Arsenal at home) at a minute."""
    return Play(
        id=f"g{minute}",
        kind=kind,
        team_id=team,
        period=1 if minute <= 45 else 2,
        clock=f"{minute}'",
        scorer=scorer,
        points=1,
        home_score=home,
        away_score=away,
    )


@dataclass
class Script:
    """What the provider shows now: the score and the plays of ARS v CHE."""

    home: int = 0
    away: int = 0
    plays: tuple[Play, ...] = ()
    minute: int = 10
    calls: list[datetime] = field(default_factory=list)

    def show(self, home: int, away: int, *plays: Play) -> None:
        """Show this score and these plays from the next poll on."""
        self.home, self.away, self.plays = home, away, plays
        self.minute += 1

    def board(self, now: datetime) -> Scoreboard:
        """Return the scripted board."""
        self.calls.append(now)
        game = Game(
            id=GAME_ID,
            league="demo",
            sport="soccer",
            name="Chelsea at Arsenal",
            short_name="CHE @ ARS",
            start=NOW - timedelta(minutes=20),
            phase=Phase.LIVE,
            status_detail=f"{self.minute}'",
            home=Competitor(team=ARSENAL, score=self.home),
            away=Competitor(team=CHELSEA, score=self.away),
            period=1,
            clock=f"{self.minute}'",
            plays=self.plays,
        )
        return Scoreboard(league="demo", fetched_at=now, games=(game,))


@contextmanager
def serve_script() -> Generator[Script]:
    """Serve a scripted board in place of the Demo league's."""
    scripted = Script()
    with patch("custom_components.live_sports.providers.replay.demo_scoreboard", scripted.board):
        yield scripted


async def setup_script_entry(
    hass: HomeAssistant, entry: MockConfigEntry | None = None
) -> MockConfigEntry:
    """Set up a Demo entry following Arsenal (by default)."""
    entry = entry or league_entry("demo", [ARSENAL.id])
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry
