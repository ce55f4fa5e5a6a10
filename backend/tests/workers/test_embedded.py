"""The embedded runner executes catalogue jobs in their own unit of work."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.context import AppContext
from vinyldigger.models import JobRun, RefreshToken, User
from vinyldigger.models.base import utcnow
from vinyldigger.workers.embedded import EmbeddedRunner
from vinyldigger.workers.jobs import START_JOBS


async def test_prune_job_removes_only_expired_refresh_tokens(
    context: AppContext, db_session: AsyncSession
) -> None:
    user = User(email="runner@example.com", password_hash="x")
    db_session.add(user)
    await db_session.flush()
    now = utcnow()
    db_session.add_all(
        [
            RefreshToken(
                token_id="old",
                family_id="f",
                user_id=user.id,
                issued_at=now,
                expires_at=now - timedelta(days=1),
            ),
            RefreshToken(
                token_id="fresh",
                family_id="f",
                user_id=user.id,
                issued_at=now,
                expires_at=now + timedelta(days=1),
            ),
        ]
    )
    await db_session.commit()

    runner = EmbeddedRunner(context, concurrency=1, run_start_jobs=False)
    await runner.start()
    try:
        runner.enqueue("prune-refresh-tokens")
        await runner.join()
    finally:
        await runner.stop()

    remaining = await db_session.scalars(
        select(RefreshToken.token_id).where(RefreshToken.user_id == user.id)
    )
    assert list(remaining) == ["fresh"]
    assert (await db_session.scalar(select(func.count()).select_from(User)) or 0) >= 1


async def test_start_jobs_queue_before_runs_left_unfinished(
    context: AppContext, db_session: AsyncSession
) -> None:
    # The exchange rates load within seconds of a start even when a long sync was left
    # running: both workers would otherwise be busy with resumed runs first.
    user = User(email="restart@example.com", password_hash="x")
    db_session.add(user)
    await db_session.flush()
    left = JobRun(user_id=user.id, kind="sync_wants", status="running", counts={}, stats={})
    db_session.add(left)
    await db_session.commit()
    runner = EmbeddedRunner(context, concurrency=0)
    await runner.start()
    try:
        queued = [runner._queue.get_nowait()[0] for _ in range(runner._queue.qsize())]
    finally:
        await runner.stop()

    assert queued == [*START_JOBS, "sync-wants"]
