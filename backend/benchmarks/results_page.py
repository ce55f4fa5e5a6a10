"""Benchmark `results_page`: how long one page of a search's results takes, and its plans.

Setup: generated rows the size of the demo want-list search after a Scan my wants (`RESULTS`
results, most of them Discogs listings, a match per listing for the searching user and for
`OTHER_USERS` other users who saw the same listings), in PostgreSQL and in SQLite, each
migrated by Alembic. Measured per database: the first page, a middle page and the last page
sorted by converted total (50 a page, as the results page asks), a filtered page (Discogs,
wanted only), each the best of `REPEATS`; and the plans (EXPLAIN) of the count and page
queries, printed with `--explain`. Target: a page well under a second.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from _common import scratch_postgres, write_result
from vinyldigger.core.database import create_engine, create_session_factory, unit_of_work
from vinyldigger.core.migrations import upgrade
from vinyldigger.models import (
    FxRate,
    JobRun,
    Listing,
    ListingMatch,
    SavedSearch,
    SearchResult,
    Seller,
    User,
)
from vinyldigger.models.base import utcnow
from vinyldigger.services import search_results
from vinyldigger.services.search_results import ResultFilters, ResultFlag, ResultSort

RESULTS = 6_500
# Listings of the instance outside this search: crawled stocks, other users' searches.
OTHER_LISTINGS = 60_000
SELLERS = 600
OTHER_USERS = 3
PER_PAGE = 50
REPEATS = 3
CURRENCIES = ("USD", "EUR", "GBP", "JPY")
RATES = {"EUR": Decimal(1), "USD": Decimal("1.08"), "GBP": Decimal("0.85"), "JPY": Decimal(160)}


async def _populate(session: AsyncSession) -> tuple[int, int]:
    now = utcnow()
    users = [User(email=f"page{n}@example.com", password_hash="x") for n in range(1 + OTHER_USERS)]
    session.add_all(users)
    session.add_all(
        FxRate(rate_date=date(2026, 1, 5), currency=c, rate=r) for c, r in RATES.items()
    )
    await session.flush()
    owner = users[0]
    search = SavedSearch(user_id=owner.id, name="Want list", criteria={"want_list": True})
    session.add(search)
    await session.flush()
    run = JobRun(user_id=owner.id, kind="search", status="succeeded", subject_id=search.id)
    session.add(run)
    await session.execute(
        insert(Seller),
        [
            {
                "platform": "discogs" if n % 5 else "ebay",
                "username": f"seller{n}",
                "updated_at": now,
            }
            for n in range(SELLERS)
        ],
    )
    seller_ids = list(await session.scalars(select(Seller.id).order_by(Seller.id)))
    listings = []
    for n in range(RESULTS + OTHER_LISTINGS):
        seller_id = seller_ids[n % SELLERS]
        discogs = n % 5 != 0
        listings.append(
            {
                "platform": "discogs" if discogs else "ebay",
                "external_id": str(100_000 + n),
                "release_id": 1_000 + n % 150 if discogs else None,
                "title": f"Artist {n % 150} - Title {n % 150}",
                "artist": f"Artist {n % 150}",
                "media_grade": ("M", "NM", "VG+", "VG", "G")[n % 5] if discogs else None,
                "price_amount": Decimal(5 + n % 95) + Decimal("0.99"),
                "price_currency": CURRENCIES[n % len(CURRENCIES)],
                "shipping_amount": None if n % 7 == 0 else Decimal(4),
                "seller_id": seller_id,
                "url": f"https://example.com/item/{n}",
                "buying_option": "fixed_price",
                "first_seen_at": now,
                "last_seen_at": now,
            }
        )
    await session.execute(insert(Listing), listings)
    listing_ids = list(
        await session.scalars(select(Listing.id).order_by(Listing.id).limit(RESULTS))
    )
    await session.flush()
    await session.execute(
        insert(SearchResult),
        [
            {
                "search_id": search.id,
                "listing_id": listing_id,
                "source": "discogs:imports",
                "first_seen_run_id": run.id,
                "last_seen_run_id": run.id,
                "first_seen_at": now - timedelta(minutes=n),
                "last_seen_at": now,
                "gone_at": now if n % 40 == 0 else None,
            }
            for n, listing_id in enumerate(listing_ids)
        ],
    )
    await session.execute(
        insert(ListingMatch),
        [
            {
                "user_id": user.id,
                "listing_id": listing_id,
                "release_id": 1_000 + n % 150,
                "score": 0.5 + (n % 50) / 100,
                "method": "release_id",
                "confidence": "high" if n % 3 else "low",
                "evidence": {},
                "decision": "rejected" if n % 97 == 0 else None,
                "is_wanted": n % 4 != 0,
                "updated_at": now,
            }
            for user in users
            for n, listing_id in enumerate(listing_ids)
        ],
    )
    return owner.id, search.id


async def _page(
    session: AsyncSession, user_id: int, search_id: int, offset: int, filters: ResultFilters
) -> tuple[float, int]:
    best, total = float("inf"), 0
    for _ in range(REPEATS):
        started = time.perf_counter()
        page = await search_results.results_page(
            session,
            user_id=user_id,
            search_id=search_id,
            currency="USD",
            filters=filters,
            sort=ResultSort.TOTAL,
            offset=offset,
            limit=PER_PAGE,
        )
        best = min(best, time.perf_counter() - started)
        total = page.total
    return round(best, 4), total


async def _sellers_page(session: AsyncSession, user_id: int, search_id: int) -> float:
    """The first page of the search's sellers (the Sellers view of the same results)."""
    best = float("inf")
    for _ in range(REPEATS):
        started = time.perf_counter()
        await search_results.seller_summaries(
            session, user_id=user_id, search_id=search_id, currency="USD", offset=0, limit=PER_PAGE
        )
        best = min(best, time.perf_counter() - started)
    return round(best, 4)


