"""The Demo league's table: standings as a pure function of the clock, like its games.

A Demo season is a double round robin of the eight clubs (fourteen rounds,
140 minutes). The table counts the season's finished games (three points a
win, one a draw); the top two play in the Champions League, the bottom two go
down, and a title or a relegation is clinched once the others cannot catch up.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from ..models import Phase
from ..standings import Clinch, LeagueStandings, StandingsGroup, StandingsRow, Zone
from .replay import CYCLE, DEMO_LEAGUE, DEMO_TEAMS, demo_game, demo_game_id, final_score, pairings

SEASON_ROUNDS: Final = 2 * (len(DEMO_TEAMS) - 1)
TOP: Final = Zone("Champions League", "81D6AC")
BOTTOM: Final = Zone("Relegation", "FF7F84")
ZONE_SIZE: Final = 2


@dataclass(slots=True)
class _Tally:
    played: int = 0
    wins: int = 0
    draws: int = 0
    losses: int = 0
    goals_for: int = 0
    goals_against: int = 0

    @property
    def points(self) -> int:
        return 3 * self.wins + self.draws


def _finals(now: datetime) -> Iterator[tuple[str, str, int, int]]:
    """Yield the season's games finished at `now`: home and away ids and goals.

    A round's games are all over before the next round starts: only the
    current round's are asked whether they are final (the others' full-time
    score is counted straight away, without the game's minute-by-minute state).
    """
    current = int(now.timestamp()) // CYCLE
    for round_index in range(current - current % SEASON_ROUNDS, current + 1):
        for slot, (home, away) in enumerate(pairings(round_index)):
            if round_index == current:
                game = demo_game(round_index, slot, home, away, now)
                if game.phase is Phase.FINAL:
                    yield home.id, away.id, game.home.score or 0, game.away.score or 0
                continue
            yield home.id, away.id, *final_score(demo_game_id(round_index, slot))


def _tallies(now: datetime) -> dict[str, _Tally]:
    """Return each club's record in the season's games finished at `now`."""
    tallies = {team.id: _Tally() for team in DEMO_TEAMS}
    for home, away, home_goals, away_goals in _finals(now):
        for team_id, scored, conceded in (
            (home, home_goals, away_goals),
            (away, away_goals, home_goals),
        ):
            tally = tallies[team_id]
            tally.played += 1
            tally.goals_for += scored
            tally.goals_against += conceded
            if scored > conceded:
                tally.wins += 1
            elif scored == conceded:
                tally.draws += 1
            else:
                tally.losses += 1
    return tallies


def demo_standings(now: datetime) -> LeagueStandings:
    """Return the Demo league's table at `now`."""
    tallies = _tallies(now)
    teams = {team.id: team for team in DEMO_TEAMS}
    order = sorted(
        tallies,
        key=lambda team_id: (
            -tallies[team_id].points,
            -(tallies[team_id].goals_for - tallies[team_id].goals_against),
            -tallies[team_id].goals_for,
            teams[team_id].name,
        ),
    )
    rows: list[StandingsRow] = []
    for index, team_id in enumerate(order):
        tally, rank = tallies[team_id], index + 1
        left = SEASON_ROUNDS - tally.played
        best_of_others = [
            tallies[other].points + 3 * (SEASON_ROUNDS - tallies[other].played)
            for other in order
            if other != team_id
        ]
        clinch = None
        if rank == 1 and all(tally.points > best for best in best_of_others):
            clinch = Clinch.TITLE
        elif rank > len(order) - ZONE_SIZE and (
            sum(
                1
                for other in order[: len(order) - ZONE_SIZE]
                if tallies[other].points > tally.points + 3 * left
            )
            == len(order) - ZONE_SIZE
        ):
            clinch = Clinch.RELEGATED
        zone = TOP if rank <= ZONE_SIZE else BOTTOM if rank > len(order) - ZONE_SIZE else None
        rows.append(
            StandingsRow(
                team=teams[team_id],
                rank=rank,
                played=tally.played,
                wins=tally.wins,
                losses=tally.losses,
                draws=tally.draws,
                points=float(tally.points),
                points_for=float(tally.goals_for),
                points_against=float(tally.goals_against),
                difference=float(tally.goals_for - tally.goals_against),
                clinch=clinch,
                clinch_mark={Clinch.TITLE: "C", Clinch.RELEGATED: "R"}.get(clinch)
                if clinch
                else None,
                zone=zone,
            )
        )
    season = int(now.timestamp()) // CYCLE // SEASON_ROUNDS
    return LeagueStandings(
        league=DEMO_LEAGUE.key,
        fetched_at=now,
        groups=(StandingsGroup(DEMO_LEAGUE.name, tuple(rows)),),
        season=f"Demo season {season}",
    )


class DemoStandings:
    """Serve the Demo league's table without any I/O."""

    after_final = timedelta(0)
    max_age = timedelta(minutes=2)
    keeps_table = True
    """A Demo day is ten minutes: the table follows every club's results within two."""

    async def async_get_standings(self, now: datetime) -> LeagueStandings:
        """Return the table at `now`."""
        return demo_standings(now)
