"""Parsers on the project's own sample bodies (same shapes, made-up data), so that the
cases no recorded response shows are covered and the tests run without ../shared."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from tests.services.marketplaces.conftest import load_own
from vinyldigger.services.marketplaces.discogs import parsers as discogs
from vinyldigger.services.marketplaces.dto import LabelRef, Money
from vinyldigger.services.marketplaces.ebay import parsers as ebay
from vinyldigger.services.marketplaces.grades import Grade, SleeveState


def gbp(amount: str) -> Money:
    return Money(amount=Decimal(amount), currency="GBP")


def test_modern_wants_page() -> None:
    page = discogs.parse_wants_page(load_own("discogs_wants_page.json"))
    assert (page.info.page, page.info.pages, page.info.items) == (2, 3, 5)
    assert page.info.has_next
    first, second = page.items
    assert first.rating == 4 and first.notes == "Only the first press with the gatefold"
    assert first.date_added == datetime(2025, 11, 2, 17, 30, tzinfo=UTC)
    assert first.release.artists == ["The Quiet Shoals", "Mara Vell"]
    # Two vinyl formats flatten to one list without repeating "Vinyl".
    assert first.release.formats == ["Vinyl", "LP", "Album", '7"', "Single"]
    assert first.release.thumb is None
    assert first.release.cover_image == "https://img.example.test/r-9000001.jpg"
    # Discogs sends 0 for "no master" and "no year", and "none" for "no catalogue number".
    assert second.release.master_id is None and second.release.year is None
    assert second.release.labels == [LabelRef(name="Not On Label", catno=None)]
    assert second.notes is None


def test_collection_grades_from_note_fields() -> None:
    page = discogs.parse_collection_page(load_own("discogs_collection_page.json"))
    generic, graded = page.items
    assert generic.media_grade is Grade.VG_PLUS
    assert generic.sleeve_grade is None and generic.sleeve_state is SleeveState.GENERIC
    assert generic.notes == "Bought at the Leeds record fair" and generic.rating == 5
    assert (graded.media_grade, graded.sleeve_grade) == (Grade.NM, Grade.G_PLUS)
    assert graded.sleeve_state is None and graded.notes is None


def test_release_without_offers_and_with_barcodes() -> None:
    detail = discogs.parse_release(load_own("discogs_release.json"), "EUR")
    assert detail.num_for_sale == 0 and detail.lowest_price is None
    assert detail.summary.barcodes == ["5 012345 678900", "5012345678900"]
    assert detail.summary.formats == ["Vinyl", "LP", "Album", "Reissue"]
    assert detail.summary.country == "Europe" and detail.styles == ["Synth-pop", "New Wave"]


def test_master_lowest_price_in_requested_currency() -> None:
    master = discogs.parse_master(load_own("discogs_master.json"), "EUR")
    assert (master.master_id, master.main_release_id, master.most_recent_release_id) == (
        70003,
        9000003,
        9000044,
    )
    assert master.lowest_price == Money(amount=Decimal("18.5"), currency="EUR")
    assert master.num_for_sale == 12 and master.thumb == "https://img.example.test/m150.jpg"


def test_stats_with_nothing_for_sale() -> None:
    stats = discogs.parse_market_stats(load_own("discogs_stats_nothing_for_sale.json"))
    assert stats.num_for_sale == 0 and stats.lowest_price is None and stats.blocked_from_sale


def test_sold_listing_keeps_seller_currency_and_known_shipping() -> None:
    listing = discogs.parse_listing(load_own("discogs_listing_sold.json"))
    assert listing.for_sale is False
    assert listing.price == gbp("10.0")
    assert listing.converted_price == Money(amount=Decimal("11.67"), currency="EUR")
    assert listing.shipping == gbp("4.5")
    assert listing.media_grade is Grade.G_PLUS
    assert listing.sleeve_grade is None and listing.sleeve_state is SleeveState.NO_COVER
    assert listing.ships_from == "GB" and listing.seller.min_order_total == gbp("15.0")
    assert listing.seller.shipping_policy == "UK 2nd class £4.50"


def test_search_artist_and_release_hits() -> None:
    page = discogs.parse_search_page(load_own("discogs_search_artist.json"))
    artist, release = page.items
    assert artist.kind == "artist" and artist.id == 3003 and artist.thumb is None
    assert release.as_release_summary() is not None
    assert release.labels == [LabelRef(name="Orchard Sound", catno="OS 12")]


def test_ebay_auction_title_grades_and_cheapest_shipping() -> None:
    page = ebay.parse_search_page(load_own("ebay_search.json"))
    # eBay serves at most 10,000 results: there is no page after offset 9,998 + 2.
    assert page.total == 10450 and page.next_offset is None
    auction, offer_only = page.items
    assert auction.buying_option == "auction" and auction.bid_count == 3
    assert auction.price == gbp("14.00")  # the current bid, not the start price
    assert auction.auction_end == datetime(2026, 6, 20, 18, 30, tzinfo=UTC)
    assert auction.shipping == gbp("3.20")
    assert (auction.media_grade, auction.sleeve_grade) == (Grade.VG_PLUS, Grade.VG)
    assert auction.ships_from == "GB" and auction.seller.rating == Decimal("100.0")
    assert offer_only.buying_option == "best_offer" and offer_only.accepts_offers
    assert offer_only.price == Money(amount=Decimal("25.00"), currency="EUR")
    assert offer_only.converted_price == gbp("22.00")
    assert offer_only.shipping is None and offer_only.media_grade is None
    assert offer_only.image == "https://i.ebayimg.example.test/2.jpg"


def test_ebay_search_without_results() -> None:
    page = ebay.parse_search_page(load_own("ebay_search_empty.json"))
    assert page.items == [] and page.total == 0 and page.next_offset is None
    assert page.skipped_items == 0


def test_ebay_item_with_aspects() -> None:
    item = ebay.parse_item_body(load_own("ebay_item.json"))
    assert item.artist == "Pell Harrow" and item.barcode == "5012345678900"
    assert (item.media_grade, item.sleeve_grade) == (Grade.NM, Grade.VG_PLUS)
    assert item.catalog_number == "OS 12" and item.format_text == "LP"
    assert item.shipping == Money(amount=Decimal("0.00"), currency="USD")
    assert item.comments == "Original 1984 pressing, cleaned."


def test_ebay_error_message() -> None:
    message = ebay.parse_error_message(load_own("ebay_error.json"))
    assert message == "The value of the 'filter' parameter 'price' is invalid."
    assert ebay.parse_error_message({"error": "invalid_client"}) == "invalid_client"


def test_item_without_price_is_rejected() -> None:
    body = load_own("ebay_item.json")
    del body["price"]
    with pytest.raises(ValueError, match="price"):
        ebay.parse_item_body(body)


def test_search_page_skips_unreadable_items_and_counts_them() -> None:
    body = load_own("ebay_search.json")
    del body["itemSummaries"][0]["price"]
    del body["itemSummaries"][0]["currentBidPrice"]
    page = ebay.parse_search_page(body)
    assert [item.listing_id for item in page.items] == ["v1|400000000002|0"]
    assert page.skipped_items == 1


def _graded_item(**fields: object) -> dict[str, object]:
    return {
        "itemId": "v1|42|0",
        "title": "CAN Tago Mago 2LP United Artists 1971 Media F Sleeve P",
        "price": {"value": "20.00", "currency": "EUR"},
        **fields,
    }


def test_ebay_item_specifics_come_before_the_title() -> None:
    specifics = ebay.parse_item(
        _graded_item(
            localizedAspects=[
                {"type": "STRING", "name": "Record Grading", "value": "Very Good Plus (VG+)"},
                {"type": "STRING", "name": "Sleeve Grading", "value": "E (Excellent) cornerbump"},
            ]
        )
    )
    assert (specifics.media_grade, specifics.sleeve_grade) == (Grade.VG_PLUS, Grade.VG_PLUS)
    title_only = ebay.parse_item(_graded_item())
    assert (title_only.media_grade, title_only.sleeve_grade) == (Grade.F, Grade.P)
    # Condition descriptors are read like item specifics; a sleeve state is not a grade.
    described = ebay.parse_item(
        _graded_item(
            conditionDescriptors=[
                {"name": "Record Grading", "values": [{"content": "Near Mint (NM or M-)"}]},
                {"name": "Sleeve Grading", "values": [{"content": "No Cover"}]},
            ]
        )
    )
    assert (described.media_grade, described.sleeve_grade) == (Grade.NM, None)
    assert described.sleeve_state is SleeveState.NO_COVER


def test_ebay_title_states_sealed_and_no_cover() -> None:
    sealed = ebay.parse_item(_graded_item(title="Radiohead OK Computer 2LP Factory Sealed"))
    assert (sealed.media_grade, sealed.sleeve_grade, sealed.sleeve_state) == (Grade.M, None, None)
    bare = ebay.parse_item(_graded_item(title="Led Zeppelin IV LP record only VG"))
    assert (bare.media_grade, bare.sleeve_grade) == (Grade.VG, None)
    assert bare.sleeve_state is SleeveState.NO_COVER


def test_ebay_label_year_and_category_are_carried() -> None:
    detail = ebay.parse_item(
        _graded_item(
            categoryId="176984",
            categoryPath="Music|CDs",
            localizedAspects=[
                {"type": "STRING", "name": "Record Label", "value": "United Artists"},
                {"type": "STRING", "name": "Release Year", "value": "1971"},
                {"type": "STRING", "name": "Format", "value": "CD"},
            ],
        )
    )
    assert (detail.label, detail.release_year, detail.format_text) == ("United Artists", 1971, "CD")
    assert (detail.category_id, detail.category) == ("176984", "CDs")
    summary = ebay.parse_item(
        _graded_item(categories=[{"categoryId": "176985", "categoryName": "Records"},
                                 {"categoryId": "11233", "categoryName": "Music"}])
    )  # fmt: skip
    assert (summary.category_id, summary.category) == ("176985", "Records")
    assert summary.label is None and summary.release_year is None
