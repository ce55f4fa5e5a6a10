"""The basket plan: which listings to buy from whom, for the least money shipping included;
plans kept by kind, frontier points opened as plans, CSV export and items marked bought."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response, status
from pydantic import BaseModel, ConfigDict, Field

from vinyldigger.api.deps import Context, CurrentUser, Session
from vinyldigger.api.errors import ErrorResponse
from vinyldigger.api.params import ROW_ID_MAX, DiscogsIdField
from vinyldigger.api.v1.runs import RunOut
from vinyldigger.services import basket as basket_service
from vinyldigger.services.basket import PlanKind
from vinyldigger.services.basket_export import csv_filename, plan_csv
from vinyldigger.services.basket_view import PlanView, plan_view

router = APIRouter(prefix="/basket", tags=["basket"])
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse},
    404: {"model": ErrorResponse},
    409: {"model": ErrorResponse},
    422: {"model": ErrorResponse},
}
PlanId = Annotated[int, Path(ge=1, le=ROW_ID_MAX, description="The plan's id")]
ListingId = Annotated[int, Path(ge=1, le=ROW_ID_MAX, description="The item's listing id")]
Cap = Annotated[int, Path(ge=1, le=500, description="The frontier point's number of parcels")]


class PlanRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    release_ids: Annotated[list[DiscogsIdField], Field(max_length=2000)] | None = None
    # Overrides the seller cap of the basket choices for this plan.
    max_sellers: Annotated[int, Field(ge=1, le=500)] | None = None
    frontier: bool = True
    # Plan the rest of this plan: the wants not marked bought, from listings still for sale.
    replan_of: Annotated[int, Field(ge=1, le=ROW_ID_MAX)] | None = None


class BoughtBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    bought: bool


@router.post(
    "/plan",
    name="basket-plan",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=RunOut,
    responses={**ERRORS, 503: {"model": ErrorResponse}},
)
async def make_plan(
    body: PlanRequest, user: CurrentUser, session: Session, context: Context
) -> Any:
    """Queue a plan of the current listings under the basket choices; follow the run, then
    read the plan it names."""
    return await basket_service.request_plan(
        session,
        context,
        user,
        release_ids=body.release_ids,
        max_sellers=body.max_sellers,
        with_frontier=body.frontier,
        replan_of=body.replan_of,
    )


@router.get("/plans/latest", name="basket-latest", response_model=PlanView, responses=ERRORS)
async def latest_plan(
    user: CurrentUser,
    session: Session,
    kind: Annotated[
        PlanKind | None,
        Query(description="complete: buys every want it could; partial: left some out"),
    ] = None,
) -> Any:
    return await plan_view(session, await basket_service.latest(session, user, kind))


@router.get("/plans/{plan_id}", name="basket-plan-read", response_model=PlanView, responses=ERRORS)
async def read_plan(plan_id: PlanId, user: CurrentUser, session: Session) -> Any:
    return await plan_view(session, await basket_service.get_plan(session, user, plan_id))


@router.post(
    "/plans/{plan_id}/frontier/{max_sellers}",
    name="basket-frontier-open",
    status_code=status.HTTP_201_CREATED,
    response_model=PlanView,
    responses={**ERRORS, 200: {"model": PlanView, "description": "Opened before"}},
)
async def open_frontier_point(
    plan_id: PlanId, max_sellers: Cap, user: CurrentUser, session: Session, response: Response
) -> Any:
    """The plan of one point of this plan's frontier, kept as a plan of its own (201 the first
    time, 200 with the same plan after)."""
    opened, created = await basket_service.open_frontier_point(session, user, plan_id, max_sellers)
    if not created:
        response.status_code = status.HTTP_200_OK
    return await plan_view(session, opened)


@router.get(
    "/plans/{plan_id}/export.csv",
    name="basket-plan-export",
    response_class=Response,
    responses={**ERRORS, 200: {"content": {"text/csv": {}}, "description": "The plan as CSV"}},
)
async def export_plan(plan_id: PlanId, user: CurrentUser, session: Session) -> Response:
    view = await plan_view(session, await basket_service.get_plan(session, user, plan_id))
    return Response(
        content=plan_csv(view),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{csv_filename(view)}"'},
    )


@router.put(
    "/plans/{plan_id}/items/{listing_id}",
    name="basket-item-bought",
    response_model=BoughtBody,
    responses=ERRORS,
)
async def mark_bought(
    plan_id: PlanId, listing_id: ListingId, body: BoughtBody, user: CurrentUser, session: Session
) -> Any:
    """Mark an item bought (its want is left out of later plans) or not bought."""
    bought = await basket_service.set_bought(session, user, plan_id, listing_id, body.bought)
    return BoughtBody(bought=bought)
