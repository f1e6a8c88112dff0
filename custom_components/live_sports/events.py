"""live_sports_* bus events: names, data, the consumer firing them, logbook text.

`EventPublisher` is the release consumer that fires each released change on
the bus and sends it to the team's event entity (dispatcher); the event data
dict is made here, at this edge, from the typed change.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.helpers.dispatcher import async_dispatcher_send

from .const import DOMAIN
from .diff import ChangeKind
from .field_diff import FieldChange
from .field_events import FIELD_BUS_EVENTS, describe_field, field_bus_event_type, field_event_data
from .models import Side
from .release import Change, Release

EVENT_GAME_STARTED: Final = "live_sports_game_started"
EVENT_SCORE_CHANGED: Final = "live_sports_score_changed"
EVENT_PERIOD_CHANGED: Final = "live_sports_period_changed"
EVENT_GAME_ENDED: Final = "live_sports_game_ended"
EVENT_STATUS_CHANGED: Final = "live_sports_game_status_changed"
BUS_EVENTS: Final = (
    EVENT_GAME_STARTED,
    EVENT_SCORE_CHANGED,
    EVENT_PERIOD_CHANGED,
    EVENT_GAME_ENDED,
    EVENT_STATUS_CHANGED,
)
ATHLETE_BUS_EVENTS: Final = FIELD_BUS_EVENTS
"""A followed athlete's events in a field event (golf): see ``field_events.py``."""
ALL_BUS_EVENTS: Final = (*BUS_EVENTS, *ATHLETE_BUS_EVENTS)
PREFIX: Final = "live_sports_"
GAME_EVENT_KEY: Final = "game_event"
"""The key of a followed team's event entity (its unique id ends with it)."""

_BUS_EVENT: Final = {
    ChangeKind.GAME_STARTED: EVENT_GAME_STARTED,
    ChangeKind.SCORE_CHANGED: EVENT_SCORE_CHANGED,
    ChangeKind.PERIOD_CHANGED: EVENT_PERIOD_CHANGED,
    ChangeKind.BREAK_STARTED: EVENT_PERIOD_CHANGED,
    ChangeKind.BREAK_ENDED: EVENT_PERIOD_CHANGED,
    ChangeKind.GAME_ENDED: EVENT_GAME_ENDED,
    ChangeKind.STATUS_CHANGED: EVENT_STATUS_CHANGED,
}


def bus_event_type(change: Change) -> str:
    """Return the bus event a change fires."""
    if isinstance(change, FieldChange):
        return field_bus_event_type(change)
    return _BUS_EVENT[change.kind]


def short_type(event_type: str) -> str:
    """Return the event entity's type for a bus event ("score_changed")."""
    return event_type.removeprefix(PREFIX)


def event_data(change: Change, entry_id: str) -> dict[str, Any]:
    """Return the documented data of a change's bus event."""
    if isinstance(change, FieldChange):
        return field_event_data(change, entry_id)
    game = change.game
    side = game.side_of(change.team_id) or Side.HOME
    own = game.competitor(side)
    other = game.away if side is Side.HOME else game.home
    data: dict[str, Any] = {
        "event_id": change.event_id,
        "entry_id": entry_id,
        "league": game.league,
        "team_id": change.team_id,
        "team_abbreviation": own.team.abbreviation,
        "team_name": own.team.name,
        "team_short_name": own.team.short_name,
        "opponent_abbreviation": other.team.abbreviation,
        "game_id": game.id,
        "change": change.kind.value,
        "phase": game.phase.value,
        "period": game.period,
        "clock": game.clock,
        "status_detail": game.status_detail,
        "home_abbreviation": game.home.team.abbreviation,
        "away_abbreviation": game.away.team.abbreviation,
        "home_score": game.home.score,
        "away_score": game.away.score,
        "team_score": own.score,
        "opponent_score": other.score,
        "game": game.as_dict(),
    }
    if change.kind is ChangeKind.SCORE_CHANGED and change.side is not None:
        scorer = game.competitor(change.side)
        data |= {
            "scoring_side": change.side.value,
            "scoring_team_id": scorer.team.id,
            "scoring_abbreviation": scorer.team.abbreviation,
            "team_scored": change.side is side,
            "points": change.points,
        }
    if change.kind is ChangeKind.GAME_ENDED:
        result = change.result
        data["result"] = result.value if result else None
    if change.kind is ChangeKind.STATUS_CHANGED:
        data["status"] = game.phase.value
        data["previous_status"] = change.previous_phase.value if change.previous_phase else None
    return data


