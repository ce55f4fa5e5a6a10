"""Benchmark of eBay-title matching on the sandbox marketplace's seller-written titles.

    make bench BENCH=matching ARGS="[--quick] [--seeds 2 3]"

Each world (size "demo", or "small" with --quick) holds thousands of eBay items whose titles the
sandbox writes the way sellers do (typos, abbreviations, grades, catalog numbers, ALL CAPS),
and records which release each item really is. The candidates are the want list of the
world's "bigwants" user (1,000 releases; "demo" user's 150 with --quick), parsed from Discogs'
JSON shapes. Every item of the world is matched, so the mix is what a user would meet:
copies of wanted releases, other pressings of wanted masters, other records by the same
artists, unrelated records, and noise (lots, accessories, memorabilia, records not on Discogs).

Definitions (vinyldigger.services.matching.evaluation):
- A result claims, by its pressing verdict: "same" -> the item is `release_id`;
  "undetermined" -> the item is a pressing of `master_id`; "other" -> the item is a pressing of
  `master_id` other than `release_id`. The claim is correct when the ground truth agrees.
- precision = correct high-confidence claims / high-confidence results, over all items.
- recall = items of a wanted release that got a high-confidence result naming that release
  (verdict "same" or "undetermined") / items of a wanted release.
- certain recall = the same with verdict "same" only (the release itself is certain).
- master recall = the same, also counting results naming the right master but another of the
  user's wanted pressings of it (the title did not say which).
Both are measured without and with the masters' version lists (`known_pressings`); the
headline figures are without them, pooled over the seeds.

Near misses: 2,000 titles per seed made one step away from a wanted release (a word added
before or after the title, one title word swapped for another catalog word, or the title
credited to another catalog artist) and naming no record of the world. They are reported
apart (how many got a high-confidence result) and join the items in the threshold sweep,
where they are what separates one threshold from another: the world's own titles are
matched correctly over a wide range of thresholds.

Timing: 1,000 titles against a 1,000-release want list on a freshly built matcher (index
build timed separately), the fastest of five runs (the median is kept beside it).

Writes benchmarks/results/matching.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

# The labelled sandbox cases are shared with the tests (tests/support), beside this folder.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.matching_cases import (
    labelled_listings,
    master_versions,
    near_miss_listings,
    sandbox_world,
    want_list,
)

from vinyldigger.services.matching import Matcher, MatchResult, MatchThresholds
from vinyldigger.services.matching.evaluation import LabelledListing, Scorecard, evaluate
from vinyldigger_sandbox.settings import SizeName

RESULTS = Path(__file__).parent / "results" / "matching.json"
SWEEP_HIGH = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
SWEEP_NAME = (0.0, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9)
TIMED_TITLES = 1000
# The fastest of several runs: on a shared machine the others measure the neighbours.
TIMING_RUNS = 5
NEAR_MISSES = 2000


def banded(
    results: Sequence[MatchResult | None], limits: MatchThresholds
) -> list[MatchResult | None]:
    """Results as the matcher would give them with `limits`, from a run with all thresholds 0.

    High needs the score, names that reach `min_name_score` (fuzzy matches) and the rules
    that do not depend on thresholds; a result high at 0 is high at `limits` exactly when its
    score and its name scores reach them.
    """
    banded_results: list[MatchResult | None] = []
    for result in results:
        if result is None or result.score < limits.low:
            banded_results.append(None)
            continue
        names = min(result.evidence.artist_score, result.evidence.title_score)
        high = (
            result.confidence == "high"
            and result.score >= limits.high
            and (result.method != "fuzzy" or names >= limits.min_name_score)
        )
        banded_results.append(result.model_copy(update={"confidence": "high" if high else "low"}))
    return banded_results


def card_json(card: Scorecard) -> dict[str, Any]:
    return {
        "precision": round(card.precision, 4),
        "recall": round(card.recall, 4),
        "certain_recall": round(card.certain_recall, 4),
        "master_recall": round(card.master_recall, 4),
        "listings": card.listings,
        "high_results": card.high_results,
        "wrong_high_results": card.high_results - card.correct_high_results,
        "low_results": card.low_results,
        "candidate_listings": card.candidate_listings,
        "mix": card.by_category,
        "high_by_category": card.high_by_category,
        "wrong_examples": [miss.title for miss in card.wrong[:10]],
        "missed_examples": [miss.title for miss in card.missed[:10]],
    }


def pooled(cards: Sequence[Scorecard]) -> dict[str, float]:
    high = sum(card.high_results for card in cards)
    correct = sum(card.correct_high_results for card in cards)
    candidates = sum(card.candidate_listings for card in cards)
    recalled = sum(card.recalled for card in cards)
    certain = sum(card.recalled_certain for card in cards)
    by_master = sum(card.recalled_master for card in cards)
    return {
        "precision": round(correct / high, 4) if high else 1.0,
        "recall": round(recalled / candidates, 4) if candidates else 1.0,
        "certain_recall": round(certain / candidates, 4) if candidates else 1.0,
        "master_recall": round(by_master / candidates, 4) if candidates else 1.0,
        "high_results": high,
        "wrong_high_results": high - correct,
        "candidate_listings": candidates,
    }


def time_matching(wants: Sequence[Any], cases: Sequence[LabelledListing]) -> dict[str, float]:
    listings = [case.listing for case in cases[:TIMED_TITLES]]
    builds, runs = [], []
    for _ in range(TIMING_RUNS):
        started = time.perf_counter()
        matcher = Matcher(wants)
        built = time.perf_counter()
        matcher.match_many(listings)
        finished = time.perf_counter()
        builds.append((built - started) * 1000)
        runs.append((finished - built) * 1000)
    scale = TIMED_TITLES / len(listings)
    return {
        "titles": len(listings),
        "candidates": len(wants),
        "index_build_ms": round(min(builds), 1),
        "ms_per_1000_titles": round(min(runs) * scale, 1),
        "median_ms_per_1000_titles": round(statistics.median(runs) * scale, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small worlds, 150 wants")
    parser.add_argument("--seeds", type=int, nargs="+", default=[2, 3])
    args = parser.parse_args()
    size: SizeName = "small" if args.quick else "demo"
    user = "demo" if args.quick else "bigwants"
    defaults = MatchThresholds()
    unbounded = replace(defaults, high=0.0, low=0.0, min_name_score=0.0)
    cards: dict[str, list[Scorecard]] = {"without_versions": [], "with_versions": []}
    sweep: dict[str, dict[str, list[Scorecard]]] = {mode: {} for mode in cards}
    per_seed: list[dict[str, Any]] = []
    near_misses_high = {mode: 0 for mode in cards}
    timing: dict[str, float] = {}
    for seed in args.seeds:
        world = sandbox_world(seed, size)
        wants = want_list(world, user)
        cases = labelled_listings(world, wants)
        near_misses = near_miss_listings(world, wants, NEAR_MISSES, seed)
        listings = [case.listing for case in [*cases, *near_misses]]
        versions = master_versions(world, [want.master_id for want in wants if want.master_id])
        seed_report: dict[str, Any] = {"seed": seed, "size": size, "user": user,
                                       "candidates": len(wants)}  # fmt: skip
        for mode, known in (("without_versions", None), ("with_versions", versions)):
            raw_all = Matcher(wants, known, unbounded).match_many(listings)
            raw, raw_near = raw_all[: len(cases)], raw_all[len(cases) :]
            card = evaluate(cases, banded(raw, defaults))
            near_card = evaluate(near_misses, banded(raw_near, defaults))
            cards[mode].append(card)
            near_misses_high[mode] += near_card.high_results
            seed_report[mode] = card_json(card)
            seed_report[mode]["near_misses_high"] = near_card.high_results
            for high in SWEEP_HIGH:
                for names in SWEEP_NAME:
                    limits = replace(defaults, high=high, min_name_score=names)
                    sweep[mode].setdefault(f"high {high:.2f} names {names:.2f}", []).append(
                        evaluate([*cases, *near_misses], banded(raw_all, limits))
                    )
            print(f"seed {seed} {mode:17} {len(cases):6} items  precision {card.precision:.4f}"
                  f"  recall {card.recall:.4f}  certain recall {card.certain_recall:.4f}"
                  f"  wrong {card.high_results - card.correct_high_results}"
                  f"  near misses high {near_card.high_results}/{len(near_misses)}")  # fmt: skip
        per_seed.append(seed_report)
        if not timing and len(wants) >= TIMED_TITLES // 2:
            timing = time_matching(wants, cases)
    if not timing:
        timing = time_matching(wants, cases)
    headline = pooled(cards["without_versions"])
    pooled_cards = {mode: pooled(mode_cards) for mode, mode_cards in cards.items()}
    sweep_figures = {
        mode: {threshold: pooled(found) for threshold, found in by_threshold.items()}
        for mode, by_threshold in sweep.items()
    }
    report: dict[str, Any] = {
        "precision": headline["precision"],
        "recall": headline["recall"],
        "ms_per_1000_titles": timing["ms_per_1000_titles"],
        "thresholds": {
            "high": defaults.high,
            "low": defaults.low,
            "min_name_score": defaults.min_name_score,
            "ambiguity_margin": defaults.ambiguity_margin,
        },
        "pooled": pooled_cards,
        "near_misses": {"per_seed": NEAR_MISSES, "high_results": near_misses_high},
        "timing": timing,
        "sweep": sweep_figures,
        "per_seed": per_seed,
    }
    print(
        "\nthreshold sweep, without versions, items and near misses together: "
        "precision / recall (wrong high results)"
    )
    print("  high \\ names " + "".join(f"{names:>22.2f}" for names in SWEEP_NAME))
    grid = sweep_figures["without_versions"]
    for high in SWEEP_HIGH:
        cells = [grid[f"high {high:.2f} names {names:.2f}"] for names in SWEEP_NAME]
        print(f"  {high:12.2f} " + "".join(
            f"{cell['precision']:9.4f} /{cell['recall']:7.4f} ({cell['wrong_high_results']:3})"
            for cell in cells
        ))  # fmt: skip
    for mode, figures in pooled_cards.items():
        print(
            f"pooled {mode:17} precision {figures['precision']:.4f}  recall "
            f"{figures['recall']:.4f}  certain recall {figures['certain_recall']:.4f}"
            f"  master recall {figures['master_recall']:.4f}"
        )
    print(
        f"{timing['ms_per_1000_titles']:.0f} ms per 1,000 titles against "
        f"{timing['candidates']} candidates (index build {timing['index_build_ms']:.0f} ms)"
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
