"""The basket: plans of the user's wants from the current listings, made by a job, kept by kind
(the latest complete plan stays when a partial one is made), opened from frontier points, and
carried out item by item (docs/basket.md).

A plan is complete when neither the seller cap nor the budget left a want out. Wants the
buyer's own choices leave out (no listing within the grades or the max price, or worth less
than they cost delivered) are named with their reason but do not make it partial. A cap or a
budget that leaves wants out makes it partial, and must-buy wants that cannot all be bought
make it infeasible (kept with the partial plans, without parcels).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.context import AppContext
from vinyldigger.core.database import after_commit
from vinyldigger.core.errors import AppError, not_found
from vinyldigger.models import BasketPlan, BasketPurchase, JobRun, Listing, Release, User
from vinyldigger.models.job_run import RunKind
from vinyldigger.services import optimizer
from vinyldigger.services import runs as run_service
from vinyldigger.services.basket_choices import bought_release_ids, get_choices
from vinyldigger.services.basket_problem import build_problem

PLAN_RUN_KIND = RunKind.BASKET_PLAN
PLAN_JOB = "plan-basket"
# A stored plan's status while its run works on it, and when the run failed; otherwise the
# optimizer's status ("optimal", "infeasible"...).
PENDING = "pending"
FAILED = "failed"
# A frontier's status (None when none was asked for): worked out after its plan is stored.
FRONTIER_PENDING = "pending"
FRONTIER_READY = "ready"
FRONTIER_FAILED = "failed"


class PlanKind(StrEnum):
    COMPLETE = "complete"
    PARTIAL = "partial"


async def _owned_plan(session: AsyncSession, user_id: int, plan_id: int) -> BasketPlan:
    plan = await session.scalar(
        select(BasketPlan).where(BasketPlan.id == plan_id, BasketPlan.user_id == user_id)
    )
    if plan is None:
        raise not_found("Basket plan")
    return plan


async def request_plan(
    session: AsyncSession,
    context: AppContext,
    user: User,
    *,
    release_ids: Sequence[int] | None,
    max_sellers: int | None,
    with_frontier: bool,
    replan_of: int | None = None,
) -> JobRun:
    """Queue a plan of the current listings under the user's choices: the problem is built
    now, from what the user sees, and solved by a job. With `replan_of`, the rest of that plan:
    every want not marked bought, under the same cap unless another is given, from listings
    still for sale. Refused with 409 when nothing can be planned or a plan is being made."""
    dispatcher = run_service.require_dispatcher(context)
    replan: dict[str, Any] | None = None
    cap_from_choices = True
    if replan_of is not None:
        earlier = await _owned_plan(session, user.id, replan_of)
        if max_sellers is None:
            max_sellers, cap_from_choices = earlier.max_sellers, False
        replan = {"of": earlier.id, "gone": await _gone_listings(session, earlier)}
    choices = await get_choices(session, user)
    bought = await bought_release_ids(session, user.id)
    built = await build_problem(
        session,
        user,
        choices,
        release_ids=release_ids,
        bought=bought,
        max_sellers=max_sellers,
        cap_from_choices=cap_from_choices,
    )
    problem = built.problem
    pending = BasketPlan(
        user_id=user.id,
        currency=problem.currency,
        status=PENDING,
        max_sellers=problem.options.max_sellers,
        replan_of=replan_of,
        problem=problem.model_dump(mode="json"),
        solution={},
        frontier=[],
        frontier_status=FRONTIER_PENDING if with_frontier else None,
        offers={
            "items": {key: asdict(value) for key, value in built.offers.items()},
            "skipped_no_rate": built.skipped_no_rate,
            "left_out": [
                {"release_id": gap.release_id, "reason": gap.reason.value, "required": gap.required}
                for gap in built.left_out
            ],
            "bought_left_out": built.bought_left_out,
            "replan": replan,
        },
    )
    session.add(pending)
    await session.flush()
    run = await run_service.create_run(
        session, user_id=user.id, kind=PLAN_RUN_KIND, subject_id=pending.id
    )
    run_id = run.id
    after_commit(session, lambda: dispatcher.enqueue(PLAN_JOB, {"run_id": run_id}))
    return run


async def _gone_listings(session: AsyncSession, plan: BasketPlan) -> int:
    """How many listings the plan chose are no longer for sale."""
    items = plan.offers.get("items", {})
    listing_ids = [
        items[chosen["offer_id"]]["listing_id"]
        for chosen in plan.solution.get("chosen_offers", [])
        if chosen["offer_id"] in items
    ]
    if not listing_ids:
        return 0
    gone = await session.scalars(
        select(Listing.id).where(Listing.id.in_(listing_ids), Listing.gone_at.is_not(None))
    )
    return len(list(gone))


@dataclass(frozen=True)
class PlanWork:
    """What the job solves, read from the pending plan."""

    plan_id: int
    problem: optimizer.Problem
    # The frontier is asked for and not worked out yet.
    with_frontier: bool
    # The plan an earlier attempt of the run stored, if any.
    solution: optimizer.Solution | None


async def plan_work(session: AsyncSession, *, plan_id: int, user_id: int) -> PlanWork:
    plan = await _owned_plan(session, user_id, plan_id)
    solved = plan.status not in (PENDING, FAILED)
    return PlanWork(
        plan_id=plan.id,
        problem=optimizer.load_problem(plan.problem),
        with_frontier=plan.frontier_status == FRONTIER_PENDING,
        solution=optimizer.Solution.model_validate(plan.solution) if solved else None,
    )


def solve(work: PlanWork) -> optimizer.Solution:
    """CPU-bound: call it in a thread."""
    return optimizer.solve(work.problem)


@dataclass(frozen=True)
class FrontierResult:
    # What the chart shows, per point.
    points: list[dict[str, Any]]
    # Each point's plan (optimizer Solution JSON) by its cap, as text keys.
    plans: dict[str, Any]


# The frontier of a 500-want list is not proven at every point in any time a buyer would wait
# for; in 15 s a fifth to a half of its points are, and the others are within 0.2% (see the
# optimizer benchmark).
FRONTIER_SECONDS = 15.0


def frontier_points(work: PlanWork) -> FrontierResult:
    """Cost against the number of parcels for the whole list, each point with its plan so it
    can be opened without solving again; CPU-bound like `solve`."""
    curve = optimizer.frontier(work.problem, time_limit_s=FRONTIER_SECONDS)
    points = [
        {
            "max_sellers": point.max_sellers,
            "total": str(point.solution.total) if point.solution.total is not None else None,
            "status": point.solution.status.value,
            "gap": point.solution.gap,
            "extra_cost": str(point.extra_cost) if point.extra_cost is not None else None,
            "extra_fraction": point.extra_fraction,
            "knee": point.knee,
        }
        for point in curve.points
    ]
    plans = {
        str(point.max_sellers): point.solution.model_dump(mode="json") for point in curve.points
    }
    return FrontierResult(points, plans)


async def _job_plan(session: AsyncSession, plan_id: int) -> BasketPlan:
    """The plan a job works on (its run names it and its owner)."""
    plan = await session.get(BasketPlan, plan_id)
    if plan is None:
        raise not_found("Basket plan")
    return plan


async def record_solution(
    session: AsyncSession, *, plan_id: int, solution: optimizer.Solution
) -> None:
    """Store the solved plan: from now on it is the user's latest plan, while its frontier may
    still be worked out."""
    plan = await _job_plan(session, plan_id)
    plan.status = solution.status.value
    plan.complete = is_complete(solution)
    plan.solution = solution.model_dump(mode="json")
    await session.flush()


async def record_frontier(
    session: AsyncSession, *, plan_id: int, frontier: FrontierResult | None
) -> None:
    """Store the plan's frontier, or (None) that it could not be worked out."""
    plan = await _job_plan(session, plan_id)
    if frontier is None:
        plan.frontier_status = FRONTIER_FAILED
    else:
        plan.frontier = frontier.points
        plan.frontier_plans = frontier.plans
        plan.frontier_status = FRONTIER_READY
    await session.flush()


