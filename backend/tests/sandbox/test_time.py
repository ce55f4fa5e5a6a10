"""Time moves: listings sell, new ones appear, prices and rates change, all reported exactly."""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from typing import Any

import httpx

from tests.sandbox.conftest import (
    client_for,
    ebay_headers,
    ebay_token,
    small_settings,
    token_header,
)
from vinyldigger_sandbox.server import running_sandbox
from vinyldigger_sandbox.state import SandboxState

ECB = "{http://www.ecb.int/vocabulary/2002-08-01/eurofxref}"


async def _advance(client: httpx.AsyncClient, steps: int = 1) -> dict[str, Any]:
    response = await client.post("/sandbox/advance", json={"steps": steps})
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


async def test_advance_reports_exactly_what_sold_and_appeared(
    client: httpx.AsyncClient, info: dict[str, Any], state: SandboxState
) -> None:
    world = state.world
    report = (await _advance(client))["steps"][0]
    discogs = report["discogs"]
    assert report["step"] == 1 and discogs["sold"] and discogs["new"]
    assert not set(discogs["sold"]) & set(discogs["new"])
    headers = token_header(info)
    for listing_id in discogs["sold"][:5]:
        listing = (await client.get(f"/discogs/marketplace/listings/{listing_id}")).json()
        assert listing["status"] == "Sold"
        seller = world.discogs_seller(listing["seller"]["username"])
        assert seller is not None
        assert listing_id not in world.discogs.seller_listing_ids(seller.index)
    for listing_id in discogs["new"][:5]:
        listing = (await client.get(f"/discogs/marketplace/listings/{listing_id}")).json()
        assert listing["status"] == "For Sale"
        assert listing["posted"] > "2026-06-01T05:00:00-07:00"
        inventory = await client.get(
            f"/discogs/users/{listing['seller']['username']}/inventory",
            params={"sort": "listed", "sort_order": "desc", "per_page": 100},
            headers=headers,
        )
        newest = [entry["id"] for entry in inventory.json()["listings"]]
        assert listing_id in newest
    # Everything else is untouched: all listings for sale = before - sold + new.
    for_sale = sum(len(world.discogs.seller_listing_ids(s.index)) for s in world.sellers)
    before = info["counts"]["discogs_listings_for_sale"]
    assert for_sale == before - len(discogs["sold"]) + len(discogs["new"])


async def test_ebay_items_sell_end_and_appear(
    client: httpx.AsyncClient, info: dict[str, Any]
) -> None:
    token = await ebay_token(client, info)
    report = (await _advance(client))["steps"][0]["ebay"]
    assert report["sold"] and report["ended"] and report["new"]
    gone = report["sold"][0]
    detail = await client.get(f"/ebay/buy/browse/v1/item/{gone}", headers=ebay_headers(token))
    assert detail.status_code == 200
    availability = detail.json()["estimatedAvailabilities"][0]
    assert availability["estimatedAvailabilityStatus"] == "OUT_OF_STOCK"
    fresh = await client.get(
        f"/ebay/buy/browse/v1/item/{report['new'][0]}", headers=ebay_headers(token)
    )
    assert fresh.json()["estimatedAvailabilities"][0]["estimatedAvailabilityStatus"] == "IN_STOCK"
    listed = await client.get(
        "/ebay/buy/browse/v1/item_summary/search",
        params={"q": "lp", "limit": 200, "filter": "buyingOptions:{FIXED_PRICE|AUCTION}"},
        headers=ebay_headers(token),
    )
    seen: set[str] = set()
    body = listed.json()
    while True:
        seen |= {item["itemId"] for item in body.get("itemSummaries", [])}
        if "next" not in body:
            break
        body = (await client.get(body["next"], headers=ebay_headers(token))).json()
    assert not seen & set(report["sold"] + report["ended"])


async def test_the_same_steps_happen_for_the_same_seed(make_app: Any) -> None:
    reports = []
    for _ in range(2):
        async with client_for(make_app(seed=21)) as client:
            reports.append((await _advance(client, steps=3))["steps"])
    assert reports[0] == reports[1]
    async with client_for(make_app(seed=22)) as client:
        assert (await _advance(client, steps=3))["steps"] != reports[0]


async def test_prices_change_and_release_stats_follow(
    client: httpx.AsyncClient, state: SandboxState
) -> None:
    world = state.world
    changed = (await _advance(client))["steps"][0]["discogs"]["price_changed"]
    assert changed
    listing = world.discogs.listing(changed[0])
    assert listing is not None
    assert world.discogs.price_of(listing) != listing.price
    release_id = world.catalog.release(listing.release_index).id
    stats = (await client.get(f"/discogs/marketplace/stats/{release_id}")).json()
    count, lowest = world.discogs.lowest_price([listing.release_index], "USD", world.rates)
    assert stats["num_for_sale"] == count
    assert stats["lowest_price"]["value"] == lowest


async def test_steps_are_kept_and_reset_goes_back(client: httpx.AsyncClient) -> None:
    await _advance(client, steps=2)
    history = (await client.get("/sandbox/steps", params={"since": 1})).json()
    assert [step["step"] for step in history["steps"]] == [2]
    assert (await client.post("/sandbox/reset", json={})).json()["step"] == 0
    assert (await client.get("/sandbox/info")).json()["step"] == 0


async def test_exchange_rates_move_with_the_world(client: httpx.AsyncClient) -> None:
    def rates(text: str) -> tuple[str, dict[str, float]]:
        cube = ET.fromstring(text).find(f"{ECB}Cube/{ECB}Cube")
        assert cube is not None
        return cube.attrib["time"], {
            entry.attrib["currency"]: float(entry.attrib["rate"]) for entry in cube
        }

    day0, before = rates((await client.get("/fx/eurofxref-daily.xml")).text)
    await _advance(client)
    day1, after = rates((await client.get("/fx/eurofxref-daily.xml")).text)
    assert day0 == "2026-06-01" and day1 == "2026-06-02"
    assert set(before) >= {"USD", "GBP", "JPY", "CHF", "SEK", "CAD", "AUD"}
    assert before != after
    assert all(abs(after[c] / before[c] - 1) < 0.05 for c in before)


async def test_want_lists_can_be_changed_for_tests(
    client: httpx.AsyncClient, info: dict[str, Any]
) -> None:
    wanted = (await client.get("/sandbox/users/bob")).json()["want_release_ids"]
    change = {"add": [1000001, 1000002], "remove": wanted[:3]}
    after = (await client.post("/sandbox/users/bob/wants", json=change)).json()
    assert set(after["want_release_ids"]) == (set(wanted) - set(wanted[:3])) | {1000001, 1000002}
    page = await client.get("/discogs/users/bob/wants", params={"per_page": 100})
    assert {want["id"] for want in page.json()["wants"]} == set(after["want_release_ids"])


def test_the_world_advances_on_its_own_when_asked() -> None:
    with running_sandbox(small_settings(advance_every_seconds=0.3)) as sandbox:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and sandbox.state.world.step < 2:
            time.sleep(0.05)
        assert sandbox.state.world.step >= 2
        httpx.post(f"{sandbox.base_url}/sandbox/settings", json={"advance_every_seconds": 0})
        step = sandbox.state.world.step
        time.sleep(0.5)
        assert sandbox.state.world.step == step
