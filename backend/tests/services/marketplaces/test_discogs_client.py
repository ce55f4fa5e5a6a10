"""The Discogs client against the sandbox marketplace: paging, lookups, errors."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from pydantic import SecretStr

from tests.services.marketplaces.conftest import (
    SandboxControl,
    client_settings,
    own_address_client,
)
from vinyldigger.services.marketplaces.discogs.auth import PersonalTokenAuth
from vinyldigger.services.marketplaces.discogs.client import (
    DatabaseSearch,
    DiscogsClient,
    discogs_budget,
)
from vinyldigger.services.marketplaces.errors import NotFound, Unauthorized
from vinyldigger.services.marketplaces.ratelimit import MemoryUpstreamLimiter
from vinyldigger_sandbox.server import RunningSandbox


def token_auth(user: dict[str, Any]) -> PersonalTokenAuth:
    return PersonalTokenAuth(token=SecretStr(user["discogs_personal_token"]))


@pytest.fixture
async def demo_client(
    sandbox: RunningSandbox, sandbox_users: dict[str, dict[str, Any]]
) -> AsyncIterator[DiscogsClient]:
    settings = client_settings(sandbox)
    async with (
        own_address_client(settings) as http,
        DiscogsClient.create(
            settings,
            token_auth(sandbox_users["demo"]),
            http=http,
            limiter=MemoryUpstreamLimiter(discogs_budget(settings)),
        ) as client,
    ):
        yield client


async def test_identity(demo_client: DiscogsClient) -> None:
    identity = await demo_client.identity()
    assert identity.username == "demo" and identity.id > 0
    assert demo_client.stats.calls == 1 and demo_client.stats.retries == 0


async def test_wants_pages_cover_the_whole_list(
    demo_client: DiscogsClient, sandbox_control: SandboxControl
) -> None:
    truth = await sandbox_control.user("demo")
    pages = [page async for page in demo_client.wants_pages("demo", per_page=40)]
    assert [page.info.page for page in pages] == [1, 2, 3, 4]
    assert all(page.info.pages == 4 and page.info.items == 150 for page in pages)
    release_ids = [item.release.release_id for page in pages for item in page.items]
    assert sorted(release_ids) == sorted(truth["want_release_ids"])
    first = pages[0].items[0]
    assert first.date_added is not None and first.release.title
    assert "Vinyl" in first.release.formats and first.release.artists
    assert demo_client.stats.calls == 4


async def test_collection_pages_one_entry_per_copy(
    demo_client: DiscogsClient, sandbox_control: SandboxControl
) -> None:
    truth = await sandbox_control.user("demo")
    entries = [e async for page in demo_client.collection_pages("demo") for e in page.items]
    assert len(entries) == 300 == len({entry.instance_id for entry in entries})
    assert sorted(e.release.release_id for e in entries) == sorted(truth["collection_release_ids"])
    graded = [entry for entry in entries if entry.media_grade is not None]
    assert graded, "the sandbox grades copies in note field 1"


async def test_stopping_early_fetches_no_more_pages(demo_client: DiscogsClient) -> None:
    async for page in demo_client.wants_pages("demo", per_page=10):
        assert page.info.page == 1
        break
    assert demo_client.stats.calls == 1


async def test_release_master_versions_and_stats(demo_client: DiscogsClient) -> None:
    want = (await demo_client.wants_page("demo", per_page=1)).items[0].release
    assert want.master_id is not None
    detail = await demo_client.release(want.release_id, currency="EUR")
    assert detail.summary.release_id == want.release_id
    assert detail.summary.master_id == want.master_id
    assert detail.summary.title == want.title
    if detail.lowest_price is not None:
        assert detail.lowest_price.currency == "EUR"
    master = await demo_client.master(want.master_id)
    assert master.master_id == want.master_id and master.main_release_id
    versions = [
        v async for page in demo_client.master_versions_pages(want.master_id) for v in page.items
    ]
    assert want.release_id in {version.release_id for version in versions}
    stats = await demo_client.marketplace_stats(want.release_id, currency="USD")
    assert stats.num_for_sale >= 0
    assert (stats.lowest_price is None) == (stats.num_for_sale == 0)


def busiest_discogs_seller(sandbox: RunningSandbox) -> tuple[str, int]:
    world = sandbox.state.world
    counts = [
        (len(world.discogs.seller_listing_ids(s.index)), s.discogs_username) for s in world.sellers
    ]
    count, username = max(counts)
    return username, count


async def test_inventory_newest_first_and_listing_lookup(
    demo_client: DiscogsClient, sandbox: RunningSandbox
) -> None:
    username, for_sale = busiest_discogs_seller(sandbox)
    pages = [page async for page in demo_client.inventory_pages(username, per_page=100)]
    listings = [listing for page in pages for listing in page.items]
    assert len(listings) == pages[0].info.items == for_sale > 100
    assert len(pages) == pages[0].info.pages >= 2
    posted = [listing.posted_at for listing in listings]
    assert all(p is not None for p in posted)
    assert posted == sorted(posted, reverse=True)  # type: ignore[type-var]
    assert {listing.seller.username for listing in listings} == {username}
    newest = listings[0]
    assert newest.release_id is not None and newest.media_grade is not None
    single = await demo_client.listing(newest.listing_id)
    assert single.listing_id == newest.listing_id and single.price == newest.price
    assert single.release_id == newest.release_id and single.url.endswith(newest.listing_id)


async def test_database_search(demo_client: DiscogsClient) -> None:
    want = (await demo_client.wants_page("demo", per_page=1)).items[0].release
    results = await demo_client.search(
        DatabaseSearch(artist=want.artists[0], release_title=want.title, type="release")
    )
    assert want.release_id in {result.id for result in results.items}
    hit = next(result for result in results.items if result.id == want.release_id)
    summary = hit.as_release_summary()
    assert summary is not None and summary.title == want.title


async def test_unknown_release_is_not_found(demo_client: DiscogsClient) -> None:
    with pytest.raises(NotFound) as raised:
        await demo_client.release(1)
    assert raised.value.status_code == 404 and "/releases/1" in str(raised.value)
    assert demo_client.stats.retries == 0


async def test_bad_token_is_unauthorized_without_echoing_it(sandbox: RunningSandbox) -> None:
    settings = client_settings(sandbox)
    secret = "sbx_pat_not-a-real-token-123"
    async with (
        own_address_client(settings) as http,
        DiscogsClient.create(
            settings,
            PersonalTokenAuth(token=SecretStr(secret)),
            http=http,
            limiter=MemoryUpstreamLimiter(discogs_budget(settings)),
        ) as client,
    ):
        with pytest.raises(Unauthorized) as raised:
            await client.identity()
    assert raised.value.status_code == 401
    assert secret not in str(raised.value) and secret not in repr(raised.value.args)
