"""Job runs: created by the API, advanced by the job, read by the UI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.context import AppContext
from vinyldigger.core.errors import AppError, not_found
from vinyldigger.core.jobs import JobDispatcher
from vinyldigger.models import JobRun, RunStatus
from vinyldigger.models.base import utcnow
from vinyldigger.models.job_run import ACTIVE_STATUSES

MAX_ERROR_LENGTH = 2000
LIVE_KEY = "live"
# Attempts a run gets in all: runs whose worker died, whose job was lost on the way to the
# queue, or that failed on upstream errors are tried again until then.
MAX_ATTEMPTS = 3
# The wait before attempt n + 1 after n failed on upstream errors: 2 minutes, then 8.
FIRST_RETRY_DELAY = timedelta(minutes=2)
RETRY_DELAY_FACTOR = 4


@dataclass(frozen=True)
class RunPage:
    items: list[JobRun]
    total: int


def require_dispatcher(context: AppContext) -> JobDispatcher:
    """The job dispatcher, or 503 when this process runs no jobs and queues none."""
    if context.dispatcher is None:
        raise AppError(
            "Background jobs are not running on this instance",
            status_code=503,
            code="jobs_unavailable",
        )
    return context.dispatcher


async def create_run(
    session: AsyncSession, *, user_id: int, kind: str, subject_id: int | None = None
) -> JobRun:
    """A queued run; refused (409) while one of the same kind is queued or running."""
    run = JobRun(user_id=user_id, kind=kind, subject_id=subject_id, counts={}, stats={})
    try:
        async with session.begin_nested():
            session.add(run)
            await session.flush()
    except IntegrityError as exc:
        active = await active_run(session, user_id=user_id, kind=kind)
        raise AppError(
            f"A {kind} run is already in progress" + (f" (run {active.id})" if active else ""),
            status_code=409,
            code="run_in_progress",
        ) from exc
    return run


async def active_run(session: AsyncSession, *, user_id: int, kind: str) -> JobRun | None:
    return await session.scalar(
        select(JobRun).where(
            JobRun.user_id == user_id,
            JobRun.kind == kind,
            JobRun.status.in_([s.value for s in ACTIVE_STATUSES]),
        )
    )


async def get_run(session: AsyncSession, *, user_id: int, run_id: int) -> JobRun:
    run = await session.scalar(select(JobRun).where(JobRun.id == run_id, JobRun.user_id == user_id))
    if run is None:
        raise not_found("Run")
    return run


async def list_runs(
    session: AsyncSession, *, user_id: int, kind: str | None, offset: int, limit: int
) -> RunPage:
    query = select(JobRun).where(JobRun.user_id == user_id)
    if kind:
        query = query.where(JobRun.kind == kind)
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.scalars(
        query.order_by(JobRun.created_at.desc(), JobRun.id.desc()).offset(offset).limit(limit)
    )
    return RunPage(items=list(rows), total=total)


async def unfinished_runs(session: AsyncSession) -> list[JobRun]:
    """Runs left queued or running (e.g. by a process that stopped), oldest first; a retry
    still waiting for its time is left to `retries_due`."""
    rows = await session.scalars(
        select(JobRun)
        .where(
            JobRun.status.in_([s.value for s in ACTIVE_STATUSES]),
            or_(JobRun.retry_at.is_(None), JobRun.retry_at <= utcnow()),
        )
        .order_by(JobRun.created_at, JobRun.id)
    )
    return list(rows)


async def lost_runs(session: AsyncSession, *, queued_for: timedelta) -> list[JobRun]:
    """Queued runs handed to the queue longer than `queued_for` ago and never started: the
    hand-over was lost (a broker restart, a crash between commit and enqueue)."""
    cutoff = utcnow() - queued_for
    rows = await session.scalars(
        select(JobRun).where(
            JobRun.status == RunStatus.QUEUED.value,
            JobRun.retry_at.is_(None),
            func.coalesce(JobRun.queued_at, JobRun.created_at) < cutoff,
        )
    )
    return list(rows)


async def retries_due(session: AsyncSession) -> list[JobRun]:
    """Queued runs whose wait after an upstream failure is over."""
    rows = await session.scalars(
        select(JobRun).where(
            JobRun.status == RunStatus.QUEUED.value,
            JobRun.retry_at.is_not(None),
            JobRun.retry_at <= utcnow(),
        )
    )
    return list(rows)


def retry_delay(attempts: int) -> timedelta:
    factor: int = RETRY_DELAY_FACTOR ** max(attempts - 1, 0)
    return FIRST_RETRY_DELAY * factor


async def stale_runs(session: AsyncSession, *, silent_for: timedelta) -> list[JobRun]:
    """Running runs whose job has not reported for `silent_for`: its worker is gone."""
    cutoff = utcnow() - silent_for
    rows = await session.scalars(
        select(JobRun).where(
            JobRun.status == RunStatus.RUNNING.value,
            JobRun.heartbeat_at.is_not(None),
            JobRun.heartbeat_at < cutoff,
        )
    )
    return list(rows)


def mark_running(run: JobRun) -> None:
    run.status = RunStatus.RUNNING.value
    run.started_at = run.heartbeat_at = utcnow()
    run.finished_at = None
    run.retry_at = None
    run.error = None
    run.attempts += 1


def mark_requeued(run: JobRun, *, reason: str = "Its worker stopped; queued again") -> None:
    """Back in the queue; the next attempt starts from the beginning."""
    run.status = RunStatus.QUEUED.value
    run.error = reason
    mark_dispatched(run)


def mark_dispatched(run: JobRun) -> None:
    """Its job is being handed to the queue now."""
    run.queued_at = utcnow()
    run.retry_at = None


def mark_retry(run: JobRun, *, error: str, stats: dict[str, Any]) -> None:
    """Failed on upstream errors: queued again for a later attempt, not handed to the queue
    until `retry_at`."""
    run.status = RunStatus.QUEUED.value
    run.retry_at = utcnow() + retry_delay(run.attempts)
    run.error = error[:MAX_ERROR_LENGTH]
    run.stats = stats
    run.heartbeat_at = None


def mark_progress(
    run: JobRun, *, done: int, total: int | None, live: dict[str, Any] | None = None
) -> None:
    """`live` is what the run is doing right now (counts per step, what it waits for); it
    is kept in the run's stats until the final stats replace it."""
    run.heartbeat_at = utcnow()
    run.progress_done = done
    run.progress_total = total
    if live is not None:
        run.stats = {**(run.stats or {}), LIVE_KEY: live}


def mark_succeeded(run: JobRun, *, counts: dict[str, Any], stats: dict[str, Any]) -> None:
    run.status = RunStatus.SUCCEEDED.value
    run.counts = counts
    run.stats = stats
    run.finished_at = utcnow()
    if run.progress_total is not None:
        run.progress_done = run.progress_total


def mark_failed(run: JobRun, *, error: str, stats: dict[str, Any]) -> None:
    run.status = RunStatus.FAILED.value
    run.error = error[:MAX_ERROR_LENGTH]
    run.stats = stats
    run.finished_at = utcnow()
