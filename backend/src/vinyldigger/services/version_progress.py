"""How far the version lists of one user's albums have come: known, waiting, failed.

Search runs match a wanted album's pressings only once its master's versions are stored
(`master_versions`); until then its listings come out "pressing not stated". This tells the
collector (and whoever waits for a run to be meaningful) how many are in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Select, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.models import CollectionItem, MasterVersionList, Release, Want

LibrarySource = Literal["wants", "collection"]
# Failed albums are named, a few of them: the count says how many there are.
NAMED_FAILURES = 5


@dataclass(frozen=True)
class FailedAlbum:
    master_id: int
    title: str
    artists: list[str]
    error: str | None
    next_attempt_at: datetime | None


@dataclass(frozen=True)
class VersionProgress:
    """Counted per album (master); releases without a master have no other pressings."""

    albums: int = 0
    known: int = 0
    waiting: int = 0
    failed: int = 0
    # The earliest retry of a failed album.
    next_retry_at: datetime | None = None
    failures: list[FailedAlbum] = field(default_factory=list)


def _masters_of(user_id: int, source: LibrarySource) -> Select[Any]:
    entry: type[Want] | type[CollectionItem] = Want if source == "wants" else CollectionItem
    return (
        select(Release.master_id.label("master_id"))
        .join(entry, entry.release_id == Release.id)
        .where(entry.user_id == user_id, Release.master_id.is_not(None))
        .distinct()
    )


async def version_progress(
    session: AsyncSession, *, user_id: int, source: LibrarySource
) -> VersionProgress:
    masters = _masters_of(user_id, source).subquery()
    # A list once fetched stays known while a refresh fails; a master without a list row
    # has not been picked up yet and is waiting like one never fetched.
    state = case(
        (MasterVersionList.fetched_at.is_not(None), "known"),
        (MasterVersionList.consecutive_failures > 0, "failed"),
        else_="waiting",
    ).label("state")
    joined = select(masters.c.master_id, state, MasterVersionList.next_attempt_at).outerjoin(
        MasterVersionList, MasterVersionList.master_id == masters.c.master_id
    )
    per_master = joined.subquery()
    rows = await session.execute(
        select(
            per_master.c.state,
            func.count(),
            func.min(per_master.c.next_attempt_at),
        ).group_by(per_master.c.state)
    )
    counts: dict[str, int] = {}
    next_retry_at: datetime | None = None
    for row_state, count, earliest in rows:
        counts[str(row_state)] = int(count)
        if row_state == "failed":
            next_retry_at = earliest
    failures = await _failed_albums(session, user_id, source) if counts.get("failed") else []
    return VersionProgress(
        albums=sum(counts.values()),
        known=counts.get("known", 0),
        waiting=counts.get("waiting", 0),
        failed=counts.get("failed", 0),
        next_retry_at=next_retry_at,
        failures=failures,
    )


async def _failed_albums(
    session: AsyncSession, user_id: int, source: LibrarySource
) -> list[FailedAlbum]:
    masters = _masters_of(user_id, source).subquery()
    failed = list(
        await session.scalars(
            select(MasterVersionList)
            .where(
                MasterVersionList.master_id.in_(select(masters.c.master_id)),
                MasterVersionList.fetched_at.is_(None),
                MasterVersionList.consecutive_failures > 0,
            )
            .order_by(MasterVersionList.next_attempt_at, MasterVersionList.master_id)
            .limit(NAMED_FAILURES)
        )
    )
    if not failed:
        return []
    entry: type[Want] | type[CollectionItem] = Want if source == "wants" else CollectionItem
    # The album is named after the user's own release of it (the lowest id when several).
    releases = await session.scalars(
        select(Release)
        .join(entry, entry.release_id == Release.id)
        .where(
            entry.user_id == user_id,
            Release.master_id.in_([item.master_id for item in failed]),
        )
        .order_by(Release.id.desc())
    )
    by_master = {release.master_id: release for release in releases}
    return [
        FailedAlbum(
            master_id=item.master_id,
            title=by_master[item.master_id].title if item.master_id in by_master else "",
            artists=list(by_master[item.master_id].artists) if item.master_id in by_master else [],
            error=item.last_error,
            next_attempt_at=item.next_attempt_at,
        )
        for item in failed
    ]
