"""The total of a results page counts exactly the results its filters let through, whichever
filter is set: the count statement joins only what the filters need."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.test_converted_totals import stock_shelf
from vinyldigger.models import ListingMatch, SearchResult
from vinyldigger.models.base import utcnow

FILTERS: list[dict[str, Any]] = [
    {},
    {"platform": "ebay"},
    {"platform": "discogs"},
    {"flag": "wanted"},
    {"seller": "brit"},
    {"seller": "nobody"},
    {"min_media_grade": "VG+"},
    {"min_media_grade": "VG+", "include_ungraded": True},
    {"max_price": "16.00"},
    {"confidence": "high"},
    {"include_gone": True},
    {"new_only": True},
]


@pytest.mark.parametrize("params", FILTERS, ids=lambda p: "+".join(p) or "none")
async def test_total_is_the_number_of_results_listed(
    client: httpx.AsyncClient, db_session: AsyncSession, params: dict[str, Any]
) -> None:
    shelf = await stock_shelf(client, db_session)
    # A result gone and a match rejected leave the count with their rows.
    gone = await db_session.scalar(
        select(SearchResult).where(
            SearchResult.search_id == shelf.search_id, SearchResult.listing_id == shelf.ids["C"]
        )
    )
    rejected = await db_session.scalar(
        select(ListingMatch).where(ListingMatch.listing_id == shelf.ids["E"])
    )
    assert gone is not None and rejected is not None
    gone.gone_at = utcnow()
    rejected.decision = "rejected"
    await db_session.commit()

    response = await client.get(
        f"/api/v1/searches/{shelf.search_id}/results",
        headers=shelf.headers,
        params={"per_page": 100, **params},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["items"])
    keys = {item["listing"]["external_id"] for item in body["items"]}
    assert "E" not in keys
    assert ("C" in keys) == bool(params.get("include_gone") and not params.get("seller"))
    if not params:
        assert keys == {"A", "B", "D", "F"}
