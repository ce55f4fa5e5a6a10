"""The one rule of "wanted": this pressing, or pressing not stated where any pressing is fine."""

from __future__ import annotations

import pytest

from vinyldigger.services.matching import MatchResult, PressingVerdict
from vinyldigger.services.search_run.filters import Library, flags_for, pressing_not_stated
from vinyldigger.services.wanted_rule import is_wanted

WANTED, OWNED_OTHER, MASTER = 11, 12, 100


def result(pressing: PressingVerdict, release_id: int = WANTED) -> MatchResult:
    return MatchResult(
        listing_key="ebay:1",
        release_id=release_id,
        master_id=MASTER,
        pressing=pressing,
        score=0.9,
        confidence="high",
        method="fuzzy",
    )


def library(*, any_pressing: bool) -> Library:
    return Library(
        wanted_releases=frozenset({WANTED}),
        wanted_masters=frozenset({MASTER}),
        owned={OWNED_OTHER: None},
        any_pressing=frozenset({WANTED}) if any_pressing else frozenset(),
    )


@pytest.mark.parametrize(
    ("pressing", "any_pressing", "wanted", "other"),
    [
        ("same", False, True, False),
        ("same", True, True, False),
        ("undetermined", False, False, False),
        ("undetermined", True, True, False),
        ("other", False, False, True),
        ("other", True, False, True),
    ],
)
def test_only_this_pressing_or_an_unstated_one_for_any_pressing_wants_is_wanted(
    pressing: PressingVerdict, any_pressing: bool, wanted: bool, other: bool
) -> None:
    flags = flags_for(result(pressing), library(any_pressing=any_pressing), None)
    assert (flags.wanted, flags.other_pressing) == (wanted, other)
    assert is_wanted(pressing, release_wanted=True, any_pressing=any_pressing) is wanted


def test_a_pressing_not_stated_is_shown_as_such_whether_wanted_or_not() -> None:
    for any_pressing in (False, True):
        assert pressing_not_stated(result("undetermined"), library(any_pressing=any_pressing))
    assert not pressing_not_stated(result("same"), library(any_pressing=False))


def test_an_owned_release_of_a_wanted_album_is_another_pressing_of_it() -> None:
    flags = flags_for(result("same", OWNED_OTHER), library(any_pressing=True), None)
    assert (flags.wanted, flags.other_pressing, flags.owned) == (False, True, True)
    assert not is_wanted("same", release_wanted=False, any_pressing=True)
