"""The mixed-integer model of a reduced basket problem, solved with HiGHS.

All coefficients are integer cents, so the optimum is an integer and an absolute gap below one
cent proves optimality. Each seller s has a paid-shipping mode and, when its free-shipping
threshold F can be reached, a free mode; a plan uses at most one of them:

    x_o   units of offer o bought in the paid mode (integer, 0..cap)
    y_s   seller used in the paid mode (binary)
    k_s   parcels in the paid mode (integer; only with a parcel size)
    x'_o  units of offer o bought in the free mode        y'_s  seller used in the free mode

Shipping of n items in k parcels is k*first + (n-k)*additional = (first-additional)*k +
additional*n, which is linear: `additional` goes into each x's cost and `first-additional` onto
k (or y), with no variable for shipping itself. The free mode costs nothing to ship but needs a
subtotal of F*y'; the paid mode is limited to subtotals below F (at or above, the free mode is as
cheap). Splitting the units by mode, instead of one binary switching a big-M shipping cost off,
is what keeps the LP bound tight: a big-M lets a fraction of the switch wipe out the shipping
(2.4% root gap on the 500-want benchmark against 0.4%, and a tenth of the solve time).
Linking rows x_o <= cap_o*y_s, one per offer, give the facility-location LP bound.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

import highspy
import numpy as np

from vinyldigger.services.optimizer.instance import Instance, SellerRule
from vinyldigger.services.optimizer.reduce import Reduced

_INF = highspy.kHighsInf
# A seller with more offers than this links them to its y per want instead of per offer: the
# LP loses a little at that one seller (which is nearly always used anyway), while HiGHS presolve
# no longer compares thousands of columns that share a y (2.5 s -> 0.8 s on a big shop).
LINK_EACH_OFFER_UP_TO = 200
# HiGHS presolve rules this model gains nothing from: probing (bit 15) tries fixing each of
# thousands of binaries that the root LP settles anyway, and the aggregator (bit 12) substitutes
# out columns the cuts then need back. Off, the solve of the 500-want benchmark problems takes a
# fifth less time (4.9 s against 6.1 s over ten of them) and gives the same optima.
PRESOLVE_RULES_OFF = (1 << 15) | (1 << 12)
# highspy's constructor carries no annotations; reach it through Any once, here.
_HIGHS: Any = highspy.Highs
_banner_lock = threading.Lock()
# Whether HiGHS has printed its one-off banner in this process yet.
_banner_state = {"printed": False}


def _new_highs() -> Any:
    """A silent solver; HiGHS prints a banner on stdout when the first one is created."""
    with _banner_lock:
        if _banner_state["printed"]:
            highs = _HIGHS()
        else:
            # Send the one-off banner to stderr: stdout may be carrying JSON.
            sys.stdout.flush()
            saved = os.dup(1)
            try:
                os.dup2(2, 1)
                highs = _HIGHS()
            finally:
                os.dup2(saved, 1)
                os.close(saved)
            _banner_state["printed"] = True
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("presolve_rule_off", PRESOLVE_RULES_OFF)
    return highs


class Outcome(Enum):
    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    TIME_LIMIT = "time_limit"


@dataclass(frozen=True, slots=True)
class RawResult:
    outcome: Outcome
    units: dict[int, int]
    objective: float | None
    # The proven lower bound on the objective (None before HiGHS proved any).
    bound: float | None

    def gap(self, objective: float) -> float | None:
        """Relative distance of `objective` to the bound, as HiGHS defines it."""
        if self.outcome is Outcome.OPTIMAL:
            return 0.0
        if self.bound is None:
            return None
        return round(max(objective - self.bound, 0.0) / max(abs(objective), 1.0), 9)


@dataclass(slots=True)
class _Rows:
    lower: list[float]
    upper: list[float]
    starts: list[int]
    index: list[int]
    value: list[float]

    def add(self, entries: Mapping[int, float], lower: float, upper: float) -> int:
        self.starts.append(len(self.index))
        for column, coefficient in entries.items():
            self.index.append(column)
            self.value.append(coefficient)
        self.lower.append(lower)
        self.upper.append(upper)
        return len(self.lower) - 1


class BasketModel:
    """Built once per reduced problem; the seller cap can be changed between solves."""

    def __init__(self, instance: Instance, reduced: Reduced) -> None:
        self.instance = instance
        self.reduced = reduced
        self._cost: list[float] = []
        self._upper: list[float] = []
        self._integer: list[bool] = []
        # Columns of each offer: one when paying for shipping, a second when shipping is free.
        self.paid_x: dict[int, int] = {}
        self.free_x: dict[int, int] = {}
        self.paid_y: dict[int, int] = {}
        self.free_y: dict[int, int] = {}
        self.k: dict[int, int] = {}
        self._rows = _Rows([], [], [], [], [])
        self._build()
        self.highs = _new_highs()
        self._pass_model()

    def _column(self, cost: float, upper: float, integer: bool) -> int:
        self._cost.append(cost)
        self._upper.append(upper)
        self._integer.append(integer)
        return len(self._cost) - 1

    def _build(self) -> None:
        inst, red = self.instance, self.reduced
        budget_row: dict[int, float] = {}
        for seller, offers in red.offers_of_seller.items():
            self._build_seller(seller, red.rules[seller], offers, budget_row)
        for want, offers in red.offers_of_want.items():
            quantity = inst.want_quantity[want]
            lower = quantity if inst.want_required[want] else 0
            columns = [self.paid_x[offer] for offer in offers]
            columns += [self.free_x[offer] for offer in offers if offer in self.free_x]
            self._rows.add(dict.fromkeys(columns, 1.0), lower, quantity)
        cap = inst.max_sellers
        self.seller_cap_row = self._rows.add(
            dict.fromkeys([*self.paid_y.values(), *self.free_y.values()], 1.0),
            0,
            _INF if cap is None else cap,
        )
        if inst.budget is not None:
            self._rows.add(budget_row, -_INF, inst.budget)

    def _offer_columns(self, offers: list[int], y: int, paid: SellerRule | None) -> dict[int, int]:
        """x columns of these offers in one mode, each linked to the mode's y: x <= cap * y."""
        inst, red = self.instance, self.reduced
        columns = {}
        by_want: dict[int, list[int]] = {}
        for offer in offers:
            want = inst.offer_want[offer]
            value = 0 if inst.want_required[want] else inst.want_value[want]
            additional = 0 if paid is None else paid.additional
            cost = inst.offer_price[offer] + additional - value
            columns[offer] = self._column(cost, red.cap[offer], True)
            by_want.setdefault(want, []).append(offer)
        if len(offers) <= LINK_EACH_OFFER_UP_TO:
            for offer in offers:
                self._rows.add({columns[offer]: 1.0, y: -float(red.cap[offer])}, -_INF, 0)
            return columns
        for want, group in by_want.items():
            bound = min(inst.want_quantity[want], sum(red.cap[offer] for offer in group))
            self._rows.add({**{columns[o]: 1.0 for o in group}, y: -float(bound)}, -_INF, 0)
        return columns

    def _build_seller(
        self, seller: int, rule: SellerRule, offers: list[int], budget_row: dict[int, float]
    ) -> None:
        inst, rows = self.instance, self._rows
        price = inst.offer_price
        fixed = rule.first - rule.additional
        max_items = _max_items(inst, self.reduced, offers)
        y = self.paid_y[seller] = self._column(fixed if rule.parcel_size is None else 0, 1, True)
        paid = self._offer_columns(offers, y, rule)
        self.paid_x.update(paid)
        items = dict.fromkeys(paid.values(), 1.0)
        subtotal = {paid[offer]: float(price[offer]) for offer in offers}
        for offer in offers:
            budget_row[paid[offer]] = price[offer] + rule.additional
        if fixed < 0:
            # A seller charging more for further items than for the first must not be "used"
            # with no items to pocket the difference.
            rows.add({**{column: -1.0 for column in items}, y: 1.0}, -_INF, 0)
        if rule.min_order is not None:
            rows.add({**subtotal, y: -float(rule.min_order)}, 0, _INF)
        parcel_column = y
        if rule.parcel_size is not None:
            size = rule.parcel_size
            max_parcels = -(-max_items // size)
            k = self.k[seller] = self._column(fixed, max_parcels, True)
            parcel_column = k
            rows.add({**items, k: -float(size)}, -_INF, 0)
            rows.add({y: 1.0, k: -1.0}, -_INF, 0)
            rows.add({k: 1.0, y: -float(max_parcels)}, -_INF, 0)
            if fixed < 0:
                rows.add({k: float(size), **{c: -1.0 for c in items}, y: -(size - 1.0)}, -_INF, 0)
        budget_row[parcel_column] = budget_row.get(parcel_column, 0) + fixed
        if rule.free_over is None:
            return
        # Paying for shipping only happens below the threshold: at or above it the free mode is
        # at least as cheap, so the paid mode may be restricted to subtotals under it.
        rows.add({**subtotal, y: -float(rule.free_over - 1)}, -_INF, 0)
        y_free = self.free_y[seller] = self._column(0, 1, True)
        free = self._offer_columns(offers, y_free, None)
        self.free_x.update(free)
        for offer in offers:
            budget_row[free[offer]] = price[offer]
        threshold = max(rule.free_over, rule.min_order or 0)
        rows.add({**{free[o]: float(price[o]) for o in offers}, y_free: -float(threshold)}, 0, _INF)
        rows.add({y: 1.0, y_free: 1.0}, -_INF, 1)

    def _pass_model(self) -> None:
        lp = highspy.HighsLp()
        columns = len(self._cost)
        lp.num_col_ = columns
        lp.num_row_ = len(self._rows.lower)
        self._objective = np.array(self._cost, dtype=np.float64)
        lp.col_cost_ = self._objective
        lp.col_lower_ = np.zeros(columns)
        lp.col_upper_ = np.array(self._upper, dtype=np.float64)
        lp.row_lower_ = np.array(self._rows.lower, dtype=np.float64)
        lp.row_upper_ = np.array(self._rows.upper, dtype=np.float64)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.num_col_ = columns
        lp.a_matrix_.num_row_ = lp.num_row_
        lp.a_matrix_.start_ = np.array([*self._rows.starts, len(self._rows.index)], dtype=np.int32)
        lp.a_matrix_.index_ = np.array(self._rows.index, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(self._rows.value, dtype=np.float64)
        kinds = highspy.HighsVarType
        lp.integrality_ = [kinds.kInteger if flag else kinds.kContinuous for flag in self._integer]
        self.highs.passModel(lp)

    def set_seller_cap(self, cap: int | None) -> None:
        self.highs.changeRowBounds(self.seller_cap_row, 0, _INF if cap is None else cap)

    def set_seller_penalty(self, penalty: float) -> None:
        """Add `penalty` to the objective for each seller used (0 restores the plain cost)."""
        costs = np.array(self._cost, dtype=np.float64)
        for column in [*self.paid_y.values(), *self.free_y.values()]:
            costs[column] += penalty
        self.highs.changeColsCost(len(costs), np.arange(len(costs), dtype=np.int32), costs)
        self._objective = costs

    def warm_start(self, units: Mapping[int, int]) -> None:
        values = np.zeros(len(self._cost))
        inst = self.instance
        by_seller: dict[int, list[int]] = {}
        for offer, count in units.items():
            if count > 0:
                by_seller.setdefault(inst.offer_seller[offer], []).append(offer)
        for seller, offers in by_seller.items():
            rule = self.reduced.rules[seller]
            items = sum(units[offer] for offer in offers)
            subtotal = sum(units[offer] * inst.offer_price[offer] for offer in offers)
            free = rule.free_over is not None and subtotal >= rule.free_over
            x, y = (self.free_x, self.free_y) if free else (self.paid_x, self.paid_y)
            values[y[seller]] = 1
            for offer in offers:
                values[x[offer]] = units[offer]
            if seller in self.k and not free:
                values[self.k[seller]] = rule.parcels(items)
        solution = highspy.HighsSolution()
        solution.col_value = values
        solution.value_valid = True
        self.highs.setSolution(solution)

    def solve(self, time_limit_s: float) -> RawResult:
        started = time.perf_counter()
        highs = self.highs
        highs.setOptionValue("time_limit", float(max(time_limit_s, 0.01)))
        highs.setOptionValue("mip_rel_gap", 0.0)
        highs.setOptionValue("mip_abs_gap", 0.999)
        highs.run()
        if self._returned_start_instead_of_incumbent():
            # HiGHS can report the objective of the start as improved by presolve yet hand back
            # the start itself; solving again without the start returns the true incumbent.
            highs.clearSolver()
            left = time_limit_s - (time.perf_counter() - started)
            highs.setOptionValue("time_limit", float(max(left, 0.01)))
            highs.run()
        return self._result()

    def _returned_start_instead_of_incumbent(self) -> bool:
        if self.highs.getInfo().primal_solution_status != 2:
            return False
        values = np.asarray(self.highs.getSolution().col_value)
        recomputed = float(np.dot(values, self._objective))
        reported = float(self.highs.getInfo().objective_function_value)
        return abs(recomputed - reported) > 0.5

    def _result(self) -> RawResult:
        highs = self.highs
        status = highs.getModelStatus()
        info = highs.getInfo()
        has_solution = info.primal_solution_status == 2
        if status == highspy.HighsModelStatus.kModelEmpty:
            return RawResult(Outcome.OPTIMAL, {}, 0.0, 0.0)
        if status == highspy.HighsModelStatus.kOptimal:
            outcome = Outcome.OPTIMAL
        elif status in (
            highspy.HighsModelStatus.kInfeasible,
            highspy.HighsModelStatus.kUnboundedOrInfeasible,
        ):
            return RawResult(Outcome.INFEASIBLE, {}, None, None)
        elif has_solution:
            outcome = Outcome.FEASIBLE
        else:
            return RawResult(Outcome.TIME_LIMIT, {}, None, None)
        values = highs.getSolution().col_value
        units: dict[int, int] = {}
        for columns in (self.paid_x, self.free_x):
            for offer, column in columns.items():
                if (count := round(values[column])) > 0:
                    units[offer] = units.get(offer, 0) + count
        objective = float(info.objective_function_value)
        bound = float(info.mip_dual_bound)
        return RawResult(outcome, units, objective, bound if np.isfinite(bound) else None)


def _max_items(instance: Instance, reduced: Reduced, offers: list[int]) -> int:
    per_want: dict[int, int] = {}
    for offer in offers:
        want = instance.offer_want[offer]
        per_want[want] = per_want.get(want, 0) + reduced.cap[offer]
    return sum(min(count, instance.want_quantity[want]) for want, count in per_want.items())
