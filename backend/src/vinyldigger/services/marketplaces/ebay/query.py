"""A typed eBay Browse search and its translation into query parameters.

Browse shows only Buy It Now items unless `buyingOptions` is given: pass
`buying_options=["FIXED_PRICE", "AUCTION"]` to see auctions too.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

# eBay US "Music > Vinyl Records" (category ids differ per marketplace).
VINYL_RECORDS_CATEGORY = "176985"
MAX_LIMIT = 200
MAX_OFFSET = 9_999

EbayCondition = Literal["NEW", "USED"]
EbayBuyingOption = Literal["FIXED_PRICE", "AUCTION", "BEST_OFFER"]
EbaySort = Literal["price", "-price", "newlyListed", "endingSoonest"]

_COUNTRY = r"^[A-Z]{2}$"
_CURRENCY = r"^[A-Z]{3}$"


class EbaySearch(BaseModel):
    model_config = ConfigDict(frozen=True)

    q: str | None = Field(default=None, min_length=1, max_length=350)
    # A UPC/EAN barcode, e.g. from a Discogs release.
    gtin: str | None = Field(default=None, pattern=r"^[0-9]{8,14}$")
    category_id: str | None = VINYL_RECORDS_CATEGORY
    price_min: Decimal | None = Field(default=None, ge=0)
    price_max: Decimal | None = Field(default=None, ge=0)
    price_currency: str | None = Field(default=None, pattern=_CURRENCY)
    conditions: list[EbayCondition] = Field(default_factory=list)
    condition_ids: list[int] = Field(default_factory=list)
    buying_options: list[EbayBuyingOption] = Field(default_factory=list)
    sellers: list[str] = Field(default_factory=list)
    exclude_sellers: list[str] = Field(default_factory=list)
    item_location_country: str | None = Field(default=None, pattern=_COUNTRY)
    delivery_country: str | None = Field(default=None, pattern=_COUNTRY)
    max_delivery_cost: Decimal | None = Field(default=None, ge=0)
    sort: EbaySort | None = None
    limit: int = Field(default=50, ge=1, le=MAX_LIMIT)
    offset: int = Field(default=0, ge=0, le=MAX_OFFSET)

    @model_validator(mode="after")
    def _is_answerable(self) -> Self:
        if not (self.q or self.gtin or self.sellers):
            raise ValueError("an eBay search needs keywords, a GTIN or a seller")
        has_price = self.price_min is not None or self.price_max is not None
        if has_price and self.price_currency is None:
            raise ValueError("a price range needs price_currency")
        for name in [*self.sellers, *self.exclude_sellers]:
            if not name or any(char in name for char in "{}|,"):
                raise ValueError(f"invalid seller name {name!r}")
        return self

    def with_offset(self, offset: int) -> EbaySearch:
        return self.model_copy(update={"offset": offset})

    def filter_expression(self) -> str | None:
        """The `filter` parameter: comma-separated field filters."""
        parts: list[str] = []
        if self.price_min is not None or self.price_max is not None:
            low = "" if self.price_min is None else _amount(self.price_min)
            high = "" if self.price_max is None else _amount(self.price_max)
            parts.append(f"price:[{low}..{high}]")
            parts.append(f"priceCurrency:{self.price_currency}")
        if self.conditions:
            parts.append(f"conditions:{_set(self.conditions)}")
        if self.condition_ids:
            parts.append(f"conditionIds:{_set(str(c) for c in self.condition_ids)}")
        if self.buying_options:
            parts.append(f"buyingOptions:{_set(self.buying_options)}")
        if self.sellers:
            parts.append(f"sellers:{_set(self.sellers)}")
        if self.exclude_sellers:
            parts.append(f"excludeSellers:{_set(self.exclude_sellers)}")
        if self.item_location_country:
            parts.append(f"itemLocationCountry:{self.item_location_country}")
        if self.delivery_country:
            parts.append(f"deliveryCountry:{self.delivery_country}")
        if self.max_delivery_cost is not None:
            parts.append(f"maxDeliveryCost:{_amount(self.max_delivery_cost)}")
        return ",".join(parts) or None

    def params(self) -> dict[str, str]:
        values = {
            "q": self.q,
            "gtin": self.gtin,
            "category_ids": self.category_id,
            "filter": self.filter_expression(),
            "sort": self.sort,
            "limit": str(self.limit),
            "offset": str(self.offset),
        }
        return {key: value for key, value in values.items() if value is not None}


def _amount(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _set(values: Iterable[str]) -> str:
    return "{" + "|".join(values) + "}"
