"""Precision and recall on a sandbox world's eBay titles, against a user's want list.

The sandbox writes titles the way sellers do and keeps the release each item really is.
Definitions of precision and recall: vinyldigger.services.matching.evaluation.
"""

from __future__ import annotations

import pytest

from tests.support.matching_cases import (
    labelled_listings,
    master_versions,
    near_miss_listings,
    sandbox_world,
    want_list,
)
from vinyldigger.services.marketplaces.dto import MasterVersion, ReleaseSummary
from vinyldigger.services.matching import Matcher
from vinyldigger.services.matching.evaluation import CATEGORIES, LabelledListing, evaluate

SEED = 1


@pytest.fixture(scope="module")
def world_cases() -> tuple[
    list[ReleaseSummary], list[LabelledListing], dict[int, list[MasterVersion]]
]:
    world = sandbox_world(SEED, "small")
    wants = want_list(world, "demo")
    cases = labelled_listings(world, wants)
    versions = master_versions(world, [want.master_id for want in wants if want.master_id])
    return wants, cases, versions


def test_the_world_holds_every_kind_of_listing(
    world_cases: tuple[list[ReleaseSummary], list[LabelledListing], dict[int, list[MasterVersion]]],
) -> None:
    _, cases, _ = world_cases
    counts = {category: sum(case.category == category for case in cases) for category in CATEGORIES}
    assert all(count >= 100 for count in counts.values()), counts


@pytest.mark.parametrize("with_versions", [False, True])
def test_precision_and_recall_on_sandbox_titles(
    world_cases: tuple[list[ReleaseSummary], list[LabelledListing], dict[int, list[MasterVersion]]],
    with_versions: bool,
) -> None:
    wants, cases, versions = world_cases
    matcher = Matcher(wants, versions if with_versions else None)
    card = evaluate(cases, matcher.match_many([case.listing for case in cases]))
    assert card.precision >= 0.97, card.wrong[:10]
    assert card.recall >= 0.90, card.missed[:10]
    # Other records by the same artists and noise (almost) never get a high-confidence result.
    for category in ("same_artist", "noise"):
        assert card.high_by_category.get(category, 0) <= 0.005 * card.by_category[category]
    if with_versions:
        # With the masters' versions, the title's facts single out many pressings.
        assert card.certain_recall > 0.5


def test_titles_one_word_away_from_a_want_are_not_high(
    world_cases: tuple[list[ReleaseSummary], list[LabelledListing], dict[int, list[MasterVersion]]],
) -> None:
    wants, _, _ = world_cases
    world = sandbox_world(SEED, "small")
    near_misses = near_miss_listings(world, wants, 1000, seed=SEED)
    assert len(near_misses) == 1000
    card = evaluate(near_misses, Matcher(wants).match_many([c.listing for c in near_misses]))
    assert card.high_results <= 5, card.wrong
