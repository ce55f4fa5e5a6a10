"""Runs whose worker died are queued again, or failed with the reason after three attempts."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.context import AppContext
from vinyldigger.models import JobRun, User
from vinyldigger.models.base import utcnow
from vinyldigger.workers.jobs import run_job


class Recorder:
    def __init__(self) -> None:
        self.jobs: list[tuple[str, dict[str, int]]] = []

    def enqueue(self, name: str, args: dict[str, int] | None = None) -> None:
        self.jobs.append((name, args or {}))


async def test_silent_running_runs_are_requeued_then_failed(
    context: AppContext, db_session: AsyncSession
) -> None:
    user = User(email="stale@example.com", password_hash="x")
    db_session.add(user)
    await db_session.flush()
    silent = utcnow() - timedelta(minutes=30)

    def run(kind: str, attempts: int, heartbeat_minutes_ago: int) -> JobRun:
        return JobRun(
            user_id=user.id,
            kind=kind,
            status="running",
            attempts=attempts,
            counts={},
            stats={},
            started_at=silent,
            heartbeat_at=utcnow() - timedelta(minutes=heartbeat_minutes_ago),
        )

    retried, exhausted, alive = (
        run("sync_wants", 1, 30),
        run("sync_collection", 3, 30),
        run("search", 1, 1),
    )
    db_session.add_all([retried, exhausted, alive])
    await db_session.commit()
    recorder = Recorder()
    context.dispatcher = recorder

    await run_job(context, "recover-stale-runs")

    for row in (retried, exhausted, alive):
        await db_session.refresh(row)
    assert retried.status == "queued"
    assert recorder.jobs == [("sync-wants", {"run_id": retried.id})]
    assert exhausted.status == "failed"
    assert exhausted.error is not None and "attempt 3 of 3" in exhausted.error
    assert alive.status == "running"
