"""Assist answers for followed athletes: a golfer, a driver, a tennis player.

Handled through Home Assistant's `intent.async_handle`, in English and German,
on the recorded boards the athlete entity tests use: the Memorial (its third
round, then the final), F1's Azerbaijan sprint shoot-out and Roland Garros.
Each answer says what the athlete's sensors show.
"""

from __future__ import annotations

import copy
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import intent
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.live_sports.const import DOMAIN
from custom_components.live_sports.intent import (
    INTENT_GAME_STATE as STATE,
    INTENT_LEAGUE_POSITION as PLACE,
    INTENT_NEXT_GAME as NEXT,
)
from custom_components.live_sports.subentries import team_subentry

from .conftest import ESPN, league_entry, recorded, setup_entry, tick
from .test_field_diff import CAMPBELL, DAVIS, SCHEFFLER, play
from .test_golf import MEMORIAL
from .test_mma_racing import F1, NASCAR
from .test_racing_entities import LECLERC, PEREZ, _shootout_over
from .test_tennis import BEGU, SLAM
from .test_tennis_entities import _singles_live

MCILROY = "3470"
PAIR = "Kamilla Rakhimova / Anna Siskova"
MEMORIAL_NAME = "the Memorial Tournament pres. by Workday"
SQ, RACE = "Azerbaijan Grand Prix — SQ", "Azerbaijan Grand Prix — Race"


async def _ask(hass: HomeAssistant, intent_type: str, name: str, language: str) -> str:
    response = await intent.async_handle(
        hass,
        "test",
        intent_type,
        {"team": {"value": name}},
        language=language,
        assistant="conversation",
    )
    return str(response.speech["plain"]["speech"])


async def _answers(hass: HomeAssistant, name: str, language: str) -> tuple[str, str, str]:
    """Return the three intents' answers for one athlete: state, next, place."""
    return (
        await _ask(hass, STATE, name, language),
        await _ask(hass, NEXT, name, language),
        await _ask(hass, PLACE, name, language),
    )


def _state(hass: HomeAssistant, entity_id: str) -> str:
    found = hass.states.get(entity_id)
    assert found is not None, entity_id
    return found.state


def _third_round(memorial: dict[str, Any], holes: int, score: str) -> dict[str, Any]:
    """Return the Memorial during its third round, Scheffler `holes` into it at `score`."""
    payload = copy.deepcopy(memorial)
    competition = payload["events"][0]["competitions"][0]
    competition["status"] = {"period": 3, "type": {"name": "STATUS_IN_PROGRESS", "state": "in"}}
    for player in competition["competitors"]:
        player["linescores"] = player["linescores"][:3]
    return play(payload, SCHEFFLER, holes, score)


ASK_BACK = {
    "en": (
        "Which one? I follow: Scottie Scheffler, Cam Davis, Brian Campbell.",
        "I don't follow a team or athlete called Tiger Woods.",
    ),
    "de": (
        "Wen meinst du? Ich folge: Scottie Scheffler, Cam Davis, Brian Campbell.",
        "Ich folge keinem Team und keinem Sportler namens Tiger Woods.",
    ),
}
"""Without a name, or with one not followed: the question back names the athletes."""

