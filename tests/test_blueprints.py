"""The shipped automation blueprints: valid blueprints, and firing on real events.

Each blueprint is checked with Home Assistant's own blueprint schema, then
used by an automation (``use_blueprint``) in a Home Assistant with a real
NFL entry against the recorded board; the board changes, the integration
fires its event, and the services the blueprint calls are recorded.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
import re
import shutil
from typing import Any
from urllib.parse import quote

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.automation.config import AUTOMATION_BLUEPRINT_SCHEMA
from homeassistant.components.blueprint.models import Blueprint
from homeassistant.core import HomeAssistant, ServiceCall, State, callback
from homeassistant.helpers import area_registry as ar, entity_registry as er
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
from homeassistant.util.yaml import load_yaml_dict
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed_exact,
    mock_restore_cache_with_extra_data,
)
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.live_sports.const import DOMAIN

from .conftest import NFL_NOW, REPO_ROOT, league_entry, recorded, serve_nfl, tick

pytestmark = pytest.mark.freeze_time(NFL_NOW)

BLUEPRINTS = REPO_ROOT / "blueprints" / "automation" / "live_sports"
RAW = "https://raw.githubusercontent.com/live-sports/live_sports/main/"
IMPORT = "https://my.home-assistant.io/redirect/blueprint_import/?blueprint_url="
ATL_GAME = "401437650"
"""NO @ ATL: live, 26-24, 4th quarter, in the recorded NFL board."""
GB_GAME = "401437649"
"""Green Bay's game: scheduled in the recorded NFL board."""

Calls = list[tuple[str, dict[str, Any]]]


def _files() -> list[Path]:
    return sorted(BLUEPRINTS.glob("*.yaml"))


def test_at_least_three_blueprints() -> None:
    """Score, kick-off and final each have a blueprint."""
    assert {path.name for path in _files()} >= {
        "score_flash_lights.yaml",
        "kickoff_tv_scene.yaml",
        "final_result_notification.yaml",
    }


@pytest.mark.parametrize("path", _files(), ids=lambda path: path.name)
def test_blueprint_is_valid(path: Path) -> None:
    """Home Assistant's blueprint schema accepts it; source_url is its raw file."""
    blueprint = Blueprint(
        load_yaml_dict(path),
        path=str(path),
        expected_domain="automation",
        schema=AUTOMATION_BLUEPRINT_SCHEMA,
    )
    assert blueprint.metadata["source_url"] == RAW + path.relative_to(REPO_ROOT).as_posix()
    assert blueprint.metadata["homeassistant"]["min_version"] == "2025.4.0"
    team = blueprint.inputs["team_event"]["selector"]["entity"]["filter"]
    assert team == [{"integration": DOMAIN, "domain": ["event"]}]


