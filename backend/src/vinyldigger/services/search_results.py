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
from vinyldigger.models import (
    JobRun,
    Listing,
    ListingMatch,
    SavedSearch,
    SearchResult,
    Seller,
    Want,
)
from vinyldigger.services.converted_totals import (
    ConvertedTotal,
    SqlConversion,
    listing_total,
)
from vinyldigger.services.fx import CENT, latest_converter
from vinyldigger.services.marketplaces.dto import Money
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
    # With a minimum grade: keep listings that state no media grade (most eBay listings).
    include_ungraded: bool = False
    # In the user's currency, price plus known shipping; a listing without a rate never passes.
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
    converted: ConvertedTotal


@dataclass(frozen=True)
class ResultPage:
    items: list[ResultRow]
    total: int
    last_run_id: int | None


@dataclass(frozen=True)
class SellerSummary:
    """A seller's listings in one search; amounts in the user's currency, None when a
    listing's currency has no rate (`missing_currency` names it)."""

    seller: Seller
    wanted_records: int
    listings: int
    ships_from: str | None
    items_total: Money | None
    # Prices plus the shipping each listing states.
    converted_total: Money | None
    missing_currency: str | None
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


def _joined(columns: Any, search: SavedSearch, *, seller: bool = True) -> Select[Any]:
    """A search's results with their listings, the user's matches and, when asked, sellers."""
    query: Select[Any] = columns.join(Listing, Listing.id == SearchResult.listing_id)
    if seller:
        query = query.join(Seller, Seller.id == Listing.seller_id)
    return query.outerjoin(
        ListingMatch,
        and_(ListingMatch.listing_id == Listing.id, ListingMatch.user_id == search.user_id),
    ).where(SearchResult.search_id == search.id)


def _base(search: SavedSearch) -> Any:
    return _joined(select(SearchResult, Listing, Seller, ListingMatch), search)


def _count(search: SavedSearch, filters: ResultFilters) -> Select[Any]:
    """How many results pass `filters`: the page's joins and conditions, without its columns.
    Every listing has a seller, so the sellers join only when a filter names one."""
    return _joined(
        select(func.count(SearchResult.id)).select_from(SearchResult),
        search,
        seller=bool(filters.seller),
    )


def _filtered(
    query: Select[Any], filters: ResultFilters, last_run: int | None, conversion: SqlConversion
) -> Select[Any]:
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
        graded_enough = Listing.media_grade.in_(allowed)
        query = query.where(
            or_(graded_enough, Listing.media_grade.is_(None))
            if filters.include_ungraded
            else graded_enough
        )
    if filters.max_price is not None:
        # NULL (no rate) compares as unknown, so such listings never pass.
        query = query.where(conversion.total() <= filters.max_price)
    if filters.new_only:
        query = query.where(SearchResult.first_seen_run_id == (last_run or -1))
    if filters.seller:
        query = query.where(Seller.username == filters.seller)
    if filters.confidence:
        query = query.where(ListingMatch.confidence == filters.confidence)
    return query


@dataclass(frozen=True)
class PageQueries:
    """The two statements of a results page: how many results pass, and the sorted rows."""

    count: Select[Any]
    rows: Select[Any]


async def page_conversion(session: AsyncSession, currency: str) -> SqlConversion:
    return SqlConversion(await latest_converter(session), currency)


def page_queries(
    search: SavedSearch,
    filters: ResultFilters,
    last_run: int | None,
    conversion: SqlConversion,
    sort: ResultSort = ResultSort.TOTAL,
) -> PageQueries:
    query = _filtered(_base(search), filters, last_run, conversion)
    converted = conversion.total()
    order = {
        ResultSort.TOTAL: (
            case((converted.is_(None), 1), else_=0),
            converted.asc(),
            case((Listing.shipping_amount.is_(None), 1), else_=0),
        ),
        ResultSort.NEWEST: (SearchResult.first_seen_at.desc(),),
        ResultSort.SCORE: (func.coalesce(ListingMatch.score, 0).desc(),),
    }[sort]
    return PageQueries(
        count=_filtered(_count(search, filters), filters, last_run, conversion),
        rows=query.order_by(*order, SearchResult.id),
    )


