"""The stream delay as a fan lives it: switched on mid-game, across a restart, at set-up.

With a delay set, nothing fetched later than ``now - delay`` is ever shown or
fired (what was already on screen when the delay was switched on stays until
something old enough replaces it), the score never goes backwards, and the
score event comes with the score it announces.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import EVENT_STATE_CHANGED, STATE_UNAVAILABLE
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.live_sports.const import CONF_STREAM_DELAY
from custom_components.live_sports.events import EVENT_SCORE_CHANGED
from custom_components.live_sports.providers.espn import LEAGUES, parse_scoreboard
from custom_components.live_sports.release import Release

from .conftest import (
    ATL_GAME_ID,
    NFL_NOW,
    atlanta_board,
    league_entry,
    recorded,
    serve_nfl,
    setup_entry,
    tick,
)

pytestmark = pytest.mark.freeze_time(NFL_NOW)

SCORE = "sensor.atlanta_falcons_score"
DELAY = 60


class Stream:
    """What ESPN says over time, and what the fan may see at each moment.

    ``served`` lists (since, score): ESPN answers `score` from `since` on. The
    fan watches the game `delay` behind: at `now`, anything ESPN said after
    ``now - delay`` is ahead of the stream.
    """

    def __init__(
        self,
        hass: HomeAssistant,
        aioclient_mock: AiohttpClientMocker,
        teams: dict[str, Any],
        events: list[Event],
    ) -> None:
        self.hass = hass
        self._mock = aioclient_mock
        self._teams = teams
        self._events = events
        self.served: list[tuple[datetime, int]] = []
        self.shown: list[int] = []
        self.delay = timedelta(0)

    def serve(self, score: int) -> None:
        serve_nfl(self._mock, self._teams, atlanta_board(score))
        self.served.append((dt_util.utcnow(), score))

    def newest_allowed(self) -> int:
        """Return what ESPN said `delay` ago (the stream's score)."""
        before = dt_util.utcnow() - self.delay
        return max((score for since, score in self.served if since <= before), default=0)

    def look(self) -> None:
        """Check what the fan sees now against the stream, and remember it."""
        state = self.hass.states.get(SCORE)
        assert state is not None
        assert state.state != STATE_UNAVAILABLE
        score = int(state.state)
        assert score <= max([self.newest_allowed(), *self.shown[-1:]]), (
            f"{score} shown at {dt_util.utcnow()}, ahead of the stream"
        )
        assert not self.shown or score >= self.shown[-1], "the score went backwards"
        if not self.shown or score != self.shown[-1]:
            self.shown.append(score)
        # Each score the fan saw appear came with its event, not before, not after.
        fired = [
            event.data["home_score"]
            for event in self._events
            if event.event_type == EVENT_SCORE_CHANGED and event.data["team_id"] == "1"
        ]
        assert fired == self.shown[1:]


def _atl_entry() -> MockConfigEntry:
    return league_entry("nfl", ["1"])


async def _watch(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    stream: Stream,
    seconds: int,
    plays: dict[int, int] | None = None,
) -> None:
    """Look at the score every 2 s for `seconds`; ESPN says plays[s] at second s."""
    plays = plays or {}
    for second in range(0, seconds, 2):
        if second in plays:
            stream.serve(plays[second])
        await tick(hass, freezer, 2)
        stream.look()


async def test_switching_the_delay_on_mid_game_never_shows_ahead_of_the_stream(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    events: list[Event],
) -> None:
    """26 on screen; a touchdown (33) as the delay goes on: 33 shows, and fires, 60 s later."""
    stream = Stream(hass, aioclient_mock, nfl_teams_payload, events)
    stream.serve(26)
    entry = _atl_entry()
    await setup_entry(hass, entry)
    stream.look()
    assert stream.shown == [26]

    await tick(hass, freezer, 10)
    stream.serve(33)
    stream.delay = timedelta(seconds=DELAY)
    hass.config_entries.async_update_entry(entry, options={CONF_STREAM_DELAY: DELAY})
    await hass.async_block_till_done()
    stream.look()
    assert stream.shown == [26]

    await _watch(hass, freezer, stream, 180, plays={16: 40, 50: 47})
    assert stream.shown == [26, 33, 40, 47]


async def test_a_restart_right_after_switching_the_delay_on_keeps_to_the_stream(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    events: list[Event],
) -> None:
    """Home Assistant restarts 20 s after the delay went on: still nothing ahead, nothing lost."""
    stream = Stream(hass, aioclient_mock, nfl_teams_payload, events)
    stream.serve(26)
    entry = _atl_entry()
    await setup_entry(hass, entry)
    stream.look()
    stream.serve(33)
    stream.delay = timedelta(seconds=DELAY)
    hass.config_entries.async_update_entry(entry, options={CONF_STREAM_DELAY: DELAY})
    await hass.async_block_till_done()
    await _watch(hass, freezer, stream, 20, plays={10: 40})

    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    freezer.tick(timedelta(seconds=30))  # down for 30 s; ESPN moves on meanwhile
    stream.serve(47)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    stream.look()
    await _watch(hass, freezer, stream, 150)
    assert stream.shown == [26, 33, 40, 47]


async def test_first_set_up_with_a_delay_shows_nothing_ahead_of_the_stream(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    events: list[Event],
) -> None:
    """Nothing is old enough at the very first set-up: unavailable until the stream catches up."""
    stream = Stream(hass, aioclient_mock, nfl_teams_payload, events)
    stream.delay = timedelta(seconds=DELAY)
    stream.serve(26)
    entry = league_entry("nfl", ["1"], options={CONF_STREAM_DELAY: DELAY})
    await setup_entry(hass, entry)
    assert hass.states.get(SCORE).state == STATE_UNAVAILABLE
    assert hass.states.get("sensor.atlanta_falcons_game_status").state == STATE_UNAVAILABLE
    await tick(hass, freezer, 30)
    stream.serve(33)
    await tick(hass, freezer, 20)
    assert hass.states.get(SCORE).state == STATE_UNAVAILABLE
    await tick(hass, freezer, 12)  # +62 s: the board of the set-up is old enough
    stream.look()
    assert stream.shown == [26]
    assert hass.states.get("sensor.atlanta_falcons_game_status").state == "live"
    await _watch(hass, freezer, stream, 60)
    assert stream.shown == [26, 33]


async def test_pending_boards_are_stored_with_the_followed_games_only(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    events: list[Event],
) -> None:
    """Twenty boards held back by a 5 min delay: the store keeps Atlanta's game, not 16 each."""
    stream = Stream(hass, aioclient_mock, nfl_teams_payload, events)
    stream.serve(26)
    entry = league_entry("nfl", ["1"], options={CONF_STREAM_DELAY: 300})
    await setup_entry(hass, entry)
    for score in range(27, 47):
        stream.serve(score)
        await tick(hass, freezer, 15)
    await tick(hass, freezer, 2)  # the store is written a second after a change
    assert events == []

    stored = hass_storage[f"live_sports.{entry.entry_id}"]["data"]
    assert len(stored["pending"]) == 20  # the set-up's board is out: 302 s have passed
    assert len(recorded("espn/nfl.json")["events"]) == 16
    for release in stored["pending"]:
        games = release["board"]["games"]
        assert ATL_GAME_ID in {game["id"] for game in games}
        # Besides Atlanta's, one game under way: the league plays today.
        others = [game for game in games if game["id"] != ATL_GAME_ID]
        assert [game["phase"] for game in others] == ["live"]

    # Each shows, and fires, five minutes after it was seen, in order.
    await tick(hass, freezer, 300)
    assert hass.states.get(SCORE).state == "46"
    assert [event.data["home_score"] for event in events] == list(range(27, 47))


async def test_switching_the_delay_off_mid_game_catches_up_in_order(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    events: list[Event],
) -> None:
    """33 and 40 held back by a 60 s delay; the delay off: both show and fire at once, in order."""
    stream = Stream(hass, aioclient_mock, nfl_teams_payload, events)
    stream.serve(26)
    entry = league_entry("nfl", ["1"], options={CONF_STREAM_DELAY: DELAY})
    await setup_entry(hass, entry)
    await tick(hass, freezer, 61)
    stream.serve(33)
    await tick(hass, freezer, 16)
    stream.serve(40)
    await tick(hass, freezer, 16)
    assert hass.states.get(SCORE).state == "26"
    assert events == []

    shown: list[str] = []

    @callback
    def _shown(event: Event) -> None:
        if event.data["entity_id"] == SCORE and event.data["new_state"] is not None:
            shown.append(event.data["new_state"].state)

    hass.bus.async_listen(EVENT_STATE_CHANGED, _shown)
    hass.config_entries.async_update_entry(entry, options={})
    await hass.async_block_till_done()
    assert [state for state in shown if state != STATE_UNAVAILABLE] == ["33", "40"]
    assert [event.data["home_score"] for event in events] == [33, 40]
    await tick(hass, freezer, 16)
    assert hass.states.get(SCORE).state == "40"
    assert len(events) == 2


async def test_a_store_of_full_boards_loads_and_is_kept_small(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    events: list[Event],
) -> None:
    """A previous version stored every game of each held-back board: it still shows, kept small."""
    entry = league_entry("nfl", ["1"], options={CONF_STREAM_DELAY: DELAY})
    now = dt_util.utcnow()
    view = parse_scoreboard(atlanta_board(26), LEAGUES["nfl"], now - timedelta(seconds=90))
    later = parse_scoreboard(atlanta_board(33), LEAGUES["nfl"], now - timedelta(seconds=30))
    assert len(later.games) == 16
    key = f"live_sports.{entry.entry_id}"
    hass_storage[key] = {
        "version": 1,
        "minor_version": 2,
        "key": key,
        "data": {
            "states": {},
            "pending": [Release(now + timedelta(seconds=30), later).as_dict()],
            "view": view.as_dict(),
        },
    }
    stream = Stream(hass, aioclient_mock, nfl_teams_payload, events)
    stream.delay = timedelta(seconds=DELAY)
    stream.serve(33)
    await setup_entry(hass, entry)
    assert hass.states.get(SCORE).state == "26"
    await tick(hass, freezer, 2)
    stored = hass_storage[key]["data"]
    assert [len(release["board"]["games"]) for release in stored["pending"]] == [2, 2]
    assert len(stored["view"]["games"]) == 2
    # The store's JSON is made in its writer thread, on every release that can say so.
    store = entry.runtime_data.releases._store
    assert getattr(store, "_serialize_in_event_loop", False) is False

    await tick(hass, freezer, 30)
    assert hass.states.get(SCORE).state == "33"
