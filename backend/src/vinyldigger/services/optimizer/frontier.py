"""The cost of the whole want list against the number of sellers, from the fewest to the optimum.

Every want counts as required.

1. Penalised solves. Minimising `cost + p * sellers` for a penalty p >= 0 (integer cents per
   seller) has no cap row at all, and the cross-seller reduction holds for it (with p added to
   the cost of opening a seller), so each is a model of its own reduced problem, about as quick
   as the plain solve. If its optimum uses j sellers at cost c, no plan with at most j sellers
   costs less than c (it would beat the optimum by at least p * (j - j')), so that plan is the
   exact point j. A huge penalty gives the fewest sellers (and the cheapest plan among those);
   the others come from the classic search for the lower convex hull of the frontier: between
   two known points the penalty equal to the slope either finds a point below the line or
   proves there is none (the segment with the most area under it first). Each solve's proven
   bound L also bounds every point: cost(k) >= L - p * k.
2. The points in between. Each starts from the next larger point's plan with its cheapest
   sellers closed (local moves to the sellers left open). When that plan is within a cent of
   the best bound it is proven optimal.
3. While time is left, the capped model runs on the unproven points, the largest gap to its
   bound first, from the point's plan. At 500 wants it proves a point in about 0.9 s (HiGHS
   settles it at the root), so within a 15 s limit it reaches the few points with the largest
   gaps; a plan it finds also serves every larger cap, and its bound every smaller one. One
   capped model (without the cross-seller reduction, which a cap invalidates) serves every
   point: between solves only the cap row's bound changes.

The knee is the fewest sellers k after which every further seller saves less than
`knee_fraction` (default 0.2%) of the unconstrained optimum's total.
"""

from __future__ import annotations

import heapq
import math
import time
from collections.abc import Mapping
from dataclasses import dataclass

from vinyldigger.services.optimizer.heuristic import close_cheapest_sellers
from vinyldigger.services.optimizer.instance import Instance, build_instance, evaluate
from vinyldigger.services.optimizer.model import BasketModel, Outcome, RawResult
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

# Share of the time limit for the penalised solves; the points in between get the rest. Each
# penalised solve bounds every point at once, a capped one only its own: on the 500-want
# benchmark 0.7 left a third of the mean gap that 0.5 left.
_PENALISED_SHARE = 0.7
# Below this, a capped MIP is not worth starting for a point.
_MIN_POINT_SECONDS = 0.02
# A capped MIP gets the time left shared among the points waiting for one, but at least this:
# less rarely gets it past HiGHS presolve and the root of a 500-want problem.
_POINT_SECONDS = 1.5
# The search stops early enough for every point to be reported (its parcels and items as the
# output models: 8 ms at 500 wants, 15 ms at 1,000) within the time limit: reporting the
# optimum's plan is timed and each point reserved this many times that. HiGHS may also overrun
# a solve's time limit by a little.
_REPORT_MARGIN = 1.3
_SOLVER_OVERRUN_S = 0.3


@dataclass(slots=True)
class _Point:
    units: dict[int, int]
    cost: int
    sellers: int
    proven: bool


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
    deadline = started + (time_limit_s or whole.options.time_limit_s)
    unconstrained = solve(whole)
    points: tuple[FrontierPoint, ...] = ()
    knee = None
    if unconstrained.status in (Status.OPTIMAL, Status.FEASIBLE):
        search = _Search(build_instance(whole), deadline)
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


