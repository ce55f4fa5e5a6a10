"""What saved searches found: their results, their sellers, and answers about matches."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict

from vinyldigger.api.deps import CurrentUser, Session
from vinyldigger.api.errors import ErrorResponse
from vinyldigger.api.pagination import Page, Pagination
from vinyldigger.api.params import MatchId, SearchId
from vinyldigger.api.v1.money import (
    ConversionMissingOut,
    ConvertedFields,
    MoneyOut,
    converted_fields,
    missing_out,
    money_out,
)
from vinyldigger.models import Seller
from vinyldigger.services import new_wanted_listings
from vinyldigger.services import search_results as result_service
from vinyldigger.services.converted_totals import shipping_of
from vinyldigger.services.marketplaces.grades import Grade
from vinyldigger.services.new_wanted_listings import NewWantedListing
from vinyldigger.services.search_results import (
    ResultFilters,
    ResultFlag,
    ResultRow,
    ResultSort,
)
from vinyldigger.services.searches import MoneyText

router = APIRouter(tags=["results"])
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse},
    404: {"model": ErrorResponse},
    409: {"model": ErrorResponse},
    422: {"model": ErrorResponse},
}


class SellerOut(BaseModel):
    username: str
    platform: str
    # Positive feedback in percent and how many ratings it rests on (Discogs: ratings;
    # eBay: feedback score).
    rating: Decimal | None
    rating_count: int | None
    country: str | None


def seller_out(seller: Seller) -> SellerOut:
    return SellerOut(
        username=seller.username,
        platform=seller.platform,
        rating=seller.rating,
        rating_count=seller.rating_count,
        country=seller.country,
    )


class MatchOut(BaseModel):
    id: int
    release_id: int | None
    master_id: int | None
    score: float
    method: str
    confidence: str
    evidence: dict[str, Any]
    decision: str | None


class ResultOut(ConvertedFields):
    id: int
    listing_id: int
    platform: str
    external_id: str
    title: str
    artist: str | None
    release_id: int | None
    media_grade: str | None
    sleeve_grade: str | None
    price: MoneyOut
    # Null when the shipping cost is unknown (never shown as free).
    shipping: MoneyOut | None
    seller: SellerOut
    ships_from: str | None
    url: str
    image: str | None
    buying_option: str
    auction_end: datetime | None
    # The query of the run that returned it, e.g. "ebay:want:123" or "discogs:seller:name".
    source: str
    first_seen_at: datetime
    last_seen_at: datetime
    gone_at: datetime | None
    is_new: bool
    wanted: bool
    other_pressing: bool
    owned: bool
    upgrade: bool
    match: MatchOut | None


class SellerSummaryOut(BaseModel):
    seller: SellerOut
    wanted_records: int
    listings: int
    ships_from: str | None
    # In the user's currency: prices alone, and prices plus the shipping listings state. Null
    # (with converted_missing) when a listing's currency has no rate.
    items_total: MoneyOut | None
    converted_total: MoneyOut | None
    converted_missing: ConversionMissingOut | None
    # How many of the listings state their shipping cost.
    shipping_known: int


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    verdict: Literal["confirmed", "rejected"]


def _result(row: ResultRow) -> ResultOut:
    listing, match = row.listing, row.match
    return ResultOut(
        id=row.result.id,
        listing_id=listing.id,
        platform=listing.platform,
        external_id=listing.external_id,
        title=listing.title,
        artist=listing.artist,
        release_id=listing.release_id or (match.release_id if match else None),
        media_grade=listing.media_grade,
        sleeve_grade=listing.sleeve_grade,
        price=MoneyOut(amount=listing.price_amount, currency=listing.price_currency),
        shipping=money_out(shipping_of(listing)),
        seller=seller_out(row.seller),
        ships_from=listing.ships_from,
        url=listing.url,
        image=listing.image,
        buying_option=listing.buying_option,
        auction_end=listing.auction_end,
        source=row.result.source,
        first_seen_at=row.result.first_seen_at,
        last_seen_at=row.result.last_seen_at,
        gone_at=row.result.gone_at,
        is_new=row.is_new,
        wanted=bool(match and match.is_wanted),
        other_pressing=bool(match and match.is_other_pressing),
        owned=bool(match and match.is_owned),
        upgrade=bool(match and match.is_upgrade),
        match=MatchOut(
            id=match.id,
            release_id=match.release_id,
            master_id=match.master_id,
            score=match.score,
            method=match.method,
            confidence=match.confidence,
            evidence=match.evidence,
            decision=match.decision,
        )
        if match
        else None,
        **converted_fields(row.converted),
    )


@router.get(
    "/searches/{search_id}/results",
    name="searches-results",
    response_model=Page[ResultOut],
    responses=ERRORS,
)
async def list_results(
    search_id: SearchId,
    user: CurrentUser,
    session: Session,
    paging: Pagination,
    platform: Annotated[Literal["discogs", "ebay"] | None, Query()] = None,
    flag: ResultFlag | None = None,
    min_media_grade: Grade | None = None,
    include_ungraded: Annotated[
        bool, Query(description="With min_media_grade: keep listings that state no grade")
    ] = False,
    max_price: Annotated[
        MoneyText | None, Query(description="Price plus known shipping, in your currency")
    ] = None,
    new_only: bool = False,
    seller: Annotated[str | None, Query(max_length=200)] = None,
    confidence: Annotated[Literal["high", "low"] | None, Query()] = None,
    include_gone: bool = False,
    sort: ResultSort = ResultSort.TOTAL,
) -> Any:
    filters = ResultFilters(
        platform=platform,
        flag=flag,
        min_media_grade=min_media_grade,
        include_ungraded=include_ungraded,
        max_price=max_price,
        new_only=new_only,
        seller=seller,
        confidence=confidence,
        include_gone=include_gone,
    )
    page = await result_service.results_page(
        session,
        user_id=user.id,
        search_id=search_id,
        currency=user.currency,
        filters=filters,
        sort=sort,
        offset=paging.offset,
        limit=paging.per_page,
    )
    return Page[ResultOut].build([_result(row) for row in page.items], page.total, paging)


@router.get(
    "/searches/{search_id}/sellers",
    name="searches-sellers",
    response_model=Page[SellerSummaryOut],
    responses=ERRORS,
)
async def list_sellers(
    search_id: SearchId, user: CurrentUser, session: Session, paging: Pagination
) -> Any:
    rows, total = await result_service.seller_summaries(
        session,
        user_id=user.id,
        search_id=search_id,
        currency=user.currency,
        offset=paging.offset,
        limit=paging.per_page,
    )
    items = [
        SellerSummaryOut(
            seller=seller_out(r.seller),
            wanted_records=r.wanted_records,
            listings=r.listings,
            ships_from=r.ships_from or r.seller.country,
            items_total=money_out(r.items_total),
            converted_total=money_out(r.converted_total),
            converted_missing=missing_out(r.missing_currency),
            shipping_known=r.shipping_known,
        )
        for r in rows
    ]
    return Page[SellerSummaryOut].build(items, total, paging)


@router.post(
    "/matches/{match_id}/decision", name="matches-decide", response_model=MatchOut, responses=ERRORS
)
async def decide(match_id: MatchId, body: DecisionIn, user: CurrentUser, session: Session) -> Any:
    match = await result_service.decide(
        session, user_id=user.id, match_id=match_id, verdict=body.verdict
    )
    return MatchOut(
        id=match.id,
        release_id=match.release_id,
        master_id=match.master_id,
        score=match.score,
        method=match.method,
        confidence=match.confidence,
        evidence=match.evidence,
        decision=match.decision,
    )


class NewMatchOut(ConvertedFields):
    """A wanted listing first found since the moment asked about."""

    listing_id: int
    release_id: int | None
    platform: str
    title: str
    url: str
    media_grade: str | None
    price: MoneyOut
    shipping: MoneyOut | None
    seller: SellerOut
    ships_from: str | None
    first_seen_at: datetime


class NewMatchesOut(BaseModel):
    since: datetime
    count: int
    # The cheapest of them by converted total, at most `limit`.
    items: list[NewMatchOut]


@router.get("/matches/new", name="matches-new", response_model=NewMatchesOut, responses=ERRORS)
async def new_matches(
    since: Annotated[datetime, Query(description="Count what was first found after this")],
    user: CurrentUser,
    session: Session,
    limit: Annotated[int, Query(ge=0, le=50, description="How many listings to list")] = 5,
) -> Any:
    """How many wanted listings the user's searches found since a moment (e.g. the last visit),
    and the cheapest of them in the user's currency."""
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    count = await result_service.new_wanted_since(session, user_id=user.id, since=since)
    found = await new_wanted_listings.cheapest_new_wanted(
        session, user_id=user.id, since=since, currency=user.currency, limit=limit
    )
    return NewMatchesOut(since=since, count=count, items=[_new_match(item) for item in found])


def _new_match(item: NewWantedListing) -> NewMatchOut:
    listing = item.listing
    return NewMatchOut(
        listing_id=listing.id,
        release_id=item.release_id,
        platform=listing.platform,
        title=listing.title,
        url=listing.url,
        media_grade=listing.media_grade,
        price=MoneyOut(amount=listing.price_amount, currency=listing.price_currency),
        shipping=money_out(shipping_of(listing)),
        seller=seller_out(item.seller),
        ships_from=listing.ships_from,
        first_seen_at=item.first_seen_at,
        **converted_fields(item.converted),
    )
