"""Matching real marketplace titles (benchmarks/data/matching_real/, sources in its README).

    make bench BENCH=matching_real

Every title is matched against one want list holding every wanted release of the set, with
its master's other versions where the set has them (`known_pressings`). Definitions are in
tests/support/matching_real.py: release_precision, album_recall, pressing_recall,
non_record_false_positive_rate, other_album_false_positive_rate.

Writes benchmarks/results/matching_real.json.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

# The loader is shared with the tests (tests/support), beside this folder.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.matching_real import run

RESULTS = Path(__file__).parent / "results" / "matching_real.json"


def main() -> None:
    report = run()
    for name in ("titles", "release_precision", "album_recall", "pressing_recall",
                 "non_record_false_positive_rate", "other_album_false_positive_rate"):  # fmt: skip
        print(f"{name:32} {report[name]}")
    print("counts", json.dumps(report["counts"]))
    for title in report["missed_examples"]:
        print(f"  missed: {title}")
    for title in report["wrong_examples"]:
        print(f"  wrong:  {title}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
