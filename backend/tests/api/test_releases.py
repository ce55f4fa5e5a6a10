"""The release view: the user's relation, current offers on both marketplaces in original and
converted amounts, the daily price series, owner scoping and parameter validation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.helpers import auth_headers
from tests.services.test_price_history import add_match, add_release, offer, store_rates
from vinyldigger.models import CollectionItem, User, Want
from vinyldigger.services import listings as listing_service
from vinyldigger.services.marketplaces.grades import Grade

RELEASE_ID = 601


@dataclass
class Shop:
    owner: dict[str, str]
    stranger: dict[str, str]
    ids: dict[str, int]
    now: datetime


async def me(client: httpx.AsyncClient, headers: dict[str, str]) -> dict[str, Any]:
    response = await client.get("/api/v1/auth/me", headers=headers)
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


async def open_shop(client: httpx.AsyncClient, session: AsyncSession) -> Shop:
    owner, stranger = await auth_headers(client), await auth_headers(client)
    changed = await client.patch("/api/v1/auth/me", headers=owner, json={"currency": "usd"})
    assert changed.status_code == 200 and changed.json()["currency"] == "USD"
    owner_user = await session.get(User, (await me(client, owner))["id"])
    assert owner_user is not None
    await add_release(session, RELEASE_ID)
    await store_rates(session)  # 1 EUR = 1.25 USD = 0.80 GBP
    now = datetime.now(UTC)
    ids: dict[str, int] = {}

    async def see(days_ago: int, listings: list[Any]) -> None:
        result = await listing_service.ingest(
            session, listings, seen_at=now - timedelta(days=days_ago)
        )
        ids.update({external: i for (_platform, external), i in result.ids.items()})

    d1 = offer("discogs", "D1", "20.00", "EUR", grade=Grade.VG_PLUS, release_id=RELEASE_ID)
    d2 = offer(
        "discogs", "D2", "8.00", "GBP", grade=Grade.NM, release_id=RELEASE_ID, shipping="2.00"
    )
    e1 = offer("ebay", "E1", "12.50", "USD", seller="ebay-1", shipping="5.00")
    e2 = offer("ebay", "E2", "21.00", "USD", seller="ebay-2")
    e3 = offer("ebay", "E3", "1.00", "USD", seller="ebay-3", shipping="0.00")
    await see(3, [d1])
    await see(2, [d1, d2, e1, e2, e3])
    await see(
        1, [offer("discogs", "D1", "16.00", "EUR", grade=Grade.VG_PLUS, release_id=RELEASE_ID)]
    )
    await add_match(session, owner_user, ids["E1"], RELEASE_ID)
    await add_match(session, owner_user, ids["E2"], RELEASE_ID, confidence="low")
    await add_match(session, owner_user, ids["E3"], RELEASE_ID, decision="rejected")
    session.add(Want(user_id=owner_user.id, release_id=RELEASE_ID, date_added=now))
    for instance, grades in enumerate([("VG", "G+"), (None, None)]):
        session.add(
            CollectionItem(
                user_id=owner_user.id,
                instance_id=instance + 1,
                release_id=RELEASE_ID,
                date_added=now,
                media_grade=grades[0],
                sleeve_grade=grades[1],
            )
        )
    await session.flush()
    return Shop(owner, stranger, ids, now)


def money(amount: str, currency: str) -> dict[str, str]:
    return {"amount": amount, "currency": currency}


def usd(amount: str) -> dict[str, str]:
    return money(amount, "USD")


async def test_release_view_for_the_owner(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    shop = await open_shop(client, db_session)
    response = await client.get(f"/api/v1/releases/{RELEASE_ID}", headers=shop.owner)
    assert response.status_code == 200, response.text
    view = response.json()
    assert view["release"]["title"] == "Chelsea Girl" and view["release"]["year"] == 1967
    relation = view["relation"]
    assert relation["wanted"] is True and relation["owned"] is True
    assert relation["owned_copies"] == [
        {"media_grade": "VG", "sleeve_grade": "G+"},
        {"media_grade": None, "sleeve_grade": None},
    ]
    assert view["currency"] == "USD" and view["rates_as_of"] == "2026-10-01"

    offers = view["offers"]
    # Known totals first (D2 15.63, E1 17.50), then unknown shipping by price (D1, E2).
    # E3 is rejected and not shown.
    assert [o["listing"]["id"] for o in offers] == [shop.ids[k] for k in ("D2", "E1", "D1", "E2")]
    d2, e1, d1, e2 = (o["listing"] for o in offers)
    assert d2["platform"] == "discogs" and d2["media_grade"] == "NM"
    assert d2["price"] == money("8.00", "GBP") and d2["shipping"] == money("2.00", "GBP")
    assert d2["converted_total"] == money("15.63", "USD") and d2["shipping_known"] is True
    assert d2["seller"]["username"] == "shop" and offers[0]["match"] is None
    assert e1["platform"] == "ebay" and e1["converted_total"] == money("17.50", "USD")
    e1_match = offers[1]["match"]
    assert e1_match["method"] == "fuzzy" and e1_match["confidence"] == "high"
    assert e1_match["score"] == 0.93 and e1_match["decision"] is None
    assert e1_match["evidence"]["not_a_record"] is False and e1_match["other_pressing"] is False
    assert e1["url"] == "https://example.com/ebay/E1"
    # Unknown shipping stays unknown: no shipping, the total is the converted price alone.
    assert d1["price"] == money("16.00", "EUR") and d1["shipping"] is None
    assert d1["converted_total"] == money("20.00", "USD") and d1["shipping_known"] is False
    assert datetime.fromisoformat(d1["first_seen_at"]) < datetime.fromisoformat(d1["last_seen_at"])
    assert offers[3]["match"]["confidence"] == "low"
    assert e2["converted_total"] == money("21.00", "USD")


async def test_another_user_sees_no_matched_ebay_listings_of_the_owner(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    shop = await open_shop(client, db_session)
    response = await client.get(f"/api/v1/releases/{RELEASE_ID}", headers=shop.stranger)
    assert response.status_code == 200
    view = response.json()
    assert view["currency"] == "EUR"
    assert view["relation"] == {
        "wanted": False,
        "wanted_since": None,
        "owned": False,
        "owned_copies": [],
    }
    assert [o["listing"]["id"] for o in view["offers"]] == [shop.ids["D2"], shop.ids["D1"]]
    assert all(o["listing"]["platform"] == "discogs" and o["match"] is None for o in view["offers"])
    assert view["offers"][0]["listing"]["converted_total"] == money("12.50", "EUR")

    prices = await client.get(f"/api/v1/releases/{RELEASE_ID}/prices?days=3", headers=shop.stranger)
    counts = [d["count"] for d in prices.json()["days"]]
    assert counts == [2, 2, 2]  # D1 and D2; not the owner's E1


async def test_daily_prices_by_grade_band(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    shop = await open_shop(client, db_session)
    url = f"/api/v1/releases/{RELEASE_ID}/prices"
    response = await client.get(f"{url}?days=4", headers=shop.owner)
    assert response.status_code == 200, response.text
    series = response.json()
    today = shop.now.date()
    assert series["currency"] == "USD" and series["grade"] is None
    assert series["start"] == (today - timedelta(days=3)).isoformat()
    assert series["end"] == today.isoformat()
    assert series["unconverted_listings"] == 0
    # D1 20 EUR (16 from yesterday), D2 8 GBP and E1 12.50 USD from two days ago; E2 is a
    # low-confidence match and does not count.
    assert [(d["count"], d["lowest"], d["median"]) for d in series["days"]] == [
        (1, usd("25.00"), usd("25.00")),
        (3, usd("12.50"), usd("12.50")),
        (3, usd("12.50"), usd("12.50")),
        (3, usd("12.50"), usd("12.50")),
    ]
    assert series["days"][0]["date"] == series["start"]

    vg_plus = (await client.get(f"{url}?days=4&grade=VG%2B", headers=shop.owner)).json()
    assert vg_plus["grade"] == "VG+"
    assert [d["lowest"] for d in vg_plus["days"]] == [
        usd("25.00"),
        usd("25.00"),
        usd("20.00"),
        usd("20.00"),
    ]
    unknown = (await client.get(f"{url}?days=4&grade=unknown", headers=shop.owner)).json()
    assert [d["count"] for d in unknown["days"]] == [0, 1, 1, 1]
    assert unknown["days"][0]["lowest"] is None and unknown["days"][0]["median"] is None
    default = (await client.get(url, headers=shop.owner)).json()
    assert len(default["days"]) == 90


async def test_unknown_release_bad_parameters_and_no_token(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    shop = await open_shop(client, db_session)
    missing = await client.get("/api/v1/releases/999999", headers=shop.owner)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    missing_prices = await client.get("/api/v1/releases/999999/prices", headers=shop.owner)
    assert missing_prices.status_code == 404
    for query, field in [
        ("days=0", "days"),
        ("days=366", "days"),
        ("days=many", "days"),
        ("grade=mint", "grade"),
    ]:
        response = await client.get(
            f"/api/v1/releases/{RELEASE_ID}/prices?{query}", headers=shop.owner
        )
        assert response.status_code == 422, query
        assert [f["field"] for f in response.json()["error"]["fields"]] == [field], query
    for path in ("/api/v1/releases/0", "/api/v1/releases/abc"):
        assert (await client.get(path, headers=shop.owner)).status_code == 422
    assert (await client.get(f"/api/v1/releases/{RELEASE_ID}")).status_code == 401
    assert (await client.get(f"/api/v1/releases/{RELEASE_ID}/prices")).status_code == 401


async def test_operation_ids(client: httpx.AsyncClient) -> None:
    paths = (await client.get("/api/openapi.json")).json()["paths"]
    assert paths["/api/v1/releases/{release_id}"]["get"]["operationId"] == "releases-get"
    assert paths["/api/v1/releases/{release_id}/prices"]["get"]["operationId"] == "releases-prices"
