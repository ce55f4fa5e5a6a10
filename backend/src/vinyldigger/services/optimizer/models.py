"""Typed DTOs of the basket optimizer: the problem it reads and the plan it returns.

Money is `Decimal` rounded to cents everywhere in these models; in JSON it is written as a
string with two decimals ("12.50") so that no reader turns it into a binary float.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

CENT = Decimal("0.01")


def to_money(value: object) -> Decimal:
    """Round an amount (number, decimal string or Decimal) to cents, half up."""
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, float):
        # repr() of a float is its shortest round-trip form: 0.1 stays "0.1", not 0.1000000000000000055.
        amount = Decimal(repr(value))
    else:
        amount = Decimal(str(value))
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def cents_to_money(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


def money_to_cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value(rounding=ROUND_HALF_UP))


Money = Annotated[Decimal, BeforeValidator(to_money)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --- the problem -------------------------------------------------------------------------------


class Want(_Frozen):
    id: str
    quantity: int = Field(default=1, ge=1)
    required: bool = True
    # What one unit is worth to the user; only optional wants use it.
    value: Money | None = None


class ShippingPolicy(_Frozen):
    first_item: Money
    additional_item: Money
    free_over: Money | None = None
    max_items_per_parcel: int | None = Field(default=None, ge=1)


class Seller(_Frozen):
    id: str
    shipping: ShippingPolicy
    min_order_total: Money | None = None


class Offer(_Frozen):
    id: str
    want_id: str
    seller_id: str
    price: Money
    quantity: int = Field(default=1, ge=1)


class Options(_Frozen):
    max_sellers: int | None = Field(default=None, ge=1)
    budget: Money | None = None
    time_limit_s: float = Field(default=30.0, gt=0)


class Problem(_Frozen):
    currency: str = "USD"
    wants: tuple[Want, ...]
    sellers: tuple[Seller, ...]
    offers: tuple[Offer, ...]
    options: Options = Options()


# --- the result --------------------------------------------------------------------------------


class Status(str, Enum):
    OPTIMAL = "optimal"
    # A plan was found but the time limit stopped the proof; `gap` says how far it may be off.
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    # The time limit passed before any plan was found.
    TIME_LIMIT = "time_limit"


class PlanItem(_Frozen):
    offer_id: str
    want_id: str
    quantity: int
    unit_price: Money
    line_total: Money


class Parcel(_Frozen):
    """Everything bought from one seller; `parcel_count` > 1 when the parcel size limit splits it."""

    seller_id: str
    items: tuple[PlanItem, ...]
    item_count: int
    parcel_count: int
    items_total: Money
    shipping: Money
    free_shipping: bool
    total: Money


class ChosenOffer(_Frozen):
    offer_id: str
    quantity: int


class UnfilledWant(_Frozen):
    want_id: str
    missing: int
    required: bool


class Baseline(_Frozen):
    """A naive way to buy the same records the plan buys, and what the plan saves against it."""

    name: str
    total: Money
    items_total: Money
    shipping_total: Money
    seller_count: int
    # Units of the plan's basket that this strategy could not buy at all.
    unfilled_wants: tuple[UnfilledWant, ...]
    savings: Money
    savings_fraction: float


class Solution(_Frozen):
    status: Status
    currency: str
    total: Money | None
    items_total: Money | None
    shipping_total: Money | None
    value_total: Money | None
    seller_count: int
    parcels: tuple[Parcel, ...]
    chosen_offers: tuple[ChosenOffer, ...]
    unfilled_wants: tuple[UnfilledWant, ...]
    # Proven relative gap between the plan and the best possible; 0 when optimal.
    gap: float | None
    solve_seconds: float
    baselines: tuple[Baseline, ...]
    message: str | None = None


class FrontierPoint(_Frozen):
    max_sellers: int
    solution: Solution


class Frontier(_Frozen):
    """The cheapest plan for every seller cap from the fewest possible sellers to the optimum's."""

    currency: str
    points: tuple[FrontierPoint, ...]
    unconstrained: Solution
    solve_seconds: float
