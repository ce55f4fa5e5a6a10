"""Benchmark of the eBay grade reader on sandbox titles and on real eBay titles.

    make bench BENCH=grades ARGS="[--quick] [--seed 1]"

Two sets of titles, each with the grades a careful reader takes from it:
- sandbox: every eBay item of a sandbox world (size "demo", or "small" with --quick): copies of
  records written in every notation sellers use, sealed copies, copies without a cover, titles
  that state no grade, and the noise around them (lots, accessories, memorabilia). The sandbox
  knows what each title states (vinyldigger_sandbox.titles.RecordTitle).
- real: eBay record titles collected from public sources, labelled by hand
  (benchmarks/data/ebay_grade_titles.jsonl; how they were collected is in data/README.md).

A title counts as right when both the media and the sleeve are exactly right, "not stated"
(None) being a value like any other: reading a grade the title does not state is as wrong
as missing one. The sleeve is a grade code, or "no_cover" / "generic".

Writes benchmarks/results/grades.json: {"sets": [{"name", "titles", "accuracy"}, ...], ...}.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _common import write_result
from vinyldigger.services.marketplaces.title_grades import read_title_grades
from vinyldigger_sandbox.settings import SandboxSettings
from vinyldigger_sandbox.world import World

REAL_TITLES = Path(__file__).resolve().parent / "data" / "ebay_grade_titles.jsonl"
TARGET = 0.98


@dataclass(frozen=True, slots=True)
class Case:
    title: str
    media: str | None
    sleeve: str | None


@dataclass(frozen=True, slots=True)
class Miss:
    case: Case
    read: tuple[str | None, str | None]


def read_grades(title: str) -> tuple[str | None, str | None]:
    stated = read_title_grades(title)
    if stated.sleeve_state is not None:
        sleeve: str | None = stated.sleeve_state.value
    else:
        sleeve = stated.sleeve.value if stated.sleeve else None
    return (stated.media.value if stated.media else None), sleeve


def sandbox_cases(seed: int, size: str) -> Iterator[Case]:
    world = World(SandboxSettings(seed=seed, size=size))
    market = world.ebay
    for ordinal in range(market.ordinal_count):
        item = market.item(ordinal)
        assert item is not None
        yield Case(item.title, item.title_media, item.title_sleeve)


def real_cases(path: Path = REAL_TITLES) -> list[Case]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            cases.append(Case(entry["title"], entry["media"], entry["sleeve"]))
    return cases


def measure(cases: Iterable[Case]) -> tuple[int, float, list[Miss], Counter[str]]:
    total = right = 0
    misses: list[Miss] = []
    stated: Counter[str] = Counter()
    for case in cases:
        total += 1
        read = read_grades(case.title)
        stated["media stated" if case.media else "media not stated"] += 1
        if case.sleeve in ("no_cover", "generic"):
            stated[f"sleeve {case.sleeve}"] += 1
        if read == (case.media, case.sleeve):
            right += 1
        else:
            misses.append(Miss(case, read))
    return total, (right / total if total else 0.0), misses, stated


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a small sandbox world")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    size = "small" if args.quick else "demo"
    sets: list[dict[str, Any]] = []
    details: dict[str, Any] = {}
    for name, cases in (
        (f"sandbox ({size} world, seed {args.seed})", sandbox_cases(args.seed, size)),
        ("real eBay titles", real_cases()),
    ):
        total, accuracy, misses, stated = measure(cases)
        sets.append({"name": name, "titles": total, "accuracy": round(accuracy, 4)})
        details[name] = {
            "composition": dict(stated),
            "misses": [
                {"title": m.case.title, "truth": [m.case.media, m.case.sleeve], "read": m.read}
                for m in misses[:50]
            ],
        }
        verdict = "meets" if accuracy >= TARGET else "BELOW"
        print(f"{name:40} {total:6} titles  accuracy {accuracy:.4f} ({verdict} {TARGET})")
        print("  " + ", ".join(f"{key}: {count}" for key, count in sorted(stated.items())))
        for miss in misses[:10]:
            truth = (miss.case.media, miss.case.sleeve)
            print(f"  miss: {miss.case.title!r} truth {truth} read {miss.read}")
    path = write_result("grades", {"sets": sets, "target": TARGET, "details": details})
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
