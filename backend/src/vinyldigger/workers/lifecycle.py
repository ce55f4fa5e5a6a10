"""Running a job that has a run row: running → progress → succeeded or failed.

Progress is committed in its own short transactions so the UI sees it while the job's own
work stays one transaction: a failed sync changes nothing but its run row.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from vinyldigger.core.context import AppContext
from vinyldigger.core.database import unit_of_work
from vinyldigger.core.logging import get_logger
from vinyldigger.models import JobRun, RunStatus
from vinyldigger.models.base import utcnow
from vinyldigger.services import runs as run_service

logger = get_logger(__name__)


@dataclass
class RunOutcome:
    counts: dict[str, Any]
    stats: dict[str, Any] = field(default_factory=dict)


class RunFailure(Exception):
    """A failure whose message is safe to show the user; `stats` are kept on the run."""

    def __init__(self, message: str, stats: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.stats = stats or {}


class UpstreamFailure(RunFailure):
    """The marketplace failed (server errors, timeouts, out of budget): worth another attempt
    later, up to the run's last attempt."""


class ProgressReporter:
    def __init__(self, context: AppContext, run_id: int) -> None:
        self._context = context
        self._run_id = run_id

    async def __call__(
        self, done: int, total: int | None, live: dict[str, Any] | None = None
    ) -> None:
        async with unit_of_work(self._context.session_factory) as session:
            run = await session.get(JobRun, self._run_id)
            if run is not None:
                run_service.mark_progress(run, done=done, total=total, live=live)


@dataclass(frozen=True)
class RunTarget:
    """What a job needs to know about its run; the row itself is not held open."""

    run_id: int
    user_id: int
    kind: str
    subject_id: int | None


RunBody = Callable[[AppContext, RunTarget, ProgressReporter], Awaitable[RunOutcome]]


async def execute_run(context: AppContext, run_id: int, body: RunBody) -> None:
    """Run `body` for the run; safe to call twice for one run (a redelivered task).

    The body opens its own short units of work: SQLite allows one writer at a time, so no
    transaction may stay open while the job waits on the network.
    """
    async with unit_of_work(context.session_factory) as session:
        run = await session.get(JobRun, run_id)
        # A run already marked running is resumed: its previous worker died (the queue
        # redelivers a task only when it was not acknowledged).
        if run is None or run.status in (RunStatus.SUCCEEDED.value, RunStatus.FAILED.value):
            logger.info("run_skipped", run_id=run_id, reason="missing or finished")
            return
        if run.retry_at is not None and run.retry_at > utcnow():
            logger.info("run_skipped", run_id=run_id, reason="its retry is not due yet")
            return
        run_service.mark_running(run)
        target = RunTarget(run.id, run.user_id, run.kind, run.subject_id)
    reporter = ProgressReporter(context, run_id)
    try:
        outcome = await body(context, target, reporter)
        async with unit_of_work(context.session_factory) as session:
            finished = await session.get(JobRun, run_id)
            if finished is not None:
                run_service.mark_succeeded(finished, counts=outcome.counts, stats=outcome.stats)
        logger.info("run_succeeded", run_id=run_id, kind=target.kind)
    except Exception as exc:
        message, stats = _describe(exc)
        logger.warning(
            "run_failed",
            run_id=run_id,
            error=message,
            error_type=type(exc).__name__,
            exc_info=not isinstance(exc, RunFailure),
        )
        async with unit_of_work(context.session_factory) as session:
            run = await session.get(JobRun, run_id)
            if run is None:
                return
            if isinstance(exc, UpstreamFailure) and run.attempts < run_service.MAX_ATTEMPTS:
                run_service.mark_retry(
                    run,
                    error=f"{message} (attempt {run.attempts} of {run_service.MAX_ATTEMPTS}; "
                    "trying again shortly)",
                    stats=stats,
                )
            else:
                run_service.mark_failed(run, error=message, stats=stats)


def _describe(exc: Exception) -> tuple[str, dict[str, Any]]:
    if isinstance(exc, RunFailure):
        return str(exc), exc.stats
    return f"Unexpected error ({type(exc).__name__}); see the server log", {}
