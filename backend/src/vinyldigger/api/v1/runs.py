"""Job runs (syncs, searches): list, detail and a live progress stream."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, model_validator
from sse_starlette.sse import EventSourceResponse

from vinyldigger.api.deps import BearerToken, Context, CurrentUser, Session, user_for_token
from vinyldigger.api.errors import ErrorResponse
from vinyldigger.api.pagination import Page, Pagination
from vinyldigger.api.params import RunId
from vinyldigger.api.v1.run_shapes import (
    BasketPlanCountsOut,
    CallStatsOut,
    SearchCountsOut,
    SyncCountsOut,
    call_stats,
)
from vinyldigger.core.database import unit_of_work
from vinyldigger.models import JobRun, RunKind, RunStatus
from vinyldigger.services import runs as run_service

router = APIRouter(prefix="/runs", tags=["runs"])
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse},
    404: {"model": ErrorResponse},
}
POLL_SECONDS = 0.5
FINISHED = {RunStatus.SUCCEEDED.value, RunStatus.FAILED.value}


class RunStepOut(BaseModel):
    # e.g. "ebay_searches", "discogs_releases", "discogs_inventories"
    key: str
    platform: str
    done: int
    total: int


class RunWaitOut(BaseModel):
    """The run is held back by a marketplace's rate limit until about `until`."""

    platform: str
    until: datetime


class RunLiveOut(BaseModel):
    steps: list[RunStepOut] = []
    waiting: RunWaitOut | None = None


class RunOut(BaseModel):
    id: int
    kind: RunKind
    status: RunStatus
    subject_id: int | None
    progress_done: int
    progress_total: int | None
    # What the run changed, for its kind: `sync` for a want-list or collection sync,
    # `search` for a search run; null for the other kinds and before the run has counts.
    sync: SyncCountsOut | None = None
    search: SearchCountsOut | None = None
    # `basket_plan` for a basket-plan run: the plan it stored.
    basket_plan: BasketPlanCountsOut | None = None
    # What talking to the marketplaces cost, in total and (a search) per platform.
    stats: CallStatsOut
    stats_by_platform: dict[str, CallStatsOut] = {}
    error: str | None
    attempts: int
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    # A run that failed on upstream errors and waits for its next attempt until then.
    retry_at: datetime | None = None
    # While it runs: counts per step and what it waits for (search runs).
    live: RunLiveOut | None = None

    @classmethod
    def of(cls, run: JobRun) -> RunOut:
        counts = run.counts or {}
        totals, by_platform = call_stats(run.stats or {})
        is_sync = run.kind in (RunKind.SYNC_WANTS, RunKind.SYNC_COLLECTION)
        return cls(
            id=run.id,
            kind=RunKind(run.kind),
            status=RunStatus(run.status),
            subject_id=run.subject_id,
            progress_done=run.progress_done,
            progress_total=run.progress_total,
            sync=SyncCountsOut.model_validate(counts) if is_sync and counts else None,
            search=SearchCountsOut.model_validate(counts)
            if run.kind == RunKind.SEARCH and counts
            else None,
            basket_plan=BasketPlanCountsOut.model_validate(
                {**counts, "solve_seconds": (run.stats or {}).get("solve_seconds")}
            )
            if run.kind == RunKind.BASKET_PLAN and counts
            else None,
            stats=totals,
            stats_by_platform=by_platform,
            error=run.error,
            attempts=run.attempts,
            created_at=run.created_at,
            started_at=run.started_at,
            finished_at=run.finished_at,
            retry_at=run.retry_at,
            live=RunLiveOut.model_validate(run.live) if run.live is not None else None,
        )

    @model_validator(mode="before")
    @classmethod
    def _from_run(cls, value: Any) -> Any:
        # Routes may return the JobRun itself; it is read through `of`.
        return cls.of(value).model_dump() if isinstance(value, JobRun) else value


@router.get("", name="runs-list", response_model=Page[RunOut], responses=ERRORS)
async def list_runs(
    user: CurrentUser,
    session: Session,
    paging: Pagination,
    kind: Annotated[RunKind | None, Query()] = None,
) -> Any:
    page = await run_service.list_runs(
        session, user_id=user.id, kind=kind, offset=paging.offset, limit=paging.per_page
    )
    return Page[RunOut].build([RunOut.of(r) for r in page.items], page.total, paging)


@router.get("/{run_id}", name="runs-get", response_model=RunOut, responses=ERRORS)
async def get_run(run_id: RunId, user: CurrentUser, session: Session) -> Any:
    return await run_service.get_run(session, user_id=user.id, run_id=run_id)


@router.get(
    "/{run_id}/events",
    name="runs-events",
    responses={**ERRORS, 200: {"content": {"text/event-stream": {}}, "description": "Run updates"}},
    response_model=None,
)
async def run_events(run_id: RunId, context: Context, token: BearerToken) -> EventSourceResponse:
    """Server-sent events: one `run` event per change, the stream ends when the run does.

    It holds no database session while it streams (SQLite has one writer, and a request's
    session would hold it for the whole stream): each look is its own short unit of work.
    """
    async with unit_of_work(context.session_factory) as session:
        user = await user_for_token(session, context, token)
        await run_service.get_run(session, user_id=user.id, run_id=run_id)
        user_id = user.id

    async def stream() -> AsyncIterator[dict[str, str]]:
        last = ""
        while True:
            async with unit_of_work(context.session_factory) as fresh:
                run = await run_service.get_run(fresh, user_id=user_id, run_id=run_id)
                snapshot = RunOut.of(run).model_dump(mode="json")
            encoded = json.dumps(snapshot, sort_keys=True)
            if encoded != last:
                last = encoded
                yield {"event": "run", "data": encoded}
            if snapshot["status"] in FINISHED:
                return
            await asyncio.sleep(POLL_SECONDS)

    return EventSourceResponse(stream(), ping=15)
