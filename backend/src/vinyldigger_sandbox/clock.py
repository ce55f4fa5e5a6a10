"""World time: a fixed start plus one day per step, formatted the way each API writes dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone

STEP_LENGTH = timedelta(days=1)
# Discogs writes timestamps in US Pacific time; a fixed offset keeps output deterministic.
DISCOGS_TIMEZONE = timezone(timedelta(hours=-7))


@dataclass(slots=True)
class WorldClock:
    start: datetime
    step: int = 0

    @classmethod
    def starting(cls, day: date) -> WorldClock:
        return cls(datetime.combine(day, time(12, 0), tzinfo=UTC))

    def time_at(self, step: int) -> datetime:
        return self.start + STEP_LENGTH * step

    @property
    def now(self) -> datetime:
        return self.time_at(self.step)


def discogs_timestamp(moment: datetime) -> str:
    return moment.astimezone(DISCOGS_TIMEZONE).isoformat(timespec="seconds")


def ebay_timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
