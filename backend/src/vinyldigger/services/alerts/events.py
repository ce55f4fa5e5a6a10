"""Storing events once and planning their deliveries; the events that need no listing data
(a search failing again and again, a cheaper basket).

An event is inserted with ON CONFLICT DO NOTHING on (user, kind, subject): a run retried, a
job delivered twice or two workers finding the same thing store it once, and only the one
insert that stored it plans deliveries, each unique per (event, channel).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.models import (
    AlertDelivery,
    AlertEvent,
    AlertRule,
    BasketPlan,
    JobRun,
    PushTarget,
    RunKind,
    RunStatus,
    SavedSearch,
)
from vinyldigger.services.alerts import rules as rule_service
from vinyldigger.services.alerts.kinds import (
    Channel,
    DeliveryStatus,
    EventDraft,
    EventKind,
    Timing,
    push_channel,
)
from vinyldigger.services.alerts.timing import schedule
from vinyldigger.services.fx import insert_for

FAILURES_IN_A_ROW = 3
# A rule decides whether an event is worth telling under its own thresholds.
Accepts = Callable[[AlertRule], bool]


async def record(
    session: AsyncSession,
    draft: EventDraft,
    rules: Sequence[AlertRule],
    *,
    now: datetime,
    accepts: Accepts | None = None,
) -> AlertEvent | None:
    """Store the event for the first rule that accepts it and plan a delivery on each channel
    of every accepting rule. None when no rule accepts it or it was stored before."""
    chosen = [rule for rule in rules if accepts is None or accepts(rule)]
    if not chosen:
        return None
    channels: dict[Channel, AlertRule] = {}
    for rule in chosen:
        for name in rule.channels:
            channels.setdefault(Channel(name), rule)
    values = {
        "user_id": draft.user_id,
        "kind": draft.kind.value,
        "subject": draft.subject,
        "rule_id": chosen[0].id,
        "search_id": draft.search_id,
        "run_id": draft.run_id,
        "listing_id": draft.listing_id,
        "release_id": draft.release_id,
        "seller_id": draft.seller_id,
        "title": draft.title[:300],
        "body": draft.body,
        "link": draft.link[:300],
        "trigger": draft.trigger,
        "in_app": Channel.IN_APP in channels,
        "created_at": now,
    }
    statement = (
        insert_for(session)(AlertEvent)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["user_id", "kind", "subject"])
        .returning(AlertEvent.id)
    )
    event_id = (await session.execute(statement)).scalar_one_or_none()
    if event_id is None:
        return None
    prefs = await rule_service.preferences(session, draft.user_id)
    quiet = rule_service.quiet_of(prefs)
    targets = list(
        await session.scalars(select(PushTarget.id).where(PushTarget.user_id == draft.user_id))
    )
    for channel, rule in channels.items():
        if channel is Channel.IN_APP:
            # The bell is the event itself: it is there at once, quiet hours or not.
            status, due, digest, sent = DeliveryStatus.SENT, now, False, now
        else:
            due, digest = schedule(Timing(rule.timing), quiet, now)
            status, sent = DeliveryStatus.PENDING, None
        names = [push_channel(t) for t in targets] if channel is Channel.PUSH else [channel.value]
        for name in names:
            await session.execute(
                insert_for(session)(AlertDelivery)
                .values(
                    event_id=event_id,
                    user_id=draft.user_id,
                    rule_id=rule.id,
                    channel=name,
                    status=status.value,
                    digest=digest,
                    due_at=due,
                    sent_at=sent,
                    attempts=0,
                    created_at=now,
                )
                .on_conflict_do_nothing(index_elements=["event_id", "channel"])
            )
    return await session.get(AlertEvent, event_id)


async def search_failing(
    session: AsyncSession, *, run: JobRun, rules: Sequence[AlertRule], now: datetime
) -> AlertEvent | None:
    """A search whose last three finished runs all failed: told once per streak (the
    subject names the last run that succeeded before it)."""
    if run.subject_id is None or run.status != RunStatus.FAILED.value:
        return None
    finished = (RunStatus.SUCCEEDED.value, RunStatus.FAILED.value)
    recent = list(
        await session.scalars(
            select(JobRun.status)
            .where(
                JobRun.user_id == run.user_id,
                JobRun.kind == RunKind.SEARCH.value,
                JobRun.subject_id == run.subject_id,
                JobRun.status.in_(finished),
            )
            .order_by(JobRun.id.desc())
            .limit(FAILURES_IN_A_ROW)
        )
    )
    if len(recent) < FAILURES_IN_A_ROW or any(s != RunStatus.FAILED.value for s in recent):
        return None
    last_success = await session.scalar(
        select(JobRun.id)
        .where(
            JobRun.user_id == run.user_id,
            JobRun.kind == RunKind.SEARCH.value,
            JobRun.subject_id == run.subject_id,
            JobRun.status == RunStatus.SUCCEEDED.value,
        )
        .order_by(JobRun.id.desc())
        .limit(1)
    )
    search = await session.get(SavedSearch, run.subject_id)
    name = search.name if search else f"Search {run.subject_id}"
    draft = EventDraft(
        user_id=run.user_id,
        kind=EventKind.SEARCH_FAILING,
        subject=f"search:{run.subject_id}:failing-after:{last_success or 0}",
        title=f"“{name}” failed {FAILURES_IN_A_ROW} runs in a row",
        body=f"The last error: {run.error or 'unknown'}",
        link="/runs",
        trigger={"failed_runs": FAILURES_IN_A_ROW, "last_error": (run.error or "")[:300]},
        search_id=run.subject_id,
        run_id=run.id,
    )
    chosen = rule_service.rules_for(rules, EventKind.SEARCH_FAILING, run.subject_id)
    return await record(session, draft, chosen, now=now)


def _basket_drop_enough(rule: AlertRule, previous: Decimal, total: Decimal) -> bool:
    saved = previous - total
    if saved <= 0:
        return False
    if rule.basket_drop_amount is not None and saved >= rule.basket_drop_amount:
        return True
    if rule.basket_drop_percent is not None and previous > 0:
        return saved * 100 / previous >= rule.basket_drop_percent
    return rule.basket_drop_amount is None and rule.basket_drop_percent is None


async def basket_checked(
    session: AsyncSession, *, plan: BasketPlan, run_id: int | None, now: datetime
) -> AlertEvent | None:
    """A planned basket cheaper than the last one the user was told about. The first plan
    (or one in another currency) becomes the mark later plans are compared with."""
    total_text = (plan.solution or {}).get("total")
    if plan.status != "optimal" or total_text is None:
        return None
    total = Decimal(str(total_text))
    prefs = await rule_service.preferences(session, plan.user_id)
    previous, currency = prefs.basket_told_total, prefs.basket_told_currency
    if previous is None or currency != plan.currency:
        prefs.basket_told_total, prefs.basket_told_currency = total, plan.currency
        await session.flush()
        return None
    rules = rule_service.rules_for(
        await rule_service.active_rules(session, plan.user_id), EventKind.BASKET_CHEAPER, None
    )
    draft = EventDraft(
        user_id=plan.user_id,
        kind=EventKind.BASKET_CHEAPER,
        subject=f"basket:{plan.id}",
        title=f"Your basket is {previous - total} {plan.currency} cheaper",
        body=f"The best plan now costs {total} {plan.currency} (was {previous}).",
        link="/basket",
        trigger={"total": str(total), "previous": str(previous), "currency": plan.currency},
        run_id=run_id,
    )
    event = await record(
        session, draft, rules, now=now, accepts=lambda r: _basket_drop_enough(r, previous, total)
    )
    if event is not None:
        prefs.basket_told_total = total
        await session.flush()
    return event