def test_readme_links_import_every_blueprint() -> None:
    """The README's "Import blueprint" links point at the shipped files."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(" + re.escape(IMPORT) + r"([^)\s]+)\)", readme))
    shipped = {quote(RAW + path.relative_to(REPO_ROOT).as_posix(), safe="") for path in _files()}
    assert linked == shipped


def _board(
    home: int = 26, away: int = 24, status: str | None = None, gb_status: str | None = None
) -> dict[str, Any]:
    """The recorded board with the ATL game's score/status or GB's status changed."""
    payload = recorded("espn/nfl.json")
    games = {event["id"]: event["competitions"][0] for event in payload["events"]}
    atl = games[ATL_GAME]
    atl["competitors"][0]["score"] = str(home)
    atl["competitors"][1]["score"] = str(away)
    if status is not None:
        atl["status"]["type"].update(
            name=status, state="post", completed=True, detail="Final", shortDetail="Final"
        )
    if gb_status is not None:
        games[GB_GAME]["status"]["period"] = 1
        games[GB_GAME]["status"]["type"].update(
            name=gb_status,
            state="pre" if gb_status == "STATUS_DELAYED" else "in",
            detail=gb_status,
        )
    return payload


async def _advance(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    seconds: float,
    until: Callable[[], bool] = lambda: False,
) -> None:
    """Move the (frozen) clock in 0.1 s steps for ``seconds``, or until ``until()``.

    Polls and the blueprint's delays run as the clock moves. Never
    ``async_block_till_done`` here: it would wait for a run in a delay, which
    only a time change ends, so a blueprint flashing when it should not would
    hang the test instead of failing it.
    """
    for _ in range(round(seconds * 10)):
        if until():
            return
        freezer.tick(timedelta(seconds=0.1))
        async_fire_time_changed_exact(hass)  # not 0.5 s ahead, as async_fire_time_changed
        for _ in range(5):  # let a woken run reach its next call or wait
            await asyncio.sleep(0)


async def _nfl(hass: HomeAssistant, team: str) -> MockConfigEntry:
    entry = league_entry("nfl", [team])
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


def _record(hass: HomeAssistant, *services: str, times: list[datetime] | None = None) -> Calls:
    """Record calls of the services ("light.turn_on"), in one list, in call order.

    One list rather than ``async_mock_service`` per service, so that the order
    across services (snapshot, flashes, restore; scene before TV) is checked.

    ``times`` gets the (frozen) time of each call.
    """
    calls: Calls = []

    @callback
    def _handle(call: ServiceCall) -> None:
        calls.append((f"{call.domain}.{call.service}", dict(call.data)))
        if times is not None:
            times.append(dt_util.utcnow())

    for service in services:
        domain, name = service.split(".")
        hass.services.async_register(domain, name, _handle)
    return calls


async def _use_blueprint(
    hass: HomeAssistant, tmp_path: Path, name: str, inputs: dict[str, Any]
) -> None:
    """Set up automation.blueprint_test from the shipped blueprint, as a user would."""
    # The test configuration directory is inside the installed test package,
    # shared by every run: the blueprint goes into one of this test's own.
    hass.config.config_dir = str(tmp_path)
    folder = Path(hass.config.path("blueprints/automation/live_sports"))
    await hass.async_add_executor_job(lambda: folder.mkdir(parents=True, exist_ok=True))
    await hass.async_add_executor_job(shutil.copy, BLUEPRINTS / name, folder / name)
    config = {
        "id": "blueprint_test",
        "alias": "Blueprint test",
        "use_blueprint": {"path": f"live_sports/{name}", "input": inputs},
    }
    assert await async_setup_component(hass, "automation", {"automation": [config]})
    await hass.async_block_till_done()
    state = hass.states.get("automation.blueprint_test")
    assert state is not None
    assert state.state == "on"


@pytest.mark.parametrize(("target", "restore"), [("entity", False), ("area", True)])
async def test_score_flashes_the_lights(
    hass: HomeAssistant,
    tmp_path: Path,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    target: str,
    restore: bool,
) -> None:
    """New Orleans scores: three flashes in the colour, then the lights as they were.

    Atlanta's score flashes nothing, also when it comes in the same refresh
    as New Orleans' (the entity's state, the time to the millisecond, is then
    the same for both). An area target is expanded to its lights for the
    snapshot; without restore the lights stay on in the colour.
    """
    if target == "area":
        area = ar.async_get(hass).async_create("Living room")
        er.async_get(hass).async_get_or_create(
            "light", "test", "1", suggested_object_id="living_room"
        )
        er.async_get(hass).async_update_entity("light.living_room", area_id=area.id)
        lights: dict[str, Any] = {"area_id": area.id}
    else:
        lights = {"entity_id": "light.living_room"}
    times: list[datetime] = []
    calls = _record(
        hass, "light.turn_on", "light.turn_off", "scene.create", "scene.turn_on", times=times
    )
    serve_nfl(aioclient_mock, nfl_teams_payload, _board())
    await _nfl(hass, "18")
    await _use_blueprint(
        hass,
        tmp_path,
        "score_flash_lights.yaml",
        {
            "team_event": "event.new_orleans_saints_game_event",
            "lights": lights,
            "color": [211, 188, 141],
            "flashes": 3,
            "flash_seconds": 0.5,
            "restore": restore,
        },
    )
    event = "event.new_orleans_saints_game_event"

    serve_nfl(aioclient_mock, nfl_teams_payload, _board(home=29))
    await _advance(hass, freezer, 20)
    assert hass.states.get(event).attributes["team_scored"] is False
    assert calls == []

    # Atlanta's touchdown and New Orleans' field goal, in this order, in one refresh.
    serve_nfl(aioclient_mock, nfl_teams_payload, _board(home=36, away=27))
    await _advance(hass, freezer, 20, until=lambda: len(calls) == (8 if restore else 7))
    assert hass.states.get(event).attributes["points"] == 3
    target_data = {key: [value] for key, value in lights.items()}
    flash_on = ("light.turn_on", {**target_data, "rgb_color": [211, 188, 141], "brightness": 255})
    flash_off = ("light.turn_off", target_data)
    snapshot = "live_sports_flash_blueprint_test"
    if restore:
        assert calls == [
            ("scene.create", {"scene_id": snapshot, "snapshot_entities": ["light.living_room"]}),
            *[flash_on, flash_off] * 3,
            ("scene.turn_on", {"entity_id": [f"scene.{snapshot}"]}),
        ]
    else:
        assert calls == [*[flash_on, flash_off] * 3, flash_on]
    # Six waits of 0.5 s (on, off, three times), seen in steps of 0.1 s.
    first_on = times[1] if restore else times[0]
    assert timedelta(seconds=3) <= times[-1] - first_on < timedelta(seconds=6)
    await hass.async_block_till_done()


_RESTORED = {
    "event_id": "0123456789abcdef01234567",
    "league": "nfl",
    "team_id": "1",
    "team_abbreviation": "ATL",
    "team_name": "Atlanta Falcons",
    "team_short_name": "Falcons",
    "opponent_abbreviation": "NO",
    "game_id": ATL_GAME,
    "team_score": 26,
    "opponent_score": 24,
    "team_scored": True,
    "points": 7,
    "result": "win",
    "game": {
        "id": ATL_GAME,
        "home": {"id": "1", "name": "Atlanta Falcons"},
        "away": {"id": "18", "name": "New Orleans Saints"},
    },
}
"""A last moment from before a restart, as the event entity restores it."""


@pytest.mark.parametrize(
    ("name", "event_type", "inputs"),
    [
        (
            "score_flash_lights.yaml",
            "score_changed",
            # No wait between flashes (below the form's minimum): a wrong run
            # is recorded at once instead of waiting in a delay.
            {"lights": {"entity_id": "light.living_room"}, "flash_seconds": 0},
        ),
        ("kickoff_tv_scene.yaml", "game_started", {"tv": ["media_player.living_room_tv"]}),
        ("final_result_notification.yaml", "game_ended", {}),
    ],
)
async def test_a_restored_moment_is_not_a_new_one(
    hass: HomeAssistant,
    tmp_path: Path,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    name: str,
    event_type: str,
    inputs: dict[str, Any],
) -> None:
    """The entity's last moment coming back (restart, reload) runs nothing."""
    calls = _record(
        hass,
        "light.turn_on",
        "light.turn_off",
        "scene.create",
        "scene.turn_on",
        "media_player.turn_on",
        "persistent_notification.create",
    )
    entity = "event.atlanta_falcons_game_event"
    mock_restore_cache_with_extra_data(
        hass,
        [
            (
                State(entity, "2022-09-11T19:58:00.000+00:00", {"event_type": event_type}),
                {"last_event_type": event_type, "last_event_attributes": _RESTORED},
            )
        ],
    )
    # A restart where the entry comes up after the automations (a retry, say):
    # the entity appears with its restored moment.
    await _use_blueprint(hass, tmp_path, name, {"team_event": entity, **inputs})
    serve_nfl(aioclient_mock, nfl_teams_payload, _board())
    entry = await _nfl(hass, "1")
    state = hass.states.get(entity)
    assert (state.attributes["event_type"], state.attributes["event_id"]) == (
        event_type,
        _RESTORED["event_id"],
    )

    # A reload: unavailable, then the same moment again.
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert hass.states.get(entity).attributes["event_id"] == _RESTORED["event_id"]
    assert calls == []