def event_entity_unique_id(league: str, team_id: str) -> str:
    """Return the unique id of a followed team's game event entity."""
    return f"{league}_{team_id}_{GAME_EVENT_KEY}"


def team_event_entity_id(hass: HomeAssistant, league: str, team_id: str) -> str | None:
    """Return the entity id of a followed team's game event entity, if registered."""
    return er.async_get(hass).async_get_entity_id(
        "event", DOMAIN, event_entity_unique_id(league, team_id)
    )


def team_signal(entry_id: str, team_id: str) -> str:
    """Return the dispatcher signal carrying a followed team's events."""
    return f"{DOMAIN}_{entry_id}_{team_id}_event"


class EventPublisher:
    """Fire each released change on the bus and on its team's event entity.

    The bus event also names the team's event entity and device
    (``entity_id``, ``device_id``): the logbook files the game moment under
    them, so it shows on the team's device page and in the entity's dialog.
    """

    def __init__(self, hass: HomeAssistant, entry_id: str, league: str) -> None:
        """Initialize for one league entry."""
        self._hass = hass
        self._entry_id = entry_id
        self._league = league

    def _targets(self, team_id: str) -> dict[str, str]:
        """Return the team's event entity and device ids, as far as they are registered."""
        entity_id = team_event_entity_id(self._hass, self._league, team_id)
        if entity_id is None:
            return {}
        entity = er.async_get(self._hass).async_get(entity_id)
        device_id = entity.device_id if entity else None
        if device_id and dr.async_get(self._hass).async_get(device_id):
            return {"entity_id": entity_id, "device_id": device_id}
        return {"entity_id": entity_id}

    @callback
    def async_on_release(self, release: Release) -> None:
        """Fire the release's changes, in order."""
        for change in release.changes:
            event_type = bus_event_type(change)
            data = event_data(change, self._entry_id)
            self._hass.bus.async_fire(event_type, data | self._targets(change.team_id))
            async_dispatcher_send(
                self._hass, team_signal(self._entry_id, change.team_id), event_type, data
            )


def _scoreline(data: Mapping[str, Any]) -> str:
    return (
        f"{data['team_abbreviation']} {data['team_score']} : "
        f"{data['opponent_score']} {data['opponent_abbreviation']}"
    )


def describe(data: Mapping[str, Any]) -> str:
    """Return the logbook text of an event ("Bills scored 7 — BUF 14 : 10 NE")."""
    if "athlete_id" in data:
        return describe_field(data)
    change = data.get("change")
    team = data.get("team_short_name") or data["team_name"]
    opponent = data["opponent_abbreviation"]
    match change:
        case ChangeKind.GAME_STARTED:
            return f"{team} game against {opponent} started"
        case ChangeKind.SCORE_CHANGED:
            who = team if data.get("team_scored") else data.get("scoring_abbreviation")
            points = data.get("points") or 0
            verb = f"scored {points}" if points > 0 else f"had {-points} taken off"
            return f"{who} {verb} — {_scoreline(data)}"
        case ChangeKind.BREAK_STARTED:
            return f"{data['status_detail']} — {_scoreline(data)}"
        case ChangeKind.BREAK_ENDED:
            return f"Play resumed — {_scoreline(data)}"
        case ChangeKind.PERIOD_CHANGED:
            return f"Period {data['period']} — {_scoreline(data)}"
        case ChangeKind.GAME_ENDED:
            verbs = {"win": "won", "loss": "lost", "tie": "tied"}
            verb = verbs.get(str(data.get("result")), "finished")
            return f"{team} {verb} — {_scoreline(data)}"
        case ChangeKind.STATUS_CHANGED:
            return f"{team} game against {opponent} is {data['status']}"
    return f"{team}: {change}"
