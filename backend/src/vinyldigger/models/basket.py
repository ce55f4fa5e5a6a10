"""Stored basket plans: the problem the optimizer was given and the plan it returned."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from vinyldigger.models.base import Base, utcnow


class BasketPlan(Base):
    __tablename__ = "basket_plans"
    __table_args__ = (Index("ix_basket_plans_user_id_created_at", "user_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(16))
    # Documented optimizer formats (docs/optimizer.md), plus what each offer id stands for.
    problem: Mapped[dict[str, Any]] = mapped_column(JSON)
    solution: Mapped[dict[str, Any]] = mapped_column(JSON)
    frontier: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    offers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
