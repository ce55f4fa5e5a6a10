"""A stored basket plan as the buyer reads it: the one-screen summary, the parcels with links
to each seller's store and each listing, the wants left out and why, and the frontier.

All money is in the plan's currency (the user's), as `{amount, currency}`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.models import BasketPlan, Listing
from vinyldigger.services import basket as basket_service
from vinyldigger.services.basket_problem import release_of

PlanKindName = Literal["complete", "partial", "infeasible"]
# "working" while the plan's run works the frontier out, after the plan itself is stored.
FrontierStatusName = Literal["not_requested", "working", "ready", "failed"]
_FRONTIER_STATUS: dict[str | None, FrontierStatusName] = {
    None: "not_requested",
    basket_service.FRONTIER_PENDING: "working",
    basket_service.FRONTIER_READY: "ready",
    basket_service.FRONTIER_FAILED: "failed",
}


class MoneyView(BaseModel):
    amount: Decimal
    currency: str


class MissingRateView(BaseModel):
    """Why an item has no converted total: no stored rate for `currency`."""

    reason: Literal["no_rate"]
    currency: str


class PlanItemView(BaseModel):
    offer_id: str
    listing_id: int
    release_id: int
    # "Artist - Title" of the wanted release.
    release: str
    # The listing does not say which pressing it is (wanted because any pressing will do).
    pressing_not_stated: bool
    title: str
    url: str
    platform: str
    media_grade: str | None
    sleeve_grade: str | None
    # As the optimizer priced it, in the plan's currency.
    price: MoneyView
    # As listed, in the seller's currency.
    listed_price: MoneyView | None
    # Price plus the shipping this listing states on its own, in the plan's currency.
    converted_total: MoneyView | None
    converted_missing: MissingRateView | None
    shipping_known: bool
    ships_from: str | None
    bought: bool
    # No longer for sale.
    gone: bool


class ParcelView(BaseModel):
    seller: str
    platform: str
    # The seller's store on the marketplace.
    seller_url: str | None
    seller_rating: Decimal | None
    seller_rating_count: int | None
    ships_from: str | None
    items: list[PlanItemView]
    items_total: MoneyView
    shipping: MoneyView
    free_shipping: bool
    # A listing here states no shipping: the seller's usual (or a typical) cost is counted.
    shipping_estimated: bool
    total: MoneyView


class BaselineView(BaseModel):
    name: str
    total: MoneyView
    seller_count: int
    savings: MoneyView
    savings_fraction: float


class UnfilledView(BaseModel):
    release_id: int
    release: str
    reason: str | None
    required: bool


class FrontierPointView(BaseModel):
    max_sellers: int
    total: MoneyView | None
    status: str
    # For a point not proven in time: how far its total may lie above the cheapest possible,
    # as a fraction of its total (None when proven, or for plans stored without it).
    gap: float | None = None
    extra_cost: MoneyView | None
    extra_fraction: float | None
    knee: bool


class PlanSummaryView(BaseModel):
    seller_count: int
    item_count: int
    items_total: MoneyView | None
    shipping_total: MoneyView | None
    total: MoneyView | None


class PlanView(BaseModel):
    id: int
    created_at: datetime
    currency: str
    kind: PlanKindName
    status: str
    message: str | None
    max_sellers: int | None
    budget: MoneyView | None
    summary: PlanSummaryView
    baselines: list[BaselineView]
    parcels: list[ParcelView]
    # Wants this plan does not buy, with the reason.
    unfilled: list[UnfilledView]
    frontier: list[FrontierPointView]
    frontier_status: FrontierStatusName
    gap: float | None
    solve_seconds: float
    wants_planned: int
    skipped_without_rate: int
    # Wants left out because an item of theirs was marked bought.
    bought_left_out: int
    # The plan this one re-plans the rest of, and how many of its listings had gone.
    replan_of: int | None
    gone_since: int


def _money(amount: Any, currency: str) -> MoneyView | None:
    return MoneyView(amount=Decimal(str(amount)), currency=currency) if amount is not None else None


def _must(amount: Any, currency: str) -> MoneyView:
    return MoneyView(amount=Decimal(str(amount)), currency=currency)


def plan_kind(plan: BasketPlan) -> PlanKindName:
    if plan.status in ("infeasible", "time_limit"):
        return "infeasible"
    return "complete" if plan.complete else "partial"


@dataclass(frozen=True)
class _Lookups:
    """What every item of a plan is read against."""

    offers: dict[str, Any]
    titles: dict[int, str]
    currency: str
    bought: set[int]
    gone: set[int]


def _item(item: dict[str, Any], look: _Lookups) -> PlanItemView:
    offer, currency = look.offers[item["offer_id"]], look.currency
    missing = offer.get("converted_missing")
    return PlanItemView(
        offer_id=item["offer_id"],
        listing_id=offer["listing_id"],
        release_id=offer["release_id"],
        release=look.titles.get(offer["release_id"], offer["title"]),
        pressing_not_stated=bool(offer.get("pressing_not_stated", False)),
        title=offer["title"],
        url=offer["url"],
        platform=offer["platform"],
        media_grade=offer.get("media_grade"),
        sleeve_grade=offer.get("sleeve_grade"),
        price=_must(item["unit_price"], currency),
        listed_price=_money(offer.get("listed_price"), offer.get("listed_currency", currency)),
        converted_total=_money(offer.get("converted_total"), currency),
        converted_missing=MissingRateView(reason="no_rate", currency=missing) if missing else None,
        shipping_known=bool(offer.get("shipping_known")),
        ships_from=offer.get("ships_from"),
        bought=offer["listing_id"] in look.bought,
        gone=offer["listing_id"] in look.gone,
    )


def _parcel(parcel: dict[str, Any], look: _Lookups) -> ParcelView:
    platform, _, seller = str(parcel["seller_id"]).partition(":")
    items = [_item(item, look) for item in parcel["items"]]
    first = look.offers[parcel["items"][0]["offer_id"]] if parcel["items"] else {}
    rating = first.get("seller_rating")
    currency = look.currency
    return ParcelView(
        seller=seller,
        platform=platform,
        seller_url=first.get("seller_url"),
        seller_rating=Decimal(rating) if rating is not None else None,
        seller_rating_count=first.get("seller_rating_count"),
        ships_from=first.get("ships_from") or first.get("seller_country"),
        items=items,
        items_total=_must(parcel["items_total"], currency),
        shipping=_must(parcel["shipping"], currency),
        free_shipping=parcel["free_shipping"],
        shipping_estimated=any(not item.shipping_known for item in items),
        total=_must(parcel["total"], currency),
    )


def _frontier(plan: BasketPlan) -> list[FrontierPointView]:
    return [
        FrontierPointView(
            max_sellers=point["max_sellers"],
            total=_money(point.get("total"), plan.currency),
            status=point["status"],
            gap=point.get("gap") if point["status"] != "optimal" else None,
            extra_cost=_money(point.get("extra_cost"), plan.currency),
            extra_fraction=point.get("extra_fraction"),
            knee=bool(point.get("knee", False)),
        )
        for point in plan.frontier
    ]


def _unfilled(plan: BasketPlan, titles: dict[int, str]) -> list[UnfilledView]:
    rows = [
        (release_of(gap["want_id"]), gap.get("reason"), bool(gap["required"]))
        for gap in plan.solution.get("unfilled_wants", [])
    ]
    rows += [
        (gap["release_id"], gap["reason"], bool(gap["required"]))
        for gap in plan.offers.get("left_out", [])
    ]
    return [
        UnfilledView(
            release_id=rid, release=titles.get(rid, f"Release {rid}"), reason=why, required=req
        )
        for rid, why, req in rows
    ]


async def _gone(session: AsyncSession, listing_ids: list[int]) -> set[int]:
    if not listing_ids:
        return set()
    rows = await session.scalars(
        select(Listing.id).where(Listing.id.in_(listing_ids), Listing.gone_at.is_not(None))
    )
    return set(rows)


async def plan_view(session: AsyncSession, plan: BasketPlan) -> PlanView:
    solution, offers, currency = plan.solution, plan.offers.get("items", {}), plan.currency
    release_ids = {offer["release_id"] for offer in offers.values()}
    release_ids |= {gap["release_id"] for gap in plan.offers.get("left_out", [])}
    release_ids |= {release_of(g["want_id"]) for g in solution.get("unfilled_wants", [])}
    titles = await basket_service.release_titles(session, sorted(release_ids))
    chosen = [offers[c["offer_id"]]["listing_id"] for c in solution.get("chosen_offers", [])]
    look = _Lookups(
        offers=offers,
        titles=titles,
        currency=currency,
        bought=await basket_service.bought_listing_ids(session, plan.user_id),
        gone=await _gone(session, chosen),
    )
    parcels = [_parcel(parcel, look) for parcel in solution.get("parcels", [])]
    budget = plan.problem.get("options", {}).get("budget")
    replan = plan.offers.get("replan") or {}
    return PlanView(
        id=plan.id,
        created_at=plan.created_at,
        currency=currency,
        kind=plan_kind(plan),
        status=plan.status,
        message=solution.get("message"),
        max_sellers=plan.max_sellers,
        budget=_money(budget, currency),
        summary=PlanSummaryView(
            seller_count=solution.get("seller_count", 0),
            item_count=sum(len(parcel.items) for parcel in parcels),
            items_total=_money(solution.get("items_total"), currency),
            shipping_total=_money(solution.get("shipping_total"), currency),
            total=_money(solution.get("total"), currency),
        ),
        baselines=[
            BaselineView(
                name=b["name"],
                total=_must(b["total"], currency),
                seller_count=b["seller_count"],
                savings=_must(b["savings"], currency),
                savings_fraction=b["savings_fraction"],
            )
            for b in solution.get("baselines", [])
        ],
        parcels=parcels,
        unfilled=_unfilled(plan, titles),
        frontier=_frontier(plan),
        frontier_status=_FRONTIER_STATUS[plan.frontier_status],
        gap=solution.get("gap"),
        solve_seconds=solution.get("solve_seconds", 0.0),
        wants_planned=len(plan.problem.get("wants", [])),
        skipped_without_rate=int(plan.offers.get("skipped_no_rate", 0)),
        bought_left_out=int(plan.offers.get("bought_left_out", 0)),
        replan_of=plan.replan_of,
        gone_since=int(replan.get("gone", 0)),
    )
