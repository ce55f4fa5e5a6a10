"""One schema each for a listing for sale, its seller and the user's match of it.

Search results, release offers, the dashboard's new finds and the basket all show the same
listing; each view wraps a `ListingOut` with what is its own (a result's flags, an offer's
place in the release view) instead of repeating the listing's fields in another shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import cast

from pydantic import BaseModel

from vinyldigger.api.v1.money import ConvertedFields, MoneyOut, converted_fields, money_out
from vinyldigger.models import Listing, ListingMatch, Seller
from vinyldigger.services.converted_totals import ConvertedTotal, price_of, shipping_of
from vinyldigger.services.matching.models import (
    Confidence,
    DecisionVerdict,
    MatchEvidence,
    MatchMethod,
    PressingVerdict,
)
from vinyldigger.services.pressing_details import PressingDetails


class SellerOut(BaseModel):
    username: str
    platform: str
    # Positive feedback in percent and how many ratings it rests on (Discogs: ratings;
    # eBay: feedback score).
    rating: Decimal | None
    rating_count: int | None
    country: str | None


class ListingOut(ConvertedFields):
    """A listing for sale as the marketplace shows it, with its total in the user's currency."""

    id: int
    platform: str
    # The marketplace's own id of the listing.
    external_id: str
    title: str
    artist: str | None
    url: str
    image: str | None
    seller: SellerOut
    ships_from: str | None
    media_grade: str | None
    sleeve_grade: str | None
    # "fixed_price", "auction" or "best_offer", as the marketplace sells it.
    buying_option: str
    auction_end: datetime | None
    price: MoneyOut
    # Null when the shipping cost is unknown (never shown as free).
    shipping: MoneyOut | None
    first_seen_at: datetime
    last_seen_at: datetime


class MatchPressingOut(BaseModel):
    """One pressing (Discogs release) as a result names it."""

    release_id: int
    title: str
    label: str | None
    catno: str | None
    year: int | None
    country: str | None
    # Format names and descriptions in Discogs' words: "Vinyl", "LP", "Reissue", "180 Gram".
    descriptions: list[str]


class MatchOut(BaseModel):
    """The matcher's claim that a listing is a release, and the user's answer to it."""

    id: int
    release_id: int | None
    master_id: int | None
    score: float
    method: MatchMethod
    confidence: Confidence
    evidence: MatchEvidence
    decision: DecisionVerdict | None
    # Which pressing the listing is: "same" (this release), "other" (another pressing of its
    # album) or "undetermined" (the album; the listing does not say which pressing).
    verdict: PressingVerdict
    # The matched release (`release_id`), when its details are known.
    pressing: MatchPressingOut | None
    # With verdict "other": the pressing the listing's facts single out, when they do.
    named_pressing: MatchPressingOut | None
    # Flags of the release for this user: on the want list (this pressing, or pressing not
    # stated where any pressing is fine), another pressing of a wanted release, owned, or a
    # better copy of one owned.
    wanted: bool
    other_pressing: bool
    owned: bool
    upgrade: bool


def seller_out(seller: Seller) -> SellerOut:
    return SellerOut(
        username=seller.username,
        platform=seller.platform,
        rating=seller.rating,
        rating_count=seller.rating_count,
        country=seller.country,
    )


def listing_out(listing: Listing, seller: Seller, converted: ConvertedTotal) -> ListingOut:
    price = price_of(listing)
    return ListingOut(
        id=listing.id,
        platform=listing.platform,
        external_id=listing.external_id,
        title=listing.title,
        artist=listing.artist,
        url=listing.url,
        image=listing.image,
        seller=seller_out(seller),
        ships_from=listing.ships_from,
        media_grade=listing.media_grade,
        sleeve_grade=listing.sleeve_grade,
        buying_option=listing.buying_option,
        auction_end=listing.auction_end,
        price=MoneyOut(amount=price.amount, currency=price.currency),
        shipping=money_out(shipping_of(listing)),
        first_seen_at=listing.first_seen_at,
        last_seen_at=listing.last_seen_at,
        **converted_fields(converted),
    )


def _pressing_out(details: PressingDetails | None) -> MatchPressingOut | None:
    if details is None:
        return None
    return MatchPressingOut(
        release_id=details.release_id,
        title=details.title,
        label=details.label,
        catno=details.catno,
        year=details.year,
        country=details.country,
        descriptions=details.descriptions,
    )


def match_out(
    match: ListingMatch, pressings: Mapping[int, PressingDetails] | None = None
) -> MatchOut:
    """`pressings`: details by release id (`services.pressing_details`), for the blocks."""
    known = pressings or {}
    verdict = cast(PressingVerdict, match.pressing)
    named = match.pressing_release_id if verdict == "other" else None
    return MatchOut(
        id=match.id,
        release_id=match.release_id,
        master_id=match.master_id,
        score=match.score,
        # Stored as the matcher wrote them; the casts name the closed sets they come from.
        method=cast(MatchMethod, match.method),
        confidence=cast(Confidence, match.confidence),
        evidence=MatchEvidence.model_validate(match.evidence or {}),
        decision=cast(DecisionVerdict | None, match.decision),
        verdict=verdict,
        pressing=_pressing_out(known.get(match.release_id or 0)),
        named_pressing=_pressing_out(known.get(named)) if named else None,
        wanted=match.is_wanted,
        other_pressing=match.is_other_pressing,
        owned=match.is_owned,
        upgrade=match.is_upgrade,
    )
