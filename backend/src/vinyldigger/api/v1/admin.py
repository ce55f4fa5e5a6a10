"""Administration endpoints: accounts and the instance's settings (admins only)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict

from vinyldigger import __version__
from vinyldigger.api.deps import AdminUser, Context, Session
from vinyldigger.api.errors import ErrorResponse
from vinyldigger.api.pagination import Page, Pagination
from vinyldigger.api.params import UserId
from vinyldigger.api.v1.auth import UserOut
from vinyldigger.api.v1.fx import FxStatusOut
from vinyldigger.services import admin as admin_service
from vinyldigger.services import fx_refresh

router = APIRouter(prefix="/admin", tags=["admin"])
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse},
    403: {"model": ErrorResponse},
    404: {"model": ErrorResponse},
    409: {"model": ErrorResponse},
    422: {"model": ErrorResponse},
}


class UserChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    is_active: bool | None = None
    is_admin: bool | None = None


class InstanceOut(BaseModel):
    version: str
    mode: str
    database: str
    redis: bool
    discogs_base_url: str
    ebay_base_url: str
    discogs_rate_limit_per_minute: int
    ebay_calls_per_day: int
    search_max_pages: int
    search_max_sellers: int
    inventory_max_pages: int
    access_token_minutes: int
    login_failures_per_minute: int
    fx_url: str
    fx: FxStatusOut


@router.get("/users", name="admin-users", response_model=Page[UserOut], responses=ERRORS)
async def list_users(
    _admin: AdminUser,
    session: Session,
    paging: Pagination,
    q: Annotated[str | None, Query(max_length=200)] = None,
) -> Any:
    page = await admin_service.list_users(
        session, text=q, offset=paging.offset, limit=paging.per_page
    )
    return Page[UserOut].build([UserOut.model_validate(u) for u in page.items], page.total, paging)


@router.patch(
    "/users/{user_id}", name="admin-update-user", response_model=UserOut, responses=ERRORS
)
async def update_user(user_id: UserId, body: UserChange, admin: AdminUser, session: Session) -> Any:
    return await admin_service.update_user(
        session, admin=admin, user_id=user_id, is_active=body.is_active, is_admin=body.is_admin
    )


@router.get("/instance", name="admin-instance", response_model=InstanceOut, responses=ERRORS)
async def instance(_admin: AdminUser, context: Context, session: Session) -> Any:
    settings = context.settings
    fx_status = await fx_refresh.status(session)
    return InstanceOut(
        version=__version__,
        mode=settings.mode.value,
        database=context.engine.dialect.name,
        redis=context.redis is not None,
        discogs_base_url=settings.discogs_base_url,
        ebay_base_url=settings.ebay_base_url,
        discogs_rate_limit_per_minute=settings.discogs_rate_limit_per_minute,
        ebay_calls_per_day=settings.ebay_calls_per_day,
        search_max_pages=settings.search_max_pages,
        search_max_sellers=settings.search_max_sellers,
        inventory_max_pages=settings.inventory_max_pages,
        access_token_minutes=settings.access_token_minutes,
        login_failures_per_minute=settings.login_failures_per_minute,
        fx_url=settings.fx_url,
        fx=FxStatusOut.model_validate(fx_status),
    )