_LIMITS = (optimizer.UnfilledReason.EXCLUDED_BY_CAP, optimizer.UnfilledReason.OVER_BUDGET)


def is_complete(solution: optimizer.Solution) -> bool:
    """A plan was found and neither the cap nor the budget left a want out. An optional want
    worth less than it costs is the buyer's own choice, like a max price, and is only named."""
    found = solution.status in (optimizer.Status.OPTIMAL, optimizer.Status.FEASIBLE)
    return found and not any(
        gap.required or gap.reason in _LIMITS for gap in solution.unfilled_wants
    )


async def record_failure(session: AsyncSession, plan_id: int) -> None:
    plan = await session.get(BasketPlan, plan_id)
    if plan is not None and plan.status == PENDING:
        plan.status = FAILED


async def latest(session: AsyncSession, user: User, kind: PlanKind | None = None) -> BasketPlan:
    """The newest plan that was made, of a kind if given (one still being made or that failed
    is not a plan)."""
    query = select(BasketPlan).where(
        BasketPlan.user_id == user.id, BasketPlan.status.not_in([PENDING, FAILED])
    )
    if kind is PlanKind.COMPLETE:
        query = query.where(BasketPlan.complete.is_(True))
    elif kind is PlanKind.PARTIAL:
        query = query.where(BasketPlan.complete.is_(False))
    found = await session.scalar(
        query.order_by(BasketPlan.created_at.desc(), BasketPlan.id.desc()).limit(1)
    )
    if found is None:
        raise not_found("Basket plan")
    return found


