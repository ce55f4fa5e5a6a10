"""Benchmark `basket_job`: how soon a planned basket can be read, and when its frontier follows.

A pending plan of the `optimizer` benchmark's problem (500 wants by default, both families) is
stored in a scratch PostgreSQL database built by the Alembic migrations, and the `plan-basket`
job carries it out as a worker would (solve, store the plan, work out and store the frontier).
Meanwhile a second session reads the plan row every 50 ms, as the page does once the run
reports its first step.

Figures per family (medians over the seeds): `plan_readable_s`, from the job's start to the
first read that finds the plan solved (the latest-plan endpoint returns it from then on);
`frontier_ready_s`, to the first read that finds its frontier stored; `job_s`, the whole job.

make bench BENCH=basket_job ARGS="[--wants 500] [--seeds 3]"
PostgreSQL from BENCH_DATABASE_URL or TEST_DATABASE_URL.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet
from pydantic import SecretStr
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import scratch_postgres, write_result
from optimizer import FAMILIES, generate
from vinyldigger.core.config import Settings
from vinyldigger.core.context import AppContext
from vinyldigger.core.database import unit_of_work
from vinyldigger.core.migrations import upgrade
from vinyldigger.models import BasketPlan, User
from vinyldigger.services import basket as basket_service
from vinyldigger.services import runs as run_service
from vinyldigger.services.optimizer import load_problem
from vinyldigger.workers.jobs import run_job

READ_EVERY_S = 0.05


def _settings(url: str) -> Settings:
    return Settings.model_validate(
        {
            "DATABASE_URL": url,
            "VINYLDIGGER_SECRET_KEY": SecretStr("bench-basket-" * 4),
            "VINYLDIGGER_ENCRYPTION_KEYS": SecretStr(Fernet.generate_key().decode()),
        }
    )


async def _pending_plan(
    context: AppContext, problem: dict[str, Any], number: int
) -> tuple[int, int]:
    """A user with a pending plan of `problem` (frontier asked for) and its queued run: the
    run's id and the plan's."""
    parsed = load_problem(problem)
    async with unit_of_work(context.session_factory) as session:
        user = User(email=f"basket{number}@example.com", password_hash="x", currency="EUR")
        session.add(user)
        await session.flush()
        plan = BasketPlan(
            user_id=user.id,
            currency=parsed.currency,
            status=basket_service.PENDING,
            problem=parsed.model_dump(mode="json"),
            solution={},
            frontier=[],
            frontier_status=basket_service.FRONTIER_PENDING,
            offers={"items": {}},
        )
        session.add(plan)
        await session.flush()
        run = await run_service.create_run(
            session, user_id=user.id, kind=basket_service.PLAN_RUN_KIND, subject_id=plan.id
        )
        return run.id, plan.id


async def _watch(context: AppContext, plan_id: int, started: float) -> dict[str, float]:
    """Seconds from `started` to the first read of the plan solved, then of its frontier."""
    seen: dict[str, float] = {}
    while "frontier_ready_s" not in seen:
        async with context.session_factory() as session:
            status, frontier_status = (
                await session.execute(
                    select(BasketPlan.status, BasketPlan.frontier_status).where(
                        BasketPlan.id == plan_id
                    )
                )
            ).one()
        now = time.perf_counter() - started
        if status != basket_service.PENDING:
            seen.setdefault("plan_readable_s", now)
        if frontier_status != basket_service.FRONTIER_PENDING:
            seen["frontier_ready_s"] = now
        await asyncio.sleep(READ_EVERY_S)
    return seen


async def _one(context: AppContext, problem: dict[str, Any], number: int) -> dict[str, float]:
    run_id, plan_id = await _pending_plan(context, problem, number)
    started = time.perf_counter()
    watcher = asyncio.create_task(_watch(context, plan_id, started))
    await run_job(context, basket_service.PLAN_JOB, {"run_id": run_id})
    job_s = time.perf_counter() - started
    seen = await watcher
    return {**seen, "job_s": job_s}


async def measure(wants: int, seeds: int) -> list[dict[str, Any]]:
    rows = []
    async with scratch_postgres(f"vinyldigger_bench_basket_{os.getpid()}") as url:
        await asyncio.to_thread(upgrade, url)
        context = AppContext.build(_settings(url))
        try:
            number = 0
            for family in FAMILIES:
                runs = []
                for seed in range(seeds):
                    number += 1
                    problem = generate(wants, seed=1000 * wants + seed, family=family)
                    figures = await _one(context, problem, number)
                    print(
                        f"  {family} wants={wants} seed={seed} "
                        + " ".join(f"{key}={value:.2f}" for key, value in figures.items()),
                        flush=True,
                    )
                    runs.append(figures)
                rows.append(
                    {
                        "family": family,
                        "wants": wants,
                        "seeds": seeds,
                        **{
                            key: round(statistics.median(run[key] for run in runs), 2)
                            for key in ("plan_readable_s", "frontier_ready_s", "job_s")
                        },
                    }
                )
        finally:
            await context.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wants", type=int, default=500)
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    rows = asyncio.run(measure(args.wants, args.seeds))
    for row in rows:
        print(
            f"{row['family']} wants={row['wants']}: plan readable after "
            f"{row['plan_readable_s']} s, frontier after {row['frontier_ready_s']} s, "
            f"job {row['job_s']} s (median of {row['seeds']})"
        )
    print(f"wrote {write_result('basket_job', {'rows': rows})}")


if __name__ == "__main__":
    main()
