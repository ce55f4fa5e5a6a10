"""Money as every endpoint shows it, and the converted total that list items carry."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel

from vinyldigger.services.converted_totals import ConvertedTotal
from vinyldigger.services.marketplaces.dto import Money


class MoneyOut(BaseModel):
    amount: Decimal
    currency: str


class ConversionMissingOut(BaseModel):
    """Why an item has no converted total: no stored rate for `currency`."""

    reason: Literal["no_rate"]
    currency: str


class ConvertedFields(BaseModel):
    """Price plus known shipping in the user's currency; null with `converted_missing` when a
    currency has no rate. Unknown shipping adds nothing and `shipping_known` is false."""

    converted_total: MoneyOut | None
    converted_missing: ConversionMissingOut | None
    shipping_known: bool


def money_out(money: Money | None) -> MoneyOut | None:
    return MoneyOut(amount=money.amount, currency=money.currency) if money else None


def missing_out(currency: str | None) -> ConversionMissingOut | None:
    return ConversionMissingOut(reason="no_rate", currency=currency) if currency else None


def converted_fields(total: ConvertedTotal) -> dict[str, object]:
    """The ConvertedFields of one item, as keyword arguments for its schema."""
    return {
        "converted_total": money_out(total.amount),
        "converted_missing": missing_out(total.missing_currency),
        "shipping_known": total.shipping_known,
    }
