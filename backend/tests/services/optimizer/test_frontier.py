"""The cost-against-sellers frontier against exhaustive enumeration for every seller cap.

The frontier prices the whole want list: every want required, no budget, no cap of its own.
"""

from __future__ import annotations

from typing import Any

from vinyldigger.services.optimizer import Status, frontier, load_problem

from .enumeration import cents, enumerate_best
from .random_problems import random_problem


def _capped(problem: dict[str, Any], cap: int) -> dict[str, Any]:
    return {**problem, "options": {**problem.get("options", {}), "max_sellers": cap}}


def _whole_list(given: dict[str, Any]) -> dict[str, Any]:
    """Every want required, without budget or cap: what each frontier point must buy."""
    wants = [{"id": want["id"], "quantity": want.get("quantity", 1)} for want in given["wants"]]
    return {**given, "wants": wants, "options": {}}


def test_frontier_matches_enumeration_for_every_cap() -> None:
    compared = 0
    longer_than_one = 0
    for seed in range(120):
        given = random_problem(seed)
        problem = _whole_list(given)
        unconstrained = enumerate_best(problem)
        # A cap or budget in the options does not cut the frontier short.
        result = frontier(load_problem(given))
        if unconstrained is None:
            # Some want cannot be bought fully: the frontier leaves it out and says so.
            assert result.uncovered, f"seed {seed}"
            continue
        caps = [point.max_sellers for point in result.points]
        fewest = caps[0]
        assert enumerate_best(_capped(problem, fewest)) is not None
        if fewest > 1:
            assert enumerate_best(_capped(problem, fewest - 1)) is None, f"seed {seed}"
        assert caps == list(range(fewest, caps[-1] + 1))
        assert caps[-1] == result.unconstrained.seller_count
        best = result.unconstrained
        assert best.total is not None
        assert abs(cents(best.total) - unconstrained[0].cost) <= 1
        assert result.knee in caps
        assert [point.knee for point in result.points].count(True) == 1
        _check_knee(result.points, result.knee, result.knee_fraction, cents(best.total))
        for point in result.points:
            expected = enumerate_best(_capped(problem, point.max_sellers))
            assert expected is not None
            solution = point.solution
            assert solution.status is Status.OPTIMAL
            assert solution.seller_count <= point.max_sellers
            assert solution.total is not None
            assert cents(solution.total) == expected[0].cost, f"seed {seed} cap {point.max_sellers}"
            assert solution.complete
            compared += 1
        longer_than_one += len(caps) > 1
    assert compared >= 100
    assert longer_than_one >= 10


def _check_knee(points: Any, knee: int, fraction: float, best: int) -> None:
    """The documented rule: every seller past the knee saves less than the fraction of the
    optimum's total, and the seller that reaches the knee saves at least that."""
    totals = {point.max_sellers: cents(point.solution.total) for point in points}
    threshold = fraction * best
    for cap in range(knee, max(totals)):
        assert totals[cap] - totals[cap + 1] < threshold
    if knee - 1 in totals:
        assert totals[knee - 1] - totals[knee] >= threshold
