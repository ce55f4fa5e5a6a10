"""Which current listings a want may be bought as, priced in the user's currency.

The user's own high-confidence matches that the one wanted rule (services/wanted_rule.py) calls
wanted: this pressing, or a listing that does not state its pressing where the want accepts any
pressing. Never another pressing. Still for sale and not rejected, each listing once. Listings
whose currency has no exchange rate are counted and left out.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import quote, urlsplit

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.models import Listing, ListingMatch, Release, Seller, User, Want
from vinyldigger.services import fx as fx_service
from vinyldigger.services.basket_choices import WantChoice
from vinyldigger.services.converted_totals import listing_total, price_of, shipping_of


@dataclass(frozen=True)
class OfferInfo:
    """What an offer id in the problem stands for, so the plan can link to the listing."""

    listing_id: int
    release_id: int
    pressing_not_stated: bool
    platform: str
    title: str
    url: str
    seller: str
    seller_url: str | None
    media_grade: str | None
    sleeve_grade: str | None
    # The converted price the optimizer used, in the plan's currency.
    price: str
    currency: str
    shipping_known: bool
    # As listed, in the seller's currency.
    listed_price: str
    listed_currency: str
    # Price plus the shipping this listing states, in the plan's currency; None (with the
    # currency lacking a rate) when the stated shipping cannot be converted.
    converted_total: str | None
    converted_missing: str | None
    ships_from: str | None
    seller_rating: str | None
    seller_rating_count: int | None
    seller_country: str | None


def seller_store_url(platform: str, username: str, listing_url: str) -> str | None:
    """The seller's store on the marketplace the listing links to (so the sandbox's too)."""
    parts = urlsplit(listing_url)
    if not parts.scheme or not parts.netloc:
        return None
    root, name = f"{parts.scheme}://{parts.netloc}", quote(username)
    if platform == "discogs":
        return f"{root}/seller/{name}/profile"
    if platform == "ebay":
        return f"{root}/usr/{name}"
    return None


@dataclass
class Candidate:
    listing: Listing
    seller: Seller
    release_id: int
    # The listing does not say which pressing it is (wanted because any pressing will do).
    pressing_not_stated: bool
    price: Decimal
    shipping: Decimal | None


async def planned_wants(
    session: AsyncSession, user: User, release_ids: Sequence[int] | None, bought: set[int]
) -> tuple[list[tuple[Want, int | None]], int]:
    query = (
        select(Want, Release.master_id)
        .join(Release, Release.id == Want.release_id)
        .where(Want.user_id == user.id, Want.basket_choice != WantChoice.SKIP.value)
    )
    if release_ids:
        query = query.where(Want.release_id.in_(list(release_ids)))
    rows = [(want, master) for want, master in (await session.execute(query)).all()]
    kept = [(want, master) for want, master in rows if want.release_id not in bought]
    return kept, len(rows) - len(kept)


def _match_filters(user: User) -> list[Any]:
    return [
        ListingMatch.user_id == user.id,
        ListingMatch.confidence == "high",
        Listing.gone_at.is_(None),
        (ListingMatch.decision.is_(None)) | (ListingMatch.decision != "rejected"),
    ]


async def candidates_of(
    session: AsyncSession,
    user: User,
    wants: list[tuple[Want, int | None]],
    converter: fx_service.CurrencyConverter,
) -> tuple[list[Candidate], set[int], int]:
    """Each current wanted listing once; also the releases that have any listing at all, and
    how many listings lacked an exchange rate."""
    release_ids = [want.release_id for want, _ in wants]
    # One rule decides what is wanted (services/wanted_rule.py): this pressing, or a listing
    # that does not state its pressing where the want accepts any; `is_wanted` holds it.
    query = (
        select(Listing, Seller, ListingMatch.release_id, ListingMatch.pressing)
        .join(ListingMatch, ListingMatch.listing_id == Listing.id)
        .join(Seller, Seller.id == Listing.seller_id)
        .where(
            *_match_filters(user),
            ListingMatch.is_wanted.is_(True),
            ListingMatch.release_id.in_(release_ids),
        )
    )
    found: dict[int, tuple[Listing, Seller, int, bool]] = {}
    for listing, seller, release_id, pressing in (await session.execute(query)).all():
        if release_id is not None:
            not_stated = pressing == "undetermined"
            found.setdefault(listing.id, (listing, seller, release_id, not_stated))
    offered: set[int] = set()
    candidates: list[Candidate] = []
    no_rate = 0
    for listing_id in sorted(found):
        listing, seller, release_id, other = found[listing_id]
        offered.add(release_id)
        price = converter.convert_or_none(price_of(listing), user.currency)
        if price is None:
            no_rate += 1
            continue
        shipping = converter.convert_or_none(shipping_of(listing), user.currency)
        candidates.append(
            Candidate(
                listing,
                seller,
                release_id,
                other,
                price.amount,
                shipping.amount if shipping is not None else None,
            )
        )
    return candidates, offered, no_rate


def seller_id_of(candidate: Candidate) -> str:
    return f"{candidate.listing.platform}:{candidate.seller.username}"


def first_item_shipping(candidates: list[Candidate], user: User) -> dict[str, Decimal]:
    """A seller's first-item shipping: the median of what its listings state, else the user's
    default."""
    stated: dict[str, list[Decimal]] = defaultdict(list)
    for candidate in candidates:
        stated.setdefault(seller_id_of(candidate), [])
        if candidate.shipping is not None:
            stated[seller_id_of(candidate)].append(candidate.shipping)
    return {
        seller: statistics.median(known) if known else user.shipping_first_default
        for seller, known in stated.items()
    }


def offer_info(
    candidate: Candidate, user: User, converter: fx_service.CurrencyConverter
) -> OfferInfo:
    listing, seller = candidate.listing, candidate.seller
    delivered = listing_total(listing, converter, user.currency)
    return OfferInfo(
        listing_id=listing.id,
        release_id=candidate.release_id,
        pressing_not_stated=candidate.pressing_not_stated,
        platform=listing.platform,
        title=listing.title,
        url=listing.url,
        seller=seller.username,
        seller_url=seller_store_url(listing.platform, seller.username, listing.url),
        media_grade=listing.media_grade,
        sleeve_grade=listing.sleeve_grade,
        price=str(candidate.price),
        currency=user.currency,
        shipping_known=listing.shipping_amount is not None,
        listed_price=str(listing.price_amount),
        listed_currency=listing.price_currency,
        converted_total=str(delivered.amount.amount) if delivered.amount else None,
        converted_missing=delivered.missing_currency,
        ships_from=listing.ships_from,
        seller_rating=str(seller.rating) if seller.rating is not None else None,
        seller_rating_count=seller.rating_count,
        seller_country=seller.country,
    )
