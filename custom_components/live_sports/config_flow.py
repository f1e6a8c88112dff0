"""Config flow: a league and its teams; subentry flows for a team and a webhook endpoint.

- The entry (one per league): ``user`` (a named league, or ``path`` for any
  ESPN league by its ``sport/league`` path, checked against ESPN's team list
  and named after the league's own name) → ``teams`` (several at once, each
  becomes a team subentry); ``reconfigure`` picks the followed teams again.
- Team subentry: ``user`` picks one team of the league.
- Webhook subentry: next to its feature, in ``webhooks/config_flow.py``.
- Options (settings only): ``settings`` (polling bounds, stream delay) here,
  and the history steps next to their feature, in ``history/config_flow.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any, Final

from homeassistant.config_entries import (
    ConfigEntry,
    ConfigFlow,
    ConfigFlowResult,
    ConfigSubentryFlow,
    OptionsFlow,
    SubentryFlowResult,
)
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
)
import voluptuous as vol

from .const import (
    CONF_IDLE_CAP,
    CONF_LEAGUE,
    CONF_LEAGUE_NAME,
    CONF_LIVE_INTERVAL,
    CONF_PATH,
    CONF_STREAM_DELAY,
    CONF_TEAMS,
    DOMAIN,
    LEAGUE_BY_PATH,
    LOGGER,
    MAX_LIVE_INTERVAL,
    MAX_STREAM_DELAY,
)
from .history.config_flow import HistoryOptionsFlow
from .leagues import entry_league
from .models import Team
from .polling import DEFAULT_IDLE_CAP, FLOOR
from .providers import ALL_LEAGUES, build_provider
from .providers.base import League, ProviderError
from .providers.espn import EspnProvider
from .providers.espn.leagues import named_league, normalize_path, path_key, path_league
from .subentries import (
    SUBENTRY_TEAM,
    SUBENTRY_WEBHOOK,
    as_subentry,
    team_subentries,
    team_subentry,
)
from .validation import Schema
from .webhooks.config_flow import WebhookSubentryFlow

DEFAULT_IDLE_CAP_HOURS: Final = int(DEFAULT_IDLE_CAP.total_seconds() // 3600)
CONF_TEAM: Final = "team"
NO_TEAMS_LISTED: Final = "no_teams_listed"
"""The league lists no teams yet (off-season, a new league): nothing to pick from."""


async def _async_fetch_teams(
    hass: HomeAssistant, league: League
) -> tuple[list[Team], dict[str, str]]:
    """Return the league's teams, or the form error saying why there are none to pick."""
    provider = build_provider(async_get_clientsession(hass), league)
    try:
        teams = await provider.async_get_teams()
    except ProviderError as err:
        LOGGER.debug("Cannot list teams of %s: %s", league.key, err)
        return [], {"base": err.translation_key}
    if not teams:
        LOGGER.debug("%s lists no teams", league.key)
        return [], {"base": NO_TEAMS_LISTED}
    return teams, {}


async def _async_discover(
    hass: HomeAssistant, path: str
) -> tuple[League | None, list[Team], dict[str, str]]:
    """Check an ESPN path: the league (named after itself) and its teams, or the error."""
    league = path_league(path)
    provider = EspnProvider(async_get_clientsession(hass), league)
    try:
        name, teams = await provider.async_discover()
    except ProviderError as err:
        LOGGER.debug("No ESPN league at %s: %s", path, err)
        return None, [], {"base": err.translation_key}
    return replace(league, name=name or league.name), teams, {}


def _team_selector(teams: Iterable[Team], *, multiple: bool) -> SelectSelector:
    options = [SelectOptionDict(value=team.id, label=team.name) for team in teams]
    return SelectSelector(
        SelectSelectorConfig(options=options, multiple=multiple, mode=SelectSelectorMode.DROPDOWN)
    )


def _teams_schema(teams: list[Team], default: Iterable[str] = ()) -> Schema:
    """Return the several-teams picker; empty while the teams cannot be listed."""
    if not teams:
        return Schema({})
    known = {team.id for team in teams}
    chosen = [team_id for team_id in default if team_id in known]
    return Schema({vol.Required(CONF_TEAMS, default=chosen): _team_selector(teams, multiple=True)})


def _league_name(entry: ConfigEntry) -> str:
    return entry_league(entry).name


