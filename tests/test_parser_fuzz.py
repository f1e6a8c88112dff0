"""Every parser, fed real payloads with a few games broken at random.

Properties, for ESPN and each fallback feed: nothing but ProviderResponseError
escapes; a game the mutation left intact is still parsed (unchanged, unless the
feed lists it twice); each skipped game costs at most one log line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
import copy
from dataclasses import dataclass
from functools import cache
import json
import logging
from typing import Any

from hypothesis import HealthCheck, given, settings, strategies as st
import pytest

from custom_components.live_sports.models import Game
from custom_components.live_sports.providers import (
    espn,
    mlb_statsapi,
    nba_cdn,
    nhl_web,
    thesportsdb,
)
from custom_components.live_sports.providers.base import ProviderResponseError
from custom_components.live_sports.providers.parsing import ParseMemo

from .conftest import own, recorded

FUZZ = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
WRONG_VALUES: list[Any] = [
    None,
    "",
    "x",
    "2026-13-45T99:99Z",
    "1e999",
    "PT-1M",
    0,
    -1,
    1.5,
    True,
    [],
    ["x"],
    {},
    {"default": None},
]


@dataclass(frozen=True)
class Feed:
    """How to parse one feed, and where its game entries sit."""

    parse: Callable[[Any], list[Game]]
    entries: Callable[[Any], list[dict[str, Any]]]
    ident: Callable[[dict[str, Any]], str]


def _nhl_entries(payload: Any) -> list[dict[str, Any]]:
    if "games" in payload:
        return list(payload["games"])
    return [game for day in payload["gameWeek"] for game in day["games"]]


FEEDS: dict[str, Feed] = {
    "espn_nfl": Feed(
        lambda p: espn.parse_events(p, espn.LEAGUES["nfl"]),
        lambda p: list(p["events"]),
        lambda g: str(g["id"]),
    ),
    "espn_mlb": Feed(
        lambda p: espn.parse_events(p, espn.LEAGUES["mlb"]),
        lambda p: list(p["events"]),
        lambda g: str(g["id"]),
    ),
    "nhl_web": Feed(nhl_web.parse_games, _nhl_entries, lambda g: f"nhl_web:{g['id']}"),
    "mlb_statsapi": Feed(
        mlb_statsapi.parse_games,
        lambda p: [game for day in p["dates"] for game in day["games"]],
        lambda g: f"mlb_statsapi:{g['gamePk']}",
    ),
    "nba_cdn": Feed(
        nba_cdn.parse_games,
        lambda p: list(p["scoreboard"]["games"]),
        lambda g: f"nba_cdn:{g['gameId']}",
    ),
    "thesportsdb": Feed(
        thesportsdb.parse_games,
        lambda p: list(p.get("events") or p.get("livescore") or []),
        lambda g: f"thesportsdb:{g['idEvent']}",
    ),
}
PAYLOADS: list[tuple[str, Callable[[], Any]]] = [
    ("espn_nfl", lambda: recorded("espn/nfl.json")),
    ("espn_mlb", lambda: recorded("espn/mlb.json")),
    ("nhl_web", lambda: recorded("nhl-web/nhl_v1_schedule_2023-11-08-modified.json")),
    ("nhl_web", lambda: own("nhl_web_score_edge_cases.json")),
    (
        "mlb_statsapi",
        lambda: recorded("mlb-statsapi/mlb_v1_schedule_2022-04-07_final_postponed.json"),
    ),
    ("mlb_statsapi", lambda: own("mlb_statsapi_edge_cases.json")),
    (
        "nba_cdn",
        lambda: recorded("nba-cdn/nba_liveData_todaysScoreboard_00_2023-04-20_2live_1final.json"),
    ),
    ("nba_cdn", lambda: own("nba_cdn_edge_cases.json")),
    (
        "thesportsdb",
        lambda: recorded("thesportsdb/tsdb_livescore_soccer_2026-10-05_1H_HT_FT.json"),
    ),
    ("thesportsdb", lambda: own("thesportsdb_edge_cases.json")),
]


IDS = [f"{name}-{index}" for index, (name, _) in enumerate(PAYLOADS)]


@cache
def _prepared(index: int) -> tuple[Feed, str, dict[str, dict[str, Any]], list[tuple[Any, ...]]]:
    """Return a payload's feed, its JSON text, its games as parsed, and its paths.

    Each example decodes its own copy of the text: faster than a deep copy.
    """
    name, load = PAYLOADS[index]
    feed = FEEDS[name]
    payload = load()
    baseline = {game.id: game.as_dict() for game in feed.parse(payload)}
    paths = [path for path in _paths(payload) if len(path) <= 4]
    return feed, json.dumps(payload), baseline, paths


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Yield the path of every key and list item under a value."""
    if isinstance(value, dict):
        for key, sub in value.items():
            yield (*prefix, key)
            yield from _paths(sub, (*prefix, key))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            yield (*prefix, index)
            yield from _paths(sub, (*prefix, index))


