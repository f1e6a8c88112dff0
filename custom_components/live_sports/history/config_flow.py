"""The history steps of the options flow: where history goes, checked before saving.

``history`` (a kind of InfluxDB, or off) → ``history_server`` (its URL and
credentials; the connection is checked the way it will be written to).
"""

from __future__ import annotations

from typing import Any, Final
from urllib.parse import urlsplit

from homeassistant.config_entries import ConfigFlowResult, OptionsFlow
from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.selector import (
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)
import voluptuous as vol

from ..const import CONF_HISTORY, LOGGER
from ..validation import Schema
from .backends import (
    HistoryAuthError,
    HistoryConfig,
    HistoryDatabaseError,
    HistoryError,
    Kind,
    build_backend,
)

CONF_KIND: Final = "kind"
HISTORY_OFF: Final = "off"


class HistoryOptionsFlow(OptionsFlow):
    """The options flow's history steps (the integration's options flow extends it)."""

    _kind = Kind.INFLUXDB_1

    async def async_step_history(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Pick where history goes, or turn it off."""
        if user_input is not None:
            if user_input[CONF_KIND] == HISTORY_OFF:
                options = {k: v for k, v in self.config_entry.options.items() if k != CONF_HISTORY}
                return self.async_create_entry(data=options)
            self._kind = Kind(user_input[CONF_KIND])
            return await self.async_step_history_server()
        current = (self.config_entry.options.get(CONF_HISTORY) or {}).get(CONF_KIND, HISTORY_OFF)
        kinds = [HISTORY_OFF, *(kind.value for kind in Kind)]
        schema = Schema(
            {
                vol.Required(CONF_KIND, default=current): SelectSelector(
                    SelectSelectorConfig(
                        options=kinds, translation_key=CONF_KIND, mode=SelectSelectorMode.LIST
                    )
                )
            }
        )
        return self.async_show_form(step_id="history", data_schema=schema)

    async def async_step_history_server(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask where the database is, and test the connection before saving."""
        errors: dict[str, str] = {}
        current = dict(self.config_entry.options.get(CONF_HISTORY) or {})
        if current.get(CONF_KIND) != self._kind:
            current = {}
        if user_input is not None:
            config = HistoryConfig.parse({CONF_KIND: self._kind.value, **user_input})
            # Saved as checked: the URL with its port (the client's default is 443).
            settings = {CONF_KIND: self._kind.value, **user_input, "url": config.url}
            if not (errors := await _async_history_errors(self.hass, config)):
                return self.async_create_entry(
                    data={**self.config_entry.options, CONF_HISTORY: settings}
                )
            current = user_input
        return self.async_show_form(
            step_id="history_server",
            data_schema=self.add_suggested_values_to_schema(_history_schema(self._kind), current),
            errors=errors,
            description_placeholders={"kind": _KIND_NAMES[self._kind]},
        )


async def _async_history_errors(hass: HomeAssistant, config: HistoryConfig) -> dict[str, str]:
    """Check the database the way it will be written to; return the form's errors.

    InfluxDB 2 and 3 are written by a client that keeps only the URL's scheme,
    host and port: a URL with a path (a reverse proxy's prefix) would be
    checked at one place and written to at another.
    """
    if config.kind is not Kind.INFLUXDB_1 and urlsplit(config.url).path:
        return {"url": "url_with_path"}
    backend = build_backend(async_get_clientsession(hass), config, hass.async_add_executor_job)
    errors: dict[str, str] = {}
    try:
        await backend.async_check()
    except HistoryAuthError:
        errors["base"] = "invalid_auth"
    except HistoryDatabaseError:
        errors["base"] = "unknown_database"
    except HistoryError as err:
        LOGGER.debug("History check failed: %s", err)
        errors["base"] = "cannot_connect_history"
    finally:
        backend.close()
    return errors


_KIND_NAMES = {
    Kind.INFLUXDB_1: "InfluxDB 1.x",
    Kind.INFLUXDB_2: "InfluxDB 2",
    Kind.INFLUXDB_3: "InfluxDB 3",
}
_TEXT = TextSelector()
_URL = TextSelector(TextSelectorConfig(type=TextSelectorType.URL))
_SECRET = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))


def _history_schema(kind: Kind) -> Schema:
    """Return the fields each kind of InfluxDB needs."""
    fields: dict[vol.Marker, Any] = {
        vol.Required("url"): _URL,
        vol.Required("database"): _TEXT,
    }
    if kind is Kind.INFLUXDB_1:
        fields |= {vol.Optional("username"): _TEXT, vol.Optional("password"): _SECRET}
    elif kind is Kind.INFLUXDB_2:
        fields |= {vol.Required("org"): _TEXT, vol.Required("token"): _SECRET}
    else:
        fields |= {vol.Required("token"): _SECRET}
    return Schema(fields)
