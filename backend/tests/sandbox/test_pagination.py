"""Pagination: Discogs page/per_page with `pagination` + Link header; eBay limit/offset."""

from __future__ import annotations

from typing import Any

import httpx

from tests.sandbox.conftest import ebay_headers, ebay_token, token_header

WANTS = "/discogs/users/demo/wants"
EBAY_SEARCH = "/ebay/buy/browse/v1/item_summary/search"


def _links(header: str | None) -> dict[str, str]:
    links = {}
    for part in (header or "").split(","):
        if part.strip():
            url, rel = part.split(";")
            links[rel.strip().removeprefix('rel="').rstrip('"')] = url.strip().strip("<>")
    return links


async def test_pagination_object_and_link_header(client: httpx.AsyncClient) -> None:
    first = await client.get(WANTS, params={"per_page": 40})
    pagination = first.json()["pagination"]
    assert pagination == {
        "page": 1,
        "pages": 4,
        "per_page": 40,
        "items": 150,
        "urls": {"next": pagination["urls"]["next"], "last": pagination["urls"]["last"]},
    }
    assert _links(first.headers["link"]) == pagination["urls"]
    middle = (await client.get(pagination["urls"]["next"])).json()["pagination"]
    assert set(middle["urls"]) == {"first", "prev", "next", "last"}
    last = await client.get(pagination["urls"]["last"])
    assert set(last.json()["pagination"]["urls"]) == {"first", "prev"}
    assert len(last.json()["wants"]) == 150 - 3 * 40


async def test_walking_next_visits_every_item_once(
    client: httpx.AsyncClient, info: dict[str, Any]
) -> None:
    seen: list[int] = []
    url: str | None = f"{WANTS}?per_page=33"
    while url:
        body = (await client.get(url, headers=token_header(info))).json()
        seen += [want["id"] for want in body["wants"]]
        url = body["pagination"]["urls"].get("next")
    assert len(seen) == len(set(seen)) == 150


async def test_per_page_is_capped_at_100_and_single_pages_have_no_urls(
    client: httpx.AsyncClient,
) -> None:
    big = (await client.get(WANTS, params={"per_page": 500})).json()
    assert big["pagination"]["per_page"] == 100 and len(big["wants"]) == 100
    default = (await client.get(WANTS)).json()["pagination"]
    assert default["per_page"] == 50
    alone = await client.get("/discogs/users/bob/wants", params={"per_page": 100})
    assert alone.json()["pagination"]["urls"] == {} and "link" not in alone.headers
    beyond = (await client.get(WANTS, params={"page": 99})).json()
    assert beyond["wants"] == [] and beyond["pagination"]["page"] == 99


async def test_ebay_limit_offset_next_prev(client: httpx.AsyncClient, info: dict[str, Any]) -> None:
    headers = ebay_headers(await ebay_token(client, info))
    first = (
        await client.get(EBAY_SEARCH, params={"q": "lp", "limit": 200}, headers=headers)
    ).json()
    assert first["limit"] == 200 and first["offset"] == 0 and "prev" not in first
    assert len(first["itemSummaries"]) == 200 and first["total"] > 200
    second = (await client.get(first["next"], headers=headers)).json()
    assert second["offset"] == 200 and "prev" in second
    assert not {i["itemId"] for i in first["itemSummaries"]} & {
        i["itemId"] for i in second["itemSummaries"]
    }
    too_many = await client.get(EBAY_SEARCH, params={"q": "lp", "limit": 201}, headers=headers)
    assert too_many.status_code == 400 and too_many.json()["errors"][0]["errorId"] == 12003
    none = (await client.get(EBAY_SEARCH, params={"q": "zzzqqq"}, headers=headers)).json()
    assert none["total"] == 0 and "itemSummaries" not in none
    needs_something = await client.get(EBAY_SEARCH, headers=headers)
    assert needs_something.status_code == 400
