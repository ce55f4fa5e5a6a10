"""Small random problems that exercise every rule, seeded so every run tests the same ones."""

from __future__ import annotations

import random
from typing import Any


def _money(rng: random.Random, low: int, high: int) -> str:
    # Whole units mostly, cents sometimes: rounding paths get exercised without making ties rare.
    amount = (
        rng.randint(low * 100, high * 100) if rng.random() < 0.3 else rng.randint(low, high) * 100
    )
    return f"{amount // 100}.{amount % 100:02d}"


def random_problem(seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    sellers = []
    for index in range(rng.randint(2, 4)):
        first = rng.randint(0, 8)
        shipping: dict[str, Any] = {
            "first_item": _money(rng, first, first),
            # Now and then a seller charging more for further items than for the first.
            "additional_item": _money(rng, 0, first if rng.random() < 0.85 else first + 3),
        }
        if rng.random() < 0.4:
            shipping["free_over"] = _money(rng, 10, 45)
        if rng.random() < 0.35:
            shipping["max_items_per_parcel"] = rng.randint(1, 3)
        seller: dict[str, Any] = {"id": f"s{index}", "shipping": shipping}
        if rng.random() < 0.3:
            seller["min_order_total"] = _money(rng, 5, 30)
        sellers.append(seller)
    wants = []
    offers: list[dict[str, Any]] = []
    for index in range(rng.randint(2, 4)):
        want: dict[str, Any] = {"id": f"w{index}"}
        if rng.random() < 0.35:
            want["quantity"] = rng.randint(2, 3)
        if rng.random() < 0.3:
            want["required"] = False
            want["value"] = _money(rng, 3, 25)
        wants.append(want)
        for seller in rng.sample(sellers, rng.randint(1, min(3, len(sellers)))):
            for _ in range(1 if rng.random() < 0.8 else 2):
                offer: dict[str, Any] = {
                    "id": f"o{len(offers)}",
                    "want_id": want["id"],
                    "seller_id": seller["id"],
                    "price": _money(rng, 1, 20),
                }
                if rng.random() < 0.3:
                    offer["quantity"] = rng.randint(2, 3)
                offers.append(offer)
    problem: dict[str, Any] = {
        "currency": "EUR",
        "wants": wants,
        "sellers": sellers,
        "offers": offers,
    }
    options: dict[str, Any] = {}
    if rng.random() < 0.25:
        options["max_sellers"] = rng.randint(1, 2)
    if rng.random() < 0.25:
        options["budget"] = _money(rng, 15, 80)
    if options:
        problem["options"] = options
    return problem


def random_large_problem(seed: int, wants: int) -> dict[str, Any]:
    """A problem too big to enumerate, with the marketplace's skew, for limits and consistency."""
    rng = random.Random(seed)
    sellers = []
    for index in range(wants * 3):
        shipping: dict[str, Any] = {
            "first_item": _money(rng, 3, 12),
            "additional_item": _money(rng, 0, 3),
        }
        if rng.random() < 0.3:
            shipping["free_over"] = _money(rng, 40, 120)
        if rng.random() < 0.2:
            shipping["max_items_per_parcel"] = rng.randint(3, 8)
        sellers.append({"id": f"s{index}", "shipping": shipping})
    weights = [rng.paretovariate(1.2) for _ in sellers]
    want_list = [{"id": f"w{index}"} for index in range(wants)]
    offers: list[dict[str, Any]] = []
    for want in want_list:
        going_rate = rng.randint(5, 40)
        count = max(1, int(rng.paretovariate(1.1) * 4))
        for seller in rng.choices(sellers, weights=weights, k=min(count, 150)):
            price = _money(rng, max(1, going_rate - 5), going_rate + 10)
            offers.append(
                {
                    "id": f"o{len(offers)}",
                    "want_id": want["id"],
                    "seller_id": seller["id"],
                    "price": price,
                }
            )
    return {"wants": want_list, "sellers": sellers, "offers": offers}


def random_lone_seller_problem(seed: int) -> dict[str, Any]:
    """Mostly sellers holding a single copy, as in a large marketplace, beside one or two shops;
    now and then a cap on sellers or a budget."""
    rng = random.Random(seed)
    problem = random_problem(seed)
    shops = [seller["id"] for seller in problem["sellers"]][: rng.randint(1, 2)]
    offers = [offer for offer in problem["offers"] if offer["seller_id"] in shops]
    sellers = [seller for seller in problem["sellers"] if seller["id"] in shops]
    for want in problem["wants"]:
        for _ in range(rng.randint(1, 4)):
            index = len(sellers)
            first = rng.randint(1, 8)
            shipping: dict[str, Any] = {
                "first_item": _money(rng, first, first),
                "additional_item": _money(rng, 0, first),
            }
            if rng.random() < 0.3:
                shipping["free_over"] = _money(rng, 5, 25)
            seller: dict[str, Any] = {"id": f"lone{index}", "shipping": shipping}
            if rng.random() < 0.2:
                seller["min_order_total"] = _money(rng, 3, 20)
            sellers.append(seller)
            offers.append(
                {
                    "id": f"o{len(offers)}-{index}",
                    "want_id": want["id"],
                    "seller_id": seller["id"],
                    "price": _money(rng, 1, 20),
                }
            )
    return {**problem, "sellers": sellers, "offers": offers}
