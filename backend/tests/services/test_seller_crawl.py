"""The shared crawl of followed sellers' inventories, against the sandbox's Discogs API.

Time moves in the sandbox (`World.advance`): listings sell and new ones are posted, exactly as
its step report says, so the tests know which listings the crawl must find new or gone.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tests.conftest import make_settings
from tests.sandbox.conftest import client_for, small_settings
from vinyldigger.core.context import AppContext
from vinyldigger.models import Listing, PriceObservation, SellerCrawl, User
from vinyldigger.models.base import utcnow
from vinyldigger.services import followed_sellers
from vinyldigger.services.marketplaces.ratelimit import MemoryUpstreamLimiter, UpstreamBudget
from vinyldigger.services.seller_crawl import crawl_tick, due_crawls
from vinyldigger.workers.jobs import PERIODIC_JOBS, PeriodicJob, run_job
from vinyldigger_sandbox.app import create_app, sandbox_state
from vinyldigger_sandbox.state import SandboxState
from vinyldigger_sandbox.users import Credentials
from vinyldigger_sandbox.world import World

SANDBOX_URL = "http://sandbox.test"
PER_PAGE = 100


@dataclass
class Chosen:
    """A sandbox seller with a few pages of stock that both sells and lists at step 1."""

    username: str
    stock: list[int]
    sold: list[int]
    new: list[int]


def _choose_seller() -> Chosen:
    """Step 1 is deterministic for a seed: a probe world tells what it will change."""
    probe = World(small_settings())
    before = {
        seller.index: list(probe.discogs.seller_listing_ids(seller.index))
        for seller in probe.sellers
        if seller.on_discogs
    }
    changes = probe.advance(1)[0].discogs
    owner = {
        listing_id: listing.seller_index
        for listing_id in [*changes.sold, *changes.new]
        if (listing := probe.discogs.listing(listing_id)) is not None
    }
    for seller in probe.sellers:
        stock = before.get(seller.index, [])
        sold = [i for i in changes.sold if owner.get(i) == seller.index]
        new = [i for i in changes.new if owner.get(i) == seller.index]
        if PER_PAGE < len(stock) <= 4 * PER_PAGE and sold and 0 < len(new) < PER_PAGE:
            return Chosen(seller.discogs_username, stock, sold, new)
    raise AssertionError("the small sandbox world has no seller to crawl")


CHOSEN = _choose_seller()


@pytest.fixture
async def sandbox_http() -> AsyncIterator[tuple[httpx.AsyncClient, SandboxState]]:
    app = create_app(small_settings())
    async with client_for(app) as http:
        yield http, sandbox_state(app)


@pytest.fixture
def crawl_context(context: AppContext, tmp_path: Any) -> AppContext:
    demo = Credentials.for_user("demo")
    context.settings = make_settings(
        tmp_path,
        VINYLDIGGER_DISCOGS_BASE_URL=f"{SANDBOX_URL}/discogs",
        VINYLDIGGER_DISCOGS_CONSUMER_KEY=SecretStr(demo.consumer_key),
        VINYLDIGGER_DISCOGS_CONSUMER_SECRET=SecretStr(demo.consumer_secret),
        VINYLDIGGER_DISCOGS_RATE_LIMIT_PER_MINUTE=100_000,
        VINYLDIGGER_SELLER_CRAWL_CALLS_PER_TICK=20,
    )
    return context


async def _user(session: AsyncSession) -> int:
    user = User(email=f"{uuid.uuid4().hex[:10]}@example.com", password_hash="-")
    session.add(user)
    await session.flush()
    return user.id


async def _stored(session: AsyncSession, external_ids: list[int]) -> dict[str, Listing]:
    rows = await session.scalars(
        select(Listing).where(
            Listing.platform == "discogs",
            Listing.external_id.in_([str(i) for i in external_ids]),
        )
    )
    return {row.external_id: row for row in rows}


async def _make_due(session: AsyncSession, *, full_pass: bool) -> None:
    """Move the crawl's clock back instead of waiting for it."""
    past = utcnow() - timedelta(days=2)
    values: dict[str, Any] = {"last_crawled_at": past}
    if full_pass:
        values["last_full_pass_at"] = past
    await session.execute(update(SellerCrawl).values(**values))
    await session.flush()


