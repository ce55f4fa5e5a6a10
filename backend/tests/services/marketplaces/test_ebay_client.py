"""The eBay Browse client against the sandbox: token cache, 401 refresh, buyer shipping."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from decimal import Decimal
from typing import Any

import pytest
from pydantic import SecretStr
from redis.asyncio import Redis

from tests.services.marketplaces.conftest import client_settings, own_address_client
from vinyldigger.services.credentials import EbayCredentials
from vinyldigger.services.marketplaces.ebay.client import EbayClient, ebay_budget
from vinyldigger.services.marketplaces.ebay.query import EbaySearch
from vinyldigger.services.marketplaces.ebay.token import application_key
from vinyldigger.services.marketplaces.errors import Unauthorized
from vinyldigger.services.marketplaces.ratelimit import MemoryUpstreamLimiter
from vinyldigger_sandbox.server import RunningSandbox

ClientFactory = Callable[..., Any]
LP_SEARCH = EbaySearch(q="LP", buying_options=["FIXED_PRICE", "AUCTION"], limit=50)


def credentials_of(user: dict[str, Any], **changes: Any) -> EbayCredentials:
    values = {
        "client_id": user["ebay_client_id"],
        "client_secret": SecretStr(user["ebay_client_secret"]),
        "marketplace_id": "EBAY_US",
        "buyer_country": user["country"],
        "buyer_postal_code": user["postal_code"],
        **changes,
    }
    return EbayCredentials.model_validate(values)


@pytest.fixture
def open_client(
    sandbox: RunningSandbox, sandbox_users: dict[str, dict[str, Any]], redis_prefix: str
) -> ClientFactory:
    """Clients with their own token-cache namespace, so tests do not share tokens."""
    namespace = redis_prefix
    settings = client_settings(sandbox)

    @asynccontextmanager
    async def open_(
        username: str = "demo", *, redis: Redis | None = None, **changes: Any
    ) -> AsyncIterator[EbayClient]:
        credentials = credentials_of(sandbox_users[username], **changes)
        async with (
            own_address_client(settings) as http,
            EbayClient.create(
                settings,
                credentials,
                redis=redis,
                http=http,
                limiter=MemoryUpstreamLimiter(ebay_budget(settings, credentials)),
                token_cache_prefix=namespace,
            ) as client,
        ):
            yield client

    return open_


def tokens_issued(sandbox: RunningSandbox, client_id: str) -> int:
    return sum(1 for t in sandbox.state.ebay_tokens.values() if t.client_id == client_id)


async def test_one_token_for_many_searches(
    open_client: ClientFactory, sandbox: RunningSandbox, sandbox_users: dict[str, Any]
) -> None:
    client_id = sandbox_users["demo"]["ebay_client_id"]
    before = tokens_issued(sandbox, client_id)
    async with open_client() as client:
        for offset in range(0, 250, 50):
            page = await client.search(LP_SEARCH.with_offset(offset))
            assert page.offset == offset and len(page.items) == 50
        assert client.stats.token_requests == 1
        assert client.stats.calls == 6  # one token request, five searches
    assert tokens_issued(sandbox, client_id) == before + 1


async def test_token_shared_through_redis(
    open_client: ClientFactory, marketplace_redis: Redis, redis_prefix: str
) -> None:
    async with open_client(redis=marketplace_redis) as first:
        await first.search(LP_SEARCH)
    async with open_client(redis=marketplace_redis) as second:
        await second.search(LP_SEARCH)
    assert (first.stats.token_requests, second.stats.token_requests) == (1, 0)
    keys = [key async for key in marketplace_redis.scan_iter(match=f"{redis_prefix}*")]
    ttl = await marketplace_redis.pttl(keys[0])
    # Cached until five minutes before the two-hour lifetime ends.
    assert len(keys) == 1 and 6_800_000 < ttl <= 6_900_000


@pytest.mark.parametrize("shared", [False, True])
async def test_revoked_token_is_replaced_once(
    open_client: ClientFactory,
    marketplace_redis: Redis,
    sandbox: RunningSandbox,
    shared: bool,
) -> None:
    async with open_client(redis=marketplace_redis if shared else None) as client:
        await client.search(LP_SEARCH)
        # eBay forgets every token (revoked, or expired early): the next call gets a 401.
        sandbox.state.ebay_tokens.clear()
        page = await client.search(LP_SEARCH)
        assert page.items
        assert client.stats.token_requests == 2
        assert client.stats.calls == 5  # token, search, refused search, token, search


async def test_bad_client_secret_is_unauthorized_without_echoing_it(
    open_client: ClientFactory,
) -> None:
    secret = "sbx-ebay-secret-wrong-0123456789"
    async with open_client(client_secret=SecretStr(secret)) as client:
        with pytest.raises(Unauthorized) as raised:
            await client.search(LP_SEARCH)
    assert secret not in str(raised.value)


async def test_shipping_is_quoted_for_the_buyer_location(open_client: ClientFactory) -> None:
    async with open_client(buyer_country="US", buyer_postal_code="19406") as american:
        in_us = await american.search(LP_SEARCH)
    async with open_client(buyer_country="DE", buyer_postal_code="10115") as german:
        in_de = await german.search(LP_SEARCH)
    to_us = {item.listing_id: item for item in in_us.items}
    to_de = {item.listing_id: item for item in in_de.items}
    assert to_us.keys() == to_de.keys()
    differing = [key for key in to_us if to_us[key].shipping != to_de[key].shipping]
    assert differing
    domestic = [
        (us.amount, de.amount)
        for key in to_us
        if to_us[key].ships_from == "US"
        and (us := to_us[key].shipping) is not None
        and (de := to_de[key].shipping) is not None
    ]
    assert domestic and all(us <= de for us, de in domestic)
    # Some sellers do not ship to the buyer at all: that is unknown shipping, never 0.
    assert any(item.shipping is None for item in in_us.items + in_de.items)


async def test_filters_sort_and_auctions(open_client: ClientFactory) -> None:
    async with open_client() as client:
        first = (await client.search(LP_SEARCH)).items[0]
        seller = first.seller.username
        by_seller = await client.search(EbaySearch(sellers=[seller], limit=200))
        assert by_seller.items and {i.seller.username for i in by_seller.items} == {seller}
        cheap = await client.search(
            EbaySearch(
                q="LP",
                price_min=Decimal("5"),
                price_max=Decimal("20"),
                price_currency="USD",
                sort="price",
                limit=100,
            )
        )
        shown = [(item.converted_price or item.price).amount for item in cheap.items]
        assert shown and all(5 <= p <= 20 for p in shown)
        # eBay sorts by what the buyer pays: price plus shipping to them.
        totals = [
            item.price.amount + item.shipping.amount
            for item in cheap.items
            if item.price.currency == "USD" and item.shipping and item.shipping.currency == "USD"
        ]
        assert len(totals) > 5 and totals == sorted(totals)
        auctions = await client.search(EbaySearch(q="LP", buying_options=["AUCTION"]))
        assert auctions.items
        assert all(i.buying_option == "auction" and i.auction_end for i in auctions.items)


async def test_item_detail_matches_the_summary(open_client: ClientFactory) -> None:
    async with open_client() as client:
        summaries = (await client.search(LP_SEARCH)).items
        for summary in summaries[:10]:
            item = await client.item(summary.listing_id)
            assert item.listing_id == summary.listing_id and item.price == summary.price
            assert item.shipping == summary.shipping and item.for_sale
        graded = [await client.item(s.listing_id) for s in summaries[:20]]
        assert any(item.media_grade is not None for item in graded)


def test_application_key_hides_the_client_id() -> None:
    key = application_key("https://api.ebay.com", "MyApp-PRD-1234")
    assert "MyApp" not in key and key == application_key("https://api.ebay.com", "MyApp-PRD-1234")
    assert key != application_key("https://api.sandbox.ebay.com", "MyApp-PRD-1234")
