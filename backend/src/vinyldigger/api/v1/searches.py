"""Saved searches: create, list, read, change, delete, and run now."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, status
from pydantic import BaseModel, ConfigDict

from vinyldigger.api.deps import Context, CurrentUser, Session
from vinyldigger.api.errors import ErrorResponse
from vinyldigger.api.pagination import Page, Pagination
from vinyldigger.api.params import SearchId
from vinyldigger.api.v1.runs import RunOut
from vinyldigger.services import searches as search_service
from vinyldigger.services.searches import SearchCriteria, SearchInput, SearchPatch

router = APIRouter(prefix="/searches", tags=["searches"])
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse},
    404: {"model": ErrorResponse},
    422: {"model": ErrorResponse},
}
RUN_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    409: {"model": ErrorResponse},
    503: {"model": ErrorResponse},
}


class SearchOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    criteria: SearchCriteria
    check_interval_hours: int
    is_active: bool
    last_run_at: datetime | None
    next_run_at: datetime | None
    created_at: datetime
    updated_at: datetime


@router.get("", name="searches-list", response_model=Page[SearchOut], responses=ERRORS)
async def list_searches(user: CurrentUser, session: Session, paging: Pagination) -> Any:
    page = await search_service.list_page(
        session, user_id=user.id, offset=paging.offset, limit=paging.per_page
    )
    items = [SearchOut.model_validate(s) for s in page.items]
    return Page[SearchOut].build(items, page.total, paging)


@router.post(
    "",
    name="searches-create",
    status_code=status.HTTP_201_CREATED,
    response_model=SearchOut,
    responses=ERRORS,
)
async def create_search(body: SearchInput, user: CurrentUser, session: Session) -> Any:
    return await search_service.create(session, user_id=user.id, data=body)


@router.get("/{search_id}", name="searches-get", response_model=SearchOut, responses=ERRORS)
async def get_search(search_id: SearchId, user: CurrentUser, session: Session) -> Any:
    return await search_service.get(session, user_id=user.id, search_id=search_id)


@router.patch("/{search_id}", name="searches-update", response_model=SearchOut, responses=ERRORS)
async def update_search(
    search_id: SearchId, body: SearchPatch, user: CurrentUser, session: Session
) -> Any:
    return await search_service.update(session, user_id=user.id, search_id=search_id, patch=body)


@router.delete(
    "/{search_id}", name="searches-delete", status_code=status.HTTP_204_NO_CONTENT, responses=ERRORS
)
async def delete_search(search_id: SearchId, user: CurrentUser, session: Session) -> None:
    await search_service.remove(session, user_id=user.id, search_id=search_id)


@router.post(
    "/{search_id}/run",
    name="searches-run",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=RunOut,
    responses=RUN_ERRORS,
)
async def run_search(
    search_id: SearchId, user: CurrentUser, session: Session, context: Context
) -> Any:
    return await search_service.request_run(session, context, user_id=user.id, search_id=search_id)
