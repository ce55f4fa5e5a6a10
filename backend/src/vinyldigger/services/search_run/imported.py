"""The companion's listings as a source of a search run: read from the database, no calls.

A want-list run keeps the listings the user imported among its results (matched and flagged
like any other), so a search created after an import shows them too. The source is never
"complete": only a seller crawl or a new read of the listing can say it is gone.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.models import ImportItem, Listing, Seller
from vinyldigger.services.imports.queue import ItemStatus
from vinyldigger.services.marketplaces import dto
from vinyldigger.services.marketplaces.grades import Grade
from vinyldigger.services.search_run.sources import SourceResult

SOURCE_KEY = "discogs:import"


def _grade(value: str | None) -> Grade | None:
    try:
        return Grade(value) if value else None
    except ValueError:
        return None


def listing_dto(listing: Listing, seller: Seller) -> dto.Listing:
    """A stored Discogs listing in the shape the run's matching and storing expect."""
    min_order = (
        dto.Money(amount=seller.min_order_amount, currency=seller.min_order_currency)
        if seller.min_order_amount is not None and seller.min_order_currency
        else None
    )
    shipping = (
        dto.Money(amount=listing.shipping_amount, currency=listing.shipping_currency)
        if listing.shipping_amount is not None and listing.shipping_currency
        else None
    )
    return dto.Listing(
        platform="discogs",
        listing_id=listing.external_id,
        release_id=listing.release_id,
        title=listing.title,
        artist=listing.artist,
        media_grade=_grade(listing.media_grade),
        sleeve_grade=_grade(listing.sleeve_grade),
        price=dto.Money(amount=listing.price_amount, currency=listing.price_currency),
        shipping=shipping,
        seller=dto.SellerRef(
            username=seller.username,
            rating=seller.rating,
            rating_count=seller.rating_count,
            country=seller.country,
            min_order_total=min_order,
        ),
        ships_from=listing.ships_from,
        url=listing.url,
        image=listing.image,
        condition_text=listing.condition_text,
        catalog_number=listing.catalog_number,
    )


async def imported_source(session: AsyncSession, *, user_id: int) -> SourceResult:
    rows = await session.execute(
        select(Listing, Seller)
        .join(Seller, Seller.id == Listing.seller_id)
        .where(
            Listing.id.in_(
                select(ImportItem.listing_id).where(
                    ImportItem.user_id == user_id,
                    ImportItem.status == ItemStatus.STORED.value,
                    ImportItem.listing_id.is_not(None),
                )
            ),
            Listing.platform == "discogs",
            Listing.gone_at.is_(None),
        )
        .order_by(Listing.id)
    )
    return SourceResult(
        key=SOURCE_KEY,
        platform="discogs",
        listings=[listing_dto(listing, seller) for listing, seller in rows],
    )
