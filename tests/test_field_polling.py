"""Golf's tempo: slow over a four-day event, keeping up while a followed player plays."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta

from custom_components.live_sports.field_polling import next_field_poll
from custom_components.live_sports.polling import Bounds, Decision, Health, Reason
from custom_components.live_sports.providers.espn.golf import GOLF_LEAGUES, parse_golf_board

from .conftest import recorded
from .test_golf import MEMORIAL, SHOPRITE, ZOZO, ZURICH, board

NOW = datetime(2026, 4, 26, 21, tzinfo=UTC)


def poll(events: list, athletes: list[str], now: datetime = NOW, **kwargs: object) -> Decision:
    """Return the decision for golf."""
    return next_field_poll(events, athletes, now, sport="golf", **kwargs)  # type: ignore[arg-type]


def test_a_followed_player_on_the_course_polls_at_the_live_tempo() -> None:
    """The leading pair at Zurich, seven holes in: every minute (or the user's live bound)."""
    assert poll([board(ZURICH)], ["132535"]) == Decision(timedelta(seconds=60), Reason.LIVE)
    fast = poll([board(ZURICH)], ["132535"], bounds=Bounds(live=timedelta(seconds=20)))
    assert fast.delay == timedelta(seconds=20)


def test_under_way_without_the_player_on_the_course() -> None:
    """ZOZO's leader waits to tee off: every 5 minutes, places move meanwhile."""
    assert poll([board(ZOZO)], ["3702"]) == Decision(timedelta(minutes=5), Reason.BREAK)


def test_before_a_tee_time_and_before_the_start() -> None:
    """Play done for the day: sleep until 10 minutes before the tee time; a start likewise."""
    memorial = copy.deepcopy(recorded(f"espn/{MEMORIAL}"))
    competition = memorial["events"][0]["competitions"][0]
    competition["status"] = {"period": 4, "type": {"name": "STATUS_PLAY_COMPLETE", "state": "in"}}
    del competition["competitors"][0]["linescores"][3]["linescores"]
    (event,) = parse_golf_board(memorial, GOLF_LEAGUES["pga"])
    tee = datetime(2025, 6, 1, 21, 5, tzinfo=UTC)
    assert poll([event], ["9478"], tee - timedelta(hours=2)) == Decision(
        timedelta(hours=1, minutes=50), Reason.IDLE
    )
    assert poll([event], ["9478"], tee - timedelta(minutes=15)) == Decision(
        timedelta(minutes=5), Reason.PREGAME
    )
    assert poll([event], ["9478"], tee - timedelta(minutes=5)).reason is Reason.DUE
    shoprite = board(SHOPRITE)
    day_before = shoprite.start - timedelta(days=1)
    assert poll([shoprite], ["9478"], day_before) == Decision(timedelta(hours=6), Reason.IDLE)


def test_over_or_not_followed_sleeps_to_the_idle_cap() -> None:
    """A final, or no followed player in the field: the idle cap."""
    cap = Decision(timedelta(hours=6), Reason.IDLE)
    assert poll([board(MEMORIAL)], ["9478"]) == cap
    assert poll([board(ZOZO)], []) == cap


def test_provider_signals_slow_it_down() -> None:
    """Retry-After exactly; errors back off; never faster than max-age."""
    events = [board(ZURICH)]
    retry = poll(events, ["132535"], health=Health(retry_after=timedelta(minutes=3)))
    assert retry == Decision(timedelta(minutes=3), Reason.RETRY_AFTER)
    errors = poll(events, ["132535"], health=Health(consecutive_errors=3))
    assert errors.reason is Reason.ERROR_BACKOFF
    assert errors.delay > timedelta(seconds=60)
    cached = poll(events, ["132535"], health=Health(max_age=timedelta(minutes=2)))
    assert cached == Decision(timedelta(minutes=2), Reason.MAX_AGE)
