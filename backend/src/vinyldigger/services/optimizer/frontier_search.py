"""The search behind the frontier: the cheapest plan with at most k sellers, for every k.

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
   gaps; a plan it finds also serves every larger cap, and its bound every smaller one. The
   capped models (without the cross-seller reduction, which a cap invalidates) are built once:
   between solves only the cap row's bound changes.

HiGHS lets go of the GIL while it solves, so two solves run at once, each on a thread of its own
with its own model: the solve for the fewest sellers beside the caller's unconstrained solve,
then two hull segments or two capped points at a time. On the 2-core machine four 500-want
solves took 1.42 s two at a time against 2.05 s one after the other.
"""

from __future__ import annotations

import heapq
import math
import time
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace

from vinyldigger.services.optimizer.heuristic import close_cheapest_sellers
from vinyldigger.services.optimizer.instance import Instance, evaluate
from vinyldigger.services.optimizer.model import BasketModel, Outcome, RawResult
from vinyldigger.services.optimizer.reduce import reduce_instance
from vinyldigger.services.optimizer.solver import report_plan

PARALLEL_SOLVES = 2
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
# optimum's plan is timed and each point reserved this many times that (one report timed alone
# runs faster than a hundred in a row). HiGHS may also overrun a solve's time limit by a little.
_REPORT_MARGIN = 2.0
_SOLVER_OVERRUN_S = 0.3


@dataclass(slots=True)
class Point:
    units: dict[int, int]
    cost: int
    sellers: int
    proven: bool


def _penalised_solve(instance: Instance, penalty: int, seconds: float) -> RawResult:
    # Without a cap the cross-seller reduction holds again, with the penalty in it. A model of
    # the reduced problem solves in about half the time of the shared model with the removed
    # offers fixed at zero: HiGHS presolve spends most of its time on those. No warm start:
    # given one, HiGHS often hands the start back in place of the better plan it found, and the
    # second run that recovers the plan doubles the time of the solve.
    model = BasketModel(instance, reduce_instance(instance, seller_penalty=penalty))
    model.set_seller_penalty(penalty)
    return model.solve(seconds)


def _capped_solve(model: BasketModel, cap: int, units: dict[int, int], seconds: float) -> RawResult:
    model.set_seller_cap(cap)
    model.warm_start(units)
    return model.solve(seconds)