async def test_two_followers_one_crawl_then_newest_first_until_a_known_listing(
    crawl_context: AppContext,
    db_session: AsyncSession,
    sandbox_http: tuple[httpx.AsyncClient, SandboxState],
) -> None:
    http, state = sandbox_http
    for _ in range(2):
        await followed_sellers.follow(
            db_session, user_id=await _user(db_session), username=CHOSEN.username, limit=10
        )

    first = await crawl_tick(crawl_context, http=http)

    # One seller, read once for both followers: its first crawl is a full pass.
    pages = math.ceil(len(CHOSEN.stock) / PER_PAGE)
    assert first.sellers == [CHOSEN.username]
    assert (first.calls, first.full_passes, first.new_listings) == (pages, 1, len(CHOSEN.stock))
    assert len(await _stored(db_session, CHOSEN.stock)) == len(CHOSEN.stock)
    crawl = await db_session.scalar(select(SellerCrawl))
    assert crawl is not None and crawl.status == "ok"
    assert crawl.inventory_size == len(CHOSEN.stock) and crawl.full_pass_page is None
    # Not due again until the crawl interval has passed.
    assert (await crawl_tick(crawl_context, http=http)).calls == 0

    state.world.advance(1)
    await _make_due(db_session, full_pass=False)
    second = await crawl_tick(crawl_context, http=http)

    # The new listings are on the first page, with a known one after them: one call.
    assert (second.calls, second.full_passes, second.new_listings) == (1, 0, len(CHOSEN.new))
    assert set(await _stored(db_session, CHOSEN.new)) == {str(i) for i in CHOSEN.new}
    # What sold is not known before the next full pass.
    sold = await _stored(db_session, CHOSEN.sold)
    assert all(row.gone_at is None for row in sold.values())


async def test_full_pass_marks_sold_listings_gone_and_keeps_their_prices(
    crawl_context: AppContext,
    db_session: AsyncSession,
    sandbox_http: tuple[httpx.AsyncClient, SandboxState],
) -> None:
    http, state = sandbox_http
    await followed_sellers.follow(
        db_session, user_id=await _user(db_session), username=CHOSEN.username, limit=10
    )
    await crawl_tick(crawl_context, http=http)
    state.world.advance(1)
    await _make_due(db_session, full_pass=True)

    report = await crawl_tick(crawl_context, http=http)

    remaining = len(CHOSEN.stock) - len(CHOSEN.sold) + len(CHOSEN.new)
    assert report.full_passes == 1 and report.gone_listings == len(CHOSEN.sold)
    assert report.calls == math.ceil(remaining / PER_PAGE)
    sold = await _stored(db_session, CHOSEN.sold)
    assert sold and all(row.gone_at is not None for row in sold.values())
    still = await _stored(db_session, [i for i in CHOSEN.stock if i not in CHOSEN.sold])
    assert all(row.gone_at is None for row in still.values())
    # Sold listings keep their price history: it is what the history is made of.
    observed = await db_session.scalar(
        select(func.count(PriceObservation.id)).where(
            PriceObservation.listing_id.in_([row.id for row in sold.values()])
        )
    )
    assert observed == len(sold)


async def test_a_pass_the_tick_cannot_finish_resumes_where_it_stopped(
    crawl_context: AppContext,
    db_session: AsyncSession,
    sandbox_http: tuple[httpx.AsyncClient, SandboxState],
) -> None:
    http, _ = sandbox_http
    crawl_context.settings = crawl_context.settings.model_copy(
        update={"seller_crawl_calls_per_tick": 1}
    )
    await followed_sellers.follow(
        db_session, user_id=await _user(db_session), username=CHOSEN.username, limit=10
    )
    pages = math.ceil(len(CHOSEN.stock) / PER_PAGE)
    for page in range(1, pages):
        report = await crawl_tick(crawl_context, http=http)
        crawl = await db_session.scalar(select(SellerCrawl))
        assert crawl is not None
        assert (report.calls, report.full_passes, crawl.full_pass_page) == (1, 0, page + 1)
    last = await crawl_tick(crawl_context, http=http)
    assert (last.calls, last.full_passes, last.gone_listings) == (1, 1, 0)
    assert len(await _stored(db_session, CHOSEN.stock)) == len(CHOSEN.stock)


