"""Config flow: pick a league, then the teams to follow."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from homeassistant.config_entries import ConfigFlow, ConfigFlowResult, OptionsFlow
from homeassistant.const import UnitOfTime
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.selector import (
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
from .coordinator import LiveSportsConfigEntry, provider_error_key
from .history.backends import (
    HistoryAuthError,
    HistoryConfig,
    HistoryDatabaseError,
    HistoryError,
    Kind,
    build_backend,
)
from .models import Team
from .polling import FLOOR
from .providers import ALL_LEAGUES, build_provider
from .providers.base import ProviderError


async def _async_fetch_teams(hass: HomeAssistant, league: str) -> list[Team]:
    provider = build_provider(async_get_clientsession(hass), league)
    return await provider.async_get_teams()


def _teams_schema(teams: Sequence[Team], default: Sequence[str] = ()) -> vol.Schema:
    options = [SelectOptionDict(value=team.id, label=team.name) for team in teams]
    known = {team.id for team in teams}
    return vol.Schema(
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
                errors["base"] = provider_error_key(err)
            else:
                return await self.async_step_teams()
        leagues = [
            SelectOptionDict(value=league.key, label=league.name) for league in ALL_LEAGUES.values()
        ]
        schema = vol.Schema(
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
    """Change the followed teams, polling, stream delay and history of a league."""

    def __init__(self) -> None:
        """Initialize the options flow."""
        self._kind = Kind.INFLUXDB_1

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Offer what can be changed."""
        return self.async_show_menu(step_id="init", menu_options=["teams", "history"])

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
                vol.Optional(CONF_IDLE_CAP, default=options.get(CONF_IDLE_CAP, 6)): NumberSelector(
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
        schema = vol.Schema(
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


_KIND_NAMES = {
    Kind.INFLUXDB_1: "InfluxDB 1.x",
    Kind.INFLUXDB_2: "InfluxDB 2",
    Kind.INFLUXDB_3: "InfluxDB 3",
}
_TEXT = TextSelector()
_URL = TextSelector(TextSelectorConfig(type=TextSelectorType.URL))
_SECRET = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))


def _history_schema(kind: Kind) -> vol.Schema:
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
    return vol.Schema(fields)


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
        return flow.async_abort(reason=provider_error_key(err))
    schema = _teams_schema(teams, entry.options.get(CONF_TEAMS, ()))
    if extra:
        schema = schema.extend(extra)
    return flow.async_show_form(
        step_id=step_id,
        data_schema=schema,
        errors=errors,
        description_placeholders={"league": ALL_LEAGUES[league].name},
    )
