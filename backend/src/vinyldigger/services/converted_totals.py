"""A listing's total in the user's currency: its price plus the shipping it states, converted
with the latest stored euro rates.

One rule, written twice: in Python for the items a page shows, and as a SQL expression so
that sorting, the max-price filter and sums work across every page without loading every
listing. Both convert price and shipping separately, round each half up to cents, then add.
Unknown shipping adds nothing and is said so (`shipping_known`); a currency without a rate
makes the whole total unknown (None, with the currency that lacked the rate).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Numeric, case, func, literal
from sqlalchemy.sql.elements import ColumnElement

from vinyldigger.models import Listing
from vinyldigger.services.fx import CurrencyConverter, UnknownCurrency
from vinyldigger.services.marketplaces.dto import Money

# Why a total is missing; the only reason today.
NO_RATE = "no_rate"
RATE = Numeric(18, 6)
AMOUNT = Numeric(14, 2)


@dataclass(frozen=True)
class ConvertedTotal:
    """`amount` is None only when a currency has no rate; `missing_currency` then names it."""

    amount: Money | None
    missing_currency: str | None
    shipping_known: bool

    @property
    def missing_reason(self) -> str | None:
        return NO_RATE if self.amount is None else None


def shipping_of(listing: Listing) -> Money | None:
    """The stated shipping cost, or None when the marketplace did not state one."""
    if listing.shipping_amount is None:
        return None
    return Money(
        amount=listing.shipping_amount,
        currency=listing.shipping_currency or listing.price_currency,
    )


def price_of(listing: Listing) -> Money:
    return Money(amount=listing.price_amount, currency=listing.price_currency)


def listing_total(listing: Listing, converter: CurrencyConverter, currency: str) -> ConvertedTotal:
    """Price plus known shipping of one listing in `currency`."""
    shipping = shipping_of(listing)
    try:
        amount = converter.convert(price_of(listing), currency).amount
        if shipping is not None:
            amount += converter.convert(shipping, currency).amount
    except UnknownCurrency as missing:
        return ConvertedTotal(None, missing.currency, shipping is not None)
    return ConvertedTotal(
        Money(amount=amount, currency=currency.upper()), None, shipping is not None
    )


@dataclass(frozen=True)
class SqlConversion:
    """The same conversion as SQL expressions over `listings`, for one target currency.

    The latest day's rates are bound as literals in a CASE on the listing's currency: the
    same rates `CurrencyConverter` holds, so a sorted page and the totals it shows agree.
    """

    converter: CurrencyConverter
    currency: str

    def _rates(self) -> tuple[dict[str, Decimal], Decimal]:
        target = self.currency.upper()
        if self.converter.knows(target):
            return dict(self.converter.rates_per_euro), self.converter.rates_per_euro[target]
        # Without a rate for the user's currency only amounts already in it convert.
        return {target: Decimal(1)}, Decimal(1)

    def amount(self, amount: Any, currency: Any) -> ColumnElement[Decimal]:
        """`amount` (in `currency`) in the target currency, rounded to cents; NULL without a
        rate. Multiplies before dividing, as the converter does."""
        rates, target_rate = self._rates()
        source_rate = case(
            {code: literal(rate, RATE) for code, rate in rates.items()},
            value=currency,
            else_=None,
        )
        converted = amount * literal(target_rate, RATE) / source_rate
        return func.round(converted, 2, type_=AMOUNT)

    def price(self) -> ColumnElement[Decimal]:
        return self.amount(Listing.price_amount, Listing.price_currency)

    def total(self) -> ColumnElement[Decimal]:
        """Price plus known shipping; NULL when the price or the stated shipping has no rate."""
        shipping = self.amount(
            Listing.shipping_amount,
            func.coalesce(Listing.shipping_currency, Listing.price_currency),
        )
        return self.price() + case(
            (Listing.shipping_amount.is_(None), literal(Decimal(0), AMOUNT)), else_=shipping
        )

    def missing_currency(
        self,
        price: ColumnElement[Decimal] | None = None,
        total: ColumnElement[Decimal] | None = None,
    ) -> ColumnElement[str]:
        """The listing currency lacking a rate (price first, then shipping), else NULL.

        `price` and `total` may name already computed columns (e.g. of a subquery), so the
        conversion is not spelled out again."""
        return case(
            ((self.price() if price is None else price).is_(None), Listing.price_currency),
            (
                (self.total() if total is None else total).is_(None),
                func.coalesce(Listing.shipping_currency, Listing.price_currency),
            ),
            else_=None,
        )
