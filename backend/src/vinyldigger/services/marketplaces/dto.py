"""What the marketplace clients return: one typed shape per concept, whichever marketplace.

Conventions:
- Money is a Decimal with an ISO 4217 currency; a price is the seller's own price and currency
  (the upstream's conversion, when it made one, is kept beside it in `converted_price`).
- Unknown is None, never zero: a listing whose shipping cost is unknown has `shipping=None`;
  `Money(0, ...)` means the marketplace said shipping is free.
- Countries where the marketplaces name a location (`ships_from`, seller country) are ISO
  3166-1 alpha-2 codes; the text the marketplace used is kept in `ships_from_text`.
- Dates are timezone-aware.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from vinyldigger.services.marketplaces.grades import Grade, SleeveState

Platform = Literal["discogs", "ebay"]
BuyingOption = Literal["fixed_price", "auction", "best_offer"]
SearchKind = Literal["release", "master", "artist", "label"]

T = TypeVar("T")


class Dto(BaseModel):
    model_config = ConfigDict(frozen=True)


class Money(Dto):
    amount: Decimal
    currency: str = Field(min_length=3, max_length=3)


class LabelRef(Dto):
    name: str
    catno: str | None = None


class ReleaseSummary(Dto):
    release_id: int
    master_id: int | None = None
    title: str
    artists: list[str] = Field(default_factory=list)
    labels: list[LabelRef] = Field(default_factory=list)
    # Format names and descriptions flattened in order, without repeats: ["Vinyl", "LP", "Album"].
    formats: list[str] = Field(default_factory=list)
    year: int | None = None
    # Discogs' own vocabulary ("UK", "Europe", "UK & US"), not an ISO code.
    country: str | None = None
    thumb: str | None = None
    cover_image: str | None = None
    barcodes: list[str] = Field(default_factory=list)


class WantItem(Dto):
    release: ReleaseSummary
    # Absent from want lists recorded before Discogs added the field.
    date_added: datetime | None = None
    rating: int = 0
    notes: str | None = None


class CollectionEntry(Dto):
    """One owned copy (a collection instance); grades come from note fields 1 and 2."""

    instance_id: int
    folder_id: int | None = None
    release: ReleaseSummary
    date_added: datetime | None = None
    rating: int = 0
    media_grade: Grade | None = None
    sleeve_grade: Grade | None = None
    sleeve_state: SleeveState | None = None
    notes: str | None = None


class PageInfo(Dto):
    page: int
    pages: int
    per_page: int
    items: int

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


class Page(Dto, Generic[T]):
    items: list[T]
    info: PageInfo


class DiscogsIdentity(Dto):
    id: int
    username: str


class ReleaseDetail(Dto):
    summary: ReleaseSummary
    num_for_sale: int = 0
    # In the currency the client asked for (Discogs converts).
    lowest_price: Money | None = None
    blocked_from_sale: bool = False
    genres: list[str] = Field(default_factory=list)
    styles: list[str] = Field(default_factory=list)


class MasterDetail(Dto):
    master_id: int
    title: str
    artists: list[str] = Field(default_factory=list)
    year: int | None = None
    main_release_id: int | None = None
    most_recent_release_id: int | None = None
    num_for_sale: int = 0
    lowest_price: Money | None = None
    genres: list[str] = Field(default_factory=list)
    styles: list[str] = Field(default_factory=list)
    thumb: str | None = None


class MasterVersion(Dto):
    """One pressing of a master, as listed by /masters/{id}/versions."""

    release_id: int
    title: str
    label: str | None = None
    catno: str | None = None
    country: str | None = None
    year: int | None = None
    # As Discogs writes it: "1979", "1979-06-00"; `year` is read from it.
    released: str | None = None
    # The version's format line split at commas: ["LP", "Album", "Reissue", "180 Gram"].
    formats: list[str] = Field(default_factory=list)
    major_formats: list[str] = Field(default_factory=list)
    thumb: str | None = None


class MarketStats(Dto):
    num_for_sale: int = 0
    lowest_price: Money | None = None
    blocked_from_sale: bool = False


class SearchResult(Dto):
    """A database search hit. `id` is a release id or a master id depending on `kind`."""

    kind: SearchKind
    id: int
    master_id: int | None = None
    title: str
    artists: list[str] = Field(default_factory=list)
    labels: list[LabelRef] = Field(default_factory=list)
    formats: list[str] = Field(default_factory=list)
    year: int | None = None
    country: str | None = None
    barcodes: list[str] = Field(default_factory=list)
    thumb: str | None = None
    cover_image: str | None = None

    def as_release_summary(self) -> ReleaseSummary | None:
        if self.kind != "release":
            return None
        return ReleaseSummary(
            release_id=self.id,
            master_id=self.master_id,
            title=self.title,
            artists=self.artists,
            labels=self.labels,
            formats=self.formats,
            year=self.year,
            country=self.country,
            thumb=self.thumb,
            cover_image=self.cover_image,
            barcodes=self.barcodes,
        )


class SellerRef(Dto):
    username: str
    # Discogs user id; eBay search results carry none.
    id: str | None = None
    # Positive feedback in percent (0-100) and how many ratings it rests on.
    rating: Decimal | None = None
    rating_count: int | None = None
    country: str | None = None
    # Smallest order the seller accepts, in the seller's currency (Discogs only).
    min_order_total: Money | None = None
    # The seller's own free-text shipping terms (Discogs only).
    shipping_policy: str | None = None


class Listing(Dto):
    """One copy for sale, on either marketplace."""

    platform: Platform
    listing_id: str
    release_id: int | None = None
    title: str
    artist: str | None = None
    media_grade: Grade | None = None
    sleeve_grade: Grade | None = None
    sleeve_state: SleeveState | None = None
    price: Money
    converted_price: Money | None = None
    shipping: Money | None = None
    seller: SellerRef
    ships_from: str | None = None
    ships_from_text: str | None = None
    url: str
    image: str | None = None
    buying_option: BuyingOption = "fixed_price"
    accepts_offers: bool = False
    auction_end: datetime | None = None
    bid_count: int | None = None
    posted_at: datetime | None = None
    for_sale: bool = True
    condition_text: str | None = None
    comments: str | None = None
    catalog_number: str | None = None
    barcode: str | None = None
    format_text: str | None = None
    # eBay item specifics "Record Label" and "Release Year", and the item's leaf category
    # ("176985", "Records"): what the seller filed it as, which may say it is no record.
    label: str | None = None
    release_year: int | None = None
    category_id: str | None = None
    category: str | None = None


class EbaySearchPage(Dto):
    items: list[Listing]
    total: int
    offset: int
    limit: int
    # Offset of the next page, or None on the last page (or past eBay's 10,000-item cap).
    next_offset: int | None = None
    # Items on the page that could not be read (no id or price) and are not in `items`.
    skipped_items: int = 0
