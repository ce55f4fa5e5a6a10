"""A quick feasible plan to warm-start the MIP: greedy construction, then local search.

The construction buys each unit where it adds least to the bill given what is already in the
basket, so it consolidates naturally; the local search then moves single units and closes whole
sellers while that lowers the exact cost. Minimum orders are kept met throughout: a seller with
one is only opened by an item that reaches it alone (or topped up at once when nothing else
sells the record), and no move takes a seller below it. Any plan it returns honours every rule
(checked with `evaluate`), or it returns None and the MIP starts cold.
"""

from __future__ import annotations

import math
import time

from vinyldigger.services.optimizer.instance import Instance, evaluate
from vinyldigger.services.optimizer.reduce import Reduced

_PASSES = 2


class _Basket:
    def __init__(self, instance: Instance, reduced: Reduced) -> None:
        self.inst = instance
        self.red = reduced
        self.units: dict[int, int] = {}
        self.items: dict[int, int] = {}
        self.subtotal: dict[int, int] = {}
        self.bought = [0] * len(instance.want_ids)

    def shipping(self, seller: int, items: int, subtotal: int) -> int:
        return self.red.rules[seller].shipping(items, subtotal)

    def change_cost(self, offer: int, count: int) -> int:
        """What adding `count` (negative: removing) units of the offer does to the total."""
        seller = self.inst.offer_seller[offer]
        items = self.items.get(seller, 0)
        subtotal = self.subtotal.get(seller, 0)
        price = self.inst.offer_price[offer] * count
        after = self.shipping(seller, items + count, subtotal + price)
        return price + after - self.shipping(seller, items, subtotal)

    def room(self, offer: int) -> int:
        return self.red.cap[offer] - self.units.get(offer, 0)

    def apply(self, offer: int, count: int) -> None:
        seller = self.inst.offer_seller[offer]
        self.units[offer] = self.units.get(offer, 0) + count
        if self.units[offer] == 0:
            del self.units[offer]
        self.items[seller] = self.items.get(seller, 0) + count
        self.subtotal[seller] = self.subtotal.get(seller, 0) + count * self.inst.offer_price[offer]
        if self.items[seller] == 0:
            del self.items[seller]
            del self.subtotal[seller]
        self.bought[self.inst.offer_want[offer]] += count

    def best_offer(
        self, want: int, banned: set[int], open_only: bool, below_minimum: bool = False
    ) -> tuple[int, int] | None:
        best: tuple[int, int] | None = None
        for offer in self.red.offers_of_want.get(want, []):
            seller = self.inst.offer_seller[offer]
            if seller in banned or self.room(offer) <= 0:
                continue
            if seller not in self.items:
                minimum = self.red.rules[seller].min_order
                short = minimum is not None and self.inst.offer_price[offer] < minimum
                if open_only or (short and not below_minimum):
                    continue
            cost = self.change_cost(offer, 1)
            if best is None or cost < best[0]:
                best = (cost, offer)
        return best

    def leaves_min_order_unmet(self, seller: int) -> bool:
        minimum = self.red.rules[seller].min_order
        subtotal = self.subtotal.get(seller, 0)
        return minimum is not None and 0 < subtotal < minimum

    def worth_buying(self, want: int, cost: int) -> bool:
        return self.inst.want_required[want] or cost < self.inst.want_value[want]


def _construct(basket: _Basket) -> bool:
    inst = basket.inst
    wants = sorted(basket.red.offers_of_want, key=lambda want: len(basket.red.offers_of_want[want]))
    for want in wants:
        for _ in range(inst.want_quantity[want]):
            best = basket.best_offer(want, set(), open_only=False)
            if best is None and inst.want_required[want]:
                # Only sellers with a minimum order this item does not reach: open one anyway
                # and top it up afterwards.
                best = basket.best_offer(want, set(), open_only=False, below_minimum=True)
            if best is None:
                if inst.want_required[want]:
                    return False
                break
            if not basket.worth_buying(want, best[0]):
                break
            basket.apply(best[1], 1)
    return True


def _move_units(basket: _Basket, open_only: bool = False) -> bool:
    """Move single units to where they cost less (to open sellers only, with `open_only`)."""
    improved = False
    for offer in list(basket.units):
        while basket.units.get(offer, 0) > 0:
            want = basket.inst.offer_want[offer]
            saving = -basket.change_cost(offer, -1)
            basket.apply(offer, -1)
            if basket.leaves_min_order_unmet(basket.inst.offer_seller[offer]):
                basket.apply(offer, 1)
                break
            best = basket.best_offer(want, set(), open_only=open_only)
            required = basket.inst.want_required[want]
            if best is not None and best[0] < saving and best[1] != offer:
                basket.apply(best[1], 1)
                improved = True
            elif not required and saving > basket.inst.want_value[want]:
                improved = True
            else:
                basket.apply(offer, 1)
                break
    return improved


