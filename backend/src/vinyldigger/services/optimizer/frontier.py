"""The cost of the whole want list against the number of sellers, from the fewest to the optimum.

Every want counts as required. `frontier_search` finds the points; this module sets the problem
up, runs the search beside the unconstrained solve, marks the knee and reports every point.

The knee is the fewest sellers k after which every further seller saves less than
`knee_fraction` (default 0.2%) of the unconstrained optimum's total.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

from vinyldigger.services.optimizer.frontier_search import PARALLEL_SOLVES, FrontierSearch, Point
from vinyldigger.services.optimizer.instance import build_instance
from vinyldigger.services.optimizer.model import Outcome, RawResult
from vinyldigger.services.optimizer.models import (
    Frontier,
    FrontierPoint,
    Options,
    Problem,
    Solution,
    Status,
    UnfilledReason,
    UnfilledWant,
    cents_to_money,
)
from vinyldigger.services.optimizer.reduce import reduce_instance
from vinyldigger.services.optimizer.solver import report_plan, solve


def frontier(
    problem: Problem, *, knee_fraction: float = 0.002, time_limit_s: float | None = None
) -> Frontier:
    """The cheapest plan buying every want for each seller cap, fewest sellers to the optimum.

    Every want counts as required; the budget and the cap of the options are ignored. Wants not
    enough units are offered of are left out (listed in `uncovered`). `time_limit_s` (default:
    the options' `time_limit_s`) bounds the whole frontier; points not proven in it say so.
    """
    started = time.perf_counter()
    whole, uncovered = _whole_list(problem)
    if whole is None:
        empty = solve(problem.model_copy(update={"options": _plain_options(problem)}))
        return Frontier(
            currency=problem.currency,
            points=(),
            unconstrained=empty,
            solve_seconds=round(time.perf_counter() - started, 4),
            knee_fraction=knee_fraction,
            uncovered=uncovered,
        )
    limit = time_limit_s or whole.options.time_limit_s
    deadline = started + limit
    # The unconstrained solve is part of the frontier, so it gets no more than the whole.
    whole = whole.model_copy(
        update={"options": whole.options.model_copy(update={"time_limit_s": limit})}
    )
    points: tuple[FrontierPoint, ...] = ()
    knee = None
    with ThreadPoolExecutor(PARALLEL_SOLVES, thread_name_prefix="frontier") as pool:
        search = FrontierSearch(build_instance(whole), deadline, pool)
        search.start_fewest()
        unconstrained = solve(whole)
        if unconstrained.status in (Status.OPTIMAL, Status.FEASIBLE):
            optimum_units = {
                search.offer_index[choice.offer_id]: choice.quantity
                for choice in unconstrained.chosen_offers
            }
            optimum = search.add(optimum_units, proven=unconstrained.status is Status.OPTIMAL)
            if optimum.proven:
                search.add_bound(0, optimum.cost)
            points, knee = _points(search, search.run(), knee_fraction)
    return Frontier(
        currency=problem.currency,
        points=points,
        unconstrained=unconstrained,
        solve_seconds=round(time.perf_counter() - started, 4),
        knee=knee,
        knee_fraction=knee_fraction,
        uncovered=uncovered,
    )


def _plain_options(problem: Problem) -> Options:
    return problem.options.model_copy(update={"max_sellers": None, "budget": None})


def _whole_list(problem: Problem) -> tuple[Problem | None, tuple[UnfilledWant, ...]]:
    """The problem with every want required, minus the wants that cannot be bought fully."""
    required = problem.model_copy(
        update={
            "wants": tuple(
                want.model_copy(update={"required": True, "value": None}) for want in problem.wants
            ),
            "options": _plain_options(problem),
        }
    )
    instance = build_instance(required)
    reduced = reduce_instance(instance, across_sellers=False)
    offered = [0] * len(instance.want_ids)
    for offer, cap in reduced.cap.items():
        offered[instance.offer_want[offer]] += cap
    uncovered = tuple(
        UnfilledWant(
            want_id=instance.want_ids[want],
            missing=instance.want_quantity[want] - offered[want],
            required=problem.wants[want].required,
            reason=UnfilledReason.NO_LISTING,
        )
        for want in reduced.uncoverable
    )
    missing = {item.want_id for item in uncovered}
    wants = tuple(want for want in required.wants if want.id not in missing)
    if not wants:
        return None, uncovered
    whole = required.model_copy(
        update={
            "wants": wants,
            "offers": tuple(offer for offer in required.offers if offer.want_id not in missing),
        }
    )
    return whole, uncovered


def _points(
    search: FrontierSearch, solutions: dict[int, Point], knee_fraction: float
) -> tuple[tuple[FrontierPoint, ...], int | None]:
    if not solutions:
        return (), None
    instance = search.instance
    caps = sorted(solutions)
    best = solutions[caps[-1]].cost
    threshold = knee_fraction * best
    knee = caps[-1]
    # Walk down from the optimum while each seller fewer costs less than the threshold.
    for cap in reversed(caps[:-1]):
        if solutions[cap].cost - solutions[cap + 1].cost >= threshold:
            break
        knee = cap
    points = []
    for cap in caps:
        point = solutions[cap]
        instance.max_sellers = cap
        bound = max(search.lower_bound(cap), 0)
        outcome = Outcome.OPTIMAL if point.proven else Outcome.FEASIBLE
        raw = RawResult(outcome, point.units, float(point.cost), float(bound))
        # The baselines are the unconstrained plan's story; per point they would cost more
        # than the point itself.
        solution: Solution = report_plan(instance, raw, time.perf_counter(), with_baselines=False)
        extra = point.cost - best
        points.append(
            FrontierPoint(
                max_sellers=cap,
                solution=solution,
                extra_cost=cents_to_money(extra),
                extra_fraction=round(extra / best, 6) if best else 0.0,
                knee=cap == knee,
            )
        )
    instance.max_sellers = None
    return tuple(points), knee
