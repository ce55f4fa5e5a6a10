"""Benchmark `seller_crawl`: what the shared crawl of followed sellers costs in Discogs calls.

A sandbox world (in process, its Discogs API over ASGI) and a scratch PostgreSQL database.
`USERS` users each follow the same `SELLERS` sellers (the sellers with the most listings);
the crawl then runs tick after tick until it has nothing due:

1. first crawl: a full pass of every seller (calls = pages of stock, whatever the followers);
2. one world step later (listings sold, new ones posted), an incremental crawl: newest first,
   stopping at the first known listing;
3. the daily full pass: every page again, marking what sold as gone, checked against the
   sandbox's own step report.

Prints the figures and writes backend/benchmarks/results/seller_crawl.json: calls and seconds
per phase, listings stored, new and gone, and whether gone matches what the world sold.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import time
from datetime import timedelta
from typing import Any

import httpx
from cryptography.fernet import Fernet
from pydantic import SecretStr
from sqlalchemy import func, select, update

from _common import scratch_postgres, write_result
from vinyldigger.core.config import Settings
from vinyldigger.core.context import AppContext
from vinyldigger.core.database import create_engine, create_session_factory, unit_of_work
from vinyldigger.core.migrations import upgrade
from vinyldigger.core.ratelimit import MemoryRateLimiter
from vinyldigger.core.security import SecretBox
from vinyldigger.models import Listing, SellerCrawl, User
from vinyldigger.models.base import utcnow
from vinyldigger.services import followed_sellers
from vinyldigger.services.seller_crawl import CrawlReport, crawl_tick
from vinyldigger_sandbox.app import create_app, sandbox_state
from vinyldigger_sandbox.settings import SandboxSettings
from vinyldigger_sandbox.users import Credentials

USERS = 10
PER_PAGE = 100


async def _until_idle(context: AppContext, http: httpx.AsyncClient) -> dict[str, Any]:
    total = CrawlReport()
    ticks = 0
    started = time.perf_counter()
    while True:
        report = await crawl_tick(context, http=http)
        if report.calls == 0:
            break
        ticks += 1
        total.calls += report.calls
        total.new_listings += report.new_listings
        total.gone_listings += report.gone_listings
        total.full_passes += report.full_passes
    return {
        "ticks": ticks,
        "calls": total.calls,
        "new_listings": total.new_listings,
        "gone_listings": total.gone_listings,
        "full_passes": total.full_passes,
        "seconds": round(time.perf_counter() - started, 2),
    }


async def _age(context: AppContext, *, full_pass: bool) -> None:
    """Move the crawl's clock back a day instead of waiting for the interval."""
    past = utcnow() - timedelta(days=2)
    values: dict[str, Any] = {"last_crawled_at": past}
    if full_pass:
        values["last_full_pass_at"] = past
    async with unit_of_work(context.session_factory) as session:
        await session.execute(update(SellerCrawl).values(**values))


async def main(size: str, sellers: int, calls_per_tick: int) -> dict[str, Any]:
    app = create_app(
        SandboxSettings.model_validate({"size": size, "seed": 5, "discogs_rate_limit": 1_000_000})
    )
    world = sandbox_state(app).world
    chosen = sorted(
        (s for s in world.sellers if s.on_discogs),
        key=lambda s: -len(world.discogs.seller_listing_ids(s.index)),
    )[:sellers]
    stock = {s.discogs_username: world.discogs.seller_listing_ids(s.index) for s in chosen}
    owners = {s.index: s.discogs_username for s in chosen}
    demo = Credentials.for_user("demo")
    settings = Settings.model_validate(
        {
            "VINYLDIGGER_SECRET_KEY": SecretStr("bench-" * 8),
            "VINYLDIGGER_ENCRYPTION_KEYS": SecretStr(Fernet.generate_key().decode()),
            "VINYLDIGGER_DISCOGS_BASE_URL": "http://sandbox.test/discogs",
            "VINYLDIGGER_DISCOGS_CONSUMER_KEY": SecretStr(demo.consumer_key),
            "VINYLDIGGER_DISCOGS_CONSUMER_SECRET": SecretStr(demo.consumer_secret),
            "VINYLDIGGER_DISCOGS_RATE_LIMIT_PER_MINUTE": 1_000_000,
            "VINYLDIGGER_SELLER_CRAWL_CALLS_PER_TICK": calls_per_tick,
        }
    )
    transport = httpx.ASGITransport(app=app)
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://sandbox.test") as http,
        scratch_postgres(f"vinyldigger_bench_crawl_{os.getpid()}") as url,
    ):
        await asyncio.to_thread(upgrade, url)
        engine = create_engine(url)
        context = AppContext(
            settings=settings,
            engine=engine,
            session_factory=create_session_factory(engine),
            redis=None,
            rate_limiter=MemoryRateLimiter(),
            secret_box=SecretBox(settings.encryption_key_list),
        )
        async with unit_of_work(context.session_factory) as session:
            users = [User(email=f"crawl{n}@example.com", password_hash="x") for n in range(USERS)]
            session.add_all(users)
            await session.flush()
            for user in users:
                await followed_sellers.import_names(
                    session, user_id=user.id, usernames=list(stock), limit=sellers
                )
        first = await _until_idle(context, http)
        step = world.advance(1)[0].discogs
        sold = {
            i for i in step.sold if (x := world.discogs.listing(i)) and x.seller_index in owners
        }
        posted = {
            i for i in step.new if (x := world.discogs.listing(i)) and x.seller_index in owners
        }
        await _age(context, full_pass=False)
        incremental = await _until_idle(context, http)
        await _age(context, full_pass=True)
        full = await _until_idle(context, http)
        async with unit_of_work(context.session_factory) as session:
            gone = set(
                await session.scalars(
                    select(Listing.external_id).where(
                        Listing.platform == "discogs", Listing.gone_at.is_not(None)
                    )
                )
            )
            stored = await session.scalar(select(func.count(Listing.id)))
        await engine.dispose()
    pages = sum(math.ceil(max(1, len(ids)) / PER_PAGE) for ids in stock.values())
    figures = {
        "world": size,
        "sellers": sellers,
        "users_following_each": USERS,
        "listings_at_start": sum(len(ids) for ids in stock.values()),
        "pages_at_start": pages,
        "calls_per_tick": calls_per_tick,
        "first_crawl": first,
        "incremental_after_one_step": {**incremental, "posted_by_these_sellers": len(posted)},
        "full_pass_after_one_step": {**full, "sold_by_these_sellers": len(sold)},
        "gone_matches_sold": gone == {str(i) for i in sold},
        "listings_stored": stored,
    }
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="demo", choices=["small", "demo", "large"])
    parser.add_argument("--sellers", type=int, default=20)
    parser.add_argument("--calls-per-tick", type=int, default=30)
    args = parser.parse_args()
    result = asyncio.run(main(args.size, args.sellers, args.calls_per_tick))
    for key, value in result.items():
        print(f"{key}: {value}")
    print(f"written to {write_result('seller_crawl', result)}")
