"""Main-thread CPU of one changed NFL refresh, at 1 and at 32 followed teams.

    .venv/bin/python benchmarks/refresh.py [--refreshes N]

A real Home Assistant (pytest-homeassistant-custom-component's ``hass``) runs
the integration from a config entry, every entity enabled (Team tracker
too); no recorder (its thread is not the event loop's). The NFL provider is replaced by a
scripted one: a Sunday board of 16 games, all live. On each refresh every
game's clock moves on and one side of every game scores, so each followed
team's entities change and its events fire (bus, event entity). Measured:
the event loop thread's CPU time (``time.thread_time``) from the refresh's
timer firing until Home Assistant is idle again, the median over
``--refreshes`` refreshes after three to warm up; once following one team,
once following all 32. The last line is machine-readable.

Runs under pytest (for Home Assistant's test harness); the figures are
printed after it.
"""

from __future__ import annotations

import argparse
from collections.abc import Collection
from datetime import UTC, datetime, timedelta
import os
from pathlib import Path
import statistics
import sys
import time
from typing import Any
from unittest.mock import PropertyMock, patch

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hass_runs import TableNotReached, run_scenarios, store  # noqa: E402

import custom_components.live_sports  # noqa: E402, F401  (before Home Assistant's loader looks)

REFRESHES_ENV = "LIVE_SPORTS_REFRESH_COUNT"
START = datetime(2026, 11, 1, 19, 0, tzinfo=UTC)
KICKOFF = START - timedelta(minutes=40)
WARM_UP = 3


class SundayProvider:
    """Sixteen live NFL games; every call moves each game's clock and adds a score."""

    name = "Scripted"
    attribution = None
    fixed_interval = None
    max_age = None

    def __init__(self, league: Any) -> None:
        """Serve 32 teams, 2k-1 hosting 2k."""
        from custom_components.live_sports.models import Team  # noqa: PLC0415

        self._league = league
        self.teams = [
            Team(id=str(n), abbreviation=f"T{n:02d}", name=f"Team {n}", short_name=f"T{n}")
            for n in range(1, 33)
        ]
        self._calls = 0

    @property
    def league(self) -> Any:
        """Return the league served."""
        return self._league

    async def async_get_teams(self) -> list[Any]:
        """Return the 32 teams."""
        return self.teams

    async def async_get_scoreboard(self, team_ids: Collection[str], now: datetime) -> Any:
        """Return a new board: clocks moved on, one side of each game scored."""
        from custom_components.live_sports.models import (  # noqa: PLC0415
            Competitor,
            Game,
            Phase,
            Scoreboard,
        )

        self._calls += 1
        call = self._calls
        left = 900 - (call * 7) % 900
        clock = f"{left // 60}:{left % 60:02d}"
        games = tuple(
            Game(
                id=f"g{number}",
                league=self._league.key,
                sport=self._league.sport,
                name=f"{away.name} at {home.name}",
                short_name=f"{away.abbreviation} @ {home.abbreviation}",
                start=KICKOFF,
                phase=Phase.LIVE,
                status_detail=f"{clock} - 2nd",
                home=Competitor(team=home, score=3 * ((call + 1) // 2)),
                away=Competitor(team=away, score=3 * (call // 2)),
                period=2,
                clock=clock,
            )
            for number, (home, away) in enumerate(
                zip(self.teams[0::2], self.teams[1::2], strict=True)
            )
        )
        return Scoreboard(league=self._league.key, fetched_at=now, games=games)


@pytest.fixture(autouse=True)
def _integration(enable_custom_integrations: None) -> None:
    """Load custom integrations."""


@pytest.mark.parametrize("followed", [1, 32])
async def test_refresh(hass: Any, freezer: Any, followed: int) -> None:
    """Follow `followed` teams; time the changed refreshes."""
    from pytest_homeassistant_custom_component.common import (  # noqa: PLC0415
        MockConfigEntry,
        async_fire_time_changed,
    )

    from custom_components.live_sports.const import CONF_LEAGUE, DOMAIN  # noqa: PLC0415
    from custom_components.live_sports.subentries import team_subentry  # noqa: PLC0415

    freezer.move_to(START)
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="NFL",
        unique_id="nfl",
        data={CONF_LEAGUE: "nfl"},
        version=2,
        minor_version=1,
        subentries_data=[team_subentry(str(n), str(n)) for n in range(1, followed + 1)],
    )
    refreshes = int(os.environ.get(REFRESHES_ENV, "20"))
    with (
        patch(
            "custom_components.live_sports.runtime.build_provider",
            lambda _session, league: SundayProvider(league),
        ),
        patch("custom_components.live_sports.runtime.fallbacks_for", return_value=[]),
        # A table is not what this measures, and a benchmark asks no network.
        patch(
            "custom_components.live_sports.runtime.build_standings_source",
            return_value=TableNotReached(),
        ),
        patch(
            "homeassistant.helpers.entity.Entity.entity_registry_enabled_default",
            new_callable=PropertyMock,
            return_value=True,
        ),
    ):
        entry.add_to_hass(hass)
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
        coordinator = entry.runtime_data.coordinator
        states = len(hass.states.async_all())
        times: list[float] = []
        for n in range(WARM_UP + refreshes):
            step = (coordinator.update_interval or timedelta(seconds=15)) + timedelta(seconds=1)
            freezer.tick(step)
            began = time.thread_time()
            async_fire_time_changed(hass)
            await hass.async_block_till_done()
            spent = time.thread_time() - began
            if n >= WARM_UP:
                times.append(spent * 1000)
        await hass.config_entries.async_unload(entry.entry_id)
    result = {"followed": followed, "ms": statistics.median(times), "states": states}
    await hass.async_add_executor_job(store, result)


def main() -> None:
    """Run the refreshes under pytest, then print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--refreshes", type=int, default=20)
    args = parser.parse_args()
    scenarios = run_scenarios(__file__, {REFRESHES_ENV: str(args.refreshes)}, "refreshes")
    results = {r["followed"]: r for r in scenarios}
    one, all_ = results[1], results[32]
    per_team = (all_["ms"] - one["ms"]) / 31
    print()
    print(
        f"Changed NFL refresh, median of {args.refreshes}: 1 team {one['ms']:.2f} ms "
        f"({one['states']} states), 32 teams {all_['ms']:.2f} ms ({all_['states']} states)"
    )
    print(f"ms_at_1={one['ms']:.2f} ms_at_32={all_['ms']:.2f} ms_per_extra_team={per_team:.3f}")


if __name__ == "__main__":
    main()
