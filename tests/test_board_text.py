"""A board's events left as text until they change: the games are always those of a full decode.

What a fan sees is the score and status of each game; these tests hold that a
board decoded event by event (``decode_board``) gives exactly what decoding
the whole body gives, on every recorded board, in ESPN's compact form and
pretty-printed, over a game day of refreshes, and for bodies of any other
shape (which are decoded whole).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
import json
from typing import Any
from unittest.mock import patch

from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession
import orjson
import pytest
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.live_sports.providers.base import ProviderResponseError
from custom_components.live_sports.providers.espn import (
    LEAGUES,
    EspnProvider,
    board_text,
    parse_scoreboard,
)
from custom_components.live_sports.providers.espn.board_text import decode_board
from custom_components.live_sports.providers.parsing import EventText

from .conftest import ESPN, mock_espn_schedules, recorded

NOW = datetime(2026, 10, 4, 20, 0, tzinfo=UTC)
BOARDS = ["nfl", "ncaaf", "nhl", "mlb", "mls"]


def _never(_ident: str, _text: bytes) -> bool:
    return False


def _parsed_before(ident: str, text: bytes) -> bool:
    """What a board's memo can have seen: an event's whole text, which decoded to that event."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return False
    return isinstance(value, dict) and value.get("id") == ident


def _whole(payload: Any) -> Any:
    """Return the payload with every event decoded, as decoding the body whole gives it."""
    events = [e.decoded() if isinstance(e, EventText) else e for e in payload["events"]]
    return {**payload, "events": events}


def _bodies(name: str) -> list[bytes]:
    """Return a recorded board as ESPN sends it (compact) and pretty-printed."""
    payload = recorded(f"espn/{name}.json")
    return [orjson.dumps(payload), json.dumps(payload, indent=2).encode()]


@pytest.mark.parametrize("name", BOARDS)
@pytest.mark.parametrize("seen", [_never, _parsed_before])
def test_every_recorded_board_decodes_as_a_whole(name: str, seen: Any) -> None:
    """Event by event or whole, the payload is the same; every event but the last is cut."""
    for body in _bodies(name):
        payload = decode_board(body, seen)
        assert _whole(payload) == json.loads(body)
        texts = [event for event in payload["events"] if isinstance(event, EventText)]
        assert len(texts) == len(payload["events"]) - 1


def _with(payload: dict[str, Any], **extra: Any) -> bytes:
    return orjson.dumps({**payload, **extra})


def _odd_bodies() -> Iterator[tuple[str, bytes]]:
    board = recorded("espn/nfl.json")
    events = board["events"]
    yield "uid before id", _with(board, events=[{"uid": e["uid"], **e} for e in events])
    for where, notes in (
        ("first", [{"id": "7", "uid": "s:20~l:28~e:7", "date": "2026-10-04T17:00Z"}]),
        ("second", [{"type": "event"}, {"id": "8", "uid": "s:20~l:28~e:8"}]),
    ):
        nested = json.loads(json.dumps(events))
        nested[3]["competitions"][0]["notes"] = notes
        yield f"an event-like object {where} in a list inside an event", _with(board, events=nested)
    yield "the events before the league", orjson.dumps({"events": events, **board})
    yield "a key after the events", _with(board, provider={"id": "1", "name": "x"})
    yield "one event", _with(board, events=events[:1])
    yield "no events", _with(board, events=[])
    yield "an event id that is a number", _with(board, events=[{**events[0], "id": 5}, *events])
    yield "the same event twice", _with(board, events=[events[0], events[0], *events[1:]])
    inner = {"events": [{"id": "1", "uid": "s:1~l:2~e:1"}, {"id": "2", "uid": "s:1~l:2~e:2"}]}
    yield "event-like objects in a league's list", _with(board, leagues=[inner])
    yield "and none on the board", _with(board, leagues=[inner], events=[])


@pytest.mark.parametrize(("shape", "body"), list(_odd_bodies()), ids=lambda v: str(v)[:40])
@pytest.mark.parametrize("seen", [_never, _parsed_before])
def test_a_board_of_another_shape_decodes_as_a_whole(shape: str, body: bytes, seen: Any) -> None:
    """Whatever the body's shape, the payload is the one decoding it whole gives."""
    assert _whole(decode_board(body, seen)) == json.loads(body), shape


def test_a_broken_body_is_no_json() -> None:
    """A body cut short (a dropped connection) is refused, never half read."""
    body = orjson.dumps(recorded("espn/nfl.json"))
    for end in (len(body) // 3, len(body) - 2):
        with pytest.raises(json.JSONDecodeError):
            decode_board(body[:end], _never)


@contextmanager
def _decoded_bytes() -> Iterator[list[int]]:
    """Count the bytes of every text decoded while the board is read."""
    sizes: list[int] = []
    real = orjson.loads

    def counting(text: bytes | str) -> Any:
        sizes.append(len(text))
        return real(text)

    with (
        patch.object(board_text.orjson, "loads", counting),
        patch("custom_components.live_sports.providers.base.orjson.loads", counting),
    ):
        yield sizes


async def test_a_game_day_shows_what_a_full_decode_shows(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """Refresh after refresh, one live game moves: every game is as a full decode has it.

    And the board's unchanged events are not decoded again: a refresh decodes
    the moved game and the board around the events, well under half the body.
    """
    board = recorded("espn/ncaaf.json")
    provider = EspnProvider(async_get_clientsession(hass), LEAGUES["ncaaf"])
    live = [event for event in board["events"] if event["status"]["type"]["state"] == "in"]
    assert live, "the recording has live games"
    for refresh in range(6):
        event = live[refresh % len(live)]
        competition = event["competitions"][0]
        competition["status"]["displayClock"] = f"{9 - refresh}:00"
        competition["competitors"][0]["score"] = str(
            int(competition["competitors"][0]["score"]) + 3
        )
        body = orjson.dumps(board)
        aioclient_mock.clear_requests()
        mock_espn_schedules(aioclient_mock, "football/college-football")
        aioclient_mock.get(f"{ESPN}/football/college-football/scoreboard", content=body)
        with _decoded_bytes() as sizes:
            shown = await provider.async_get_scoreboard(["61"], NOW)
        full = parse_scoreboard(json.loads(body), LEAGUES["ncaaf"], NOW)
        assert {game.id: game for game in shown.games} == {game.id: game for game in full.games}
        if refresh:
            assert sum(sizes) < len(body) / 2, f"refresh {refresh} decoded {sum(sizes)} bytes"


async def test_a_board_cut_short_is_an_error_and_the_next_one_serves(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    """A truncated body is a clear provider error; the next whole one is shown as it is."""
    board = recorded("espn/nfl.json")
    body = orjson.dumps(board)
    provider = EspnProvider(async_get_clientsession(hass), LEAGUES["nfl"])
    url = f"{ESPN}/football/nfl/scoreboard"
    mock_espn_schedules(aioclient_mock)
    aioclient_mock.get(url, content=body)
    await provider.async_get_scoreboard(["1"], NOW)
    for content in (body[: len(body) - 40], body):
        aioclient_mock.clear_requests()
        mock_espn_schedules(aioclient_mock)
        aioclient_mock.get(url, content=content)
        if content is body:
            shown = await provider.async_get_scoreboard(["1"], NOW)
            full = parse_scoreboard(board, LEAGUES["nfl"], NOW)
            assert {game.id: game for game in shown.games} == {game.id: game for game in full.games}
        else:
            with pytest.raises(ProviderResponseError, match="invalid JSON"):
                await provider.async_get_scoreboard(["1"], NOW)
