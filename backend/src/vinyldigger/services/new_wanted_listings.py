"""The dashboard's wanted listings first found since a moment, cheapest delivered first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.models import Listing, ListingMatch, SavedSearch, SearchResult, Seller
from vinyldigger.services.converted_totals import ConvertedTotal, SqlConversion, listing_total
from vinyldigger.services.fx import latest_converter


@dataclass(frozen=True)
class NewWantedListing:
    listing: Listing
    seller: Seller
    release_id: int | None
    first_seen_at: datetime
    converted: ConvertedTotal


async def cheapest_new_wanted(
    session: AsyncSession, *, user_id: int, since: datetime, currency: str, limit: int
) -> list[NewWantedListing]:
    """The cheapest (converted total) of the wanted listings counted by
    `search_results.new_wanted_since`."""
    converter = await latest_converter(session)
    converted = SqlConversion(converter, currency).total()
    first_seen = (
        select(
            SearchResult.listing_id.label("listing_id"),
            func.min(SearchResult.first_seen_at).label("first_seen_at"),
        )
        .join(SavedSearch, SavedSearch.id == SearchResult.search_id)
        .where(
            SavedSearch.user_id == user_id,
            SearchResult.first_seen_at > since,
            SearchResult.gone_at.is_(None),
        )
        .group_by(SearchResult.listing_id)
        .subquery()
    )
    rows = await session.execute(
        select(Listing, Seller, ListingMatch.release_id, first_seen.c.first_seen_at)
        .join(first_seen, first_seen.c.listing_id == Listing.id)
        .join(Seller, Seller.id == Listing.seller_id)
        .join(
            ListingMatch,
            and_(ListingMatch.listing_id == Listing.id, ListingMatch.user_id == user_id),
        )
        .where(
            ListingMatch.is_wanted.is_(True),
            or_(ListingMatch.decision.is_(None), ListingMatch.decision != "rejected"),
        )
        .order_by(case((converted.is_(None), 1), else_=0), converted.asc(), Listing.id)
        .limit(limit)
    )
    return [
        NewWantedListing(
            listing=listing,
            seller=seller,
            release_id=listing.release_id or release_id,
            first_seen_at=seen,
            converted=listing_total(listing, converter, currency),
        )
        for listing, seller, release_id, seen in rows
    ]
