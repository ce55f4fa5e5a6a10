"""In-process job runner and scheduler for embedded mode (one process, no Redis)."""

from __future__ import annotations

import asyncio
import contextlib

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from vinyldigger.core.context import AppContext
from vinyldigger.core.database import unit_of_work
from vinyldigger.core.logging import get_logger
from vinyldigger.services import runs as run_service
from vinyldigger.workers.jobs import PERIODIC_JOBS, RUN_KIND_JOBS, START_JOBS, run_job

logger = get_logger(__name__)


class EmbeddedRunner:
    """A small queue of jobs worked by a few asyncio tasks, plus the periodic schedule."""

    def __init__(
        self, context: AppContext, concurrency: int = 2, *, run_start_jobs: bool = True
    ) -> None:
        self._run_start_jobs = run_start_jobs
        self._context = context
        self._queue: asyncio.Queue[tuple[str, dict[str, int]]] = asyncio.Queue()
        self._concurrency = concurrency
        self._workers: list[asyncio.Task[None]] = []
        self._scheduler = AsyncIOScheduler(timezone="UTC")

    async def start(self) -> None:
        self._workers = [
            asyncio.create_task(self._work(), name=f"job-worker-{i}")
            for i in range(self._concurrency)
        ]
        for job in PERIODIC_JOBS:
            self._scheduler.add_job(
                self.enqueue,
                "interval",
                seconds=job.every_seconds,
                args=[job.name],
                id=job.name,
                coalesce=True,
                max_instances=1,
            )
        self._scheduler.start()
        # Start jobs go first: the exchange rates are one quick fetch, and runs left unfinished
        # (a long sync, a search) would otherwise hold both workers before it.
        if self._run_start_jobs:
            for name in START_JOBS:
                self.enqueue(name)
        await self._resume_unfinished_runs()

    async def _resume_unfinished_runs(self) -> None:
        """One process owns every job in embedded mode: whatever it left unfinished is its."""
        async with unit_of_work(self._context.session_factory) as session:
            unfinished = await run_service.unfinished_runs(session)
        for run in unfinished:
            job = RUN_KIND_JOBS.get(run.kind)
            if job is not None:
                logger.info("run_resumed", run_id=run.id, kind=run.kind)
                self.enqueue(job, {"run_id": run.id})

    def enqueue(self, name: str, args: dict[str, int] | None = None) -> None:
        self._queue.put_nowait((name, args or {}))

    async def join(self) -> None:
        await self._queue.join()

    async def _work(self) -> None:
        while True:
            name, args = await self._queue.get()
            try:
                await run_job(self._context, name, args)
            except Exception:  # one failed job must not stop the runner; it is logged
                logger.exception("job_failed", job=name)
            finally:
                self._queue.task_done()

    async def stop(self) -> None:
        self._scheduler.shutdown(wait=False)
        for task in self._workers:
            task.cancel()
        for task in self._workers:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._workers = []
