"""The notification centre: the bell's unread count (also as a live stream), the list, and
marking read."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from sse_starlette.sse import EventSourceResponse

from vinyldigger.api.deps import BearerToken, Context, CurrentUser, Session, user_for_token
from vinyldigger.api.errors import ErrorResponse
from vinyldigger.api.pagination import Page, Pagination
from vinyldigger.api.params import ROW_ID_MAX
from vinyldigger.api.v1.alert_shapes import MarkedOut, NotificationOut, UnreadOut
from vinyldigger.core.database import unit_of_work
from vinyldigger.models.base import utcnow
from vinyldigger.services.alerts import notifications as notification_service

router = APIRouter(prefix="/notifications", tags=["notifications"])
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse},
    404: {"model": ErrorResponse},
    422: {"model": ErrorResponse},
}
NotificationId = Annotated[int, Path(ge=1, le=ROW_ID_MAX, description="The notification's id")]
POLL_SECONDS = 1.0
# A stream is closed after this long and the client opens a new one: connections that
# proxies or sleeping laptops dropped without a word do not pile up.
STREAM_SECONDS = 300.0


@router.get("", name="notifications-list", response_model=Page[NotificationOut], responses=ERRORS)
async def list_notifications(
    user: CurrentUser,
    session: Session,
    paging: Pagination,
    unread: Annotated[bool, Query(description="Only the unread ones")] = False,
) -> Any:
    rows, total = await notification_service.list_notifications(
        session, user.id, unread_only=unread, offset=paging.offset, limit=paging.per_page
    )
    return Page[NotificationOut].build([NotificationOut.of(r) for r in rows], total, paging)


async def _unread(session: Any, user_id: int) -> UnreadOut:
    return UnreadOut(
        unread=await notification_service.unread_count(session, user_id),
        latest_id=await notification_service.latest_id(session, user_id),
    )


@router.get("/unread", name="notifications-unread", response_model=UnreadOut, responses=ERRORS)
async def unread(user: CurrentUser, session: Session) -> Any:
    return await _unread(session, user.id)


@router.post(
    "/{notification_id}/read",
    name="notifications-read",
    response_model=MarkedOut,
    responses=ERRORS,
)
async def mark_read(notification_id: NotificationId, user: CurrentUser, session: Session) -> Any:
    marked = await notification_service.mark_read(
        session, user.id, event_id=notification_id, now=utcnow()
    )
    return MarkedOut(marked=marked)


@router.post("/read-all", name="notifications-read-all", response_model=MarkedOut)
async def mark_all_read(user: CurrentUser, session: Session) -> Any:
    marked = await notification_service.mark_read(session, user.id, event_id=None, now=utcnow())
    return MarkedOut(marked=marked)


@router.get(
    "/events",
    name="notifications-events",
    responses={
        **ERRORS,
        200: {"content": {"text/event-stream": {}}, "description": "Unread count updates"},
    },
    response_model=None,
)
async def notification_events(context: Context, token: BearerToken) -> EventSourceResponse:
    """Server-sent events: an `unread` event (UnreadOut) at once and whenever the count or the
    newest notification changes; the stream ends after five minutes and the client opens a
    new one. Like the run stream, each look is its own short unit of
    work, so no database session is held while it streams."""
    async with unit_of_work(context.session_factory) as session:
        user_id = (await user_for_token(session, context, token)).id

    async def stream() -> AsyncIterator[dict[str, str]]:
        last = ""
        ends = time.monotonic() + STREAM_SECONDS
        while True:
            async with unit_of_work(context.session_factory) as fresh:
                snapshot = (await _unread(fresh, user_id)).model_dump(mode="json")
            encoded = json.dumps(snapshot, sort_keys=True)
            if encoded != last:
                last = encoded
                yield {"event": "unread", "data": encoded}
            if time.monotonic() >= ends:
                return
            await asyncio.sleep(POLL_SECONDS)

    return EventSourceResponse(stream(), ping=15)
