"""Saved searches: what to look for, where, and how often."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from vinyldigger.models.base import Base, TimestampMixin


class SavedSearch(TimestampMixin, Base):
    __tablename__ = "saved_searches"
    __table_args__ = (
        Index("ix_saved_searches_user_id_created_at", "user_id", "created_at"),
        # The scheduler asks "which active searches are due?" every minute.
        Index("ix_saved_searches_is_active_next_run_at", "is_active", "next_run_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    # Validated by services.searches.SearchCriteria before it is stored.
    criteria: Mapped[dict[str, Any]] = mapped_column(JSON)
    check_interval_hours: Mapped[int] = mapped_column(default=24)
    is_active: Mapped[bool] = mapped_column(default=True)
    last_run_at: Mapped[datetime | None] = mapped_column()
    next_run_at: Mapped[datetime | None] = mapped_column()
