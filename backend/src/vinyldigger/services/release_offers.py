"""The release view: what is for sale now on both platforms, in the user's currency."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import and_, or_, select, union
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.models import CollectionItem, Listing, ListingMatch, Release, Seller, Want
from vinyldigger.services.converted_totals import (
    ConvertedTotal,
    listing_total,
)
from vinyldigger.services.fx import CurrencyConverter, latest_converter
from vinyldigger.services.price_history import listings_of_release, require_release


@dataclass(frozen=True)
class Offer:
    """A listing for sale now and its price plus known shipping in the user's currency.

    `match` is the user's match for eBay listings (and Discogs ones, when stored).
    """

    listing: Listing
    seller: Seller
    match: ListingMatch | None
    converted: ConvertedTotal


@dataclass(frozen=True)
class ReleaseOverview:
    release: Release
    wanted_since: datetime | None
    # (media grade, sleeve grade) of every copy the user owns; empty when none.
    owned_grades: list[tuple[str | None, str | None]]
    currency: str
    rates_as_of: date | None
    offers: list[Offer]


def _offer(
    listing: Listing,
    seller: Seller,
    match: ListingMatch | None,
    converter: CurrencyConverter,
    currency: str,
) -> Offer:
    return Offer(listing, seller, match, listing_total(listing, converter, currency))


def _cheapest_first(offer: Offer) -> tuple[bool, Decimal, bool, int]:
    # As the results' sort=total: by converted total, a known shipping cost first on equal
    # totals, offers whose currency has no rate last.
    total = offer.converted.amount
    return (
        total is None,
        total.amount if total else Decimal(0),
        not offer.converted.shipping_known,
        offer.listing.id,
    )


async def release_overview(
    session: AsyncSession, *, user_id: int, release_id: int, currency: str
) -> ReleaseOverview:
    """The release, the user's relation to it, and what is for sale now, cheapest first:
    Discogs listings of the release and eBay listings the user's matches link to it (any
    confidence, unless rejected)."""
    release = await require_release(session, release_id)
    target = currency.upper()
    converter = await latest_converter(session)
    shown = select(ListingMatch.listing_id).where(
        ListingMatch.user_id == user_id,
        ListingMatch.release_id == release_id,
        or_(ListingMatch.decision.is_(None), ListingMatch.decision != "rejected"),
    )
    rows = await session.execute(
        select(Listing, Seller, ListingMatch)
        .join(Seller, Seller.id == Listing.seller_id)
        .outerjoin(
            ListingMatch,
            and_(ListingMatch.listing_id == Listing.id, ListingMatch.user_id == user_id),
        )
        .where(
            Listing.gone_at.is_(None),
            Listing.id.in_(union(listings_of_release(release_id), shown)),
        )
    )
    offers = [_offer(listing, seller, match, converter, target) for listing, seller, match in rows]
    wanted_since = await session.scalar(
        select(Want.date_added).where(Want.user_id == user_id, Want.release_id == release_id)
    )
    owned = await session.execute(
        select(CollectionItem.media_grade, CollectionItem.sleeve_grade)
        .where(CollectionItem.user_id == user_id, CollectionItem.release_id == release_id)
        .order_by(CollectionItem.id)
    )
    return ReleaseOverview(
        release=release,
        wanted_since=wanted_since,
        owned_grades=[(media, sleeve) for media, sleeve in owned],
        currency=target,
        rates_as_of=converter.as_of,
        offers=sorted(offers, key=_cheapest_first),
    )
