"""Sending due deliveries, each at most once.

A delivery is claimed before it is sent: one UPDATE moves it from pending to sending under a
fresh claim token, and only the worker whose token it carries sends it. The claim is
committed before the message leaves, so a worker that dies mid-send leaves the row in
`sending`; once its lease is over it is logged as cut off and never sent again, as nobody can
tell whether the message got out. A channel that refuses the message (an SMTP error, a push
service down) is retried with doubling waits, then logged as failed with the reason.

Every step is its own short unit of work; nothing holds a transaction while sending.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.context import AppContext
from vinyldigger.core.database import unit_of_work
from vinyldigger.core.errors import too_many_requests
from vinyldigger.core.logging import get_logger
from vinyldigger.models import AlertDelivery, AlertEvent, User
from vinyldigger.models.base import utcnow
from vinyldigger.services.alerts import channels, mail_server, push_targets
from vinyldigger.services.alerts import rules as rule_service
from vinyldigger.services.alerts.kinds import Channel, DeliveryStatus
from vinyldigger.services.alerts.messages import Message, compose
from vinyldigger.services.alerts.timing import next_hour
from vinyldigger.services.alerts.unsubscribe import token_for

logger = get_logger(__name__)
BATCH = 200
MAX_RETRY_WAIT = timedelta(hours=1)
INTERRUPTED = "The send was cut off (its worker stopped); not sent again so it cannot arrive twice."


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    retried: int = 0
    deferred: int = 0
    interrupted: int = 0


@dataclass(frozen=True)
class Due:
    id: int
    user_id: int
    channel: str
    digest: bool


def _base_channel(channel: str) -> Channel:
    return Channel(channel.split(":", 1)[0])


def retry_wait(attempts: int, base_seconds: float) -> timedelta:
    return min(timedelta(seconds=base_seconds * 2 ** max(attempts - 1, 0)), MAX_RETRY_WAIT)


async def expire_interrupted(session: AsyncSession, *, now: datetime, lease: timedelta) -> int:
    result = await session.execute(
        update(AlertDelivery)
        .where(
            AlertDelivery.status == DeliveryStatus.SENDING.value,
            AlertDelivery.claimed_at < now - lease,
        )
        .values(status=DeliveryStatus.FAILED.value, error=INTERRUPTED)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def due_groups(
    session: AsyncSession, *, now: datetime, event_ids: Sequence[int] | None = None
) -> list[list[Due]]:
    """Due deliveries, one group per message: an instant delivery alone, a user's digest
    deliveries on one channel together. With `event_ids`, only those events' instant ones."""
    query = select(
        AlertDelivery.id, AlertDelivery.user_id, AlertDelivery.channel, AlertDelivery.digest
    ).where(AlertDelivery.status == DeliveryStatus.PENDING.value, AlertDelivery.due_at <= now)
    if event_ids is not None:
        query = query.where(
            AlertDelivery.event_id.in_(list(event_ids)), AlertDelivery.digest.is_(False)
        )
    rows = await session.execute(
        query.order_by(AlertDelivery.due_at, AlertDelivery.id).limit(BATCH)
    )
    groups: list[list[Due]] = []
    digests: dict[tuple[int, str], list[Due]] = defaultdict(list)
    for row in rows:
        due = Due(row.id, row.user_id, row.channel, row.digest)
        if due.digest:
            digests[(due.user_id, due.channel)].append(due)
        else:
            groups.append([due])
    return groups + list(digests.values())


async def _messages_last_hour(
    session: AsyncSession, *, user_id: int, channel: str, now: datetime
) -> int:
    count = await session.scalar(
        select(func.count(func.distinct(AlertDelivery.claim_token))).where(
            AlertDelivery.user_id == user_id,
            AlertDelivery.channel == channel,
            AlertDelivery.status == DeliveryStatus.SENT.value,
            AlertDelivery.sent_at > now - timedelta(hours=1),
        )
    )
    return int(count or 0)


