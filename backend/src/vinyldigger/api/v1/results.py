"""What saved searches found: their results, their sellers, and answers about matches."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict

from vinyldigger.api.deps import CurrentUser, Session
from vinyldigger.api.errors import ErrorResponse
from vinyldigger.api.pagination import Page, Pagination
from vinyldigger.api.params import MatchId, SearchId
from vinyldigger.api.v1.listing_shapes import (
    ListingOut,
    MatchOut,
    SellerOut,
    listing_out,
    match_out,
    seller_out,
)
from vinyldigger.api.v1.money import (
    ConversionMissingOut,
    MoneyOut,
    missing_out,
    money_out,
)
from vinyldigger.services import new_wanted_listings
from vinyldigger.services import search_results as result_service
from vinyldigger.services.marketplaces.grades import Grade
from vinyldigger.services.new_wanted_listings import NewWantedListing
from vinyldigger.services.pressing_details import PressingDetails, pressing_details
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


class ResultOut(BaseModel):
    """A listing a saved search found: when the search saw it, and whether it is wanted."""

    id: int
    # The release it is: the Discogs listing's own, or the release the match proposes.
    release_id: int | None
    # The query of the run that returned it, e.g. "ebay:want:123" or "discogs:seller:name".
    source: str
    # When this search first and last saw it, and when it stopped seeing it.
    first_seen_at: datetime
    last_seen_at: datetime
    gone_at: datetime | None
    is_new: bool
    listing: ListingOut
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


def _result(row: ResultRow, pressings: Mapping[int, PressingDetails]) -> ResultOut:
    listing, match = row.listing, row.match
    return ResultOut(
        id=row.result.id,
        release_id=listing.release_id or (match.release_id if match else None),
        source=row.result.source,
        first_seen_at=row.result.first_seen_at,
        last_seen_at=row.result.last_seen_at,
        gone_at=row.result.gone_at,
        is_new=row.is_new,
        listing=listing_out(listing, row.seller, row.converted),
        match=match_out(match, pressings) if match else None,
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
    pressings = await pressing_details(session, [row.match for row in page.items if row.match])
    items = [_result(row, pressings) for row in page.items]
    return Page[ResultOut].build(items, page.total, paging)


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
    return match_out(match, await pressing_details(session, [match]))


class NewMatchOut(BaseModel):
    """A wanted listing first found since the moment asked about."""

    release_id: int | None
    # When one of the user's searches first found it.
    first_seen_at: datetime
    listing: ListingOut


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
    return NewMatchOut(
        release_id=item.release_id,
        first_seen_at=item.first_seen_at,
        listing=listing_out(item.listing, item.seller, item.converted),
    )