async def test_kickoff_turns_on_the_tv_and_the_scene(
    hass: HomeAssistant,
    tmp_path: Path,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    """Green Bay's game is delayed (nothing), then kicks off: the scene, then the TV."""
    calls = _record(hass, "media_player.turn_on", "scene.turn_on")
    serve_nfl(aioclient_mock, nfl_teams_payload, _board())
    await _nfl(hass, "9")
    await _use_blueprint(
        hass,
        tmp_path,
        "kickoff_tv_scene.yaml",
        {
            "team_event": "event.green_bay_packers_game_event",
            "tv": ["media_player.living_room_tv"],
            "scenes": ["scene.game_time"],
        },
    )

    freezer.move_to("2022-09-11T20:30:00+00:00")
    serve_nfl(aioclient_mock, nfl_teams_payload, _board(gb_status="STATUS_DELAYED"))
    await tick(hass, freezer, 1)
    state = hass.states.get("event.green_bay_packers_game_event")
    assert state.attributes["event_type"] == "game_status_changed"
    assert calls == []

    serve_nfl(aioclient_mock, nfl_teams_payload, _board(gb_status="STATUS_IN_PROGRESS"))
    await tick(hass, freezer, 61)
    state = hass.states.get("event.green_bay_packers_game_event")
    assert state.attributes["event_type"] == "game_started"
    assert calls == [
        ("scene.turn_on", {"entity_id": ["scene.game_time"]}),
        ("media_player.turn_on", {"entity_id": ["media_player.living_room_tv"]}),
    ]


@pytest.mark.parametrize(
    ("team", "entity", "inputs", "expected"),
    [
        (
            "1",
            "event.atlanta_falcons_game_event",
            {},
            [
                (
                    "persistent_notification.create",
                    {
                        "title": "Final: ATL 32–24 NO",
                        "message": "Atlanta Falcons beat New Orleans Saints 32–24",
                    },
                )
            ],
        ),
        (
            "18",
            "event.new_orleans_saints_game_event",
            {
                "notify_action": "notify.mobile_app_phone",
                "more_actions": [
                    {"action": "script.announce", "data": {"text": "{{ result }}: {{ message }}"}}
                ],
            },
            [
                (
                    "notify.mobile_app_phone",
                    {
                        "title": "Final: NO 24–32 ATL",
                        "message": "New Orleans Saints lost to Atlanta Falcons 24–32",
                    },
                ),
                (
                    "script.announce",
                    {"text": "loss: New Orleans Saints lost to Atlanta Falcons 24–32"},
                ),
            ],
        ),
    ],
    ids=["win-persistent-notification", "loss-notify-and-more-actions"],
)
async def test_final_notifies_the_result(
    hass: HomeAssistant,
    tmp_path: Path,
    aioclient_mock: AiohttpClientMocker,
    nfl_teams_payload: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    team: str,
    entity: str,
    inputs: dict[str, Any],
    expected: Calls,
) -> None:
    """The last touchdown and the final in one refresh: one notification, the result's."""
    calls = _record(
        hass, "persistent_notification.create", "notify.mobile_app_phone", "script.announce"
    )
    serve_nfl(aioclient_mock, nfl_teams_payload, _board())
    await _nfl(hass, team)
    await _use_blueprint(
        hass, tmp_path, "final_result_notification.yaml", {"team_event": entity, **inputs}
    )

    serve_nfl(aioclient_mock, nfl_teams_payload, _board(home=32, status="STATUS_FINAL"))
    await tick(hass, freezer, 16, times=2)
    assert hass.states.get(entity).attributes["event_type"] == "game_ended"
    assert calls == expected