def _mutate(game: dict[str, Any], path: tuple[Any, ...], delete: bool, value: Any) -> None:
    parent: Any = game
    for step in path[:-1]:
        parent = parent[step]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = copy.deepcopy(value)


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _parse_logged(feed: Feed, payload: Any) -> tuple[list[Game] | None, list[str]]:
    """Parse; return the games (None on ProviderResponseError) and the log lines."""
    logger = logging.getLogger("custom_components.live_sports.providers")
    handler = _Lines()
    logger.addHandler(handler)
    try:
        games: list[Game] | None = feed.parse(payload)
    except ProviderResponseError:
        games = None
    finally:
        logger.removeHandler(handler)
    return games, [record.getMessage() for record in handler.records]


@pytest.mark.parametrize("index", range(len(PAYLOADS)), ids=IDS)
@FUZZ
@given(data=st.data())
def test_broken_games_cost_only_themselves(index: int, data: st.DataObject) -> None:
    """A few games broken at random: the others parse as before."""
    feed, base, baseline, _ = _prepared(index)
    payload = json.loads(base)
    entries = feed.entries(payload)
    raw_ids = [feed.ident(entry) for entry in entries]
    broken = data.draw(
        st.sets(st.integers(0, len(entries) - 1), min_size=1, max_size=min(3, len(entries))),
        label="broken games",
    )
    for game in sorted(broken):
        paths = list(_paths(entries[game]))
        path = data.draw(st.sampled_from(paths), label=f"path in game {game}")
        delete = data.draw(st.booleans(), label="delete")
        value = None if delete else data.draw(st.sampled_from(WRONG_VALUES), label="value")
        _mutate(entries[game], path, delete, value)

    games, lines = _parse_logged(feed, payload)

    intact = {raw_ids[game] for game in range(len(entries)) if game not in broken} & baseline.keys()
    if games is None:
        assert not intact, "a payload with intact games was refused"
        return
    parsed = {game.id: game.as_dict() for game in games}
    assert intact <= parsed.keys()
    for ident in intact:
        if raw_ids.count(ident) == 1:
            assert parsed[ident] == baseline[ident], ident
    assert len(lines) <= len(broken) + sum(
        1 for ident in raw_ids if ident not in baseline
    )  # originally malformed listings keep their one line each
    assert all(line.startswith("Skipped a malformed") for line in lines)


@pytest.mark.parametrize("index", range(len(PAYLOADS)), ids=IDS)
@FUZZ
@given(data=st.data())
def test_broken_payloads_raise_only_provider_errors(index: int, data: st.DataObject) -> None:
    """Any key of the payload deleted or replaced: a scoreboard or ProviderResponseError."""
    feed, base, _, paths = _prepared(index)
    payload = json.loads(base)
    path = data.draw(st.sampled_from(paths), label="path")
    delete = data.draw(st.booleans(), label="delete")
    value = None if delete else data.draw(st.sampled_from(WRONG_VALUES), label="value")
    _mutate(payload, path, delete, value)
    try:
        games = feed.parse(payload)
    except ProviderResponseError:
        return
    assert all(isinstance(game, Game) for game in games)
    for game in games:
        game.as_dict()


@pytest.mark.parametrize("league", ["nfl", "mlb"])
@FUZZ
@given(data=st.data())
def test_espn_memo_parses_any_changed_event_again(league: str, data: st.DataObject) -> None:
    """A board after one whose games were kept: the games a full parse of it gives.

    A few events changed anywhere (a key deleted or replaced): whatever field
    it was, the memo of the board before must not hand back the old game.
    """
    base = recorded(f"espn/{league}.json")
    memo = ParseMemo()
    espn.parse_events(base, espn.LEAGUES[league], memo=memo)
    payload = json.loads(json.dumps(base))
    entries = payload["events"]
    for game in data.draw(st.sets(st.integers(0, len(entries) - 1), min_size=1, max_size=3)):
        path = data.draw(st.sampled_from(list(_paths(entries[game]))), label="path")
        delete = data.draw(st.booleans(), label="delete")
        value = None if delete else data.draw(st.sampled_from(WRONG_VALUES), label="value")
        _mutate(entries[game], path, delete, value)

    def parse(memo: ParseMemo | None) -> list[Game] | None:
        try:
            return espn.parse_events(payload, espn.LEAGUES[league], memo=memo)
        except ProviderResponseError:
            return None

    assert parse(memo) == parse(None)
