"""Who scored, through Home Assistant: the bus, the event entity, the logbook, a restart.

A Demo league entry follows Arsenal; its board is scripted here (a game
against Chelsea, its plays and score at each poll), so each test says what
the provider shows and asserts what a person sees.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
import pytest

from custom_components.live_sports.events import (
    EVENT_CARD,
    EVENT_PLAY_UPDATED,
    EVENT_SCORE_CHANGED,
    EVENT_SCORE_CORRECTED,
    EVENT_SCORING_PLAY,
)
from custom_components.live_sports.logbook import async_describe_events
from custom_components.live_sports.models import Play, PlayKind

from .conftest import tick
from .play_script import (
    CHELSEA,
    ENTITY,
    HAVERTZ,
    NOW,
    PALMER,
    Script,
    goal,
    serve_script,
    setup_script_entry as _setup,
)

pytestmark = pytest.mark.freeze_time(NOW)


@pytest.fixture
def script() -> Generator[Script]:
    """Serve the scripted board in place of the Demo league's."""
    with serve_script() as scripted:
        yield scripted


def _of(events: list[Event], *types: str) -> list[Event]:
    return [event for event in events if event.event_type in types]


def _states(hass: HomeAssistant, written: list[Any]) -> None:
    """Record every state the event entity writes."""

    @callback
    def _listen(event: Event[Any]) -> None:
        if event.data["entity_id"] == ENTITY and event.data["new_state"] is not None:
            written.append(event.data["new_state"])

    hass.bus.async_listen("state_changed", _listen)


async def test_two_goals_between_two_polls_fire_two_plays_in_order(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, events: list[Event], script: Script
) -> None:
    """Saka and Havertz score before the next poll: two scoring plays, scorers in order.

    The score change names the later goal; the event entity writes one state
    per goal (the score change carries its play), never two.
    """
    await _setup(hass)
    written: list[Any] = []
    _states(hass, written)
    script.show(2, 0, goal(11, 1, 0), goal(12, 2, 0, HAVERTZ, PlayKind.PENALTY_GOAL))
    await tick(hass, freezer, 6)

    plays = _of(events, EVENT_SCORING_PLAY)
    assert [(e.data["scorer"], e.data["play_kind"], e.data["play_clock"]) for e in plays] == [
        ("Bukayo Saka", "goal", "11'"),
        ("Kai Havertz", "penalty_goal", "12'"),
    ]
    first = plays[0].data
    assert first["for_followed_team"] is True
    assert first["team_scored"] is True
    assert (first["play"]["home_score"], first["play"]["away_score"]) == (1, 0)
    assert first["report"] == "Goal — B. Saka 11' · ARS 1–0 CHE"
    assert plays[1].data["report"] == "Goal — K. Havertz 12' (pen.) · ARS 2–0 CHE"
    assert first["entity_id"] == ENTITY
    [score] = _of(events, EVENT_SCORE_CHANGED)
    assert (score.data["points"], score.data["play_id"]) == (2, "g12")
    assert [e.event_type for e in events] == [EVENT_SCORING_PLAY] * 2 + [EVENT_SCORE_CHANGED]
    # One state a goal: Saka's scoring play, then the score change with Havertz's.
    assert [(s.attributes["event_type"], s.attributes.get("scorer")) for s in written] == [
        ("scoring_play", "Bukayo Saka"),
        ("score_changed", "Kai Havertz"),
    ]

    await tick(hass, freezer, 6, times=3)  # nothing new: nothing fires again
    assert len(_of(events, EVENT_SCORING_PLAY)) == 2
    assert len(written) == 2


async def test_one_goal_is_one_state_of_the_event_entity(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, events: list[Event], script: Script
) -> None:
    """A goal the board brings with its score: the entity writes one state, with the scorer."""
    await _setup(hass)
    written: list[Any] = []
    _states(hass, written)
    script.show(0, 1, goal(11, 0, 1, PALMER, team=CHELSEA.id))
    await tick(hass, freezer, 6)
    assert [e.event_type for e in events] == [EVENT_SCORING_PLAY, EVENT_SCORE_CHANGED]
    [state] = written
    assert state.attributes["event_type"] == "score_changed"
    assert state.attributes["scorer"] == "Cole Palmer"
    assert state.attributes["team_scored"] is False
    assert state.attributes["for_followed_team"] is False
    assert state.attributes["report"] == "Goal — C. Palmer 11' · ARS 0–1 CHE"


