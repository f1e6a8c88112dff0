"""Following golfers from the config flow: the tour's current field, searched by name."""

from __future__ import annotations

from typing import Any
from unittest.mock import AsyncMock

from homeassistant.config_entries import SOURCE_USER
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker

from custom_components.live_sports.const import CONF_LEAGUE, CONF_TEAMS, DOMAIN

from .conftest import ESPN, league_entry, recorded
from .test_golf import MEMORIAL, SHOPRITE, ZURICH

ABERG = "4375972"


def _options(result: dict[str, Any]) -> list[str]:
    """Return the labels of the competitors the form offers."""
    schema = result["data_schema"].schema
    key = next(key for key in schema if key == CONF_TEAMS)
    return [option["label"] for option in schema[key].config["options"]]


async def test_pick_a_golfer_by_a_folded_search(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, mock_setup_entry: AsyncMock
) -> None:
    """PGA TOUR: the field by name; "ABERG" finds Åberg; picked, he is followed by id."""
    aioclient_mock.get(f"{ESPN}/golf/pga/scoreboard", json=recorded(f"espn/{MEMORIAL}"))
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_LEAGUE: "pga"})
    assert (result["type"], result["step_id"]) == (FlowResultType.FORM, "athletes")
    assert len(_options(result)) == 72
    assert result["description_placeholders"] == {"league": "PGA TOUR"}

    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"search": "ABERG"})
    assert (result["step_id"], result["errors"]) == ("athletes", {})
    assert _options(result) == ["Ludvig Åberg"]

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"search": "nobody here"}
    )
    assert result["errors"] == {"search": "no_match"}
    assert len(_options(result)) == 72

    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"search": ""})
    assert result["errors"] == {CONF_TEAMS: "no_teams"}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"search": "aberg", CONF_TEAMS: [ABERG]}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert (result["title"], result["data"]) == ("PGA TOUR", {CONF_LEAGUE: "pga"})
    (subentry,) = result["result"].subentries.values()
    assert (subentry.title, subentry.unique_id, dict(subentry.data)) == (
        "Ludvig Åberg",
        ABERG,
        {"team_id": ABERG},
    )


async def test_pairs_at_a_team_event(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, mock_setup_entry: AsyncMock
) -> None:
    """At the Zurich Classic the field is pairs: a hyphen-free search finds one."""
    aioclient_mock.get(f"{ESPN}/golf/pga/scoreboard", json=recorded(f"espn/{ZURICH}"))
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_LEAGUE: "pga"})
    assert len(_options(result)) == 74
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"search": "neergaard petersen"}
    )
    assert _options(result) == ["Neergaard-Petersen/Olesen"]


async def test_no_field_yet(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker, mock_setup_entry: AsyncMock
) -> None:
    """Before the LPGA's field is out there is no one to pick yet: said so."""
    aioclient_mock.get(f"{ESPN}/golf/lpga/scoreboard", json=recorded(f"espn/{SHOPRITE}"))
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_LEAGUE: "lpga"}
    )
    assert (result["step_id"], result["errors"]) == ("user", {"base": "no_teams_listed"})


async def test_a_golf_entrys_webhook_offers_the_golfers_events(hass: HomeAssistant) -> None:
    """A webhook endpoint of a golf entry subscribes to its players' events, a team's to games'."""
    offered = {}
    for league in ("pga", "nfl"):
        entry = league_entry(league, ["1"])
        entry.add_to_hass(hass)
        result = await hass.config_entries.subentries.async_init(
            (entry.entry_id, "webhook"), context={"source": SOURCE_USER}
        )
        schema = result["data_schema"].schema
        key = next(key for key in schema if key == "event_types")
        offered[league] = schema[key].config["options"]
    assert offered["pga"] == [
        "round_started",
        "round_finished",
        "place_changed",
        "took_lead",
        "lost_lead",
        "cut_made",
        "cut_missed",
        "withdrew",
        "event_finished",
    ]
    assert offered["nfl"] == [
        "game_started",
        "score_changed",
        "period_changed",
        "game_ended",
        "game_status_changed",
        "scoring_play",
        "card",
        "play_updated",
        "score_corrected",
        "position_changed",
        "clinched",
        "zone_changed",
    ]
