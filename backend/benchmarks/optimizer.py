"""Benchmark of the basket optimizer on realistic, generated marketplace problems.

    make bench BENCH=optimizer ARGS="[--quick] [--seeds N]"

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

from vinyldigger.services.optimizer import Status, frontier, load_problem, solve

RESULTS = Path(__file__).parent / "results" / "optimizer.json"
FULL_SIZES = (50, 200, 500, 1000)
QUICK_SIZES = (50, 200)
MEAN_OFFERS_PER_WANT = 30
SMALL_SELLERS = 4000
FAMILIES = ("marketplace", "small_sellers")
# The frontier is the slow part of a run: measured on fewer problems per size, within a limit.
FRONTIER_SEEDS = 3
FRONTIER_LIMIT_S = 15.0


def _price(amount: float) -> str:
    # Sellers like prices ending in .99 or .50 or whole amounts.
    whole = max(1, int(amount))
    return f"{whole}.{random.choice(('00', '50', '99'))}"


def _seller(index: int) -> dict[str, Any]:
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
    return seller


def generate(wants: int, seed: int, family: str = "marketplace") -> dict[str, Any]:
    random.seed(seed)
    small = family == "small_sellers"
    seller_count = SMALL_SELLERS if small else 1500 + 6 * wants
    sellers = []
    weights = []
    stock = []
    for index in range(seller_count):
        sellers.append(_seller(index))
        # Nine in ten sellers of the small-sellers family hold one to three listings (their
        # stock); shops get Pareto sizes: a few hold a large share of all listings.
        left = random.randint(1, 3) if small and random.random() < 0.9 else 0
        stock.append(left)
        weights.append(0.0 if left else random.paretovariate(1.1))
    private = [index for index, left in enumerate(stock) if left]
    random.shuffle(private)
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
        if small:
            # Two thirds of the copies come from private sellers while they have stock left.
            for slot in range(count):
                if private and random.random() < 2 / 3:
                    position = random.randrange(len(private))
                    owner = private[position]
                    chosen[slot] = sellers[owner]
                    stock[owner] -= 1
                    if not stock[owner]:
                        private[position] = private[-1]
                        private.pop()
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


def _solve_run(size: int, seed: int, family: str) -> dict[str, Any]:
    data = generate(size, seed=1000 * size + seed, family=family)
    problem = load_problem(data)
    started, cpu_started = time.perf_counter(), time.process_time()
    solution = solve(problem)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    savings = {baseline.name: baseline.savings_fraction for baseline in solution.baselines}
    print(
        f"  {family} wants={size} seed={seed} offers={len(data['offers'])} "
        f"sellers={len(data['sellers'])} status={solution.status.value} seconds={seconds:.2f} "
        f"cpu={cpu_seconds:.2f} "
        f"total={solution.total} sellers_used={solution.seller_count}",
        flush=True,
    )
    return {
        "offers": len(data["offers"]),
        "sellers": len(data["sellers"]),
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "optimal": solution.status is Status.OPTIMAL,
        "vs_cheapest": savings.get("cheapest_each", 0.0),
        "vs_grouping": savings.get("most_wants_first", 0.0),
    }


def _frontier_run(size: int, seed: int, family: str) -> dict[str, Any]:
    """The full frontier: seconds, points, the share proven optimal and the largest gap."""
    problem = load_problem(generate(size, seed=1000 * size + seed, family=family))
    started, cpu_started = time.perf_counter(), time.process_time()
    curve = frontier(problem, time_limit_s=FRONTIER_LIMIT_S)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    proven = sum(point.solution.status is Status.OPTIMAL for point in curve.points)
    gaps = [point.solution.gap or 0.0 for point in curve.points]
    share = proven / len(curve.points) if curve.points else 1.0
    print(
        f"  {family} wants={size} seed={seed} frontier points={len(curve.points)} "
        f"knee={curve.knee} proven={share:.0%} max_gap={max(gaps, default=0.0):.4%} "
        f"seconds={seconds:.2f} cpu={cpu_seconds:.2f}",
        flush=True,
    )
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "points": len(curve.points),
        "proven_share": share,
        "max_gap": max(gaps, default=0.0),
    }


def _median(runs: list[dict[str, Any]], key: str) -> float | None:
    return round(statistics.median(run[key] for run in runs), 4) if runs else None


def run(
    family: str, sizes: tuple[int, ...], seeds: int, frontier_seeds: int
) -> list[dict[str, Any]]:
    rows = []
    for size in sizes:
        runs = [_solve_run(size, seed, family) for seed in range(seeds)]
        curves = [_frontier_run(size, seed, family) for seed in range(frontier_seeds)]
        rows.append(
            {
                "family": family,
                "wants": size,
                "offers": round(statistics.median(run["offers"] for run in runs)),
                "sellers": round(statistics.median(run["sellers"] for run in runs)),
                "runs": seeds,
                "median_seconds": round(statistics.median(run["seconds"] for run in runs), 3),
                "max_seconds": round(max(run["seconds"] for run in runs), 3),
                "optimal_share": sum(run["optimal"] for run in runs) / seeds,
                "savings_vs_cheapest_each": round(
                    statistics.median(run["vs_cheapest"] for run in runs), 4
                ),
                "savings_vs_most_wants_first": round(
                    statistics.median(run["vs_grouping"] for run in runs), 4
                ),
                "median_cpu_seconds": round(
                    statistics.median(run["cpu_seconds"] for run in runs), 3
                ),
                "frontier_runs": len(curves),
                "frontier_seconds": _median(curves, "seconds"),
                "frontier_cpu_seconds": _median(curves, "cpu_seconds"),
                "frontier_points": _median(curves, "points"),
                "frontier_proven_share": _median(curves, "proven_share"),
                "frontier_max_gap": max((curve["max_gap"] for curve in curves), default=None),
            }
        )
        row = rows[-1]
        print(
            f"{family} wants={size:5d} offers={row['offers']:6d} sellers={row['sellers']:5d} "
            f"median={row['median_seconds']:.2f}s (cpu {row['median_cpu_seconds']:.2f}s) "
            f"optimal={row['optimal_share']:.0%} "
            f"frontier={row['frontier_seconds']}s ({row['frontier_points']} points) "
            f"saves {row['savings_vs_cheapest_each']:.1%} vs cheapest-each, "
            f"{row['savings_vs_most_wants_first']:.1%} vs most-wants-first",
            flush=True,
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="small sizes, two runs each")
    parser.add_argument("--seeds", type=int, default=None, help="runs per size (default 5)")
    parser.add_argument(
        "--frontier-seeds",
        type=int,
        default=None,
        help=f"full frontiers per size (default {FRONTIER_SEEDS}, 1 with --quick)",
    )
    parser.add_argument("--sizes", type=int, nargs="*", default=None, help="only these sizes")
    parser.add_argument("--family", choices=FAMILIES, default=None, help="only this family")
    args = parser.parse_args()
    sizes = tuple(args.sizes) if args.sizes else (QUICK_SIZES if args.quick else FULL_SIZES)
    seeds = args.seeds or (2 if args.quick else 5)
    frontier_seeds = (
        args.frontier_seeds
        if args.frontier_seeds is not None
        else (1 if args.quick else FRONTIER_SEEDS)
    )
    families = (args.family,) if args.family else FAMILIES
    rows = [row for family in families for row in run(family, sizes, seeds, frontier_seeds)]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"sizes": rows}, indent=2) + "\n", "utf-8")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
