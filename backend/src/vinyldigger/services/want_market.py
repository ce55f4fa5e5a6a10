"""What the market holds for each want, from the listings VinylDigger has stored.

No upstream call: the figures come from listings that searches and inventory crawls already
brought in. A want's listings are Discogs listings of the release, and eBay (or other)
listings the user's own matches flag as wanted (`services/wanted_rule.py`: this pressing, or
a listing not stating its pressing where any pressing is fine), unless the user rejected the
match; only listings still for sale count. Its release page shows other pressings too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import or_, select, union
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.models import Listing, ListingMatch, Want
from vinyldigger.services.fx import CurrencyConverter, latest_converter
from vinyldigger.services.library import LibraryPage, LibraryQuery, library_page
from vinyldigger.services.marketplaces.dto import Money


@dataclass(frozen=True)
class WantMarket:
    """`cheapest` is the lowest price plus shipping in the user's currency. When no listing
    states its shipping it is the lowest price alone and `shipping_known` is False; None when
    no listing's currency has a rate."""

    for_sale: int = 0
    cheapest: Money | None = None
    shipping_known: bool = False
    newest_seen_at: datetime | None = None


@dataclass
class _Tally:
    for_sale: int = 0
    cheapest_delivered: Money | None = None
    cheapest_price: Money | None = None
    newest_seen_at: datetime | None = None

    def add(self, listing: _Row, converter: CurrencyConverter, currency: str) -> None:
        self.for_sale += 1
        if self.newest_seen_at is None or listing.first_seen_at > self.newest_seen_at:
            self.newest_seen_at = listing.first_seen_at
        price = converter.convert_or_none(
            Money(amount=listing.price_amount, currency=listing.price_currency), currency
        )
        if price is None:
            return
        if self.cheapest_price is None or price.amount < self.cheapest_price.amount:
            self.cheapest_price = price
        if listing.shipping_amount is None or not listing.shipping_currency:
            return
        shipping = converter.convert_or_none(
            Money(amount=listing.shipping_amount, currency=listing.shipping_currency), currency
        )
        if shipping is None:
            return
        delivered = Money(amount=price.amount + shipping.amount, currency=currency)
        if self.cheapest_delivered is None or delivered.amount < self.cheapest_delivered.amount:
            self.cheapest_delivered = delivered

    def summary(self) -> WantMarket:
        if self.cheapest_delivered is not None:
            return WantMarket(self.for_sale, self.cheapest_delivered, True, self.newest_seen_at)
        return WantMarket(self.for_sale, self.cheapest_price, False, self.newest_seen_at)


@dataclass(frozen=True)
class _Row:
    release_id: int
    price_amount: Decimal
    price_currency: str
    shipping_amount: Decimal | None
    shipping_currency: str | None
    first_seen_at: datetime


async def market_for_releases(
    session: AsyncSession, *, user_id: int, release_ids: Sequence[int], currency: str
) -> dict[int, WantMarket]:
    """Per release id, what is for sale now; two queries whatever the number of releases
    (the rates, then every listing of every release at once)."""
    ids = sorted(set(release_ids))
    if not ids:
        return {}
    target = currency.upper()
    converter = await latest_converter(session)
    discogs = select(Listing.id.label("listing_id"), Listing.release_id.label("release_id")).where(
        Listing.platform == "discogs", Listing.release_id.in_(ids)
    )
    matched = select(
        ListingMatch.listing_id.label("listing_id"), ListingMatch.release_id.label("release_id")
    ).where(
        ListingMatch.user_id == user_id,
        ListingMatch.release_id.in_(ids),
        ListingMatch.is_wanted.is_(True),
        or_(ListingMatch.decision.is_(None), ListingMatch.decision != "rejected"),
    )
    # UNION, not UNION ALL: a Discogs listing the user's match also names counts once.
    pairs = union(discogs, matched).subquery()
    rows = await session.execute(
        select(
            pairs.c.release_id,
            Listing.price_amount,
            Listing.price_currency,
            Listing.shipping_amount,
            Listing.shipping_currency,
            Listing.first_seen_at,
        )
        .join(Listing, Listing.id == pairs.c.listing_id)
        .where(Listing.gone_at.is_(None))
    )
    tallies: dict[int, _Tally] = {}
    for row in rows:
        listing = _Row(*row)
        tallies.setdefault(listing.release_id, _Tally()).add(listing, converter, target)
    return {release_id: tally.summary() for release_id, tally in tallies.items()}


@dataclass(frozen=True)
class WantWithMarket:
    want: Want
    market: WantMarket


async def wants_page(
    session: AsyncSession, *, user_id: int, currency: str, query: LibraryQuery
) -> LibraryPage[WantWithMarket]:
    """One page of the user's want list, each want with what is for sale of it now."""
    page = await library_page(session, Want, user_id=user_id, query=query)
    markets = await market_for_releases(
        session,
        user_id=user_id,
        release_ids=[want.release_id for want in page.items],
        currency=currency,
    )
    return LibraryPage(
        items=[
            WantWithMarket(want, markets.get(want.release_id, WantMarket())) for want in page.items
        ],
        total=page.total,
    )
