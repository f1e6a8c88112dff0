"""Service actions: rotate a webhook's signing secret, send a test delivery."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, Final

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import config_validation as cv
import voluptuous as vol

from .const import DOMAIN
from .coordinator import LiveSportsConfigEntry
from .webhooks import WebhookManager

SERVICE_ROTATE_SECRET: Final = "rotate_webhook_secret"  # noqa: S105 - a name
SERVICE_TEST_WEBHOOK: Final = "test_webhook"
ATTR_CONFIG_ENTRY_ID: Final = "config_entry_id"
ATTR_ENDPOINT_ID: Final = "endpoint_id"
ATTR_GRACE_PERIOD: Final = "grace_period"
DEFAULT_GRACE: Final = timedelta(hours=24)
MAX_GRACE: Final = timedelta(days=7)

_ENDPOINT_SCHEMA: Final[dict[vol.Marker, Any]] = {
    vol.Required(ATTR_CONFIG_ENTRY_ID): cv.string,
    vol.Required(ATTR_ENDPOINT_ID): cv.string,
}
ROTATE_SCHEMA: Final = vol.Schema(
    {
        **_ENDPOINT_SCHEMA,
        vol.Optional(ATTR_GRACE_PERIOD, default=DEFAULT_GRACE): vol.All(
            cv.time_period, vol.Range(min=timedelta(0), max=MAX_GRACE)
        ),
    }
)
TEST_SCHEMA: Final = vol.Schema(_ENDPOINT_SCHEMA)


def _manager(hass: HomeAssistant, call: ServiceCall) -> tuple[WebhookManager, str]:
    """Return the loaded entry's webhook manager and the endpoint id, or raise."""
    entry_id = call.data[ATTR_CONFIG_ENTRY_ID]
    entry: LiveSportsConfigEntry | None = hass.config_entries.async_get_entry(entry_id)
    if entry is None or entry.domain != DOMAIN:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="entry_not_found",
            translation_placeholders={"entry_id": entry_id},
        )
    if entry.state is not ConfigEntryState.LOADED:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="entry_not_loaded",
            translation_placeholders={"entry": entry.title},
        )
    manager = entry.runtime_data.webhooks
    endpoint_id = call.data[ATTR_ENDPOINT_ID]
    if endpoint_id not in manager.endpoints:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="endpoint_not_found",
            translation_placeholders={"endpoint_id": endpoint_id, "entry": entry.title},
        )
    return manager, endpoint_id


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register the integration's service actions (once, in async_setup)."""

    async def _rotate(call: ServiceCall) -> ServiceResponse:
        manager, endpoint_id = _manager(hass, call)
        response: dict[str, Any] = manager.async_rotate(endpoint_id, call.data[ATTR_GRACE_PERIOD])
        return response

    async def _test(call: ServiceCall) -> ServiceResponse:
        manager, endpoint_id = _manager(hass, call)
        response: dict[str, Any] = await manager.async_test(endpoint_id)
        return response

    hass.services.async_register(
        DOMAIN,
        SERVICE_ROTATE_SECRET,
        _rotate,
        schema=ROTATE_SCHEMA,
        supports_response=SupportsResponse.OPTIONAL,
    )
    hass.services.async_register(
        DOMAIN,
        SERVICE_TEST_WEBHOOK,
        _test,
        schema=TEST_SCHEMA,
        supports_response=SupportsResponse.ONLY,
    )
