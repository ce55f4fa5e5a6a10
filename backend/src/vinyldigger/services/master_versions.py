"""Stored master version lists: which are due, claiming them, storing them, reading them.

A master's list is shared by the whole instance. Masters come into view through the wants and
collections of users; a list is due when it was never fetched or is older than the maximum
age, and retried with a growing delay after a failure. Claiming moves `next_attempt_at` a
lease ahead in one conditional UPDATE, so two workers never fetch the same master at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, case, delete, or_, select, union, update
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.models import (
    CollectionItem,
    MarketplaceCredential,
    MasterVersionList,
    MasterVersionRecord,
    Release,
    Want,
)
from vinyldigger.services.credentials import Service
from vinyldigger.services.fx import insert_for
from vinyldigger.services.marketplaces import dto

# How long a worker holds a claimed master before another may assume it died.
CLAIM_LEASE = timedelta(minutes=15)
FIRST_RETRY = timedelta(hours=1)
LONGEST_RETRY = timedelta(days=1)
MAX_ERROR_LENGTH = 200
INSERT_SLICE = 1000


def retry_delay(consecutive_failures: int) -> timedelta:
    """1, 2, 4 … hours after each failure in a row, at most a day."""
    doubled: timedelta = FIRST_RETRY * 2 ** min(max(consecutive_failures - 1, 0), 10)
    return min(doubled, LONGEST_RETRY)


def _masters_in_libraries(user_id: int | None) -> Select[Any]:
    """Master ids of releases some user (or this user) wants or owns."""
    wanted = select(Release.master_id.label("master_id")).join(Want, Want.release_id == Release.id)
    owned = select(Release.master_id.label("master_id")).join(
        CollectionItem, CollectionItem.release_id == Release.id
    )
    if user_id is not None:
        wanted = wanted.where(Want.user_id == user_id)
        owned = owned.where(CollectionItem.user_id == user_id)
    masters = union(
        wanted.where(Release.master_id.is_not(None)), owned.where(Release.master_id.is_not(None))
    ).subquery()
    return select(masters.c.master_id)


async def _ensure_lists(session: AsyncSession, user_id: int | None) -> None:
    """A list row (due at once) for every master in view that has none yet."""
    in_view = _masters_in_libraries(user_id).subquery()
    missing = await session.scalars(
        select(in_view.c.master_id).where(
            in_view.c.master_id.not_in(select(MasterVersionList.master_id))
        )
    )
    ids = sorted({int(master_id) for master_id in missing})
    if not ids:
        return
    insert = insert_for(session)(MasterVersionList)
    await session.execute(
        insert.values([{"master_id": master_id} for master_id in ids]).on_conflict_do_nothing(
            index_elements=[MasterVersionList.master_id]
        )
    )


def _due(now: datetime) -> Any:
    return or_(
        MasterVersionList.next_attempt_at.is_(None), MasterVersionList.next_attempt_at <= now
    )


async def claim_due(
    session: AsyncSession, *, now: datetime, limit: int, user_id: int | None = None
) -> list[int]:
    """Claim up to `limit` due masters (of this user's library, or of anyone's), never
    fetched first, then the oldest, wanted before owned; returns the ids this caller holds."""
    await _ensure_lists(session, user_id)
    in_view = _masters_in_libraries(user_id).subquery()
    # Wanted albums first: search runs need their lists most.
    wanted = select(Release.master_id).join(Want, Want.release_id == Release.id)
    if user_id is not None:
        wanted = wanted.where(Want.user_id == user_id)
    candidates = list(
        await session.scalars(
            select(MasterVersionList.master_id)
            .where(MasterVersionList.master_id.in_(select(in_view.c.master_id)), _due(now))
            .order_by(
                MasterVersionList.fetched_at.asc().nulls_first(),
                case((MasterVersionList.master_id.in_(wanted), 0), else_=1),
                MasterVersionList.master_id,
            )
            .limit(limit)
        )
    )
    if not candidates:
        return []
    claimed = await session.scalars(
        update(MasterVersionList)
        .where(MasterVersionList.master_id.in_(candidates), _due(now))
        .values(next_attempt_at=now + CLAIM_LEASE)
        .returning(MasterVersionList.master_id)
        .execution_options(synchronize_session=False)
    )
    return sorted(int(master_id) for master_id in claimed)


async def users_with_due_masters(session: AsyncSession, *, now: datetime) -> list[int]:
    """Users with a linked Discogs account whose wants or collection hold a due master:
    their credentials fetch those lists (the lists are public, but Discogs' unauthenticated
    rate is lower and VinylDigger holds no credentials of its own)."""
    await _ensure_lists(session, None)
    due = select(MasterVersionList.master_id).where(_due(now))
    linked = select(MarketplaceCredential.user_id).where(
        MarketplaceCredential.service == Service.DISCOGS.value
    )
    wanting = (
        select(Want.user_id)
        .join(Release, Release.id == Want.release_id)
        .where(Release.master_id.in_(due), Want.user_id.in_(linked))
    )
    owning = (
        select(CollectionItem.user_id)
        .join(Release, Release.id == CollectionItem.release_id)
        .where(Release.master_id.in_(due), CollectionItem.user_id.in_(linked))
    )
    rows = await session.scalars(union(wanting, owning))
    return sorted({int(user_id) for user_id in rows})


async def store_versions(
    session: AsyncSession,
    *,
    master_id: int,
    versions: Sequence[dto.MasterVersion],
    now: datetime,
    max_age: timedelta,
) -> None:
    """Replace the master's stored list with `versions` (every page of it)."""
    await session.execute(
        delete(MasterVersionRecord).where(MasterVersionRecord.master_id == master_id)
    )
    unique = list({version.release_id: version for version in versions}.values())
    # In slices: SQLite takes at most 32,766 bound values per statement, and the most
    # pressed albums have thousands of versions.
    for start in range(0, len(unique), INSERT_SLICE):
        await session.execute(
            insert_for(session)(MasterVersionRecord).values(
                [_record(master_id, version) for version in unique[start : start + INSERT_SLICE]]
            )
        )
    await session.execute(
        update(MasterVersionList)
        .where(MasterVersionList.master_id == master_id)
        .values(
            fetched_at=now,
            next_attempt_at=now + max_age,
            version_count=len(unique),
            consecutive_failures=0,
            last_error=None,
        )
        .execution_options(synchronize_session=False)
    )
    await session.flush()