def _entry_data(league: League) -> dict[str, str]:
    """Return what an entry stores of its league: a named one's key; a path's, its name too."""
    if league.key in ALL_LEAGUES:
        return {CONF_LEAGUE: league.key}
    return {CONF_LEAGUE: league.key, CONF_PATH: league.path, CONF_LEAGUE_NAME: league.name}


class LiveSportsConfigFlow(ConfigFlow, domain=DOMAIN):
    """Add a league and its followed teams."""

    VERSION = 2
    """2: teams and webhook endpoints are config subentries (1 kept them in options)."""
    MINOR_VERSION = 1

    def __init__(self) -> None:
        """Initialize the flow."""
        self._league: League | None = None
        self._teams: list[Team] = []

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: ConfigEntry) -> OptionsFlow:
        """Return the options flow: polling, stream delay, history."""
        return LiveSportsOptionsFlow()

    @classmethod
    @callback
    def async_get_supported_subentry_types(
        cls, config_entry: ConfigEntry
    ) -> dict[str, type[ConfigSubentryFlow]]:
        """Return the subentries an entry has: followed teams and webhook endpoints."""
        return {SUBENTRY_TEAM: TeamSubentryFlow, SUBENTRY_WEBHOOK: WebhookSubentryFlow}

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Pick a league, or ask for an ESPN path; one entry per league."""
        errors: dict[str, str] = {}
        if user_input is not None:
            if not (choice := user_input.get(CONF_LEAGUE)):
                errors[CONF_LEAGUE] = "no_league"
            elif choice == LEAGUE_BY_PATH:
                return await self.async_step_path()
            elif (
                result := await self._async_league_chosen(ALL_LEAGUES[choice], errors)
            ) is not None:
                return result
        leagues = [
            SelectOptionDict(value=league.key, label=league.name) for league in ALL_LEAGUES.values()
        ]
        leagues.append(SelectOptionDict(value=LEAGUE_BY_PATH, label="ESPN path"))
        # No league is picked for the user (the frontend fills a required select
        # with its first option, so the field is optional and checked here); one
        # they picked stays picked after an error.
        chosen = self._league.key if self._league and self._league.key in ALL_LEAGUES else None
        schema = Schema(
            {
                vol.Optional(
                    CONF_LEAGUE, default=chosen if chosen else vol.UNDEFINED
                ): SelectSelector(
                    SelectSelectorConfig(
                        options=leagues,
                        mode=SelectSelectorMode.DROPDOWN,
                        translation_key=CONF_LEAGUE,
                    )
                )
            }
        )
        return self.async_show_form(step_id="user", data_schema=schema, errors=errors)

    async def async_step_path(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Ask for any ESPN league by its path; check it against ESPN's team list."""
        errors: dict[str, str] = {}
        typed = ""
        if user_input is not None:
            typed = str(user_input[CONF_PATH])
            if (path := normalize_path(typed)) is None:
                errors[CONF_PATH] = "invalid_path"
            elif (league := named_league(path)) is not None:
                if (result := await self._async_league_chosen(league, errors)) is not None:
                    return result
            else:
                await self.async_set_unique_id(path_key(path))
                self._abort_if_unique_id_configured()
                found, self._teams, errors = await _async_discover(self.hass, path)
                if found is not None:
                    self._league = found
                    return await self.async_step_teams()
        schema = self.add_suggested_values_to_schema(
            Schema({vol.Required(CONF_PATH): TextSelector()}), {CONF_PATH: typed}
        )
        return self.async_show_form(step_id="path", data_schema=schema, errors=errors)

    async def _async_league_chosen(
        self, league: League, errors: dict[str, str]
    ) -> ConfigFlowResult | None:
        """List a named league's teams: the teams step, or None with `errors` filled."""
        self._league = league
        await self.async_set_unique_id(league.key)
        self._abort_if_unique_id_configured()
        self._teams, found = await _async_fetch_teams(self.hass, league)
        errors.update(found)
        return None if found else await self.async_step_teams()

    async def async_step_teams(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Pick the teams to follow: each becomes a team subentry."""
        league = self._league
        if league is None:  # pragma: no cover - only the league steps lead here
            return await self.async_step_user()
        errors: dict[str, str] = {}
        if user_input is not None:
            if picked := set(user_input.get(CONF_TEAMS, ())):
                return self.async_create_entry(
                    title=league.name,
                    data=_entry_data(league),
                    subentries=[
                        team_subentry(team.id, team.name)
                        for team in self._teams
                        if team.id in picked
                    ],
                )
            errors[CONF_TEAMS] = "no_teams"
        return self.async_show_form(
            step_id="teams",
            data_schema=_teams_schema(self._teams),
            errors=errors,
            description_placeholders={"league": league.name},
        )

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Pick the followed teams again, several at once: adds and removes team subentries.

        The entry reloads through its update listener; a removed team's device
        and entities go with its subentry.
        """
        entry = self._get_reconfigure_entry()
        followed = team_subentries(entry)
        teams, errors = await _async_fetch_teams(self.hass, entry_league(entry))
        if errors.get("base") == NO_TEAMS_LISTED:
            return self.async_abort(reason=NO_TEAMS_LISTED)
        if user_input is not None and CONF_TEAMS in user_input and teams:
            picked = set(user_input[CONF_TEAMS])
            if picked:
                for team_id, subentry in followed.items():
                    if team_id not in picked:
                        self.hass.config_entries.async_remove_subentry(entry, subentry.subentry_id)
                for team in teams:
                    if team.id in picked and team.id not in followed:
                        self.hass.config_entries.async_add_subentry(
                            entry, as_subentry(team_subentry(team.id, team.name))
                        )
                return self.async_abort(reason="reconfigure_successful")
            errors[CONF_TEAMS] = "no_teams"
        return self.async_show_form(
            step_id="reconfigure",
            data_schema=_teams_schema(teams, followed),
            errors=errors,
            description_placeholders={"league": _league_name(entry)},
        )


class TeamSubentryFlow(ConfigSubentryFlow):
    """Follow one more team of the entry's league."""

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> SubentryFlowResult:
        """Pick a team; an already followed one aborts."""
        entry = self._get_entry()
        teams, errors = await _async_fetch_teams(self.hass, entry_league(entry))
        if errors.get("base") == NO_TEAMS_LISTED:
            return self.async_abort(reason=NO_TEAMS_LISTED)
        by_id = {team.id: team for team in teams}
        if user_input is not None and (team := by_id.get(user_input.get(CONF_TEAM, ""))):
            if team.id in team_subentries(entry):
                return self.async_abort(reason="already_configured")
            return self.async_create_entry(
                title=team.name, data=team_subentry(team.id, team.name)["data"], unique_id=team.id
            )
        schema = (
            Schema({vol.Required(CONF_TEAM): _team_selector(teams, multiple=False)})
            if teams
            else Schema({})
        )
        return self.async_show_form(
            step_id="user",
            data_schema=schema,
            errors=errors,
            description_placeholders={"league": _league_name(entry)},
        )


class LiveSportsOptionsFlow(HistoryOptionsFlow):
    """Settings only: polling bounds and stream delay; the history database."""

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Pick what to change."""
        return self.async_show_menu(step_id="init", menu_options=["settings", "history"])

    async def async_step_settings(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change the polling bounds and the stream delay (no provider needed)."""
        options = self.config_entry.options
        errors: dict[str, str] = {}
        shown: dict[str, Any] = dict(options)
        if user_input is not None:
            shown |= user_input  # a rejected form shows what the user typed
            live = int(user_input.get(CONF_LIVE_INTERVAL, 0))
            if 0 < live < FLOOR.total_seconds():
                errors[CONF_LIVE_INTERVAL] = "below_floor"
            else:
                return self.async_create_entry(
                    data={**options, **{key: int(value) for key, value in user_input.items()}}
                )
        schema = Schema(
            {
                vol.Optional(
                    CONF_LIVE_INTERVAL, default=shown.get(CONF_LIVE_INTERVAL, 0)
                ): _seconds(0, MAX_LIVE_INTERVAL),
                vol.Optional(
                    CONF_IDLE_CAP, default=shown.get(CONF_IDLE_CAP, DEFAULT_IDLE_CAP_HOURS)
                ): NumberSelector(
                    NumberSelectorConfig(
                        min=1,
                        max=24,
                        step=1,
                        unit_of_measurement=UnitOfTime.HOURS,
                        mode=NumberSelectorMode.BOX,
                    )
                ),
                vol.Optional(CONF_STREAM_DELAY, default=shown.get(CONF_STREAM_DELAY, 0)): _seconds(
                    0, MAX_STREAM_DELAY
                ),
            }
        )
        return self.async_show_form(
            step_id="settings",
            data_schema=schema,
            errors=errors,
            description_placeholders={"league": _league_name(self.config_entry)},
        )


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
