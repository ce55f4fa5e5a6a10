"""The buyer's choices against brute force: a seller cap that plans the most valuable part of the
list, a budget, required wants, and the reasons given for every want left out."""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

from vinyldigger.services.optimizer import Status, UnfilledReason, load_problem, solve

from .enumeration import cents, enumerate_best, evaluate
from .random_problems import random_problem

SEEDS = 300


def _choices(seed: int) -> dict[str, Any]:
    """A random problem where most wants are optional (valued like a max price delivered), some
    required, with a seller cap, a budget or both."""
    rng = random.Random(seed * 7919)
    problem = random_problem(seed)
    wants = []
    for want in problem["wants"]:
        if rng.random() < 0.7:
            wants.append({**want, "required": False, "value": f"{rng.randint(8, 30)}.00"})
        else:
            wants.append(
                {key: value for key, value in want.items() if key != "value"} | {"required": True}
            )
    options: dict[str, Any] = {}
    kind = seed % 3
    if kind in (0, 2):
        options["max_sellers"] = rng.randint(1, 2)
    if kind in (1, 2):
        options["budget"] = f"{rng.randint(10, 60)}.00"
    return {**problem, "wants": wants, "options": options}


def test_capped_and_budgeted_plans_are_the_most_valuable_possible() -> None:
    seen: Counter[str] = Counter()
    for seed in range(SEEDS):
        problem = _choices(seed)
        expected = enumerate_best(problem)
        solution = solve(load_problem(problem))
        if expected is None:
            assert solution.status is Status.INFEASIBLE, f"seed {seed}"
            seen["infeasible"] += 1
            continue
        assert solution.status is Status.OPTIMAL, f"seed {seed}: {solution.message}"
        units = {choice.offer_id: choice.quantity for choice in solution.chosen_offers}
        outcome = evaluate(problem, units)
        assert outcome is not None, f"seed {seed}: plan breaks a rule"
        assert outcome.net == expected[0].net, f"seed {seed}"
        bought = Counter[str]()
        offers = {offer["id"]: offer for offer in problem["offers"]}
        for offer_id, count in units.items():
            bought[offers[offer_id]["want_id"]] += count
        left_out = {
            want["id"] for want in problem["wants"] if bought[want["id"]] < want.get("quantity", 1)
        }
        assert {item.want_id for item in solution.unfilled_wants} == left_out
        assert solution.complete is (not left_out)
        allowed = {UnfilledReason.NO_LISTING, UnfilledReason.ABOVE_MAX_PRICE}
        if "max_sellers" in problem["options"]:
            allowed.add(UnfilledReason.EXCLUDED_BY_CAP)
        if "budget" in problem["options"]:
            allowed.add(UnfilledReason.OVER_BUDGET)
        for item in solution.unfilled_wants:
            assert item.reason in allowed, f"seed {seed}: {item}"
            seen[item.reason.value] += 1
        seen["partial"] += not solution.complete
        seen["complete"] += solution.complete
    for situation in ("partial", "complete", "excluded_by_cap", "over_budget", "above_max_price"):
        assert seen[situation] >= 10, f"only {seen[situation]} with {situation}: {seen}"


def _fewest_required_units_missing(problem: dict[str, Any]) -> int:
    """By brute force: the fewest required units a plan within the cap and budget must leave out."""
    wants = problem["wants"]
    required = [want for want in wants if want.get("required", True)]
    big = 10**6
    relaxed = {
        **problem,
        "wants": [
            {
                **want,
                "required": False,
                "value": str(big) if want.get("required", True) else want["value"],
            }
            for want in wants
        ],
    }
    best = enumerate_best(relaxed)
    assert best is not None
    offers = {offer["id"]: offer for offer in problem["offers"]}
    bought = Counter[str]()
    for offer_id, count in best[1].items():
        bought[offers[offer_id]["want_id"]] += count
    return sum(want.get("quantity", 1) - bought[want["id"]] for want in required)


def test_infeasible_plans_name_the_required_wants_that_do_not_fit() -> None:
    named = 0
    for seed in range(SEEDS):
        problem = _choices(seed)
        if enumerate_best(problem) is not None:
            continue
        solution = solve(load_problem(problem))
        assert solution.status is Status.INFEASIBLE
        assert solution.total is None and not solution.complete
        assert solution.message is not None
        if not solution.unfilled_wants:
            continue
        assert all(item.required for item in solution.unfilled_wants)
        for item in solution.unfilled_wants:
            assert item.want_id in solution.message
            assert item.reason in (
                UnfilledReason.NO_LISTING,
                UnfilledReason.EXCLUDED_BY_CAP,
                UnfilledReason.OVER_BUDGET,
            )
        if all(item.reason is not UnfilledReason.NO_LISTING for item in solution.unfilled_wants):
            # Enough can be bought: what is named is the least the cap and budget force out.
            missing = sum(item.missing for item in solution.unfilled_wants)
            assert missing == _fewest_required_units_missing(problem), f"seed {seed}"
            named += 1
    assert named >= 10


def test_a_cap_leaves_out_the_least_valuable_want() -> None:
    # Two sellers, one record each; only one seller allowed: the plan keeps the record worth
    # more than it costs by the most, and says the other was excluded by the cap.
    problem = {
        "currency": "EUR",
        "wants": [
            {"id": "a", "required": False, "value": "30"},
            {"id": "b", "required": False, "value": "25"},
        ],
        "sellers": [
            {"id": "s1", "shipping": {"first_item": 5, "additional_item": 1}},
            {"id": "s2", "shipping": {"first_item": 5, "additional_item": 1}},
        ],
        "offers": [
            {"id": "o1", "want_id": "a", "seller_id": "s1", "price": 20},
            {"id": "o2", "want_id": "b", "seller_id": "s2", "price": 10},
        ],
        "options": {"max_sellers": 1},
    }
    solution = solve(load_problem(problem))
    assert solution.status is Status.OPTIMAL
    assert [choice.offer_id for choice in solution.chosen_offers] == ["o2"]
    assert not solution.complete
    [left_out] = solution.unfilled_wants
    assert (left_out.want_id, left_out.reason) == ("a", UnfilledReason.EXCLUDED_BY_CAP)
    assert cents(solution.total) == 1500