async def test_a_card_and_a_late_scorer(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, events: list[Event], script: Script
) -> None:
    """A goal first shown without its scorer fires once, then one update names him."""
    await _setup(hass)
    written: list[Any] = []
    _states(hass, written)
    script.show(1, 0, goal(11, 1, 0, scorer=None))
    await tick(hass, freezer, 6)
    card = Play(id="c14", kind=PlayKind.YELLOW_CARD, team_id=CHELSEA.id, clock="14'", scorer=PALMER)
    script.show(1, 0, goal(11, 1, 0), card)
    await tick(hass, freezer, 6)
    await tick(hass, freezer, 6)
    assert [e.event_type for e in events] == [
        EVENT_SCORING_PLAY,
        EVENT_SCORE_CHANGED,
        EVENT_PLAY_UPDATED,
        EVENT_CARD,
    ]
    assert events[0].data["scorer"] is None
    assert events[0].data["report"] == "Goal — 11' · ARS 1–0 CHE"
    assert events[2].data["scorer"] == "Bukayo Saka"
    assert events[3].data["scorer"] == "Cole Palmer"
    assert events[3].data["for_followed_team"] is False
    # The goal's state was its score change; its update writes none; the card its own.
    assert [(s.attributes["event_type"], s.attributes.get("scorer")) for s in written] == [
        ("score_changed", None),
        ("card", "Cole Palmer"),
    ]


async def test_a_goal_taken_back_fires_score_corrected_once(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, events: list[Event], script: Script
) -> None:
    """VAR: 1-0, then 0-0 on two polls in a row: one score_corrected, on the second."""
    await _setup(hass)
    script.show(1, 0, goal(11, 1, 0))
    await tick(hass, freezer, 6)
    script.show(0, 0)
    await tick(hass, freezer, 6)
    assert _of(events, EVENT_SCORE_CORRECTED) == []
    assert _of(events, EVENT_SCORE_CHANGED)[-1].data["points"] == -1
    script.show(0, 0)
    await tick(hass, freezer, 6)
    await tick(hass, freezer, 6, times=3)
    [corrected] = _of(events, EVENT_SCORE_CORRECTED)
    assert (corrected.data["points"], corrected.data["team_scored"]) == (-1, True)
    assert hass.states.get(ENTITY).attributes["event_type"] == "score_corrected"


async def test_a_restart_mid_game_fires_no_play_twice(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, events: list[Event], script: Script
) -> None:
    """Reloaded (as after a restart) with the same goals on the board: nothing fires again."""
    entry = await _setup(hass)
    script.show(1, 0, goal(11, 1, 0))
    await tick(hass, freezer, 6)
    assert len(_of(events, EVENT_SCORING_PLAY)) == 1
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    script.show(2, 0, goal(11, 1, 0), goal(30, 2, 0, HAVERTZ))
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    await tick(hass, freezer, 6, times=3)
    assert [e.data["scorer"] for e in _of(events, EVENT_SCORING_PLAY)] == [
        "Bukayo Saka",
        "Kai Havertz",
    ]


async def test_logbook_reads_like_a_match_report(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, events: list[Event], script: Script
) -> None:
    """The logbook line of a goal: "Goal — B. Saka 36' (pen.) · ARS 2–1 CHE"."""
    await _setup(hass)
    script.show(
        1, 1, goal(20, 0, 1, PALMER, team=CHELSEA.id), goal(36, 1, 1, kind=PlayKind.OWN_GOAL)
    )
    await tick(hass, freezer, 6)
    script.show(2, 1, *script.plays, goal(37, 2, 1, kind=PlayKind.PENALTY_GOAL))
    await tick(hass, freezer, 6)
    script.show(1, 1, *script.plays[:2])
    await tick(hass, freezer, 6, times=2)
    described: dict[str, Any] = {}

    def _register(domain: str, event_type: str, describe: Any) -> None:
        described[event_type] = describe

    async_describe_events(hass, _register)
    texts = [described[e.event_type](e)["message"] for e in events]
    assert "Goal — C. Palmer 20' · ARS 0–1 CHE" in texts
    assert "Own goal — B. Saka 36' (o.g.) · ARS 1–1 CHE" in texts
    assert "Goal — B. Saka 37' (pen.) · ARS 2–1 CHE" in texts
    assert texts[-1] == "Score corrected: Arsenal -1 — ARS 1 : 1 CHE"
    entity = er.async_get(hass).async_get(ENTITY)
    assert entity is not None
    assert {described[e.event_type](e)["entity_id"] for e in events} == {ENTITY}
