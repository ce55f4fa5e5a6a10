"""The job catalogue: each job is a plain async service call run inside a unit of work.

Celery tasks and the embedded runner both call these, so a job behaves the same in both modes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.context import AppContext
from vinyldigger.core.database import unit_of_work
from vinyldigger.core.logging import get_logger
from vinyldigger.services import auth as auth_service

logger = get_logger(__name__)

JobFunction = Callable[[AppContext, AsyncSession, dict[str, int]], Awaitable[None]]


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every_seconds: int


async def _prune_refresh_tokens(
    context: AppContext, session: AsyncSession, _args: dict[str, int]
) -> None:
    removed = await auth_service.prune_expired_refresh_tokens(session)
    logger.info("refresh_tokens_pruned", removed=removed)


JOBS: dict[str, JobFunction] = {
    "prune-refresh-tokens": _prune_refresh_tokens,
}

PERIODIC_JOBS: tuple[PeriodicJob, ...] = (PeriodicJob("prune-refresh-tokens", 3600),)


async def run_job(context: AppContext, name: str, args: dict[str, int] | None = None) -> None:
    """Run one job in its own transaction: committed when it succeeds, rolled back if not."""
    job = JOBS.get(name)
    if job is None:
        raise KeyError(f"unknown job {name!r}")
    async with unit_of_work(context.session_factory) as session:
        await job(context, session, args or {})
