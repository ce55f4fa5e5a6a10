"""The basket-plan job: solve the problem stored with the pending plan, store the plan, then
work out and store its frontier.

The solver runs in a thread with no transaction open; reading the problem and storing the
plan are short units of work of their own.
"""

from __future__ import annotations

import asyncio

from vinyldigger.core.context import AppContext
from vinyldigger.core.database import unit_of_work
from vinyldigger.core.logging import get_logger
from vinyldigger.services import basket as basket_service
from vinyldigger.workers.lifecycle import (
    ProgressReporter,
    RunFailure,
    RunOutcome,
    RunTarget,
    execute_run,
)

logger = get_logger(__name__)


async def _plan(context: AppContext, target: RunTarget, progress: ProgressReporter) -> RunOutcome:
    if target.subject_id is None:
        raise RunFailure("The run names no basket plan")
    async with unit_of_work(context.session_factory) as session:
        work = await basket_service.plan_work(
            session, plan_id=target.subject_id, user_id=target.user_id
        )
    steps = 2 if work.with_frontier else 1
    solution = work.solution
    if solution is None:
        await progress(0, steps)
        try:
            solution = await asyncio.to_thread(basket_service.solve, work)
        except Exception:
            async with unit_of_work(context.session_factory) as session:
                await basket_service.record_failure(session, work.plan_id)
            raise
        # Stored at once: the buyer reads the plan while its frontier is worked out.
        async with unit_of_work(context.session_factory) as session:
            await basket_service.record_solution(session, plan_id=work.plan_id, solution=solution)
    await progress(1, steps)
    if work.with_frontier:
        await _add_frontier(context, work)
        await progress(2, steps)
    return RunOutcome(
        counts={
            "plan_id": work.plan_id,
            "status": solution.status.value,
            "complete": basket_service.is_complete(solution),
            "total": str(solution.total) if solution.total is not None else None,
            "seller_count": solution.seller_count,
            "wants_planned": len(work.problem.wants),
        },
        stats={"solve_seconds": solution.solve_seconds},
    )


async def _add_frontier(context: AppContext, work: basket_service.PlanWork) -> None:
    """The plan stands without its frontier: a frontier that cannot be worked out is recorded
    as such, and the run still delivers the plan."""
    frontier: basket_service.FrontierResult | None
    try:
        frontier = await asyncio.to_thread(basket_service.frontier_points, work)
    except Exception:
        logger.exception("basket_frontier_failed", plan_id=work.plan_id)
        frontier = None
    async with unit_of_work(context.session_factory) as session:
        await basket_service.record_frontier(session, plan_id=work.plan_id, frontier=frontier)


async def plan_basket_job(context: AppContext, args: dict[str, int]) -> None:
    await execute_run(context, args["run_id"], _plan)