async def _count_alone(session: AsyncSession, user_id: int, search_id: int) -> float:
    """The count statement alone, best of `REPEATS`."""
    search = await session.get(SavedSearch, search_id)
    assert search is not None and search.user_id == user_id
    conversion = await search_results.page_conversion(session, "USD")
    query = search_results.page_queries(search, ResultFilters(), None, conversion).count
    best = float("inf")
    for _ in range(REPEATS):
        started = time.perf_counter()
        await session.scalar(query)
        best = min(best, time.perf_counter() - started)
    return round(best, 4)


async def explain_page(session: AsyncSession, user_id: int, search_id: int) -> dict[str, str]:
    """The plans of the count and page queries the results page sends."""
    dialect = session.get_bind().dialect
    statements: dict[str, str] = {}
    search = await session.get(SavedSearch, search_id)
    assert search is not None and search.user_id == user_id
    queries = search_results.page_queries(
        search, ResultFilters(), None, await search_results.page_conversion(session, "USD")
    )
    prefix = "EXPLAIN QUERY PLAN " if dialect.name == "sqlite" else "EXPLAIN ANALYZE "
    for name, query in (("count", queries.count), ("page", queries.rows.limit(PER_PAGE))):
        compiled = query.compile(dialect=dialect, compile_kwargs={"literal_binds": True})
        rows = (await session.execute(text(prefix + str(compiled)))).all()
        statements[name] = "\n".join(" | ".join(str(c) for c in row) for row in rows)
    return statements


async def measure(url: str, explain: bool, analyze: bool = False) -> dict[str, Any]:
    await asyncio.to_thread(upgrade, url)
    engine = create_engine(url)
    factory = create_session_factory(engine)
    try:
        async with unit_of_work(factory) as session:
            started = time.perf_counter()
            user_id, search_id = await _populate(session)
            populated = time.perf_counter() - started
        if analyze and engine.dialect.name == "postgresql":
            async with engine.connect() as connection:
                await connection.execute(text("COMMIT"))
                await connection.execute(text("ANALYZE"))
        async with unit_of_work(factory) as session:
            listed = await session.scalar(
                select(func.count()).where(SearchResult.search_id == search_id)
            )
            first, total = await _page(session, user_id, search_id, 0, ResultFilters())
            middle, _ = await _page(session, user_id, search_id, total // 2, ResultFilters())
            last, _ = await _page(
                session, user_id, search_id, total - total % PER_PAGE, ResultFilters()
            )
            wanted = ResultFilters(platform="discogs", flag=ResultFlag.WANTED)
            filtered, filtered_total = await _page(session, user_id, search_id, 0, wanted)
            count = await _count_alone(session, user_id, search_id)
            sellers = await _sellers_page(session, user_id, search_id)
            plans = await explain_page(session, user_id, search_id) if explain else {}
    finally:
        await engine.dispose()
    figures: dict[str, Any] = {
        "search_results": listed,
        "results_shown": total,
        "populate_seconds": round(populated, 2),
        "first_page_seconds": first,
        "middle_page_seconds": middle,
        "last_page_seconds": last,
        "discogs_wanted_page_seconds": filtered,
        "discogs_wanted_results": filtered_total,
        "count_query_seconds": count,
        "sellers_page_seconds": sellers,
    }
    for name, plan in plans.items():
        print(f"--- {engine.dialect.name} {name} plan ---\n{plan}")
    return figures


async def main(explain: bool) -> dict[str, Any]:
    figures: dict[str, Any] = {"per_page": PER_PAGE, "repeats": REPEATS}
    async with scratch_postgres(f"vinyldigger_bench_results_page_{os.getpid()}") as url:
        figures["postgresql"] = await measure(url, explain)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "results_page.sqlite3"
        figures["sqlite"] = await measure(f"sqlite+aiosqlite:///{path}", explain)
    figures["target_page_seconds"] = 1.0
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    arguments = parser.parse_args()
    result = asyncio.run(main(arguments.explain))
    for database in ("postgresql", "sqlite"):
        print(f"{database:>10}: {result[database]}")
    print("written to", write_result("results_page", result))
