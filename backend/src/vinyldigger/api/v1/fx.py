"""How current the exchange rates are: shown beside converted figures and in Admin."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from vinyldigger.api.deps import CurrentUser, Session
from vinyldigger.api.errors import ErrorResponse
from vinyldigger.services import fx_refresh

router = APIRouter(prefix="/fx", tags=["fx"])


class FxStatusOut(BaseModel):
    """`stale`: the newest rates are more than a few days old (the ECB skips weekends and
    holidays); `missing`: none were ever loaded, so foreign amounts have no converted figure."""

    model_config = ConfigDict(from_attributes=True)

    rates_date: dt.date | None
    fetched_at: dt.datetime | None
    age_days: int | None
    stale: bool
    missing: bool
    last_success_at: dt.datetime | None
    last_failure_at: dt.datetime | None
    last_error: str | None
    consecutive_failures: int
    next_attempt_at: dt.datetime | None


@router.get(
    "/status",
    name="fx-status",
    response_model=FxStatusOut,
    responses={401: {"model": ErrorResponse}},
)
async def fx_status(_user: CurrentUser, session: Session) -> Any:
    return FxStatusOut.model_validate(await fx_refresh.status(session))
