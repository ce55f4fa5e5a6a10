"""Following Discogs sellers: follow, unfollow, import, the list with the crawl's figures,
suggestions; each user sees and changes only their own."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.helpers import auth_headers
from vinyldigger.core.context import AppContext
from vinyldigger.models import (
    ImportItem,
    ListingImport,
    ListingMatch,
    Release,
    Seller,
    SellerCrawl,
    Want,
)
from vinyldigger.services import listings as listing_service
from vinyldigger.services.marketplaces import dto

API = "/api/v1/sellers"
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


async def _me(client: httpx.AsyncClient, headers: dict[str, str]) -> int:
    user_id: int = (await client.get("/api/v1/auth/me", headers=headers)).json()["id"]
    return user_id


async def _followed(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> Any:
    response = await client.get(f"{API}/followed", headers=headers, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _listing(number: int, seller: str, release_id: int, ships_from: str) -> dto.Listing:
    return dto.Listing(
        platform="discogs",
        listing_id=f"{number}",
        release_id=release_id,
        title=f"Album {number}",
        price=dto.Money(amount=Decimal("12.00"), currency="EUR"),
        seller=dto.SellerRef(username=seller, rating=Decimal("99.2"), rating_count=420),
        ships_from=ships_from,
        url=f"https://www.discogs.com/sell/item/{number}",
    )


async def _release(session: AsyncSession) -> int:
    release_id = 20_000_000 + uuid.uuid4().int % 1_000_000
    session.add(
        Release(
            id=release_id,
            title="Chelsea Girl",
            artists=["Nico"],
            artists_sort="Nico",
            labels=[],
            formats=["Vinyl", "LP"],
            barcodes=[],
        )
    )
    await session.flush()
    return release_id


async def test_follow_unfollow_and_read_back(client: httpx.AsyncClient) -> None:
    headers = await auth_headers(client)

    created = await client.post(f"{API}/followed", headers=headers, json={"username": "crate_k"})
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["username"] == "crate_k" and body["crawl_status"] == "pending"
    assert body["wanted_held"] == 0 and body["last_crawled_at"] is None
    # Discogs names are case-insensitive: the same shop, already followed.
    again = await client.post(f"{API}/followed", headers=headers, json={"username": "CRATE_K"})
    assert again.status_code == 200 and again.json()["username"] == "crate_k"
    listed = await _followed(client, headers)
    assert (listed["total"], [i["username"] for i in listed["items"]]) == (1, ["crate_k"])
    names = await client.get(f"{API}/followed/names", headers=headers)
    assert names.json() == {"usernames": ["crate_k"]}

    assert (await client.delete(f"{API}/followed/Crate_K", headers=headers)).status_code == 204
    assert (await _followed(client, headers))["total"] == 0
    gone = await client.delete(f"{API}/followed/crate_k", headers=headers)
    assert gone.status_code == 404 and gone.json()["error"]["code"] == "not_found"


async def test_names_are_validated(client: httpx.AsyncClient) -> None:
    headers = await auth_headers(client)
    for bad in ("", "two words", "a/b", "x" * 201):
        response = await client.post(f"{API}/followed", headers=headers, json={"username": bad})
        assert response.status_code == 422, (bad, response.text)
    extra = await client.post(f"{API}/followed", headers=headers, json={"username": "a", "x": 1})
    assert extra.status_code == 422
    assert (await client.delete(f"{API}/followed/a%20b", headers=headers)).status_code == 422
    too_many = await client.post(
        f"{API}/followed/import", headers=headers, json={"usernames": ["a"] * 1001}
    )
    assert too_many.status_code == 422
    assert (await client.get(f"{API}/followed")).status_code == 401


async def test_import_reports_what_it_did_not_follow(
    client: httpx.AsyncClient, context: AppContext, db_session: AsyncSession
) -> None:
    headers = await auth_headers(client)
    await client.post(f"{API}/followed", headers=headers, json={"username": "known_shop"})
    db_session.add(SellerCrawl(username="ghost", username_key="ghost", status="not_found"))
    await db_session.commit()
    context.settings = context.settings.model_copy(update={"followed_sellers_max": 3})

    response = await client.post(
        f"{API}/followed/import",
        headers=headers,
        json={
            "usernames": [
                " shop_a ",
                "Shop_A",
                "not a name!",
                "KNOWN_SHOP",
                "Ghost",
                "shop_b",
                "shop_c",
                "",
            ]
        },
    )

    assert response.status_code == 200, response.text
    assert response.json() == {
        "followed": ["shop_a", "shop_b"],
        "already_followed": ["known_shop"],
        "invalid": ["not a name!"],
        "not_found": ["Ghost"],
        "over_limit": ["shop_c"],
    }
    page = await _followed(client, headers, per_page=2, page=2)
    assert (page["total"], page["pages"], [i["username"] for i in page["items"]]) == (
        3,
        2,
        ["shop_b"],
    )
    refused = await client.post(f"{API}/followed", headers=headers, json={"username": "shop_d"})
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "too_many_followed"
    unknown = await client.post(f"{API}/followed", headers=headers, json={"username": "GHOST"})
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "seller_not_found"


async def test_the_list_shows_the_crawl_and_the_users_wanted_records_held(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    headers = await auth_headers(client)
    other = await auth_headers(client)
    await client.post(f"{API}/followed", headers=headers, json={"username": "vinylvault"})
    await client.post(f"{API}/followed", headers=other, json={"username": "vinylvault"})
    wanted, not_wanted = await _release(db_session), await _release(db_session)
    db_session.add(Want(user_id=await _me(client, headers), release_id=wanted, date_added=NOW))
    listings = [
        _listing(1, "VinylVault", wanted, "DE"),
        _listing(2, "VinylVault", wanted, "DE"),
        _listing(3, "VinylVault", not_wanted, "FR"),
    ]
    await listing_service.ingest(db_session, listings, seen_at=NOW)
    crawl = await db_session.scalar(select(SellerCrawl))
    assert crawl is not None
    crawl.seller_id = await db_session.scalar(select(Seller.id).where(Seller.platform == "discogs"))
    crawl.username, crawl.status, crawl.inventory_size = "VinylVault", "ok", 3
    crawl.last_crawled_at = crawl.last_full_pass_at = NOW
    await db_session.commit()

    mine = (await _followed(client, headers))["items"][0]
    theirs = (await _followed(client, other))["items"][0]

    assert mine | {"followed_at": None} == {
        "username": "VinylVault",
        "followed_at": None,
        "crawl_status": "ok",
        "crawl_error": None,
        "country": "DE",
        "rating": "99.20",
        "rating_count": 420,
        "inventory_size": 3,
        "wanted_held": 1,
        "last_crawled_at": "2026-12-01T12:00:00Z",
        "last_full_pass_at": "2026-12-01T12:00:00Z",
    }
    # One seller, one crawl; the wanted records are each user's own.
    assert theirs["wanted_held"] == 0 and theirs["inventory_size"] == 3


async def test_suggestions_are_sellers_of_confirmed_listings_not_followed(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    headers = await auth_headers(client)
    stranger = await auth_headers(client)
    release_id = await _release(db_session)
    stored = await listing_service.ingest(
        db_session,
        [
            _listing(7, "picked_shop", release_id, "NL"),
            _listing(8, "wanted_shop", release_id, "NL"),
        ],
        seen_at=NOW,
    )
    user_id = await _me(client, headers)
    for external_id, decision, wanted in (("7", "confirmed", False), ("8", None, True)):
        db_session.add(
            ListingMatch(
                user_id=user_id,
                listing_id=stored.ids[("discogs", external_id)],
                release_id=release_id,
                score=1.0,
                method="release_id",
                confidence="high",
                evidence={},
                decision=decision,
                is_wanted=wanted,
            )
        )
    await db_session.commit()

    found = (await client.get(f"{API}/suggestions", headers=headers)).json()
    assert [(s["username"], s["confirmed_listings"], s["wanted_listings"]) for s in found] == [
        ("picked_shop", 1, 0),
        ("wanted_shop", 0, 1),
    ]
    assert (await client.get(f"{API}/suggestions", headers=stranger)).json() == []
    await client.post(f"{API}/followed", headers=headers, json={"username": "Picked_Shop"})
    after = (await client.get(f"{API}/suggestions", headers=headers)).json()
    assert [s["username"] for s in after] == ["wanted_shop"]


async def test_sellers_of_imported_listings_are_suggested_until_followed(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    headers = await auth_headers(client)
    stranger = await auth_headers(client)
    release_id = await _release(db_session)
    stored = await listing_service.ingest(
        db_session, [_listing(9, "matched_shop", release_id, "DE")], seen_at=NOW
    )
    user_id = await _me(client, headers)
    db_session.add(
        ListingMatch(
            user_id=user_id,
            listing_id=stored.ids[("discogs", "9")],
            release_id=release_id,
            score=1.0,
            method="release_id",
            confidence="high",
            evidence={},
            is_wanted=True,
        )
    )
    batch = ListingImport(user_id=user_id)
    db_session.add(batch)
    await db_session.flush()
    imported = [
        ("101", "stored", "crate_digger"),
        ("102", "stored", "crate_digger"),
        ("103", "stored", "matched_shop"),
        ("104", "stored", "small_shop"),
        # Only what was read and stored names a seller worth following.
        ("105", "not_wanted", "unwanted_shop"),
        ("106", "queued", None),
    ]
    db_session.add_all(
        ImportItem(import_id=batch.id, user_id=user_id, external_id=i, status=st, seller=seller)
        for i, st, seller in imported
    )
    await db_session.commit()

    found = (await client.get(f"{API}/suggestions", headers=headers)).json()
    assert [
        (s["username"], s["confirmed_listings"], s["wanted_listings"], s["imported_listings"])
        for s in found
    ] == [
        ("matched_shop", 0, 1, 1),
        ("crate_digger", 0, 0, 2),
        ("small_shop", 0, 0, 1),
    ]
    limited = await client.get(f"{API}/suggestions", headers=headers, params={"limit": 2})
    assert [s["username"] for s in limited.json()] == ["matched_shop", "crate_digger"]
    assert (await client.get(f"{API}/suggestions", headers=stranger)).json() == []
    await client.post(f"{API}/followed", headers=headers, json={"username": "CRATE_DIGGER"})
    after = (await client.get(f"{API}/suggestions", headers=headers)).json()
    assert [s["username"] for s in after] == ["matched_shop", "small_shop"]


async def test_another_user_sees_and_changes_none_of_it(client: httpx.AsyncClient) -> None:
    owner = await auth_headers(client)
    stranger = await auth_headers(client)
    await client.post(f"{API}/followed", headers=owner, json={"username": "owners_shop"})

    assert (await _followed(client, stranger))["total"] == 0
    names = await client.get(f"{API}/followed/names", headers=stranger)
    assert names.json() == {"usernames": []}
    refused = await client.delete(f"{API}/followed/owners_shop", headers=stranger)
    assert refused.status_code == 404
    assert [i["username"] for i in (await _followed(client, owner))["items"]] == ["owners_shop"]
