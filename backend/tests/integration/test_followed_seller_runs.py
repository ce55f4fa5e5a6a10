"""A want-list search reads a followed seller's inventory from the shared crawl, not Discogs."""

from __future__ import annotations

from typing import Any

import httpx

from tests.api.helpers import auth_headers
from tests.integration.test_search_runs import _demo_account_with_search, _finish, _results
from vinyldigger.core.context import AppContext
from vinyldigger.services.seller_crawl import crawl_tick


async def test_a_fresh_crawl_is_read_instead_of_fetched(
    client: httpx.AsyncClient, sandbox_context: AppContext, sandbox_info: dict[str, Any]
) -> None:
    headers, search_id = await _demo_account_with_search(client, sandbox_context, sandbox_info)
    run = f"/api/v1/searches/{search_id}/run"
    first = await _finish(client, sandbox_context, headers, await client.post(run, headers=headers))
    assert first["search"]["stored_inventories"] == 0
    found = await _results(client, headers, search_id, platform="discogs")
    assert found, "eBay sellers seen in results should lead to Discogs inventories"
    seller = found[0]["listing"]["seller"]["username"]
    followed = await client.post(
        "/api/v1/sellers/followed", headers=headers, json={"username": seller}
    )
    assert followed.status_code == 201, followed.text
    # A second user following the same seller changes nothing of the crawl.
    other = await auth_headers(client)
    await client.post("/api/v1/sellers/followed", headers=other, json={"username": seller})

    sandbox_context.settings = sandbox_context.settings.model_copy(
        update={"seller_crawl_calls_per_tick": 200}
    )
    tick = await crawl_tick(sandbox_context)
    assert tick.sellers == [seller] and tick.full_passes == 1
    # No inventory may be fetched now: what the run reads of sellers comes from the store.
    sandbox_context.settings = sandbox_context.settings.model_copy(update={"search_max_sellers": 0})
    second = await _finish(
        client, sandbox_context, headers, await client.post(run, headers=headers)
    )

    assert second["search"]["stored_inventories"] == 1
    inventories = {k for k in second["search"]["sources"] if k.startswith("discogs:seller:")}
    assert inventories == {f"discogs:seller:{seller}"}
    source = second["search"]["sources"][f"discogs:seller:{seller}"]
    listed = (await client.get("/api/v1/sellers/followed", headers=headers)).json()["items"][0]
    assert source["complete"] and source["seen"] == listed["inventory_size"]
    assert listed["crawl_status"] == "ok" and listed["wanted_held"] >= 1
    after = await _results(client, headers, search_id, seller=seller)
    assert {item["listing"]["external_id"] for item in after} >= {
        item["listing"]["external_id"]
        for item in found
        if item["listing"]["seller"]["username"] == seller
    }
