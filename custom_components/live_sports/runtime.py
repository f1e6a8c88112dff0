"""A league entry's runtime data, and how its parts are put together.

The coordinator polls the league's providers through one failover provider
(the primary, then its fallbacks), watched for the repair issue and the
devices' manufacturer. One release queue feeds an ordered list of consumers,
every one registered before the first refresh: the entities, the bus events, history (if
configured), the webhooks, and the league table (which shows a released table and
asks for a new one after a followed team's final). Nothing detected at start-up is lost to any of
them: the queue hands out its first release only once the entities exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession

from .const import CONF_HISTORY, CONF_STREAM_DELAY, RECENT_FINAL_WINDOW
from .coordinator import LeagueCoordinator
from .events import EventPublisher
from .history import HistorySink
from .history.backends import HistoryConfig
from .leagues import entry_league
from .provider_watch import ProviderWatch
from .providers import build_provider, build_standings_source
from .providers.failover import FailoverProvider
from .providers.fallbacks import fallbacks_for
from .release_queue import ReleaseQueue
from .schedules import ScheduleKeeper
from .standings_keeper import StandingsKeeper
from .storage import entry_store, providers_store, schedules_store, standings_store
from .subentries import team_subentries
from .views import TeamViews
from .webhooks import WebhookManager


@dataclass(slots=True)
class LiveSportsData:
    """What a loaded entry keeps at runtime."""

    coordinator: LeagueCoordinator
    failover: FailoverProvider
    watch: ProviderWatch
    releases: ReleaseQueue
    schedules: ScheduleKeeper
    webhooks: WebhookManager
    built_from: BuiltFrom
    standings: StandingsKeeper
    history: HistorySink | None = None
    reload_scheduled: bool = False
    """A change needing a reload was seen: later ones in the same burst ride on it."""
    views: TeamViews = field(default_factory=TeamViews)
    """The followed teams' views of the shown board, shared by their entities."""

    async def async_stop(self) -> None:
        """Stop releasing (what is pending is stored), then the sinks flush or store."""
        await self.releases.async_stop()
        await self.schedules.async_stop()
        await self.standings.async_stop()
        await self.watch.async_stop()
        await self.webhooks.async_stop()
        if self.history:
            await self.history.async_stop()


type LiveSportsConfigEntry = ConfigEntry[LiveSportsData]
type BuiltFrom = tuple[Mapping[str, Any], frozenset[str]]


def built_from(entry: ConfigEntry) -> BuiltFrom:
    """Return what a loaded entry is built from: a change to it needs a reload.

    The options (polling, stream delay, history) and the followed teams;
    not the webhook endpoints, which the webhook sink applies in place, nor
    the teams' titles.
    """
    return (dict(entry.options), frozenset(team_subentries(entry)))


async def async_build(hass: HomeAssistant, entry: LiveSportsConfigEntry) -> LiveSportsData:
    """Build and start the coordinator's queue and sinks, consumers in order."""
    session = async_get_clientsession(hass)
    releases = ReleaseQueue(
        hass,
        entry_store(hass, entry.entry_id),
        timedelta(seconds=entry.options.get(CONF_STREAM_DELAY, 0)),
        team_subentries(entry),
    )
    primary = build_provider(session, entry_league(entry))
    failover = FailoverProvider(primary, fallbacks_for(session, primary.league))
    watch = ProviderWatch(hass, entry.entry_id, failover, providers_store(hass, entry.entry_id))
    await watch.async_load()
    schedules = ScheduleKeeper(
        hass, entry, failover, schedules_store(hass, entry.entry_id), team_subentries(entry)
    )
    await schedules.async_load()
    coordinator = LeagueCoordinator(hass, entry, failover, releases, schedules)
    standings = StandingsKeeper(
        hass,
        entry,
        build_standings_source(session, primary.league),
        standings_store(hass, entry.entry_id),
        team_ids=team_subentries(entry),
        releases=releases,
    )
    await standings.async_load()
    entry.async_on_unload(coordinator.async_add_refresh_listener(watch.async_refreshed))
    data = LiveSportsData(
        coordinator,
        failover,
        watch,
        releases,
        schedules,
        WebhookManager(hass, entry, session),
        built_from(entry),
        standings,
        views=TeamViews(primary.league.recent_final or RECENT_FINAL_WINDOW),
    )
    if config := HistoryConfig.from_options(entry.options.get(CONF_HISTORY)):
        data.history = HistorySink(
            hass, entry.entry_id, coordinator.provider.league.key, coordinator.team_ids, config
        )
    consumers = [
        ("entities", coordinator.async_show),
        (
            "bus events",
            EventPublisher(hass, entry.entry_id, coordinator.provider.league.key).async_on_release,
        ),
        *([("history", data.history.async_on_release)] if data.history else []),
        ("webhooks", data.webhooks.async_on_release),
        ("league table", standings.async_on_release),
    ]
    for name, consumer in consumers:
        entry.async_on_unload(releases.async_add_consumer(consumer, name))
    if data.history:
        await data.history.async_start()
    await data.webhooks.async_start()
    return data
