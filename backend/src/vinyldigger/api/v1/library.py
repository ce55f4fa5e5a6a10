"""The user's want list and collection mirrors, and starting their sync."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, status
from pydantic import BaseModel, ConfigDict, Field

from vinyldigger.api.deps import Context, CurrentUser, Session
from vinyldigger.api.errors import ErrorResponse
from vinyldigger.api.pagination import Page, Pagination
from vinyldigger.api.params import WantId
from vinyldigger.api.v1.runs import RunOut
from vinyldigger.models import CollectionItem
from vinyldigger.services import library as library_service
from vinyldigger.services import sync as sync_service
from vinyldigger.services import version_progress as progress_service
from vinyldigger.services import want_market
from vinyldigger.services.library import LibraryQuery, LibrarySort
from vinyldigger.services.marketplaces.dto import Money
from vinyldigger.services.marketplaces.grades import Grade
from vinyldigger.services.searches import Money as CentAmount

router = APIRouter(tags=["library"])
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse},
    409: {"model": ErrorResponse},
    422: {"model": ErrorResponse},
}
SearchText = Annotated[str | None, Query(max_length=200, description="Artist, title or label")]
Order = Annotated[str, Query(pattern="^(asc|desc)$")]


class LabelOut(BaseModel):
    name: str
    catno: str | None = None


class ReleaseOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    master_id: int | None
    title: str
    artists: list[str]
    labels: list[LabelOut]
    formats: list[str]
    year: int | None
    country: str | None
    thumb: str | None
    cover_image: str | None
    # Discogs marketplace summary, when a search run has checked it.
    num_for_sale: int | None = None
    lowest_price_amount: Decimal | None = None
    lowest_price_currency: str | None = None
    market_checked_at: datetime | None = None


class WantMarketOut(BaseModel):
    """What is for sale now among the listings VinylDigger has stored (no upstream call)."""

    for_sale: int = 0
    # Lowest price plus shipping in the user's currency; the lowest price alone when no
    # listing states its shipping (then `shipping_known` is False); null without a rate.
    cheapest: Money | None = None
    shipping_known: bool = False
    # When the most recently found of these listings was first seen.
    newest_seen_at: datetime | None = None


class WantOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    release: ReleaseOut
    date_added: datetime
    rating: int
    notes: str | None
    # The user's basket limits: at most this much delivered (their currency), at least this grade.
    max_price: Decimal | None
    min_media_grade: str | None
    # "Any pressing is fine": a listing of the album that does not state its pressing counts
    # as wanted. Null: the saved search's "any pressing" criterion decides.
    any_pressing: bool | None
    market: WantMarketOut = Field(default_factory=WantMarketOut)


class WantLimits(BaseModel):
    model_config = ConfigDict(extra="forbid")

    max_price: CentAmount | None = None
    min_media_grade: Grade | None = None
    # Left as it is when not sent; null hands the choice back to the searches.
    any_pressing: bool | None = None


class CollectionItemOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    instance_id: int
    folder_id: int
    release: ReleaseOut
    date_added: datetime
    rating: int
    media_grade: str | None
    sleeve_grade: str | None


class LibraryCounts(BaseModel):
    wants: int
    collection: int


class FailedAlbumOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    master_id: int
    title: str
    artists: list[str]
    error: str | None
    next_attempt_at: datetime | None


class PressingProgressOut(BaseModel):
    """How many albums (masters) have their pressings (Discogs version list) stored; search
    runs tell an album's pressings apart only once they have."""

    model_config = ConfigDict(from_attributes=True)

    albums: int
    known: int
    waiting: int
    failed: int
    next_retry_at: datetime | None
    # A few of the failed albums, the next to be retried first.
    failures: list[FailedAlbumOut]


class LibraryPressings(BaseModel):
    wants: PressingProgressOut
    collection: PressingProgressOut


def library_query(
    q: SearchText = None,
    sort: LibrarySort = LibrarySort.ADDED,
    order: Order = "desc",
    *,
    paging: Pagination,
) -> LibraryQuery:
    return LibraryQuery(
        text=q,
        sort=sort,
        descending=order == "desc",
        offset=paging.offset,
        limit=paging.per_page,
    )


LibraryParams = Annotated[LibraryQuery, Depends(library_query)]


@router.get("/wants", name="wants-list", response_model=Page[WantOut], responses=ERRORS)
async def list_wants(
    user: CurrentUser, session: Session, query: LibraryParams, paging: Pagination
) -> Any:
    page = await want_market.wants_page(
        session, user_id=user.id, currency=user.currency, query=query
    )
    items = [
        WantOut.model_validate(row.want).model_copy(
            update={"market": WantMarketOut.model_validate(row.market, from_attributes=True)}
        )
        for row in page.items
    ]
    return Page[WantOut].build(items, page.total, paging)


@router.get(
    "/collection", name="collection-list", response_model=Page[CollectionItemOut], responses=ERRORS
)
async def list_collection(
    user: CurrentUser, session: Session, query: LibraryParams, paging: Pagination
) -> Any:
    page = await library_service.library_page(session, CollectionItem, user_id=user.id, query=query)
    items = [CollectionItemOut.model_validate(row) for row in page.items]
    return Page[CollectionItemOut].build(items, page.total, paging)


@router.patch(
    "/wants/{want_id}",
    name="wants-update-limits",
    response_model=WantOut,
    responses={**ERRORS, 404: {"model": ErrorResponse}},
)
async def update_want_limits(
    want_id: WantId, body: WantLimits, user: CurrentUser, session: Session
) -> Any:
    return await library_service.set_want_limits(
        session,
        user_id=user.id,
        want_id=want_id,
        max_price=body.max_price,
        min_media_grade=body.min_media_grade.value if body.min_media_grade else None,
        any_pressing=body.any_pressing,
        change_any_pressing="any_pressing" in body.model_fields_set,
    )


@router.get(
    "/library/counts", name="library-counts", response_model=LibraryCounts, responses=ERRORS
)
async def library_counts(user: CurrentUser, session: Session) -> Any:
    return LibraryCounts(**await library_service.counts(session, user_id=user.id))


@router.get(
    "/library/pressings",
    name="library-pressings",
    response_model=LibraryPressings,
    responses=ERRORS,
)
async def library_pressings(user: CurrentUser, session: Session) -> Any:
    wants = await progress_service.version_progress(session, user_id=user.id, source="wants")
    collection = await progress_service.version_progress(
        session, user_id=user.id, source="collection"
    )
    return LibraryPressings(
        wants=PressingProgressOut.model_validate(wants),
        collection=PressingProgressOut.model_validate(collection),
    )


@router.post(
    "/wants/sync",
    name="wants-sync",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=RunOut,
    responses={**ERRORS, 503: {"model": ErrorResponse}},
)
async def sync_wants(user: CurrentUser, session: Session, context: Context) -> Any:
    return await sync_service.request_sync(
        session, context, user=user, kind=sync_service.SyncKind.WANTS
    )


@router.post(
    "/collection/sync",
    name="collection-sync",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=RunOut,
    responses={**ERRORS, 503: {"model": ErrorResponse}},
)
async def sync_collection(user: CurrentUser, session: Session, context: Context) -> Any:
    return await sync_service.request_sync(
        session, context, user=user, kind=sync_service.SyncKind.COLLECTION
    )
