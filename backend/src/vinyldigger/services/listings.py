"""Storing what the marketplaces list: bulk upserts, price observations, listing life.

Nothing here selects per item: each batch costs one read of what is already known, one
upsert of sellers, one of listings and one insert of price observations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, and_, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.models.listing import Listing, PriceObservation, Seller
from vinyldigger.services.marketplaces import dto

# Keys per IN (...) lookup: keeps parameters well under PostgreSQL's 32,767 per statement.
BATCH = 1000
SELLERS = Seller.__table__
LISTINGS = Listing.__table__
OBSERVATIONS = PriceObservation.__table__
CENT = Decimal("0.01")


@dataclass
class IngestResult:
    """Ids of the stored listings by (platform, external id), and what this batch changed."""

    ids: dict[tuple[str, str], int] = field(default_factory=dict)
    new: set[int] = field(default_factory=set)
    price_changed: set[int] = field(default_factory=set)
    returned: set[int] = field(default_factory=set)


def _insert(session: AsyncSession) -> Any:
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else (sqlite.insert)


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT)


async def _upsert_sellers(
    session: AsyncSession, listings: Sequence[dto.Listing], seen_at: datetime
) -> dict[tuple[str, str], int]:
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for item in listings:
        seller = item.seller
        rows[(item.platform, seller.username)] = {
            "platform": item.platform,
            "username": seller.username[:200],
            "rating": seller.rating,
            "rating_count": seller.rating_count,
            "country": seller.country,
            "min_order_amount": _cents(seller.min_order_total.amount)
            if seller.min_order_total
            else None,
            "min_order_currency": seller.min_order_total.currency
            if seller.min_order_total
            else None,
            "updated_at": seen_at,
        }
    # One cached statement executed with many parameter sets: the driver batches the rows
    # (executemany / insertmanyvalues) instead of compiling one huge VALUES list.
    statement = _insert(session)(SELLERS)
    statement = statement.on_conflict_do_update(
        index_elements=[SELLERS.c.platform, SELLERS.c.username],
        set_={
            name: statement.excluded[name]
            for name in (
                "rating",
                "rating_count",
                "country",
                "min_order_amount",
                "min_order_currency",
                "updated_at",
            )
        },
    )
    await session.execute(statement, list(rows.values()))
    keys = list(rows)
    ids: dict[tuple[str, str], int] = {}
    for start in range(0, len(keys), BATCH):
        found = await session.execute(
            select(Seller.platform, Seller.username, Seller.id).where(
                tuple_(Seller.platform, Seller.username).in_(keys[start : start + BATCH])
            )
        )
        ids.update({(platform, name): seller_id for platform, name, seller_id in found})
    return ids


def _listing_row(item: dto.Listing, seller_id: int, seen_at: datetime) -> dict[str, Any]:
    return {
        "platform": item.platform,
        "external_id": item.listing_id,
        "release_id": item.release_id,
        "title": item.title[:500],
        "artist": item.artist[:300] if item.artist else None,
        "media_grade": item.media_grade.value if item.media_grade else None,
        "sleeve_grade": item.sleeve_grade.value if item.sleeve_grade else None,
        "price_amount": _cents(item.price.amount),
        "price_currency": item.price.currency,
        "shipping_amount": _cents(item.shipping.amount) if item.shipping else None,
        "shipping_currency": item.shipping.currency if item.shipping else None,
        "seller_id": seller_id,
        "ships_from": item.ships_from,
        "url": item.url[:1000],
        "image": item.image[:1000] if item.image else None,
        "buying_option": item.buying_option,
        "auction_end": item.auction_end,
        "condition_text": item.condition_text,
        "catalog_number": item.catalog_number[:100] if item.catalog_number else None,
        "barcode": item.barcode[:32] if item.barcode else None,
        "first_seen_at": seen_at,
        "last_seen_at": seen_at,
        "gone_at": None,
    }


# Columns refreshed when a known listing is seen again (first_seen_at stays).
REFRESHED = (
    "release_id",
    "title",
    "artist",
    "media_grade",
    "sleeve_grade",
    "price_amount",
    "price_currency",
    "shipping_amount",
    "shipping_currency",
    "seller_id",
    "ships_from",
    "url",
    "image",
    "buying_option",
    "auction_end",
    "condition_text",
    "catalog_number",
    "barcode",
    "last_seen_at",
    "gone_at",
)


async def ingest(
    session: AsyncSession, listings: Sequence[dto.Listing], *, seen_at: datetime
) -> IngestResult:
    """Insert new listings, refresh known ones, record prices that are new or changed."""
    unique = {(item.platform, item.listing_id): item for item in listings}
    result = IngestResult()
    if not unique:
        return result
    sellers = await _upsert_sellers(session, list(unique.values()), seen_at)
    before: dict[tuple[str, str], tuple[int, Decimal, str, datetime | None]] = {}
    by_platform: dict[str, list[str]] = {}
    for key in unique:
        by_platform.setdefault(key[0], []).append(key[1])
    for platform_name, external_ids in by_platform.items():
        for start in range(0, len(external_ids), BATCH):
            known = await session.execute(
                select(
                    Listing.external_id,
                    Listing.id,
                    Listing.price_amount,
                    Listing.price_currency,
                    Listing.gone_at,
                ).where(
                    Listing.platform == platform_name,
                    Listing.external_id.in_(external_ids[start : start + BATCH]),
                )
            )
            before.update({(platform_name, e): (i, a, c, g) for e, i, a, c, g in known})
    insert = _insert(session)
    rows = [
        _listing_row(item, sellers[(item.platform, item.seller.username)], seen_at)
        for item in unique.values()
    ]
    upsert = insert(LISTINGS)
    upsert = upsert.on_conflict_do_update(
        index_elements=[LISTINGS.c.platform, LISTINGS.c.external_id],
        set_={name: upsert.excluded[name] for name in REFRESHED},
    ).returning(LISTINGS.c.platform, LISTINGS.c.external_id, LISTINGS.c.id)
    for stored_platform, stored_id, listing_id in await session.execute(upsert, rows):
        result.ids[(stored_platform, stored_id)] = listing_id
    observations = []
    for key, item in unique.items():
        listing_id = result.ids[key]
        previous = before.get(key)
        price = _cents(item.price.amount)
        if previous is None:
            result.new.add(listing_id)
        else:
            if previous[3] is not None:
                result.returned.add(listing_id)
            if (previous[1], previous[2]) == (price, item.price.currency):
                continue
            result.price_changed.add(listing_id)
        observations.append(
            {
                "listing_id": listing_id,
                "release_id": item.release_id,
                "media_grade": item.media_grade.value if item.media_grade else None,
                "price_amount": price,
                "price_currency": item.price.currency,
                "observed_at": seen_at,
            }
        )
    if observations:
        await session.execute(insert(OBSERVATIONS), observations)
    return result


def _gone_candidates(platform: str, seen_ids: set[int], scope: Any) -> Select[Any]:
    query = select(Listing.id).where(Listing.platform == platform, Listing.gone_at.is_(None), scope)
    if seen_ids:
        query = query.where(Listing.id.not_in(seen_ids))
    return query


async def mark_gone(
    session: AsyncSession, *, platform: str, scope: Any, seen_ids: set[int], at: datetime
) -> set[int]:
    """After a complete pass over a source, listings it would have returned but did not are
    gone. `scope` is the SQL condition describing what the source covers."""
    gone: set[int] = set(await session.scalars(_gone_candidates(platform, seen_ids, scope)))
    ids = list(gone)
    for start in range(0, len(ids), BATCH):
        await session.execute(
            update(Listing).where(Listing.id.in_(ids[start : start + BATCH])).values(gone_at=at)
        )
    return gone


def seller_scope(seller_ids: Sequence[int]) -> Any:
    return Listing.seller_id.in_(list(seller_ids))


def release_scope(release_ids: Sequence[int]) -> Any:
    return and_(Listing.release_id.is_not(None), Listing.release_id.in_(list(release_ids)))