async def test_a_name_discogs_does_not_know_is_marked_and_then_refused(
    crawl_context: AppContext,
    db_session: AsyncSession,
    sandbox_http: tuple[httpx.AsyncClient, SandboxState],
) -> None:
    http, _ = sandbox_http
    user_id = await _user(db_session)
    await followed_sellers.follow(db_session, user_id=user_id, username="no-such-shop", limit=10)

    report = await crawl_tick(crawl_context, http=http)

    assert (report.calls, report.failures) == (1, 1)
    crawl = await db_session.scalar(select(SellerCrawl))
    assert crawl is not None and crawl.status == "not_found"
    imported = await followed_sellers.import_names(
        db_session, user_id=await _user(db_session), usernames=["No-Such-Shop"], limit=10
    )
    assert imported.not_found == ["No-Such-Shop"] and not imported.followed
    # Nobody is crawled for it again.
    assert (await crawl_tick(crawl_context, http=http)).calls == 0


async def test_the_crawl_leaves_the_rest_of_the_shared_budget_to_users(
    crawl_context: AppContext,
    db_session: AsyncSession,
    sandbox_http: tuple[httpx.AsyncClient, SandboxState],
) -> None:
    http, _ = sandbox_http
    await followed_sellers.follow(
        db_session, user_id=await _user(db_session), username=CHOSEN.username, limit=10
    )
    # A budget of 10 calls a minute, of which the crawl may use half (the default share).
    budget = MemoryUpstreamLimiter(UpstreamBudget(key="discogs-test", limit=10, window_seconds=60))
    for _ in range(5):
        await budget.acquire()

    assert (await crawl_tick(crawl_context, http=http, limiter=budget)).calls == 0

    other = MemoryUpstreamLimiter(UpstreamBudget(key="discogs-test", limit=10, window_seconds=60))
    for _ in range(4):
        await other.acquire()
    report = await crawl_tick(crawl_context, http=http, limiter=other)
    # One call brings the budget to half in use; the pass goes on at the next tick.
    assert report.calls == 1 and report.full_passes == 0
    crawl = await db_session.scalar(select(SellerCrawl))
    assert crawl is not None and crawl.full_pass_page == 2


async def test_the_periodic_job_runs_every_two_minutes(crawl_context: AppContext) -> None:
    assert PeriodicJob("crawl-sellers", 120) in PERIODIC_JOBS
    # Nobody follows anyone: the tick makes no call (the sandbox is not even reachable here).
    await run_job(crawl_context, "crawl-sellers")


async def test_most_followed_then_least_recently_crawled_come_first(
    crawl_context: AppContext, db_session: AsyncSession
) -> None:
    users = [await _user(db_session) for _ in range(3)]
    for user_id, names in zip(
        users, (["popular", "fresh", "stale"], ["popular"], ["never"]), strict=True
    ):
        for name in names:
            await followed_sellers.follow(db_session, user_id=user_id, username=name, limit=10)
    now = utcnow()
    crawled = {"fresh": now - timedelta(minutes=5), "stale": now - timedelta(days=1)}
    for name, at in crawled.items():
        await db_session.execute(
            update(SellerCrawl)
            .where(SellerCrawl.username_key == name)
            .values(last_crawled_at=at, last_full_pass_at=at, status="ok")
        )

    due = await due_crawls(db_session, crawl_context.settings, now=now)

    # "fresh" was read within the crawl interval: not due.
    assert [(crawl.username, crawl.followers) for crawl in due] == [
        ("popular", 2),
        ("never", 1),
        ("stale", 1),
    ]
