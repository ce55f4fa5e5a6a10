"""Two naive ways to buy a basket, to show what the optimizer saves.

Both buy exactly the units the optimal plan buys (the same records, the same quantities), so the
totals compare like for like:

* cheapest_each: every unit at the cheapest price on offer, shipped as if ordered alone (the
  seller's first-item charge, nothing when that one item reaches the free-shipping threshold).
  It is the sum of the "price + shipping" a search result shows, so minimum orders are ignored.
* most_wants_first: the seller-grouping habit. Repeatedly pick the seller holding the most
  still-missing records (ties: lower first-item shipping, then input order), buy every missing
  record there at that seller's cheapest copies, and pay that seller's real shipping. A seller
  whose minimum order those records do not reach is passed over; units no seller could take
  that way are bought as in cheapest_each.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from vinyldigger.services.optimizer.instance import Instance
from vinyldigger.services.optimizer.models import Baseline, cents_to_money


def baselines(instance: Instance, basket: Mapping[int, int], plan_total: int) -> list[Baseline]:
    """Both baselines for buying `basket` (units per want index), compared with `plan_total`."""
    return [
        _cheapest_each(instance, basket).baseline("cheapest_each", plan_total),
        _most_wants_first(instance, basket).baseline("most_wants_first", plan_total),
    ]


@dataclass
class _Purchase:
    instance: Instance
    items: int = 0
    shipping: int = 0
    sellers: set[int] = field(default_factory=set)
    # Units of each offer already taken.
    taken: dict[int, int] = field(default_factory=lambda: defaultdict(int))

    def room(self, offer: int) -> int:
        return self.instance.offer_cap[offer] - self.taken[offer]

    def buy_alone(self, want: int, count: int) -> None:
        """`count` units of the want at the cheapest prices, each shipped as if alone."""
        inst = self.instance
        candidates = sorted(
            (
                inst.offer_price[offer],
                inst.sellers[inst.offer_seller[offer]].shipping(1, inst.offer_price[offer]),
                offer,
            )
            for offer in inst.offers_of_want[want]
        )
        for price, alone_shipping, offer in candidates:
            take = min(count, self.room(offer))
            if take == 0:
                continue
            self.items += take * price
            self.shipping += take * alone_shipping
            self.taken[offer] += take
            self.sellers.add(inst.offer_seller[offer])
            count -= take
            if count == 0:
                return

    def baseline(self, name: str, plan_total: int) -> Baseline:
        total = self.items + self.shipping
        return Baseline(
            name=name,
            total=cents_to_money(total),
            items_total=cents_to_money(self.items),
            shipping_total=cents_to_money(self.shipping),
            seller_count=len(self.sellers),
            savings=cents_to_money(total - plan_total),
            savings_fraction=round((total - plan_total) / total, 6) if total > 0 else 0.0,
        )


def _cheapest_each(instance: Instance, basket: Mapping[int, int]) -> _Purchase:
    purchase = _Purchase(instance)
    for want, count in basket.items():
        purchase.buy_alone(want, count)
    return purchase


def _most_wants_first(instance: Instance, basket: Mapping[int, int]) -> _Purchase:
    purchase = _Purchase(instance)
    needed = {want: count for want, count in basket.items() if count > 0}
    offers_at: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for want in needed:
        for offer in instance.offers_of_want[want]:
            offers_at[instance.offer_seller[offer]][want].append(offer)
    sellers_of_want: dict[int, list[int]] = defaultdict(list)
    for seller, wants in offers_at.items():
        for want in wants:
            sellers_of_want[want].append(seller)
    # How many still-missing records each seller holds, kept current as records get bought.
    holding = {seller: len(wants) for seller, wants in offers_at.items()}
    heap = [(-count, instance.sellers[seller].first, seller) for seller, count in holding.items()]
    heapq.heapify(heap)
    while heap and needed:
        negative_count, _, seller = heapq.heappop(heap)
        if holding.get(seller) != -negative_count:
            continue  # a stale entry: the seller was re-queued with its current count
        del holding[seller]
        bought = _cheapest_copies(instance, offers_at[seller], needed)
        subtotal = sum(instance.offer_price[offer] * count for offer, count in bought.items())
        rule = instance.sellers[seller]
        if not bought or (rule.min_order is not None and subtotal < rule.min_order):
            continue
        purchase.items += subtotal
        purchase.shipping += rule.shipping(sum(bought.values()), subtotal)
        purchase.sellers.add(seller)
        for offer, units in bought.items():
            purchase.taken[offer] += units
            want = instance.offer_want[offer]
            needed[want] -= units
            if needed[want] > 0:
                continue
            del needed[want]
            for other in sellers_of_want[want]:
                if other in holding:
                    holding[other] -= 1
                    entry = (-holding[other], instance.sellers[other].first, other)
                    heapq.heappush(heap, entry)
    for want, count in needed.items():
        purchase.buy_alone(want, count)
    return purchase


def _cheapest_copies(
    instance: Instance, offers_by_want: Mapping[int, list[int]], needed: Mapping[int, int]
) -> dict[int, int]:
    bought: dict[int, int] = {}
    for want, offers in offers_by_want.items():
        room = needed.get(want, 0)
        for offer in sorted(offers, key=lambda offer: instance.offer_price[offer]):
            if room == 0:
                break
            take = min(room, instance.offer_cap[offer])
            bought[offer] = take
            room -= take
    return bought
