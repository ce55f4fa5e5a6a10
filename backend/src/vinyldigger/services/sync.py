"""Mirroring a user's Discogs want list and collection: additions, changes and removals."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import TypeVar

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.context import AppContext
from vinyldigger.core.database import after_commit
from vinyldigger.core.errors import AppError
from vinyldigger.models import CollectionItem, JobRun, RunKind, User, Want
from vinyldigger.models.base import utcnow
from vinyldigger.services import credentials as credential_service
from vinyldigger.services import runs as run_service
from vinyldigger.services.catalog import upsert_releases
from vinyldigger.services.marketplaces.dto import CollectionEntry, Page, WantItem

ProgressCallback = Callable[[int, int | None], Awaitable[None]]
Item = TypeVar("Item")
# Discogs folder 1; copies whose folder the API did not say land there, as on Discogs.
UNCATEGORIZED_FOLDER = 1


class SyncKind(StrEnum):
    WANTS = "wants"
    COLLECTION = "collection"

    @property
    def run_kind(self) -> RunKind:
        return RunKind(f"sync_{self.value}")

    @property
    def job_name(self) -> str:
        return f"sync-{self.value}"


@dataclass
class SyncCounts:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    total: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


async def request_sync(
    session: AsyncSession, context: AppContext, *, user: User, kind: SyncKind
) -> JobRun:
    """Queue a sync run; the job starts once this transaction has committed."""
    dispatcher = run_service.require_dispatcher(context)
    linked = await credential_service.get_state(
        session, context.secret_box, user, credential_service.Service.DISCOGS
    )
    if not linked.configured:
        raise AppError(
            "Link your Discogs account in Settings first",
            status_code=409,
            code="discogs_not_linked",
        )
    run = await run_service.create_run(session, user_id=user.id, kind=kind.run_kind)
    run_id = run.id
    after_commit(session, lambda: dispatcher.enqueue(kind.job_name, {"run_id": run_id}))
    return run


async def start_library_syncs(
    session: AsyncSession, context: AppContext, *, user: User
) -> list[JobRun]:
    """Once Discogs is linked, mirror the want list and the collection (after the commit).

    A sync already queued or running is left to finish rather than refused: linking again
    while one runs starts nothing new.
    """
    if context.dispatcher is None:
        return []
    started = []
    for kind in SyncKind:
        if await run_service.active_run(session, user_id=user.id, kind=kind.run_kind):
            continue
        try:
            started.append(await request_sync(session, context, user=user, kind=kind))
        except AppError as exc:
            if exc.code != "run_in_progress":
                raise
    return started


async def collect_pages(pages: AsyncIterator[Page[Item]], progress: ProgressCallback) -> list[Item]:
    """Every item of a paged listing, reporting "page k of n" as pages arrive.

    Fetching happens before any database write, so no transaction is held open while the
    upstream is slow or the rate limit makes the job wait.
    """
    items: list[Item] = []
    async for page in pages:
        items.extend(page.items)
        await progress(page.info.page, page.info.pages)
    return items


async def apply_wants(
    session: AsyncSession, *, user_id: int, wants: Sequence[WantItem]
) -> SyncCounts:
    """Make the user's mirror equal `wants`, the complete want list: add, change, remove."""
    existing = {
        want.release_id: want
        for want in await session.scalars(select(Want).where(Want.user_id == user_id))
    }
    counts = SyncCounts()
    now = utcnow()
    latest = {item.release.release_id: item for item in wants}
    await upsert_releases(session, (item.release for item in latest.values()))
    for release_id, item in latest.items():
        current = existing.get(release_id)
        if current is None:
            session.add(
                Want(
                    user_id=user_id,
                    release_id=release_id,
                    date_added=item.date_added or now,
                    rating=item.rating,
                    notes=item.notes,
                    synced_at=now,
                )
            )
            counts.added += 1
            continue
        date_added = item.date_added or current.date_added
        if (current.rating, current.notes, current.date_added) != (
            item.rating,
            item.notes,
            date_added,
        ):
            current.rating, current.notes, current.date_added = (
                item.rating,
                item.notes,
                date_added,
            )
            counts.updated += 1
        else:
            counts.unchanged += 1
        current.synced_at = now
    gone = set(existing) - set(latest)
    if gone:
        await session.execute(
            delete(Want).where(Want.user_id == user_id, Want.release_id.in_(gone))
        )
    await session.flush()
    counts.removed = len(gone)
    counts.total = len(latest)
    return counts


async def apply_collection(
    session: AsyncSession, *, user_id: int, entries: Sequence[CollectionEntry]
) -> SyncCounts:
    """Make the user's collection mirror equal `entries` (folder 0, one per owned copy)."""
    existing = {
        item.instance_id: item
        for item in await session.scalars(
            select(CollectionItem).where(CollectionItem.user_id == user_id)
        )
    }
    counts = SyncCounts()
    now = utcnow()
    latest = {entry.instance_id: entry for entry in entries}
    await upsert_releases(session, (entry.release for entry in latest.values()))
    for instance_id, entry in latest.items():
        current = existing.get(instance_id)
        values = (
            entry.release.release_id,
            entry.folder_id or UNCATEGORIZED_FOLDER,
            entry.date_added or (current.date_added if current else now),
            entry.rating,
            entry.media_grade.value if entry.media_grade else None,
            entry.sleeve_grade.value if entry.sleeve_grade else None,
        )
        if current is None:
            release_id, folder_id, date_added, rating, media, sleeve = values
            session.add(
                CollectionItem(
                    user_id=user_id,
                    instance_id=instance_id,
                    release_id=release_id,
                    folder_id=folder_id,
                    date_added=date_added,
                    rating=rating,
                    media_grade=media,
                    sleeve_grade=sleeve,
                    synced_at=now,
                )
            )
            counts.added += 1
            continue
        stored = (
            current.release_id,
            current.folder_id,
            current.date_added,
            current.rating,
            current.media_grade,
            current.sleeve_grade,
        )
        if stored != values:
            (
                current.release_id,
                current.folder_id,
                current.date_added,
                current.rating,
                current.media_grade,
                current.sleeve_grade,
            ) = values
            counts.updated += 1
        else:
            counts.unchanged += 1
        current.synced_at = now
    gone = set(existing) - set(latest)
    if gone:
        await session.execute(
            delete(CollectionItem).where(
                CollectionItem.user_id == user_id, CollectionItem.instance_id.in_(gone)
            )
        )
    await session.flush()
    counts.removed = len(gone)
    counts.total = len(latest)
    return counts
