"""The shared release catalogue: bulk upserts of what the marketplaces tell us."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.models import Release
from vinyldigger.models.base import utcnow
from vinyldigger.services.marketplaces.dto import ReleaseSummary

UPDATABLE = (
    "master_id",
    "title",
    "artists",
    "artists_sort",
    "labels",
    "formats",
    "year",
    "country",
    "thumb",
    "cover_image",
    "barcodes",
    "updated_at",
)


def release_row(summary: ReleaseSummary) -> dict[str, Any]:
    return {
        "id": summary.release_id,
        "master_id": summary.master_id,
        "title": summary.title[:500],
        "artists": list(summary.artists),
        "artists_sort": ", ".join(summary.artists)[:500],
        "labels": [{"name": label.name, "catno": label.catno} for label in summary.labels],
        "formats": list(summary.formats),
        "year": summary.year,
        "country": summary.country,
        "thumb": summary.thumb,
        "cover_image": summary.cover_image,
        "barcodes": list(summary.barcodes),
        "updated_at": utcnow(),
    }


async def upsert_releases(session: AsyncSession, summaries: Iterable[ReleaseSummary]) -> int:
    """Insert or refresh releases in one statement (no select per item)."""
    rows = {s.release_id: release_row(s) for s in summaries}
    if not rows:
        return 0
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(Release).values(list(rows.values()))
    statement = statement.on_conflict_do_update(
        index_elements=[Release.id],
        set_={name: statement.excluded[name] for name in UPDATABLE},
    )
    await session.execute(statement)
    return len(rows)