GOLF = {
    "en": (
        (
            f"Scottie Scheffler is 1 at -10 after round 2 of {MEMORIAL_NAME}.",
            f"Scottie Scheffler tees off today at 17:59 in round 3 of {MEMORIAL_NAME}.",
            f"Scottie Scheffler leads {MEMORIAL_NAME}: 1 (-10) of 72.",
        ),
        (
            f"Scottie Scheffler is T2 at -5 through 14 in round 3 of {MEMORIAL_NAME}.",
            "I don't know the next event of Scottie Scheffler yet.",
            f"Scottie Scheffler: T2 (-5) of 72 in {MEMORIAL_NAME}, Ben Griffin -6 leads.",
        ),
        f"Cam Davis missed the cut at {MEMORIAL_NAME}.",
        (
            f"Scottie Scheffler won {MEMORIAL_NAME}.",
            f"Brian Campbell withdrew from {MEMORIAL_NAME}.",
        ),
    ),
    "de": (
        (
            f"Scottie Scheffler: Platz 1 mit -10 nach Runde 2 von {MEMORIAL_NAME}.",
            f"Scottie Scheffler schlägt heute um 17:59 ab, Runde 3 von {MEMORIAL_NAME}.",
            f"Scottie Scheffler führt {MEMORIAL_NAME} an: Platz 1 (-10) von 72.",
        ),
        (
            f"Scottie Scheffler: Platz T2 mit -5 nach 14 Löchern in Runde 3 von {MEMORIAL_NAME}.",
            "Den nächsten Wettbewerb von Scottie Scheffler kenne ich noch nicht.",
            f"Scottie Scheffler: Platz T2 (-5) von 72 in {MEMORIAL_NAME}, es führt Ben Griffin -6.",
        ),
        f"Cam Davis hat bei {MEMORIAL_NAME} den Cut verpasst.",
        (
            f"Scottie Scheffler hat {MEMORIAL_NAME} gewonnen.",
            f"Brian Campbell hat bei {MEMORIAL_NAME} aufgegeben.",
        ),
    ),
}


@pytest.mark.parametrize("language", ["en", "de"])
async def test_a_golfer_before_during_and_after_a_round(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    freezer: FrozenDateTimeFactory,
    language: str,
) -> None:
    """Before his tee time, 14 holes into the round, after the final; one cut, one withdrew."""
    before, during, cut, over = GOLF[language]
    freezer.move_to("2025-05-31T20:00:00+00:00")
    await hass.config.async_set_time_zone("America/New_York")
    url = f"{ESPN}/golf/pga/scoreboard"
    memorial = recorded(f"espn/{MEMORIAL}")
    aioclient_mock.get(url, json=_third_round(memorial, 0, "-10"))
    await setup_entry(hass, league_entry("pga", [SCHEFFLER, DAVIS, CAMPBELL]))
    assert await async_setup_component(hass, "intent", {})
    assert _state(hass, "sensor.scottie_scheffler_next_tee_time") == "2025-05-31T21:59:00+00:00"
    assert await _answers(hass, "Scottie Scheffler", language) == before
    assert await _ask(hass, STATE, "Cam Davis", language) == cut
    assert await _ask(hass, PLACE, "Cam Davis", language) == cut
    which, unknown = ASK_BACK[language]
    response = await intent.async_handle(
        hass, "test", STATE, {}, language=language, assistant="conversation"
    )
    assert response.speech["plain"]["speech"] == which
    assert await _ask(hass, STATE, "Tiger Woods", language) == unknown

    aioclient_mock.clear_requests()
    aioclient_mock.get(url, json=_third_round(memorial, 14, "-5"))
    freezer.move_to("2025-05-31T23:00:00+00:00")
    await tick(hass, freezer, 1)
    assert _state(hass, "sensor.scottie_scheffler_position") == "T2"
    assert await _answers(hass, "scheffler", language) == during

    aioclient_mock.clear_requests()
    aioclient_mock.get(url, json=memorial)
    await tick(hass, freezer, 61)
    assert _state(hass, "sensor.scottie_scheffler_status") == "won"
    won, withdrew = over
    assert await _ask(hass, STATE, "Scottie Scheffler", language) == won
    assert await _ask(hass, PLACE, "Scottie Scheffler", language) == won
    assert await _ask(hass, STATE, "Brian Campbell", language) == withdrew


RACING = {
    "en": (
        (
            f"Cherles Leclerc is 1 in {SQ}.",
            f"Cherles Leclerc: {RACE} starts tomorrow at 13:00.",
            f"Cherles Leclerc leads {SQ}: 1 of 20.",
        ),
        f"Sergio Pérez: 2 of 20 in {SQ}, Cherles Leclerc leads.",
        (
            f"Cherles Leclerc: {RACE} starts tomorrow at 13:00.",
            f"Cherles Leclerc: {RACE} starts tomorrow at 13:00.",
            f"Cherles Leclerc finished 2 in {SQ}.",
        ),
        f"Sergio Pérez won {SQ}.",
    ),
    "de": (
        (
            f"Cherles Leclerc: Platz 1 in {SQ}.",
            f"Cherles Leclerc: {RACE} beginnt morgen um 13:00.",
            f"Cherles Leclerc führt {SQ} an: Platz 1 von 20.",
        ),
        f"Sergio Pérez: Platz 2 von 20 in {SQ}, es führt Cherles Leclerc.",
        (
            f"Cherles Leclerc: {RACE} beginnt morgen um 13:00.",
            f"Cherles Leclerc: {RACE} beginnt morgen um 13:00.",
            f"Cherles Leclerc beendete {SQ} auf Platz 2.",
        ),
        f"Sergio Pérez hat {SQ} gewonnen.",
    ),
}


