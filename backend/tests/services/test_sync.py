"""The mirror logic: complete lists applied as additions, changes and removals."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.models import CollectionItem, Release, User, Want
from vinyldigger.services.marketplaces.dto import (
    CollectionEntry,
    LabelRef,
    Page,
    PageInfo,
    ReleaseSummary,
    WantItem,
)
from vinyldigger.services.marketplaces.grades import Grade
from vinyldigger.services.sync import apply_collection, apply_wants, collect_pages

ADDED = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def release(release_id: int, title: str = "Album") -> ReleaseSummary:
    return ReleaseSummary(
        release_id=release_id,
        master_id=release_id // 10,
        title=f"{title} {release_id}",
        artists=["The Band"],
        labels=[LabelRef(name="Label", catno=f"CAT-{release_id}")],
        formats=["Vinyl", "LP"],
        year=1970,
        country="UK",
    )


async def want_pages(items: Sequence[WantItem], per_page: int) -> AsyncIterator[Page[WantItem]]:
    chunks = [list(items[i : i + per_page]) for i in range(0, len(items), per_page)]
    for number, chunk in enumerate(chunks, start=1):
        info = PageInfo(page=number, pages=len(chunks), per_page=per_page, items=len(items))
        yield Page[WantItem](items=chunk, info=info)


class Progress:
    def __init__(self) -> None:
        self.calls: list[tuple[int, int | None]] = []

    async def __call__(self, done: int, total: int | None) -> None:
        self.calls.append((done, total))


@pytest.fixture
async def user(db_session: AsyncSession) -> User:
    account = User(email="sync@example.com", password_hash="x")
    db_session.add(account)
    await db_session.flush()
    return account


async def _wanted(session: AsyncSession, user: User) -> dict[int, Want]:
    rows = await session.scalars(select(Want).where(Want.user_id == user.id))
    return {row.release_id: row for row in rows}


async def test_collect_pages_reports_progress_per_page() -> None:
    items = [WantItem(release=release(i), date_added=ADDED) for i in range(1, 6)]
    progress = Progress()
    collected = await collect_pages(want_pages(items, per_page=2), progress)
    assert [item.release.release_id for item in collected] == [1, 2, 3, 4, 5]
    assert progress.calls == [(1, 3), (2, 3), (3, 3)]


async def test_first_sync_then_additions_changes_and_removals(
    db_session: AsyncSession, user: User
) -> None:
    first = [WantItem(release=release(i), date_added=ADDED) for i in range(1, 6)]
    counts = await apply_wants(db_session, user_id=user.id, wants=first)
    assert (counts.added, counts.updated, counts.removed, counts.total) == (5, 0, 0, 5)
    stored = await db_session.get(Release, 3)
    assert stored is not None and stored.labels == [{"name": "Label", "catno": "CAT-3"}]
    assert stored.master_id == 0 and stored.artists_sort == "The Band"

    second = [
        WantItem(release=release(1), date_added=ADDED),
        WantItem(release=release(2, "Renamed"), date_added=ADDED, rating=4, notes="any copy"),
        WantItem(release=release(5), date_added=ADDED),
        WantItem(release=release(9), date_added=ADDED),
    ]
    counts = await apply_wants(db_session, user_id=user.id, wants=second)
    assert (counts.added, counts.updated, counts.removed, counts.unchanged) == (1, 1, 2, 2)
    wanted = await _wanted(db_session, user)
    assert set(wanted) == {1, 2, 5, 9}
    assert wanted[2].rating == 4 and wanted[2].notes == "any copy"
    renamed = await db_session.get(Release, 2)
    assert renamed is not None
    await db_session.refresh(renamed)
    assert renamed.title == "Renamed 2"


async def test_a_failed_fetch_raises_before_anything_is_applied(
    db_session: AsyncSession, user: User
) -> None:
    items = [WantItem(release=release(i), date_added=ADDED) for i in range(1, 5)]
    await apply_wants(db_session, user_id=user.id, wants=items)

    async def broken() -> AsyncIterator[Page[WantItem]]:
        info = PageInfo(page=1, pages=4, per_page=1, items=4)
        yield Page[WantItem](items=items[:1], info=info)
        raise ConnectionError("upstream went away")

    progress = Progress()
    with pytest.raises(ConnectionError):
        await collect_pages(broken(), progress)
    assert progress.calls == [(1, 4)]
    assert set(await _wanted(db_session, user)) == {1, 2, 3, 4}


async def test_sync_is_scoped_to_its_user(db_session: AsyncSession, user: User) -> None:
    other = User(email="other@example.com", password_hash="x")
    db_session.add(other)
    await db_session.flush()
    await apply_wants(
        db_session, user_id=other.id, wants=[WantItem(release=release(7), date_added=ADDED)]
    )
    await apply_wants(db_session, user_id=user.id, wants=[])
    assert set(await _wanted(db_session, other)) == {7}


async def test_wants_without_a_date_keep_the_known_one(
    db_session: AsyncSession, user: User
) -> None:
    await apply_wants(
        db_session, user_id=user.id, wants=[WantItem(release=release(4), date_added=ADDED)]
    )
    counts = await apply_wants(db_session, user_id=user.id, wants=[WantItem(release=release(4))])
    assert counts.unchanged == 1
    assert (await _wanted(db_session, user))[4].date_added == ADDED


async def test_collection_keeps_copies_and_grades(db_session: AsyncSession, user: User) -> None:
    def entry(instance: int, release_id: int, media: Grade | None) -> CollectionEntry:
        return CollectionEntry(
            instance_id=instance,
            folder_id=1,
            release=release(release_id),
            date_added=ADDED,
            media_grade=media,
            sleeve_grade=Grade.VG,
        )

    owned = [entry(100, 1, Grade.VG_PLUS), entry(101, 1, Grade.NM), entry(102, 2, None)]
    counts = await apply_collection(db_session, user_id=user.id, entries=owned)
    assert counts.added == 3
    later = [entry(100, 1, Grade.NM), entry(102, 2, None)]
    counts = await apply_collection(db_session, user_id=user.id, entries=later)
    assert (counts.updated, counts.removed, counts.unchanged) == (1, 1, 1)
    rows = {
        r.instance_id: r
        for r in await db_session.scalars(
            select(CollectionItem).where(CollectionItem.user_id == user.id)
        )
    }
    assert set(rows) == {100, 102}
    assert rows[100].media_grade == "NM" and rows[100].sleeve_grade == "VG"
    assert rows[102].media_grade is None
