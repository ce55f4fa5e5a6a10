"""Sellers' Discogs inventories as the shared crawl stored them, for search runs to read.

A run reads a seller's stock from here instead of fetching it when the crawl read it
recently (`seller_crawl_fresh_minutes`) and has completed at least one full pass, so the
stored listings are the whole stock and not only its newest part.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import cast

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.models import FollowedSeller, Listing, Seller, SellerCrawl
from vinyldigger.services.followed_sellers import username_key
from vinyldigger.services.marketplaces import dto
from vinyldigger.services.marketplaces.grades import Grade


def _grade(value: str | None) -> Grade | None:
    try:
        return Grade(value) if value else None
    except ValueError:
        return None


def stored_listing(listing: Listing, seller: Seller) -> dto.Listing:
    """A stored listing in the shape the marketplace clients return."""
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
        platform=cast(dto.Platform, listing.platform),
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
        buying_option=cast(dto.BuyingOption, listing.buying_option),
        auction_end=listing.auction_end,
        condition_text=listing.condition_text,
        catalog_number=listing.catalog_number,
        barcode=listing.barcode,
    )


async def fresh_inventories(
    session: AsyncSession, usernames: Sequence[str], *, fresh_since: datetime
) -> dict[str, list[dto.Listing]]:
    """The stored stock of each named seller whose crawl is fresh, by the name as given."""
    by_key = {username_key(name): name for name in usernames}
    if not by_key:
        return {}
    crawls = (
        await session.execute(
            select(SellerCrawl.username_key, SellerCrawl.seller_id).where(
                SellerCrawl.username_key.in_(list(by_key)),
                SellerCrawl.status == "ok",
                SellerCrawl.last_full_pass_at.is_not(None),
                SellerCrawl.last_crawled_at >= fresh_since,
            )
        )
    ).all()
    found: dict[str, list[dto.Listing]] = {by_key[key]: [] for key, _ in crawls}
    seller_names = {seller_id: by_key[key] for key, seller_id in crawls if seller_id is not None}
    if not seller_names:
        return found
    rows = await session.execute(
        select(Listing, Seller)
        .join(Seller, Seller.id == Listing.seller_id)
        .where(Listing.seller_id.in_(list(seller_names)), Listing.gone_at.is_(None))
        .order_by(Listing.id)
    )
    for listing, seller in rows:
        found[seller_names[seller.id]].append(stored_listing(listing, seller))
    return found


async def followed_usernames(session: AsyncSession, *, user_id: int) -> list[str]:
    """The sellers the user follows, the earliest followed first."""
    return list(
        await session.scalars(
            select(SellerCrawl.username)
            .join(FollowedSeller, FollowedSeller.crawl_id == SellerCrawl.id)
            .where(FollowedSeller.user_id == user_id)
            .order_by(FollowedSeller.created_at, FollowedSeller.id)
        )
    )
