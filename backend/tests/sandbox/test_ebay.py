"""eBay Browse: keywords, filters, sorting, shipping to the buyer, auctions, getItem."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.sandbox.conftest import ebay_headers, ebay_token
from vinyldigger_sandbox.state import SandboxState

EBAY_SEARCH = "/ebay/buy/browse/v1/item_summary/search"


@pytest.fixture
async def headers(client: httpx.AsyncClient, info: dict[str, Any]) -> dict[str, str]:
    return ebay_headers(await ebay_token(client, info))


async def _search(
    client: httpx.AsyncClient, headers: dict[str, str], **params: Any
) -> dict[str, Any]:
    response = await client.get(EBAY_SEARCH, params={"limit": 200, **params}, headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _price(item: dict[str, Any]) -> float:
    return float(item["price"]["value"])


async def test_keywords_match_all_words_and_category(
    client: httpx.AsyncClient, headers: dict[str, str], state: SandboxState
) -> None:
    demo = state.world.user("demo")
    assert demo is not None
    catalog = state.world.catalog
    release = catalog.release(next(i for i in demo.wants if catalog.release(i).is_vinyl))
    artist = catalog.artists[catalog.masters[release.master_index].artist_index].name
    body = await _search(client, headers, q=f"{artist} {release.title}", category_ids="176985")
    assert body["total"] > 0
    for item in body["itemSummaries"]:
        assert item["categories"][0]["categoryId"] == "176985"
        assert item["leafCategoryIds"] == ["176985"]
    either = await _search(client, headers, q="(sealed, og) lp")
    titles = [item["title"].lower() for item in either["itemSummaries"]]
    assert all(("sealed" in t or "og" in t.split()) and "lp" in t for t in titles)
    without = await _search(client, headers, q="lp -sealed")
    assert all("sealed" not in item["title"].lower() for item in without["itemSummaries"])


async def test_auctions_only_when_asked(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
    default = await _search(client, headers, q="lp")
    assert all("FIXED_PRICE" in item["buyingOptions"] for item in default["itemSummaries"])
    auctions = await _search(client, headers, q="lp", filter="buyingOptions:{AUCTION}")
    assert auctions["total"] > 0
    for item in auctions["itemSummaries"]:
        assert item["buyingOptions"] == ["AUCTION"]
        assert item["currentBidPrice"] == item["price"]
        assert isinstance(item["bidCount"], int)
        assert item["itemEndDate"].endswith(".000Z")
    soonest = await _search(
        client, headers, q="lp", sort="endingSoonest", filter="buyingOptions:{AUCTION}"
    )
    ends = [item["itemEndDate"] for item in soonest["itemSummaries"]]
    assert ends == sorted(ends)


async def test_price_condition_seller_and_location_filters(
    client: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    cheap = await _search(client, headers, q="lp", filter="price:[5..20],priceCurrency:USD")
    assert cheap["total"] > 0 and all(5 <= _price(item) <= 20 for item in cheap["itemSummaries"])
    missing_currency = await client.get(
        EBAY_SEARCH, params={"q": "lp", "filter": "price:[5..20]"}, headers=headers
    )
    assert missing_currency.status_code == 400
    new = await _search(client, headers, q="lp", filter="conditions:{NEW}")
    assert {item["conditionId"] for item in new["itemSummaries"]} == {"1000"}
    used = await _search(client, headers, q="lp", filter="conditionIds:{3000}")
    assert {item["condition"] for item in used["itemSummaries"]} == {"Used"}
    sellers = sorted({item["seller"]["username"] for item in used["itemSummaries"]})[:2]
    two = await _search(client, headers, q="lp", filter=f"sellers:{{{'|'.join(sellers)}}}")
    assert {item["seller"]["username"] for item in two["itemSummaries"]} == set(sellers)
    german = await _search(client, headers, q="lp", filter="itemLocationCountry:DE")
    assert german["total"] > 0
    assert {item["itemLocation"]["country"] for item in german["itemSummaries"]} == {"DE"}


async def test_shipping_is_quoted_for_the_buyers_country(
    client: httpx.AsyncClient, info: dict[str, Any], state: SandboxState
) -> None:
    token = await ebay_token(client, info)
    american = await _search(client, ebay_headers(token, "US", "19406"), q="lp")
    german = await _search(client, ebay_headers(token, "DE", "10115"), q="lp")
    assert american["total"] == german["total"]
    costs_us = {i["itemId"]: i.get("shippingOptions") for i in american["itemSummaries"]}
    differs = 0
    for item in german["itemSummaries"]:
        us, de = costs_us.get(item["itemId"]), item.get("shippingOptions")
        if us and de and us[0].get("shippingCost") and de[0].get("shippingCost"):
            differs += us[0]["shippingCost"]["value"] != de[0]["shippingCost"]["value"]
    assert differs > 10
    to_germany = await _search(
        client, ebay_headers(token, "US"), q="lp", filter="deliveryCountry:DE"
    )
    for item in to_germany["itemSummaries"]:
        seller = state.world.ebay_seller(item["seller"]["username"])
        assert seller is not None
        assert seller.shipping.rate_for(seller.country, "DE") is not None
    free = await _search(client, ebay_headers(token, "US"), q="lp", filter="maxDeliveryCost:0")
    assert all(
        item["shippingOptions"][0]["shippingCost"]["value"] == "0.00"
        for item in free["itemSummaries"]
    )


async def test_sorting_by_price_and_newly_listed(
    client: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    def total(item: dict[str, Any]) -> float:
        shipping = item.get("shippingOptions", [{}])[0].get("shippingCost", {"value": "0"})
        return _price(item) + float(shipping["value"])

    ascending = await _search(client, headers, q="lp", sort="price")
    known = [
        i
        for i in ascending["itemSummaries"]
        if i.get("shippingOptions", [{}])[0].get("shippingCost")
    ]
    totals = [total(item) for item in known]
    assert totals == sorted(totals)
    descending = await _search(client, headers, q="lp", sort="-price")
    known = [
        i
        for i in descending["itemSummaries"]
        if i.get("shippingOptions", [{}])[0].get("shippingCost")
    ]
    assert [total(i) for i in known] == sorted((total(i) for i in known), reverse=True)
    newest = await _search(client, headers, q="lp", sort="newlyListed")
    created = [item["itemCreationDate"] for item in newest["itemSummaries"]]
    assert created == sorted(created, reverse=True)


async def test_prices_in_the_marketplace_currency_with_conversion(
    client: httpx.AsyncClient, info: dict[str, Any]
) -> None:
    token = await ebay_token(client, info)
    uk = {**ebay_headers(token, "GB", "SW1A1AA"), "X-EBAY-C-MARKETPLACE-ID": "EBAY_GB"}
    body = await _search(client, uk, q="lp")
    assert {item["price"]["currency"] for item in body["itemSummaries"]} == {"GBP"}
    converted = [
        item["price"] for item in body["itemSummaries"] if "convertedFromValue" in item["price"]
    ]
    assert converted and all(p["convertedFromCurrency"] != "GBP" for p in converted)
    bad = await client.get(
        EBAY_SEARCH, params={"q": "lp"}, headers={**uk, "X-EBAY-C-MARKETPLACE-ID": "EBAY_XX"}
    )
    assert bad.status_code == 400


async def test_gtin_finds_copies_of_a_barcoded_release(
    client: httpx.AsyncClient, headers: dict[str, str], state: SandboxState
) -> None:
    market = state.world.ebay
    item = next(
        found
        for found in (market.item(o) for o in range(market.ordinal_count))
        if found is not None and found.gtin and market.is_active(found.ordinal)
    )
    body = await _search(client, headers, gtin=item.gtin)
    assert item.item_id in {entry["itemId"] for entry in body["itemSummaries"]}
    truths = [state.world.ebay_truth(entry["itemId"]) for entry in body["itemSummaries"]]
    truth = {entry["release_id"] for entry in truths if entry is not None}
    assert len(truth) == 1


async def test_get_item_has_grades_and_shipping_detail(
    client: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    body = await _search(client, headers, q="lp", filter="conditionIds:{3000}")
    summaries = [
        item
        for item in body["itemSummaries"]
        if "shippingOptions" in item and "shippingCost" in item["shippingOptions"][0]
    ]
    graded: dict[str, Any] | None = None
    ungraded = 0
    for summary in summaries[:40]:
        detail = (await client.get(summary["itemHref"], headers=headers)).json()
        assert detail["itemId"] == summary["itemId"] and detail["title"] == summary["title"]
        aspects = {aspect["name"]: aspect["value"] for aspect in detail["localizedAspects"]}
        if "Record Grading" in aspects:
            graded = graded or detail
        else:
            ungraded += 1
    # Some sellers fill in the grading item specifics, others leave them empty.
    assert graded is not None and ungraded > 0
    detail = graded
    option = detail["shippingOptions"][0]
    assert {"shippingCost", "additionalShippingCostPerUnit"} <= set(option)
    missing = await client.get("/ebay/buy/browse/v1/item/v1|1|0", headers=headers)
    assert missing.status_code == 404 and "errors" in missing.json()
