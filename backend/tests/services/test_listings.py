"""Listing storage: bulk upserts, price observations only on change, listing life."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.models import Listing, PriceObservation, Seller
from vinyldigger.services import listings as listing_service
from vinyldigger.services.marketplaces import dto
from vinyldigger.services.marketplaces.grades import Grade

T0 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def discogs_listing(number: int, price: str, seller: str = "shop", **extra: object) -> dto.Listing:
    values: dict[str, object] = {
        "platform": "discogs",
        "listing_id": str(number),
        "release_id": 1000 + number % 7,
        "title": f"Artist - Album {number}",
        "media_grade": Grade.VG_PLUS,
        "price": dto.Money(amount=Decimal(price), currency="EUR"),
        "shipping": None,
        "seller": dto.SellerRef(
            username=seller,
            rating=Decimal("99.5"),
            country="DE",
            min_order_total=dto.Money(amount=Decimal("10"), currency="EUR"),
        ),
        "ships_from": "DE",
        "url": f"https://www.discogs.com/sell/item/{number}",
    }
    values.update(extra)
    return dto.Listing.model_validate(values)


async def _count(session: AsyncSession, model: type[object]) -> int:
    return await session.scalar(select(func.count()).select_from(model)) or 0


async def test_new_then_known_then_changed(db_session: AsyncSession) -> None:
    batch = [discogs_listing(n, "12.50", seller=f"shop{n % 3}") for n in range(10)]
    first = await listing_service.ingest(db_session, batch, seen_at=T0)
    assert len(first.new) == 10 and not first.price_changed
    assert await _count(db_session, Seller) == 3
    assert await _count(db_session, PriceObservation) == 10

    later = T0 + timedelta(days=1)
    again = [discogs_listing(n, "12.50" if n else "9.99", seller=f"shop{n % 3}") for n in range(10)]
    again.append(
        discogs_listing(
            99, "30.00", seller="newshop", shipping=dto.Money(amount=Decimal("0"), currency="EUR")
        )
    )
    second = await listing_service.ingest(db_session, again, seen_at=later)
    assert second.new == {second.ids[("discogs", "99")]}
    assert second.price_changed == {second.ids[("discogs", "0")]}
    assert await _count(db_session, PriceObservation) == 12
    changed = await db_session.get(Listing, second.ids[("discogs", "0")])
    assert changed is not None
    await db_session.refresh(changed)
    assert changed.price_amount == Decimal("9.99")
    assert changed.first_seen_at == T0 and changed.last_seen_at == later
    assert changed.shipping_amount is None  # unknown stays unknown
    free = await db_session.get(Listing, second.ids[("discogs", "99")])
    assert free is not None and free.shipping_amount == Decimal("0.00")


async def test_listings_not_seen_in_a_complete_pass_are_gone_and_can_return(
    db_session: AsyncSession,
) -> None:
    result = await listing_service.ingest(
        db_session, [discogs_listing(n, "5", seller="solo") for n in range(5)], seen_at=T0
    )
    seller_id = await db_session.scalar(select(Seller.id).where(Seller.username == "solo"))
    assert seller_id is not None
    still_there = {result.ids[("discogs", str(n))] for n in (0, 1, 2)}
    gone = await listing_service.mark_gone(
        db_session,
        platform="discogs",
        scope=listing_service.seller_scope([seller_id]),
        seen_ids=still_there,
        at=T0 + timedelta(hours=1),
    )
    assert gone == {result.ids[("discogs", "3")], result.ids[("discogs", "4")]}
    back = await listing_service.ingest(
        db_session, [discogs_listing(3, "5", seller="solo")], seen_at=T0 + timedelta(hours=2)
    )
    assert back.returned == {result.ids[("discogs", "3")]}
    returned = await db_session.get(Listing, result.ids[("discogs", "3")])
    assert returned is not None
    await db_session.refresh(returned)
    assert returned.gone_at is None


async def test_large_batches_are_chunked(db_session: AsyncSession) -> None:
    batch = [discogs_listing(n, "3.00", seller=f"s{n % 1200}") for n in range(2500)]
    result = await listing_service.ingest(db_session, batch, seen_at=T0)
    assert len(result.ids) == 2500 and len(result.new) == 2500
    assert await _count(db_session, Seller) >= 1200
