"""An independent, exhaustive solver for tiny problems: the reference the MIP is tested against.

It shares no code with the optimizer: shipping and the rules are re-implemented here from the
documented format, in integer cents.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any


def cents(amount: Any) -> int:
    return int((Decimal(str(amount)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Outcome:
    cost: int
    value: int
    sellers: int
    free_shipping_used: bool
    several_parcels: bool

    @property
    def net(self) -> int:
        return self.cost - self.value


def evaluate(problem: Mapping[str, Any], units: Mapping[str, int]) -> Outcome | None:
    """Cost of buying `units[offer_id]`; None when the plan breaks a rule."""
    wants = {want["id"]: want for want in problem["wants"]}
    sellers = {seller["id"]: seller for seller in problem["sellers"]}
    offers = {offer["id"]: offer for offer in problem["offers"]}
    options = problem.get("options", {})
    bought = dict.fromkeys(wants, 0)
    count: dict[str, int] = {}
    subtotal: dict[str, int] = {}
    for offer_id, n in units.items():
        if n == 0:
            continue
        offer = offers[offer_id]
        if n > offer.get("quantity", 1):
            return None
        bought[offer["want_id"]] += n
        seller = offer["seller_id"]
        count[seller] = count.get(seller, 0) + n
        subtotal[seller] = subtotal.get(seller, 0) + n * cents(offer["price"])
    value = 0
    for want_id, want in wants.items():
        quantity = want.get("quantity", 1)
        if bought[want_id] > quantity:
            return None
        if want.get("required", True):
            if bought[want_id] < quantity:
                return None
        else:
            value += bought[want_id] * cents(want["value"])
    shipping = 0
    free_used = several = False
    for seller_id, n in count.items():
        seller = sellers[seller_id]
        rules = seller["shipping"]
        if "min_order_total" in seller and subtotal[seller_id] < cents(seller["min_order_total"]):
            return None
        if "free_over" in rules and subtotal[seller_id] >= cents(rules["free_over"]):
            free_used = True
            continue
        size = rules.get("max_items_per_parcel")
        parcels = 1 if size is None else math.ceil(n / size)
        several = several or parcels > 1
        shipping += parcels * cents(rules["first_item"])
        shipping += (n - parcels) * cents(rules["additional_item"])
    cost = sum(subtotal.values()) + shipping
    if "max_sellers" in options and len(count) > options["max_sellers"]:
        return None
    if "budget" in options and cost > cents(options["budget"]):
        return None
    return Outcome(cost, value, len(count), free_used, several)


def _splits(total_max: int, caps: list[int], exact: bool) -> Iterator[tuple[int, ...]]:
    for split in itertools.product(*(range(cap + 1) for cap in caps)):
        if sum(split) == total_max or (not exact and sum(split) < total_max):
            yield split


def enumerate_best(problem: Mapping[str, Any]) -> tuple[Outcome, dict[str, int]] | None:
    """The plan with the lowest cost minus value, by trying every plan; None if none is valid."""
    per_want = []
    for want in problem["wants"]:
        offers = [offer for offer in problem["offers"] if offer["want_id"] == want["id"]]
        quantity = want.get("quantity", 1)
        caps = [min(offer.get("quantity", 1), quantity) for offer in offers]
        exact = want.get("required", True)
        per_want.append(
            [
                {offer["id"]: n for offer, n in zip(offers, split, strict=True) if n}
                for split in _splits(quantity, caps, exact)
            ]
        )
    best: tuple[Outcome, dict[str, int]] | None = None
    for choice in itertools.product(*per_want):
        units: dict[str, int] = {}
        for part in choice:
            units.update(part)
        outcome = evaluate(problem, units)
        if outcome is not None and (best is None or outcome.net < best[0].net):
            best = (outcome, units)
    return best
