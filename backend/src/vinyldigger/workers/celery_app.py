"""Celery for distributed mode: one thin task that runs a catalogue job by name and ids.

Each worker process keeps one event loop and one AppContext (built after the fork), so
database and Redis pools are reused across tasks.
"""

from __future__ import annotations

import asyncio
from typing import Any

from celery import Celery
from celery.signals import worker_process_shutdown

from vinyldigger.core.config import get_settings
from vinyldigger.core.context import AppContext
from vinyldigger.core.logging import get_logger

logger = get_logger(__name__)
RUN_JOB_TASK = "vinyldigger.run_job"


def create_celery(broker_url: str) -> Celery:
    app = Celery("vinyldigger", broker=broker_url)
    app.conf.update(
        task_serializer="json",
        accept_content=["json"],
        result_backend=None,
        task_ignore_result=True,
        # A job whose worker dies mid-run is delivered again; jobs are idempotent by run id.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        broker_transport_options={"visibility_timeout": 3600},
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
    )
    app.task(name=RUN_JOB_TASK, bind=False)(run_job_task)
    return app


_loop: asyncio.AbstractEventLoop | None = None
_context: AppContext | None = None


def _worker_context() -> tuple[asyncio.AbstractEventLoop, AppContext]:
    global _loop, _context  # noqa: PLW0603 - one loop and context per worker process
    if _loop is None or _context is None:
        _loop = asyncio.new_event_loop()
        _context = AppContext.build(get_settings())
        _context.dispatcher = CeleryDispatcher(celery_app())
    return _loop, _context


def run_job_task(name: str, args: dict[str, Any]) -> None:
    from vinyldigger.workers.jobs import run_job

    loop, context = _worker_context()
    loop.run_until_complete(run_job(context, name, {k: int(v) for k, v in args.items()}))


@worker_process_shutdown.connect
def _close_context(**_kwargs: Any) -> None:
    if _loop is not None and _context is not None:
        _loop.run_until_complete(_context.close())


class CeleryDispatcher:
    def __init__(self, app: Celery) -> None:
        self._app = app

    def enqueue(self, name: str, args: dict[str, int] | None = None) -> None:
        self._app.send_task(RUN_JOB_TASK, args=[name, args or {}])


_app: Celery | None = None


def celery_app() -> Celery:
    global _app  # noqa: PLW0603 - the process-wide Celery application
    if _app is None:
        settings = get_settings()
        if not settings.redis_url:
            raise RuntimeError("REDIS_URL is required for the Celery worker")
        _app = create_celery(settings.redis_url)
    return _app
