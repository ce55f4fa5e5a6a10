"""The MIP against exhaustive enumeration on hundreds of small random problems."""

from __future__ import annotations

from collections import Counter
from typing import Any

from vinyldigger.services.optimizer import Status, load_problem, solve

from .enumeration import cents, enumerate_best, evaluate
from .random_problems import random_problem

INSTANCES = 600


def _check(seed: int, problem: dict[str, Any], seen: Counter[str]) -> None:
    expected = enumerate_best(problem)
    solution = solve(load_problem(problem))
    if expected is None:
        assert solution.status is Status.INFEASIBLE, f"seed {seed}: {solution.status}"
        seen["infeasible"] += 1
        return
    assert solution.status is Status.OPTIMAL, f"seed {seed}: {solution.status} {solution.message}"
    units = {choice.offer_id: choice.quantity for choice in solution.chosen_offers}
    outcome = evaluate(problem, units)
    assert outcome is not None, f"seed {seed}: the solver's plan breaks a rule: {units}"
    assert solution.total is not None and solution.value_total is not None
    # The plan's own figures are right, and no plan is better (within a cent).
    assert cents(solution.total) == outcome.cost, f"seed {seed}"
    assert cents(solution.value_total) == outcome.value, f"seed {seed}"
    best, _ = expected
    assert abs(outcome.net - best.net) <= 1, f"seed {seed}: solver {outcome.net}, best {best.net}"
    options = problem.get("options", {})
    plain_rules = "max_sellers" not in options and all(
        "min_order_total" not in seller
        and cents(seller["shipping"]["additional_item"]) <= cents(seller["shipping"]["first_item"])
        for seller in problem["sellers"]
    )
    if plain_rules:
        # Then both baselines are real ways to buy the same basket, never cheaper than the optimum.
        assert all(baseline.savings >= 0 for baseline in solution.baselines), f"seed {seed}"
        seen["baselines checked"] += 1
    seen["free shipping in optimum"] += best.free_shipping_used
    seen["several parcels in optimum"] += best.several_parcels
    seen["optional want left out"] += any(not item.required for item in solution.unfilled_wants)
    seen["optional want bought"] += best.value > 0
    seen["seller cap binding"] += (
        "max_sellers" in options and best.sellers == options["max_sellers"]
    )
    if "budget" in options:
        unlimited = enumerate_best({**problem, "options": {**options, "budget": "1000000"}})
        assert unlimited is not None
        seen["budget binding"] += unlimited[0].cost > cents(options["budget"])
    seen["min order seller used"] += any(
        "min_order_total" in seller
        and any(parcel.seller_id == seller["id"] for parcel in solution.parcels)
        for seller in problem["sellers"]
    )
    seen["several units of a want"] += any(want.get("quantity", 1) > 1 for want in problem["wants"])


def test_solver_matches_enumeration_on_random_problems() -> None:
    seen: Counter[str] = Counter()
    for seed in range(INSTANCES):
        _check(seed, random_problem(seed), seen)
    # The random problems must actually exercise every rule, or the comparison proves little.
    for situation in (
        "infeasible",
        "free shipping in optimum",
        "several parcels in optimum",
        "optional want left out",
        "optional want bought",
        "seller cap binding",
        "budget binding",
        "min order seller used",
        "several units of a want",
        "baselines checked",
    ):
        assert seen[situation] >= 10, f"only {seen[situation]} problems with {situation}: {seen}"
