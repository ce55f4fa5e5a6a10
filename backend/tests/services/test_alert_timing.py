"""When deliveries fall due: quiet hours in the user's zone, hourly and daily digests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from vinyldigger.services.alerts.kinds import Timing
from vinyldigger.services.alerts.timing import Quiet, next_local_hour, schedule

BERLIN = "Europe/Berlin"
NIGHT = Quiet(BERLIN, 22, 7, 8)
moments = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
)


def test_an_instant_alert_outside_quiet_hours_is_due_now() -> None:
    noon = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)  # 12:00 in Berlin
    assert schedule(Timing.INSTANT, NIGHT, noon) == (noon, False)


def test_an_instant_alert_at_night_waits_for_the_morning_as_a_digest() -> None:
    late = datetime(2026, 6, 1, 21, 30, tzinfo=UTC)  # 23:30 in Berlin (summer time)
    due, digest = schedule(Timing.INSTANT, NIGHT, late)
    assert digest is True
    assert due == datetime(2026, 6, 2, 5, 0, tzinfo=UTC)  # 07:00 in Berlin


def test_quiet_hours_within_one_day() -> None:
    siesta = Quiet("UTC", 13, 15)
    assert siesta.is_quiet(datetime(2026, 1, 1, 14, 59, tzinfo=UTC))
    assert not siesta.is_quiet(datetime(2026, 1, 1, 15, 0, tzinfo=UTC))
    assert not Quiet("UTC", 5, 5).is_quiet(datetime(2026, 1, 1, 5, tzinfo=UTC))


def test_the_daily_digest_follows_the_users_clock_across_a_dst_change() -> None:
    before_change = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)  # the clocks go forward on the 29th
    due, digest = schedule(Timing.DAILY, Quiet(BERLIN, daily_hour=8), before_change)
    assert digest is True
    assert due == datetime(2026, 3, 29, 6, 0, tzinfo=UTC)  # 08:00 CEST


@settings(max_examples=200, deadline=None)
@given(moment=moments, timing=st.sampled_from(Timing))
def test_nothing_is_ever_due_in_quiet_hours_or_in_the_past(
    moment: datetime, timing: Timing
) -> None:
    due, digest = schedule(timing, NIGHT, moment)
    assert due >= moment
    assert not NIGHT.is_quiet(due)
    assert due - moment <= timedelta(days=1, hours=10)
    assert digest or due == moment


@settings(max_examples=200, deadline=None)
@given(moment=moments, hour=st.integers(min_value=0, max_value=23))
def test_next_local_hour_is_the_first_such_hour_after(moment: datetime, hour: int) -> None:
    zone = ZoneInfo(BERLIN)
    found = next_local_hour(moment, hour, zone)
    assert found > moment
    assert found - moment <= timedelta(hours=25)
    assert found.astimezone(zone).hour in (hour, (hour + 1) % 24)  # a skipped hour moves on