def _close_seller(basket: _Basket, seller: int, force: bool) -> bool:
    """Move the seller's units to other open sellers; keep the change if cheaper (or forced)."""
    moved = [
        (offer, count)
        for offer, count in basket.units.items()
        if basket.inst.offer_seller[offer] == seller
    ]
    # Every change made, undone in reverse when the closing is not kept.
    applied: list[tuple[int, int]] = []
    delta = 0
    for offer, count in moved:
        delta += basket.change_cost(offer, -count)
        basket.apply(offer, -count)
        applied.append((offer, -count))
    feasible = True
    for offer, count in moved:
        want = basket.inst.offer_want[offer]
        for _ in range(count):
            best = basket.best_offer(want, {seller}, open_only=True)
            if best is not None and basket.worth_buying(want, best[0]):
                delta += best[0]
                basket.apply(best[1], 1)
                applied.append((best[1], 1))
            elif basket.inst.want_required[want]:
                feasible = False
            else:
                delta -= basket.inst.want_value[want]
    if feasible and (force or delta < 0):
        return True
    for offer, count in reversed(applied):
        basket.apply(offer, -count)
    return False


def _restore(basket: _Basket, units: dict[int, int]) -> None:
    """Bring the basket back to `units`, touching only the offers that differ."""
    for offer in list(basket.units):
        difference = units.get(offer, 0) - basket.units[offer]
        if difference:
            basket.apply(offer, difference)
    for offer, count in units.items():
        if offer not in basket.units:
            basket.apply(offer, count)


def _top_up(basket: _Basket, seller: int) -> None:
    """Bring units bought elsewhere (or optional ones not bought) to a seller below its minimum."""
    inst = basket.inst
    while basket.leaves_min_order_unmet(seller):
        best: tuple[int, int, int | None] | None = None
        for offer in basket.red.offers_of_seller[seller]:
            if basket.room(offer) <= 0:
                continue
            want = inst.offer_want[offer]
            add = basket.change_cost(offer, 1)
            sources: list[int | None] = [
                other
                for other in basket.red.offers_of_want[want]
                if basket.units.get(other, 0) > 0 and inst.offer_seller[other] != seller
            ]
            if basket.bought[want] < inst.want_quantity[want]:
                sources.append(None)
            for source in sources:
                cost = add if source is None else add + basket.change_cost(source, -1)
                if best is None or cost < best[0]:
                    best = (cost, offer, source)
        if best is None:
            return
        _, offer, source = best
        if source is not None:
            basket.apply(source, -1)
        basket.apply(offer, 1)


def _repair(basket: _Basket) -> None:
    inst = basket.inst
    for seller in list(basket.items):
        _top_up(basket, seller)
    for seller in list(basket.items):
        if basket.leaves_min_order_unmet(seller):
            _close_seller(basket, seller, force=True)
    while inst.max_sellers is not None and len(basket.items) > inst.max_sellers:
        closed = False
        for seller in sorted(basket.items, key=lambda seller: basket.items[seller]):
            if _close_seller(basket, seller, force=True):
                closed = True
                break
        if not closed:
            return
    if inst.budget is None:
        return
    for offer in sorted(basket.units, key=lambda offer: -inst.offer_price[offer]):
        if sum(basket.subtotal.values()) + _shipping_total(basket) <= inst.budget:
            return
        if not inst.want_required[inst.offer_want[offer]]:
            basket.apply(offer, -basket.units[offer])


def _shipping_total(basket: _Basket) -> int:
    return sum(
        basket.shipping(seller, items, basket.subtotal[seller])
        for seller, items in basket.items.items()
    )


def heuristic_plan(
    instance: Instance, reduced: Reduced, deadline: float = math.inf
) -> dict[int, int] | None:
    """A plan honouring every rule of the reduced problem, or None when none was found.

    The local search stops at `deadline` (a `time.perf_counter()` value) so the MIP keeps its time.
    """
    basket = _Basket(instance, reduced)
    if not _construct(basket):
        return None
    for seller in list(basket.items):
        _top_up(basket, seller)
    for _ in range(_PASSES):
        improved = _move_units(basket)
        for seller in sorted(basket.items, key=lambda seller: basket.items.get(seller, 0)):
            if time.perf_counter() > deadline:
                break
            if seller in basket.items and _close_seller(basket, seller, force=False):
                improved = True
        if not improved or time.perf_counter() > deadline:
            break
    _repair(basket)
    plan = dict(basket.units)
    if any(count > reduced.cap.get(offer, 0) for offer, count in plan.items()):
        return None
    return plan if not evaluate(instance, plan).violations else None


# Sellers tried per closing step, fewest items first: closing a big order rarely pays.
_CLOSE_CANDIDATES = 25


def close_cheapest_sellers(
    instance: Instance, reduced: Reduced, units: dict[int, int], cap: int
) -> dict[int, int] | None:
    """From a plan, close sellers one at a time (the one whose closing costs least, its units
    moved to the sellers left open) until at most `cap` remain; None when that fails."""
    basket = _Basket(instance, reduced)
    for offer, count in units.items():
        basket.apply(offer, count)
    while len(basket.items) > cap:
        before = dict(basket.units)
        best: tuple[int, int] | None = None
        candidates = sorted(basket.items, key=lambda seller: basket.items[seller])
        # The smallest orders first; the rest only when none of those can be closed (each
        # holds a record no other open seller has).
        for group in (candidates[:_CLOSE_CANDIDATES], candidates[_CLOSE_CANDIDATES:]):
            for seller in group:
                if _close_seller(basket, seller, force=True):
                    total = sum(basket.subtotal.values()) + _shipping_total(basket)
                    if best is None or total < best[0]:
                        best = (total, seller)
                    _restore(basket, before)
            if best is not None:
                break
        if best is None:
            return None
        _close_seller(basket, best[1], force=True)
    plan = dict(basket.units)
    return plan if not evaluate(instance, plan).violations else None