def _record(master_id: int, version: dto.MasterVersion) -> dict[str, Any]:
    return {
        "master_id": master_id,
        "release_id": version.release_id,
        "title": version.title[:500],
        "label": version.label[:500] if version.label else None,
        "catno": version.catno[:200] if version.catno else None,
        "country": version.country[:100] if version.country else None,
        "released": version.released[:20] if version.released else None,
        "year": version.year,
        "formats": list(version.formats),
        "major_formats": list(version.major_formats),
    }


async def record_failure(
    session: AsyncSession, *, master_id: int, now: datetime, error: str
) -> None:
    entry = await session.get(MasterVersionList, master_id, populate_existing=True)
    if entry is None:
        return
    entry.consecutive_failures += 1
    entry.last_error = error[:MAX_ERROR_LENGTH]
    entry.next_attempt_at = now + retry_delay(entry.consecutive_failures)
    await session.flush()


def as_dto(record: MasterVersionRecord) -> dto.MasterVersion:
    return dto.MasterVersion(
        release_id=record.release_id,
        title=record.title,
        label=record.label,
        catno=record.catno,
        country=record.country,
        year=record.year,
        released=record.released,
        formats=list(record.formats),
        major_formats=list(record.major_formats),
    )


async def known_pressings(
    session: AsyncSession, master_ids: Iterable[int]
) -> dict[int, list[dto.MasterVersion]]:
    """The stored version lists of these masters, keyed by master; masters never fetched (or
    fetched empty) are absent: the matcher then cannot tell their pressings apart."""
    ids = sorted(set(master_ids))
    if not ids:
        return {}
    # An empty list (a master Discogs no longer has) would tell the matcher that no other
    # pressing exists; it is left out like a list never fetched.
    fetched = select(MasterVersionList.master_id).where(
        MasterVersionList.master_id.in_(ids),
        MasterVersionList.fetched_at.is_not(None),
        MasterVersionList.version_count > 0,
    )
    lists: dict[int, list[dto.MasterVersion]] = {int(m): [] for m in await session.scalars(fetched)}
    if not lists:
        return {}
    records = await session.scalars(
        select(MasterVersionRecord)
        .where(MasterVersionRecord.master_id.in_(list(lists)))
        .order_by(MasterVersionRecord.master_id, MasterVersionRecord.release_id)
    )
    for record in records:
        lists[record.master_id].append(as_dto(record))
    return lists


async def versions_by_release(
    session: AsyncSession, release_ids: Iterable[int]
) -> dict[int, MasterVersionRecord]:
    """Stored versions by release id (a release is a version of one master)."""
    ids = sorted(set(release_ids))
    if not ids:
        return {}
    records = await session.scalars(
        select(MasterVersionRecord).where(MasterVersionRecord.release_id.in_(ids))
    )
    return {record.release_id: record for record in records}