async def _defer_over_cap(
    session: AsyncSession, context: AppContext, group: Sequence[Due], now: datetime
) -> bool:
    """An instant message over the user's hourly cap joins the next hourly digest."""
    first = group[0]
    if first.digest:
        return False
    prefs = await rule_service.preferences(session, first.user_id)
    cap = prefs.hourly_cap or context.settings.alert_hourly_cap
    sent = await _messages_last_hour(session, user_id=first.user_id, channel=first.channel, now=now)
    if sent < cap:
        return False
    due = rule_service.quiet_of(prefs).after_quiet(next_hour(now))
    await session.execute(
        update(AlertDelivery)
        .where(AlertDelivery.id == first.id, AlertDelivery.status == DeliveryStatus.PENDING.value)
        .values(digest=True, due_at=due)
    )
    return True


async def claim(session: AsyncSession, ids: Sequence[int], *, now: datetime) -> str | None:
    """Move the still-pending rows of `ids` to sending under a new token; None if another
    worker took them all."""
    token = uuid.uuid4().hex
    result = await session.execute(
        update(AlertDelivery)
        .where(
            AlertDelivery.id.in_(list(ids)),
            AlertDelivery.status == DeliveryStatus.PENDING.value,
        )
        .values(
            status=DeliveryStatus.SENDING.value,
            claim_token=token,
            claimed_at=now,
            attempts=AlertDelivery.attempts + 1,
        )
    )
    return token if result.rowcount else None  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Prepared:
    """A claimed message, ready to go out with no transaction open."""

    channel: str
    message: Message
    recipient: str | None = None
    smtp: mail_server.SmtpConfig | None = None
    push_urls: tuple[str, ...] = ()
    problem: str | None = None


async def prepare(context: AppContext, session: AsyncSession, token: str) -> Prepared:
    rows = (
        await session.execute(
            select(AlertDelivery, AlertEvent)
            .join(AlertEvent, AlertEvent.id == AlertDelivery.event_id)
            .where(AlertDelivery.claim_token == token)
            .order_by(AlertEvent.created_at, AlertEvent.id)
        )
    ).all()
    first = rows[0][0]
    events = [event for _, event in rows]
    settings = context.settings
    channel = _base_channel(first.channel)
    links: dict[str, str] = {}
    if channel is Channel.EMAIL and first.rule_id is not None:
        signed = token_for(settings.jwt_secret, rule_id=first.rule_id, user_id=first.user_id)
        base = settings.public_url.rstrip("/")
        links["unsubscribe_url"] = f"{base}/unsubscribe?token={signed}"
        links["one_click_url"] = f"{base}/api/v1/alerts/unsubscribe/one-click?token={signed}"
    message = compose(events, base_url=settings.public_url, **links)
    if channel is Channel.EMAIL:
        smtp = await mail_server.current(session, settings, context.secret_box)
        user = await session.get(User, first.user_id)
        if smtp is None or user is None:
            return Prepared(first.channel, message, problem="No mail server is configured.")
        return Prepared(first.channel, message, recipient=user.email, smtp=smtp)
    target_id = int(first.channel.split(":", 1)[1])
    try:
        urls = await push_targets.urls(session, context.secret_box, first.user_id, target_id)
    except Exception:  # the push URL was removed after the delivery was planned
        return Prepared(first.channel, message, problem="The push URL was removed.")
    return Prepared(first.channel, message, push_urls=tuple(urls))


async def send(context: AppContext, prepared: Prepared) -> None:
    if prepared.problem is not None:
        raise channels.SendFailed(prepared.problem)
    if prepared.smtp is not None and prepared.recipient is not None:
        await channels.send_email(
            prepared.smtp,
            prepared.recipient,
            prepared.message,
            wait_seconds=context.settings.smtp_timeout_seconds,
        )
    else:
        await channels.send_push(list(prepared.push_urls), prepared.message)


