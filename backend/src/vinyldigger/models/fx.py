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
