"""The notification centre: a user's in-app events, what is unread, and the delivery log."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.errors import not_found
from vinyldigger.models import AlertDelivery, AlertEvent
from vinyldigger.services.alerts.kinds import Channel, DeliveryStatus

TEST_KIND = "test"


async def list_notifications(
    session: AsyncSession, user_id: int, *, unread_only: bool, offset: int, limit: int
) -> tuple[list[AlertEvent], int]:
    query = select(AlertEvent).where(AlertEvent.user_id == user_id, AlertEvent.in_app.is_(True))
    if unread_only:
        query = query.where(AlertEvent.read_at.is_(None))
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.scalars(
        query.order_by(AlertEvent.created_at.desc(), AlertEvent.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return list(rows), total


async def unread_count(session: AsyncSession, user_id: int) -> int:
    count = await session.scalar(
        select(func.count())
        .select_from(AlertEvent)
        .where(
            AlertEvent.user_id == user_id,
            AlertEvent.in_app.is_(True),
            AlertEvent.read_at.is_(None),
        )
    )
    return int(count or 0)


async def latest_id(session: AsyncSession, user_id: int) -> int:
    newest = await session.scalar(
        select(func.max(AlertEvent.id)).where(
            AlertEvent.user_id == user_id, AlertEvent.in_app.is_(True)
        )
    )
    return int(newest or 0)


async def mark_read(
    session: AsyncSession, user_id: int, *, event_id: int | None, now: datetime
) -> int:
    """Mark one notification (or, without an id, all of them) read; returns how many."""
    statement = update(AlertEvent).where(
        AlertEvent.user_id == user_id, AlertEvent.read_at.is_(None)
    )
    if event_id is not None:
        owned = await session.scalar(
            select(AlertEvent.id).where(AlertEvent.id == event_id, AlertEvent.user_id == user_id)
        )
        if owned is None:
            raise not_found("Notification")
        statement = statement.where(AlertEvent.id == event_id)
    result = await session.execute(statement.values(read_at=now))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def add_test_notification(session: AsyncSession, user_id: int, now: datetime) -> AlertEvent:
    """A notification that only shows the bell works; it is logged like any other."""
    event = AlertEvent(
        user_id=user_id,
        kind=TEST_KIND,
        subject=f"test:{uuid.uuid4().hex}",
        title="Test notification",
        body="Notifications from VinylDigger appear here.",
        link="/notifications",
        trigger={},
        in_app=True,
        created_at=now,
    )
    session.add(event)
    await session.flush()
    session.add(
        AlertDelivery(
            event_id=event.id,
            user_id=user_id,
            channel=Channel.IN_APP.value,
            status=DeliveryStatus.SENT.value,
            due_at=now,
            sent_at=now,
            created_at=now,
        )
    )
    await session.flush()
    return event


async def delivery_log(
    session: AsyncSession, user_id: int, *, offset: int, limit: int
) -> tuple[Sequence[tuple[AlertDelivery, AlertEvent]], int]:
    query = (
        select(AlertDelivery, AlertEvent)
        .join(AlertEvent, AlertEvent.id == AlertDelivery.event_id)
        .where(AlertDelivery.user_id == user_id)
    )
    total = await session.scalar(
        select(func.count()).select_from(AlertDelivery).where(AlertDelivery.user_id == user_id)
    )
    rows = (
        await session.execute(
            query.order_by(AlertDelivery.created_at.desc(), AlertDelivery.id.desc())
            .offset(offset)
            .limit(limit)
        )
    ).all()
    return [(delivery, event) for delivery, event in rows], int(total or 0)
