"""Saved searches: criteria validation and owner-scoped CRUD."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import partial
from typing import Annotated, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.context import AppContext
from vinyldigger.core.database import after_commit
from vinyldigger.core.errors import not_found
from vinyldigger.core.jobs import JobDispatcher
from vinyldigger.models import JobRun
from vinyldigger.models.base import utcnow
from vinyldigger.models.search import SavedSearch
from vinyldigger.services import runs as run_service
from vinyldigger.services.marketplaces.grades import Grade

CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
FormatName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
MONEY_MAX = 1_000_000
MONEY_TEXT = r"^(\d{1,6}(\.\d+)?|1000000(\.0+)?)$"


def _plain_decimal_text(value: object) -> object:
    if isinstance(value, str) and not re.fullmatch(MONEY_TEXT, value):
        raise ValueError("must be an amount in plain decimal notation, e.g. 12.50")
    return value


# Amounts are kept to the cent: more decimals (a JSON number like 12.345) are rounded, not
# refused. As text, plain decimal notation only.
Money = Annotated[
    Decimal,
    BeforeValidator(_plain_decimal_text),
    Field(ge=0, le=MONEY_MAX),
    AfterValidator(lambda amount: amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": MONEY_MAX},
                {"type": "string", "pattern": MONEY_TEXT},
            ]
        },
        mode="validation",
    ),
]
# The same amount in a query string, where every value is text.
MoneyText = Annotated[
    Decimal,
    BeforeValidator(_plain_decimal_text),
    Field(ge=0, le=MONEY_MAX),
    AfterValidator(lambda amount: amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)),
    WithJsonSchema({"type": "string", "pattern": MONEY_TEXT}, mode="validation"),
]


class Platform(StrEnum):
    DISCOGS = "discogs"
    EBAY = "ebay"


class SearchCriteria(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"description": "Keywords, the want list, or both."},
    )

    keywords: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None
    want_list: bool = Field(default=False, description="Look for every record on the want list")
    platforms: list[Platform] = Field(
        default_factory=lambda: [Platform.DISCOGS, Platform.EBAY], min_length=1
    )
    price_min: Money | None = None
    price_max: Money | None = None
    currency: CurrencyCode = "EUR"
    min_media_grade: Grade | None = None
    min_sleeve_grade: Grade | None = None
    ships_from: list[CountryCode] = Field(default_factory=list, max_length=50)
    ships_to: CountryCode | None = None
    min_seller_rating: Annotated[float, Field(ge=0, le=100)] | None = None
    formats: list[FormatName] = Field(default_factory=list, max_length=20)
    any_pressing: bool = Field(
        default=False,
        description=(
            "Any pressing is fine: the default of each want's own switch. Listings that do "
            "not state their pressing count as wanted, and other pressings of a wanted "
            "album are shown too (flagged as such)"
        ),
    )

    @model_validator(mode="after")
    def _coherent(self) -> Self:
        if not self.want_list and not self.keywords:
            raise ValueError("keywords: give keywords or search the want list")
        if (
            self.price_min is not None
            and self.price_max is not None
            and (self.price_min > self.price_max)
        ):
            raise ValueError("price_min: must not exceed price_max")
        self.platforms = sorted(set(self.platforms))
        return self


class SearchInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    criteria: SearchCriteria
    check_interval_hours: Annotated[int, Field(ge=1, le=24 * 30)] = 24
    is_active: bool = True


class SearchPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
        | None
    ) = None
    criteria: SearchCriteria | None = None
    check_interval_hours: Annotated[int, Field(ge=1, le=24 * 30)] | None = None
    is_active: bool | None = None


SEARCH_RUN_KIND = "search"


@dataclass(frozen=True)
class SearchPage:
    items: list[SavedSearch]
    total: int


def _schedule(search: SavedSearch) -> None:
    base = search.last_run_at or utcnow()
    search.next_run_at = (
        base + timedelta(hours=search.check_interval_hours) if (search.last_run_at) else utcnow()
    )


async def create(session: AsyncSession, *, user_id: int, data: SearchInput) -> SavedSearch:
    search = SavedSearch(
        user_id=user_id,
        name=data.name,
        criteria=data.criteria.model_dump(mode="json"),
        check_interval_hours=data.check_interval_hours,
        is_active=data.is_active,
    )
    _schedule(search)
    session.add(search)
    await session.flush()
    return search


async def get(session: AsyncSession, *, user_id: int, search_id: int) -> SavedSearch:
    search = await session.scalar(
        select(SavedSearch).where(SavedSearch.id == search_id, SavedSearch.user_id == user_id)
    )
    if search is None:
        raise not_found("Search")
    return search


async def list_page(session: AsyncSession, *, user_id: int, offset: int, limit: int) -> SearchPage:
    query = select(SavedSearch).where(SavedSearch.user_id == user_id)
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.scalars(
        query.order_by(SavedSearch.created_at.desc(), SavedSearch.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return SearchPage(items=list(rows), total=total)


async def update(
    session: AsyncSession, *, user_id: int, search_id: int, patch: SearchPatch
) -> SavedSearch:
    search = await get(session, user_id=user_id, search_id=search_id)
    if patch.name is not None:
        search.name = patch.name
    if patch.criteria is not None:
        search.criteria = patch.criteria.model_dump(mode="json")
    if patch.check_interval_hours is not None:
        search.check_interval_hours = patch.check_interval_hours
    if patch.is_active is not None:
        search.is_active = patch.is_active
    _schedule(search)
    await session.flush()
    return search


async def remove(session: AsyncSession, *, user_id: int, search_id: int) -> None:
    search = await get(session, user_id=user_id, search_id=search_id)
    await session.delete(search)
    await session.flush()


async def request_run(
    session: AsyncSession, context: AppContext, *, user_id: int, search_id: int
) -> JobRun:
    """Queue a run of the search; it starts once this transaction has committed."""
    dispatcher = run_service.require_dispatcher(context)
    search = await get(session, user_id=user_id, search_id=search_id)
    run = await run_service.create_run(
        session, user_id=user_id, kind=SEARCH_RUN_KIND, subject_id=search.id
    )
    run_id = run.id
    after_commit(session, lambda: dispatcher.enqueue("run-search", {"run_id": run_id}))
    return run


async def queue_due_runs(
    session: AsyncSession, dispatcher: JobDispatcher, *, limit: int = 100
) -> int:
    """Queue a run for every active search whose time has come and that is not running."""
    now = utcnow()
    due = list(
        await session.scalars(
            select(SavedSearch)
            .where(SavedSearch.is_active.is_(True), SavedSearch.next_run_at <= now)
            .order_by(SavedSearch.next_run_at)
            .limit(limit)
        )
    )
    queued = 0
    for search in due:
        if (
            await run_service.active_run(session, user_id=search.user_id, kind=SEARCH_RUN_KIND)
            is not None
        ):
            continue
        run = await run_service.create_run(
            session, user_id=search.user_id, kind=SEARCH_RUN_KIND, subject_id=search.id
        )
        # Pushed forward now so the next tick does not queue it again while it waits.
        search.next_run_at = now + timedelta(hours=search.check_interval_hours)
        after_commit(session, partial(dispatcher.enqueue, "run-search", {"run_id": run.id}))
        queued += 1
    await session.flush()
    return queued
