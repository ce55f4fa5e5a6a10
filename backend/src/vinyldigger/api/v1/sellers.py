"""Discogs sellers the user follows: their shared crawl's state, import, suggestions."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response, status
from pydantic import BaseModel, ConfigDict, Field

from vinyldigger.api.deps import Context, CurrentUser, Session
from vinyldigger.api.errors import ErrorResponse
from vinyldigger.api.pagination import Page, Pagination
from vinyldigger.services import followed_sellers as follow_service
from vinyldigger.services.followed_sellers import FollowedRow

router = APIRouter(tags=["sellers"])
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse},
    404: {"model": ErrorResponse},
    409: {"model": ErrorResponse},
    422: {"model": ErrorResponse},
}
USERNAME_PATTERN = follow_service.USERNAME.pattern
# Names one import may carry.
IMPORT_MAX = 1000

Username = Annotated[str, Field(min_length=1, max_length=200, pattern=USERNAME_PATTERN)]


class FollowedSellerOut(BaseModel):
    """A Discogs seller the user follows, and what the shared crawl knows of its shop."""

    username: str
    followed_at: datetime
    # "pending" (not crawled yet), "ok", "not_found" (no such Discogs user) or "failed".
    crawl_status: str
    crawl_error: str | None
    # Where most of its listings ship from (Discogs states no seller country).
    country: str | None
    rating: Decimal | None
    rating_count: int | None
    # Listings for sale as Discogs counted them at the last crawl.
    inventory_size: int | None
    # How many of the user's wanted releases its stored inventory has for sale.
    wanted_held: int
    last_crawled_at: datetime | None
    # The last time its whole inventory was read (what is gone is known from then).
    last_full_pass_at: datetime | None


class FollowIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: Username


class FollowedImportIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    usernames: list[Annotated[str, Field(max_length=200)]] = Field(
        min_length=1, max_length=IMPORT_MAX
    )


class FollowedImportOut(BaseModel):
    followed: list[str]
    already_followed: list[str]
    # Not possible Discogs user names.
    invalid: list[str]
    # Names Discogs has no user for.
    not_found: list[str]
    # Not followed: the most sellers one may follow is reached.
    over_limit: list[str]


class FollowedNamesOut(BaseModel):
    """Every seller the user follows, for Follow buttons (bounded by the follow limit)."""

    usernames: list[str]


class SuggestionOut(BaseModel):
    username: str
    confirmed_listings: int
    wanted_listings: int
    # Wanted listings of this seller that the browser companion imported.
    imported_listings: int
    rating: Decimal | None
    rating_count: int | None


def _followed_out(row: FollowedRow) -> FollowedSellerOut:
    return FollowedSellerOut(
        username=row.username,
        followed_at=row.followed_at,
        crawl_status=row.status,
        crawl_error=row.error,
        country=row.country,
        rating=row.rating,
        rating_count=row.rating_count,
        inventory_size=row.inventory_size,
        wanted_held=row.wanted_held,
        last_crawled_at=row.last_crawled_at,
        last_full_pass_at=row.last_full_pass_at,
    )


@router.get(
    "/sellers/followed",
    name="sellers-followed",
    response_model=Page[FollowedSellerOut],
    responses=ERRORS,
)
async def list_followed(user: CurrentUser, session: Session, paging: Pagination) -> Any:
    rows, total = await follow_service.followed_page(
        session, user_id=user.id, offset=paging.offset, limit=paging.per_page
    )
    return Page[FollowedSellerOut].build([_followed_out(row) for row in rows], total, paging)


@router.get(
    "/sellers/followed/names",
    name="sellers-followed-names",
    response_model=FollowedNamesOut,
    responses=ERRORS,
)
async def followed_names(user: CurrentUser, session: Session) -> Any:
    return FollowedNamesOut(usernames=await follow_service.followed_names(session, user_id=user.id))


@router.post(
    "/sellers/followed",
    name="sellers-follow",
    response_model=FollowedSellerOut,
    status_code=status.HTTP_201_CREATED,
    responses={**ERRORS, 200: {"model": FollowedSellerOut}},
)
async def follow(
    body: FollowIn, user: CurrentUser, session: Session, context: Context, response: Response
) -> Any:
    """Follow a Discogs seller by name; following one already followed answers 200."""
    crawl, created = await follow_service.follow(
        session,
        user_id=user.id,
        username=body.username,
        limit=context.settings.followed_sellers_max,
    )
    if not created:
        response.status_code = status.HTTP_200_OK
    row = await follow_service.followed_one(session, user_id=user.id, username=crawl.username)
    return _followed_out(row)


@router.post(
    "/sellers/followed/import",
    name="sellers-follow-import",
    response_model=FollowedImportOut,
    responses=ERRORS,
)
async def import_followed(
    body: FollowedImportIn, user: CurrentUser, session: Session, context: Context
) -> Any:
    """Follow a list of names (e.g. pasted from elsewhere); what was not followed is reported
    by reason."""
    report = await follow_service.import_names(
        session,
        user_id=user.id,
        usernames=body.usernames,
        limit=context.settings.followed_sellers_max,
    )
    return FollowedImportOut(
        followed=report.followed,
        already_followed=report.already_followed,
        invalid=report.invalid,
        not_found=report.not_found,
        over_limit=report.over_limit,
    )


@router.delete(
    "/sellers/followed/{username}",
    name="sellers-unfollow",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=ERRORS,
)
async def unfollow(
    username: Annotated[str, Path(min_length=1, max_length=200, pattern=USERNAME_PATTERN)],
    user: CurrentUser,
    session: Session,
) -> Response:
    await follow_service.unfollow(session, user_id=user.id, username=username)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/sellers/suggestions",
    name="sellers-suggestions",
    response_model=list[SuggestionOut],
    responses=ERRORS,
)
async def suggestions(
    user: CurrentUser,
    session: Session,
    limit: Annotated[int, Query(ge=1, le=50, description="How many sellers to suggest")] = 10,
) -> Any:
    """Discogs sellers of listings the user confirmed, of wanted pressings, or of wanted
    listings the companion imported, not followed."""
    found = await follow_service.suggestions(session, user_id=user.id, limit=limit)
    return [
        SuggestionOut(
            username=item.username,
            confirmed_listings=item.confirmed_listings,
            wanted_listings=item.wanted_listings,
            imported_listings=item.imported_listings,
            rating=item.rating,
            rating_count=item.rating_count,
        )
        for item in found
    ]
