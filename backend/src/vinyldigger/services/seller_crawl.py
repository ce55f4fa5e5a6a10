"""The one crawl of followed sellers' Discogs inventories, shared by every user of the instance.

A seller's stock is public, so however many users follow a seller it is read once. Each tick
(the `crawl-sellers` job) takes the sellers that are due, most followed and least recently
crawled first, and spends at most `seller_crawl_calls_per_tick` Discogs calls on them, and
only while the shared Discogs budget is less than `seller_crawl_budget_share` in use, so
syncs and search runs users wait for keep their room.

- An incremental crawl reads the inventory newest first (`sort=listed`, `sort_order=desc`)
  and stops at the first page holding a listing already stored: everything older is known.
- A full pass reads every page, possibly over several ticks (it resumes at the page it
  reached), and at its end marks the seller's listings it did not see as gone (sold or
  withdrawn). A seller's first crawl is a full pass, later ones every
  `seller_full_pass_hours`. An incremental crawl that runs out of calls before reaching a
  known listing carries on as a full pass, so no listing is skipped.

Listings go to the shared listings tables (`services/listings.py`), so price history, results
and baskets read them like any other. HTTP calls are made with no transaction open; each page
is stored in its own unit of work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import httpx
from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.config import Settings
from vinyldigger.core.context import AppContext
from vinyldigger.core.database import unit_of_work
from vinyldigger.core.logging import get_logger
from vinyldigger.models import FollowedSeller, Listing, Seller, SellerCrawl
from vinyldigger.models.base import utcnow
from vinyldigger.services import listings as listing_service
from vinyldigger.services.marketplaces.discogs.auth import application_auth
from vinyldigger.services.marketplaces.discogs.client import (
    MAX_PER_PAGE,
    DiscogsClient,
    discogs_budget,
)
from vinyldigger.services.marketplaces.dto import Listing as ListingDto
from vinyldigger.services.marketplaces.dto import Page
from vinyldigger.services.marketplaces.errors import MarketplaceError, NotFound
from vinyldigger.services.marketplaces.ratelimit import UpstreamLimiter, limiter_for

logger = get_logger(__name__)

DISCOGS = "discogs"
# A tick holds the sellers it took for this long at most; a tick that dies frees them then.
CLAIM_FOR = timedelta(minutes=15)
# Sellers considered per tick: far more than the calls allow, cheap to read.
DUE_BATCH = 50


@dataclass(frozen=True)
class DueCrawl:
    id: int
    username: str
    followers: int
    full_pass_page: int | None
    full_pass_started_at: datetime | None
    last_full_pass_at: datetime | None


@dataclass
class CrawlReport:
    """What one tick did: calls made, sellers read, listings new and gone."""

    calls: int = 0
    sellers: list[str] = field(default_factory=list)
    new_listings: int = 0
    gone_listings: int = 0
    full_passes: int = 0
    failures: int = 0


def _due_condition(settings: Settings, now: datetime) -> object:
    recent = now - timedelta(minutes=settings.seller_crawl_interval_minutes)
    return or_(
        SellerCrawl.full_pass_page.is_not(None),
        SellerCrawl.last_crawled_at.is_(None),
        SellerCrawl.last_crawled_at <= recent,
    )


async def due_crawls(
    session: AsyncSession, settings: Settings, *, now: datetime, limit: int = DUE_BATCH
) -> list[DueCrawl]:
    """Followed sellers whose crawl is due: most followers first, then the longest unread."""
    followers = func.count(FollowedSeller.id)
    rows = await session.execute(
        select(
            SellerCrawl.id,
            SellerCrawl.username,
            followers,
            SellerCrawl.full_pass_page,
            SellerCrawl.full_pass_started_at,
            SellerCrawl.last_full_pass_at,
        )
        .join(FollowedSeller, FollowedSeller.crawl_id == SellerCrawl.id)
        .where(
            SellerCrawl.status != "not_found",
            _due_condition(settings, now),  # type: ignore[arg-type]
            or_(SellerCrawl.claimed_until.is_(None), SellerCrawl.claimed_until < now),
        )
        .group_by(SellerCrawl.id)
        .order_by(
            followers.desc(),
            SellerCrawl.last_crawled_at.is_not(None),
            SellerCrawl.last_crawled_at,
            SellerCrawl.id,
        )
        .limit(limit)
    )
    return [DueCrawl(*row) for row in rows]


async def _claim(context: AppContext, crawl_id: int, now: datetime) -> bool:
    async with unit_of_work(context.session_factory) as session:
        result = await session.execute(
            update(SellerCrawl)
            .where(
                SellerCrawl.id == crawl_id,
                or_(SellerCrawl.claimed_until.is_(None), SellerCrawl.claimed_until < now),
            )
            .values(claimed_until=now + CLAIM_FOR)
        )
        return bool(getattr(result, "rowcount", 0))


def _wants_full_pass(crawl: DueCrawl, settings: Settings, now: datetime) -> bool:
    if crawl.full_pass_page is not None or crawl.last_full_pass_at is None:
        return True
    return crawl.last_full_pass_at <= now - timedelta(hours=settings.seller_full_pass_hours)


async def _mark_unseen_gone(
    session: AsyncSession, seller_id: int, *, since: datetime, at: datetime
) -> int:
    """The seller's listings a full pass begun at `since` did not see: sold or withdrawn."""
    result = await session.execute(
        update(Listing)
        .where(
            Listing.platform == DISCOGS,
            Listing.seller_id == seller_id,
            Listing.gone_at.is_(None),
            Listing.last_seen_at < since,
        )
        .values(gone_at=at)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def _seller_id(session: AsyncSession, items: list[ListingDto]) -> int | None:
    if not items:
        return None
    return await session.scalar(
        select(Seller.id).where(
            Seller.platform == DISCOGS, Seller.username == items[0].seller.username
        )
    )


@dataclass
class _Pass:
    """One seller's crawl within a tick."""

    crawl: DueCrawl
    full: bool
    started_at: datetime
    page: int
    calls: int = 0
    done: bool = False


async def _store_page(
    context: AppContext, state: _Pass, page: Page[ListingDto], report: CrawlReport
) -> None:
    at = utcnow()
    async with unit_of_work(context.session_factory) as session:
        crawl = await session.get(SellerCrawl, state.crawl.id)
        if crawl is None:  # unfollowed by everyone meanwhile
            state.done = True
            return
        ingested = await listing_service.ingest(session, page.items, seen_at=at)
        report.new_listings += len(ingested.new)
        seller_id = await _seller_id(session, page.items) or crawl.seller_id
        if page.items:
            crawl.username = page.items[0].seller.username[:200]
        crawl.seller_id = seller_id
        crawl.status, crawl.error = "ok", None
        crawl.inventory_size = page.info.items
        crawl.last_crawled_at = at
        last_page = not page.items or not page.info.has_next
        if state.full:
            if last_page:
                if seller_id is not None:
                    report.gone_listings += await _mark_unseen_gone(
                        session, seller_id, since=state.started_at, at=at
                    )
                crawl.last_full_pass_at = at
                crawl.full_pass_page = crawl.full_pass_started_at = None
                report.full_passes += 1
                state.done = True
            else:
                crawl.full_pass_page = state.page + 1
                crawl.full_pass_started_at = state.started_at
            return
        # Newest first: a page holding a listing already stored reaches what is known.
        reached_known = len(ingested.new) < len({item.listing_id for item in page.items})
        if reached_known or last_page:
            crawl.full_pass_page = crawl.full_pass_started_at = None
            state.done = True
        else:
            # Should the tick end here, the next one carries on from the following page as
            # a full pass, which also finds what sold meanwhile.
            crawl.full_pass_page = state.page + 1
            crawl.full_pass_started_at = state.started_at


async def _record_failure(context: AppContext, crawl_id: int, status: str, error: str) -> None:
    async with unit_of_work(context.session_factory) as session:
        crawl = await session.get(SellerCrawl, crawl_id)
        if crawl is not None:
            crawl.status, crawl.error = status, error[:500]
            crawl.last_crawled_at = utcnow()


async def _release(context: AppContext, crawl_id: int) -> None:
    async with unit_of_work(context.session_factory) as session:
        await session.execute(
            update(SellerCrawl).where(SellerCrawl.id == crawl_id).values(claimed_until=None)
        )


async def _budget_left(limiter: UpstreamLimiter, settings: Settings) -> bool:
    share = settings.seller_crawl_budget_share * limiter.budget.limit
    return await limiter.in_use() < share


async def _crawl_seller(
    context: AppContext,
    client: DiscogsClient,
    limiter: UpstreamLimiter,
    crawl: DueCrawl,
    *,
    allowance: int,
    report: CrawlReport,
) -> int:
    settings = context.settings
    now = utcnow()
    full = _wants_full_pass(crawl, settings, now)
    state = _Pass(
        crawl=crawl,
        full=full,
        started_at=(crawl.full_pass_started_at or now) if full else now,
        page=(crawl.full_pass_page or 1) if full else 1,
    )
    while not state.done and state.calls < allowance and await _budget_left(limiter, settings):
        state.calls += 1
        try:
            page = await client.inventory_page(
                crawl.username, state.page, MAX_PER_PAGE, sort="listed", sort_order="desc"
            )
        except NotFound:
            await _record_failure(context, crawl.id, "not_found", "Not a Discogs user")
            report.failures += 1
            break
        except MarketplaceError as exc:
            # The pass keeps its place: the next tick resumes where this one failed.
            await _record_failure(context, crawl.id, "failed", str(exc))
            report.failures += 1
            break
        await _store_page(context, state, page, report)
        state.page += 1
    return state.calls


async def crawl_tick(
    context: AppContext,
    *,
    http: httpx.AsyncClient | None = None,
    limiter: UpstreamLimiter | None = None,
) -> CrawlReport:
    """One tick of the shared crawl. `http` and `limiter` let a caller choose the transport
    and the budget (tests); by default the instance's shared Discogs budget is drawn on."""
    settings = context.settings
    report = CrawlReport()
    allowance = settings.seller_crawl_calls_per_tick
    if allowance == 0:
        return report
    now = utcnow()
    async with unit_of_work(context.session_factory) as session:
        due = await due_crawls(session, settings, now=now)
    if not due:
        return report
    limiter = limiter or limiter_for(discogs_budget(settings), context.redis)
    async with DiscogsClient.create(
        settings, application_auth(settings), redis=context.redis, http=http, limiter=limiter
    ) as client:
        for crawl in due:
            if report.calls >= allowance or not await _budget_left(limiter, settings):
                break
            if not await _claim(context, crawl.id, now):
                continue
            try:
                report.calls += await _crawl_seller(
                    context,
                    client,
                    limiter,
                    crawl,
                    allowance=allowance - report.calls,
                    report=report,
                )
            finally:
                await _release(context, crawl.id)
            report.sellers.append(crawl.username)
    return report


async def crawl_sellers_job(context: AppContext, _args: dict[str, int]) -> None:
    report = await crawl_tick(context)
    if report.calls:
        logger.info(
            "sellers_crawled",
            calls=report.calls,
            sellers=len(report.sellers),
            new_listings=report.new_listings,
            gone_listings=report.gone_listings,
            full_passes=report.full_passes,
            failures=report.failures,
        )
