"""Rule 5 of the reduction (a seller left with one unit) against exhaustive enumeration."""

from __future__ import annotations

from collections import Counter

from vinyldigger.services.optimizer import Status, load_problem, solve
from vinyldigger.services.optimizer.instance import build_instance
from vinyldigger.services.optimizer.reduce import reduce_instance

from .enumeration import enumerate_best, evaluate
from .random_problems import random_lone_seller_problem

INSTANCES = 300


def _lone_units_removed(problem: dict[str, object]) -> int:
    """Units rule 5 removes: the reduction with it against the same reduction without it."""
    instance = build_instance(load_problem(problem))
    with_rule = reduce_instance(instance)
    before = reduce_instance(instance, lone_units=False)
    return sum(before.cap.values()) - sum(with_rule.cap.values())


def test_reduction_with_lone_units_keeps_an_optimum() -> None:
    seen: Counter[str] = Counter()
    for seed in range(INSTANCES):
        problem = random_lone_seller_problem(seed)
        expected = enumerate_best(problem)
        solution = solve(load_problem(problem))
        if expected is None:
            assert solution.status is Status.INFEASIBLE, f"seed {seed}: {solution.status}"
            continue
        assert solution.status is Status.OPTIMAL, f"seed {seed}: {solution.message}"
        units = {choice.offer_id: choice.quantity for choice in solution.chosen_offers}
        outcome = evaluate(problem, units)
        assert outcome is not None, f"seed {seed}: the plan breaks a rule: {units}"
        assert abs(outcome.net - expected[0].net) <= 1, f"seed {seed}"
        removed = _lone_units_removed(problem)
        options = problem.get("options", {})
        seen["lone units removed"] += removed > 0
        seen["removed under a seller cap"] += removed > 0 and "max_sellers" in options
        seen["removed under a budget"] += removed > 0 and "budget" in options
        seen["lone seller in optimum"] += any(
            parcel.seller_id.startswith("lone") for parcel in solution.parcels
        )
    for situation, least in (
        ("lone units removed", 100),
        ("removed under a seller cap", 15),
        ("removed under a budget", 15),
        ("lone seller in optimum", 100),
    ):
        assert seen[situation] >= least, f"only {seen[situation]} problems with {situation}"
