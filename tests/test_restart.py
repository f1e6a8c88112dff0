"""After a restart: what the first refresh detects reaches every consumer.

Home Assistant starts with the coordinator state of a previous run (26-21 in
NO @ ATL); the recorded NFL board says 26-24. The field goal seen while Home
Assistant was down must reach the bus, the team's event entity, history and
the webhooks, like any change seen later.

ESPN and InfluxDB 1.x are local HTTP servers here (the ESPN one answers with
the recorded board), so Home Assistant's real aiohttp session also reaches
the real webhook receiver, which verifies signatures with `standardwebhooks`.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from dataclasses import dataclass, field
from typing import Any
from unittest.mock import patch

from aiohttp import web
from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import (
    async_capture_events,
)

from custom_components.live_sports.const import CONF_HISTORY
from custom_components.live_sports.events import EVENT_SCORE_CHANGED
from custom_components.live_sports.webhooks import Endpoint
from custom_components.live_sports.webhooks.models import webhook_id

from .conftest import (
    ATL_GAME_ID,
    NFL_NOW,
    league_entry,
    own,
    recorded,
    setup_entry,
    store_previous_run,
    tick,
)
from .webhook_receiver import LOOPBACK, Receiver, settle

pytestmark = pytest.mark.freeze_time(NFL_NOW)


@dataclass
class Upstream:
    """ESPN (the recorded NFL board) and InfluxDB 1.x's /write, on loopback."""

    written: list[str] = field(default_factory=list)
    port: int = 0
    _runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/football/nfl/teams", self._teams)
        app.router.add_get("/football/nfl/scoreboard", self._scoreboard)
        app.router.add_post("/write", self._write)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, LOOPBACK, 0).start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _teams(self, _request: web.Request) -> web.Response:
        return web.json_response(own("espn_nfl_teams.json"))

    async def _scoreboard(self, _request: web.Request) -> web.Response:
        return web.json_response(recorded("espn/nfl.json"))

    async def _write(self, request: web.Request) -> web.Response:
        self.written.extend((await request.text()).splitlines())
        return web.Response(status=204)


@pytest.fixture
async def upstream(socket_enabled: None) -> AsyncGenerator[Upstream]:
    """Local ESPN and InfluxDB; the ESPN provider is pointed at it."""
    server = Upstream()
    await server.start()
    with patch("custom_components.live_sports.providers.espn.client.BASE_URL", server.url):
        yield server
    await server.stop()


async def test_change_at_the_first_refresh_reaches_every_consumer(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    upstream: Upstream,
    receiver: Receiver,
) -> None:
    """Stored 26-21, board 26-24: bus, event entity, history and webhook each get it once."""
    endpoint = Endpoint(id="e1", url=receiver.url, secret=receiver.secret)
    entry = league_entry(
        "nfl",
        ["1"],
        endpoints=(endpoint,),
        options={CONF_HISTORY: {"kind": "influxdb_1", "url": upstream.url, "database": "nfl"}},
    )
    store_previous_run(hass_storage, entry)
    scores = async_capture_events(hass, EVENT_SCORE_CHANGED)
    await setup_entry(hass, entry)

    # The bus: the away field goal, once.
    assert len(scores) == 1
    data = scores[0].data
    assert (data["game_id"], data["points"], data["scoring_abbreviation"]) == (ATL_GAME_ID, 3, "NO")
    event_id = data["event_id"]

    # The team's event entity.
    state = hass.states.get("event.atlanta_falcons_game_event")
    assert state is not None
    assert state.attributes["event_type"] == "score_changed"
    assert state.attributes["event_id"] == event_id

    # The webhook receiver: one verified delivery carrying the bus event's data.
    await settle(lambda: len(receiver.deliveries) == 1)
    delivery = receiver.deliveries[0]
    assert delivery.verified
    assert delivery.id == webhook_id("e1", event_id)
    assert delivery.json["type"] == "live_sports.score_changed"
    assert delivery.json["data"]["event_id"] == event_id

    # History: the batch timer writes the change's point (and the game's score).
    await tick(hass, freezer, 11)
    await settle(lambda: any(line.startswith("live_sports_events,") for line in upstream.written))
    changes = [line for line in upstream.written if line.startswith("live_sports_events,")]
    assert len(changes) == 1
    assert f'event_id="{event_id}"' in changes[0]
    assert "change=score_changed" in changes[0]
    assert "points=3i" in changes[0]
    assert any(
        line.startswith("nfl_scores,") and "away_score=24i" in line for line in upstream.written
    )

    # Nothing more for anyone, and the next refresh repeats nothing.
    await tick(hass, freezer, 16)
    assert len(scores) == 1
    assert len(receiver.deliveries) == 1
    assert await hass.config_entries.async_unload(entry.entry_id)
