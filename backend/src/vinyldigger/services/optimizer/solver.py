"""Solving a basket problem: reduce, warm-start, run the MIP, report the plan and baselines."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Mapping

from vinyldigger.services.optimizer.baselines import baselines
from vinyldigger.services.optimizer.heuristic import heuristic_plan
from vinyldigger.services.optimizer.instance import Instance, build_instance, evaluate
from vinyldigger.services.optimizer.model import BasketModel, Outcome, RawResult
from vinyldigger.services.optimizer.models import (
    ChosenOffer,
    Frontier,
    FrontierPoint,
    Options,
    Parcel,
    PlanItem,
    Problem,
    Solution,
    Status,
    UnfilledWant,
    cents_to_money,
)
from vinyldigger.services.optimizer.reduce import Reduced, reduce_instance


def solve(problem: Problem, max_sellers: int | None = None) -> Solution:
    """The cheapest plan (or best value under a budget); `max_sellers` overrides the options."""
    started = time.perf_counter()
    instance = build_instance(problem, max_sellers)
    reduced = reduce_instance(instance)
    if reduced.uncoverable:
        return _infeasible(instance, reduced, started)
    deadline = started + instance.time_limit_s
    model = BasketModel(instance, reduced)
    # The warm start may use a fifth of the time; the MIP needs the rest.
    start = heuristic_plan(instance, reduced, deadline=started + instance.time_limit_s / 5)
    if start is not None:
        model.warm_start(start)
    raw = model.solve(deadline - time.perf_counter())
    if start is not None and raw.outcome in (Outcome.TIME_LIMIT, Outcome.FEASIBLE):
        # Stopped by the time limit: HiGHS may not even have taken the start in, and the start
        # is a valid plan, so report whichever of the two is better.
        start_net = evaluate(instance, start).net
        if raw.outcome is Outcome.TIME_LIMIT or start_net < evaluate(instance, raw.units).net:
            raw = RawResult(Outcome.FEASIBLE, start, float(start_net), raw.bound)
    return _report(instance, raw, started)


def frontier(problem: Problem, *, knee_fraction: float = 0.01) -> Frontier:
    """The cheapest plan for each seller cap, from the fewest sellers that can do it to the optimum.

    Each solve gets the problem's time limit. Points whose plan could not be proven optimal in it
    say so in their status.
    """
    started = time.perf_counter()
    # The frontier runs up to the unconstrained optimum, whatever cap the options set.
    uncapped = problem.model_copy(update={"options": _uncapped(problem)})
    unconstrained = solve(uncapped)
    points: list[FrontierPoint] = []
    if unconstrained.status in (Status.OPTIMAL, Status.FEASIBLE):
        # A cap on sellers disables the reduction across sellers (a swap could open a seller),
        # so the capped model is built once without it and only the cap changes between solves.
        instance = build_instance(uncapped)
        reduced = reduce_instance(instance, across_sellers=False)
        fewest = _fewest_sellers(instance, reduced)
        model = BasketModel(instance, reduced)
        previous: Mapping[int, int] | None = None
        for cap in range(fewest, unconstrained.seller_count):
            step_started = time.perf_counter()
            instance.max_sellers = cap
            model.set_seller_cap(cap)
            if previous is not None:
                model.warm_start(previous)
            raw = model.solve(instance.time_limit_s)
            points.append(
                FrontierPoint(max_sellers=cap, solution=_report(instance, raw, step_started))
            )
            if raw.units:
                previous = raw.units
        points.append(FrontierPoint(max_sellers=unconstrained.seller_count, solution=unconstrained))
    return Frontier(
        currency=problem.currency,
        points=tuple(points),
        unconstrained=unconstrained,
        solve_seconds=round(time.perf_counter() - started, 4),
    )


def _uncapped(problem: Problem) -> Options:
    return problem.options.model_copy(update={"max_sellers": None})


def _fewest_sellers(instance: Instance, reduced: Reduced) -> int:
    """The fewest sellers any plan needs (under the budget and minimum orders), by a MIP."""
    model = BasketModel(instance, reduced)
    model.minimise_sellers()
    raw = model.solve(instance.time_limit_s)
    if not raw.units:
        return 1
    return len({instance.offer_seller[offer] for offer in raw.units})


def _infeasible(instance: Instance, reduced: Reduced, started: float) -> Solution:
    unfilled = []
    for want in reduced.uncoverable:
        available = sum(reduced.cap[offer] for offer in reduced.offers_of_want.get(want, []))
        unfilled.append(
            UnfilledWant(
                want_id=instance.want_ids[want],
                missing=instance.want_quantity[want] - available,
                required=True,
            )
        )
    names = ", ".join(item.want_id for item in unfilled)
    return _empty(
        instance, Status.INFEASIBLE, started, tuple(unfilled), f"not enough on offer for: {names}"
    )


def _empty(
    instance: Instance,
    status: Status,
    started: float,
    unfilled: tuple[UnfilledWant, ...],
    message: str,
) -> Solution:
    return Solution(
        status=status,
        currency=instance.problem.currency,
        total=None,
        items_total=None,
        shipping_total=None,
        value_total=None,
        seller_count=0,
        parcels=(),
        chosen_offers=(),
        unfilled_wants=unfilled,
        gap=None,
        solve_seconds=round(time.perf_counter() - started, 4),
        baselines=(),
        message=message,
    )


def _report(instance: Instance, raw: RawResult, started: float) -> Solution:
    if raw.outcome is Outcome.INFEASIBLE:
        limits = [
            name
            for name, active in (
                ("the seller cap", instance.max_sellers is not None),
                ("the budget", instance.budget is not None),
                ("the sellers' minimum orders", any(r.min_order for r in instance.sellers)),
            )
            if active
        ]
        reason = " and ".join(limits) or "the rules"
        return _empty(
            instance,
            Status.INFEASIBLE,
            started,
            (),
            f"no plan buys every required want within {reason}",
        )
    if raw.outcome is Outcome.TIME_LIMIT:
        return _empty(
            instance, Status.TIME_LIMIT, started, (), "no plan found within the time limit"
        )
    cost = evaluate(instance, raw.units)
    if cost.violations:
        raise RuntimeError(f"solver plan breaks the rules: {', '.join(cost.violations)}")
    basket: dict[int, int] = defaultdict(int)
    for offer, count in raw.units.items():
        basket[instance.offer_want[offer]] += count
    unfilled = tuple(
        UnfilledWant(
            want_id=want_id,
            missing=instance.want_quantity[want] - basket.get(want, 0),
            required=instance.want_required[want],
        )
        for want, want_id in enumerate(instance.want_ids)
        if basket.get(want, 0) < instance.want_quantity[want]
    )
    parcels = _parcels(instance, raw.units)
    status = Status.OPTIMAL if raw.outcome is Outcome.OPTIMAL else Status.FEASIBLE
    return Solution(
        status=status,
        currency=instance.problem.currency,
        total=cents_to_money(cost.total),
        items_total=cents_to_money(cost.items),
        shipping_total=cents_to_money(cost.shipping),
        value_total=cents_to_money(cost.value),
        seller_count=cost.seller_count,
        parcels=parcels,
        chosen_offers=tuple(
            ChosenOffer(offer_id=item.offer_id, quantity=item.quantity)
            for parcel in parcels
            for item in parcel.items
        ),
        unfilled_wants=unfilled,
        gap=raw.gap(float(cost.net)),
        solve_seconds=round(time.perf_counter() - started, 4),
        baselines=tuple(baselines(instance, basket, cost.total)),
    )


def _parcels(instance: Instance, units: Mapping[int, int]) -> tuple[Parcel, ...]:
    by_seller: dict[int, list[int]] = defaultdict(list)
    for offer in sorted(units):
        by_seller[instance.offer_seller[offer]].append(offer)
    parcels = []
    for seller in sorted(by_seller, key=lambda seller: instance.seller_ids[seller]):
        rule = instance.sellers[seller]
        items = tuple(
            PlanItem(
                offer_id=instance.offer_ids[offer],
                want_id=instance.want_ids[instance.offer_want[offer]],
                quantity=units[offer],
                unit_price=cents_to_money(instance.offer_price[offer]),
                line_total=cents_to_money(instance.offer_price[offer] * units[offer]),
            )
            for offer in by_seller[seller]
        )
        count = sum(units[offer] for offer in by_seller[seller])
        subtotal = sum(units[offer] * instance.offer_price[offer] for offer in by_seller[seller])
        shipping = rule.shipping(count, subtotal)
        parcels.append(
            Parcel(
                seller_id=instance.seller_ids[seller],
                items=items,
                item_count=count,
                parcel_count=rule.parcels(count),
                items_total=cents_to_money(subtotal),
                shipping=cents_to_money(shipping),
                free_shipping=rule.free_over is not None and subtotal >= rule.free_over,
                total=cents_to_money(subtotal + shipping),
            )
        )
    return tuple(parcels)
