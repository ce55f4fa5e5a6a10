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
from vinyldigger.models import CollectionItem, ListingMatch, Release, SavedSearch, Want
from vinyldigger.services.searches import SearchCriteria
from vinyldigger.services.wanted_rule import is_wanted

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
    any_pressing: bool | None = None,
    change_any_pressing: bool = False,
) -> Want:
    """The user's basket limits for one want (None clears a limit), and with
    `change_any_pressing` its "any pressing is fine" switch (None: the searches' criterion
    decides)."""
    want = await session.scalar(
        select(Want)
        .options(selectinload(Want.release))
        .where(Want.id == want_id, Want.user_id == user_id)
    )
    if want is None:
        raise not_found("Want")
    want.max_price = max_price
    want.min_media_grade = min_media_grade
    if change_any_pressing and any_pressing != want.any_pressing:
        want.any_pressing = any_pressing
        await refresh_wanted_flags(session, want)
    await session.flush()
    return want


async def searches_accept_any_pressing(session: AsyncSession, *, user_id: int) -> bool:
    """Whether one of the user's want-list searches says "any pressing"."""
    for criteria in await session.scalars(
        select(SavedSearch.criteria).where(SavedSearch.user_id == user_id)
    ):
        parsed = SearchCriteria.model_validate(criteria)
        if parsed.want_list and parsed.any_pressing:
            return True
    return False


async def refresh_wanted_flags(session: AsyncSession, want: Want) -> int:
    """Apply the want's switch to the matches already stored for it at once, rather than
    at the next search run; returns how many changed."""
    accepts_any = want.any_pressing
    if accepts_any is None:
        accepts_any = await searches_accept_any_pressing(session, user_id=want.user_id)
    matches = await session.scalars(
        select(ListingMatch).where(
            ListingMatch.user_id == want.user_id,
            ListingMatch.release_id == want.release_id,
            or_(ListingMatch.decision.is_(None), ListingMatch.decision != "rejected"),
        )
    )
    changed = 0
    for match in matches:
        pressing = "same" if match.decision == "confirmed" else match.pressing
        wanted = is_wanted(pressing, release_wanted=True, any_pressing=accepts_any)
        if wanted != match.is_wanted:
            match.is_wanted = wanted
            changed += 1
    return changed
