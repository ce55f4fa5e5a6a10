"""When a search's results leave it: per search and source, and for everyone only when an
unfiltered source proves the listing is no longer for sale."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tests.services.test_price_history import add_release, add_user, offer
from tests.services.test_search_run_store import add_search, source
from vinyldigger.models import Listing, SearchResult
from vinyldigger.services.search_run.sources import SourceResult
from vinyldigger.services.search_run.store import store_run

AT = datetime(2026, 12, 1, 9, tzinfo=UTC)


async def _gone(session: AsyncSession, search_id: int) -> dict[str, bool]:
    rows = await session.execute(
        select(Listing.external_id, SearchResult.gone_at)
        .join(Listing, Listing.id == SearchResult.listing_id)
        .where(SearchResult.search_id == search_id)
    )
    return {external_id: gone_at is not None for external_id, gone_at in rows}


async def _listing_gone(session: AsyncSession, external_id: str) -> bool:
    gone_at = await session.scalar(
        select(Listing.gone_at).where(Listing.external_id == external_id)
    )
    return gone_at is not None


def inventory(seller: str, *external_ids: str) -> SourceResult:
    return SourceResult(
        key=f"discogs:seller:{seller}",
        platform="discogs",
        listings=[
            offer("discogs", e, "20.00", "EUR", seller=seller, release_id=1) for e in external_ids
        ],
        complete=True,
        seller=seller,
        unfiltered=True,
    )


async def test_a_filtered_query_ends_its_own_result_only(db_session: AsyncSession) -> None:
    # Two users' searches return E1; the first user's query (say, a lower price bound)
    # stops returning it. It is gone from that search, still for sale for the other user.
    mine = await add_search(db_session, (await add_user(db_session)).id)
    theirs = await add_search(db_session, (await add_user(db_session)).id)
    for inputs in (mine, theirs):
        await store_run(
            db_session, inputs=inputs, run_id=1, sources=[source("ebay:q:a", "E1", "E2")], at=AT
        )
    counts = await store_run(
        db_session,
        inputs=mine,
        run_id=2,
        sources=[source("ebay:q:a", "E2")],
        at=AT + timedelta(hours=1),
    )

    assert counts.gone_results == 1
    assert await _gone(db_session, mine.search_id) == {"E1": True, "E2": False}
    assert await _gone(db_session, theirs.search_id) == {"E1": False, "E2": False}
    assert not await _listing_gone(db_session, "E1")


async def test_an_incomplete_query_ends_nothing(db_session: AsyncSession) -> None:
    mine = await add_search(db_session, (await add_user(db_session)).id)
    await store_run(db_session, inputs=mine, run_id=1, sources=[source("ebay:q:a", "E1")], at=AT)
    partial = source("ebay:q:a")
    partial.complete = False
    await store_run(
        db_session, inputs=mine, run_id=2, sources=[partial], at=AT + timedelta(hours=1)
    )

    assert await _gone(db_session, mine.search_id) == {"E1": False}


async def test_a_sellers_whole_stock_proves_a_listing_gone_for_everyone(
    db_session: AsyncSession,
) -> None:
    await add_release(db_session, 1)
    mine = await add_search(db_session, (await add_user(db_session)).id)
    await store_run(
        db_session,
        inputs=mine,
        run_id=1,
        sources=[inventory("shop", "D1", "D2")],
        at=AT,
        keyword_releases=frozenset({1}),
    )
    await store_run(
        db_session,
        inputs=mine,
        run_id=2,
        sources=[inventory("shop", "D2")],
        at=AT + timedelta(hours=1),
        keyword_releases=frozenset({1}),
    )

    assert await _gone(db_session, mine.search_id) == {"D1": True, "D2": False}
    assert await _listing_gone(db_session, "D1")
    assert not await _listing_gone(db_session, "D2")


async def test_results_of_sources_no_longer_read_end(db_session: AsyncSession) -> None:
    # The criteria changed ("ebay:q:a" became "ebay:q:b"): what only the old query found
    # leaves the search instead of staying "for sale" for ever; the listing itself is not
    # judged (another search may still read it).
    mine = await add_search(db_session, (await add_user(db_session)).id)
    await store_run(
        db_session, inputs=mine, run_id=1, sources=[source("ebay:q:a", "E1", "E2")], at=AT
    )
    counts = await store_run(
        db_session,
        inputs=mine,
        run_id=2,
        sources=[source("ebay:q:b", "E2", "E3")],
        at=AT + timedelta(hours=1),
    )

    assert counts.ended_results == 1
    assert counts.as_dict()["ended_results"] == 1
    assert await _gone(db_session, mine.search_id) == {"E1": True, "E2": False, "E3": False}
    assert not await _listing_gone(db_session, "E1")


async def test_a_failed_source_keeps_its_results(db_session: AsyncSession) -> None:
    mine = await add_search(db_session, (await add_user(db_session)).id)
    await store_run(db_session, inputs=mine, run_id=1, sources=[source("ebay:q:a", "E1")], at=AT)
    failed = SourceResult(key="ebay:q:a", platform="ebay", error="eBay: 503")
    await store_run(db_session, inputs=mine, run_id=2, sources=[failed], at=AT + timedelta(hours=1))

    assert await _gone(db_session, mine.search_id) == {"E1": False}
