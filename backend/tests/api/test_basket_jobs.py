"""The basket plan is a job: the request answers 202 with a run, the solver runs in the job,
and the plan it stores becomes the latest plan."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.helpers import HeldJobs, auth_headers, plan_basket
from tests.api.test_converted_totals import stock_shelf
from vinyldigger.core.context import AppContext
from vinyldigger.services import basket as basket_service
from vinyldigger.workers.jobs import run_job


async def test_a_plan_is_queued_then_solved_by_its_job(
    client: httpx.AsyncClient, db_session: AsyncSession, context: AppContext
) -> None:
    shelf = await stock_shelf(client, db_session)
    held = HeldJobs()
    context.dispatcher = held
    started = await client.post("/api/v1/basket/plan", headers=shelf.headers, json={})
    assert started.status_code == 202, started.text
    run = started.json()
    assert run["kind"] == "basket_plan" and run["status"] == "queued"
    assert held.jobs == [("plan-basket", {"run_id": run["id"]})]
    # Until the job has solved it, the plan being made is not "the latest plan".
    assert (
        await client.get("/api/v1/basket/plans/latest", headers=shelf.headers)
    ).status_code == 404
    again = await client.post("/api/v1/basket/plan", headers=shelf.headers, json={})
    assert again.status_code == 409 and again.json()["error"]["code"] == "run_in_progress"

    await run_job(context, *held.jobs[0])

    finished = (await client.get(f"/api/v1/runs/{run['id']}", headers=shelf.headers)).json()
    assert finished["status"] == "succeeded", finished
    assert finished["progress_done"] == finished["progress_total"] == 2
    latest = await client.get("/api/v1/basket/plans/latest", headers=shelf.headers)
    assert latest.status_code == 200
    plan = latest.json()
    assert plan["id"] == finished["basket_plan"]["plan_id"]
    assert plan["status"] == finished["basket_plan"]["status"] == "optimal"
    assert plan["kind"] == "complete" and finished["basket_plan"]["complete"] is True
    assert plan["summary"]["total"]["amount"] == finished["basket_plan"]["total"]
    assert plan["parcels"] and plan["frontier"] and plan["frontier_status"] == "ready"
    # Running the job again (a redelivered task) changes nothing.
    await run_job(context, *held.jobs[0])
    assert (await client.get("/api/v1/basket/plans/latest", headers=shelf.headers)).json() == plan


async def test_without_frontier_the_job_has_one_step(
    client: httpx.AsyncClient, db_session: AsyncSession, context: AppContext
) -> None:
    shelf = await stock_shelf(client, db_session)
    run = await plan_basket(client, context, shelf.headers, {"frontier": False, "max_sellers": 1})
    assert run["status"] == "succeeded" and run["progress_total"] == 1
    plan = (await client.get("/api/v1/basket/plans/latest", headers=shelf.headers)).json()
    assert plan["frontier"] == [] and plan["summary"]["seller_count"] <= 1
    assert plan["frontier_status"] == "not_requested"


async def _queued_plan(
    client: httpx.AsyncClient, db_session: AsyncSession, context: AppContext
) -> tuple[dict[str, str], dict[str, Any], tuple[str, dict[str, int]]]:
    """A stocked shelf and a plan of it asked for with its frontier: the headers, the queued
    run and its job, held for the test to carry out."""
    shelf = await stock_shelf(client, db_session)
    held = HeldJobs()
    context.dispatcher = held
    run: dict[str, Any] = (
        await client.post("/api/v1/basket/plan", headers=shelf.headers, json={})
    ).json()
    return shelf.headers, run, held.jobs[0]


async def test_the_plan_is_readable_while_its_frontier_is_worked_out(
    client: httpx.AsyncClient,
    db_session: AsyncSession,
    context: AppContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    headers, run, held_job = await _queued_plan(client, db_session, context)
    working, go_on = threading.Event(), threading.Event()
    frontier_points = basket_service.frontier_points

    def held_frontier(work: basket_service.PlanWork) -> basket_service.FrontierResult:
        working.set()
        go_on.wait()
        return frontier_points(work)

    monkeypatch.setattr(basket_service, "frontier_points", held_frontier)
    job = asyncio.create_task(run_job(context, *held_job))
    try:
        await asyncio.to_thread(working.wait)
        # The job waits in its thread, its session closed: the test's session serves requests.
        plan = (await client.get("/api/v1/basket/plans/latest", headers=headers)).json()
        assert plan["status"] == "optimal" and plan["parcels"]
        assert plan["frontier"] == [] and plan["frontier_status"] == "working"
        during = (await client.get(f"/api/v1/runs/{run['id']}", headers=headers)).json()
        assert during["status"] == "running"
        assert (during["progress_done"], during["progress_total"]) == (1, 2)
    finally:
        go_on.set()
        await job
    finished = (await client.get(f"/api/v1/runs/{run['id']}", headers=headers)).json()
    assert finished["status"] == "succeeded" and finished["basket_plan"]["plan_id"] == plan["id"]
    after = (await client.get("/api/v1/basket/plans/latest", headers=headers)).json()
    assert after["frontier_status"] == "ready" and after["frontier"]
    assert after["parcels"] == plan["parcels"]


class WorkerLost(BaseException):
    """The worker process dies: nothing in the job catches it."""


async def test_a_redelivered_run_works_out_only_the_frontier_of_its_stored_plan(
    client: httpx.AsyncClient,
    db_session: AsyncSession,
    context: AppContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    headers, run, held_job = await _queued_plan(client, db_session, context)
    frontier_points = basket_service.frontier_points

    def dies(_work: basket_service.PlanWork) -> None:
        raise WorkerLost

    monkeypatch.setattr(basket_service, "frontier_points", dies)
    with pytest.raises(WorkerLost):
        await run_job(context, *held_job)
    stored = (await client.get("/api/v1/basket/plans/latest", headers=headers)).json()
    assert stored["frontier_status"] == "working" and stored["parcels"]

    def solved_again(_work: basket_service.PlanWork) -> None:
        raise AssertionError("the stored plan was solved again")

    monkeypatch.setattr(basket_service, "solve", solved_again)
    monkeypatch.setattr(basket_service, "frontier_points", frontier_points)
    await run_job(context, *held_job)
    finished = (await client.get(f"/api/v1/runs/{run['id']}", headers=headers)).json()
    assert finished["status"] == "succeeded", finished
    assert finished["basket_plan"]["plan_id"] == stored["id"]
    assert finished["basket_plan"]["total"] == stored["summary"]["total"]["amount"]
    after = (await client.get("/api/v1/basket/plans/latest", headers=headers)).json()
    assert after["frontier_status"] == "ready" and after["frontier"]
    assert after["parcels"] == stored["parcels"]


async def test_a_frontier_that_fails_leaves_the_plan_and_says_so(
    client: httpx.AsyncClient,
    db_session: AsyncSession,
    context: AppContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shelf = await stock_shelf(client, db_session)

    def broken(_work: basket_service.PlanWork) -> None:
        raise MemoryError("frontier ran out of memory")

    monkeypatch.setattr(basket_service, "frontier_points", broken)
    run = await plan_basket(client, context, shelf.headers, {})
    assert run["status"] == "succeeded" and run["basket_plan"]["complete"] is True
    plan = (await client.get("/api/v1/basket/plans/latest", headers=shelf.headers)).json()
    assert plan["id"] == run["basket_plan"]["plan_id"] and plan["parcels"]
    assert plan["frontier"] == [] and plan["frontier_status"] == "failed"


async def test_nothing_to_plan_is_refused_at_once_without_a_run(
    client: httpx.AsyncClient, context: AppContext
) -> None:
    headers = await auth_headers(client)
    context.dispatcher = HeldJobs()
    refused = await client.post("/api/v1/basket/plan", headers=headers, json={})
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "nothing_to_plan"
    runs = (await client.get("/api/v1/runs", headers=headers)).json()
    assert runs["total"] == 0


async def test_a_failed_solve_fails_the_run_and_keeps_the_last_plan(
    client: httpx.AsyncClient,
    db_session: AsyncSession,
    context: AppContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shelf = await stock_shelf(client, db_session)
    first = await plan_basket(client, context, shelf.headers, {"frontier": False})
    assert first["status"] == "succeeded"

    def broken(_work: basket_service.PlanWork) -> None:
        raise MemoryError("solver ran out of memory")

    monkeypatch.setattr(basket_service, "solve", broken)
    second = await plan_basket(client, context, shelf.headers, {"frontier": False})
    assert second["status"] == "failed" and second["error"]
    latest = (await client.get("/api/v1/basket/plans/latest", headers=shelf.headers)).json()
    assert latest["id"] == first["basket_plan"]["plan_id"]


async def test_a_plan_needs_the_job_machinery(
    client: httpx.AsyncClient, db_session: AsyncSession, context: AppContext
) -> None:
    shelf = await stock_shelf(client, db_session)
    context.dispatcher = None
    refused = await client.post("/api/v1/basket/plan", headers=shelf.headers, json={})
    assert refused.status_code == 503


async def test_a_stranger_cannot_read_the_plan_run(
    client: httpx.AsyncClient, db_session: AsyncSession, context: AppContext
) -> None:
    shelf = await stock_shelf(client, db_session)
    run = await plan_basket(client, context, shelf.headers, {"frontier": False})
    stranger = await auth_headers(client)
    assert (await client.get(f"/api/v1/runs/{run['id']}", headers=stranger)).status_code == 404
    latest = await client.get("/api/v1/basket/plans/latest", headers=stranger)
    assert latest.status_code == 404
