"""Typed DTOs of the basket optimizer: the problem it reads and the plan it returns.

Money is `Decimal` rounded to cents everywhere in these models; in JSON it is written as a
string with two decimals ("12.50") so that no reader turns it into a binary float.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, model_validator

CENT = Decimal("0.01")


def to_money(value: object) -> Decimal:
    """Round an amount (number, decimal string or Decimal) to cents, half up."""
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, float):
        # repr() of a float is its shortest round-trip form: 0.1 stays "0.1", not 0.1000...055.
        amount = Decimal(repr(value))
    else:
        amount = Decimal(str(value))
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def cents_to_money(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


def money_to_cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value(rounding=ROUND_HALF_UP))


# Amounts stay below a billion and counts below a thousand: beyond that a problem is a mistake or
# an attack, and refusing it keeps the solver within its time limit (schema and models agree).
MAX_AMOUNT = Decimal(1_000_000_000)
MAX_COUNT = 1000
_AMOUNT_TEXT = re.compile(r"^[0-9]{1,9}(\.[0-9]+)?$")
_NOT_AN_AMOUNT = 'must be a non-negative amount: a number or a decimal string like "12.50"'


def parse_amount(value: object) -> Decimal:
    """An amount as the problem format allows it (see problem.schema.json), rounded to cents."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ValueError(_NOT_AN_AMOUNT)
    if isinstance(value, str) and not _AMOUNT_TEXT.match(value):
        raise ValueError(_NOT_AN_AMOUNT)
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("must be a finite number")
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError("must be a finite number")
    if not isinstance(value, str) and value < 0:
        raise ValueError("must be >= 0")
    if not isinstance(value, str) and value >= MAX_AMOUNT:
        raise ValueError("must be < 1000000000")
    return to_money(value)


# Amounts the optimizer reports; any Decimal-compatible value, rounded to cents.
Money = Annotated[Decimal, BeforeValidator(to_money)]
# Amounts a problem gives: checked like the JSON Schema checks them, then rounded to cents.
Amount = Annotated[Decimal, BeforeValidator(parse_amount)]
Id = Annotated[str, Strict(), Field(min_length=1)]
Count = Annotated[int, Strict(), Field(ge=1, le=MAX_COUNT)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --- the problem -------------------------------------------------------------------------------


class Want(_Frozen):
    id: Id
    quantity: Count = 1
    required: Annotated[bool, Strict()] = True
    # What one unit is worth to the user; only optional wants use it.
    value: Amount | None = None

    @model_validator(mode="after")
    def _optional_wants_have_a_value(self) -> Want:
        if not self.required and self.value is None:
            raise ValueError("an optional want needs a value")
        return self


class ShippingPolicy(_Frozen):
    first_item: Amount
    additional_item: Amount
    free_over: Amount | None = None
    max_items_per_parcel: Count | None = None


class Seller(_Frozen):
    id: Id
    shipping: ShippingPolicy
    min_order_total: Amount | None = None


class Offer(_Frozen):
    id: Id
    want_id: Id
    seller_id: Id
    price: Amount
    quantity: Count = 1


class Options(_Frozen):
    max_sellers: Annotated[int, Strict(), Field(ge=1, le=1_000_000)] | None = None
    budget: Amount | None = None
    time_limit_s: Annotated[float, Strict(), Field(gt=0, le=3600, allow_inf_nan=False)] = 30.0


class Problem(_Frozen):
    currency: Annotated[str, Strict(), Field(pattern=r"^[A-Z]{3}$")] = "USD"
    wants: Annotated[tuple[Want, ...], Field(min_length=1)]
    sellers: tuple[Seller, ...]
    offers: tuple[Offer, ...]
    options: Options = Options()


# --- the result --------------------------------------------------------------------------------


class Status(StrEnum):
    OPTIMAL = "optimal"
    # A plan was found but the time limit stopped the proof; `gap` says how far it may be off.
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    # The time limit passed before any plan was found.
    TIME_LIMIT = "time_limit"


class UnfilledReason(StrEnum):
    """Why a want is not (fully) in the plan.

    The solver sets `excluded_by_cap`, `over_budget` and `no_listing` (not enough units on offer
    in the problem). `above_max_price` comes from the solver when buying the want would cost more
    delivered than its value, and from the caller when every listing is above the user's max
    price; `below_grade` only from the caller, which filters listings by grade before solving.
    """

    NO_LISTING = "no_listing"
    ABOVE_MAX_PRICE = "above_max_price"
    BELOW_GRADE = "below_grade"
    EXCLUDED_BY_CAP = "excluded_by_cap"
    OVER_BUDGET = "over_budget"


class PlanItem(_Frozen):
    offer_id: str
    want_id: str
    quantity: int
    unit_price: Money
    line_total: Money


class Parcel(_Frozen):
    """Everything bought from one seller; `parcel_count` > 1 when the parcel size splits it."""

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
    reason: UnfilledReason | None = None


class Baseline(_Frozen):
    """A naive way to buy the same records the plan buys, and what the plan saves against it."""

    name: str
    total: Money
    items_total: Money
    shipping_total: Money
    seller_count: int
    # What the plan saves against this strategy (negative if the strategy were cheaper).
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
    # True when the plan buys every unit of every want; a plan leaving any want out is partial.
    complete: bool = False


class FrontierPoint(_Frozen):
    max_sellers: int
    solution: Solution
    # What this point costs more than the unconstrained optimum, in money and as a fraction of it.
    extra_cost: Money | None = None
    extra_fraction: float | None = None
    # The knee of the frontier (see `Frontier.knee`).
    knee: bool = False


class Frontier(_Frozen):
    """The cheapest plan buying the whole want list for every seller cap, fewest to optimum.

    Every want counts as required here (optional flags and the budget are ignored: the frontier
    is the price of the whole list against the number of parcels); wants that not enough units
    are offered of are left out of every point and listed in `uncovered`.
    """

    currency: str
    points: tuple[FrontierPoint, ...]
    unconstrained: Solution
    solve_seconds: float
    # max_sellers of the knee point: the fewest sellers after which every further seller saves
    # less than `knee_fraction` of the unconstrained optimum's total. None without points.
    knee: int | None = None
    knee_fraction: float = 0.002
    uncovered: tuple[UnfilledWant, ...] = ()
