"""Config flow: pick a league, then the teams to follow."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, Final
from urllib.parse import urlsplit

from homeassistant.config_entries import (
    ConfigEntryState,
    ConfigFlow,
    ConfigFlowResult,
    OptionsFlow,
)
from homeassistant.const import CONF_URL, UnitOfTime
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.selector import (
    BooleanSelector,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)
import voluptuous as vol

from .const import (
    CONF_HISTORY,
    CONF_IDLE_CAP,
    CONF_LEAGUE,
    CONF_LIVE_INTERVAL,
    CONF_STREAM_DELAY,
    CONF_TEAMS,
    DOMAIN,
    LOGGER,
    MAX_LIVE_INTERVAL,
    MAX_STREAM_DELAY,
)
from .entry import LiveSportsConfigEntry
from .history.backends import (
    HistoryAuthError,
    HistoryConfig,
    HistoryDatabaseError,
    HistoryError,
    Kind,
    build_backend,
)
from .models import Team
from .polling import DEFAULT_IDLE_CAP, FLOOR
from .providers import ALL_LEAGUES, build_provider
from .providers.base import ProviderError
from .validation import Schema
from .webhooks import EVENT_TYPES, Endpoint, redact_url
from .webhooks.models import endpoints_of, new_endpoint_id, with_endpoints
from .webhooks.signer import generate_secret

DEFAULT_IDLE_CAP_HOURS: Final = int(DEFAULT_IDLE_CAP.total_seconds() // 3600)
CONF_EVENT_TYPES: Final = "event_types"
CONF_ENABLED: Final = "enabled"
CONF_ENDPOINT: Final = "endpoint"
CONF_ENDPOINTS: Final = "endpoints"


async def _async_fetch_teams(hass: HomeAssistant, league: str) -> list[Team]:
    provider = build_provider(async_get_clientsession(hass), league)
    return await provider.async_get_teams()


def _teams_schema(teams: Sequence[Team], default: Sequence[str] = ()) -> Schema:
    options = [SelectOptionDict(value=team.id, label=team.name) for team in teams]
    known = {team.id for team in teams}
    return Schema(
        {
            vol.Required(
                CONF_TEAMS, default=[team_id for team_id in default if team_id in known]
            ): SelectSelector(
                SelectSelectorConfig(
                    options=options, multiple=True, mode=SelectSelectorMode.DROPDOWN
                )
            ),
        }
    )


CONF_KIND = "kind"
HISTORY_OFF = "off"


class LiveSportsConfigFlow(ConfigFlow, domain=DOMAIN):
    """Add a league and its followed teams."""

    VERSION = 1

    def __init__(self) -> None:
        """Initialize the flow."""
        self._league = ""
        self._teams: list[Team] = []

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: LiveSportsConfigEntry) -> OptionsFlow:
        """Return the options flow that changes the followed teams."""
        return LiveSportsOptionsFlow()

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Pick a league; one entry per league."""
        errors: dict[str, str] = {}
        if user_input is not None:
            self._league = user_input[CONF_LEAGUE]
            await self.async_set_unique_id(self._league)
            self._abort_if_unique_id_configured()
            try:
                self._teams = await _async_fetch_teams(self.hass, self._league)
            except ProviderError as err:
                LOGGER.debug("Cannot list teams of %s: %s", self._league, err)
                errors["base"] = err.translation_key
            else:
                return await self.async_step_teams()
        leagues = [
            SelectOptionDict(value=league.key, label=league.name) for league in ALL_LEAGUES.values()
        ]
        schema = Schema(
            {
                vol.Required(CONF_LEAGUE, default=self._league or "demo"): SelectSelector(
                    SelectSelectorConfig(options=leagues, mode=SelectSelectorMode.DROPDOWN)
                )
            }
        )
        return self.async_show_form(step_id="user", data_schema=schema, errors=errors)

    async def async_step_teams(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Pick the teams to follow."""
        errors: dict[str, str] = {}
        if user_input is not None:
            if user_input[CONF_TEAMS]:
                return self.async_create_entry(
                    title=ALL_LEAGUES[self._league].name,
                    data={CONF_LEAGUE: self._league},
                    options={CONF_TEAMS: list(user_input[CONF_TEAMS])},
                )
            errors[CONF_TEAMS] = "no_teams"
        return self.async_show_form(
            step_id="teams",
            data_schema=_teams_schema(self._teams),
            errors=errors,
            description_placeholders={"league": ALL_LEAGUES[self._league].name},
        )

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Pick the followed teams again, checking the provider first."""
        entry = self._get_reconfigure_entry()
        return await _async_pick_teams(
            self,
            "reconfigure",
            entry,
            user_input,
            lambda options: self.async_update_reload_and_abort(entry, options=options),
        )


class LiveSportsOptionsFlow(OptionsFlow):
    """Change teams, polling and stream delay, the history database, the webhooks."""

    def __init__(self) -> None:
        """Initialize the flow."""
        self._kind = Kind.INFLUXDB_1
        self._endpoint_id = ""
        self._created: Endpoint | None = None

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Pick what to change."""
        return self.async_show_menu(step_id="init", menu_options=["teams", "history", "webhooks"])

    async def async_step_teams(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Show the team picker and the polling options."""
        options = self.config_entry.options
        return await _async_pick_teams(
            self,
            "teams",
            self.config_entry,
            user_input,
            lambda new_options: self.async_create_entry(data=new_options),
            extra={
                vol.Optional(
                    CONF_LIVE_INTERVAL, default=options.get(CONF_LIVE_INTERVAL, 0)
                ): _seconds(0, MAX_LIVE_INTERVAL),
                vol.Optional(
                    CONF_IDLE_CAP, default=options.get(CONF_IDLE_CAP, DEFAULT_IDLE_CAP_HOURS)
                ): NumberSelector(
                    NumberSelectorConfig(
                        min=1,
                        max=24,
                        step=1,
                        unit_of_measurement=UnitOfTime.HOURS,
                        mode=NumberSelectorMode.BOX,
                    )
                ),
                vol.Optional(
                    CONF_STREAM_DELAY, default=options.get(CONF_STREAM_DELAY, 0)
                ): _seconds(0, MAX_STREAM_DELAY),
            },
        )

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
            settings = {CONF_KIND: self._kind.value, **user_input}
            config = HistoryConfig.parse(settings)
            backend = build_backend(
                async_get_clientsession(self.hass), config, self.hass.async_add_executor_job
            )
            try:
                await backend.async_check()
            except HistoryAuthError:
                errors["base"] = "invalid_auth"
            except HistoryDatabaseError:
                errors["base"] = "unknown_database"
            except HistoryError as err:
                LOGGER.debug("History check failed: %s", err)
                errors["base"] = "cannot_connect_history"
            else:
                return self.async_create_entry(
                    data={**self.config_entry.options, CONF_HISTORY: settings}
                )
            finally:
                backend.close()
            current = user_input
        return self.async_show_form(
            step_id="history_server",
            data_schema=self.add_suggested_values_to_schema(_history_schema(self._kind), current),
            errors=errors,
            description_placeholders={"kind": _KIND_NAMES[self._kind]},
        )

    @property
    def _endpoints(self) -> list[Endpoint]:
        return endpoints_of(self.config_entry.options)

    def _save_endpoints(self, endpoints: list[Endpoint]) -> ConfigFlowResult:
        return self.async_create_entry(data=with_endpoints(self.config_entry.options, endpoints))

    async def async_step_webhooks(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """List the endpoints; add, edit or remove one."""
        endpoints = self._endpoints
        menu = ["webhook_add", "webhook_edit", "webhook_remove"] if endpoints else ["webhook_add"]
        listing = "\n".join(f"- {_label(endpoint)}" for endpoint in endpoints) or "-"
        return self.async_show_menu(
            step_id="webhooks", menu_options=menu, description_placeholders={"endpoints": listing}
        )

    async def async_step_webhook_add(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the receiver's URL and what it gets."""
        errors: dict[str, str] = {}
        if user_input is not None:
            errors = _endpoint_errors(user_input)
            if not errors:
                self._created = Endpoint(
                    id=new_endpoint_id(), secret=generate_secret(), **_endpoint_fields(user_input)
                )
                return await self.async_step_webhook_created()
        schema = self.add_suggested_values_to_schema(
            _endpoint_schema(self._team_options()), user_input or {}
        )
        return self.async_show_form(step_id="webhook_add", data_schema=schema, errors=errors)

    async def async_step_webhook_created(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show the new endpoint's secret, once; saving adds the endpoint."""
        endpoint = self._created
        if endpoint is None:  # pragma: no cover - only webhook_add leads here
            return await self.async_step_webhooks()
        if user_input is not None:
            return self._save_endpoints([*self._endpoints, endpoint])
        return self.async_show_form(
            step_id="webhook_created",
            data_schema=Schema({}),
            description_placeholders={
                "secret": endpoint.secret,
                "endpoint_id": endpoint.id,
                "url": endpoint.url,
            },
        )

    async def async_step_webhook_edit(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Pick the endpoint to change."""
        if user_input is not None:
            self._endpoint_id = user_input[CONF_ENDPOINT]
            return await self.async_step_webhook_settings()
        return self.async_show_form(
            step_id="webhook_edit",
            data_schema=Schema({vol.Required(CONF_ENDPOINT): self._endpoint_selector()}),
        )

    async def async_step_webhook_settings(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change an endpoint; enabling it again clears why it was disabled."""
        endpoints = self._endpoints
        endpoint = next(item for item in endpoints if item.id == self._endpoint_id)
        errors: dict[str, str] = {}
        if user_input is not None:
            errors = _endpoint_errors(user_input)
            if not errors:
                fields = _endpoint_fields(user_input)
                changed = replace(
                    endpoint,
                    **fields,
                    disabled_reason=None if fields["enabled"] else endpoint.disabled_reason,
                )
                return self._save_endpoints(
                    [changed if item.id == endpoint.id else item for item in endpoints]
                )
        current = {
            CONF_URL: endpoint.url,
            CONF_EVENT_TYPES: list(endpoint.event_types),
            CONF_TEAMS: list(endpoint.teams),
            CONF_ENABLED: endpoint.enabled,
        }
        schema = self.add_suggested_values_to_schema(
            _endpoint_schema(self._team_options()), user_input or current
        )
        return self.async_show_form(
            step_id="webhook_settings",
            data_schema=schema,
            errors=errors,
            description_placeholders={"endpoint_id": endpoint.id},
        )

    async def async_step_webhook_remove(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Remove endpoints (their pending deliveries go with them)."""
        if user_input is not None:
            removed = set(user_input[CONF_ENDPOINTS])
            return self._save_endpoints(
                [item for item in self._endpoints if item.id not in removed]
            )
        return self.async_show_form(
            step_id="webhook_remove",
            data_schema=Schema(
                {vol.Required(CONF_ENDPOINTS): self._endpoint_selector(multiple=True)}
            ),
        )

    def _endpoint_selector(self, *, multiple: bool = False) -> SelectSelector:
        options = [
            SelectOptionDict(value=endpoint.id, label=_label(endpoint))
            for endpoint in self._endpoints
        ]
        return SelectSelector(
            SelectSelectorConfig(options=options, multiple=multiple, mode=SelectSelectorMode.LIST)
        )

    def _team_options(self) -> list[SelectOptionDict]:
        """Return the followed teams, by name when the entry is loaded."""
        entry = self.config_entry
        names: dict[str, str] = {}
        if entry.state is ConfigEntryState.LOADED:
            names = {
                team_id: team.name for team_id, team in entry.runtime_data.coordinator.teams.items()
            }
        return [
            SelectOptionDict(value=team_id, label=names.get(team_id, team_id))
            for team_id in entry.options.get(CONF_TEAMS, ())
        ]


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


def _label(endpoint: Endpoint) -> str:
    state = "on" if endpoint.enabled else f"off ({endpoint.disabled_reason or 'by you'})"
    return f"{endpoint.id}: {redact_url(endpoint.url)} [{state}]"


def _endpoint_schema(teams: list[SelectOptionDict]) -> Schema:
    return Schema(
        {
            vol.Required(CONF_URL): TextSelector(TextSelectorConfig(type=TextSelectorType.URL)),
            vol.Required(CONF_EVENT_TYPES, default=list(EVENT_TYPES)): SelectSelector(
                SelectSelectorConfig(
                    options=list(EVENT_TYPES),
                    multiple=True,
                    mode=SelectSelectorMode.LIST,
                    translation_key=CONF_EVENT_TYPES,
                )
            ),
            vol.Optional(CONF_TEAMS, default=[]): SelectSelector(
                SelectSelectorConfig(options=teams, multiple=True, mode=SelectSelectorMode.LIST)
            ),
            vol.Required(CONF_ENABLED, default=True): BooleanSelector(),
        }
    )


def _endpoint_errors(user_input: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    url = urlsplit(str(user_input[CONF_URL]).strip())
    if url.scheme not in ("http", "https") or not url.hostname:
        errors[CONF_URL] = "invalid_url"
    if not user_input[CONF_EVENT_TYPES]:
        errors[CONF_EVENT_TYPES] = "no_event_types"
    return errors


def _endpoint_fields(user_input: dict[str, Any]) -> dict[str, Any]:
    return {
        "url": str(user_input[CONF_URL]).strip(),
        "event_types": tuple(t for t in EVENT_TYPES if t in user_input[CONF_EVENT_TYPES]),
        "teams": tuple(user_input.get(CONF_TEAMS, ())),
        "enabled": bool(user_input[CONF_ENABLED]),
    }


def _seconds(minimum: int, maximum: int) -> NumberSelector:
    return NumberSelector(
        NumberSelectorConfig(
            min=minimum,
            max=maximum,
            step=1,
            unit_of_measurement=UnitOfTime.SECONDS,
            mode=NumberSelectorMode.BOX,
        )
    )


async def _async_pick_teams(
    flow: ConfigFlow | OptionsFlow,
    step_id: str,
    entry: LiveSportsConfigEntry,
    user_input: dict[str, Any] | None,
    done: Callable[[dict[str, Any]], ConfigFlowResult],
    *,
    extra: dict[vol.Marker, Any] | None = None,
) -> ConfigFlowResult:
    """Change an entry's followed teams (and, from options, its polling)."""
    errors: dict[str, str] = {}
    if user_input is not None:
        live = int(user_input.get(CONF_LIVE_INTERVAL, 0))
        if not user_input[CONF_TEAMS]:
            errors[CONF_TEAMS] = "no_teams"
        elif 0 < live < FLOOR.total_seconds():
            errors[CONF_LIVE_INTERVAL] = "below_floor"
        else:
            new_options = {**entry.options, **user_input}
            new_options[CONF_TEAMS] = list(user_input[CONF_TEAMS])
            for key in (CONF_LIVE_INTERVAL, CONF_IDLE_CAP, CONF_STREAM_DELAY):
                if key in new_options:
                    new_options[key] = int(new_options[key])
            return done(new_options)
    league = entry.data[CONF_LEAGUE]
    try:
        teams = await _async_fetch_teams(flow.hass, league)
    except ProviderError as err:
        return flow.async_abort(reason=err.translation_key)
    schema = _teams_schema(teams, entry.options.get(CONF_TEAMS, ()))
    if extra:
        schema = schema.extend(extra)
    return flow.async_show_form(
        step_id=step_id,
        data_schema=schema,
        errors=errors,
        description_placeholders={"league": ALL_LEAGUES[league].name},
    )
