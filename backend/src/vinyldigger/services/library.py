"""Reading a user's want list and collection mirrors: search, sort, paginate."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, String, cast, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, selectinload

from vinyldigger.core.errors import not_found
from vinyldigger.models import CollectionItem, Release, Want

Row = TypeVar("Row", Want, CollectionItem)
Item = TypeVar("Item")


class LibrarySort(StrEnum):
    ADDED = "added"
    ARTIST = "artist"
    TITLE = "title"
    YEAR = "year"
    RATING = "rating"


@dataclass(frozen=True)
class LibraryPage(Generic[Item]):
    items: list[Item]
    total: int


def _sort_column(sort: LibrarySort, model: type[Want] | type[CollectionItem]) -> Any:
    columns: dict[LibrarySort, InstrumentedAttribute[Any]] = {
        LibrarySort.ADDED: model.date_added,
        LibrarySort.ARTIST: Release.artists_sort,
        LibrarySort.TITLE: Release.title,
        LibrarySort.YEAR: Release.year,
        LibrarySort.RATING: model.rating,
    }
    return columns[sort]


def _filtered(query: Select[Any], text: str | None) -> Select[Any]:
    if not text:
        return query
    pattern = f"%{text.strip().lower()}%"
    labels_text = func.lower(cast(Release.labels, String))
    return query.where(
        or_(
            func.lower(Release.title).like(pattern),
            func.lower(Release.artists_sort).like(pattern),
            labels_text.like(pattern),
        )
    )


@dataclass(frozen=True)
class LibraryQuery:
    """What a want-list or collection page asks for: filter text, order and window."""

    text: str | None
    sort: LibrarySort
    descending: bool
    offset: int
    limit: int


async def library_page(
    session: AsyncSession, model: type[Row], *, user_id: int, query: LibraryQuery
) -> LibraryPage[Row]:
    """One page of the user's wants (`Want`) or owned copies (`CollectionItem`)."""
    base = _filtered(
        select(model).join(Release, Release.id == model.release_id).where(model.user_id == user_id),
        query.text,
    )
    total = await session.scalar(select(func.count()).select_from(base.subquery())) or 0
    column = _sort_column(query.sort, model)
    order = column.desc().nulls_last() if query.descending else column.asc().nulls_last()
    rows = await session.scalars(
        base.options(selectinload(model.release))
        .order_by(order, model.id.desc())
        .offset(query.offset)
        .limit(query.limit)
    )
    return LibraryPage(items=list(rows), total=total)


async def counts(session: AsyncSession, *, user_id: int) -> dict[str, int]:
    wants = await session.scalar(select(func.count()).where(Want.user_id == user_id)) or 0
    owned = await session.scalar(select(func.count()).where(CollectionItem.user_id == user_id)) or 0
    return {"wants": wants, "collection": owned}


async def set_want_limits(
    session: AsyncSession,
    *,
    user_id: int,
    want_id: int,
    max_price: Decimal | None,
    min_media_grade: str | None,
) -> Want:
    """The user's basket limits for one want (None clears a limit)."""
    want = await session.scalar(
        select(Want)
        .options(selectinload(Want.release))
        .where(Want.id == want_id, Want.user_id == user_id)
    )
    if want is None:
        raise not_found("Want")
    want.max_price = max_price
    want.min_media_grade = min_media_grade
    await session.flush()
    return want