class FrontierSearch:
    """Built before the unconstrained solve: `start_fewest` runs beside it, `run` after it."""

    def __init__(self, instance: Instance, deadline: float, pool: ThreadPoolExecutor) -> None:
        self.instance = instance
        self.deadline = deadline
        self.pool = pool
        self.offer_index = {offer_id: index for index, offer_id in enumerate(instance.offer_ids)}
        self.reduced = reduce_instance(instance, across_sellers=False)
        # One capped model per thread, built when first needed.
        self.capped_models: list[BasketModel] = []
        self.known: dict[int, Point] = {}
        # (penalty per seller, proven lower bound of cost + penalty * sellers)
        self.bounds: list[tuple[int, float]] = []
        # Proven lower bound of the cost with at most this many sellers, from capped solves.
        self.cap_bounds: dict[int, int] = {}

    def add_bound(self, penalty: int, bound: float) -> None:
        self.bounds.append((penalty, math.ceil(bound - 1e-6)))

    def add(self, units: Mapping[int, int], *, proven: bool) -> Point:
        cost = evaluate(self.instance, units)
        point = Point(dict(units), cost.total, cost.seller_count, proven)
        current = self.known.get(point.sellers)
        if current is None or point.cost < current.cost or (proven and not current.proven):
            self.known[point.sellers] = point
        return point

    def start_fewest(self) -> None:
        """Start the solve for the fewest sellers (it needs no other point) on a thread."""
        # A penalty above any plan's total makes the fewest sellers the first goal.
        inst = self.instance
        worst_item = max(rule.worst_added_item_cost() for rule in inst.sellers)
        self.fewest_penalty = 1 + sum(
            inst.want_quantity[want]
            * (max(inst.offer_price[offer] for offer in offers) + worst_item)
            for want, offers in self.reduced.offers_of_want.items()
        )
        seconds = _PENALISED_SHARE * (self.deadline - time.perf_counter())
        self.fewest: Future[RawResult] = self.pool.submit(
            _penalised_solve, inst, self.fewest_penalty, seconds
        )

    def run(self) -> dict[int, Point]:
        optimum = min(self.known.values(), key=lambda point: (point.cost, point.sellers))
        self.optimum_sellers = optimum.sellers
        self.report_seconds = _REPORT_MARGIN * self._time_one_report(optimum)
        penalised_until = time.perf_counter() + _PENALISED_SHARE * (
            self.deadline - time.perf_counter()
        )
        fewest = self._collect(self.fewest_penalty, self.fewest.result())
        if fewest is not None:
            # Leave time to find a plan for every point (about half a report each) and to
            # report them all.
            points = optimum.sellers - fewest.sellers + 1
            room = self.deadline - 1.5 * self.report_seconds * points - _SOLVER_OVERRUN_S
            self._hull(fewest, optimum, min(penalised_until, room))
        # Without a proven fewest, the closing heuristic goes down as far as it can.
        proven_fewest = fewest.sellers if fewest is not None and fewest.proven else None
        return self._fill(proven_fewest)

    def _collect(self, penalty: int, raw: RawResult) -> Point | None:
        """The point and the bound a penalised solve found."""
        if not raw.units:
            return None
        if raw.bound is not None:
            self.add_bound(penalty, raw.bound)
        return self.add(raw.units, proven=raw.outcome is Outcome.OPTIMAL)

    def _hull(self, left: Point, right: Point, until: float) -> None:
        """Penalised solves between two points of the lower hull (fewer sellers on the left),
        until `until`, two segments at a time. The segment with the largest area under it first
        (sellers apart times cost apart): the points in between can be furthest from its line
        there, which is where the bounds are weakest (at the few-sellers end, where the curve
        is steep)."""
        queue = [(_area(left, right), left.sellers, left, right)]
        while queue and time.perf_counter() < until:
            batch: list[tuple[Point, Point, int]] = []
            while queue and len(batch) < PARALLEL_SOLVES:
                _, _, fewer, more = heapq.heappop(queue)
                if more.sellers - fewer.sellers > 1:
                    penalty = max(
                        0, round((fewer.cost - more.cost) / (more.sellers - fewer.sellers))
                    )
                    batch.append((fewer, more, penalty))
            seconds = max(until - time.perf_counter(), 0.05)
            running = [
                (
                    fewer,
                    more,
                    penalty,
                    self.pool.submit(_penalised_solve, self.instance, penalty, seconds),
                )
                for fewer, more, penalty in batch
            ]
            for fewer, more, penalty, future in running:
                found = self._collect(penalty, future.result())
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

    def _fill(self, fewest: int | None) -> dict[int, Point]:
        """Every cap from the optimum's sellers down to the fewest (when proven; else as far
        down as the closing heuristic finds plans).

        First a plan for each from the closing heuristic (proven when it meets the bound of the
        penalised solves), then, while time is left, the capped MIP on those still unproven.
        """
        lowest = fewest if fewest is not None else 1
        result: dict[int, Point] = {}
        above: Point | None = None
        for cap in range(self.optimum_sellers, lowest - 1, -1):
            point = self._improve(cap, above)
            if point is None:
                break
            result[cap] = above = point
        self._refine(result, self.deadline - self.report_seconds * len(result) - _SOLVER_OVERRUN_S)
        return result

    def _time_one_report(self, point: Point) -> float:
        started = time.perf_counter()
        raw = RawResult(Outcome.FEASIBLE, point.units, float(point.cost), None)
        report_plan(self.instance, raw, started, with_baselines=False)
        return time.perf_counter() - started

    def _refine(self, result: dict[int, Point], finish_by: float) -> None:
        """The capped MIP on unproven points until `finish_by`, the largest gap to the bound
        first, two at a time. A plan it finds also serves every larger cap, and its bound every
        smaller one."""
        tried: set[int] = set()
        while True:
            left = finish_by - time.perf_counter()
            waiting = sorted(
                (cap for cap, point in result.items() if not point.proven and cap not in tried),
                key=lambda cap: (result[cap].cost - self.lower_bound(cap), cap),
                reverse=True,
            )
            if not waiting or left < _MIN_POINT_SECONDS:
                return
            batch = waiting[:PARALLEL_SOLVES]
            seconds = max(left * len(batch) / len(waiting), min(left, _POINT_SECONDS))
            running = []
            for index, cap in enumerate(batch):
                tried.add(cap)
                model = self._capped_model(index)
                units = result[cap].units
                running.append((cap, self.pool.submit(_capped_solve, model, cap, units, seconds)))
            for cap, future in running:
                self._spread(result, cap, self._capped(cap, result[cap], future.result()))

    def _capped_model(self, index: int) -> BasketModel:
        while len(self.capped_models) <= index:
            self.capped_models.append(BasketModel(self.instance, self.reduced))
        return self.capped_models[index]

    def _spread(self, result: dict[int, Point], cap: int, found: Point) -> None:
        for other, point in list(result.items()):
            better = point
            if other == cap:
                better = found
            elif other >= found.sellers and found.cost < point.cost:
                better = replace(found, proven=False)
            result[other] = self._settled(other, better)

    def _improve(self, cap: int, above: Point | None) -> Point | None:
        """A plan for `cap`: the best known one, or the plan of the next larger cap `above`
        with its cheapest sellers closed, whichever costs less; None when neither exists."""
        point = self._best_known(cap)
        if point is not None and point.proven:
            return point
        if above is not None:
            closed = close_cheapest_sellers(self.instance, self.reduced, above.units, cap)
            if closed is not None:
                candidate = self.add(closed, proven=False)
                if point is None or candidate.cost < point.cost:
                    point = candidate
        return None if point is None else self._settled(cap, point)

    def _settled(self, cap: int, point: Point) -> Point:
        """`point` as the plan for `cap`, proven when it meets the best bound for `cap`."""
        if not point.proven and point.cost <= self.lower_bound(cap):
            return replace(point, proven=True)
        return point

    def _capped(self, cap: int, point: Point, raw: RawResult) -> Point:
        """The point for `cap` after a capped solve starting from `point` returned `raw`."""
        proven = raw.outcome is Outcome.OPTIMAL
        if raw.bound is not None:
            bound = math.ceil(raw.bound - 1e-6)
            self.cap_bounds[cap] = max(self.cap_bounds.get(cap, 0), bound)
        if raw.units:
            solved = self.add(raw.units, proven=proven)
            if solved.cost <= point.cost:
                return solved
        # HiGHS may have proved the start optimal.
        return replace(point, proven=True) if proven else point

    def _best_known(self, cap: int) -> Point | None:
        """The cheapest known plan with at most `cap` sellers; proven if proven for its count
        and no count between it and `cap` could do better (every known count is a true optimum).
        """
        candidates = [point for sellers, point in self.known.items() if sellers <= cap]
        if not candidates:
            return None
        best = min(candidates, key=lambda point: (point.cost, point.sellers))
        if best.proven and best.cost <= self.lower_bound(cap):
            return best
        return replace(best, proven=False)


def _area(fewer: Point, more: Point) -> int:
    """Minus the area of the hull segment's box, for the priority queue."""
    return -(more.sellers - fewer.sellers) * max(fewer.cost - more.cost, 0)
