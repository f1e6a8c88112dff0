"""The Demo league end to end inside Home Assistant's test harness."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import (
    async_fire_time_changed,
)

from custom_components.live_sports.providers.replay import CYCLE

from .conftest import league_entry

ROUND_START = datetime.fromtimestamp(CYCLE * 2_950_000, UTC)


@pytest.mark.freeze_time(ROUND_START)
async def test_demo_game_moves(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> None:
    """Within minutes a followed club's game starts, scores change and ends."""
    entry = league_entry("demo", ["1"])
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    # The next game kicks off in a minute: it shows, with its opponent. The last
    # round's ended minutes ago, hours in a Demo day of ten minutes.
    assert hass.states.get("sensor.arsenal_game_status").state == "scheduled"
    next_opponent = hass.states.get("sensor.arsenal_opponent").state
    assert hass.states.get("binary_sensor.arsenal_playing").state == STATE_OFF
    picture = hass.states.get("sensor.arsenal_score").attributes["entity_picture"]
    assert picture.startswith("data:image/svg+xml")

    seen_states: list[str] = []
    scores: list[str] = []
    playing: set[str] = set()
    for _ in range(CYCLE // 5):
        freezer.tick(timedelta(seconds=5))
        async_fire_time_changed(hass)
        await hass.async_block_till_done()
        status = hass.states.get("sensor.arsenal_game_status").state
        if not seen_states or seen_states[-1] != status:
            seen_states.append(status)
        score = (
            hass.states.get("sensor.arsenal_score").state,
            hass.states.get("sensor.arsenal_opponent_score").state,
        )
        if status in ("live", "break", "final") and (not scores or scores[-1] != score):
            scores.append(score)
        if status == "live":
            assert hass.states.get("sensor.arsenal_opponent").state == next_opponent
        playing.add(hass.states.get("binary_sensor.arsenal_playing").state)
    # Two minutes after the final the next round's game shows.
    assert seen_states == ["scheduled", "live", "break", "live", "final", "scheduled"]
    assert len(scores) > 1
    assert playing == {STATE_ON, STATE_OFF}
    assert hass.states.get("sensor.arsenal_last_result").state[0] in "WLT"
