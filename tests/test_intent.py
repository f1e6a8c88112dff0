"""Assist answers for a followed team: its game's score, its next game, its league position.

Handled through Home Assistant's `intent.async_handle`, in English and German,
on the Premier League with Liverpool and Arsenal followed (the recorded
2024-25 table, Liverpool's league game against Fulham from the fixtures).
"""

from __future__ import annotations

import dataclasses
import importlib.util
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers import intent, llm
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.live_sports import llm as live_sports_llm
from custom_components.live_sports.intent import (
    INTENT_GAME_STATE,
    INTENT_LEAGUE_POSITION,
    INTENT_NEXT_GAME,
)

from .conftest import league_entry, recorded, tick
from .test_standings import ARSENAL, EPL_TABLE, LIVERPOOL, _match, serve_epl

pytestmark = pytest.mark.standings

EPL = "English Premier League 2024-2025"


async def _ask(hass: HomeAssistant, intent_type: str, team: str | None, language: str) -> str:
    slots = {"team": {"value": team}} if team else {}
    response = await intent.async_handle(
        hass, "test", intent_type, slots, language=language, assistant="conversation"
    )
    return str(response.speech["plain"]["speech"])


@pytest.fixture
async def premier_league(hass: HomeAssistant, aioclient_mock: AiohttpClientMocker) -> None:
    """Set up the Premier League entry (Liverpool, Arsenal) and Assist's intents."""
    await hass.config.async_set_time_zone("Europe/London")
    serve_epl(aioclient_mock, [_match("STATUS_SCHEDULED", "pre", 0, 0)], recorded(EPL_TABLE))
    entry = league_entry("epl", [LIVERPOOL, ARSENAL], title="Premier League")
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    assert await async_setup_component(hass, "intent", {})
    await hass.async_block_till_done(wait_background_tasks=True)


@pytest.mark.freeze_time("2026-09-18T12:00:00+00:00")
@pytest.mark.usefixtures("premier_league")
@pytest.mark.parametrize(
    ("language", "leader", "second", "next_game"),
    [
        (
            "en",
            f"Liverpool: top of {EPL}, 84 points.",
            f"Arsenal: number 2 in {EPL}, 74 points, 10 points behind the leader.",
            "Liverpool play Fulham tomorrow at 15:00.",
        ),
        (
            "de",
            f"Liverpool: Tabellenführer in {EPL}, 84 Punkte.",
            f"Arsenal: Platz 2 in {EPL}, 74 Punkte, 10 Punkte hinter dem Ersten.",
            "Liverpool spielt morgen um 15:00 gegen Fulham.",
        ),
    ],
)
async def test_position_and_next_game(
    hass: HomeAssistant, language: str, leader: str, second: str, next_game: str
) -> None:
    """Where they stand, and when they play next (the game tomorrow is also the current one)."""
    assert await _ask(hass, INTENT_LEAGUE_POSITION, "Liverpool", language) == leader
    assert await _ask(hass, INTENT_LEAGUE_POSITION, "arsenal", language) == second
    assert await _ask(hass, INTENT_NEXT_GAME, "LIV", language) == next_game
    assert await _ask(hass, INTENT_GAME_STATE, "Liverpool", language) == next_game
    assert (
        await _ask(hass, INTENT_NEXT_GAME, "Arsenal", language)
        == {
            "en": "I don't know the next game of Arsenal yet.",
            "de": "Das nächste Spiel von Arsenal kenne ich noch nicht.",
        }[language]
    )


