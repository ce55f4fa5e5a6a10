"""The dashboard's visit: what its "new since your last visit" compares with."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from vinyldigger.api.deps import CurrentUser
from vinyldigger.api.errors import ErrorResponse
from vinyldigger.services import dashboard

router = APIRouter(prefix="/dashboard", tags=["dashboard"])


class VisitOut(BaseModel):
    # The end of the previous visit; null on the first one. Loads within one visit (reloads,
    # a second tab) get the same moment.
    since: datetime | None
    visited_at: datetime


@router.post(
    "/visit",
    name="dashboard-visit",
    response_model=VisitOut,
    responses={401: {"model": ErrorResponse}},
)
async def visit(user: CurrentUser) -> Any:
    return dashboard.record_visit(user)
