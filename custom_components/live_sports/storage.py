"""Every Store of live_sports: its key, its version and its migration.

- ``live_sports.<entry_id>``: what the coordinator saw (diff states) and the
  releases waiting for the stream delay, with the view they hold back.
  1.1 kept each pending change as ``[event_type, event_data]``; 1.2 keeps the
  typed change (``GameChange.as_dict``), its event id carried over unchanged.
  The view is kept with or without a delay; boards keep the followed teams'
  games only (a board with more, as older runs wrote, loads the same).
  ``field_states`` (followed athletes' states in field events, golf) is kept
  beside ``states`` once there is one: an older store without it loads the same.
- ``live_sports.<entry_id>.history``: history points not yet written.
- ``live_sports.<entry_id>.webhooks``: the webhook outbox, its statistics and
  each endpoint's runtime state. 1.2 adds ``endpoints`` (endpoint id → why it
  was disabled, the previous secret and its expiry), which version 1 config
  entries kept in their options; the entry migration moves them here.
- ``live_sports.<entry_id>.providers``: what failover needs across a restart:
  the primary's team list, the games known by their canonical ids, and which
  provider is active (``FailoverProvider.as_dict``).
- ``live_sports.<entry_id>.schedules``: the followed teams' schedules, kept
  once (not with every board held back by the stream delay), so the last
  result and the calendars are right straight after a restart.
- ``live_sports.<entry_id>.standings``: the league's table as last fetched and
  as last shown, the followed teams' remembered places (so a table change
  fires once, never again after a restart), when it was last asked for, and
  whether the league keeps no table.
"""

from __future__ import annotations

from collections.abc import Mapping
import inspect
from typing import Any, Final

from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store

from .const import DOMAIN

ENTRY_VERSION: Final = 1
ENTRY_MINOR_VERSION: Final = 2
HISTORY_VERSION: Final = 1
OUTBOX_VERSION: Final = 1
OUTBOX_MINOR_VERSION: Final = 2
PROVIDERS_VERSION: Final = 1
SCHEDULES_VERSION: Final = 1
STANDINGS_VERSION: Final = 1

type StoredData = dict[str, Any]


def _change_of_event(data: Mapping[str, Any]) -> dict[str, Any]:
    """Return the 1.2 form of a change stored as 1.1 bus event data."""
    return {
        "kind": data["change"],
        "event_id": data["event_id"],
        "team_id": data["team_id"],
        "game": data["game"],
        "side": data.get("scoring_side"),
        "points": data.get("points"),
        "previous_phase": data.get("previous_status"),
    }


class EntryStore(Store[StoredData]):
    """The coordinator's states and the pending releases of one entry."""

    async def _async_migrate_func(
        self, old_major_version: int, old_minor_version: int, old_data: StoredData
    ) -> StoredData:
        """Migrate 1.1 (changes as event data pairs) to 1.2 (typed changes)."""
        if old_major_version != ENTRY_VERSION:
            raise NotImplementedError
        if old_minor_version < 2:
            old_data = {
                **old_data,
                "pending": [
                    {
                        "at": release["at"],
                        "board": release["board"],
                        "changes": [_change_of_event(data) for _, data in release["events"]],
                    }
                    for release in old_data.get("pending", [])
                ],
            }
        return old_data


class OutboxStore(Store[StoredData]):
    """The webhook outbox, statistics and endpoint states of one entry."""

    async def _async_migrate_func(
        self, old_major_version: int, old_minor_version: int, old_data: StoredData
    ) -> StoredData:
        """Migrate 1.1 (no endpoint states) to 1.2."""
        if old_major_version != OUTBOX_VERSION:
            raise NotImplementedError
        return {"endpoints": {}, **old_data}


def _in_writer_thread() -> dict[str, Any]:
    """Return the Store argument that turns its data into JSON off the event loop.

    Newer releases serialize in the event loop unless told not to; older ones
    always do it in the writer thread (and have no such argument).
    """
    if "serialize_in_event_loop" in inspect.signature(Store.__init__).parameters:
        return {"serialize_in_event_loop": False}
    return {}


def entry_store(hass: HomeAssistant, entry_id: str) -> EntryStore:
    """Return the store of an entry's diff states and pending releases.

    Its data function turns an immutable snapshot into JSON, in the writer thread.
    """
    return EntryStore(
        hass,
        ENTRY_VERSION,
        f"{DOMAIN}.{entry_id}",
        minor_version=ENTRY_MINOR_VERSION,
        **_in_writer_thread(),
    )


def history_store(hass: HomeAssistant, entry_id: str) -> Store[StoredData]:
    """Return the store of an entry's unwritten history points."""
    return Store(hass, HISTORY_VERSION, f"{DOMAIN}.{entry_id}.history")


def outbox_store(hass: HomeAssistant, entry_id: str) -> OutboxStore:
    """Return the store of an entry's webhook outbox and endpoint states."""
    return OutboxStore(
        hass, OUTBOX_VERSION, f"{DOMAIN}.{entry_id}.webhooks", minor_version=OUTBOX_MINOR_VERSION
    )


def providers_store(hass: HomeAssistant, entry_id: str) -> Store[StoredData]:
    """Return the store of an entry's failover state."""
    return Store(hass, PROVIDERS_VERSION, f"{DOMAIN}.{entry_id}.providers")


def schedules_store(hass: HomeAssistant, entry_id: str) -> Store[StoredData]:
    """Return the store of an entry's followed teams' schedules."""
    return Store(hass, SCHEDULES_VERSION, f"{DOMAIN}.{entry_id}.schedules")


def standings_store(hass: HomeAssistant, entry_id: str) -> Store[StoredData]:
    """Return the store of an entry's league table and the followed teams' places."""
    return Store(hass, STANDINGS_VERSION, f"{DOMAIN}.{entry_id}.standings")


async def async_remove_stores(hass: HomeAssistant, entry_id: str) -> None:
    """Delete everything a removed entry kept."""
    for store in (
        entry_store(hass, entry_id),
        history_store(hass, entry_id),
        outbox_store(hass, entry_id),
        providers_store(hass, entry_id),
        schedules_store(hass, entry_id),
        standings_store(hass, entry_id),
    ):
        await store.async_remove()
