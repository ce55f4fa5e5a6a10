"""Converted totals on every list item that carries money: results, sellers, release offers,
new wanted listings and basket parcels, in the user's currency; sorting, the max-price filter
and sums by them across pages; ships-from and seller ratings beside them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.helpers import planned_basket
from tests.api.test_releases import me
from tests.services.test_price_history import add_match, add_release, store_rates
from vinyldigger.core.context import AppContext
from vinyldigger.models import SavedSearch, SearchResult, User, Want
from vinyldigger.services import listings as listing_service
from vinyldigger.services.marketplaces import dto
from vinyldigger.services.marketplaces.grades import Grade

RELEASE_A = 701
RELEASE_B = 702


def listing(
    key: str,
    price: str,
    currency: str,
    *,
    seller: str,
    shipping: str | None = None,
    grade: Grade | None = None,
    platform: str = "ebay",
    release_id: int | None = None,
) -> dto.Listing:
    return dto.Listing(
        platform="discogs" if platform == "discogs" else "ebay",
        listing_id=key,
        release_id=release_id,
        title=f"Record {key}",
        media_grade=grade,
        price=dto.Money(amount=Decimal(price), currency=currency),
        shipping=dto.Money(amount=Decimal(shipping), currency=currency) if shipping else None,
        seller=dto.SellerRef(
            username=seller, rating=Decimal("99.8"), rating_count=1234, country="DE"
        ),
        ships_from="DE" if currency != "JPY" else "JP",
        url=f"https://example.com/{key}",
    )


# 1 EUR = 1.25 USD = 0.80 GBP; JPY has no rate. The user's currency is USD. Price and
# shipping convert separately: 2.00 GBP is 3.125, rounded half up to 3.13 USD.
LISTINGS = [
    # key, delivered in USD (None: no rate), shipping known
    (listing("A", "20.00", "EUR", seller="euro", grade=Grade.VG_PLUS), "25.00", False),
    (listing("B", "8.00", "GBP", seller="brit", shipping="2.00", grade=Grade.NM), "15.63", True),
    (listing("C", "12.50", "USD", seller="yank", shipping="5.00"), "17.50", True),
    (listing("D", "3000", "JPY", seller="tokyo", shipping="500", grade=Grade.P), None, True),
    (listing("E", "15.63", "USD", seller="brit"), "15.63", False),
    (listing("F", "4.00", "EUR", seller="euro", shipping="0.00", grade=Grade.P), "5.00", True),
]
BY_TOTAL = ["F", "B", "E", "C", "A", "D"]


@dataclass
class Shelf:
    headers: dict[str, str]
    user: User
    search_id: int
    ids: dict[str, int]
    found_at: datetime


async def stock_shelf(client: httpx.AsyncClient, session: AsyncSession) -> Shelf:
    from tests.api.helpers import auth_headers

    headers = await auth_headers(client)
    await client.patch("/api/v1/auth/me", headers=headers, json={"currency": "USD"})
    user = await session.get(User, (await me(client, headers))["id"])
    assert user is not None
    await store_rates(session)
    await add_release(session, RELEASE_A)
    await add_release(session, RELEASE_B, "The Marble Index")
    found_at = datetime.now(UTC) - timedelta(hours=1)
    stored = await listing_service.ingest(
        session, [item for item, _, _ in LISTINGS], seen_at=found_at
    )
    ids = {external: i for (_platform, external), i in stored.ids.items()}
    search = SavedSearch(user_id=user.id, name="Everything", criteria={"want_list": True})
    session.add(search)
    await session.flush()
    for key in "ABCDEF":
        session.add(
            SearchResult(
                search_id=search.id,
                listing_id=ids[key],
                source="ebay:q:record",
                first_seen_run_id=1,
                last_seen_run_id=1,
                first_seen_at=found_at,
                last_seen_at=found_at,
            )
        )
        match = await add_match(session, user, ids[key], RELEASE_A if key in "ACE" else RELEASE_B)
        match.is_wanted = True
    for release_id in (RELEASE_A, RELEASE_B):
        session.add(Want(user_id=user.id, release_id=release_id, date_added=found_at))
    await session.flush()
    return Shelf(headers, user, search.id, ids, found_at)


def usd(amount: str) -> dict[str, str]:
    return {"amount": amount, "currency": "USD"}


def expected(key: str) -> tuple[dict[str, str] | None, bool]:
    for item, delivered, known in LISTINGS:
        if item.listing_id == key:
            return (usd(delivered) if delivered else None), known
    raise KeyError(key)


async def all_results(
    client: httpx.AsyncClient, shelf: Shelf, per_page: int = 2, **params: Any
) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    page = 1
    while True:
        response = await client.get(
            f"/api/v1/searches/{shelf.search_id}/results",
            headers=shelf.headers,
            params={"per_page": per_page, "page": page, **params},
        )
        assert response.status_code == 200, response.text
        body = response.json()
        items += [result["listing"] for result in body["items"]]
        if page >= body["pages"]:
            return items
        page += 1


def keys(items: list[dict[str, Any]], shelf: Shelf) -> list[str]:
    by_id = {listing_id: key for key, listing_id in shelf.ids.items()}
    return [by_id[listing["id"]] for listing in items]


async def test_results_carry_converted_totals_and_sort_by_them_across_pages(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    shelf = await stock_shelf(client, db_session)
    items = await all_results(client, shelf, sort="total")
    # Cheapest delivered first across currencies and pages; on equal totals (B, E) the known
    # shipping first; JPY, without a rate, last.
    assert keys(items, shelf) == BY_TOTAL
    for key, item in zip(BY_TOTAL, items, strict=True):
        total, known = expected(key)
        assert item["converted_total"] == total, key
        assert item["shipping_known"] is known, key
    tokyo = items[-1]
    assert tokyo["converted_missing"] == {"reason": "no_rate", "currency": "JPY"}
    assert tokyo["price"] == {"amount": "3000.00", "currency": "JPY"}
    assert all(item["converted_missing"] is None for item in items[:-1])
    assert items[0]["seller"] == {
        "username": "euro",
        "platform": "ebay",
        "rating": "99.80",
        "rating_count": 1234,
        "country": "DE",
    }
    assert items[0]["ships_from"] == "DE" and tokyo["ships_from"] == "JP"


async def test_max_price_is_in_the_users_currency_and_needs_a_rate(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    shelf = await stock_shelf(client, db_session)
    cheap = await all_results(client, shelf, sort="total", max_price="15.63")
    assert keys(cheap, shelf) == ["F", "B", "E"]
    # 3000 JPY would pass if compared as listed; without a rate it never passes.
    generous = await all_results(client, shelf, sort="total", max_price="100000")
    assert keys(generous, shelf) == BY_TOTAL[:-1]
    page = await client.get(
        f"/api/v1/searches/{shelf.search_id}/results",
        headers=shelf.headers,
        params={"max_price": "20", "per_page": 1},
    )
    assert page.json()["total"] == 4


async def test_min_grade_with_and_without_ungraded_listings(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    shelf = await stock_shelf(client, db_session)
    graded = await all_results(client, shelf, sort="total", min_media_grade="VG")
    assert keys(graded, shelf) == ["B", "A"]
    with_ungraded = await all_results(
        client, shelf, sort="total", min_media_grade="VG", include_ungraded="true"
    )
    # Ungraded C and E join; Poor copies D and F stay out.
    assert keys(with_ungraded, shelf) == ["B", "E", "C", "A"]
    # Without a minimum the flag changes nothing.
    assert len(await all_results(client, shelf, include_ungraded="true")) == 6


async def test_sellers_sum_converted_totals(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    shelf = await stock_shelf(client, db_session)
    response = await client.get(
        f"/api/v1/searches/{shelf.search_id}/sellers", headers=shelf.headers
    )
    assert response.status_code == 200, response.text
    sellers = {item["seller"]["username"]: item for item in response.json()["items"]}
    # euro: A 25.00 + F 5.00; brit: B 15.63 + E 15.63 (prices 12.50 + 15.63).
    assert sellers["euro"]["items_total"] == usd("30.00")
    assert sellers["euro"]["converted_total"] == usd("30.00")
    assert sellers["brit"]["items_total"] == usd("28.13")
    assert sellers["brit"]["converted_total"] == usd("31.26")
    assert sellers["brit"]["shipping_known"] == 1
    assert sellers["yank"]["converted_total"] == usd("17.50")
    assert sellers["tokyo"]["converted_total"] is None
    assert sellers["tokyo"]["items_total"] is None
    assert sellers["tokyo"]["converted_missing"] == {"reason": "no_rate", "currency": "JPY"}
    assert sellers["tokyo"]["ships_from"] == "JP"
    assert sellers["euro"]["seller"]["rating_count"] == 1234
    # Equal wanted records and listings: the cheaper total ranks first.
    order = [item["seller"]["username"] for item in response.json()["items"]]
    assert order.index("euro") < order.index("brit")
    assert order.index("yank") < order.index("tokyo")


async def test_release_offers_and_new_matches_carry_converted_totals(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    shelf = await stock_shelf(client, db_session)
    view = (await client.get(f"/api/v1/releases/{RELEASE_B}", headers=shelf.headers)).json()
    offers = [offer["listing"] for offer in view["offers"]]
    assert keys(offers, shelf) == ["F", "B", "D"]
    for key, offer in zip(["F", "B", "D"], offers, strict=True):
        assert offer["converted_total"] == expected(key)[0], key
    assert offers[-1]["converted_missing"] == {"reason": "no_rate", "currency": "JPY"}
    assert offers[0]["seller"]["rating_count"] == 1234 and offers[0]["ships_from"] == "DE"

    before = (shelf.found_at - timedelta(minutes=1)).isoformat()
    new = await client.get(
        "/api/v1/matches/new", headers=shelf.headers, params={"since": before, "limit": 3}
    )
    assert new.status_code == 200, new.text
    body = new.json()
    assert body["count"] == 6
    found = [item["listing"] for item in body["items"]]
    assert keys(found, shelf) == BY_TOTAL[:3]
    assert [listing["converted_total"] for listing in found] == [
        usd("5.00"),
        usd("15.63"),
        usd("15.63"),
    ]


async def test_basket_items_and_parcels_say_delivered_price_origin_and_rating(
    client: httpx.AsyncClient, db_session: AsyncSession, context: AppContext
) -> None:
    shelf = await stock_shelf(client, db_session)
    plan = await planned_basket(client, context, shelf.headers, {})
    assert plan["currency"] == "USD" and plan["skipped_without_rate"] == 1
    items = {
        item["title"]: (parcel, item) for parcel in plan["parcels"] for item in parcel["items"]
    }
    assert items
    for title, (parcel, item) in items.items():
        key = title.removeprefix("Record ")
        assert item["converted_total"] == expected(key)[0], key
        assert item["shipping_known"] is expected(key)[1], key
        assert item["ships_from"] == "DE"
        assert parcel["seller_rating"] == "99.80" and parcel["seller_rating_count"] == 1234
        assert parcel["ships_from"] == "DE"
    parcel, cheapest = items["Record F"]
    assert cheapest["listed_price"] == {"amount": "4.00", "currency": "EUR"}
    assert cheapest["price"] == usd("5.00")
    latest = (await client.get("/api/v1/basket/plans/latest", headers=shelf.headers)).json()
    assert latest["parcels"] == plan["parcels"]