@pytest.mark.freeze_time("2023-04-29T13:45:00+00:00")
@pytest.mark.parametrize("language", ["en", "de"])
async def test_a_driver_in_a_session_and_after_it(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    freezer: FrozenDateTimeFactory,
    language: str,
) -> None:
    """Leclerc leads the shoot-out (the race is next); Pérez wins it; the place stays said."""
    during, second, after, winner = RACING[language]
    await hass.config.async_set_time_zone("Europe/Berlin")
    url = f"{ESPN}/racing/f1/scoreboard"
    weekend = recorded(f"espn/{F1}")
    aioclient_mock.get(url, json=weekend)
    await setup_entry(hass, league_entry("f1", [LECLERC, PEREZ]))
    assert await async_setup_component(hass, "intent", {})
    assert _state(hass, "sensor.cherles_leclerc_position") == "1"
    assert await _answers(hass, "Leclerc", language) == during
    assert await _ask(hass, PLACE, "Sergio Pérez", language) == second

    aioclient_mock.clear_requests()
    aioclient_mock.get(url, json=_shootout_over(weekend))
    await tick(hass, freezer, 11)
    assert _state(hass, "sensor.cherles_leclerc_next_session") == "2023-04-30T11:00:00+00:00"
    assert await _answers(hass, "Cherles Leclerc", language) == after
    assert await _ask(hass, PLACE, "Sergio Pérez", language) == winner


@pytest.mark.freeze_time("2025-05-26T19:30:00+00:00")
@pytest.mark.parametrize(
    ("language", "live", "no_table", "doubles"),
    [
        (
            "en",
            "Irina-Camelia Begu 1, Leolia Jeanjean 1 (3rd Set).",
            "ATP keeps no table.",
            f"Irina-Camelia Begu plays {PAIR} tomorrow at 11:00.",
        ),
        (
            "de",
            "Irina-Camelia Begu 1, Leolia Jeanjean 1 (3rd Set).",
            "ATP hat keine Tabelle.",
            f"Irina-Camelia Begu spielt morgen um 11:00 gegen {PAIR}.",
        ),
    ],
)
async def test_a_tennis_match_is_answered_as_a_game(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    freezer: FrozenDateTimeFactory,
    language: str,
    live: str,
    no_table: str,
    doubles: str,
) -> None:
    """A tennis player's match is a game between two sides: sets won, the set under way.

    The position is a team's: the tour's table, which this test's ESPN does not keep.
    Her next match, days later, is her doubles.
    """
    await hass.config.async_set_time_zone("Europe/Paris")
    url = f"{ESPN}/tennis/atp/scoreboard"
    slam = recorded(f"espn/{SLAM}")
    aioclient_mock.get(url, json=_singles_live(slam))
    await setup_entry(hass, league_entry("atp", [BEGU]))
    assert await async_setup_component(hass, "intent", {})
    assert _state(hass, "sensor.irina_camelia_begu_score") == "1"
    assert await _ask(hass, STATE, "Begu", language) == live
    assert await _ask(hass, PLACE, "Irina-Camelia Begu", language) == no_table

    aioclient_mock.clear_requests()
    aioclient_mock.get(url, json=slam)
    freezer.move_to("2025-06-01T12:00:00+00:00")
    await tick(hass, freezer, 6 * 3600)
    assert _state(hass, "sensor.irina_camelia_begu_game_start") == "2025-06-02T09:00:00+00:00"
    assert await _ask(hass, NEXT, "Begu", language) == doubles


