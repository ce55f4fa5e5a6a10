"""When a delivery is due: now, the next hourly or daily digest, and never in quiet hours.

Pure functions of the moment and the user's preferences, in the user's time zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from vinyldigger.services.alerts.kinds import Timing


@dataclass(frozen=True)
class Quiet:
    """Local hours [start, end) in which nothing but the bell is sent; start == end: none."""

    time_zone: str = "UTC"
    start_hour: int | None = None
    end_hour: int | None = None
    daily_hour: int = 8

    @property
    def zone(self) -> ZoneInfo:
        return zone_of(self.time_zone)

    def is_quiet(self, moment: datetime) -> bool:
        if self.start_hour is None or self.end_hour is None or self.start_hour == self.end_hour:
            return False
        hour = moment.astimezone(self.zone).hour
        if self.start_hour < self.end_hour:
            return self.start_hour <= hour < self.end_hour
        return hour >= self.start_hour or hour < self.end_hour

    def after_quiet(self, moment: datetime) -> datetime:
        """`moment` itself, or the end of the quiet hours it falls in."""
        if not self.is_quiet(moment) or self.end_hour is None:
            return moment
        return next_local_hour(moment, self.end_hour, self.zone)


def zone_of(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def is_time_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def next_local_hour(moment: datetime, hour: int, zone: ZoneInfo) -> datetime:
    """The first moment after `moment` at `hour`:00 local time (a day whose clocks skip that
    hour gets the instant the wall clock names, as zoneinfo resolves it)."""
    local = moment.astimezone(zone)
    candidate = datetime.combine(local.date(), time(hour), tzinfo=zone)
    if candidate <= local:
        candidate = datetime.combine(local.date() + timedelta(days=1), time(hour), tzinfo=zone)
    return candidate.astimezone(UTC)


def next_hour(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)


def schedule(timing: Timing, quiet: Quiet, now: datetime) -> tuple[datetime, bool]:
    """(due_at, is_digest) of a delivery created now. Instant deliveries that fall in quiet
    hours wait for their end and go out as one digest with the others that waited."""
    if timing is Timing.INSTANT:
        due = quiet.after_quiet(now)
        return due, due != now
    if timing is Timing.HOURLY:
        return quiet.after_quiet(next_hour(now)), True
    return quiet.after_quiet(next_local_hour(now, quiet.daily_hour, quiet.zone)), True
