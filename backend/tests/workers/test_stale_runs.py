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


async def test_queued_runs_whose_job_was_lost_are_handed_over_again_then_failed(
    context: AppContext, db_session: AsyncSession
) -> None:
    user = User(email="lost@example.com", password_hash="x")
    db_session.add(user)
    await db_session.flush()

    def queued(kind: str, attempts: int, minutes_ago: int) -> JobRun:
        return JobRun(
            user_id=user.id,
            kind=kind,
            status="queued",
            attempts=attempts,
            counts={},
            stats={},
            queued_at=utcnow() - timedelta(minutes=minutes_ago),
        )

    lost, exhausted, waiting = (
        queued("search", 0, 45),
        queued("sync_wants", 3, 45),
        queued("sync_collection", 0, 1),
    )
    db_session.add_all([lost, exhausted, waiting])
    await db_session.commit()
    recorder = Recorder()
    context.dispatcher = recorder

    await run_job(context, "recover-stale-runs")

    for row in (lost, exhausted, waiting):
        await db_session.refresh(row)
    assert recorder.jobs == [("run-search", {"run_id": lost.id})]
    assert (lost.status, lost.attempts) == ("queued", 1)
    assert lost.queued_at is not None and lost.queued_at > utcnow() - timedelta(minutes=1)
    assert exhausted.status == "failed"
    assert exhausted.error is not None and "never started" in exhausted.error
    assert waiting.status == "queued"

    # Handed over again, it is not lost again until another wait has passed.
    recorder.jobs.clear()
    await run_job(context, "recover-stale-runs")
    assert recorder.jobs == []

    # The failed one no longer holds the user's one active run of its kind.
    db_session.add(JobRun(user_id=user.id, kind="sync_wants", counts={}, stats={}))
    await db_session.commit()


async def test_a_retry_waits_for_its_time(context: AppContext, db_session: AsyncSession) -> None:
    user = User(email="retry@example.com", password_hash="x")
    db_session.add(user)
    await db_session.flush()
    later, due = (
        JobRun(
            user_id=user.id,
            kind=kind,
            status="queued",
            attempts=1,
            counts={},
            stats={},
            queued_at=utcnow() - timedelta(hours=2),
            retry_at=utcnow() + timedelta(minutes=minutes),
        )
        for kind, minutes in (("sync_wants", 5), ("sync_collection", -1))
    )
    db_session.add_all([later, due])
    await db_session.commit()
    recorder = Recorder()
    context.dispatcher = recorder

    await run_job(context, "recover-stale-runs")
    # A run that is early is not started even when its job is delivered.
    await run_job(context, "sync-wants", {"run_id": later.id})

    for row in (later, due):
        await db_session.refresh(row)
    assert recorder.jobs == [("sync-collection", {"run_id": due.id})]
    assert due.retry_at is None and due.status == "queued"
    assert later.status == "queued" and later.attempts == 1
