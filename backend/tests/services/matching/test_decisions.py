"""User decisions: a rejected pair is never proposed again, a confirmed one always is."""

from __future__ import annotations

from tests.services.matching.factories import listing, release
from vinyldigger.services.marketplaces.dto import Listing, Money, SellerRef
from vinyldigger.services.matching import MatchDecision, Matcher, listing_key

ABBEY_UK = release(1, "The Beatles", "Abbey Road", master_id=10, year=1969, country="UK",
                   label="Apple Records", catno="PCS 7088")  # fmt: skip
ABBEY_US = release(2, "The Beatles", "Abbey Road", master_id=10, year=1969, country="US",
                   label="Apple Records", catno="SO-383")  # fmt: skip
REVOLVER = release(3, "The Beatles", "Revolver", master_id=12, year=1966, country="UK",
                   label="Parlophone", catno="PMC 7009")  # fmt: skip


def test_listing_key_is_platform_and_id() -> None:
    assert listing_key(listing("x", listing_id="v1|256000000001|0")) == "ebay:v1|256000000001|0"


def test_a_rejected_release_is_not_proposed_again_for_that_listing() -> None:
    matcher = Matcher([ABBEY_UK])
    item = listing("Beatles Abbey Road LP UK PCS 7088", listing_id="a")
    assert matcher.match(item) is not None
    rejected = MatchDecision(listing_key=listing_key(item), release_id=1, verdict="rejected")
    assert matcher.match(item, [rejected]) is None


def test_after_a_rejection_the_next_best_candidate_may_be_proposed() -> None:
    matcher = Matcher([ABBEY_UK, ABBEY_US])
    item = listing("Beatles Abbey Road LP UK 1969", listing_id="a")
    first = matcher.match(item)
    assert first is not None and first.release_id == 1
    rejected = MatchDecision(listing_key=listing_key(item), release_id=1, verdict="rejected")
    second = matcher.match(item, [rejected])
    assert second is not None and second.release_id == 2
    # The US pressing contradicts "UK": it is offered as another pressing of the master.
    assert second.pressing == "other"


def test_a_rejection_only_concerns_its_own_listing() -> None:
    matcher = Matcher([ABBEY_UK])
    one = listing("Beatles Abbey Road LP", listing_id="one")
    two = listing("Beatles Abbey Road LP", listing_id="two")
    decisions = [MatchDecision(listing_key=listing_key(one), release_id=1, verdict="rejected")]
    results = matcher.match_many([one, two], decisions)
    assert results[0] is None
    assert results[1] is not None and results[1].release_id == 1


def test_a_confirmed_pair_is_returned_with_full_score() -> None:
    matcher = Matcher([ABBEY_UK, REVOLVER])
    # Too vague to match on its own.
    item = listing("Beatles LP lot clearance", listing_id="c")
    unconfirmed = matcher.match(item)
    assert unconfirmed is None or unconfirmed.confidence == "low"
    confirmed = MatchDecision(listing_key=listing_key(item), release_id=3, verdict="confirmed")
    result = matcher.match(item, [confirmed])
    assert result is not None
    assert (result.release_id, result.master_id, result.score) == (3, 12, 1.0)
    assert (result.method, result.confidence, result.pressing) == ("confirmed", "high", "same")


def test_match_many_keeps_the_order_of_the_listings() -> None:
    matcher = Matcher([ABBEY_UK, REVOLVER])
    items = [
        listing("Beatles Revolver LP", listing_id="r"),
        listing("Pink Floyd Animals LP", listing_id="p"),
        listing("Beatles Abbey Road LP", listing_id="a"),
    ]
    results = matcher.match_many(items)
    assert [result.release_id if result else None for result in results] == [3, None, 1]


def test_discogs_listings_match_by_release_id() -> None:
    matcher = Matcher([ABBEY_UK, REVOLVER])
    discogs = Listing(platform="discogs", listing_id="99", release_id=3, title="anything",
                      price=Money(amount=1, currency="EUR"), seller=SellerRef(username="s"),
                      url="https://www.discogs.test/sell/item/99")  # fmt: skip
    result = matcher.match(discogs)
    assert result is not None
    assert (result.release_id, result.method, result.release_certain) == (3, "release_id", True)
    other = discogs.model_copy(update={"release_id": 777})
    assert matcher.match(other) is None
