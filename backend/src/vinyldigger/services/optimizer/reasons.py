"""Why a want is left out of a plan, as far as the solver can tell.

For each want the plan does not buy fully, the cheapest way to add one more unit to the plan as
it stands is priced exactly: at a seller already in the plan (price plus the shipping it adds,
or minus the shipping it saves by reaching free shipping), or at a new seller (price plus its
first-item shipping; a seller with a minimum order only when the one item reaches it). Then:

1. not enough units offered in the problem: `no_listing`;
2. optional, and even the cheapest way costs at least what the unit is worth (`value`):
   `above_max_price`;
3. the plan already has `max_sellers` sellers and no seller in it offers the want at a price
   worth paying: `excluded_by_cap`;
4. the cheapest way allowed by the cap would take the total over the budget: `over_budget`;
5. otherwise the want lost to a better use of the cap or the budget (adding it alone would fit,
   but the plan is optimal as a whole): `excluded_by_cap` when a cap is set, else
   `over_budget`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from vinyldigger.services.optimizer.instance import Instance, PlanCost
from vinyldigger.services.optimizer.models import UnfilledReason


def left_out_reason(
    instance: Instance, units: Mapping[int, int], cost: PlanCost, want: int
) -> UnfilledReason:
    offered = sum(instance.offer_cap[offer] for offer in instance.offers_of_want[want])
    if offered < instance.want_quantity[want]:
        return UnfilledReason.NO_LISTING
    open_best, new_best = _cheapest_additions(instance, units, want)
    required = instance.want_required[want]
    value = math.inf if required else instance.want_value[want]
    if not required and min(open_best, new_best) >= value:
        return UnfilledReason.ABOVE_MAX_PRICE
    cap_full = instance.max_sellers is not None and cost.seller_count >= instance.max_sellers
    allowed = open_best if cap_full else min(open_best, new_best)
    if cap_full and allowed >= value:
        return UnfilledReason.EXCLUDED_BY_CAP
    if instance.budget is not None and cost.total + allowed > instance.budget:
        return UnfilledReason.OVER_BUDGET
    if instance.max_sellers is not None:
        return UnfilledReason.EXCLUDED_BY_CAP
    return UnfilledReason.OVER_BUDGET


def _cheapest_additions(
    instance: Instance, units: Mapping[int, int], want: int
) -> tuple[float, float]:
    """What one more unit of the want adds to the total at an open seller, and at a new one."""
    items: dict[int, int] = {}
    subtotal: dict[int, int] = {}
    for offer, count in units.items():
        seller = instance.offer_seller[offer]
        items[seller] = items.get(seller, 0) + count
        subtotal[seller] = subtotal.get(seller, 0) + count * instance.offer_price[offer]
    open_best = new_best = math.inf
    for offer in instance.offers_of_want[want]:
        if units.get(offer, 0) >= instance.offer_cap[offer]:
            continue
        seller = instance.offer_seller[offer]
        rule = instance.sellers[seller]
        price = instance.offer_price[offer]
        if seller in items:
            before = rule.shipping(items[seller], subtotal[seller])
            after = rule.shipping(items[seller] + 1, subtotal[seller] + price)
            open_best = min(open_best, price + after - before)
        elif rule.min_order is None or price >= rule.min_order:
            new_best = min(new_best, price + rule.shipping(1, price))
    return open_best, new_best