@pytest.mark.freeze_time("2026-09-19T14:55:00+00:00")
@pytest.mark.usefixtures("premier_league")
@pytest.mark.parametrize(
    ("language", "live", "final", "unknown", "which"),
    [
        (
            "en",
            "Liverpool 1, Fulham 0 (Second half).",
            "Final: Liverpool 2, Fulham 0.",
            "I don't follow a team called Chelsea.",
            "Which team? I follow: Liverpool, Arsenal.",
        ),
        (
            "de",
            "Liverpool 1, Fulham 0 (Second half).",
            "Endstand: Liverpool 2, Fulham 0.",
            "Ich folge keinem Team namens Chelsea.",
            "Welches Team? Ich folge: Liverpool, Arsenal.",
        ),
    ],
)
async def test_score_of_the_current_game(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    freezer: FrozenDateTimeFactory,
    language: str,
    live: str,
    final: str,
    unknown: str,
    which: str,
) -> None:
    """The score while it is played and once it is over; an unknown team; which team."""
    serve_epl(aioclient_mock, [_match("STATUS_SECOND_HALF", "in", 1, 0)], recorded(EPL_TABLE))
    await tick(hass, freezer, 20)
    assert await _ask(hass, INTENT_GAME_STATE, "Liverpool", language) == live
    serve_epl(aioclient_mock, [_match("STATUS_FULL_TIME", "post", 2, 0)], recorded(EPL_TABLE))
    await tick(hass, freezer, 20)
    assert await _ask(hass, INTENT_GAME_STATE, "Liverpool", language) == final
    assert await _ask(hass, INTENT_GAME_STATE, "Chelsea", language) == unknown
    assert await _ask(hass, INTENT_GAME_STATE, None, language) == which
    assert (
        await _ask(hass, INTENT_GAME_STATE, "Arsenal", language)
        == {
            "en": "Arsenal: no game right now.",
            "de": "Arsenal: gerade kein Spiel.",
        }[language]
    )


@pytest.mark.freeze_time("2026-09-18T12:00:00+00:00")
@pytest.mark.usefixtures("premier_league")
async def test_llm_agents_get_the_intents_as_tools(hass: HomeAssistant) -> None:
    """The Assist API offers the three intents as tools, described, and answers through them."""
    assert await async_setup_component(hass, "homeassistant", {})
    if importlib.util.find_spec("homeassistant.components.llm"):
        # Newer releases register the Assist API in an integration of its own.
        assert await async_setup_component(hass, "llm", {})
    known = {
        "platform": "test",
        "context": Context(),
        "language": "en",
        "assistant": "conversation",
    }
    # Fields differ between releases (2025.4 has a user prompt): fill those there are.
    llm_context = llm.LLMContext(
        **{field.name: known.get(field.name) for field in dataclasses.fields(llm.LLMContext)}
    )
    api = await llm.async_get_api(hass, llm.LLM_API_ASSIST, llm_context)
    tools = {tool.name: tool for tool in api.tools}
    names = {INTENT_GAME_STATE, INTENT_NEXT_GAME, INTENT_LEAGUE_POSITION}
    # Named by the intent (2025.4), or prefixed by the integration (2026.x: llm.py).
    ours = {
        name: tool
        for name, tool in tools.items()
        if any(name.lower().endswith(intent_type.lower()) for intent_type in names)
    }
    assert len(ours) == 3
    assert all("followed sports team" in (tool.description or "") for tool in ours.values())
    position = next(name for name in ours if name.lower().endswith(INTENT_LEAGUE_POSITION.lower()))
    # The tool itself (the API's call imports the conversation agent's parser, not installed).
    result = await ours[position].async_call(
        hass, llm.ToolInput(tool_name=position, tool_args={"team": "Liverpool"}), llm_context
    )
    data: Any = getattr(result, "data", result)  # a ToolResult from 2026.x, the dict before
    assert data["speech"]["plain"]["speech"] == f"Liverpool: top of {EPL}, 84 points."
    assert live_sports_llm.async_get_tools(hass, llm_context, "another_api") is None


@pytest.mark.freeze_time("2026-09-19T14:05:00+00:00")
@pytest.mark.usefixtures("premier_league")
@pytest.mark.parametrize(
    ("language", "answer"),
    [("en", "Liverpool against Fulham: Delayed."), ("de", "Liverpool gegen Fulham: Verzögert.")],
)
async def test_an_interrupted_game_says_so(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    freezer: FrozenDateTimeFactory,
    language: str,
    answer: str,
) -> None:
    """A delayed game: its state in the asker's language, as the Game status sensor says it."""
    serve_epl(aioclient_mock, [_match("STATUS_DELAYED", "in", 0, 0)], recorded(EPL_TABLE))
    await tick(hass, freezer, 20)
    assert hass.states.get("sensor.liverpool_game_status").state == "delayed"
    assert await _ask(hass, INTENT_GAME_STATE, "Liverpool", language) == answer
