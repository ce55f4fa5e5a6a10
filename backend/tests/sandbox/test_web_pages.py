"""The Discogs-like web pages: login, Shop my wants, a release's copies, a seller's store.

The pages are read the way a browser extension reads them: by link targets alone.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from tests.sandbox.conftest import token_header
from vinyldigger_sandbox.state import SandboxState

LISTING_LINK = re.compile(r"/sell/item/(\d+)$")
RELEASE_LINK = re.compile(r"/release/(\d+)-[^/]*$")
WEB = "/discogs-web"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


def listing_ids(html: str) -> list[int]:
    found = [LISTING_LINK.search(urlsplit(href).path) for href in links(html)]
    return list(dict.fromkeys(int(match.group(1)) for match in found if match))


def release_ids(html: str) -> set[int]:
    found = [RELEASE_LINK.search(urlsplit(href).path) for href in links(html)]
    return {int(match.group(1)) for match in found if match}


def next_page(html: str, current: int) -> str | None:
    for href in links(html):
        query = parse_qs(urlsplit(href).query)
        if query.get("page") == [str(current + 1)]:
            return href
    return None


async def walk(client: httpx.AsyncClient, first: str) -> list[list[int]]:
    """Every page from `first` on, following the next-page link; listing ids per page."""
    pages: list[list[int]] = []
    url: str | None = first
    number = 1
    while url is not None:
        response = await client.get(url)
        assert response.status_code == 200, response.text
        pages.append(listing_ids(response.text))
        url = next_page(response.text, number)
        number += 1
    return pages


async def log_in(client: httpx.AsyncClient, username: str = "demo") -> None:
    response = await client.post(f"{WEB}/login", data={"username": username})
    assert response.status_code == 303
    assert "discogs_session" in response.cookies


def wanted_for_sale(state: SandboxState, username: str) -> set[int]:
    user = state.world.user(username)
    assert user is not None
    market = state.world.discogs
    return {i for release in user.wants for i in market.release_listing_ids(release)}


async def test_shop_my_wants_requires_login_and_comes_back(client: httpx.AsyncClient) -> None:
    response = await client.get(f"{WEB}/sell/mywants?page=2&limit=25")
    assert response.status_code == 302
    login = response.headers["location"]
    assert login.startswith(f"{WEB}/login?return_to=")
    form_page = await client.get(login)
    assert form_page.status_code == 200 and 'name="username"' in form_page.text
    return_to = parse_qs(urlsplit(login).query)["return_to"][0]
    signed = await client.post(f"{WEB}/login", data={"username": "Demo", "return_to": return_to})
    assert signed.status_code == 303
    assert signed.headers["location"] == f"{WEB}/sell/mywants?page=2&limit=25"
    page = await client.get(signed.headers["location"])
    assert page.status_code == 200 and len(listing_ids(page.text)) == 25


async def test_login_refuses_unknown_users_and_foreign_redirects(
    client: httpx.AsyncClient,
) -> None:
    refused = await client.post(f"{WEB}/login", data={"username": "nobody"})
    assert refused.status_code == 401 and "discogs_session" not in refused.cookies
    away = await client.post(
        f"{WEB}/login", data={"username": "demo", "return_to": "//evil.example/x"}
    )
    assert away.headers["location"] == f"{WEB}/sell/mywants"
    await client.get(f"{WEB}/logout")
    assert (await client.get(f"{WEB}/sell/mywants")).status_code == 302


async def test_shop_my_wants_pages_hold_every_wanted_listing_once(
    client: httpx.AsyncClient, state: SandboxState, info: dict[str, Any]
) -> None:
    await log_in(client, "bob")
    pages = await walk(client, f"{WEB}/sell/mywants?limit=50")
    seen = [listing_id for page in pages for listing_id in page]
    assert all(len(page) == 50 for page in pages[:-1]) and 0 < len(pages[-1]) <= 50
    assert len(seen) == len(set(seen))
    assert set(seen) == wanted_for_sale(state, "bob")
    assert seen == sorted(seen, reverse=True)  # newest listed first
    # What the page says is what the API says, for a listing read off it.
    bob = state.world.user("bob")
    assert bob is not None
    wants = {state.world.catalog.release(index).id for index in bob.wants}
    listing = await client.get(
        f"/discogs/marketplace/listings/{seen[0]}", headers=token_header(info, "bob")
    )
    assert listing.status_code == 200 and listing.json()["release"]["id"] in wants


async def test_pages_link_releases_and_other_things_that_are_not_listings(
    client: httpx.AsyncClient, state: SandboxState
) -> None:
    await log_in(client)
    html = (await client.get(f"{WEB}/sell/mywants")).text
    ids = listing_ids(html)
    assert len(ids) == 25
    demo = state.world.user("demo")
    assert demo is not None
    wanted = {state.world.catalog.release(index).id for index in demo.wants}
    assert release_ids(html) and release_ids(html) <= wanted
    others = [href for href in links(html) if not LISTING_LINK.search(urlsplit(href).path)]
    assert any("/sell/cart/?add=" in href for href in others)
    assert any("/seller/" in href and href.endswith("/profile") for href in others)
    assert len(others) > 2 * len(ids)


async def test_sold_listings_leave_shop_my_wants(
    client: httpx.AsyncClient, state: SandboxState
) -> None:
    await log_in(client, "bob")
    before = {i for page in await walk(client, f"{WEB}/sell/mywants?limit=250") for i in page}
    state.world.advance(3)
    after = {i for page in await walk(client, f"{WEB}/sell/mywants?limit=250") for i in page}
    sold = {i for report in state.world.reports for i in report.discogs.sold}
    assert before & sold and not after & sold
    assert after == wanted_for_sale(state, "bob")


async def test_release_page_lists_its_copies_for_sale(
    client: httpx.AsyncClient, state: SandboxState
) -> None:
    market = state.world.discogs
    rates, step = state.world.rates, state.world.step
    index = max(
        range(state.world.catalog.release_count), key=lambda i: len(market.release_listing_ids(i))
    )
    release = state.world.catalog.release(index)
    pages = await walk(client, f"{WEB}/sell/release/{release.id}")
    assert len(pages) > 1
    assert {i for page in pages for i in page} == set(market.release_listing_ids(index))

    def usd(listing_id: int) -> float:
        listing = market.listing(listing_id)
        assert listing is not None
        return rates.convert(market.price_of(listing), listing.currency, "USD", step)

    cheapest = await client.get(f"{WEB}/sell/release/{release.id}?sort=price%2Casc&limit=250")
    prices = [usd(listing_id) for listing_id in listing_ids(cheapest.text)]
    assert len(prices) == len(market.release_listing_ids(index)) and prices == sorted(prices)
    missing = await client.get(f"{WEB}/sell/release/999")
    assert missing.status_code == 404


async def test_seller_store_matches_the_inventory_api(
    client: httpx.AsyncClient, state: SandboxState, info: dict[str, Any]
) -> None:
    market = state.world.discogs
    seller = max(
        (s for s in state.world.sellers if len(market.seller_listing_ids(s.index)) <= 100),
        key=lambda s: len(market.seller_listing_ids(s.index)),
    )
    pages = await walk(client, f"{WEB}/seller/{seller.discogs_username}/profile?limit=50")
    on_pages = [i for page in pages for i in page]
    inventory = await client.get(
        f"/discogs/users/{seller.discogs_username}/inventory?per_page=100&page=1",
        headers=token_header(info),
    )
    api_ids = [listing["id"] for listing in inventory.json()["listings"]]
    assert len(api_ids) == inventory.json()["pagination"]["items"] <= 100
    assert on_pages == api_ids
    unknown = await client.get(f"{WEB}/seller/no-such-seller-here/profile")
    assert unknown.status_code == 404
    empty = await client.get(f"{WEB}/seller/alice/profile")
    assert empty.status_code == 200 and listing_ids(empty.text) == []


async def test_a_listing_page_links_its_release_and_seller_store(
    client: httpx.AsyncClient, state: SandboxState
) -> None:
    listing = state.world.discogs.listing(state.world.discogs.release_listing_ids(0)[0])
    assert listing is not None
    page = await client.get(f"{WEB}/sell/item/{listing.id}")
    assert page.status_code == 200 and "For Sale" in page.text
    seller = state.world.sellers[listing.seller_index].discogs_username
    hrefs = links(page.text)
    assert f"{WEB}/seller/{seller}/profile" in hrefs
    assert release_ids(page.text) == {state.world.catalog.release(listing.release_index).id}
