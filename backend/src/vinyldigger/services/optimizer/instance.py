"""The problem in integer cents and list indices, and the exact cost of any plan.

Everything that computes with money (reduction, model, heuristic, baselines) works on this form,
so the rules of shipping are written once, here, and the solver never rounds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from vinyldigger.services.optimizer.models import Problem, Seller, money_to_cents


@dataclass(frozen=True, slots=True)
class SellerRule:
    first: int
    additional: int
    free_over: int | None
    parcel_size: int | None
    min_order: int | None

    def parcels(self, items: int) -> int:
        if items == 0:
            return 0
        if self.parcel_size is None:
            return 1
        return -(-items // self.parcel_size)

    def paid_shipping(self, items: int) -> int:
        """Shipping for `items` items when the free-shipping threshold is not reached."""
        parcels = self.parcels(items)
        return parcels * self.first + (items - parcels) * self.additional

    def shipping(self, items: int, subtotal: int) -> int:
        if items == 0:
            return 0
        if self.free_over is not None and subtotal >= self.free_over:
            return 0
        return self.paid_shipping(items)

    def worst_added_item_cost(self) -> int:
        """An upper bound on what one more item adds to this seller's shipping, in any plan."""
        return max(self.first, self.additional)


@dataclass(slots=True)
class Instance:
    problem: Problem
    want_ids: list[str]
    want_quantity: list[int]
    want_required: list[bool]
    want_value: list[int]
    seller_ids: list[str]
    sellers: list[SellerRule]
    offer_ids: list[str]
    offer_want: list[int]
    offer_seller: list[int]
    offer_price: list[int]
    # Units of the offer worth considering: what is available, but never more than the want needs.
    offer_cap: list[int]
    max_sellers: int | None
    budget: int | None
    time_limit_s: float
    offers_of_want: list[list[int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.offers_of_want = [[] for _ in self.want_ids]
        for offer, want in enumerate(self.offer_want):
            self.offers_of_want[want].append(offer)


def build_instance(problem: Problem, max_sellers: int | None = None) -> Instance:
    want_index = {want.id: index for index, want in enumerate(problem.wants)}
    seller_index = {seller.id: index for index, seller in enumerate(problem.sellers)}
    quantities = [want.quantity for want in problem.wants]
    options = problem.options
    return Instance(
        problem=problem,
        want_ids=[want.id for want in problem.wants],
        want_quantity=quantities,
        want_required=[want.required for want in problem.wants],
        want_value=[
            0 if want.required or want.value is None else money_to_cents(want.value)
            for want in problem.wants
        ],
        seller_ids=[seller.id for seller in problem.sellers],
        sellers=[_seller_rule(seller) for seller in problem.sellers],
        offer_ids=[offer.id for offer in problem.offers],
        offer_want=[want_index[offer.want_id] for offer in problem.offers],
        offer_seller=[seller_index[offer.seller_id] for offer in problem.offers],
        offer_price=[money_to_cents(offer.price) for offer in problem.offers],
        offer_cap=[
            min(offer.quantity, quantities[want_index[offer.want_id]]) for offer in problem.offers
        ],
        max_sellers=max_sellers if max_sellers is not None else options.max_sellers,
        budget=None if options.budget is None else money_to_cents(options.budget),
        time_limit_s=options.time_limit_s,
    )


def _seller_rule(seller: Seller) -> SellerRule:
    shipping = seller.shipping
    free_over = None if shipping.free_over is None else money_to_cents(shipping.free_over)
    min_order = None if seller.min_order_total is None else money_to_cents(seller.min_order_total)
    first = money_to_cents(shipping.first_item)
    additional = money_to_cents(shipping.additional_item)
    if free_over is not None and free_over <= 0:
        # Free from the first cent: the same as a seller who never charges shipping.
        first, additional, free_over = 0, 0, None
    return SellerRule(
        first=first,
        additional=additional,
        free_over=free_over,
        parcel_size=shipping.max_items_per_parcel,
        min_order=min_order if min_order and min_order > 0 else None,
    )


@dataclass(frozen=True, slots=True)
class PlanCost:
    items: int
    shipping: int
    value: int
    seller_count: int
    # Empty when the plan honours every rule; otherwise why it does not.
    violations: tuple[str, ...]

    @property
    def total(self) -> int:
        return self.items + self.shipping

    @property
    def net(self) -> int:
        """What the solver minimises: cost minus the value of optional records bought."""
        return self.total - self.value


def evaluate(instance: Instance, units: Mapping[int, int]) -> PlanCost:
    """Exact cost of buying `units[offer]` units of each offer, and the rules the plan breaks."""
    seller_items: dict[int, int] = {}
    seller_subtotal: dict[int, int] = {}
    bought = [0] * len(instance.want_ids)
    violations: list[str] = []
    for offer, count in units.items():
        if count <= 0:
            continue
        if count > instance.offer_cap[offer]:
            violations.append(f"offer {instance.offer_ids[offer]} over its quantity")
        seller = instance.offer_seller[offer]
        seller_items[seller] = seller_items.get(seller, 0) + count
        seller_subtotal[seller] = (
            seller_subtotal.get(seller, 0) + count * instance.offer_price[offer]
        )
        bought[instance.offer_want[offer]] += count
    shipping = 0
    for seller, items in seller_items.items():
        rule = instance.sellers[seller]
        subtotal = seller_subtotal[seller]
        if rule.min_order is not None and subtotal < rule.min_order:
            violations.append(f"seller {instance.seller_ids[seller]} below its minimum order")
        shipping += rule.shipping(items, subtotal)
    value = 0
    for want, count in enumerate(bought):
        needed = instance.want_quantity[want]
        if count > needed or (instance.want_required[want] and count < needed):
            violations.append(f"want {instance.want_ids[want]} bought {count} of {needed}")
        value += min(count, needed) * instance.want_value[want]
    items_total = sum(seller_subtotal.values())
    if instance.max_sellers is not None and len(seller_items) > instance.max_sellers:
        violations.append("too many sellers")
    if instance.budget is not None and items_total + shipping > instance.budget:
        violations.append("over budget")
    return PlanCost(items_total, shipping, value, len(seller_items), tuple(violations))
