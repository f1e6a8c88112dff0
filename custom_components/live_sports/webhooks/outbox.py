"""The outbox: each endpoint's pending deliveries in order, kept in a Store.

The same store keeps each endpoint's statistics and its runtime state (why
the integration disabled it, the previous secret during a rotation): what the
integration learns while it runs, never the user's settings.

Changes are written by the Store's delayed save (a second after the first
change of a burst, and on Home Assistant's final write) and at once on unload,
so pending deliveries survive a reload or restart. The Store calls the data
function once per save, however many changes came before it: the snapshot is
taken then, in the event loop (deliveries change there), so its cost is one
pass over the backlog per save, not per change. A message shared by several
endpoints is stored once.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
import threading
from typing import Any, Final

from homeassistant.core import HomeAssistant, callback
from homeassistant.util.async_ import run_callback_threadsafe

from ..const import LOGGER
from ..storage import outbox_store
from .models import Delivery, EndpointStats, Message

SAVE_DELAY: Final = 1.0
MAX_PENDING: Final = 1000
"""Deliveries kept per endpoint; when full the oldest is dropped."""


class Outbox:
    """Pending deliveries and statistics of an entry's endpoints."""

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        """Initialize an empty outbox; call async_load to restore it."""
        self._hass = hass
        self._store = outbox_store(hass, entry_id)
        self._queues: dict[str, deque[Delivery]] = {}
        self.stats: dict[str, EndpointStats] = {}
        self._states: dict[str, dict[str, Any]] = {}
        self._save_pending = False
        """A delayed save is scheduled and has not taken its snapshot yet."""

    async def async_load(self) -> None:
        """Restore what was pending."""
        stored = await self._store.async_load() or {}
        messages = {
            key: Message.from_dict(key, data) for key, data in stored.get("messages", {}).items()
        }
        for endpoint_id, queue in stored.get("queues", {}).items():
            self._queues[endpoint_id] = deque(
                Delivery(
                    id=item["id"],
                    message=messages[item["message"]],
                    attempts=item["attempts"],
                    next_attempt=item["next_attempt"],
                )
                for item in queue
                if item["message"] in messages
            )
        for endpoint_id, stats in stored.get("stats", {}).items():
            self.stats[endpoint_id] = EndpointStats.from_dict(stats)
        self._states = {key: dict(state) for key, state in stored.get("endpoints", {}).items()}

    def stats_of(self, endpoint_id: str) -> EndpointStats:
        """Return an endpoint's statistics."""
        return self.stats.setdefault(endpoint_id, EndpointStats())

    def state_of(self, endpoint_id: str) -> Mapping[str, Any]:
        """Return an endpoint's runtime state (``Endpoint.state`` form; empty if none)."""
        return self._states.get(endpoint_id, {})

    def set_state(self, endpoint_id: str, state: Mapping[str, Any]) -> None:
        """Keep an endpoint's runtime state."""
        if self._states.get(endpoint_id) != state:
            self._states[endpoint_id] = dict(state)
            self.save()

    def add(self, endpoint_id: str, delivery: Delivery) -> None:
        """Queue a delivery at the end; drop the oldest if the outbox is full."""
        queue = self._queues.setdefault(endpoint_id, deque())
        if len(queue) >= MAX_PENDING:
            queue.popleft()
            self.stats_of(endpoint_id).dropped += 1
            LOGGER.warning("Webhook outbox of endpoint %s is full: dropped its oldest", endpoint_id)
        queue.append(delivery)
        self.save()

    def head(self, endpoint_id: str) -> Delivery | None:
        """Return an endpoint's next delivery."""
        queue = self._queues.get(endpoint_id)
        return queue[0] if queue else None

    def pop(self, endpoint_id: str) -> None:
        """Remove an endpoint's next delivery (delivered or given up)."""
        self._queues[endpoint_id].popleft()
        self.save()

    def pending(self, endpoint_id: str) -> int:
        """Return how many deliveries an endpoint has waiting."""
        return len(self._queues.get(endpoint_id, ()))

    def clear(self, endpoint_id: str) -> None:
        """Drop an endpoint's pending deliveries (it was disabled)."""
        if dropped := self.pending(endpoint_id):
            self._queues[endpoint_id].clear()
            self.stats_of(endpoint_id).dropped += dropped
            self.save()

    def forget(self, endpoint_id: str) -> None:
        """Forget an endpoint that was removed."""
        self._queues.pop(endpoint_id, None)
        self.stats.pop(endpoint_id, None)
        self._states.pop(endpoint_id, None)
        self.save()

    @callback
    def save(self) -> None:
        """Write the outbox within SAVE_DELAY: one snapshot per save, however many changes."""
        if not self._save_pending:
            self._save_pending = True
            self._store.async_delay_save(self._data, SAVE_DELAY)

    def _data(self) -> dict[str, Any]:
        """Return what to write; the Store calls this once per save, from an executor thread."""
        if threading.get_ident() == self._hass.loop_thread_id:
            return self._take_snapshot()
        return run_callback_threadsafe(self._hass.loop, self._take_snapshot).result()

    @callback
    def _take_snapshot(self) -> dict[str, Any]:
        self._save_pending = False
        return self._snapshot()

    async def async_save(self) -> None:
        """Write the outbox now."""
        await self._store.async_save(self._take_snapshot())

    async def async_close(self) -> None:
        """Write the outbox a last time (unload)."""
        await self.async_save()

    def _snapshot(self) -> dict[str, Any]:
        messages: dict[str, dict[str, Any]] = {}
        queues: dict[str, list[dict[str, Any]]] = {}
        for endpoint_id, queue in self._queues.items():
            if not queue:
                continue
            queues[endpoint_id] = [delivery.as_dict() for delivery in queue]
            for delivery in queue:
                if delivery.message.key not in messages:
                    messages[delivery.message.key] = delivery.message.as_dict()
        return {
            "messages": messages,
            "queues": queues,
            "stats": {endpoint_id: stats.as_dict() for endpoint_id, stats in self.stats.items()},
            "endpoints": {key: dict(state) for key, state in self._states.items()},
        }
