"""Every background job run is a row: what ran, for whom, how far it got, how it ended."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from vinyldigger.models.base import Base, utcnow


class RunStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class RunKind(StrEnum):
    SYNC_WANTS = "sync_wants"
    SYNC_COLLECTION = "sync_collection"
    SEARCH = "search"
    BASKET_PLAN = "basket_plan"


ACTIVE_STATUSES = (RunStatus.QUEUED, RunStatus.RUNNING)
_ACTIVE_SQL = text("status IN ('queued', 'running')")


class JobRun(Base):
    __tablename__ = "job_runs"
    __table_args__ = (
        Index("ix_job_runs_user_id_created_at", "user_id", "created_at"),
        # At most one queued or running job per user and kind (a partial unique index, so the
        # database itself refuses a second concurrent sync).
        Index(
            "uq_job_runs_one_active_per_kind",
            "user_id",
            "kind",
            unique=True,
            postgresql_where=_ACTIVE_SQL,
            sqlite_where=_ACTIVE_SQL,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16), default=RunStatus.QUEUED.value)
    subject_id: Mapped[int | None] = mapped_column()
    progress_done: Mapped[int] = mapped_column(default=0)
    progress_total: Mapped[int | None] = mapped_column()
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    stats: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column()
    # Touched whenever the job reports progress; a running run whose heartbeat stops is
    # taken over (see services.runs.stale_runs).
    heartbeat_at: Mapped[datetime | None] = mapped_column()
    finished_at: Mapped[datetime | None] = mapped_column()
    # When its job was last handed to the queue: a queued run left waiting far longer was
    # lost on the way (see services.runs.lost_runs) and is handed over again.
    queued_at: Mapped[datetime | None] = mapped_column(default=utcnow)
    # A run that failed on upstream errors waits until then for its next attempt; it is
    # not in the queue meanwhile (see services.runs.retries_due).
    retry_at: Mapped[datetime | None] = mapped_column()

    @property
    def live(self) -> dict[str, Any] | None:
        """What a running run is doing now (see services.runs.mark_progress); None otherwise."""
        if self.status != RunStatus.RUNNING.value:
            return None
        value = (self.stats or {}).get("live")
        return value if isinstance(value, dict) else None
