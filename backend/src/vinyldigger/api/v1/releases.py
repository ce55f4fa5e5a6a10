"""One release as the current user sees it: their relation to it, what is for sale now on
both marketplaces, and its daily prices."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from vinyldigger.api.deps import CurrentUser, Session
from vinyldigger.api.errors import ErrorResponse
from vinyldigger.api.params import ReleaseId
from vinyldigger.api.v1.library import ReleaseOut
from vinyldigger.api.v1.listing_shapes import ListingOut, MatchOut, listing_out, match_out
from vinyldigger.api.v1.money import MoneyOut
from vinyldigger.services import price_history, release_offers
from vinyldigger.services.pressing_details import PressingDetails, pressing_details
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


class ReleaseOfferOut(BaseModel):
    """A listing of the release for sale now, and the user's match of it (eBay listings, and
    Discogs ones when a search stored one)."""

    listing: ListingOut
    match: MatchOut | None


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


def _offer(offer: Offer, pressings: Mapping[int, PressingDetails]) -> ReleaseOfferOut:
    return ReleaseOfferOut(
        listing=listing_out(offer.listing, offer.seller, offer.converted),
        match=match_out(offer.match, pressings) if offer.match else None,
    )


@router.get("/{release_id}", name="releases-get", response_model=ReleaseViewOut, responses=ERRORS)
async def get_release(release_id: ReleaseId, user: CurrentUser, session: Session) -> Any:
    overview = await release_offers.release_overview(
        session, user_id=user.id, release_id=release_id, currency=user.currency
    )
    copies = [OwnedCopyOut(media_grade=m, sleeve_grade=s) for m, s in overview.owned_grades]
    pressings = await pressing_details(session, [o.match for o in overview.offers if o.match])
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
        offers=[_offer(offer, pressings) for offer in overview.offers],
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
