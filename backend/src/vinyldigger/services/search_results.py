"""Reading what searches found: filtered, sorted, paginated results and the seller view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.errors import not_found
from vinyldigger.models import JobRun, Listing, ListingMatch, SavedSearch, SearchResult, Seller
from vinyldigger.services.marketplaces.grades import Grade


class ResultSort(StrEnum):
    TOTAL = "total"
    NEWEST = "newest"
    SCORE = "score"


class ResultFlag(StrEnum):
    WANTED = "wanted"
    OTHER_PRESSING = "other_pressing"
    OWNED = "owned"
    UPGRADE = "upgrade"


@dataclass(frozen=True)
class ResultFilters:
    platform: str | None = None
    flag: ResultFlag | None = None
    min_media_grade: Grade | None = None
    max_price: Decimal | None = None
    new_only: bool = False
    seller: str | None = None
    confidence: str | None = None
    include_gone: bool = False


@dataclass(frozen=True)
class ResultRow:
    result: SearchResult
    listing: Listing
    seller: Seller
    match: ListingMatch | None
    is_new: bool


@dataclass(frozen=True)
class ResultPage:
    items: list[ResultRow]
    total: int
    last_run_id: int | None


@dataclass(frozen=True)
class SellerSummary:
    seller: Seller
    wanted_records: int
    listings: int
    items_total: Decimal
    currency: str
    shipping_known: int


async def owned_search(session: AsyncSession, *, user_id: int, search_id: int) -> SavedSearch:
    search = await session.scalar(
        select(SavedSearch).where(SavedSearch.id == search_id, SavedSearch.user_id == user_id)
    )
    if search is None:
        raise not_found("Search")
    return search


async def last_search_run(session: AsyncSession, search: SavedSearch) -> int | None:
    return await session.scalar(
        select(func.max(JobRun.id)).where(
            JobRun.user_id == search.user_id,
            JobRun.kind == "search",
            JobRun.subject_id == search.id,
            JobRun.status == "succeeded",
        )
    )


GRADE_ORDER = [g.value for g in Grade]


def _base(search: SavedSearch) -> Any:
    return (
        select(SearchResult, Listing, Seller, ListingMatch)
        .join(Listing, Listing.id == SearchResult.listing_id)
        .join(Seller, Seller.id == Listing.seller_id)
        .outerjoin(
            ListingMatch,
            and_(ListingMatch.listing_id == Listing.id, ListingMatch.user_id == search.user_id),
        )
        .where(SearchResult.search_id == search.id)
    )


def _filtered(query: Select[Any], filters: ResultFilters, last_run: int | None) -> Select[Any]:
    if not filters.include_gone:
        query = query.where(SearchResult.gone_at.is_(None))
    # A match the user rejected is not what they were looking for.
    query = query.where(or_(ListingMatch.decision.is_(None), ListingMatch.decision != "rejected"))
    if filters.platform:
        query = query.where(Listing.platform == filters.platform)
    if filters.flag:
        column = {
            ResultFlag.WANTED: ListingMatch.is_wanted,
            ResultFlag.OTHER_PRESSING: ListingMatch.is_other_pressing,
            ResultFlag.OWNED: ListingMatch.is_owned,
            ResultFlag.UPGRADE: ListingMatch.is_upgrade,
        }[filters.flag]
        query = query.where(column.is_(True))
    if filters.min_media_grade:
        allowed = GRADE_ORDER[: GRADE_ORDER.index(filters.min_media_grade.value) + 1]
        query = query.where(Listing.media_grade.in_(allowed))
    if filters.max_price is not None:
        query = query.where(Listing.price_amount <= filters.max_price)
    if filters.new_only:
        query = query.where(SearchResult.first_seen_run_id == (last_run or -1))
    if filters.seller:
        query = query.where(Seller.username == filters.seller)
    if filters.confidence:
        query = query.where(ListingMatch.confidence == filters.confidence)
    return query


async def results_page(
    session: AsyncSession,
    *,
    user_id: int,
    search_id: int,
    filters: ResultFilters,
    sort: ResultSort,
    offset: int,
    limit: int,
) -> ResultPage:
    search = await owned_search(session, user_id=user_id, search_id=search_id)
    last_run = await last_search_run(session, search)
    query = _filtered(_base(search), filters, last_run)
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    total_price = Listing.price_amount + func.coalesce(Listing.shipping_amount, 0)
    unknown_last = case((Listing.shipping_amount.is_(None), 1), else_=0)
    order = {
        ResultSort.TOTAL: (unknown_last, total_price.asc()),
        ResultSort.NEWEST: (SearchResult.first_seen_at.desc(),),
        ResultSort.SCORE: (func.coalesce(ListingMatch.score, 0).desc(),),
    }[sort]
    rows = (
        await session.execute(query.order_by(*order, SearchResult.id).offset(offset).limit(limit))
    ).all()
    items = [
        ResultRow(
            result=r,
            listing=listing,
            seller=seller,
            match=match,
            is_new=last_run is not None and r.first_seen_run_id == last_run,
        )
        for r, listing, seller, match in rows
    ]
    return ResultPage(items=items, total=total, last_run_id=last_run)


async def seller_summaries(
    session: AsyncSession,
    *,
    user_id: int,
    search_id: int,
    offset: int,
    limit: int,
) -> tuple[list[SellerSummary], int]:
    """Sellers ranked by how many wanted records they have for sale in this search."""
    search = await owned_search(session, user_id=user_id, search_id=search_id)
    wanted = func.count(
        func.distinct(case((ListingMatch.is_wanted.is_(True), ListingMatch.release_id)))
    )
    query = (
        select(
            Seller,
            wanted,
            func.count(Listing.id),
            func.sum(Listing.price_amount),
            func.min(Listing.price_currency),
            func.count(Listing.shipping_amount),
        )
        .select_from(SearchResult)
        .join(Listing, Listing.id == SearchResult.listing_id)
        .join(Seller, Seller.id == Listing.seller_id)
        .outerjoin(
            ListingMatch,
            and_(ListingMatch.listing_id == Listing.id, ListingMatch.user_id == user_id),
        )
        .where(SearchResult.search_id == search.id, SearchResult.gone_at.is_(None))
        .group_by(Seller.id)
    )
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = (
        await session.execute(
            query.order_by(wanted.desc(), func.count(Listing.id).desc(), Seller.username)
            .offset(offset)
            .limit(limit)
        )
    ).all()
    return [
        SellerSummary(
            seller=seller,
            wanted_records=w,
            listings=n,
            items_total=Decimal(items or 0),
            currency=currency or "",
            shipping_known=known,
        )
        for seller, w, n, items, currency, known in rows
    ], total


async def decide(
    session: AsyncSession, *, user_id: int, match_id: int, verdict: str
) -> ListingMatch:
    """The user's answer about a match; kept across runs (the matcher honours it)."""
    match = await session.scalar(
        select(ListingMatch).where(ListingMatch.id == match_id, ListingMatch.user_id == user_id)
    )
    if match is None:
        raise not_found("Match")
    match.decision = verdict
    if verdict == "confirmed":
        match.score, match.confidence = 1.0, "high"
    else:
        match.is_wanted = match.is_other_pressing = False
        match.is_owned = match.is_upgrade = False
    await session.flush()
    return match


async def new_wanted_since(session: AsyncSession, *, user_id: int, since: datetime) -> int:
    """Listings of wanted records the user's searches first found after `since`, still for sale."""
    count = await session.scalar(
        select(func.count(func.distinct(SearchResult.listing_id)))
        .join(SavedSearch, SavedSearch.id == SearchResult.search_id)
        .join(
            ListingMatch,
            and_(
                ListingMatch.listing_id == SearchResult.listing_id, ListingMatch.user_id == user_id
            ),
        )
        .where(
            SavedSearch.user_id == user_id,
            SearchResult.first_seen_at > since,
            SearchResult.gone_at.is_(None),
            ListingMatch.is_wanted.is_(True),
            or_(ListingMatch.decision.is_(None), ListingMatch.decision != "rejected"),
        )
    )
    return int(count or 0)
