"""The cost-against-sellers frontier against exhaustive enumeration for every seller cap."""

from __future__ import annotations

from typing import Any

from vinyldigger.services.optimizer import Status, frontier, load_problem

from .enumeration import cents, enumerate_best
from .random_problems import random_problem


def _capped(problem: dict[str, Any], cap: int) -> dict[str, Any]:
    return {**problem, "options": {**problem.get("options", {}), "max_sellers": cap}}


def test_frontier_matches_enumeration_for_every_cap() -> None:
    compared = 0
    longer_than_one = 0
    for seed in range(120):
        given = random_problem(seed)
        options = {k: v for k, v in given.get("options", {}).items() if k != "max_sellers"}
        problem = {**given, "options": options}
        unconstrained = enumerate_best(problem)
        # A cap in the options does not cut the frontier short.
        result = frontier(load_problem(given))
        if unconstrained is None:
            assert result.points == ()
            continue
        caps = [point.max_sellers for point in result.points]
        fewest = caps[0]
        assert enumerate_best(_capped(problem, fewest)) is not None
        if fewest > 1:
            assert enumerate_best(_capped(problem, fewest - 1)) is None, f"seed {seed}"
        assert caps == list(range(fewest, caps[-1] + 1))
        assert caps[-1] == result.unconstrained.seller_count
        best = result.unconstrained
        assert best.total is not None and best.value_total is not None
        assert abs(cents(best.total) - cents(best.value_total) - unconstrained[0].net) <= 1
        for point in result.points:
            expected = enumerate_best(_capped(problem, point.max_sellers))
            assert expected is not None
            solution = point.solution
            assert solution.status is Status.OPTIMAL
            assert solution.seller_count <= point.max_sellers
            assert solution.total is not None and solution.value_total is not None
            net = cents(solution.total) - cents(solution.value_total)
            assert abs(net - expected[0].net) <= 1, f"seed {seed} cap {point.max_sellers}"
            compared += 1
        longer_than_one += len(caps) > 1
    assert compared >= 100
    assert longer_than_one >= 10
