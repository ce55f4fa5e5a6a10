"""Shrinking the problem before the MIP, without losing every optimum.

Each rule below removes units that some optimal plan provably does not need. The proofs share one
argument: order units by (price, offer index); from an optimal plan that uses a removed unit, a swap
to a kept unit with a smaller key, or dropping the unit, never raises the cost nor breaks a rule,
and strictly lowers the sum of the plan's unit keys, so repeating it ends in an optimal plan made
of kept units only.

1. Same seller, same want, seller without free-shipping threshold or minimum order: only the
   cheapest `quantity` units can matter (swapping a dearer unit for an unused cheaper one there
   changes nothing but the price). At a seller with a threshold, a dearer copy can pay for itself
   by reaching it, so those are all kept.
2. Optional want, seller without thresholds: a unit priced at or above its value never adds more
   value than it costs.
3. Sellers whose minimum order cannot be reached, and free-shipping thresholds that cannot be
   reached, are dropped.
4. Across sellers (only without a cap on sellers, where a swap may open a new seller): a unit
   priced p at seller s is removed when `quantity` units at other sellers each cost at most
   p - loss(s) even in the worst case: their price plus the most one item can add to their
   seller's shipping (and, at a seller with a minimum order, only units that reach it alone).
   loss(s) bounds what taking the unit away from s can cost: 0 at a seller without a
   threshold; at one with a free-shipping threshold F, the paid shipping of the items left
   after the removal, of which there are at most (F - 1 cent) / (cheapest price there), as
   they no longer reach F. Sellers with a minimum order keep all their units. With a penalty
   per seller used (the frontier's penalised objective), opening a seller costs that much more,
   so it is added to the worst case; closing one only saves it, which the proof does not need.
5. Lone units (with or without a cap, applied last to what the rules above kept): a seller left
   with a single unit ships nothing else, so a plan using that unit u pays exactly
   e(u) = price + shipping of one item + the penalty, and dropping u closes the seller. u is
   removed when `quantity` units at other sellers each cost at most e(u) in the worst case (as
   in rule 4), counting lone units only when their (e, offer index) is smaller than u's. The
   swap closes one seller and opens at most one, so it holds under a cap too; a chain of swaps
   ends because each lowers the number of removed units in the plan or the (e, index) of one.
   Most sellers in a large marketplace hold a single wanted copy, which makes this rule the one
   that shrinks the model most before HiGHS presolve sees it.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from vinyldigger.services.optimizer.instance import Instance, SellerRule


@dataclass(slots=True)
class Reduced:
    # Kept offers and how many units of each may be bought.
    cap: dict[int, int]
    # Sellers with at least one kept offer, with the rules that can still apply to them.
    rules: dict[int, SellerRule]
    offers_of_seller: dict[int, list[int]]
    offers_of_want: dict[int, list[int]]
    # Required wants that no plan can buy fully (not enough units on offer).
    uncoverable: list[int]


def reduce_instance(
    instance: Instance,
    *,
    across_sellers: bool = True,
    seller_penalty: int = 0,
    lone_units: bool = True,
) -> Reduced:
    """The reduced problem; `seller_penalty` (cents) is added to the cost of each seller used,
    as the frontier's penalised solves do (it makes opening a seller dearer in rules 4 and 5).
    `across_sellers` and `lone_units` switch rules 4 and 5."""
    cap = _cheapest_units_per_seller(instance)
    _drop_worthless_optional_units(instance, cap)
    rules = _prune_unreachable(instance, cap)
    if across_sellers and instance.max_sellers is None:
        _drop_dominated_across_sellers(instance, cap, rules, seller_penalty)
        rules = _prune_unreachable(instance, cap)
    if lone_units and _drop_dearer_lone_units(instance, cap, rules, seller_penalty):
        rules = _prune_unreachable(instance, cap)
    offers_of_seller: dict[int, list[int]] = defaultdict(list)
    offers_of_want: dict[int, list[int]] = defaultdict(list)
    for offer in sorted(cap):
        offers_of_seller[instance.offer_seller[offer]].append(offer)
        offers_of_want[instance.offer_want[offer]].append(offer)
    uncoverable = [
        want
        for want, quantity in enumerate(instance.want_quantity)
        if instance.want_required[want]
        and sum(cap[offer] for offer in offers_of_want.get(want, [])) < quantity
    ]
    return Reduced(cap, rules, dict(offers_of_seller), dict(offers_of_want), uncoverable)


def _has_threshold(rule: SellerRule) -> bool:
    return rule.free_over is not None or rule.min_order is not None


def _key(instance: Instance, offer: int) -> tuple[int, int]:
    return instance.offer_price[offer], offer


def _cheapest_units_per_seller(instance: Instance) -> dict[int, int]:
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for offer, seller in enumerate(instance.offer_seller):
        groups[(seller, instance.offer_want[offer])].append(offer)
    cap: dict[int, int] = {}
    for (seller, want), offers in groups.items():
        if _has_threshold(instance.sellers[seller]):
            cap.update((offer, instance.offer_cap[offer]) for offer in offers)
            continue
        still_needed = instance.want_quantity[want]
        for offer in sorted(offers, key=lambda offer: _key(instance, offer)):
            if still_needed == 0:
                break
            take = min(instance.offer_cap[offer], still_needed)
            cap[offer] = take
            still_needed -= take
    return cap


def _drop_worthless_optional_units(instance: Instance, cap: dict[int, int]) -> None:
    for offer in list(cap):
        want = instance.offer_want[offer]
        if instance.want_required[want] or _has_threshold(
            instance.sellers[instance.offer_seller[offer]]
        ):
            continue
        if instance.offer_price[offer] >= instance.want_value[want]:
            del cap[offer]


def _max_items_and_subtotal(
    instance: Instance, offers: list[int], cap: dict[int, int]
) -> tuple[int, int]:
    """The most items, and the largest subtotal, any plan can buy from these offers of a seller."""
    by_want: dict[int, list[int]] = defaultdict(list)
    for offer in offers:
        by_want[instance.offer_want[offer]].append(offer)
    items = subtotal = 0
    for want, want_offers in by_want.items():
        room = instance.want_quantity[want]
        for offer in sorted(want_offers, key=lambda offer: -instance.offer_price[offer]):
            take = min(cap[offer], room)
            items += take
            subtotal += take * instance.offer_price[offer]
            room -= take
    return items, subtotal


def seller_offers(instance: Instance, cap: dict[int, int]) -> dict[int, list[int]]:
    grouped: dict[int, list[int]] = defaultdict(list)
    for offer in cap:
        grouped[instance.offer_seller[offer]].append(offer)
    return grouped


def _prune_unreachable(instance: Instance, cap: dict[int, int]) -> dict[int, SellerRule]:
    rules: dict[int, SellerRule] = {}
    for seller, offers in seller_offers(instance, cap).items():
        rule = instance.sellers[seller]
        max_items, max_subtotal = _max_items_and_subtotal(instance, offers, cap)
        if rule.min_order is not None and max_subtotal < rule.min_order:
            for offer in offers:
                del cap[offer]
            continue
        if rule.free_over is not None and max_subtotal < rule.free_over:
            rule = dataclasses.replace(rule, free_over=None)
        if rule.parcel_size is not None and rule.parcel_size >= max_items:
            rule = dataclasses.replace(rule, parcel_size=None)
        rules[seller] = rule
    return rules


def _worst_case_units(
    instance: Instance, cap: dict[int, int], rules: dict[int, SellerRule], seller_penalty: int
) -> dict[int, list[tuple[int, int, int]]]:
    """Per want, (worst-case cost, price, offer) of one unit of each offer that can be bought on
    its own, cheapest first: its price plus the most one item can add to its seller's shipping
    (and the penalty, should it open the seller)."""
    alternatives: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for offer in cap:
        rule = rules[instance.offer_seller[offer]]
        price = instance.offer_price[offer]
        if rule.min_order is not None and price < rule.min_order:
            continue
        worst = price + rule.worst_added_item_cost() + seller_penalty
        alternatives[instance.offer_want[offer]].append((worst, price, offer))
    for entries in alternatives.values():
        entries.sort()
    return alternatives


def _within(alternatives: list[tuple[int, int, int]], threshold: int) -> Iterator[tuple[int, int]]:
    """(price, offer) of the alternatives that cost at most `threshold` in the worst case."""
    for worst, price, other in alternatives:
        if worst > threshold:
            return
        yield price, other


def _covers(offers: Iterable[int], cap: dict[int, int], needed: int) -> bool:
    """Whether these offers hold `needed` units between them."""
    for other in offers:
        needed -= cap[other]
        if needed <= 0:
            return True
    return False


def _drop_dominated_across_sellers(
    instance: Instance, cap: dict[int, int], rules: dict[int, SellerRule], seller_penalty: int
) -> None:
    loss: dict[int, int] = {}
    for seller, offers in seller_offers(instance, cap).items():
        rule = rules[seller]
        if rule.free_over is None:
            loss[seller] = 0
            continue
        # Taking a unit away only costs anything when it ends free shipping; the items left
        # then total less than the threshold, which caps how many there can be.
        max_items, _ = _max_items_and_subtotal(instance, offers, cap)
        cheapest = min(instance.offer_price[offer] for offer in offers)
        left = max_items - 1
        if cheapest > 0:
            left = min(left, (rule.free_over - 1) // cheapest)
        loss[seller] = rule.paid_shipping(max(left, 0))
    alternatives = _worst_case_units(instance, cap, rules, seller_penalty)
    removable: list[int] = []
    for offer in cap:
        seller = instance.offer_seller[offer]
        if rules[seller].min_order is not None:
            continue
        want = instance.offer_want[offer]
        threshold = instance.offer_price[offer] - loss[seller]
        needed = instance.want_quantity[want]
        key = _key(instance, offer)
        cheaper = (
            other
            for price, other in _within(alternatives.get(want, []), threshold)
            if instance.offer_seller[other] != seller and (price, other) < key
        )
        if _covers(cheaper, cap, needed):
            removable.append(offer)
    for offer in removable:
        del cap[offer]


def _drop_dearer_lone_units(
    instance: Instance, cap: dict[int, int], rules: dict[int, SellerRule], seller_penalty: int
) -> bool:
    """Rule 5; whether it removed anything."""
    lone: dict[int, tuple[int, int]] = {}
    for offers in seller_offers(instance, cap).values():
        if len(offers) == 1 and cap[offers[0]] == 1:
            offer = offers[0]
            price = instance.offer_price[offer]
            rule = rules[instance.offer_seller[offer]]
            lone[offer] = (price + rule.shipping(1, price) + seller_penalty, offer)
    if not lone:
        return False
    alternatives = _worst_case_units(instance, cap, rules, seller_penalty)
    removable = []
    for offer, key in lone.items():
        seller = instance.offer_seller[offer]
        needed = instance.want_quantity[instance.offer_want[offer]]
        cheaper = (
            other
            for _, other in _within(alternatives[instance.offer_want[offer]], key[0])
            if instance.offer_seller[other] != seller and not (other in lone and lone[other] >= key)
        )
        if _covers(cheaper, cap, needed):
            removable.append(offer)
    for offer in removable:
        del cap[offer]
    return bool(removable)
