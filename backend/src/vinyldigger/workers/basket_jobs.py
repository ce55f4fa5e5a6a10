"""The basket-plan job: solve the problem stored with the pending plan, then store the plan.

The solver runs in a thread with no transaction open; reading the problem and storing the
plan are short units of work of their own.
"""

from __future__ import annotations

import asyncio

from vinyldigger.core.context import AppContext
from vinyldigger.core.database import unit_of_work
from vinyldigger.services import basket as basket_service
from vinyldigger.workers.lifecycle import (
    ProgressReporter,
    RunFailure,
    RunOutcome,
    RunTarget,
    execute_run,
)


async def _plan(context: AppContext, target: RunTarget, progress: ProgressReporter) -> RunOutcome:
    if target.subject_id is None:
        raise RunFailure("The run names no basket plan")
    async with unit_of_work(context.session_factory) as session:
        work = await basket_service.plan_work(
            session, plan_id=target.subject_id, user_id=target.user_id
        )
    if work.solved:
        return RunOutcome(counts={"plan_id": work.plan_id})
    steps = 2 if work.with_frontier else 1
    await progress(0, steps)
    try:
        solution = await asyncio.to_thread(basket_service.solve, work)
        await progress(1, steps)
        frontier: basket_service.FrontierResult | None = None
        if work.with_frontier:
            frontier = await asyncio.to_thread(basket_service.frontier_points, work)
    except Exception:
        async with unit_of_work(context.session_factory) as session:
            await basket_service.record_failure(session, work.plan_id)
        raise
    async with unit_of_work(context.session_factory) as session:
        plan = await basket_service.record_solution(
            session, plan_id=work.plan_id, solution=solution, frontier=frontier
        )
    return RunOutcome(
        counts={
            "plan_id": plan.id,
            "status": plan.status,
            "complete": bool(plan.complete),
            "total": str(solution.total) if solution.total is not None else None,
            "seller_count": solution.seller_count,
            "wants_planned": len(work.problem.wants),
        },
        stats={"solve_seconds": solution.solve_seconds},
    )


async def plan_basket_job(context: AppContext, args: dict[str, int]) -> None:
    await execute_run(context, args["run_id"], _plan)
