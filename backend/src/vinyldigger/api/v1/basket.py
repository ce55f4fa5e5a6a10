"""The basket plan: which listings to buy from whom, for the least money shipping included."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from vinyldigger.api.deps import CurrentUser, Session
from vinyldigger.api.errors import ErrorResponse
from vinyldigger.models import BasketPlan
from vinyldigger.services import basket as basket_service

router = APIRouter(prefix="/basket", tags=["basket"])
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse},
    404: {"model": ErrorResponse},
    409: {"model": ErrorResponse},
    422: {"model": ErrorResponse},
}


class PlanRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    release_ids: Annotated[list[int], Field(max_length=2000)] | None = None
    max_sellers: Annotated[int, Field(ge=1, le=500)] | None = None
    frontier: bool = True


class PlanItemOut(BaseModel):
    offer_id: str
    release_id: int
    release: str
    title: str
    url: str
    platform: str
    media_grade: str | None
    price: str
    shipping_known: bool


class ParcelOut(BaseModel):
    seller: str
    platform: str
    items: list[PlanItemOut]
    items_total: str
    shipping: str
    free_shipping: bool
    total: str


class BaselineOut(BaseModel):
    name: str
    total: str
    seller_count: int
    savings: str
    savings_fraction: float


class FrontierPointOut(BaseModel):
    max_sellers: int
    total: str | None
    status: str


class PlanOut(BaseModel):
    id: int
    created_at: datetime
    currency: str
    status: str
    total: str | None
    items_total: str | None
    shipping_total: str | None
    seller_count: int
    gap: float | None
    solve_seconds: float
    wants_planned: int
    parcels: list[ParcelOut]
    baselines: list[BaselineOut]
    frontier: list[FrontierPointOut]
    skipped_without_rate: int


async def _out(session: Session, plan: BasketPlan) -> PlanOut:
    solution, offers = plan.solution, plan.offers.get("items", {})
    release_ids = sorted({item["release_id"] for item in offers.values()})
    titles = await basket_service.release_titles(session, release_ids)
    parcels = []
    for parcel in solution.get("parcels", []):
        platform, _, seller = str(parcel["seller_id"]).partition(":")
        items = []
        for item in parcel["items"]:
            offer = offers[item["offer_id"]]
            items.append(
                PlanItemOut(
                    offer_id=item["offer_id"],
                    release_id=offer["release_id"],
                    release=titles.get(offer["release_id"], offer["title"]),
                    title=offer["title"],
                    url=offer["url"],
                    platform=offer["platform"],
                    media_grade=offer["media_grade"],
                    price=item["unit_price"],
                    shipping_known=offer["shipping_known"],
                )
            )
        parcels.append(
            ParcelOut(
                seller=seller,
                platform=platform,
                items=items,
                items_total=parcel["items_total"],
                shipping=parcel["shipping"],
                free_shipping=parcel["free_shipping"],
                total=parcel["total"],
            )
        )
    return PlanOut(
        id=plan.id,
        created_at=plan.created_at,
        currency=plan.currency,
        status=plan.status,
        total=solution.get("total"),
        items_total=solution.get("items_total"),
        shipping_total=solution.get("shipping_total"),
        seller_count=solution.get("seller_count", 0),
        gap=solution.get("gap"),
        solve_seconds=solution.get("solve_seconds", 0.0),
        wants_planned=len(plan.problem.get("wants", [])),
        parcels=parcels,
        baselines=[
            BaselineOut(
                name=b["name"],
                total=b["total"],
                seller_count=b["seller_count"],
                savings=b["savings"],
                savings_fraction=b["savings_fraction"],
            )
            for b in solution.get("baselines", [])
        ],
        frontier=[FrontierPointOut(**point) for point in plan.frontier],
        skipped_without_rate=int(plan.offers.get("skipped_no_rate", 0)),
    )


@router.post("/plan", name="basket-plan", response_model=PlanOut, responses=ERRORS)
async def make_plan(body: PlanRequest, user: CurrentUser, session: Session) -> Any:
    plan = await basket_service.plan(
        session,
        user,
        release_ids=body.release_ids,
        max_sellers=body.max_sellers,
        with_frontier=body.frontier,
    )
    return await _out(session, plan)


@router.get("/plans/latest", name="basket-latest", response_model=PlanOut, responses=ERRORS)
async def latest_plan(user: CurrentUser, session: Session) -> Any:
    return await _out(session, await basket_service.latest(session, user))
