"""Solving a basket problem: reduce, warm-start, run the MIP, report the plan and baselines."""

from __future__ import annotations

import dataclasses
import time
from collections import defaultdict
from collections.abc import Mapping

from vinyldigger.services.optimizer.baselines import baselines
from vinyldigger.services.optimizer.heuristic import heuristic_plan
from vinyldigger.services.optimizer.instance import Instance, build_instance, evaluate
from vinyldigger.services.optimizer.model import BasketModel, Outcome, RawResult
from vinyldigger.services.optimizer.models import (
    ChosenOffer,
    Parcel,
    PlanItem,
    Problem,
    Solution,
    Status,
    UnfilledReason,
    UnfilledWant,
    cents_to_money,
)
from vinyldigger.services.optimizer.reasons import left_out_reason
from vinyldigger.services.optimizer.reduce import Reduced, reduce_instance


def solve(problem: Problem, max_sellers: int | None = None) -> Solution:
    """The most valuable plan: every required want, and the optional wants worth their cost.

    `max_sellers` overrides the options. Wants left out are listed with the reason; when the
    required wants cannot all be bought within the cap or the budget, the result is infeasible
    and names the required wants that could not be fitted in.
    """
    started = time.perf_counter()
    instance = build_instance(problem, max_sellers)
    deadline = started + instance.time_limit_s
    reduced = reduce_instance(instance)
    if reduced.uncoverable:
        return _infeasible(instance, reduced, started)
    raw = solve_instance(instance, reduced, deadline)
    if raw.outcome is Outcome.INFEASIBLE and (
        instance.max_sellers is not None or instance.budget is not None
    ):
        return _required_left_out(instance, started, deadline)
    return report_plan(instance, raw, started)


def solve_instance(instance: Instance, reduced: Reduced, deadline: float) -> RawResult:
    """Warm-start and run the MIP of a reduced instance until `deadline` (perf_counter)."""
    started = time.perf_counter()
    model = BasketModel(instance, reduced)
    # The warm start may use a fifth of the time; the MIP needs the rest.
    start = heuristic_plan(instance, reduced, deadline=started + (deadline - started) / 5)
    if start is not None:
        model.warm_start(start)
    raw = model.solve(deadline - time.perf_counter())
    if start is not None and raw.outcome in (Outcome.TIME_LIMIT, Outcome.FEASIBLE):
        # Stopped by the time limit: HiGHS may not even have taken the start in, and the start
        # is a valid plan, so report whichever of the two is better.
        start_net = evaluate(instance, start).net
        if raw.outcome is Outcome.TIME_LIMIT or start_net < evaluate(instance, raw.units).net:
            raw = RawResult(Outcome.FEASIBLE, start, float(start_net), raw.bound)
    return raw


def _required_left_out(instance: Instance, started: float, deadline: float) -> Solution:
    """Infeasible under the cap or budget: which required wants cannot be fitted in.

    The same problem is solved with every required want made optional and worth more than any
    plan can cost, so the plan buys as many required units as the cap and budget allow; the
    required wants it leaves out are the ones named.
    """
    priceless = 1 + sum(
        instance.offer_cap[offer]
        * (price + instance.sellers[instance.offer_seller[offer]].worst_added_item_cost())
        for offer, price in enumerate(instance.offer_price)
    )
    relaxed = dataclasses.replace(
        instance,
        want_required=[False] * len(instance.want_ids),
        want_value=[
            priceless if required else value
            for required, value in zip(instance.want_required, instance.want_value, strict=True)
        ],
    )
    raw = solve_instance(relaxed, reduce_instance(relaxed), deadline)
    limits = _limits(instance)
    if not raw.units and raw.outcome is not Outcome.OPTIMAL:
        return _empty(
            instance,
            Status.INFEASIBLE,
            started,
            (),
            f"no plan buys every required want within {limits}",
        )
    cost = evaluate(instance, raw.units)
    bought = _bought(instance, raw.units)
    unfilled = tuple(
        UnfilledWant(
            want_id=instance.want_ids[want],
            missing=instance.want_quantity[want] - bought.get(want, 0),
            required=True,
            reason=left_out_reason(instance, raw.units, cost, want),
        )
        for want in range(len(instance.want_ids))
        if instance.want_required[want] and bought.get(want, 0) < instance.want_quantity[want]
    )
    names = ", ".join(item.want_id for item in unfilled)
    return _empty(
        instance,
        Status.INFEASIBLE,
        started,
        unfilled,
        f"no plan buys every required want within {limits}; cannot also buy: {names}",
    )


def _limits(instance: Instance) -> str:
    limits = [
        name
        for name, active in (
            (f"the cap of {instance.max_sellers} sellers", instance.max_sellers is not None),
            ("the budget", instance.budget is not None),
            ("the sellers' minimum orders", any(r.min_order for r in instance.sellers)),
        )
        if active
    ]
    return " and ".join(limits) or "the rules"


def _bought(instance: Instance, units: Mapping[int, int]) -> dict[int, int]:
    basket: dict[int, int] = defaultdict(int)
    for offer, count in units.items():
        basket[instance.offer_want[offer]] += count
    return basket


def _infeasible(instance: Instance, reduced: Reduced, started: float) -> Solution:
    unfilled = []
    for want in reduced.uncoverable:
        available = sum(reduced.cap[offer] for offer in reduced.offers_of_want.get(want, []))
        unfilled.append(
            UnfilledWant(
                want_id=instance.want_ids[want],
                missing=instance.want_quantity[want] - available,
                required=True,
                reason=UnfilledReason.NO_LISTING,
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


def report_plan(
    instance: Instance, raw: RawResult, started: float, *, with_baselines: bool = True
) -> Solution:
    """The plan of a raw MIP result, priced exactly, with the reasons for what it leaves out
    (and the baselines, unless `with_baselines` is False)."""
    if raw.outcome is Outcome.INFEASIBLE:
        return _empty(
            instance,
            Status.INFEASIBLE,
            started,
            (),
            f"no plan buys every required want within {_limits(instance)}",
        )
    if raw.outcome is Outcome.TIME_LIMIT:
        return _empty(
            instance, Status.TIME_LIMIT, started, (), "no plan found within the time limit"
        )
    cost = evaluate(instance, raw.units)
    if cost.violations:
        raise RuntimeError(f"solver plan breaks the rules: {', '.join(cost.violations)}")
    basket = _bought(instance, raw.units)
    unfilled = tuple(
        UnfilledWant(
            want_id=want_id,
            missing=instance.want_quantity[want] - basket.get(want, 0),
            required=instance.want_required[want],
            reason=left_out_reason(instance, raw.units, cost, want),
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
        baselines=tuple(baselines(instance, basket, cost.total)) if with_baselines else (),
        message=_partial_message(unfilled),
        complete=not unfilled,
    )


def _partial_message(unfilled: tuple[UnfilledWant, ...]) -> str | None:
    if not unfilled:
        return None
    counts: dict[str, int] = {}
    for item in unfilled:
        reason = (item.reason or UnfilledReason.NO_LISTING).value.replace("_", " ")
        counts[reason] = counts.get(reason, 0) + 1
    details = ", ".join(f"{count} {reason}" for reason, count in counts.items())
    return f"partial plan: {len(unfilled)} wants left out ({details})"


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
