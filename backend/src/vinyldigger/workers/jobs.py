"""The job catalogue: each job is a plain async function of the context and ids.

Celery tasks and the embedded runner both call `run_job`, so a job behaves the same in both
modes. Jobs open their own units of work.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from vinyldigger.core.context import AppContext
from vinyldigger.core.database import unit_of_work
from vinyldigger.core.logging import get_logger
from vinyldigger.services import auth as auth_service
from vinyldigger.services import fx_refresh, master_version_fetch, search_run, seller_crawl
from vinyldigger.services import runs as run_service
from vinyldigger.services import searches as search_service
from vinyldigger.services.imports.reader import read_imports_job
from vinyldigger.workers import alert_jobs, basket_jobs, sync_jobs
from vinyldigger.workers.lifecycle import execute_run

logger = get_logger(__name__)

JobFunction = Callable[[AppContext, dict[str, int]], Awaitable[None]]


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every_seconds: int


async def _prune_refresh_tokens(context: AppContext, _args: dict[str, int]) -> None:
    async with unit_of_work(context.session_factory) as session:
        removed = await auth_service.prune_expired_refresh_tokens(session)
    logger.info("refresh_tokens_pruned", removed=removed)


async def _queue_due_searches(context: AppContext, _args: dict[str, int]) -> None:
    if context.dispatcher is None:
        return
    async with unit_of_work(context.session_factory) as session:
        queued = await search_service.queue_due_runs(session, context.dispatcher)
    if queued:
        logger.info("due_searches_queued", count=queued)


async def _run_search(context: AppContext, args: dict[str, int]) -> None:
    await execute_run(context, args["run_id"], search_run.run_search)
    await alert_jobs.after_run(context, args["run_id"])


async def _plan_basket(context: AppContext, args: dict[str, int]) -> None:
    await basket_jobs.plan_basket_job(context, args)
    await alert_jobs.after_run(context, args["run_id"])


# A job reports progress at least every few minutes (rate-limit waits are capped at 2).
STALE_AFTER = timedelta(minutes=10)
# A queued run is picked up within seconds unless the queue is long; one waiting this long
# after its hand-over was lost on the way.
LOST_AFTER = timedelta(minutes=30)


async def _recover_stale_runs(context: AppContext, _args: dict[str, int]) -> None:
    """Runs whose worker died (SIGKILL, lost machine) or whose job never reached the queue
    are queued again, or failed with the reason once they have used their attempts; retries
    whose wait is over are handed to the queue."""
    max_attempts = run_service.MAX_ATTEMPTS
    retry: list[tuple[str, int]] = []
    async with unit_of_work(context.session_factory) as session:
        stale = await run_service.stale_runs(session, silent_for=STALE_AFTER)
        lost = await run_service.lost_runs(session, queued_for=LOST_AFTER)
        due = await run_service.retries_due(session)
        for run in [*stale, *lost]:
            job = RUN_KIND_JOBS.get(run.kind)
            if job is None or run.attempts >= max_attempts or context.dispatcher is None:
                what = "never started" if run in lost else "stopped responding"
                run_service.mark_failed(
                    run,
                    stats=run.stats,
                    error=f"The worker running this job {what} "
                    f"(attempt {run.attempts} of {max_attempts}); giving up.",
                )
                continue
            if run in lost:
                # A lost hand-over uses up an attempt, so a queue that keeps losing jobs
                # ends the run instead of holding the user's one active run for ever.
                run.attempts += 1
                run_service.mark_requeued(run, reason="Its job never started; queued again")
            else:
                run_service.mark_requeued(run)
            retry.append((job, run.id))
        for run in due:
            job = RUN_KIND_JOBS.get(run.kind)
            if job is not None and context.dispatcher is not None:
                run_service.mark_dispatched(run)
                retry.append((job, run.id))
    for job, run_id in retry:
        assert context.dispatcher is not None
        context.dispatcher.enqueue(job, {"run_id": run_id})
    if stale or lost or due:
        logger.warning(
            "runs_recovered", stale=len(stale), lost=len(lost), due=len(due), queued=len(retry)
        )


JOBS: dict[str, JobFunction] = {
    "recover-stale-runs": _recover_stale_runs,
    "queue-due-searches": _queue_due_searches,
    "prune-refresh-tokens": _prune_refresh_tokens,
    "sync-wants": sync_jobs.sync_wants_job,
    "sync-collection": sync_jobs.sync_collection_job,
    "refresh-fx-when-due": fx_refresh.refresh_when_due_job,
    "refresh-fx": fx_refresh.refresh_now_job,
    "run-search": _run_search,
    "crawl-sellers": seller_crawl.crawl_sellers_job,
    "read-imports": read_imports_job,
    "queue-master-versions": master_version_fetch.queue_master_versions_job,
    master_version_fetch.FETCH_JOB: master_version_fetch.fetch_master_versions_job,
    "plan-basket": _plan_basket,
    alert_jobs.DELIVER_JOB: alert_jobs.deliver_alerts_job,
}

PERIODIC_JOBS: tuple[PeriodicJob, ...] = (
    PeriodicJob("prune-refresh-tokens", 3600),
    PeriodicJob("queue-due-searches", 60),
    PeriodicJob("recover-stale-runs", 120),
    # One cheap UPDATE a minute; it fetches only when the state row says a refresh is due
    # (every 12 hours, or minutes after a failure: see services/fx_refresh.py).
    PeriodicJob("refresh-fx-when-due", 60),
    # The shared crawl of followed sellers' inventories: a bounded number of Discogs calls a
    # tick, within the shared budget (services/seller_crawl.py).
    PeriodicJob("crawl-sellers", 120),
    # Listing ids the browser companion sent, read through the Discogs API in small batches.
    PeriodicJob("read-imports", 30),
    # Version lists never fetched or a week old, fetched per user at low priority.
    PeriodicJob("queue-master-versions", 3600),
    # Digests and retries fall due on the minute; instant alerts are also handed over the
    # moment the run that found them ends.
    PeriodicJob(alert_jobs.DELIVER_JOB, 60),
)

# Run once when a process takes charge of the schedule, not only after the first interval.
START_JOBS: tuple[str, ...] = ("refresh-fx-when-due", "recover-stale-runs")

# The job that carries out each kind of run, so unfinished runs can be resumed.
RUN_KIND_JOBS: dict[str, str] = {
    "sync_wants": "sync-wants",
    "sync_collection": "sync-collection",
    "search": "run-search",
    "basket_plan": "plan-basket",
}


async def run_job(context: AppContext, name: str, args: dict[str, int] | None = None) -> None:
    job = JOBS.get(name)
    if job is None:
        raise KeyError(f"unknown job {name!r}")
    await job(context, args or {})
