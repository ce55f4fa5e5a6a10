"""The basket: the user's wanted records and their current listings as an optimizer problem,
solved, stored and explained (docs/optimizer.md has the problem format)."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.context import AppContext
from vinyldigger.core.database import after_commit
from vinyldigger.core.errors import AppError, not_found
from vinyldigger.models import (
    BasketPlan,
    JobRun,
    Listing,
    ListingMatch,
    Release,
    Seller,
    User,
    Want,
)
from vinyldigger.models.job_run import RunKind
from vinyldigger.services import fx as fx_service
from vinyldigger.services import optimizer
from vinyldigger.services import runs as run_service
from vinyldigger.services.converted_totals import listing_total
from vinyldigger.services.marketplaces.dto import Money
from vinyldigger.services.marketplaces.grades import Grade

# Frontier solves grow with the list; beyond this many wants the chart is left out.
FRONTIER_MAX_WANTS = 60


@dataclass(frozen=True)
class OfferInfo:
    """What an offer id in the problem stands for, so the plan can link to the listing."""

    listing_id: int
    release_id: int
    platform: str
    title: str
    url: str
    seller: str
    media_grade: str | None
    # The converted price the optimizer used, in the plan's currency.
    price: str
    currency: str
    shipping_known: bool
    # As listed, in the seller's currency.
    listed_price: str
    listed_currency: str
    # Price plus the shipping this listing states, in the plan's currency; None (with the
    # currency lacking a rate) when the stated shipping cannot be converted.
    converted_total: str | None
    converted_missing: str | None
    ships_from: str | None
    seller_rating: str | None
    seller_rating_count: int | None
    seller_country: str | None


def _want_id(release_id: int) -> str:
    return f"r{release_id}"


@dataclass(frozen=True)
class WantLimit:
    max_price: Decimal | None
    min_media_grade: Grade | None

    def allows(self, price: Decimal, media_grade: str | None) -> bool:
        if self.max_price is not None and price > self.max_price:
            return False
        if self.min_media_grade is not None:
            grade = Grade(media_grade) if media_grade in GRADE_VALUES else None
            return grade is not None and grade >= self.min_media_grade
        return True


GRADE_VALUES = {grade.value for grade in Grade}


def _grade(value: str | None) -> Grade | None:
    return Grade(value) if value in GRADE_VALUES else None


OfferRow = tuple[Listing, Seller, int, WantLimit]


async def _current_offers(
    session: AsyncSession, user: User, release_ids: Sequence[int] | None
) -> list[OfferRow]:
    query = (
        select(Listing, Seller, ListingMatch.release_id, Want.max_price, Want.min_media_grade)
        .join(ListingMatch, ListingMatch.listing_id == Listing.id)
        .join(Seller, Seller.id == Listing.seller_id)
        .join(Want, (Want.release_id == ListingMatch.release_id) & (Want.user_id == user.id))
        .where(
            ListingMatch.user_id == user.id,
            ListingMatch.is_wanted.is_(True),
            ListingMatch.confidence == "high",
            Listing.gone_at.is_(None),
            (ListingMatch.decision.is_(None)) | (ListingMatch.decision != "rejected"),
        )
    )
    if release_ids:
        query = query.where(ListingMatch.release_id.in_(list(release_ids)))
    rows = (await session.execute(query)).all()
    # A want without a minimum grade of its own takes the profile's default.
    default_grade = _grade(user.min_media_grade)
    return [
        (listing, seller, release_id, WantLimit(max_price, _grade(grade) or default_grade))
        for listing, seller, release_id, max_price, grade in rows
        if release_id is not None
    ]


def build_problem(
    user: User,
    rows: Sequence[OfferRow],
    converter: fx_service.CurrencyConverter,
    *,
    max_sellers: int | None,
) -> tuple[optimizer.Problem, dict[str, OfferInfo], int]:
    """The optimizer problem in the user's currency; returns it, the offer index and how many
    listings were left out for want of an exchange rate."""
    currency = user.currency
    offers: list[dict[str, Any]] = []
    info: dict[str, OfferInfo] = {}
    shipping_seen: dict[str, list[Decimal]] = defaultdict(list)
    min_orders: dict[str, Decimal] = {}
    skipped = 0
    for listing, seller, release_id, limit in rows:
        price = converter.convert_or_none(
            Money(amount=listing.price_amount, currency=listing.price_currency), currency
        )
        if price is None:
            skipped += 1
            continue
        if not limit.allows(price.amount, listing.media_grade):
            continue
        seller_id = f"{listing.platform}:{seller.username}"
        if listing.shipping_amount is not None:
            shipping = converter.convert_or_none(
                Money(
                    amount=listing.shipping_amount,
                    currency=listing.shipping_currency or listing.price_currency,
                ),
                currency,
            )
            if shipping is not None:
                shipping_seen[seller_id].append(shipping.amount)
        if seller.min_order_amount is not None and seller.min_order_currency:
            minimum = converter.convert_or_none(
                Money(amount=seller.min_order_amount, currency=seller.min_order_currency), currency
            )
            if minimum is not None:
                min_orders[seller_id] = minimum.amount
        delivered = listing_total(listing, converter, currency)
        offer_id = f"l{listing.id}"
        offers.append(
            {
                "id": offer_id,
                "want_id": _want_id(release_id),
                "seller_id": seller_id,
                "price": str(price.amount),
            }
        )
        info[offer_id] = OfferInfo(
            listing_id=listing.id,
            release_id=release_id,
            platform=listing.platform,
            title=listing.title,
            url=listing.url,
            seller=seller.username,
            media_grade=listing.media_grade,
            price=str(price.amount),
            currency=currency,
            shipping_known=listing.shipping_amount is not None,
            listed_price=str(listing.price_amount),
            listed_currency=listing.price_currency,
            converted_total=str(delivered.amount.amount) if delivered.amount else None,
            converted_missing=delivered.missing_currency,
            ships_from=listing.ships_from,
            seller_rating=str(seller.rating) if seller.rating is not None else None,
            seller_rating_count=seller.rating_count,
            seller_country=seller.country,
        )
    sellers = []
    for seller_id in sorted({offer["seller_id"] for offer in offers}):
        known = shipping_seen.get(seller_id)
        first = statistics.median(known) if known else user.shipping_first_default
        entry: dict[str, Any] = {
            "id": seller_id,
            "shipping": {
                "first_item": str(first),
                "additional_item": str(min(first, user.shipping_additional_default)),
            },
        }
        if seller_id in min_orders:
            entry["min_order_total"] = str(min_orders[seller_id])
        sellers.append(entry)
    wants = [{"id": want_id} for want_id in sorted({o["want_id"] for o in offers})]
    if not wants:
        raise AppError(
            "None of your wanted records has a current listing yet: run a search "
            "of your want list first",
            status_code=409,
            code="nothing_to_plan",
        )
    options: dict[str, Any] = {"time_limit_s": 20}
    if max_sellers:
        options["max_sellers"] = max_sellers
    problem = optimizer.load_problem(
        {
            "currency": currency,
            "wants": wants,
            "sellers": sellers,
            "offers": offers,
            "options": options,
        }
    )
    return problem, info, skipped


PLAN_RUN_KIND = RunKind.BASKET_PLAN
PLAN_JOB = "plan-basket"
# A stored plan's status while its run works on it, and when the run failed; otherwise the
# optimizer's status ("optimal", "infeasible"...).
PENDING = "pending"
FAILED = "failed"
_FRONTIER_REQUESTED = "frontier_requested"


async def request_plan(
    session: AsyncSession,
    context: AppContext,
    user: User,
    *,
    release_ids: Sequence[int] | None,
    max_sellers: int | None,
    with_frontier: bool,
) -> JobRun:
    """Queue a plan of the current listings: the problem is built now, from what the user sees,
    and solved by a job (the solver takes seconds; no request or transaction waits for it).
    Refused with 409 when nothing can be planned or a plan is already being made."""
    dispatcher = run_service.require_dispatcher(context)
    rows = await _current_offers(session, user, release_ids)
    converter = await fx_service.latest_converter(session)
    problem, info, skipped = build_problem(user, rows, converter, max_sellers=max_sellers)
    pending = BasketPlan(
        user_id=user.id,
        currency=problem.currency,
        status=PENDING,
        problem=problem.model_dump(mode="json"),
        solution={_FRONTIER_REQUESTED: with_frontier and len(problem.wants) <= FRONTIER_MAX_WANTS},
        frontier=[],
        offers={"items": {k: vars(v) for k, v in info.items()}, "skipped_no_rate": skipped},
    )
    session.add(pending)
    await session.flush()
    run = await run_service.create_run(
        session, user_id=user.id, kind=PLAN_RUN_KIND, subject_id=pending.id
    )
    run_id = run.id
    after_commit(session, lambda: dispatcher.enqueue(PLAN_JOB, {"run_id": run_id}))
    return run


@dataclass(frozen=True)
class PlanWork:
    """What the job solves, read from the pending plan."""

    plan_id: int
    problem: optimizer.Problem
    with_frontier: bool
    # Already solved by an earlier attempt of the run.
    solved: bool


async def plan_work(session: AsyncSession, *, plan_id: int, user_id: int) -> PlanWork:
    plan = await session.scalar(
        select(BasketPlan).where(BasketPlan.id == plan_id, BasketPlan.user_id == user_id)
    )
    if plan is None:
        raise not_found("Basket plan")
    solved = plan.status not in (PENDING, FAILED)
    return PlanWork(
        plan_id=plan.id,
        problem=optimizer.load_problem(plan.problem),
        with_frontier=bool(plan.solution.get(_FRONTIER_REQUESTED)) and not solved,
        solved=solved,
    )


def solve(work: PlanWork) -> optimizer.Solution:
    """CPU-bound: call it in a thread."""
    return optimizer.solve(work.problem)


def frontier_points(work: PlanWork) -> list[dict[str, Any]]:
    """Cost against the number of parcels; CPU-bound like `solve`."""
    curve = optimizer.frontier(work.problem)
    return [
        {
            "max_sellers": point.max_sellers,
            "total": str(point.solution.total),
            "status": point.solution.status.value,
        }
        for point in curve.points
    ]


async def record_solution(
    session: AsyncSession,
    *,
    plan_id: int,
    solution: optimizer.Solution,
    frontier: list[dict[str, Any]],
) -> BasketPlan:
    plan = await session.get(BasketPlan, plan_id)
    if plan is None:
        raise not_found("Basket plan")
    plan.status = solution.status.value
    plan.solution = solution.model_dump(mode="json")
    plan.frontier = frontier
    await session.flush()
    return plan


async def record_failure(session: AsyncSession, plan_id: int) -> None:
    plan = await session.get(BasketPlan, plan_id)
    if plan is not None and plan.status == PENDING:
        plan.status = FAILED


async def latest(session: AsyncSession, user: User) -> BasketPlan:
    """The newest plan that was made (one still being made or that failed is not a plan)."""
    found = await session.scalar(
        select(BasketPlan)
        .where(BasketPlan.user_id == user.id, BasketPlan.status.not_in([PENDING, FAILED]))
        .order_by(BasketPlan.created_at.desc(), BasketPlan.id.desc())
        .limit(1)
    )
    if found is None:
        raise not_found("Basket plan")
    return found


async def release_titles(session: AsyncSession, release_ids: Sequence[int]) -> dict[int, str]:
    rows = await session.execute(
        select(Release.id, Release.artists_sort, Release.title).where(
            Release.id.in_(list(release_ids))
        )
    )
    return {rid: f"{artist} - {title}" for rid, artist, title in rows}
