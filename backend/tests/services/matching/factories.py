"""Hand-written candidates and listings for the matching tests."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from vinyldigger.services.marketplaces.dto import (
    LabelRef,
    Listing,
    MasterVersion,
    Money,
    ReleaseSummary,
    SellerRef,
)

LP = ("Vinyl", "LP", "Album")
SEVEN_INCH = ("Vinyl", '7"', "45 RPM", "Single")


def release(
    release_id: int,
    artist: str | Sequence[str],
    title: str,
    *,
    master_id: int | None = None,
    year: int | None = None,
    country: str | None = None,
    label: str | None = None,
    catno: str | None = None,
    formats: Sequence[str] = LP,
    barcodes: Sequence[str] = (),
) -> ReleaseSummary:
    return ReleaseSummary(
        release_id=release_id,
        master_id=master_id,
        title=title,
        artists=[artist] if isinstance(artist, str) else list(artist),
        labels=[LabelRef(name=label, catno=catno)] if label else [],
        formats=list(formats),
        year=year,
        country=country,
        barcodes=list(barcodes),
    )


def version(
    release_id: int,
    title: str,
    *,
    year: int,
    country: str,
    label: str,
    catno: str,
    formats: Sequence[str] = ("LP", "Album"),
) -> MasterVersion:
    return MasterVersion(
        release_id=release_id,
        title=title,
        year=year,
        country=country,
        label=label,
        catno=catno,
        formats=list(formats),
        major_formats=["Vinyl"],
    )


def listing(
    title: str,
    *,
    listing_id: str = "1",
    barcode: str | None = None,
    catalog_number: str | None = None,
    artist: str | None = None,
    condition: str | None = "Used",
    format_text: str | None = None,
    category: str | None = None,
    label: str | None = None,
    release_year: int | None = None,
) -> Listing:
    return Listing(
        platform="ebay",
        listing_id=listing_id,
        title=title,
        price=Money(amount=Decimal("20.00"), currency="USD"),
        seller=SellerRef(username="seller"),
        url=f"https://www.ebay.test/itm/{listing_id}",
        barcode=barcode,
        catalog_number=catalog_number,
        artist=artist,
        condition_text=condition,
        format_text=format_text,
        category=category,
        label=label,
        release_year=release_year,
    )
