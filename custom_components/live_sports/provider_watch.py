"""What a user sees of a league's providers: the repair issue, the devices' maker.

A coordinator listener, called after every refresh, failed or not:

- every provider of the league failed for more than ``OUTAGE_REPAIR_AFTER``:
  a repair issue says so, and goes when one delivers again;
- a provider refused this client (HTTP 403): at once, a repair issue says
  what to do (the fallback serves meanwhile, where there is one), and goes
  when the provider answers again;
- the active provider changed (a failover, a fail-back): each device of the
  entry names the new one as its manufacturer;
- the failover state changed: it is stored, so a restart keeps it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers import device_registry as dr, issue_registry as ir
from homeassistant.helpers.event import async_track_point_in_utc_time
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from .const import DOMAIN
from .providers.failover import FailoverProvider
from .storage import StoredData

OUTAGE_REPAIR_AFTER: Final = timedelta(minutes=15)
SAVE_DELAY: Final = 10


def outage_issue_id(entry_id: str) -> str:
    """Return the id of an entry's "every provider failed" repair issue."""
    return f"providers_down_{entry_id}"


def refused_issue_id(entry_id: str) -> str:
    """Return the id of an entry's "a provider refused us" repair issue."""
    return f"provider_refused_{entry_id}"


@callback
def async_remove_issues(hass: HomeAssistant, entry_id: str) -> None:
    """Delete a removed entry's repair issues about its providers."""
    ir.async_delete_issue(hass, DOMAIN, outage_issue_id(entry_id))
    ir.async_delete_issue(hass, DOMAIN, refused_issue_id(entry_id))


class ProviderWatch:
    """Keep the repair issue, the devices and the store in step with failover."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry_id: str,
        failover: FailoverProvider,
        store: Store[StoredData],
    ) -> None:
        """Watch one entry's failover provider."""
        self._hass = hass
        self._entry_id = entry_id
        self._failover = failover
        self._store = store
        self._maker = failover.active.name
        self._timer: CALLBACK_TYPE | None = None
        failover.on_change = self._save

    async def async_load(self) -> None:
        """Take up the stored failover state."""
        if data := await self._store.async_load():
            self._failover.restore(data)
        self._maker = self._failover.active.name

    @callback
    def _save(self) -> None:
        snapshot = self._failover.as_dict(dt_util.utcnow())
        self._store.async_delay_save(lambda: snapshot, SAVE_DELAY)

    async def async_stop(self) -> None:
        """Write the failover state now: a reload reads it at once."""
        self._cancel_timer()
        await self._store.async_save(self._failover.as_dict(dt_util.utcnow()))

    @callback
    def async_refreshed(self) -> None:
        """Update the repair issues and the devices after a refresh."""
        self._update_issue()
        self._update_refused_issue()
        if (name := self._failover.active.name) != self._maker:
            self._maker = name
            registry = dr.async_get(self._hass)
            for device in dr.async_entries_for_config_entry(registry, self._entry_id):
                registry.async_update_device(device.id, manufacturer=name)

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer()
            self._timer = None

    @callback
    def _update_issue(self, fired: datetime | None = None) -> None:
        """Raise the issue when the outage reaches 15 minutes; clear it on recovery.

        A timer raises it on time: the error back-off may leave up to 15
        minutes between two refreshes.
        """
        if fired is not None:
            self._timer = None
        issue_id = outage_issue_id(self._entry_id)
        since = self._failover.all_failed_since
        if since is None:
            self._cancel_timer()
            ir.async_delete_issue(self._hass, DOMAIN, issue_id)
            return
        if (due := since + OUTAGE_REPAIR_AFTER) > dt_util.utcnow():
            if self._timer is None:
                self._timer = async_track_point_in_utc_time(self._hass, self._update_issue, due)
            return
        self._raise_issue(
            issue_id,
            "providers_down",
            {
                "league": self._failover.league.name,
                "providers": ", ".join(provider.name for provider in self._failover.providers),
                "since": dt_util.as_local(since).strftime("%H:%M"),
            },
        )

    @callback
    def _update_refused_issue(self) -> None:
        """Raise the issue as soon as a provider refuses us; clear it when it answers."""
        issue_id = refused_issue_id(self._entry_id)
        refused = [p.name for p in self._failover.providers if p.name in self._failover.refused]
        if not refused:
            ir.async_delete_issue(self._hass, DOMAIN, issue_id)
            return
        self._raise_issue(
            issue_id,
            "provider_refused",
            {"provider": ", ".join(refused), "league": self._failover.league.name},
        )

    def _raise_issue(self, issue_id: str, key: str, placeholders: dict[str, str]) -> None:
        """Create (or update) one of the entry's provider issues: an error, not fixable here."""
        ir.async_create_issue(
            self._hass,
            DOMAIN,
            issue_id,
            is_fixable=False,
            severity=ir.IssueSeverity.ERROR,
            translation_key=key,
            translation_placeholders=placeholders,
        )