def _first_round(memorial: dict[str, Any]) -> dict[str, Any]:
    """Return the Memorial during its first round, Scheffler not yet on the course."""
    payload = copy.deepcopy(memorial)
    competition = payload["events"][0]["competitions"][0]
    competition["status"] = {"period": 1, "type": {"name": "STATUS_IN_PROGRESS", "state": "in"}}
    for player in competition["competitors"]:
        player["linescores"] = player["linescores"][:1]
    return play(payload, SCHEFFLER, 0, "E")


@pytest.mark.parametrize(
    ("language", "tee", "not_entered"),
    [
        (
            "en",
            f"Scottie Scheffler tees off today at 16:30 in round 1 of {MEMORIAL_NAME}.",
            f"Rory McIlroy is not in the field of {MEMORIAL_NAME}.",
        ),
        (
            "de",
            f"Scottie Scheffler schlägt heute um 16:30 ab, Runde 1 von {MEMORIAL_NAME}.",
            f"Rory McIlroy ist nicht im Feld von {MEMORIAL_NAME}.",
        ),
    ],
)
async def test_a_golfer_before_his_first_tee_and_one_not_in_the_field(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    freezer: FrozenDateTimeFactory,
    language: str,
    tee: str,
    not_entered: str,
) -> None:
    """The first round is under way without him yet: his tee time; a player not entered."""
    freezer.move_to("2025-05-29T18:00:00+00:00")
    await hass.config.async_set_time_zone("America/New_York")
    aioclient_mock.get(
        f"{ESPN}/golf/pga/scoreboard", json=_first_round(recorded(f"espn/{MEMORIAL}"))
    )
    entry = league_entry("pga", [SCHEFFLER])
    # A player followed before, not in this week's field: known by the name followed by.
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="PGA",
        unique_id="pga",
        data=dict(entry.data),
        version=2,
        minor_version=1,
        subentries_data=[
            team_subentry(SCHEFFLER, SCHEFFLER),
            team_subentry(MCILROY, "Rory McIlroy"),
        ],
    )
    await setup_entry(hass, entry)
    assert await async_setup_component(hass, "intent", {})
    assert _state(hass, "sensor.scottie_scheffler_next_tee_time") == "2025-05-29T20:30:00+00:00"
    assert await _ask(hass, STATE, "Scottie Scheffler", language) == tee
    assert _state(hass, "sensor.rory_mcilroy_status") == "not_entered"
    assert await _ask(hass, STATE, "Rory McIlroy", language) == not_entered


@pytest.mark.freeze_time("2026-05-01T12:00:00+00:00")
@pytest.mark.parametrize(
    ("language", "starts", "no_place", "no_event"),
    [
        (
            "en",
            "4153: NASCAR Cup Series at Texas starts on 2026-05-03 at 14:30.",
            "4153 has no place on a leaderboard right now.",
            "4153: no event right now.",
        ),
        (
            "de",
            "4153: NASCAR Cup Series at Texas beginnt am 2026-05-03 um 14:30.",
            "4153 hat gerade keinen Platz in einer Rangliste.",
            "4153: gerade kein Wettbewerb.",
        ),
    ],
)
async def test_a_driver_before_the_entry_list_and_without_a_race(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    freezer: FrozenDateTimeFactory,
    language: str,
    starts: str,
    no_place: str,
    no_event: str,
) -> None:
    """Before the entry list: when the race starts, no place yet; a board without a race."""
    await hass.config.async_set_time_zone("America/Chicago")
    url = f"{ESPN}/racing/nascar-premier/scoreboard"
    aioclient_mock.get(url, json=recorded(f"espn/{NASCAR}"))
    await setup_entry(hass, league_entry("nascar_cup", ["4153"]))
    assert await async_setup_component(hass, "intent", {})
    assert _state(hass, "sensor.4153_status") == "awaiting_entry_list"
    assert await _answers(hass, "4153", language) == (starts, starts, no_place)

    aioclient_mock.clear_requests()
    aioclient_mock.get(url, json={"events": []})
    await tick(hass, freezer, 6 * 3600)
    assert _state(hass, "sensor.4153_status") == "no_event"
    assert await _ask(hass, STATE, "4153", language) == no_event
