"""One release as the current user sees it: their relation to it, what is for sale now on
both marketplaces, and its daily prices."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from vinyldigger.api.deps import CurrentUser, Session
from vinyldigger.api.errors import ErrorResponse
from vinyldigger.api.params import ReleaseId
from vinyldigger.api.v1.library import ReleaseOut
from vinyldigger.api.v1.money import ConvertedFields, MoneyOut, converted_fields, money_out
from vinyldigger.services import price_history, release_offers
from vinyldigger.services.price_history import GradeBand
from vinyldigger.services.release_offers import Offer

router = APIRouter(prefix="/releases", tags=["releases"])
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse},
    404: {"model": ErrorResponse},
    422: {"model": ErrorResponse},
}
MAX_DAYS = 365


class OwnedCopyOut(BaseModel):
    media_grade: str | None
    sleeve_grade: str | None


class ReleaseRelationOut(BaseModel):
    wanted: bool
    wanted_since: dt.datetime | None
    owned: bool
    owned_copies: list[OwnedCopyOut]


class OfferSellerOut(BaseModel):
    username: str
    rating: Decimal | None
    rating_count: int | None
    country: str | None


class OfferMatchOut(BaseModel):
    """How an eBay listing was linked to this release for the user."""

    id: int
    score: float
    method: str
    confidence: str
    decision: str | None
    other_pressing: bool


class ReleaseOfferOut(ConvertedFields):
    listing_id: int
    platform: str
    title: str
    url: str
    image: str | None
    seller: OfferSellerOut
    ships_from: str | None
    media_grade: str | None
    sleeve_grade: str | None
    buying_option: str
    # As listed, in the seller's currency; shipping null when unknown (never free).
    price: MoneyOut
    shipping: MoneyOut | None
    # In the user's currency; null when the amount is unknown or no rate converts it.
    price_converted: MoneyOut | None
    shipping_converted: MoneyOut | None
    total_converted: MoneyOut | None
    first_seen_at: dt.datetime
    last_seen_at: dt.datetime
    match: OfferMatchOut | None


class ReleaseViewOut(BaseModel):
    release: ReleaseOut
    relation: ReleaseRelationOut
    # The user's currency, which the converted amounts are in.
    currency: str
    rates_as_of: dt.date | None
    # Cheapest converted total first (price plus known shipping); on equal totals a known
    # shipping cost first; offers whose currency has no rate last.
    offers: list[ReleaseOfferOut]


class DailyPriceOut(BaseModel):
    date: dt.date
    count: int
    lowest: MoneyOut | None
    median: MoneyOut | None


class PriceSeriesOut(BaseModel):
    release_id: int
    currency: str
    grade: GradeBand | None
    start: dt.date
    end: dt.date
    rates_as_of: dt.date | None
    # Listings left out of the series because no rate converts their currency.
    unconverted_listings: int
    days: list[DailyPriceOut]


def _in(currency: str, amount: Decimal | None) -> MoneyOut | None:
    return MoneyOut(amount=amount, currency=currency) if amount is not None else None


def _offer(offer: Offer) -> ReleaseOfferOut:
    listing, match = offer.listing, offer.match
    return ReleaseOfferOut(
        listing_id=listing.id,
        platform=listing.platform,
        title=listing.title,
        url=listing.url,
        image=listing.image,
        seller=OfferSellerOut(
            username=offer.seller.username,
            rating=offer.seller.rating,
            rating_count=offer.seller.rating_count,
            country=offer.seller.country,
        ),
        ships_from=listing.ships_from,
        media_grade=listing.media_grade,
        sleeve_grade=listing.sleeve_grade,
        buying_option=listing.buying_option,
        price=MoneyOut(amount=offer.price.amount, currency=offer.price.currency),
        shipping=money_out(offer.shipping),
        price_converted=money_out(offer.price_converted),
        shipping_converted=money_out(offer.shipping_converted),
        total_converted=money_out(offer.total_converted),
        first_seen_at=listing.first_seen_at,
        last_seen_at=listing.last_seen_at,
        match=OfferMatchOut(
            id=match.id,
            score=match.score,
            method=match.method,
            confidence=match.confidence,
            decision=match.decision,
            other_pressing=match.is_other_pressing,
        )
        if match
        else None,
        **converted_fields(offer.converted),
    )


@router.get("/{release_id}", name="releases-get", response_model=ReleaseViewOut, responses=ERRORS)
async def get_release(release_id: ReleaseId, user: CurrentUser, session: Session) -> Any:
    overview = await release_offers.release_overview(
        session, user_id=user.id, release_id=release_id, currency=user.currency
    )
    copies = [OwnedCopyOut(media_grade=m, sleeve_grade=s) for m, s in overview.owned_grades]
    return ReleaseViewOut(
        release=ReleaseOut.model_validate(overview.release),
        relation=ReleaseRelationOut(
            wanted=overview.wanted_since is not None,
            wanted_since=overview.wanted_since,
            owned=bool(copies),
            owned_copies=copies,
        ),
        currency=overview.currency,
        rates_as_of=overview.rates_as_of,
        offers=[_offer(offer) for offer in overview.offers],
    )


@router.get(
    "/{release_id}/prices",
    name="releases-prices",
    response_model=PriceSeriesOut,
    responses=ERRORS,
)
async def get_release_prices(
    release_id: ReleaseId,
    user: CurrentUser,
    session: Session,
    days: Annotated[int, Query(ge=1, le=MAX_DAYS, description="Days up to today")] = 90,
    grade: Annotated[GradeBand | None, Query(description="Media grade band")] = None,
) -> Any:
    end = dt.datetime.now(dt.UTC).date()
    series = await price_history.daily_prices(
        session,
        user_id=user.id,
        release_id=release_id,
        currency=user.currency,
        start=end - dt.timedelta(days=days - 1),
        end=end,
        grade=grade,
    )
    return PriceSeriesOut(
        release_id=series.release_id,
        currency=series.currency,
        grade=series.grade,
        start=series.start,
        end=series.end,
        rates_as_of=series.rates_as_of,
        unconverted_listings=series.unconverted_listings,
        days=[
            DailyPriceOut(
                date=day.day,
                count=day.count,
                lowest=_in(series.currency, day.lowest),
                median=_in(series.currency, day.median),
            )
            for day in series.days
        ],
    )
