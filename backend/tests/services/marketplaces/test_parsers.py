"""The parsers read every recorded real response in ../shared/fixtures into the right DTOs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

from tests.services.marketplaces.conftest import load_shared, shared_fixtures_dir
from vinyldigger.services.marketplaces.discogs import parsers as discogs
from vinyldigger.services.marketplaces.dto import LabelRef, Money
from vinyldigger.services.marketplaces.ebay import parsers as ebay
from vinyldigger.services.marketplaces.grades import Grade, SleeveState
from vinyldigger.services.marketplaces.ratelimit import ServerBudget

PACIFIC_DAYLIGHT = timezone(timedelta(hours=-7))


def usd(amount: str) -> Money:
    return Money(amount=Decimal(amount), currency="USD")


def check_collection_page(data: Any) -> None:
    page = discogs.parse_collection_page(data)
    assert (page.info.page, page.info.pages, page.info.per_page) == (1, 59, 50)
    assert page.info.items == 2924
    first = page.items[0]
    assert first.instance_id == 34161728 and first.folder_id == 105210
    assert first.release.release_id == 4275843
    assert first.release.title == "Breakfast Can Wait"
    assert first.release.artists == ["Prince"]
    assert first.release.formats == ["File", "MP3", "Single"]
    assert first.release.labels == [LabelRef(name="3rdeyegirl.com", catno=None)]
    assert first.date_added == datetime(2013, 8, 19, 14, 22, 23, tzinfo=PACIFIC_DAYLIGHT)
    # "Digital (D)" is not a Goldmine grade; "No Cover" is a sleeve state, not a grade.
    assert first.media_grade is None
    assert first.sleeve_grade is None and first.sleeve_state is SleeveState.NO_COVER


def check_collection_page_2014(data: Any) -> None:
    page = discogs.parse_collection_page(data)
    assert len(page.items) == 5 and page.info.pages == 62
    first = page.items[0]
    assert first.release.release_id == 1845027
    assert first.release.formats == ["Vinyl", "LP", "Album", "45 RPM"]
    assert first.release.labels == [LabelRef(name="Šot Records", catno="SR 0001-1311")]
    assert first.date_added is None and first.folder_id is None
    assert page.items[2].release.artists == ["Root"]
    assert page.items[4].release.formats == ["CD", "Album"]


def check_collection_page_2026(data: Any) -> None:
    page = discogs.parse_collection_page(data)
    assert [entry.folder_id for entry in page.items] == [9358762, 9358764]
    assert [entry.instance_id for entry in page.items] == [2148766030, 2148766289]
    release = page.items[0].release
    assert release.master_id == 156551 and release.year == 1997
    assert release.labels == [LabelRef(name="Nuclear Blast", catno="NB 265-2")]
    assert release.cover_image is not None and release.cover_image.startswith("https://i.discogs")


def check_database_search(data: Any) -> None:
    page = discogs.parse_search_page(data)
    master, release = page.items
    assert (master.kind, master.id, master.year) == ("master", 1618299, 2019)
    assert master.as_release_summary() is None
    assert (release.kind, release.id, release.master_id) == ("release", 14339492, 1618299)
    assert release.artists == ["Babymetal"] and release.title == "Metal Galaxy"
    assert release.formats == ["Vinyl", "LP", "Album", "Limited Edition"]
    assert release.labels[0] == LabelRef(name="Ear Music", catno="0214346EMU")
    assert "4029759143468" in release.barcodes
    summary = release.as_release_summary()
    assert summary is not None and summary.release_id == 14339492 and summary.country == "US"


def check_database_search_2014(data: Any) -> None:
    page = discogs.parse_search_page(data)
    assert [result.id for result in page.items] == [2633081, 1192657, 1206759, 3509951]
    seven_inch = page.items[1]
    assert seven_inch.formats == ["Vinyl", '7"', "33 ⅓ RPM", "Limited Edition"]
    assert seven_inch.year == 2003 and seven_inch.country == "Germany"
    assert seven_inch.artists == ["Isenheim / Uruk-Hai"]
    assert page.items[2].year is None and page.items[2].country is None


def check_inventory_page(data: Any) -> None:
    page = discogs.parse_inventory_page(data)
    first = page.items[0]
    assert first.platform == "discogs" and first.listing_id == "3526621535"
    assert first.release_id == 416300 and first.artist == "Live"
    assert (first.media_grade, first.sleeve_grade) == (Grade.NM, Grade.VG_PLUS)
    assert first.price == usd("14.99") and first.converted_price is None
    assert first.shipping is None  # `{}`: unknown, not free
    assert first.seller.username == "SomeSeller" and first.seller.id == "1234567"
    assert first.seller.rating == Decimal("100.0") and first.seller.rating_count == 50
    assert first.seller.min_order_total == usd("9.99")
    assert first.ships_from == "US" and first.accepts_offers is True
    assert first.catalog_number == "RAD 31974"
    assert page.items[1].sleeve_grade is Grade.VG


def check_inventory_page_docs(data: Any) -> None:
    page = discogs.parse_inventory_page(data)
    assert [listing.price.amount for listing in page.items] == [
        Decimal("149.99"),
        Decimal("49.99"),
        Decimal("39.99"),
        Decimal("229.99"),
    ]
    # Older listings carry only `description`: artist and title come from it.
    serato = page.items[1]
    assert (serato.artist, serato.title) == ("Various", "Stones Throw X Serato")
    assert serato.format_text == '2x12", Ltd, Cle'
    assert page.items[2].media_grade is Grade.VG_PLUS and page.items[2].sleeve_grade is Grade.NM
    assert all(listing.seller.username == "rappcats" for listing in page.items)


def check_marketplace_listing(data: Any) -> None:
    listing = discogs.parse_listing(data)
    assert listing.listing_id == "1265949252" and listing.release_id == 16274231
    assert listing.price == Money(amount=Decimal("75.94"), currency="EUR")
    assert listing.converted_price == usd("89.34")
    assert listing.shipping is None
    assert (listing.media_grade, listing.sleeve_grade) == (Grade.M, Grade.M)
    assert listing.ships_from == "DE" and listing.ships_from_text == "Germany"
    assert listing.seller.rating == Decimal("99.8") and listing.seller.min_order_total is None
    assert listing.posted_at == datetime(2025, 8, 14, 14, 37, 55, tzinfo=UTC)
    assert listing.url == "https://www.discogs.com/sell/item/1265949252"


def check_marketplace_listing_2014(data: Any) -> None:
    listing = discogs.parse_listing(data)
    assert listing.price == Money(amount=Decimal("32.9"), currency="EUR")
    assert listing.ships_from == "GR" and listing.title == "Dark Castle"
    assert listing.artist == "Medieval Steel" and listing.catalog_number == "ER 006"
    # No offset in old responses: Discogs times are US Pacific.
    assert listing.posted_at == datetime(2014, 5, 1, 16, 46, 6, tzinfo=UTC)


def check_marketplace_stats(data: Any) -> None:
    stats = discogs.parse_market_stats(data)
    assert stats.num_for_sale == 26
    assert stats.lowest_price == usd("2.09")
    assert stats.blocked_from_sale is False


def check_master_versions(data: Any) -> None:
    page = discogs.parse_master_versions_page(data)
    assert (page.info.pages, page.info.items) == (15, 15)
    (version,) = page.items
    assert version.release_id == 1884844 and version.label == "Irond"
    assert version.catno == "CD 06-1164" and version.year == 2005
    assert version.major_formats == ["CD"] and version.country == "Russia"


def check_identity(data: Any) -> None:
    identity = discogs.parse_identity(data)
    assert (identity.id, identity.username) == (12579295, "DamIDhagor")


def check_price_suggestions(data: Any) -> None:
    suggestions = discogs.parse_price_suggestions(data)
    assert set(suggestions) == set(Grade)
    assert suggestions[Grade.NM] == usd("12.8118613")
    assert suggestions[Grade.P].amount == Decimal("0.7536389000000001")


def check_release(data: Any) -> None:
    detail = discogs.parse_release(data, "USD")
    summary = detail.summary
    assert (summary.release_id, summary.master_id) == (249504, 96559)
    assert summary.title == "Never Gonna Give You Up" and summary.artists == ["Rick Astley"]
    assert summary.labels == [LabelRef(name="RCA", catno="PB 41447")]
    assert summary.formats == ["Vinyl", '7"', "45 RPM", "Single"]
    assert (summary.year, summary.country) == (1987, "UK")
    assert summary.thumb is None  # unauthenticated calls return ""
    assert summary.barcodes == ["5012394144777"]
    assert detail.num_for_sale == 82 and detail.lowest_price == usd("0.84")
    assert detail.genres == ["Electronic", "Pop"] and detail.blocked_from_sale is False


def check_rate_limit_headers(data: Any) -> None:
    assert discogs.parse_rate_limit_headers(data["oauth_identity_200"]) == ServerBudget(60, 60)
    assert discogs.parse_rate_limit_headers(data["user_wants_200"]) == ServerBudget(60, 55)


def check_want_added(data: Any) -> None:
    want = discogs.parse_want(data)
    assert want.release.release_id == 5134861 and want.release.master_id == 156551
    assert want.release.formats == ["CD", "Album", "Promo"]
    assert want.date_added == datetime(2026, 6, 13, 22, 55, 13, tzinfo=UTC)
    assert (want.rating, want.notes) == (0, None)


def check_wants_page_2014(data: Any) -> None:
    page = discogs.parse_wants_page(data)
    assert (page.info.page, page.info.pages, page.info.per_page, page.info.items) == (1, 16, 5, 77)
    assert [want.release.release_id for want in page.items] == [
        2360509,
        2621680,
        1898962,
        3161516,
        1737331,
    ]
    first = page.items[0]
    assert first.release.artists == ["Formel 1"] and first.date_added is None
    assert first.release.formats == ["Vinyl", '7"', "45 RPM", "Single"]
    assert page.items[3].release.labels == [LabelRef(name="Barrabas Producciones", catno="BLP-2")]


def check_wants_page_empty(data: Any) -> None:
    page = discogs.parse_wants_page(data)
    assert page.items == [] and page.info.items == 0 and not page.info.has_next


def check_discogs_error(expected: str) -> Callable[[Any], None]:
    def check(data: Any) -> None:
        assert discogs.parse_error_message(data) == expected

    return check


def check_ebay_docs_sample(data: Any) -> None:
    page = ebay.parse_search_page(data)
    assert (page.total, page.offset, page.limit, page.next_offset) == (260202, 0, 3, 3)
    first = page.items[0]
    assert first.platform == "ebay" and first.listing_id == "v1|1**********1|0"
    assert first.price == usd("59.99") and first.shipping == usd("0.00")
    assert first.buying_option == "fixed_price" and first.accepts_offers is True
    assert first.seller.rating == Decimal("98.6") and first.seller.rating_count == 130000
    assert first.ships_from == "US" and first.condition_text == "New"
    assert page.items[2].accepts_offers is False


def check_ebay_best_match(data: Any) -> None:
    page = ebay.parse_search_page(data)
    assert len(page.items) == 9 and page.total == 8532919 and page.next_offset == 100
    assert page.items[0].seller.username == "cocosprinkles"
    assert page.items[0].price == usd("189.99")
    calculated = page.items[-1]
    assert calculated.listing_id == "v1|204382503530|0"
    assert calculated.shipping is None  # CALCULATED at checkout: unknown
    assert calculated.accepts_offers is True


def check_ebay_sort_price(data: Any) -> None:
    page = ebay.parse_search_page(data)
    first = page.items[0]
    # eBay converted CAD to USD; the seller's own price is kept, the conversion beside it.
    assert first.price == Money(amount=Decimal("0.99"), currency="CAD")
    assert first.converted_price == usd("0.75")
    assert first.shipping == Money(amount=Decimal("0.00"), currency="CAD")
    assert first.ships_from == "CN"
    assert page.items[-1].ships_from == "CA" and page.items[-1].condition_text == "Like New"


def check_ebay_token(data: Any) -> None:
    token = ebay.parse_token(data)
    assert token.expires_in == 7200
    assert token.access_token.get_secret_value().startswith("v^1.1#")
    assert "v^1.1" not in repr(token)


CHECKS: dict[str, Callable[[Any], None]] = {
    "discogs/collection_folder0_page.json": check_collection_page,
    "discogs/collection_folder0_page_2014.json": check_collection_page_2014,
    "discogs/collection_folder0_page_2026.json": check_collection_page_2026,
    "discogs/database_search.json": check_database_search,
    "discogs/database_search_2014.json": check_database_search_2014,
    "discogs/error_401_unauthenticated.json": check_discogs_error(
        "You must authenticate to access this resource."
    ),
    "discogs/error_404_release.json": check_discogs_error("Release not found."),
    "discogs/inventory_page.json": check_inventory_page,
    "discogs/inventory_page_docs.json": check_inventory_page_docs,
    "discogs/marketplace_listing.json": check_marketplace_listing,
    "discogs/marketplace_listing_2014.json": check_marketplace_listing_2014,
    "discogs/marketplace_stats.json": check_marketplace_stats,
    "discogs/master_versions.json": check_master_versions,
    "discogs/oauth_identity.json": check_identity,
    "discogs/price_suggestions.json": check_price_suggestions,
    "discogs/release_249504.json": check_release,
    "discogs/response_headers_2026.json": check_rate_limit_headers,
    "discogs/want_added_2026.json": check_want_added,
    "discogs/wants_page_2014.json": check_wants_page_2014,
    "discogs/wants_page_empty_2026.json": check_wants_page_empty,
    "ebay/item_summary_search_docs_sample.json": check_ebay_docs_sample,
    "ebay/item_summary_search_bestmatch_trimmed.json": check_ebay_best_match,
    "ebay/item_summary_search_sort_price_trimmed.json": check_ebay_sort_price,
    "ebay/oauth_token_application.json": check_ebay_token,
    "ebay/oauth_token_user.json": check_ebay_token,
    "ebay/oauth_token_refresh.json": check_ebay_token,
}


@pytest.mark.parametrize("fixture", sorted(CHECKS))
def test_recorded_response_parses(fixture: str) -> None:
    CHECKS[fixture](load_shared(fixture))


def test_every_recorded_response_is_checked() -> None:
    """A fixture added to ../shared must get a check here, or this fails."""
    root = shared_fixtures_dir()
    if not root.is_dir():
        pytest.skip(f"recorded fixtures not found at {root} (set VINYLDIGGER_FIXTURES_DIR)")
    present = {path.relative_to(root).as_posix() for path in root.rglob("*.json")}
    assert present == set(CHECKS)
