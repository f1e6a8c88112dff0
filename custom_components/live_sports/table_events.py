"""The league table's bus events: names, data and logbook text.

`live_sports_position_changed`, `live_sports_clinched` and
`live_sports_zone_changed` carry a followed team's table change. They take the
game events' path (`events.EventPublisher`: the bus, the team's event entity,
the logbook; history; webhooks); the data dict is made here, at that edge,
from the typed change.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from .table_diff import TableChange, TableChangeKind

EVENT_POSITION_CHANGED: Final = "live_sports_position_changed"
EVENT_CLINCHED: Final = "live_sports_clinched"
EVENT_ZONE_CHANGED: Final = "live_sports_zone_changed"
TABLE_EVENTS: Final = (EVENT_POSITION_CHANGED, EVENT_CLINCHED, EVENT_ZONE_CHANGED)

_BUS_EVENT: Final = {
    TableChangeKind.POSITION_CHANGED: EVENT_POSITION_CHANGED,
    TableChangeKind.CLINCHED: EVENT_CLINCHED,
    TableChangeKind.ZONE_CHANGED: EVENT_ZONE_CHANGED,
}


def table_event_type(change: TableChange) -> str:
    """Return the bus event a table change fires."""
    return _BUS_EVENT[change.kind]


def table_event_data(change: TableChange, entry_id: str) -> dict[str, Any]:
    """Return the documented data of a table change's bus event."""
    row = change.row
    data: dict[str, Any] = {
        "event_id": change.event_id,
        "entry_id": entry_id,
        "league": change.league,
        "team_id": change.team_id,
        "team_abbreviation": row.team.abbreviation,
        "team_name": row.team.name,
        "team_short_name": row.team.short_name,
        "change": change.kind.value,
        "group": change.group,
        "rank": row.rank,
        "points": row.points,
        "played": row.played,
        "zone": row.zone.label if row.zone else None,
        "row": row.as_dict(),
    }
    match change.kind:
        case TableChangeKind.POSITION_CHANGED:
            data |= {"from": change.previous_rank, "to": row.rank}
        case TableChangeKind.ZONE_CHANGED:
            data |= {"from": change.previous_zone, "to": data["zone"]}
        case TableChangeKind.CLINCHED:
            data |= {"what": row.clinch.value if row.clinch else None, "mark": row.clinch_mark}
    return data


_CLINCHED: Final = {
    "top_seed": "clinched the top seed",
    "division": "clinched the division",
    "playoff_spot": "clinched a playoff spot",
    "play_in": "clinched a play-in spot",
    "title": "clinched the title",
    "eliminated": "is eliminated",
    "relegated": "is relegated",
}


def describe_table(data: Mapping[str, Any]) -> str:
    """Return the logbook text of a table event ("Arsenal moved up from 3rd to 2nd")."""
    team = data.get("team_short_name") or data["team_name"]
    group = data.get("group")
    where = f" in {group}" if group else ""
    match data.get("change"):
        case TableChangeKind.POSITION_CHANGED:
            before, after = data.get("from"), data["to"]
            verb = "moved up" if before is not None and after < before else "moved down"
            return f"{team} {verb} from {before} to {after}{where}"
        case TableChangeKind.ZONE_CHANGED:
            zone = data.get("to")
            return f"{team} moved into {zone}" if zone else f"{team} left {data.get('from')}"
        case TableChangeKind.CLINCHED:
            return f"{team} {_CLINCHED.get(str(data.get('what')), 'clinched')}{where}"
    return f"{team}: {data.get('change')}"
