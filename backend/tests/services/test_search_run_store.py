"""A search run's summary adds up: its totals are the sums of its sources' counts, also when
the listings it keeps were already known from another search."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from tests.services.test_price_history import add_user, offer
from vinyldigger.models import SavedSearch
from vinyldigger.services.search_run.filters import Library
from vinyldigger.services.search_run.inputs import RunInputs
from vinyldigger.services.search_run.sources import SourceResult
from vinyldigger.services.search_run.store import store_run
from vinyldigger.services.searches import SearchCriteria

CRITERIA = {"keywords": "nico chelsea girl", "platforms": ["ebay"]}


async def add_search(session: AsyncSession, user_id: int) -> RunInputs:
    search = SavedSearch(user_id=user_id, name="Nico", criteria=CRITERIA)
    session.add(search)
    await session.flush()
    return RunInputs(
        search_id=search.id,
        user_id=user_id,
        criteria=SearchCriteria.model_validate(CRITERIA),
        candidates=[],
        wants=[],
        library=Library(wanted_releases=frozenset(), wanted_masters=frozenset(), owned={}),
        decisions=[],
        tracked_sellers=[],
        discogs=None,
        ebay=None,
    )


def source(key: str, *external_ids: str) -> SourceResult:
    return SourceResult(
        key=key,
        platform="ebay",
        listings=[offer("ebay", e, "10.00", "EUR", seller=f"s-{e}") for e in external_ids],
        complete=True,
    )


async def test_new_results_are_the_sum_of_the_sources_new(db_session: AsyncSession) -> None:
    user = await add_user(db_session)
    first, second = await add_search(db_session, user.id), await add_search(db_session, user.id)
    at = datetime(2026, 12, 1, 9, tzinfo=UTC)
    await store_run(
        db_session, inputs=first, run_id=1, sources=[source("ebay:q:a", "E1", "E2", "E3")], at=at
    )
    # The second search finds E1-E3 (already stored by the first) and E4, which two of its
    # sources return.
    counts = await store_run(
        db_session,
        inputs=second,
        run_id=2,
        sources=[source("ebay:q:a", "E1", "E2", "E4"), source("ebay:q:b", "E3", "E4")],
        at=at + timedelta(hours=1),
    )
    summary = counts.as_dict()
    assert summary["results"] == 4 and summary["new_results"] == 4
    ebay = summary["platforms"]["ebay"]
    assert ebay["results"] == 4 and ebay["new"] == 4  # every listing is new to this search
    assert ebay["new_listings"] == 1  # only E4 is new to VinylDigger
    sources = summary["sources"]
    assert sources["ebay:q:a"]["new"] + sources["ebay:q:b"]["new"] == summary["new_results"]
    assert sources["ebay:q:a"]["seen"] == 3 and sources["ebay:q:b"]["seen"] == 2

    again = (
        await store_run(
            db_session,
            inputs=second,
            run_id=3,
            sources=[source("ebay:q:a", "E1", "E2", "E4"), source("ebay:q:b", "E3")],
            at=at + timedelta(hours=2),
        )
    ).as_dict()
    assert again["new_results"] == 0 and again["platforms"]["ebay"]["new"] == 0
    assert again["results"] == again["platforms"]["ebay"]["results"] == 4