class _Search:
    def __init__(self, instance: Instance, deadline: float) -> None:
        self.instance = instance
        self.deadline = deadline
        self.offer_index = {offer_id: index for index, offer_id in enumerate(instance.offer_ids)}
        self.reduced = reduce_instance(instance, across_sellers=False)
        self.model = BasketModel(instance, self.reduced)
        self.known: dict[int, _Point] = {}
        # (penalty per seller, proven lower bound of cost + penalty * sellers)
        self.bounds: list[tuple[int, float]] = []
        # Proven lower bound of the cost with at most this many sellers, from capped solves.
        self.cap_bounds: dict[int, int] = {}

    def add_bound(self, penalty: int, bound: float) -> None:
        self.bounds.append((penalty, math.ceil(bound - 1e-6)))

    def add(self, units: Mapping[int, int], *, proven: bool) -> _Point:
        cost = evaluate(self.instance, units)
        point = _Point(dict(units), cost.total, cost.seller_count, proven)
        current = self.known.get(point.sellers)
        if current is None or point.cost < current.cost or (proven and not current.proven):
            self.known[point.sellers] = point
        return point

    def run(self) -> dict[int, _Point]:
        optimum = min(self.known.values(), key=lambda point: (point.cost, point.sellers))
        self.optimum_sellers = optimum.sellers
        self.report_seconds = _REPORT_MARGIN * self._time_one_report(optimum)
        penalised_until = time.perf_counter() + _PENALISED_SHARE * (
            self.deadline - time.perf_counter()
        )
        # A penalty above any plan's total makes the fewest sellers the first goal.
        inst = self.instance
        worst_item = max(rule.worst_added_item_cost() for rule in inst.sellers)
        huge = 1 + sum(
            inst.want_quantity[want]
            * (max(inst.offer_price[offer] for offer in offers) + worst_item)
            for want, offers in self.reduced.offers_of_want.items()
        )
        fewest = None
        if time.perf_counter() < penalised_until:
            fewest = self._penalised(huge, penalised_until)
        if fewest is not None:
            # Leave time to find a plan for every point (about half a report each) and to
            # report them all.
            points = optimum.sellers - fewest.sellers + 1
            room = self.deadline - 1.5 * self.report_seconds * points - _SOLVER_OVERRUN_S
            self._hull(fewest, optimum, min(penalised_until, room))
        # Without a proven fewest, the closing heuristic goes down as far as it can.
        proven_fewest = fewest.sellers if fewest is not None and fewest.proven else None
        return self._fill(proven_fewest)

    def _penalised(self, penalty: int, until: float) -> _Point | None:
        # Without a cap the cross-seller reduction holds again, with the penalty in it. A model
        # of the reduced problem solves in about half the time of the shared model with the
        # removed offers fixed at zero: HiGHS presolve spends most of its time on those.
        reduced = reduce_instance(self.instance, seller_penalty=penalty)
        model = BasketModel(self.instance, reduced)
        model.set_seller_penalty(penalty)
        # No warm start: given one, HiGHS often hands the start back in place of the better plan
        # it found, and the second run that recovers the plan doubles the time of the solve.
        raw = model.solve(max(until - time.perf_counter(), 0.05))
        if not raw.units:
            return None
        proven = raw.outcome is Outcome.OPTIMAL
        if raw.bound is not None:
            self.add_bound(penalty, raw.bound)
        return self.add(raw.units, proven=proven)

    def _hull(self, left: _Point, right: _Point, until: float) -> None:
        """Penalised solves between two points of the lower hull (fewer sellers on the left),
        until `until`. The segment with the largest area under it first (sellers apart times
        cost apart): the points in between can be furthest from its line there, which is
        where the bounds are weakest (at the few-sellers end, where the curve is steep)."""
        queue = [(_area(left, right), left.sellers, left, right)]
        while queue and time.perf_counter() < until:
            _, _, fewer, more = heapq.heappop(queue)
            if more.sellers - fewer.sellers <= 1:
                continue
            penalty = max(0, round((fewer.cost - more.cost) / (more.sellers - fewer.sellers)))
            found = self._penalised(penalty, until)
            if found is None:
                continue
            line = fewer.cost + penalty * fewer.sellers
            below = found.cost + penalty * found.sellers < line
            if below and fewer.sellers < found.sellers < more.sellers:
                heapq.heappush(queue, (_area(fewer, found), fewer.sellers, fewer, found))
                heapq.heappush(queue, (_area(found, more), found.sellers, found, more))

    def lower_bound(self, sellers: int) -> int:
        """The best proven bound on the cost with at most `sellers` sellers: from every
        penalised solve, and from each capped solve with as many sellers or more (a smaller cap
        never costs less)."""
        best = 0
        for penalty, bound in self.bounds:
            best = max(best, int(bound) - penalty * sellers)
        for cap, bound in self.cap_bounds.items():
            if cap >= sellers:
                best = max(best, bound)
        return best

    def _fill(self, fewest: int | None) -> dict[int, _Point]:
        """Every cap from the optimum's sellers down to the fewest (when proven; else as far
        down as the closing heuristic finds plans).

        First a plan for each from the closing heuristic (proven when it meets the bound of the
        penalised solves), then, while time is left, the capped MIP on those still unproven.
        """
        lowest = fewest if fewest is not None else 1
        result: dict[int, _Point] = {}
        above: _Point | None = None
        for cap in range(self.optimum_sellers, lowest - 1, -1):
            point = self._improve(cap, None, above)
            if point is None:
                break
            result[cap] = above = point
        if not result:
            return result
        self._refine(result, self.deadline - self.report_seconds * len(result) - _SOLVER_OVERRUN_S)
        self.model.set_seller_cap(None)
        return result

    def _time_one_report(self, point: _Point) -> float:
        started = time.perf_counter()
        raw = RawResult(Outcome.FEASIBLE, point.units, float(point.cost), None)
        report_plan(self.instance, raw, started, with_baselines=False)
        return time.perf_counter() - started

    def _refine(self, result: dict[int, _Point], finish_by: float) -> None:
        """The capped MIP on unproven points until `finish_by`, the largest gap to the bound
        first. A plan it finds also serves every larger cap, and its bound every smaller one."""
        tried: set[int] = set()
        while True:
            left = finish_by - time.perf_counter()
            unproven = [cap for cap, point in result.items() if not point.proven]
            waiting = [cap for cap in unproven if cap not in tried]
            if not waiting or left < _MIN_POINT_SECONDS:
                return
            cap = max(waiting, key=lambda cap: (result[cap].cost - self.lower_bound(cap), cap))
            tried.add(cap)
            seconds = max(left / len(waiting), min(left, _POINT_SECONDS))
            found = self._capped(cap, result[cap], seconds)
            for other, point in list(result.items()):
                better = point
                if other == cap:
                    better = found
                elif other >= found.sellers and found.cost < point.cost:
                    better = _Point(found.units, found.cost, found.sellers, proven=False)
                if not better.proven and better.cost <= self.lower_bound(other):
                    better = _Point(better.units, better.cost, better.sellers, proven=True)
                result[other] = better

    def _improve(self, cap: int, point: _Point | None, above: _Point | None) -> _Point | None:
        best = self._best_known(cap)
        if best is None:
            if above is None:
                return None
            closed = close_cheapest_sellers(self.instance, self.reduced, above.units, cap)
            if closed is None:
                return None
            best = self.add(closed, proven=False)
            best = _Point(best.units, best.cost, best.sellers, proven=False)
        if point is None or best.cost < point.cost or best.proven:
            point = best
        if above is not None and not point.proven:
            closed = close_cheapest_sellers(self.instance, self.reduced, above.units, cap)
            if closed is not None:
                candidate = self.add(closed, proven=False)
                if candidate.cost < point.cost:
                    point = _Point(candidate.units, candidate.cost, candidate.sellers, False)
        if not point.proven and point.cost <= self.lower_bound(cap):
            point = _Point(point.units, point.cost, point.sellers, proven=True)
        return point

    def _capped(self, cap: int, point: _Point, seconds: float) -> _Point:
        self.model.set_seller_cap(cap)
        self.model.warm_start(point.units)
        raw = self.model.solve(seconds)
        proven = raw.outcome is Outcome.OPTIMAL
        if raw.bound is not None:
            bound = math.ceil(raw.bound - 1e-6)
            self.cap_bounds[cap] = max(self.cap_bounds.get(cap, 0), bound)
        if raw.units:
            solved = self.add(raw.units, proven=proven)
            if solved.cost <= point.cost:
                return _Point(solved.units, solved.cost, solved.sellers, proven)
        if proven:
            # HiGHS proved the start optimal.
            return _Point(point.units, point.cost, point.sellers, True)
        return point

    def _best_known(self, cap: int) -> _Point | None:
        """The cheapest known plan with at most `cap` sellers; proven if proven for its count
        and no count between it and `cap` could do better (every known count is a true optimum).
        """
        candidates = [point for sellers, point in self.known.items() if sellers <= cap]
        if not candidates:
            return None
        best = min(candidates, key=lambda point: (point.cost, point.sellers))
        if best.proven and best.cost <= self.lower_bound(cap):
            return best
        return _Point(best.units, best.cost, best.sellers, proven=False)


def _area(fewer: _Point, more: _Point) -> int:
    """Minus the area of the hull segment's box, for the priority queue."""
    return -(more.sellers - fewer.sellers) * max(fewer.cost - more.cost, 0)


def _points(
    search: _Search, solutions: dict[int, _Point], knee_fraction: float
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
