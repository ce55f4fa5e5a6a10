"""Events stored once, deliveries retried with backoff, capped per hour, bundled in digests,
and the events that need no search results (a failing search, a cheaper basket)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tests.support.receivers import Received, free_port, mails, smtp_server
from vinyldigger.core.context import AppContext
from vinyldigger.models import (
    AlertDelivery,
    AlertRule,
    BasketPlan,
    JobRun,
    SavedSearch,
    User,
)
from vinyldigger.services.alerts import delivery, events
from vinyldigger.services.alerts import rules as rule_service
from vinyldigger.services.alerts.kinds import EventDraft, EventKind
from vinyldigger.services.alerts.timing import next_hour

NOW = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
def inbox() -> Iterator[tuple[int, Received]]:
    with smtp_server() as server:
        yield server


def _mail_settings(context: AppContext, port: int, **extra: Any) -> None:
    context.settings = context.settings.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": port,
            "smtp_starttls": False,
            "smtp_from": "alerts@vinyldigger.test",
            **extra,
        }
    )


async def _user(session: AsyncSession) -> User:
    user = User(email=f"alerts-{uuid.uuid4().hex[:8]}@example.com", password_hash="x")
    session.add(user)
    await session.flush()
    return user


async def _rule(session: AsyncSession, user: User, **values: Any) -> AlertRule:
    rule = AlertRule(
        user_id=user.id,
        name="Wants",
        events=[kind.value for kind in EventKind],
        channels=values.pop("channels", ["email"]),
        timing=values.pop("timing", "instant"),
        ships_from=[],
        **values,
    )
    session.add(rule)
    await session.flush()
    return rule


def _draft(user: User, n: int) -> EventDraft:
    return EventDraft(
        user_id=user.id,
        kind=EventKind.NEW_WANTED,
        subject=f"listing:{n}",
        title=f"New: record {n}",
        body="25.00 EUR delivered",
        link="/releases/1",
    )


async def _statuses(session: AsyncSession, user: User) -> list[AlertDelivery]:
    return list(
        await session.scalars(
            select(AlertDelivery)
            .where(AlertDelivery.user_id == user.id)
            .order_by(AlertDelivery.id)
            .execution_options(populate_existing=True)
        )
    )


async def test_an_event_is_stored_and_planned_once(
    context: AppContext, db_session: AsyncSession
) -> None:
    user = await _user(db_session)
    rule = await _rule(db_session, user, channels=["in_app", "email"])
    first = await events.record(db_session, _draft(user, 1), [rule], now=NOW)
    again = await events.record(db_session, _draft(user, 1), [rule], now=NOW)
    assert first is not None and first.in_app
    assert again is None
    rows = await _statuses(db_session, user)
    assert sorted((row.channel, row.status) for row in rows) == [
        ("email", "pending"),
        ("in_app", "sent"),
    ]


async def test_a_refused_send_is_retried_with_doubling_waits_then_logged_failed(
    context: AppContext, db_session: AsyncSession
) -> None:
    _mail_settings(context, free_port(), alert_max_attempts=2, alert_retry_base_seconds=30)
    user = await _user(db_session)
    await events.record(db_session, _draft(user, 1), [await _rule(db_session, user)], now=NOW)
    first = await delivery.deliver_due(context, now=NOW)
    assert (first.sent, first.retried) == (0, 1)
    (row,) = await _statuses(db_session, user)
    assert row.status == "pending" and row.attempts == 1
    assert row.error is not None and "Could not send through 127.0.0.1" in row.error
    assert await delivery.deliver_due(context, now=NOW) == delivery.DeliveryReport()
    second = await delivery.deliver_due(context, now=row.due_at)
    assert second.failed == 1
    (row,) = await _statuses(db_session, user)
    assert row.status == "failed" and row.attempts == 2
    assert delivery.retry_wait(1, 30) == timedelta(seconds=30)
    assert delivery.retry_wait(3, 30) == timedelta(seconds=120)
    assert delivery.retry_wait(20, 30) == delivery.MAX_RETRY_WAIT


async def test_over_the_hourly_cap_alerts_wait_for_the_next_digest(
    context: AppContext, db_session: AsyncSession, inbox: tuple[int, Received]
) -> None:
    port, received = inbox
    _mail_settings(context, port)
    user = await _user(db_session)
    (await rule_service.preferences(db_session, user.id)).hourly_cap = 2
    rule = await _rule(db_session, user)
    for n in range(3):
        await events.record(db_session, _draft(user, n), [rule], now=NOW)
    report = await delivery.deliver_due(context, now=NOW)
    assert (report.sent, report.deferred) == (2, 1)
    waiting = [row for row in await _statuses(db_session, user) if row.status == "pending"]
    assert len(waiting) == 1 and waiting[0].digest and waiting[0].due_at == next_hour(NOW)
    later = await delivery.deliver_due(context, now=next_hour(NOW))
    assert later.sent == 1
    assert [str(mail["Subject"]) for mail in mails(received)] == [
        "New: record 0",
        "New: record 1",
        "New: record 2",
    ]


async def test_an_hourly_rule_sends_one_digest_and_nothing_before(
    context: AppContext, db_session: AsyncSession, inbox: tuple[int, Received]
) -> None:
    port, received = inbox
    _mail_settings(context, port, public_url="https://vinyl.example")
    user = await _user(db_session)
    rule = await _rule(db_session, user, timing="hourly")
    for n in range(3):
        await events.record(db_session, _draft(user, n), [rule], now=NOW)
    assert (await delivery.deliver_due(context, now=NOW)).sent == 0
    assert (await delivery.deliver_due(context, now=next_hour(NOW))).sent == 3
    (mail,) = mails(received)
    assert mail["Subject"] == "VinylDigger: 3 alerts"
    text = mail.get_body(("plain",))
    assert text is not None
    content = text.get_content()
    assert all(f"New: record {n}" in content for n in range(3))
    assert "https://vinyl.example/unsubscribe?token=" in content


async def _run(session: AsyncSession, user: User, search: SavedSearch, status: str) -> JobRun:
    run = JobRun(
        user_id=user.id, kind="search", status=status, subject_id=search.id, error="Timeout"
    )
    session.add(run)
    await session.flush()
    return run


async def test_a_search_failing_three_runs_in_a_row_is_told_once_per_streak(
    context: AppContext, db_session: AsyncSession
) -> None:
    user = await _user(db_session)
    rule = await _rule(db_session, user, channels=["in_app"])
    search = SavedSearch(user_id=user.id, name="Wants", criteria={"want_list": True})
    db_session.add(search)
    await db_session.flush()
    await _run(db_session, user, search, "succeeded")
    told = []
    for _ in range(4):
        run = await _run(db_session, user, search, "failed")
        told.append(await events.search_failing(db_session, run=run, rules=[rule], now=NOW))
    assert [event is not None for event in told] == [False, False, True, False]
    assert told[2] is not None and told[2].link == "/runs"
    await _run(db_session, user, search, "succeeded")
    for _ in range(3):
        run = await _run(db_session, user, search, "failed")
        last = await events.search_failing(db_session, run=run, rules=[rule], now=NOW)
    assert last is not None  # a new streak is news again


async def _plan(session: AsyncSession, user: User, total: str) -> BasketPlan:
    plan = BasketPlan(
        user_id=user.id,
        currency="EUR",
        status="optimal",
        problem={},
        solution={"total": total},
        frontier=[],
        offers={},
    )
    session.add(plan)
    await session.flush()
    return plan


async def test_a_basket_cheaper_by_the_rules_margin_is_told_and_becomes_the_mark(
    context: AppContext, db_session: AsyncSession
) -> None:
    user = await _user(db_session)
    await _rule(db_session, user, channels=["in_app"], basket_drop_amount=Decimal("5"))
    first = await events.basket_checked(
        db_session, plan=await _plan(db_session, user, "100.00"), run_id=None, now=NOW
    )
    small = await events.basket_checked(
        db_session, plan=await _plan(db_session, user, "97.00"), run_id=None, now=NOW
    )
    big = await events.basket_checked(
        db_session, plan=await _plan(db_session, user, "90.00"), run_id=None, now=NOW
    )
    again = await events.basket_checked(
        db_session, plan=await _plan(db_session, user, "88.00"), run_id=None, now=NOW
    )
    assert (first, small, again) == (None, None, None)
    assert big is not None and big.trigger["previous"] == "100.00"
    prefs = await rule_service.preferences(db_session, user.id)
    assert prefs.basket_told_total == Decimal("90.00")
    count = await db_session.scalar(
        select(func.count()).select_from(AlertDelivery).where(AlertDelivery.user_id == user.id)
    )
    assert count == 1
