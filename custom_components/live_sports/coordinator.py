"""One coordinator per league entry: one request serves every followed team.

Its one job: fetch the scoreboard, diff the followed teams' games against what
it saw before, hand the release to the release queue, and ask the polling
policy when to look next. What is shown and fired, and when, is the queue's.
The followed teams' schedules are asked for beside it (``ScheduleKeeper``),
never inside it: a slow schedule never holds a score back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
import random
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed
from homeassistant.util import dt as dt_util

from .const import CONF_IDLE_CAP, CONF_LIVE_INTERVAL, DOMAIN, LOGGER
from .diff import GameState, diff
from .field_diff import EntrantState, diff_fields
from .field_polling import FIELD_TEMPOS, next_field_poll
from .listeners import Listeners
from .models import Scoreboard, Team
from .polling import (
    DEFAULT_IDLE_CAP,
    DUE_WINDOW,
    FLOOR,
    Bounds,
    Decision,
    Health,
    PollInput,
    Reason,
    next_poll,
)
from .providers.base import Provider, ProviderError
from .release import Release
from .release_queue import ReleaseQueue
from .schedules import ScheduleKeeper
from .subentries import team_subentries


def _bounds(options: dict[str, Any]) -> Bounds:
    live = options.get(CONF_LIVE_INTERVAL)
    idle_cap = options.get(CONF_IDLE_CAP)
    return Bounds(
        live=timedelta(seconds=live) if live else None,
        idle_cap=timedelta(hours=idle_cap) if idle_cap else DEFAULT_IDLE_CAP,
    )


class LeagueCoordinator(DataUpdateCoordinator[Scoreboard]):
    """Fetch one league's scoreboard for all followed teams of an entry.

    ``data`` is only ever the scoreboard the entities show: the last one the
    release queue handed out (delayed by the stream delay, if one is set), or
    the one it hands out as the entities are set up. A refresh that shows
    nothing new tells the entities nothing; a release tells them once. Beside
    it, ``schedules`` holds each followed team's schedule.
    """

    config_entry: ConfigEntry

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry,
        provider: Provider,
        releases: ReleaseQueue,
        schedules: ScheduleKeeper,
    ) -> None:
        """Initialize the coordinator of a league entry."""
        self.decision = Decision(provider.fixed_interval or FLOOR, Reason.LIVE)
        super().__init__(
            hass,
            LOGGER,
            config_entry=entry,
            name=f"{DOMAIN} {provider.league.key}",
            update_interval=self.decision.delay,
            always_update=False,
        )
        self.provider = provider
        self.releases = releases
        self.schedules = schedules
        self.team_ids: tuple[str, ...] = tuple(team_subentries(entry))
        self.teams: dict[str, Team] = {}
        """Followed teams by provider team id, filled before the first refresh."""
        self.bounds = _bounds(dict(entry.options))
        self.health = Health()
        self._states: dict[str, GameState] = {}
        self._field_states: dict[str, EntrantState] = {}
        """Followed athletes' states in field events (golf), beside the games' states."""
        self._fetched: Scoreboard | None = None
        self._refresh_listeners = Listeners()
        self._nothing_yet: Scoreboard | None = None
        self._told: tuple[Scoreboard | None, bool] | None = None
        """The view and success the listeners were last told of."""
        self._told_in_refresh = False
        """Whether the listeners were told of something during the refresh under way."""
        self._updating = False

    async def _async_setup(self) -> None:
        """Learn the followed teams, and restore what was seen before a restart."""
        try:
            league_teams = await self.provider.async_get_teams()
        except ProviderError as err:
            raise _update_failed(err) from err
        by_id = {team.id: team for team in league_teams}
        # An athlete not in this week's field is known by the name they were followed by.
        titles = (
            {team_id: sub.title for team_id, sub in team_subentries(self.config_entry).items()}
            if self.provider.league.sport in FIELD_TEMPOS
            else {}
        )
        self.teams = {
            team_id: by_id.get(team_id) or _unlisted(team_id, titles.get(team_id, team_id))
            for team_id in self.team_ids
        }
        self._states = await self.releases.async_load()
        self._field_states = self.releases.field_states
        self.config_entry.async_on_unload(
            self.schedules.async_add_listener(self._async_schedules_changed)
        )
        self.schedules.async_start()

    async def _async_update_data(self) -> Scoreboard:
        """Fetch, diff, queue the release, and decide when to poll next.

        The schedules that are due are asked for first, in the background: a
        board fetched while they are still out uses the ones known so far.
        """
        now = dt_util.utcnow()
        self._updating = True
        self._told_in_refresh = False
        try:
            self.schedules.async_refresh(now)
            return await self._async_fetch(now)
        finally:
            self._updating = False

    async def _async_fetch(self, now: datetime) -> Scoreboard:
        try:
            board = await self.provider.async_get_scoreboard(self.team_ids, now)
        except ProviderError as err:
            self.health = Health(
                consecutive_errors=self.health.consecutive_errors + 1,
                retry_after=err.retry_after,
            )
            self._plan_next(self._fetched, now)
            raise _update_failed(err) from err
        self.health = Health(max_age=self.provider.max_age)
        if board is not self._fetched:  # the provider returns the same object if unchanged
            self._fetched = board
            changes, self._states = diff(self._states, board.games, self.team_ids, now)
            moved, self._field_states = diff_fields(
                self._field_states, board.fields, self.team_ids, now
            )
            release = Release(now + self.releases.delay, board, (*changes, *moved))
            self.releases.put(release, self._states, self._field_states)
        self._plan_next(board, now)
        return self._view(now)

    def _view(self, now: datetime) -> Scoreboard:
        """Return what the entities show: never a board the queue holds back.

        At the very first set-up with a stream delay nothing is old enough
        yet: the entities are unavailable (`showing` is False) until it is,
        rather than show a spoiler or claim there is no game.
        """
        if (view := self.releases.view(now)) is not None:
            return view
        if self._nothing_yet is None:
            self._nothing_yet = Scoreboard(
                league=self.provider.league.key, fetched_at=now - self.releases.delay
            )
        return self._nothing_yet

    @property
    def fetched(self) -> Scoreboard | None:
        """Return the last scoreboard fetched (maybe not shown yet, and with every game)."""
        return self._fetched

    @property
    def showing(self) -> bool:
        """Return whether there is a scoreboard to show (not before one is old enough)."""
        return self.data is not self._nothing_yet

    @callback
    def _async_schedules_changed(self) -> None:
        """Show a changed schedule; let a refresh see the boards and start times it names.

        A schedule answered during a refresh is seen by that refresh already.
        """
        if self._updating or self.data is None:
            return
        # The view is the same board: tell the entities all the same.
        super().async_update_listeners()
        self.config_entry.async_create_task(self.hass, self.async_request_refresh())

    @callback
    def async_add_refresh_listener(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call ``listener`` after every refresh, failed ones too; return its remover."""
        return self._refresh_listeners.add(listener)

    @callback
    def _async_refresh_finished(self) -> None:
        """Hand out what is due once the refresh's success is recorded."""
        self.releases.release_due()
        self._refresh_listeners.notify()

    @property
    def told_in_refresh(self) -> bool:
        """Return whether the entities were told of a new view or availability this refresh."""
        return self._told_in_refresh

    @callback
    def async_show(self, release: Release) -> None:
        """Show a released scoreboard on the entities (the first consumer)."""
        if release.board != self.data:  # else shown as the entities were set up
            self.data = release.board
        self.async_update_listeners()

    @callback
    def async_update_listeners(self) -> None:
        """Tell the entities of a new view or availability, once.

        A release handed out at the end of a refresh tells them, and the
        refresh itself then has nothing new to tell.
        """
        told = (self.data, self.last_update_success)
        if self._told is not None and self._told[0] is told[0] and self._told[1] == told[1]:
            return
        self._told = told
        self._told_in_refresh = True
        super().async_update_listeners()

    def _plan_next(self, board: Scoreboard | None, now: datetime) -> None:
        """Set the delay until the next refresh: the one place it is decided.

        The board's games, and the schedules' games not on it that are still
        to start or just due (an idle team's next start wakes polling up).
        """
        sport = self.provider.league.sport
        if sport in FIELD_TEMPOS:
            self.decision = next_field_poll(
                board.fields if board else (),
                self.team_ids,
                now,
                sport=sport,
                health=self.health,
                bounds=self.bounds,
                random=random.random(),  # noqa: S311 - jitter, not crypto
            )
            self.update_interval = self.decision.delay
            return
        games = board.games if board else ()
        on_board = {game.id for game in games}
        upcoming = [
            game for game in self.schedules.games_since(now - DUE_WINDOW) if game.id not in on_board
        ]
        self.decision = next_poll(
            PollInput(
                now=now,
                sport=self.provider.league.sport,
                games=(*games, *upcoming),
                team_ids=self.team_ids,
                phase_since={game_id: state.since for game_id, state in self._states.items()},
                health=self.health,
                bounds=self.bounds,
                fixed=self.provider.fixed_interval,
                random=random.random(),  # noqa: S311 - jitter, not crypto
            )
        )
        self.update_interval = self.decision.delay


def _unlisted(team_id: str, name: str) -> Team:
    """Return a followed team or athlete the provider's list lacks, by its subentry's title."""
    return Team(id=team_id, abbreviation=name, name=name, short_name=name)


def _update_failed(err: ProviderError) -> UpdateFailed:
    """Return the translated UpdateFailed for a provider error."""
    return UpdateFailed(
        translation_domain=DOMAIN,
        translation_key=err.translation_key,
        translation_placeholders={"error": str(err)},
    )
