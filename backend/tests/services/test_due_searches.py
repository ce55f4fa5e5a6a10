"""The scheduler's tick: due, active, idle searches get exactly one queued run."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.database import run_after_commit
from vinyldigger.models import JobRun, SavedSearch, User
from vinyldigger.models.base import utcnow
from vinyldigger.services.searches import queue_due_runs


class Recorder:
    def __init__(self) -> None:
        self.jobs: list[tuple[str, dict[str, int]]] = []

    def enqueue(self, name: str, args: dict[str, int] | None = None) -> None:
        self.jobs.append((name, args or {}))


async def test_only_due_active_idle_searches_are_queued_once(db_session: AsyncSession) -> None:
    user = User(email="due@example.com", password_hash="x")
    db_session.add(user)
    await db_session.flush()
    now = utcnow()

    def search(name: str, *, due: bool, active: bool = True) -> SavedSearch:
        return SavedSearch(
            user_id=user.id,
            name=name,
            criteria={"keywords": name},
            check_interval_hours=6,
            is_active=active,
            next_run_at=now - timedelta(minutes=1) if due else now + timedelta(hours=1),
        )

    due, later, paused = (
        search("due", due=True),
        search("later", due=False),
        search("paused", due=True, active=False),
    )
    db_session.add_all([due, later, paused])
    await db_session.flush()

    recorder = Recorder()
    assert await queue_due_runs(db_session, recorder) == 1
    assert recorder.jobs == []  # nothing is sent before the transaction commits
    await db_session.commit()
    await run_after_commit(db_session)
    runs = list(await db_session.scalars(select(JobRun).where(JobRun.user_id == user.id)))
    assert [(r.kind, r.subject_id) for r in runs] == [("search", due.id)]
    assert recorder.jobs == [("run-search", {"run_id": runs[0].id})]
    assert due.next_run_at is not None and due.next_run_at > now

    assert await queue_due_runs(db_session, recorder) == 0
