"""Actions: ask the game history; rotate and test webhook secrets.

Rotating a secret changes an endpoint's settings and answers with the new
secret: only an administrator may call it (``async_register_admin_service``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
import inspect
from typing import Any, Final

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
from homeassistant.exceptions import (
    HomeAssistantError,
    ServiceValidationError,
    Unauthorized,
    UnknownUser,
)
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.service import async_register_admin_service
import voluptuous as vol

from .const import DOMAIN
from .history import HistorySink
from .history.backends import HistoryError
from .history.queries import UnsafeIdentifierError
from .runtime import LiveSportsConfigEntry
from .validation import Schema
from .webhooks import WebhookManager

SERVICE_GET_TEAM_HISTORY: Final = "get_team_history"
SERVICE_GET_GAME_TIMELINE: Final = "get_game_timeline"
SERVICE_ROTATE_SECRET: Final = "rotate_webhook_secret"  # noqa: S105 - a name
SERVICE_TEST_WEBHOOK: Final = "test_webhook"
ATTR_CONFIG_ENTRY_ID: Final = "config_entry_id"
ATTR_TEAM: Final = "team"
ATTR_SEASON: Final = "season"
ATTR_GAME_ID: Final = "game_id"
ATTR_ENDPOINT_ID: Final = "endpoint_id"
ATTR_GRACE_PERIOD: Final = "grace_period"
DEFAULT_GRACE: Final = timedelta(hours=24)
MAX_GRACE: Final = timedelta(days=7)

TEAM_HISTORY_SCHEMA: Final = Schema(
    {
        vol.Required(ATTR_CONFIG_ENTRY_ID): cv.string,
        vol.Required(ATTR_TEAM): cv.string,
        vol.Required(ATTR_SEASON): vol.All(vol.Coerce(int), vol.Range(min=1900, max=2200)),
    }
)
GAME_TIMELINE_SCHEMA: Final = Schema(
    {
        vol.Required(ATTR_CONFIG_ENTRY_ID): cv.string,
        vol.Required(ATTR_GAME_ID): cv.string,
    }
)
ROTATE_SCHEMA: Final = Schema(
    {
        vol.Required(ATTR_CONFIG_ENTRY_ID): cv.string,
        vol.Required(ATTR_ENDPOINT_ID): cv.string,
        vol.Optional(ATTR_GRACE_PERIOD, default=DEFAULT_GRACE): vol.All(
            cv.time_period, vol.Range(min=timedelta(0), max=MAX_GRACE)
        ),
    }
)
TEST_SCHEMA: Final = Schema(
    {
        vol.Required(ATTR_CONFIG_ENTRY_ID): cv.string,
        vol.Required(ATTR_ENDPOINT_ID): cv.string,
    }
)


def _entry(hass: HomeAssistant, call: ServiceCall) -> LiveSportsConfigEntry:
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
            translation_placeholders={"title": entry.title},
        )
    return entry


def _history(entry: LiveSportsConfigEntry) -> HistorySink:
    if entry.runtime_data.history is None:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="history_not_configured",
            translation_placeholders={"title": entry.title},
        )
    return entry.runtime_data.history


def _endpoint(entry: LiveSportsConfigEntry, call: ServiceCall) -> tuple[WebhookManager, str]:
    """Return the entry's webhook manager and the endpoint id the call names.

    The call names an endpoint by its id or by the id of its config subentry.
    """
    manager = entry.runtime_data.webhooks
    asked = call.data[ATTR_ENDPOINT_ID]
    if (endpoint_id := manager.resolve(asked)) is None:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="endpoint_not_found",
            translation_placeholders={"endpoint_id": asked, "entry": entry.title},
        )
    return manager, endpoint_id


def _team_id(entry: LiveSportsConfigEntry, team: str) -> str:
    """Accept a followed team's id, abbreviation or name."""
    for team_id, known in entry.runtime_data.coordinator.teams.items():
        if team.casefold() in (
            team_id.casefold(),
            known.abbreviation.casefold(),
            known.name.casefold(),
        ):
            return team_id
    return team


async def _ask(question: Callable[[], Awaitable[dict[str, Any]]]) -> ServiceResponse:
    try:
        return await question()
    except UnsafeIdentifierError as err:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="invalid_identifier",
            translation_placeholders={"value": str(err)},
        ) from err
    except HistoryError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="history_unavailable",
            translation_placeholders={"error": str(err)},
        ) from err


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register the integration's actions (once, in async_setup)."""

    async def get_team_history(call: ServiceCall) -> ServiceResponse:
        entry = _entry(hass, call)
        history = _history(entry)
        team_id = _team_id(entry, call.data[ATTR_TEAM])
        return await _ask(lambda: history.async_team_history(team_id, call.data[ATTR_SEASON]))

    async def get_game_timeline(call: ServiceCall) -> ServiceResponse:
        history = _history(_entry(hass, call))
        return await _ask(lambda: history.async_game_timeline(call.data[ATTR_GAME_ID]))

    async def rotate_webhook_secret(call: ServiceCall) -> ServiceResponse:
        manager, endpoint_id = _endpoint(_entry(hass, call), call)
        response: dict[str, Any] = manager.async_rotate(endpoint_id, call.data[ATTR_GRACE_PERIOD])
        return response

    async def test_webhook(call: ServiceCall) -> ServiceResponse:
        manager, endpoint_id = _endpoint(_entry(hass, call), call)
        response: dict[str, Any] = await manager.async_test(endpoint_id)
        return response

    _async_register_admin(
        hass, SERVICE_ROTATE_SECRET, rotate_webhook_secret, ROTATE_SCHEMA, SupportsResponse.OPTIONAL
    )
    hass.services.async_register(
        DOMAIN,
        SERVICE_TEST_WEBHOOK,
        test_webhook,
        schema=TEST_SCHEMA,
        supports_response=SupportsResponse.ONLY,
    )
    hass.services.async_register(
        DOMAIN,
        SERVICE_GET_TEAM_HISTORY,
        get_team_history,
        schema=TEAM_HISTORY_SCHEMA,
        supports_response=SupportsResponse.ONLY,
    )
    hass.services.async_register(
        DOMAIN,
        SERVICE_GET_GAME_TIMELINE,
        get_game_timeline,
        schema=GAME_TIMELINE_SCHEMA,
        supports_response=SupportsResponse.ONLY,
    )


type _Handler = Callable[[ServiceCall], Awaitable[ServiceResponse]]


@callback
def _async_register_admin(
    hass: HomeAssistant,
    service: str,
    handler: _Handler,
    schema: Schema,
    supports_response: SupportsResponse,
) -> None:
    """Register an action only administrators may call, its response kept.

    Home Assistant's ``async_register_admin_service`` passes responses on
    since it takes ``supports_response``; older releases (2025.4) drop them,
    so there the same check wraps the handler.
    """
    register: Callable[..., None] = async_register_admin_service  # typed per release
    if "supports_response" in inspect.signature(register).parameters:
        register(hass, DOMAIN, service, handler, schema, supports_response)
        return

    async def admin_only(call: ServiceCall) -> ServiceResponse:
        if call.context.user_id:
            user = await hass.auth.async_get_user(call.context.user_id)
            if user is None:
                raise UnknownUser(context=call.context)
            if not user.is_admin:
                raise Unauthorized(context=call.context)
        return await handler(call)

    hass.services.async_register(
        DOMAIN, service, admin_only, schema=schema, supports_response=supports_response
    )
