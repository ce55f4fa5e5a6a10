"""Two naive ways to buy a basket, to show what the optimizer saves.

Both buy exactly the units the optimal plan buys (the same records, the same quantities), so the
totals compare like for like:

* cheapest_each: every unit at the cheapest price on offer, shipped as if ordered alone (the
  seller's first-item charge, nothing when that one item reaches the free-shipping threshold).
  Offers below their seller's minimum order cannot be ordered alone and are skipped.
* most_wants_first: the seller-grouping habit. Repeatedly pick the seller holding the most
  still-missing records (ties: lower first-item shipping, then input order), buy every missing
  record there at that seller's cheapest copies, and pay that seller's real shipping. A seller
  whose minimum order those records do not reach is passed over.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Mapping

from vinyldigger.services.optimizer.instance import Instance
from vinyldigger.services.optimizer.models import Baseline, UnfilledWant, cents_to_money


def baselines(instance: Instance, basket: Mapping[int, int], plan_total: int) -> list[Baseline]:
    """Both baselines for buying `basket` (units per want index), compared with `plan_total`."""
    return [
        _cheapest_each(instance, basket, plan_total),
        _most_wants_first(instance, basket, plan_total),
    ]


def _result(
    instance: Instance,
    name: str,
    totals: tuple[int, int, int],
    missing: Mapping[int, int],
    plan_total: int,
) -> Baseline:
    items, shipping, sellers = totals
    total = items + shipping
    unfilled = tuple(
        UnfilledWant(
            want_id=instance.want_ids[want], missing=count, required=instance.want_required[want]
        )
        for want, count in sorted(missing.items())
        if count > 0
    )
    return Baseline(
        name=name,
        total=cents_to_money(total),
        items_total=cents_to_money(items),
        shipping_total=cents_to_money(shipping),
        seller_count=sellers,
        unfilled_wants=unfilled,
        savings=cents_to_money(total - plan_total),
        savings_fraction=round((total - plan_total) / total, 6) if total > 0 else 0.0,
    )


def _cheapest_each(instance: Instance, basket: Mapping[int, int], plan_total: int) -> Baseline:
    items = shipping = 0
    sellers: set[int] = set()
    missing: dict[int, int] = {}
    for want, wanted in basket.items():
        needed = wanted
        candidates = []
        for offer in instance.offers_of_want[want]:
            rule = instance.sellers[instance.offer_seller[offer]]
            price = instance.offer_price[offer]
            if rule.min_order is not None and price < rule.min_order:
                continue
            candidates.append((price, rule.shipping(1, price), offer))
        candidates.sort()
        for price, alone_shipping, offer in candidates:
            take = min(needed, instance.offer_cap[offer])
            items += take * price
            shipping += take * alone_shipping
            needed -= take
            if take:
                sellers.add(instance.offer_seller[offer])
            if needed == 0:
                break
        missing[want] = needed
    return _result(instance, "cheapest_each", (items, shipping, len(sellers)), missing, plan_total)


def _most_wants_first(instance: Instance, basket: Mapping[int, int], plan_total: int) -> Baseline:
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
    items = shipping = chosen = 0
    while heap and needed:
        negative_count, _, seller = heapq.heappop(heap)
        if seller not in holding or -negative_count != holding[seller]:
            continue  # a stale entry: the seller was re-queued with its current count
        del holding[seller]
        bought = _buy_at(instance, offers_at[seller], needed)
        subtotal = sum(instance.offer_price[offer] * count for offer, count in bought.items())
        rule = instance.sellers[seller]
        if not bought or (rule.min_order is not None and subtotal < rule.min_order):
            continue
        count = sum(bought.values())
        items += subtotal
        shipping += rule.shipping(count, subtotal)
        chosen += 1
        for offer, units in bought.items():
            want = instance.offer_want[offer]
            needed[want] -= units
            if needed[want] == 0:
                del needed[want]
                for other in sellers_of_want[want]:
                    if other in holding:
                        holding[other] -= 1
                        if holding[other] > 0:
                            entry = (-holding[other], instance.sellers[other].first, other)
                            heapq.heappush(heap, entry)
                        else:
                            del holding[other]
    return _result(instance, "most_wants_first", (items, shipping, chosen), needed, plan_total)


def _buy_at(
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
