"""The dashboard's visit: loads within one visit compare with the same moment, a new visit
compares with the end of the one before, and each user has their own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.helpers import auth_headers
from tests.api.test_releases import me
from vinyldigger.models import User
from vinyldigger.services.dashboard import VISIT_GAP, record_visit

URL = "/api/v1/dashboard/visit"


def moment(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


async def test_loads_within_a_visit_keep_the_moment_to_compare_with(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    owner, other = await auth_headers(client), await auth_headers(client)
    first = await client.post(URL, headers=owner)
    assert first.status_code == 200, first.text
    assert first.json()["since"] is None  # nothing to compare with on the first visit
    again = await client.post(URL, headers=owner)
    assert again.json()["since"] is None  # a reload (or React's second mount) is no new visit

    # The visit ended two hours ago: the next load starts a new visit compared with it.
    ended = datetime.now(UTC) - timedelta(hours=2)
    user_id = (await me(client, owner))["id"]
    await db_session.execute(
        update(User).where(User.id == user_id).values(dashboard_visited_at=ended)
    )
    db_session.expire_all()
    new_visit = (await client.post(URL, headers=owner)).json()
    assert moment(new_visit["since"]) == ended
    assert moment(new_visit["visited_at"]) > ended  # type: ignore[operator]
    reload = (await client.post(URL, headers=owner)).json()
    assert moment(reload["since"]) == ended

    # Another user's visits are their own.
    assert (await client.post(URL, headers=other)).json()["since"] is None
    assert (await client.post(URL)).status_code == 401


def test_a_visit_continues_while_loads_are_close_together() -> None:
    user = User(email="x@example.com", password_hash="-")
    start = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert record_visit(user, at=start).since is None
    # Loads every 20 minutes for an hour are one visit...
    for minutes in (20, 40, 60):
        assert record_visit(user, at=start + timedelta(minutes=minutes)).since is None
    # ...and after a longer gap the next visit compares with the last load of that one.
    later = start + timedelta(minutes=60) + VISIT_GAP + timedelta(seconds=1)
    assert record_visit(user, at=later).since == start + timedelta(minutes=60)
    assert record_visit(user, at=later + timedelta(minutes=5)).since == start + timedelta(
        minutes=60
    )
