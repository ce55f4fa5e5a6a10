"""The dashboard's "new since your last visit", kept per user on the server.

A visit is a stretch of dashboard loads with no gap longer than `VISIT_GAP`: reloads, a
second tab, React's double mount or a refetch within it all belong to the same visit and
compare with the same moment, the end of the visit before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from vinyldigger.models import User
from vinyldigger.models.base import utcnow

VISIT_GAP = timedelta(minutes=30)


@dataclass(frozen=True)
class Visit:
    # What "new since your last visit" compares with; None on the user's first visit.
    since: datetime | None
    visited_at: datetime


def _aware(moment: datetime | None) -> datetime | None:
    # SQLite hands datetimes back without their zone; they are stored in UTC.
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def record_visit(user: User, *, at: datetime | None = None) -> Visit:
    """Note a dashboard load and say which earlier moment it compares with."""
    now = at or utcnow()
    last = _aware(user.dashboard_visited_at)
    if last is None or now - last > VISIT_GAP:
        # A new visit: the one that just ended becomes the moment to compare with.
        user.dashboard_previous_visit_at = last
    user.dashboard_visited_at = now
    return Visit(since=_aware(user.dashboard_previous_visit_at), visited_at=now)