async def results_page(
    session: AsyncSession,
    *,
    user_id: int,
    search_id: int,
    currency: str,
    filters: ResultFilters,
    sort: ResultSort,
    offset: int,
    limit: int,
) -> ResultPage:
    """One page of a search's results. `sort=total` orders by the converted total (price plus
    known shipping in `currency`): on equal totals a known shipping cost comes first, listings
    whose currency has no rate come last, and the result id breaks every remaining tie."""
    search = await owned_search(session, user_id=user_id, search_id=search_id)
    last_run = await last_search_run(session, search)
    conversion = await page_conversion(session, currency)
    queries = page_queries(search, filters, last_run, conversion, sort)
    total = await session.scalar(queries.count) or 0
    rows = (await session.execute(queries.rows.offset(offset).limit(limit))).all()
    converter = conversion.converter
    items = [
        ResultRow(
            result=r,
            listing=listing,
            seller=seller,
            match=match,
            is_new=last_run is not None and r.first_seen_run_id == last_run,
            converted=listing_total(listing, converter, currency),
        )
        for r, listing, seller, match in rows
    ]
    return ResultPage(items=items, total=total, last_run_id=last_run)


async def seller_summaries(
    session: AsyncSession,
    *,
    user_id: int,
    search_id: int,
    currency: str,
    offset: int,
    limit: int,
) -> tuple[list[SellerSummary], int]:
    """Sellers ranked by how many wanted records they have for sale in this search, then by
    the converted total of their listings (cheapest first, unconvertible last)."""
    search = await owned_search(session, user_id=user_id, search_id=search_id)
    converter = await latest_converter(session)
    conversion = SqlConversion(converter, currency)
    wanted = func.count(
        func.distinct(case((ListingMatch.is_wanted.is_(True), ListingMatch.release_id)))
    )
    listings = func.count(Listing.id)
    current = and_(SearchResult.search_id == search.id, SearchResult.gone_at.is_(None))
    # Each listing converted once; the aggregates below read its columns.
    converted = (
        select(
            SearchResult.listing_id,
            conversion.price().label("price"),
            conversion.total().label("total"),
        )
        .join(Listing, Listing.id == SearchResult.listing_id)
        .where(current)
        .subquery()
    )
    # SUM skips NULLs: a seller with any unconvertible listing has no total at all.
    unconverted = listings - func.count(converted.c.total)
    converted_sum = case((unconverted == 0, func.sum(converted.c.total)), else_=None)
    query = (
        select(
            Seller,
            wanted,
            listings,
            func.max(Listing.ships_from),
            case((unconverted == 0, func.sum(converted.c.price)), else_=None),
            converted_sum,
            func.min(conversion.missing_currency(converted.c.price, converted.c.total)),
            func.count(Listing.shipping_amount),
        )
        .select_from(SearchResult)
        .join(Listing, Listing.id == SearchResult.listing_id)
        .join(converted, converted.c.listing_id == Listing.id)
        .join(Seller, Seller.id == Listing.seller_id)
        .outerjoin(
            ListingMatch,
            and_(ListingMatch.listing_id == Listing.id, ListingMatch.user_id == user_id),
        )
        .where(current)
        .group_by(Seller.id)
    )
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = (
        await session.execute(
            query.order_by(
                wanted.desc(),
                listings.desc(),
                case((converted_sum.is_(None), 1), else_=0),
                converted_sum.asc(),
                Seller.username,
                Seller.id,
            )
            .offset(offset)
            .limit(limit)
        )
    ).all()
    target = currency.upper()
    return [
        SellerSummary(
            seller=seller,
            wanted_records=w,
            listings=n,
            ships_from=ships_from,
            items_total=_money(items, target),
            converted_total=_money(delivered, target),
            missing_currency=missing,
            shipping_known=known,
        )
        for seller, w, n, ships_from, items, delivered, missing, known in rows
    ], total


def _money(amount: Decimal | float | None, currency: str) -> Money | None:
    # SQLite sums as floats: back to cents.
    if amount is None:
        return None
    return Money(amount=Decimal(str(amount)).quantize(CENT), currency=currency)


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
        # The user says the listing is this release: this pressing, wanted if it is a want.
        match.score, match.confidence = 1.0, "high"
        match.pressing, match.pressing_release_id = "same", None
        want = await session.scalar(
            select(Want.id).where(Want.user_id == user_id, Want.release_id == match.release_id)
        )
        match.is_wanted = want is not None
        match.is_other_pressing = False
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
