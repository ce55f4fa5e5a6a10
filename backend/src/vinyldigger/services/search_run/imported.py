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
from vinyldigger.services.search_run.sources import SourceResult
from vinyldigger.services.seller_inventory import stored_listing

SOURCE_KEY = "discogs:import"


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
        listings=[stored_listing(listing, seller) for listing, seller in rows],
    )
