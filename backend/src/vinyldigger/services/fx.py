"""Stored euro reference rates, and converting money between currencies with them.

Every listing keeps its own price and currency; comparisons happen in the user's currency
through these rates. The euro is the pivot because that is what the ECB quotes: converting
USD to GBP goes USD -> EUR -> GBP with the same day's rates.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.errors import AppError
from vinyldigger.models.base import utcnow
from vinyldigger.models.fx import FxRate
from vinyldigger.services.marketplaces.dto import Money
from vinyldigger.services.marketplaces.fx import ReferenceRates

PIVOT = "EUR"
CENT = Decimal("0.01")
FX_RATES = FxRate.__table__
# Six decimals is what the column keeps; quantizing first makes a re-fetch of the same day
# compare equal to what is stored.
RATE_PLACES = Decimal("0.000001")


class UnknownCurrency(AppError):
    """No stored rate for this currency, so an amount in it cannot be compared."""

    def __init__(self, currency: str) -> None:
        super().__init__(
            f"No exchange rate is known for {currency}",
            status_code=422,
            code="unknown_currency",
        )
        self.currency = currency


@dataclass(frozen=True)
class CurrencyConverter:
    """Converts with one day's rates (units per 1 EUR); `as_of` is None when none are stored,
    and then only same-currency amounts convert."""

    rates_per_euro: Mapping[str, Decimal] = field(default_factory=dict)
    as_of: date | None = None

    @classmethod
    def from_rates(cls, rates: Mapping[str, Decimal], as_of: date | None) -> CurrencyConverter:
        known = {code.upper(): rate for code, rate in rates.items()}
        known[PIVOT] = Decimal(1)
        return cls(rates_per_euro=known, as_of=as_of)

    def knows(self, currency: str) -> bool:
        return currency.upper() in self.rates_per_euro

    def _per_euro(self, currency: str) -> Decimal:
        rate = self.rates_per_euro.get(currency.upper())
        if rate is None:
            raise UnknownCurrency(currency.upper())
        return rate

    def rate(self, source: str, target: str) -> Decimal:
        """Units of `target` one unit of `source` buys, unrounded."""
        if source.upper() == target.upper():
            return Decimal(1)
        return self._per_euro(target) / self._per_euro(source)

    def convert(self, money: Money, to_currency: str) -> Money:
        """`money` in `to_currency`, rounded half up to cents; raises UnknownCurrency."""
        target = to_currency.upper()
        if money.currency.upper() == target:
            amount = money.amount
        else:
            # Multiply before dividing: one rounding step inside Decimal's 28 digits.
            amount = money.amount * self._per_euro(target) / self._per_euro(money.currency)
        return Money(amount=amount.quantize(CENT, rounding=ROUND_HALF_UP), currency=target)

    def convert_or_none(self, money: Money | None, to_currency: str) -> Money | None:
        """Like `convert`, but unknown stays unknown: None for no amount or no rate."""
        if money is None:
            return None
        try:
            return self.convert(money, to_currency)
        except UnknownCurrency:
            return None


def insert_for(session: AsyncSession) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT (PostgreSQL and SQLite both do)."""
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert


async def refresh_rates(
    session: AsyncSession, rates: Sequence[ReferenceRates], *, fetched_at: datetime | None = None
) -> int:
    """Store the given days' rates, replacing what was stored for the same day and currency.

    One upsert for all rows; returns how many rows were written. Flushes, never commits.
    """
    stamp = fetched_at or utcnow()
    rows = [
        {
            "rate_date": day.day,
            "currency": currency,
            "rate": rate.quantize(RATE_PLACES),
            "fetched_at": stamp,
        }
        for day in rates
        for currency, rate in day.rates.items()
    ]
    if not rows:
        return 0
    statement = insert_for(session)(FX_RATES)
    statement = statement.on_conflict_do_update(
        index_elements=[FX_RATES.c.rate_date, FX_RATES.c.currency],
        set_={"rate": statement.excluded.rate, "fetched_at": statement.excluded.fetched_at},
    )
    await session.execute(statement, rows)
    return len(rows)


async def latest_converter(session: AsyncSession) -> CurrencyConverter:
    """A converter with the most recent day's stored rates.

    Only that day's currencies are known: a currency the ECB stopped quoting is not
    converted at a rate that may be years old.
    """
    latest = select(func.max(FxRate.rate_date)).scalar_subquery()
    rows = (
        await session.execute(
            select(FxRate.rate_date, FxRate.currency, FxRate.rate).where(FxRate.rate_date == latest)
        )
    ).all()
    if not rows:
        return CurrencyConverter.from_rates({}, None)
    return CurrencyConverter.from_rates(
        {currency: rate for _day, currency, rate in rows}, rows[0].rate_date
    )
