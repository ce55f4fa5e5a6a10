"""Euro foreign-exchange reference rates (ECB), one row per day and currency.

Rates are units of the currency per 1 EUR, as the ECB publishes them; EUR itself is the
pivot and is not stored. Shared by every user (public data).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from vinyldigger.models.base import Base, utcnow

# The ECB quotes at most five significant digits (e.g. 17452 IDR, 0.85200 GBP); six decimal
# places and twelve integer digits hold every rate it has ever published.
RATE = Numeric(18, 6)


class FxRate(Base):
    __tablename__ = "fx_rates"

    rate_date: Mapped[date] = mapped_column(Date, primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    rate: Mapped[Decimal] = mapped_column(RATE)
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)


class FxRefreshState(Base):
    """The one row (id 1) saying how the last rate refreshes went, shown in Admin and beside
    converted figures when the rates are stale or missing."""

    __tablename__ = "fx_refresh_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    last_attempt_at: Mapped[datetime | None] = mapped_column()
    last_success_at: Mapped[datetime | None] = mapped_column()
    last_failure_at: Mapped[datetime | None] = mapped_column()
    last_error: Mapped[str | None] = mapped_column(String(500))
    consecutive_failures: Mapped[int] = mapped_column(default=0, server_default="0")
    next_attempt_at: Mapped[datetime | None] = mapped_column()