async def _finish(
    context: AppContext, token: str, error: str | None, report: DeliveryReport
) -> None:
    now = utcnow()
    settings = context.settings
    async with unit_of_work(context.session_factory) as session:
        rows = list(
            await session.scalars(
                select(AlertDelivery).where(
                    AlertDelivery.claim_token == token,
                    AlertDelivery.status == DeliveryStatus.SENDING.value,
                )
            )
        )
        for row in rows:
            if error is None:
                row.status, row.sent_at, row.error = DeliveryStatus.SENT.value, now, None
                report.sent += 1
            elif row.attempts < settings.alert_max_attempts:
                row.status, row.error = DeliveryStatus.PENDING.value, error[:500]
                row.due_at = now + retry_wait(row.attempts, settings.alert_retry_base_seconds)
                report.retried += 1
            else:
                row.status, row.error = DeliveryStatus.FAILED.value, error[:500]
                report.failed += 1


async def deliver_group(
    context: AppContext, group: Sequence[Due], report: DeliveryReport, now: datetime
) -> None:
    async with unit_of_work(context.session_factory) as session:
        if await _defer_over_cap(session, context, group, now):
            report.deferred += 1
            return
        token = await claim(session, [due.id for due in group], now=now)
    if token is None:
        return
    async with unit_of_work(context.session_factory) as session:
        prepared = await prepare(context, session, token)
    error = None
    try:
        await send(context, prepared)
    except channels.SendFailed as exc:
        error = str(exc)
    await _finish(context, token, error, report)
    if error is not None:
        logger.warning("alert_delivery_failed", channel=prepared.channel, error=error)


TESTS_PER_WINDOW = 10
TEST_WINDOW_SECONDS = 600


async def limit_tests(context: AppContext, user_id: int) -> None:
    """Tests send real messages at once: a few per user every ten minutes (429 after)."""
    retry = await context.rate_limiter.hit(
        f"alerts:test:{user_id}", TESTS_PER_WINDOW, TEST_WINDOW_SECONDS
    )
    if retry is not None:
        raise too_many_requests(retry)


async def send_test(
    context: AppContext, session: AsyncSession, user: User, *, target_id: int | None
) -> None:
    """Send a test message by e-mail (no target) or to one push URL, now; raises SendFailed."""
    await limit_tests(context, user.id)
    event = AlertEvent(
        title="VinylDigger test message",
        body="Alerts will reach you here.",
        link="/notifications",
    )
    message = compose([event], base_url=context.settings.public_url)
    if target_id is None:
        smtp = await mail_server.current(session, context.settings, context.secret_box)
        prepared = Prepared(Channel.EMAIL.value, message, recipient=user.email, smtp=smtp)
        if smtp is None:
            prepared = Prepared(
                Channel.EMAIL.value, message, problem="No mail server is configured."
            )
    else:
        urls = await push_targets.urls(session, context.secret_box, user.id, target_id)
        prepared = Prepared(Channel.PUSH.value, message, push_urls=tuple(urls))
    await send(context, prepared)


async def deliver_events(context: AppContext, event_ids: Sequence[int]) -> DeliveryReport:
    """Send the instant deliveries of these events now: the job that found them does, so they
    do not wait behind other jobs in the queue. Claims keep it from racing `deliver_due`."""
    now = utcnow()
    report = DeliveryReport()
    async with unit_of_work(context.session_factory) as session:
        groups = await due_groups(session, now=now, event_ids=event_ids)
    for group in groups:
        await deliver_group(context, group, report, now)
    return report


async def deliver_due(context: AppContext, *, now: datetime | None = None) -> DeliveryReport:
    """Send every delivery due by `now` (default: the present)."""
    now = now or utcnow()
    report = DeliveryReport()
    lease = timedelta(seconds=context.settings.alert_send_lease_seconds)
    async with unit_of_work(context.session_factory) as session:
        report.interrupted = await expire_interrupted(session, now=now, lease=lease)
        groups = await due_groups(session, now=now)
    for group in groups:
        await deliver_group(context, group, report, now)
    return report