async def get_plan(session: AsyncSession, user: User, plan_id: int) -> BasketPlan:
    plan = await _owned_plan(session, user.id, plan_id)
    if plan.status in (PENDING, FAILED):
        raise not_found("Basket plan")
    return plan


async def open_frontier_point(
    session: AsyncSession, user: User, plan_id: int, max_sellers: int
) -> tuple[BasketPlan, bool]:
    """The plan of one frontier point, stored as a plan of its own the first time it is opened
    (it was solved with the frontier, so nothing is solved again); True when stored now."""
    source = await get_plan(session, user, plan_id)
    holder = source.frontier_of or source.id
    opened_before = await session.scalar(
        select(BasketPlan)
        .where(
            BasketPlan.user_id == user.id,
            BasketPlan.frontier_of == holder,
            BasketPlan.max_sellers == max_sellers,
        )
        .order_by(BasketPlan.id.desc())
        .limit(1)
    )
    if opened_before is not None:
        return opened_before, False
    plans = await session.scalar(
        select(BasketPlan.frontier_plans).where(
            BasketPlan.id == holder, BasketPlan.user_id == user.id
        )
    )
    point = (plans or {}).get(str(max_sellers))
    if point is None:
        raise AppError(
            f"This plan's frontier has no point with {max_sellers} parcels",
            status_code=404,
            code="not_found",
        )
    solution = optimizer.Solution.model_validate(point)
    problem = dict(source.problem)
    problem["options"] = {**problem.get("options", {}), "max_sellers": max_sellers}
    opened = BasketPlan(
        user_id=user.id,
        currency=source.currency,
        status=solution.status.value,
        complete=is_complete(solution),
        max_sellers=max_sellers,
        replan_of=source.replan_of,
        problem=problem,
        solution=solution.model_dump(mode="json"),
        frontier=source.frontier,
        frontier_status=source.frontier_status,
        frontier_of=holder,
        offers=source.offers,
    )
    session.add(opened)
    await session.flush()
    return opened, True


async def set_bought(
    session: AsyncSession, user: User, plan_id: int, listing_id: int, bought: bool
) -> bool:
    """Mark an item of the plan bought (its want is then left out of later plans), or not."""
    plan = await get_plan(session, user, plan_id)
    items = plan.offers.get("items", {})
    info = next(
        (
            items[chosen["offer_id"]]
            for chosen in plan.solution.get("chosen_offers", [])
            if chosen["offer_id"] in items and items[chosen["offer_id"]]["listing_id"] == listing_id
        ),
        None,
    )
    if info is None:
        raise not_found("Plan item")
    existing = await session.scalar(
        select(BasketPurchase).where(
            BasketPurchase.user_id == user.id, BasketPurchase.listing_id == info["listing_id"]
        )
    )
    if bought and existing is None:
        session.add(
            BasketPurchase(
                user_id=user.id,
                release_id=info["release_id"],
                listing_id=info["listing_id"],
                plan_id=plan.id,
            )
        )
    elif not bought and existing is not None:
        await session.delete(existing)
    await session.flush()
    return bought


async def bought_listing_ids(session: AsyncSession, user_id: int) -> set[int]:
    rows = await session.scalars(
        select(BasketPurchase.listing_id).where(BasketPurchase.user_id == user_id)
    )
    return set(rows)


async def release_titles(session: AsyncSession, release_ids: Sequence[int]) -> dict[int, str]:
    rows = await session.execute(
        select(Release.id, Release.artists_sort, Release.title).where(
            Release.id.in_(list(release_ids))
        )
    )
    return {rid: f"{artist} - {title}" for rid, artist, title in rows}
