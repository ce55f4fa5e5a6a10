"""Distributed-mode background processes: `worker` (Celery) and `scheduler`."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from vinyldigger.core.config import Settings


def _distributed_settings() -> Settings:
    # Imported here so that the rest of the command line does not load the app's settings.
    from vinyldigger.core.config import ConfigurationError, RunMode, get_settings
    from vinyldigger.core.logging import configure_logging

    try:
        settings = get_settings()
    except ConfigurationError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if settings.mode is not RunMode.DISTRIBUTED:
        typer.echo(
            "error: set DATABASE_URL and REDIS_URL (distributed mode) first; "
            "embedded mode runs jobs inside `vinyldigger run`",
            err=True,
        )
        raise typer.Exit(2)
    configure_logging(settings.log_level, settings.log_format)
    return settings


def register(app: typer.Typer) -> None:
    @app.command()
    def worker(
        concurrency: Annotated[int, typer.Option(min=1, max=64, help="Worker processes")] = 2,
        name: Annotated[str | None, typer.Option(help="Celery node name")] = None,
    ) -> None:
        """Run a Celery worker that executes background jobs."""
        _distributed_settings()
        from vinyldigger.workers.celery_app import celery_app

        argv = [
            "worker",
            "--loglevel=INFO",
            f"--concurrency={concurrency}",
            "--without-gossip",
            "--without-mingle",
        ]
        if name:
            argv += ["-n", name]
        celery_app().worker_main(argv)

    @app.command()
    def scheduler() -> None:
        """Run the scheduler (several may run; one holds the Redis lock and enqueues)."""
        settings = _distributed_settings()
        from vinyldigger.core.context import AppContext
        from vinyldigger.workers.celery_app import CeleryDispatcher, celery_app
        from vinyldigger.workers.scheduler import serve_scheduler

        async def main() -> None:
            context = AppContext.build(settings)
            try:
                await serve_scheduler(context, CeleryDispatcher(celery_app()))
            finally:
                await context.close()

        asyncio.run(main())
