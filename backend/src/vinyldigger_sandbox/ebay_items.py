"""What an eBay item is: its kinds (records and the noise around them) and its fields."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from vinyldigger_sandbox.rng import cumulative_weights
from vinyldigger_sandbox.sellers import Seller

EBAY_ID_BASE = 256_000_000_000
KIND_RECORD, KIND_OTHER_FORMAT, KIND_LOT, KIND_ACCESSORY, KIND_UNLISTED, KIND_MEMORABILIA = range(6)
KIND_NAMES = ("record", "other_format", "lot", "accessory", "unlisted_record", "memorabilia")
KIND_CUMULATIVE = cumulative_weights((72, 6, 5, 4, 8, 5))
AUCTION_DAYS = (1, 3, 5, 7, 10)
RECORDS_CATEGORY = ("176985", "Records")
CATEGORY_BY_KIND = {
    KIND_OTHER_FORMAT: ("176984", "CDs"),
    KIND_ACCESSORY: ("50586", "Record Player & Turntable Parts"),
    KIND_MEMORABILIA: ("2329", "Music Memorabilia"),
}


def listing_currency(seller: Seller) -> str:
    """eBay sites sell in few currencies: Swedes and Swiss list in EUR, Japanese in USD."""
    return {"SEK": "EUR", "CHF": "EUR", "JPY": "USD"}.get(seller.currency, seller.currency)


@dataclass(slots=True)
class EbayItem:
    """One eBay listing; treated as immutable (not frozen only because that is slower)."""

    ordinal: int
    kind: int
    release_index: int | None
    master_index: int | None
    seller_index: int
    title: str
    category: tuple[str, str]
    condition_id: str
    media_grade: str | None
    sleeve_grade: str | None
    # What the title states (RecordTitle's codes), and whether the seller filled in the
    # grading item specifics.
    title_media: str | None
    title_sleeve: str | None
    graded_specifics: bool
    price: float
    currency: str
    is_auction: bool
    value_estimate: float
    best_offer: bool
    created: datetime
    ends: datetime | None
    shipping_calculated: bool
    free_domestic_shipping: bool
    gtin: str | None
    epid: str | None
    discount_percent: int
    top_rated: bool
    image_count: int

    @property
    def legacy_id(self) -> int:
        return EBAY_ID_BASE + self.ordinal

    @property
    def item_id(self) -> str:
        return f"v1|{self.legacy_id}|0"
