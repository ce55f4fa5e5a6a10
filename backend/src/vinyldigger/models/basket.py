"""The basket: the buyer's choices, the plans made from them, and what they marked bought."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from vinyldigger.models.base import Base, utcnow


class BasketChoices(Base):
    """What the buyer asks of every plan; amounts in the user's currency. Per-want choices are
    on `Want` (`basket_choice`, `max_price`, `any_pressing`)."""

    __tablename__ = "basket_choices"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    min_media_grade: Mapped[str | None] = mapped_column(String(4))
    min_sleeve_grade: Mapped[str | None] = mapped_column(String(4))
    budget: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    max_parcels: Mapped[int | None] = mapped_column()
    # What an optional want without a max price of its own is worth.
    default_value: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class BasketPlan(Base):
    __tablename__ = "basket_plans"
    __table_args__ = (
        Index("ix_basket_plans_user_id_created_at", "user_id", "created_at"),
        Index("ix_basket_plans_user_id_complete_created_at", "user_id", "complete", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(16))
    # True when the plan buys every want it was asked to plan; None until it is solved.
    complete: Mapped[bool | None] = mapped_column()
    # The seller cap the plan was made under.
    max_sellers: Mapped[int | None] = mapped_column()
    # The plan whose rest (wants not bought yet) this plan covers.
    replan_of: Mapped[int | None] = mapped_column()
    # Documented optimizer formats (docs/optimizer.md), plus what each offer id stands for.
    problem: Mapped[dict[str, Any]] = mapped_column(JSON)
    solution: Mapped[dict[str, Any]] = mapped_column(JSON)
    # The frontier's points (cap, total, knee...); each point's plan is in `frontier_plans`, by
    # cap, loaded only when a point is opened (for 500 wants it is megabytes).
    frontier: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    frontier_plans: Mapped[dict[str, Any] | None] = mapped_column(JSON, deferred=True)
    # None when no frontier was asked for; "pending" while the run works it out (the plan
    # itself is stored first), then "ready" or "failed".
    frontier_status: Mapped[str | None] = mapped_column(String(16))
    # The plan whose `frontier_plans` this plan's frontier points open (a point opened as a
    # plan shares its source's frontier).
    frontier_of: Mapped[int | None] = mapped_column()
    offers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class BasketPurchase(Base):
    """A listing of a plan the buyer marked bought: its want is not planned again."""

    __tablename__ = "basket_purchases"
    __table_args__ = (
        UniqueConstraint("user_id", "listing_id"),
        Index("ix_basket_purchases_user_id_release_id", "user_id", "release_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    release_id: Mapped[int] = mapped_column(BigInteger)
    listing_id: Mapped[int] = mapped_column(BigInteger)
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("basket_plans.id", ondelete="SET NULL"))
    bought_at: Mapped[datetime] = mapped_column(default=utcnow)
