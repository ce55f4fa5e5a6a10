"""The time limit: a valid plan (or a clear status) when the proof cannot finish in time."""

from __future__ import annotations

import time

from vinyldigger.services.optimizer import Status, load_problem, solve

from .enumeration import cents, evaluate
from .random_problems import random_large_problem


def test_a_tiny_time_limit_still_returns_a_valid_plan() -> None:
    data = random_large_problem(seed=7, wants=300)
    unlimited = solve(load_problem(data))
    assert unlimited.status is Status.OPTIMAL
    assert unlimited.gap == 0.0
    data["options"] = {"time_limit_s": 0.001}
    started = time.perf_counter()
    rushed = solve(load_problem(data))
    assert time.perf_counter() - started < 5
    assert rushed.status is Status.FEASIBLE
    assert rushed.gap is None or rushed.gap > 0
    units = {choice.offer_id: choice.quantity for choice in rushed.chosen_offers}
    outcome = evaluate(data, units)
    assert outcome is not None
    assert rushed.total is not None and unlimited.total is not None
    assert cents(rushed.total) == outcome.cost
    assert rushed.total > unlimited.total
