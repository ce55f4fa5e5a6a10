"""Accounts and their refresh-token sessions."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from vinyldigger.models.base import Base, TimestampMixin


class User(TimestampMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(default=True)
    is_admin: Mapped[bool] = mapped_column(default=False)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    # Used by the basket when a seller's shipping is not known, in the user's currency.
    shipping_first_default: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("5"))
    shipping_additional_default: Mapped[Decimal] = mapped_column(
        Numeric(10, 2), default=Decimal("2")
    )
    # ISO 3166 alpha-2; new searches ship here unless they say otherwise.
    ship_to_country: Mapped[str | None] = mapped_column(String(2))
    # A Goldmine code ("VG+"); new searches and the basket start from it.
    min_media_grade: Mapped[str | None] = mapped_column(String(4))
    # The dashboard's "new since your last visit" compares with the visit before the current one.
    dashboard_visited_at: Mapped[datetime | None] = mapped_column()
    dashboard_previous_visit_at: Mapped[datetime | None] = mapped_column()


class RefreshToken(Base):
    """One issued refresh token. Tokens of one login share a family; reuse revokes it."""

    __tablename__ = "refresh_tokens"
    __table_args__ = (Index("ix_refresh_tokens_family_id", "family_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token_id: Mapped[str] = mapped_column(String(64), unique=True)
    family_id: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    issued_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
