"""A followed fighter's Team tracker in ha-teamtracker's MMA shape, through Home Assistant."""

from __future__ import annotations

from dataclasses import replace

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant, State
import pytest
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.live_sports.models import Game, Scoreboard, Side
from custom_components.live_sports.teamtracker_mma import bout_line, mma_attributes

from .conftest import league_entry, recorded, setup_entry, tick
from .test_mma_entities import CACERES, URL, _decided
from .test_mma_racing import UFC, card as parsed_card

MOROZOV = "3960665"
BRUNDAGE = "4684474"
EARLIER_BOUTS = (
    "1. *S. MOROZOV v. J. Newson (Dec: 3-0); "
    "2. D. Dvorak v. M. KAPE* (Dec: 0-3); "
    "3. B. Battle v. R. FAKHRETDINOV* (Dec: 0-3); "
    "4. *R. GARCIA v. Maheshate (Dec: 3-0); "
    "5. J. Matthews v. M. SEMELSBERGER* (Dec: 0-3); "
    "6. C. Vlismas v. C. MCKENNA* (Dec: 0-3); "
    "7. C. Brundage v. M. OLEKSIEJCZUK* (KO/TKO/Sub: R1@3:16)"
)
"""The card's decided bouts at 00:03 UTC, in order: the winner starred, how it ended."""


def _card(hass: HomeAssistant, fighter: str) -> State:
    state = hass.states.get(f"sensor.{fighter}_team_tracker")
    assert state is not None
    return state


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
@pytest.mark.freeze_time("2022-12-18T00:03:00+00:00")
async def test_fighters_in_progress_and_decided(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, freezer: FrozenDateTimeFactory
) -> None:
    """The round and records live; cards won or W/L once decided; the card's bouts as ticker."""
    card = recorded(f"espn/{UFC}")
    aioclient_mock.get(URL, json=card)
    await setup_entry(hass, league_entry("ufc", [CACERES, MOROZOV, BRUNDAGE]))

    live = _card(hass, "alex_caceres")
    assert live.state == "IN"
    attributes = live.attributes
    assert (attributes["team_long_name"], attributes["opponent_long_name"]) == (
        "Alex Caceres",
        "Julian Erosa",
    )
    assert (attributes["team_record"], attributes["opponent_record"]) == ("19-13-0", "28-10-0")
    assert (attributes["quarter"], attributes["clock"]) == (1, "R1, 2:27")
    assert (attributes["team_score"], attributes["opponent_score"]) == (None, None)
    assert attributes["event_name"] == "A. Caceres vs J. Erosa"
    assert attributes["last_play"] == EARLIER_BOUTS

    decision = _card(hass, "sergey_morozov").attributes
    assert _card(hass, "sergey_morozov").state == "POST"
    assert (decision["team_score"], decision["opponent_score"]) == (3, 0)  # judges' cards won
    assert (decision["team_winner"], decision["opponent_winner"]) == (True, False)
    assert (decision["team_record"], decision["opponent_record"]) == ("19-5-0", "10-4-0")
    assert decision["last_play"] == EARLIER_BOUTS

    stoppage = _card(hass, "cody_brundage").attributes
    assert _card(hass, "cody_brundage").state == "POST"
    assert (stoppage["team_score"], stoppage["opponent_score"]) == ("L", "W")  # no cards
    assert (stoppage["quarter"], stoppage["opponent_long_name"]) == (1, "Mickal Oleksiejczuk")

    aioclient_mock.clear_requests()
    aioclient_mock.get(URL, json=_decided(card))
    await tick(hass, freezer, 11)
    ended = _card(hass, "alex_caceres")
    assert ended.state == "POST"
    assert (ended.attributes["team_score"], ended.attributes["opponent_score"]) == (2, 1)
    assert (ended.attributes["team_winner"], ended.attributes["quarter"]) == (True, 3)
    assert ended.attributes["last_play"] == (
        f"{EARLIER_BOUTS}; 8. *A. CACERES v. J. Erosa (Dec: 2-1)"
    )


def test_a_draw_and_a_stoppage_without_its_time() -> None:
    """A majority draw: the level card counted, nobody starred, the cards won as scores."""
    bouts = {bout.id: bout for bout in parsed_card()}
    decided = bouts["401505372"]
    draw = replace(
        decided,
        home=replace(decided.home, winner=None, set_scores=(29, 28, 28), score=1),
        away=replace(decided.away, winner=None, set_scores=(28, 28, 29), score=1),
    )
    assert bout_line(draw) == "S. Morozov v. J. Newson (Dec: 1-1-1)"
    board = replace_board(draw)
    attributes = mma_attributes(draw, Side.HOME, board)
    assert "team_score" not in attributes  # no winner: the team mapping's 1 stays
    assert attributes["last_play"] == "1. S. Morozov v. J. Newson (Dec: 1-1-1)"
    stoppage = bouts["401508991"]
    assert bout_line(replace(stoppage, clock=None)).endswith("(KO/TKO/Sub: R1@-)")


def replace_board(bout: Game) -> Scoreboard:
    """Return a board holding only `bout`."""
    return Scoreboard(league=bout.league, fetched_at=bout.start, games=(bout,))
