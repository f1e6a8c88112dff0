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
from .diff import ChangeKind, GameChange
from .models import Play, Side, report_line
from .release import Release
from .table_diff import TableChangeKind
from .table_events import TABLE_EVENTS, describe_table, table_event_data, table_event_type

EVENT_GAME_STARTED: Final = "live_sports_game_started"
EVENT_SCORE_CHANGED: Final = "live_sports_score_changed"
EVENT_PERIOD_CHANGED: Final = "live_sports_period_changed"
EVENT_GAME_ENDED: Final = "live_sports_game_ended"
EVENT_STATUS_CHANGED: Final = "live_sports_game_status_changed"
EVENT_SCORING_PLAY: Final = "live_sports_scoring_play"
EVENT_CARD: Final = "live_sports_card"
EVENT_PLAY_UPDATED: Final = "live_sports_play_updated"
EVENT_SCORE_CORRECTED: Final = "live_sports_score_corrected"
BUS_EVENTS: Final = (
    EVENT_GAME_STARTED,
    EVENT_SCORE_CHANGED,
    EVENT_PERIOD_CHANGED,
    EVENT_GAME_ENDED,
    EVENT_STATUS_CHANGED,
    EVENT_SCORING_PLAY,
    EVENT_CARD,
    EVENT_PLAY_UPDATED,
    EVENT_SCORE_CORRECTED,
    *TABLE_EVENTS,
)
"""Every bus event of a followed team: the game's, then the league table's."""
ENTITY_EVENTS: Final = tuple(e for e in BUS_EVENTS if e != EVENT_PLAY_UPDATED)
"""What the event entity shows: every moment but a play's late update."""
TABLE_CHANGES: Final = frozenset(kind.value for kind in TableChangeKind)
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
    ChangeKind.SCORING_PLAY: EVENT_SCORING_PLAY,
    ChangeKind.CARD: EVENT_CARD,
    ChangeKind.PLAY_UPDATED: EVENT_PLAY_UPDATED,
    ChangeKind.SCORE_CORRECTED: EVENT_SCORE_CORRECTED,
}
_SCORING: Final = (ChangeKind.SCORE_CHANGED, ChangeKind.SCORING_PLAY, ChangeKind.SCORE_CORRECTED)


def bus_event_type(change: GameChange) -> str:
    """Return the bus event a change fires."""
    return _BUS_EVENT[change.kind]


def short_type(event_type: str) -> str:
    """Return the event entity's type for a bus event ("score_changed")."""
    return event_type.removeprefix(PREFIX)


def event_data(change: GameChange, entry_id: str) -> dict[str, Any]:
    """Return the documented data of a change's bus event."""
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
    if change.kind in _SCORING and change.side is not None:
        scorer = game.competitor(change.side)
        data |= {
            "scoring_side": change.side.value,
            "scoring_team_id": scorer.team.id,
            "scoring_abbreviation": scorer.team.abbreviation,
            "team_scored": change.side is side,
            "points": change.play.points
            if change.kind is ChangeKind.SCORING_PLAY and change.play
            else change.points,
        }
    if change.play is not None:
        data |= play_data(change.play, data, home=side is Side.HOME)
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
        """Fire the release's changes in order, the games' then the table's.

        The team's event entity is told each moment once (``entity_moments``).
        """
        entity_told = entity_moments(release.changes)
        for change in release.changes:
            self._fire(
                bus_event_type(change),
                change.team_id,
                event_data(change, self._entry_id),
                entity=change.event_id in entity_told,
            )
        for table_change in release.table_changes:
            self._fire(
                table_event_type(table_change),
                table_change.team_id,
                table_event_data(table_change, self._entry_id),
            )

    def _fire(
        self, event_type: str, team_id: str, data: dict[str, Any], *, entity: bool = True
    ) -> None:
        self._hass.bus.async_fire(event_type, data | self._targets(team_id))
        if entity:
            async_dispatcher_send(
                self._hass, team_signal(self._entry_id, team_id), event_type, data
            )


def entity_moments(changes: tuple[GameChange, ...]) -> set[str]:
    """Return the event ids of the changes the team's event entity writes: one state a goal.

    A goal whose score change the same board brought is one state: the score
    change, with the play's data (a second goal of that change is its own
    scoring play state). A play arriving after its score change (from a
    game summary, or a soccer board's details a poll late) and a play's
    update write nothing more on the entity: its goal already has its state.
    They still go to the bus, the logbook, history, webhooks and triggers.
    """
    scored = {
        (change.team_id, change.game.id, change.side)
        for change in changes
        if change.kind is ChangeKind.SCORE_CHANGED and (change.points or 0) > 0
    }
    named = {
        change.play.id
        for change in changes
        if change.kind is ChangeKind.SCORE_CHANGED and change.play is not None
    }
    told: set[str] = set()
    for change in changes:
        if change.kind is ChangeKind.PLAY_UPDATED:
            continue
        if (
            change.kind is ChangeKind.SCORING_PLAY
            and change.play is not None
            and not change.play.kind.in_shootout  # a kick is its own moment
        ):
            if change.play.id in named:
                continue
            if (change.team_id, change.game.id, change.side) not in scored:
                continue
        told.add(change.event_id)
    return told


def _scoreline(data: Mapping[str, Any]) -> str:
    return (
        f"{data['team_abbreviation']} {data['team_score']} : "
        f"{data['opponent_score']} {data['opponent_abbreviation']}"
    )


def play_data(play: Play, data: Mapping[str, Any], *, home: bool) -> dict[str, Any]:
    """Return the fields a play adds to its event's data (`data`: the followed team's view).

    The report's score is the one after the play (two goals between two
    polls: each its own score), else the game's.
    """
    own_score, other_score = data["team_score"], data["opponent_score"]
    if play.home_score is not None and play.away_score is not None:
        own_score, other_score = (
            (play.home_score, play.away_score) if home else (play.away_score, play.home_score)
        )
    scoreline = (
        f"{data['team_abbreviation']} {own_score}–{other_score} {data['opponent_abbreviation']}"
    )
    return {
        "play_id": play.id,
        "play": play.as_dict(),
        "play_kind": play.kind.value,
        "for_followed_team": play.team_id == data["team_id"],
        "scorer": play.scorer.name if play.scorer else None,
        "assists": [athlete.name for athlete in play.assists],
        "play_clock": play.clock,
        "report": report_line(play, scoreline),
    }


_PLAY_CHANGES: Final = (ChangeKind.SCORING_PLAY, ChangeKind.CARD, ChangeKind.PLAY_UPDATED)


def describe(data: Mapping[str, Any]) -> str:
    """Return the logbook text of an event ("Bills scored 7 — BUF 14 : 10 NE")."""
    change = data.get("change")
    if change in TABLE_CHANGES:
        return describe_table(data)
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
        case ChangeKind.SCORE_CORRECTED:
            who = team if data.get("team_scored") else data.get("scoring_abbreviation")
            return f"Score corrected: {who} {data.get('points')} — {_scoreline(data)}"
    if change in _PLAY_CHANGES and data.get("report"):
        prefix = "Updated: " if change == ChangeKind.PLAY_UPDATED else ""
        return f"{prefix}{data['report']}"
    return f"{team}: {change}"
