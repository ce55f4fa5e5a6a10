"""Alert jobs: find events when a search run or a basket plan ends, and send what is due.

Finding events is idempotent (events are unique per user, kind and subject), so a run whose
job is delivered twice finds nothing new the second time. The instant alerts a run finds are
sent by the same job right after it, rather than by a delivery job queued behind every other
run waiting in the queue; `deliver-alerts` sends digests, retries and anything left over.
"""

from __future__ import annotations

from vinyldigger.core.context import AppContext
from vinyldigger.core.database import unit_of_work
from vinyldigger.core.logging import get_logger
from vinyldigger.models import BasketPlan, JobRun, RunKind
from vinyldigger.models.base import utcnow
from vinyldigger.services.alerts import delivery, events, search_events

logger = get_logger(__name__)
DELIVER_JOB = "deliver-alerts"


async def deliver_alerts_job(context: AppContext, _args: dict[str, int]) -> None:
    report = await delivery.deliver_due(context)
    if report.sent or report.failed or report.retried or report.deferred or report.interrupted:
        logger.info("alerts_delivered", **vars(report))


async def after_run(context: AppContext, run_id: int) -> None:
    """Events of a finished search run or basket plan, stored; then their instant deliveries
    are sent at once."""
    now = utcnow()
    async with unit_of_work(context.session_factory) as session:
        run = await session.get(JobRun, run_id)
        if run is None:
            return
        if run.kind == RunKind.SEARCH.value:
            found = await search_events.after_search_run(session, run, now)
        elif run.kind == RunKind.BASKET_PLAN.value and run.subject_id is not None:
            plan = await session.get(BasketPlan, run.subject_id)
            event = (
                await events.basket_checked(session, plan=plan, run_id=run.id, now=now)
                if plan is not None
                else None
            )
            found = [event] if event else []
        else:
            return
        found_ids = [event.id for event in found]
    if found_ids:
        report = await delivery.deliver_events(context, found_ids)
        logger.info("alert_events_found", run_id=run_id, count=len(found_ids), **vars(report))
