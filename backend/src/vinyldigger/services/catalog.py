"""The shared release catalogue: bulk upserts of what the marketplaces tell us."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.models import Release, Want
from vinyldigger.models.base import utcnow
from vinyldigger.services.marketplaces.dto import ReleaseDetail, ReleaseSummary

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


async def releases_due_for_summary(session: AsyncSession, *, user_id: int, limit: int) -> list[int]:
    """The user's wanted releases whose marketplace summary is oldest (never checked first)."""
    rows = await session.scalars(
        select(Release.id)
        .join(Want, Want.release_id == Release.id)
        .where(Want.user_id == user_id)
        .order_by(Release.market_checked_at.asc().nulls_first(), Release.id)
        .limit(limit)
    )
    return list(rows)


async def record_market_summaries(
    session: AsyncSession, details: Sequence[ReleaseDetail], *, at: datetime
) -> None:
    for detail in details:
        release = await session.get(Release, detail.summary.release_id)
        if release is None:
            continue
        release.num_for_sale = detail.num_for_sale
        price = detail.lowest_price
        release.lowest_price_amount = price.amount.quantize(Decimal("0.01")) if price else None
        release.lowest_price_currency = price.currency if price else None
        release.market_checked_at = at
    await session.flush()
