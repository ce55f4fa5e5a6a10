"""Imports as the user sees them: queueing the ids the companion sent, and their status."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.errors import AppError, not_found
from vinyldigger.models import ImportItem, ListingImport


class ItemStatus(StrEnum):
    QUEUED = "queued"
    READING = "reading"
    # Read, for sale, of a wanted release: stored as a listing and matched.
    STORED = "stored"
    # Discogs has no listing with this id.
    NOT_FOUND = "not_found"
    # The listing exists but is sold or withdrawn.
    NOT_FOR_SALE = "not_for_sale"
    # The listing is of a release the user does not want: reported, not stored.
    NOT_WANTED = "not_wanted"
    # Discogs could not be asked (no linked account, errors after retries).
    FAILED = "failed"


WAITING = (ItemStatus.QUEUED.value, ItemStatus.READING.value)


@dataclass
class ImportStatus:
    id: int
    created_at: datetime
    finished_at: datetime | None
    listings: int
    releases: int
    counts: dict[str, int] = field(default_factory=dict)
    seller_names: list[str] = field(default_factory=list)
    # The ids that were not stored, by reason (at most a page of each).
    not_found: list[str] = field(default_factory=list)
    not_for_sale: list[str] = field(default_factory=list)
    not_wanted: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return not any(self.counts.get(status, 0) for status in WAITING)


async def create_import(
    session: AsyncSession,
    *,
    user_id: int,
    token_id: int | None,
    listing_ids: Sequence[int],
    release_ids: Sequence[int],
    max_pending: int,
    at: datetime,
) -> ListingImport:
    """Queue the ids (duplicates dropped); refuses when the user's queue is full."""
    unique_listings = list(dict.fromkeys(listing_ids))
    pending = await session.scalar(
        select(func.count())
        .select_from(ImportItem)
        .where(ImportItem.user_id == user_id, ImportItem.status.in_(WAITING))
    )
    if (pending or 0) + len(unique_listings) > max_pending:
        raise AppError(
            f"{pending} listing ids are still waiting to be read; send more once they are",
            status_code=429,
            code="import_queue_full",
            headers={"Retry-After": "60"},
        )
    row = ListingImport(
        user_id=user_id,
        token_id=token_id,
        created_at=at,
        release_ids=list(dict.fromkeys(release_ids)),
        seller_names=[],
        finished_at=None if unique_listings else at,
    )
    session.add(row)
    await session.flush()
    session.add_all(
        ImportItem(
            import_id=row.id,
            user_id=user_id,
            external_id=str(listing_id),
            status=ItemStatus.QUEUED.value,
            attempts=0,
        )
        for listing_id in unique_listings
    )
    await session.flush()
    return row


async def _counts(session: AsyncSession, import_ids: Sequence[int]) -> dict[int, Counter[str]]:
    counts: dict[int, Counter[str]] = {import_id: Counter() for import_id in import_ids}
    if not import_ids:
        return counts
    rows = await session.execute(
        select(ImportItem.import_id, ImportItem.status, func.count())
        .where(ImportItem.import_id.in_(list(import_ids)))
        .group_by(ImportItem.import_id, ImportItem.status)
    )
    for import_id, status, count in rows:
        counts[import_id][status] = count
    return counts


def _status(row: ListingImport, counts: Counter[str]) -> ImportStatus:
    return ImportStatus(
        id=row.id,
        created_at=row.created_at,
        finished_at=row.finished_at,
        listings=sum(counts.values()),
        releases=len(row.release_ids),
        counts={status.value: counts.get(status.value, 0) for status in ItemStatus},
        seller_names=list(row.seller_names),
    )


async def history(
    session: AsyncSession, *, user_id: int, offset: int, limit: int
) -> tuple[list[ImportStatus], int]:
    scope = ListingImport.user_id == user_id
    total = await session.scalar(select(func.count()).select_from(ListingImport).where(scope))
    rows = list(
        await session.scalars(
            select(ListingImport)
            .where(scope)
            .order_by(ListingImport.created_at.desc(), ListingImport.id.desc())
            .offset(offset)
            .limit(limit)
        )
    )
    counts = await _counts(session, [row.id for row in rows])
    return [_status(row, counts[row.id]) for row in rows], total or 0


# Ids listed per reason in an import's detail.
REPORTED_IDS = 100


async def status_of(session: AsyncSession, *, user_id: int, import_id: int) -> ImportStatus:
    row = await session.scalar(
        select(ListingImport).where(ListingImport.id == import_id, ListingImport.user_id == user_id)
    )
    if row is None:
        raise not_found("Import")
    status = _status(row, (await _counts(session, [row.id]))[row.id])
    reported = {
        ItemStatus.NOT_FOUND: status.not_found,
        ItemStatus.NOT_FOR_SALE: status.not_for_sale,
        ItemStatus.NOT_WANTED: status.not_wanted,
        ItemStatus.FAILED: status.failed,
    }
    for reason, ids in reported.items():
        ids.extend(
            await session.scalars(
                select(ImportItem.external_id)
                .where(ImportItem.import_id == row.id, ImportItem.status == reason.value)
                .order_by(ImportItem.id)
                .limit(REPORTED_IDS)
            )
        )
    return status


async def imported_seller_counts(
    session: AsyncSession,
    user_id: int,
    *,
    excluding_keys: Select[Any] | None = None,
    among: Sequence[str] | None = None,
    limit: int | None = None,
) -> list[tuple[str, int]]:
    """Discogs sellers of the wanted listings the user imported and how many of those
    listings each holds, most first. `excluding_keys` selects lower-cased names to leave out
    (e.g. the sellers already followed); `among` keeps only these names."""
    listings = func.count().label("listings")
    query = select(ImportItem.seller, listings).where(
        ImportItem.user_id == user_id,
        ImportItem.status == ItemStatus.STORED.value,
        ImportItem.seller.is_not(None),
    )
    if excluding_keys is not None:
        query = query.where(func.lower(ImportItem.seller).not_in(excluding_keys))
    if among is not None:
        query = query.where(ImportItem.seller.in_(among))
    query = query.group_by(ImportItem.seller).order_by(listings.desc(), ImportItem.seller)
    if limit is not None:
        query = query.limit(limit)
    return [(seller, count) for seller, count in await session.execute(query) if seller]


async def import_suggested_sellers(session: AsyncSession, user_id: int) -> list[str]:
    """Discogs sellers of the wanted listings the user imported, most listings first: the
    sellers worth following."""
    return [seller for seller, _count in await imported_seller_counts(session, user_id)]
