"""Benchmark of the basket optimizer on realistic, generated marketplace problems.

    cd backend && uv run python benchmarks/optimizer.py [--quick] [--seeds N]

Problems mimic the marketplace: the number of offers per record is heavy-tailed (most records have
a handful of copies for sale, popular ones hundreds), thousands of sellers of very different sizes
(a few big shops, many people selling a few records), prices spread around each record's going
rate by condition, and every shipping rule present: first/additional item, free shipping over a
threshold, a parcel size limit and minimum orders. One want in ten is optional, valued a little
above its going rate.

Prints, per size, the median time to a proven optimum and the median savings against both
baselines, and writes them to benchmarks/results/optimizer.json.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import time
from pathlib import Path
from typing import Any

from vinyldigger.services.optimizer import Status, load_problem, solve

RESULTS = Path(__file__).parent / "results" / "optimizer.json"
FULL_SIZES = (50, 200, 500, 1000)
QUICK_SIZES = (50, 200)
MEAN_OFFERS_PER_WANT = 30


def _price(amount: float) -> str:
    # Sellers like prices ending in .99 or .50 or whole amounts.
    whole = max(1, int(amount))
    return f"{whole}.{random.choice(('00', '50', '99'))}"


def generate(wants: int, seed: int) -> dict[str, Any]:
    random.seed(seed)
    seller_count = 1500 + 6 * wants
    sellers = []
    weights = []
    for index in range(seller_count):
        domestic = random.random() < 0.6
        first = random.uniform(3, 6) if domestic else random.uniform(8, 16)
        shipping: dict[str, Any] = {
            "first_item": f"{first:.2f}",
            "additional_item": f"{first * random.uniform(0.1, 0.5):.2f}",
        }
        if random.random() < 0.25:
            shipping["free_over"] = str(random.choice((40, 50, 75, 100, 150)))
        if random.random() < 0.15:
            shipping["max_items_per_parcel"] = random.choice((5, 8, 10, 15))
        seller: dict[str, Any] = {"id": f"seller-{index}", "shipping": shipping}
        if random.random() < 0.1:
            seller["min_order_total"] = str(random.choice((10, 15, 20, 30)))
        sellers.append(seller)
        # Pareto sizes: a few shops hold a large share of all listings.
        weights.append(random.paretovariate(1.1))
    want_list = []
    offers: list[dict[str, Any]] = []
    # Log-normal counts with mean MEAN_OFFERS_PER_WANT: median about a third of the mean.
    sigma = 1.5
    mu = math.log(MEAN_OFFERS_PER_WANT) - sigma * sigma / 2
    for index in range(wants):
        want: dict[str, Any] = {"id": f"release-{index}"}
        going_rate = math.exp(random.gauss(math.log(18), 0.6))
        if random.random() < 0.05:
            want["quantity"] = 2
        if random.random() < 0.1:
            want["required"] = False
            want["value"] = f"{going_rate * 1.1:.2f}"
        want_list.append(want)
        count = max(want.get("quantity", 1), min(600, round(math.exp(random.gauss(mu, sigma)))))
        chosen = random.choices(sellers, weights=weights, k=count)
        # Records on a want list are for sale somewhere: the first copies are at sellers without
        # a minimum order, so every problem has a plan.
        for slot in range(want.get("quantity", 1)):
            while "min_order_total" in chosen[slot]:
                chosen[slot] = random.choices(sellers, weights=weights)[0]
        for seller in chosen:
            offer: dict[str, Any] = {
                "id": f"listing-{len(offers)}",
                "want_id": want["id"],
                "seller_id": seller["id"],
                "price": _price(going_rate * math.exp(random.gauss(0, 0.35))),
            }
            if random.random() < 0.05:
                offer["quantity"] = random.randint(2, 3)
            offers.append(offer)
    used = {offer["seller_id"] for offer in offers}
    return {
        "currency": "USD",
        "wants": want_list,
        "sellers": [seller for seller in sellers if seller["id"] in used],
        "offers": offers,
        "options": {"time_limit_s": 120},
    }


def run(sizes: tuple[int, ...], seeds: int) -> list[dict[str, Any]]:
    rows = []
    for size in sizes:
        times: list[float] = []
        optimal = 0
        vs_cheapest: list[float] = []
        vs_grouping: list[float] = []
        offer_counts: list[int] = []
        seller_counts: list[int] = []
        for seed in range(seeds):
            data = generate(size, seed=1000 * size + seed)
            offers, sellers = len(data["offers"]), len(data["sellers"])
            offer_counts.append(offers)
            seller_counts.append(sellers)
            problem = load_problem(data)
            started = time.perf_counter()
            solution = solve(problem)
            times.append(time.perf_counter() - started)
            optimal += solution.status is Status.OPTIMAL
            savings = {baseline.name: baseline.savings_fraction for baseline in solution.baselines}
            vs_cheapest.append(savings.get("cheapest_each", 0.0))
            vs_grouping.append(savings.get("most_wants_first", 0.0))
            print(
                f"  wants={size} seed={seed} offers={offers} sellers={sellers} "
                f"status={solution.status.value} seconds={times[-1]:.2f} total={solution.total} "
                f"sellers_used={solution.seller_count}",
                flush=True,
            )
        rows.append(
            {
                "wants": size,
                "offers": round(statistics.median(offer_counts)),
                "sellers": round(statistics.median(seller_counts)),
                "runs": seeds,
                "median_seconds": round(statistics.median(times), 3),
                "max_seconds": round(max(times), 3),
                "optimal_share": optimal / seeds,
                "savings_vs_cheapest_each": round(statistics.median(vs_cheapest), 4),
                "savings_vs_most_wants_first": round(statistics.median(vs_grouping), 4),
            }
        )
        row = rows[-1]
        print(
            f"wants={size:5d} offers={row['offers']:6d} sellers={row['sellers']:5d} "
            f"median={row['median_seconds']:.2f}s optimal={row['optimal_share']:.0%} "
            f"saves {row['savings_vs_cheapest_each']:.1%} vs cheapest-each, "
            f"{row['savings_vs_most_wants_first']:.1%} vs most-wants-first",
            flush=True,
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="small sizes, two runs each")
    parser.add_argument("--seeds", type=int, default=None, help="runs per size (default 5)")
    args = parser.parse_args()
    sizes = QUICK_SIZES if args.quick else FULL_SIZES
    seeds = args.seeds or (2 if args.quick else 5)
    rows = run(sizes, seeds)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"sizes": rows}, indent=2) + "\n", "utf-8")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
