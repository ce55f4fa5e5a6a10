"""On problems too big to enumerate, the shortcuts change nothing: same optimum without them."""

from __future__ import annotations

import pytest

from vinyldigger.services.optimizer import Status, load_problem, solve
from vinyldigger.services.optimizer import model as model_module
from vinyldigger.services.optimizer.instance import build_instance
from vinyldigger.services.optimizer.model import BasketModel, Outcome
from vinyldigger.services.optimizer.reduce import reduce_instance

from .enumeration import cents
from .random_problems import random_large_problem


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_reduction_and_big_seller_linking_keep_the_optimum(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    problem = load_problem(random_large_problem(seed, wants=120))
    # Link per want at every seller with more than 20 offers (some here have over 100).
    monkeypatch.setattr(model_module, "LINK_EACH_OFFER_UP_TO", 20)
    fast = solve(problem)
    assert fast.status is Status.OPTIMAL
    assert fast.total is not None and fast.value_total is not None
    # The same problem without removing dominated offers across sellers, and with every offer
    # linked to its seller one by one.
    monkeypatch.setattr(model_module, "LINK_EACH_OFFER_UP_TO", 10**9)
    instance = build_instance(problem)
    full = reduce_instance(instance, across_sellers=False)
    shortcut = reduce_instance(instance)
    assert len(shortcut.cap) < len(full.cap)
    plain = BasketModel(instance, full).solve(60)
    assert plain.outcome is Outcome.OPTIMAL and plain.objective is not None
    assert abs(plain.objective - (cents(fast.total) - cents(fast.value_total))) <= 1
