"""Domain model of live_sports.

Plain frozen dataclasses with no Home Assistant imports: every provider parses
into these, and every consumer (entities, events, history, webhooks,
diagnostics, the ``feed`` command) reads only these, from this one namespace.
``Game.as_dict()`` is the one canonical JSON form of a game.

- ``enums``: a game's phase, the sides, a result.
- ``competitor``: a team, and a team as one side of a game.
- ``details``: venue, live situation, odds, key events, series.
- ``game``: a game and the board of games one request returns.
- ``plays``: a scoring play or card, its players, and its match report line.
- ``team``: a followed team's schedule and what its entities show.
"""

from .competitor import Competitor, Team
from .details import KeyEvent, Odds, Series, Situation, Venue
from .enums import Phase, Result, Side
from .game import Game, Scoreboard, current_game
from .plays import Athlete, Play, PlayKind, play_summary, report_line
from .team import TeamGame, TeamSchedule, TeamSnapshot, known_games

__all__ = [
    "Athlete",
    "Competitor",
    "Game",
    "KeyEvent",
    "Odds",
    "Phase",
    "Play",
    "PlayKind",
    "Result",
    "Scoreboard",
    "Series",
    "Side",
    "Situation",
    "Team",
    "TeamGame",
    "TeamSchedule",
    "TeamSnapshot",
    "Venue",
    "current_game",
    "known_games",
    "play_summary",
    "report_line",
]
