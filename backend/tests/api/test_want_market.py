"""The want list's market figures: how many listings are for sale now, the cheapest delivered
price in the user's currency and when the newest was found; scoped to the user's own matches
and read in a fixed number of queries per page."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import event, update
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.test_releases import RELEASE_ID, me, money, open_shop
from tests.services.test_price_history import add_release
from vinyldigger.models import Listing, User, Want

OTHER_RELEASE = 602


async def wants(client: httpx.AsyncClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    response = await client.get("/api/v1/wants?per_page=50", headers=headers)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def seen(value: str) -> datetime:
    return datetime.fromisoformat(value).replace(tzinfo=None)


async def test_each_want_carries_what_is_for_sale_now(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    shop = await open_shop(client, db_session)
    owner = await db_session.get(User, (await me(client, shop.owner))["id"])
    assert owner is not None
    await add_release(db_session, OTHER_RELEASE, title="The Marble Index")
    db_session.add(Want(user_id=owner.id, release_id=OTHER_RELEASE, date_added=shop.now))
    await db_session.flush()

    by_release = {w["release"]["id"]: w for w in await wants(client, shop.owner)}
    market = by_release[RELEASE_ID]["market"]
    # D1, D2 (Discogs) and the owner's matches E1 and E2; E3 was rejected.
    assert market["for_sale"] == 4
    # D2: 8 GBP + 2 GBP shipping = 10 GBP = 15.625 → 15.63 USD, below E1's 17.50 delivered;
    # D1 (20 USD) and E2 (21 USD) do not state shipping.
    assert market["cheapest"] == money("15.63", "USD") and market["shipping_known"] is True
    # D1 appeared three days ago, the others two days ago.
    newest = seen(market["newest_seen_at"])
    assert abs(newest - (shop.now - timedelta(days=2)).replace(tzinfo=None)) < timedelta(seconds=1)

    assert by_release[OTHER_RELEASE]["market"] == {
        "for_sale": 0,
        "cheapest": None,
        "shipping_known": False,
        "newest_seen_at": None,
    }


async def test_gone_listings_and_unknown_shipping(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    shop = await open_shop(client, db_session)
    await db_session.execute(
        update(Listing)
        .where(Listing.id.in_([shop.ids["D2"], shop.ids["E1"]]))
        .values(gone_at=shop.now)
    )
    [want] = await wants(client, shop.owner)
    # D1 (16 EUR = 20 USD) and E2 (21 USD) are left, neither states shipping: the lowest
    # price alone, flagged as such.
    assert want["market"]["for_sale"] == 2
    assert want["market"]["cheapest"] == money("20.00", "USD")
    assert want["market"]["shipping_known"] is False


async def test_another_user_counts_only_public_discogs_listings(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    shop = await open_shop(client, db_session)
    stranger = await db_session.get(User, (await me(client, shop.stranger))["id"])
    assert stranger is not None
    db_session.add(Want(user_id=stranger.id, release_id=RELEASE_ID, date_added=shop.now))
    await db_session.flush()
    [want] = await wants(client, shop.stranger)
    # The owner's eBay matches are not the stranger's: only D1 and D2, in euros.
    assert want["market"]["for_sale"] == 2
    assert want["market"]["cheapest"] == money("12.50", "EUR")


@contextmanager
def counted_statements(session: AsyncSession) -> Iterator[list[str]]:
    statements: list[str] = []
    engine = session.get_bind().engine

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


async def test_queries_do_not_grow_with_the_page(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    shop = await open_shop(client, db_session)
    with counted_statements(db_session) as one_want:
        assert len(await wants(client, shop.owner)) == 1
    owner = await db_session.get(User, (await me(client, shop.owner))["id"])
    assert owner is not None
    for release_id in range(700, 710):
        await add_release(db_session, release_id)
        db_session.add(Want(user_id=owner.id, release_id=release_id, date_added=shop.now))
    await db_session.flush()
    with counted_statements(db_session) as eleven_wants:
        assert len(await wants(client, shop.owner)) == 11
    # (The second request may find its user already loaded: fewer, never more.)
    assert len(eleven_wants) <= len(one_want)
