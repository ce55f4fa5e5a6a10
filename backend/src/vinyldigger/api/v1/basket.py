"""The basket plan: which listings to buy from whom, for the least money shipping included."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, status
from pydantic import BaseModel, ConfigDict, Field

from vinyldigger.api.deps import Context, CurrentUser, Session
from vinyldigger.api.errors import ErrorResponse
from vinyldigger.api.params import DiscogsIdField
from vinyldigger.api.v1.money import ConvertedFields, MoneyOut, missing_out
from vinyldigger.api.v1.runs import RunOut
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

    release_ids: Annotated[list[DiscogsIdField], Field(max_length=2000)] | None = None
    max_sellers: Annotated[int, Field(ge=1, le=500)] | None = None
    frontier: bool = True


class PlanItemOut(ConvertedFields):
    offer_id: str
    release_id: int
    release: str
    title: str
    url: str
    platform: str
    media_grade: str | None
    # In the plan's currency, as the optimizer priced it.
    price: str
    # As listed, in the seller's currency (null for plans made before it was kept).
    listed_price: MoneyOut | None
    ships_from: str | None


class ParcelOut(BaseModel):
    seller: str
    platform: str
    # Positive feedback in percent and how many ratings it rests on.
    seller_rating: Decimal | None
    seller_rating_count: int | None
    ships_from: str | None
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


def _item(
    item: dict[str, Any], offer: dict[str, Any], titles: dict[int, str], currency: str
) -> PlanItemOut:
    shipping_known = bool(offer["shipping_known"])
    if "converted_total" in offer:
        delivered = offer["converted_total"]
    else:
        # Plans stored before the delivered total was kept: the price alone is all that is known.
        delivered = None if shipping_known else item["unit_price"]
    listed = (
        MoneyOut(amount=Decimal(offer["listed_price"]), currency=offer["listed_currency"])
        if "listed_price" in offer
        else None
    )
    return PlanItemOut(
        offer_id=item["offer_id"],
        release_id=offer["release_id"],
        release=titles.get(offer["release_id"], offer["title"]),
        title=offer["title"],
        url=offer["url"],
        platform=offer["platform"],
        media_grade=offer["media_grade"],
        price=item["unit_price"],
        listed_price=listed,
        ships_from=offer.get("ships_from"),
        shipping_known=shipping_known,
        converted_total=MoneyOut(amount=Decimal(delivered), currency=currency)
        if delivered is not None
        else None,
        converted_missing=missing_out(offer.get("converted_missing")),
    )


async def _out(session: Session, plan: BasketPlan) -> PlanOut:
    solution, offers = plan.solution, plan.offers.get("items", {})
    release_ids = sorted({item["release_id"] for item in offers.values()})
    titles = await basket_service.release_titles(session, release_ids)
    parcels = []
    for parcel in solution.get("parcels", []):
        platform, _, seller = str(parcel["seller_id"]).partition(":")
        items = [
            _item(item, offers[item["offer_id"]], titles, plan.currency) for item in parcel["items"]
        ]
        first = offers[parcel["items"][0]["offer_id"]] if parcel["items"] else {}
        rating = first.get("seller_rating")
        parcels.append(
            ParcelOut(
                seller=seller,
                platform=platform,
                seller_rating=Decimal(rating) if rating is not None else None,
                seller_rating_count=first.get("seller_rating_count"),
                ships_from=first.get("ships_from") or first.get("seller_country"),
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
    """Queue a plan of the current listings; follow the run, then read the latest plan."""
    return await basket_service.request_plan(
        session,
        context,
        user,
        release_ids=body.release_ids,
        max_sellers=body.max_sellers,
        with_frontier=body.frontier,
    )


@router.get("/plans/latest", name="basket-latest", response_model=PlanOut, responses=ERRORS)
async def latest_plan(user: CurrentUser, session: Session) -> Any:
    return await _out(session, await basket_service.latest(session, user))
