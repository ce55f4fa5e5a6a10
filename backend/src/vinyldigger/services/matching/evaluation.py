"""Measuring the matcher against listings whose true release is known.

Definitions (used by the tests, the benchmark and docs/matching.md):
- A result's claim depends on its pressing verdict. "same": the listing is `release_id`.
  "undetermined": the listing is a pressing of `master_id`. "other": the listing is a pressing
  of `master_id` other than `release_id`. A claim is correct when the ground truth agrees.
- Precision: correct claims / high-confidence results, over every listing (records of the
  candidates, other pressings of their masters, other records by the same artists, unrelated
  records and noise such as lots, accessories and memorabilia).
- Recall: listings whose true release is a candidate that got a high-confidence result naming
  that release (verdict "same" or "undetermined"), / all listings whose true release is a
  candidate.
- Certain recall: the same, counting only verdict "same".
- Master recall: the same, counting a result that names the right master even when it names
  another wanted pressing of it (the title did not say which pressing it is).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from vinyldigger.services.marketplaces.dto import Listing
from vinyldigger.services.matching.models import MatchResult

# "near_miss": a title made to differ from a candidate's by one word or by the artist, naming
# no record that exists (see tests/support/matching_cases.py, near_miss_listings).
Category = Literal["candidate", "other_pressing", "same_artist", "unrelated", "noise", "near_miss"]
CATEGORIES: tuple[Category, ...] = (
    "candidate", "other_pressing", "same_artist", "unrelated", "noise"
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class LabelledListing:
    listing: Listing
    true_release_id: int | None
    true_master_id: int | None
    category: Category


@dataclass(frozen=True, slots=True)
class Miss:
    """One wrong high-confidence claim or one missed candidate, for reading, not scoring."""

    title: str
    category: Category
    true_release_id: int | None
    proposed_release_id: int | None
    pressing: str | None
    score: float | None


@dataclass(frozen=True, slots=True)
class Scorecard:
    listings: int
    high_results: int
    correct_high_results: int
    low_results: int
    candidate_listings: int
    recalled: int
    recalled_certain: int
    recalled_master: int
    by_category: dict[str, int] = field(default_factory=dict)
    high_by_category: dict[str, int] = field(default_factory=dict)
    wrong: tuple[Miss, ...] = ()
    missed: tuple[Miss, ...] = ()

    @property
    def precision(self) -> float:
        return self.correct_high_results / self.high_results if self.high_results else 1.0

    @property
    def recall(self) -> float:
        return self.recalled / self.candidate_listings if self.candidate_listings else 1.0

    @property
    def master_recall(self) -> float:
        if not self.candidate_listings:
            return 1.0
        return self.recalled_master / self.candidate_listings

    @property
    def certain_recall(self) -> float:
        if not self.candidate_listings:
            return 1.0
        return self.recalled_certain / self.candidate_listings


def claim_is_correct(
    result: MatchResult, true_release: int | None, true_master: int | None
) -> bool:
    if true_release is None:
        return False
    if result.pressing == "same" or result.master_id is None:
        return result.release_id == true_release and result.pressing != "other"
    if result.master_id != true_master:
        return False
    return result.pressing == "undetermined" or result.release_id != true_release


def evaluate(cases: Sequence[LabelledListing], results: Sequence[MatchResult | None]) -> Scorecard:
    if len(cases) != len(results):
        raise ValueError("one result per labelled listing")
    high = correct = low = candidates = recalled = certain = by_master = 0
    wrong: list[Miss] = []
    missed: list[Miss] = []
    high_by_category: Counter[str] = Counter()
    for case, result in zip(cases, results, strict=True):
        is_candidate = case.category == "candidate"
        candidates += is_candidate
        if result is not None and result.confidence == "low":
            low += 1
        if result is not None and result.confidence == "high":
            high += 1
            high_by_category[case.category] += 1
            if claim_is_correct(result, case.true_release_id, case.true_master_id):
                correct += 1
            else:
                wrong.append(_miss(case, result))
        found = (
            result is not None
            and result.confidence == "high"
            and result.release_id == case.true_release_id
            and result.pressing != "other"
        )
        by_master += (
            is_candidate
            and result is not None
            and result.confidence == "high"
            and result.master_id is not None
            and result.master_id == case.true_master_id
            and result.pressing != "other"
        )
        if is_candidate and found:
            recalled += 1
            certain += result is not None and result.pressing == "same"
        elif is_candidate:
            missed.append(_miss(case, result))
    return Scorecard(
        listings=len(cases),
        high_results=high,
        correct_high_results=correct,
        low_results=low,
        candidate_listings=candidates,
        recalled=recalled,
        recalled_certain=certain,
        recalled_master=by_master,
        by_category=dict(Counter(case.category for case in cases)),
        high_by_category=dict(high_by_category),
        wrong=tuple(wrong),
        missed=tuple(missed),
    )


def _miss(case: LabelledListing, result: MatchResult | None) -> Miss:
    return Miss(
        title=case.listing.title,
        category=case.category,
        true_release_id=case.true_release_id,
        proposed_release_id=result.release_id if result else None,
        pressing=result.pressing if result else None,
        score=result.score if result else None,
    )
