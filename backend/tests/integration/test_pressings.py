"""Pressings against the sandbox: master versions fetched after the sync (and retried later
when Discogs fails), and a want-list run that flags as wanted only this pressing, or a
pressing not stated where any pressing is fine."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.helpers import auth_headers
from tests.integration.conftest import sandbox_user
from tests.integration.test_library_sync import QueueOnly
from tests.integration.test_search_runs import (
    _control,
    _demo_account_with_search,
    _finish,
    _results,
)
from vinyldigger.core.context import AppContext
from vinyldigger.models import MasterVersionList, MasterVersionRecord
from vinyldigger.services.master_version_fetch import fetch_for_user
from vinyldigger.workers.jobs import run_job
from vinyldigger_sandbox.server import RunningSandbox


async def _all_wants(client: httpx.AsyncClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    page = 1
    while True:
        body = (await client.get(f"/api/v1/wants?per_page=100&page={page}", headers=headers)).json()
        items += body["items"]
        if page >= body["pages"]:
            return items
        page += 1


async def _truth(sandbox: RunningSandbox, results: list[dict[str, Any]]) -> dict[str, Any]:
    ids = ",".join(r["listing"]["external_id"] for r in results)
    body = await _control(sandbox, "GET", "/truth/ebay", params={"item_ids": ids})
    return {item["itemId"]: item for item in body["items"]}


async def _run(
    client: httpx.AsyncClient, context: AppContext, headers: dict[str, str], search_id: int
) -> list[dict[str, Any]]:
    run_url = f"/api/v1/searches/{search_id}/run"
    await _finish(client, context, headers, await client.post(run_url, headers=headers))
    return [
        item
        for item in await _results(client, headers, search_id)
        if item["listing"]["platform"] == "ebay"
    ]


async def test_want_list_run_tells_pressings_apart(
    client: httpx.AsyncClient,
    sandbox_context: AppContext,
    sandbox: RunningSandbox,
    sandbox_info: dict[str, Any],
    db_session: AsyncSession,
) -> None:
    # Small batches: each fetch job queues the next until every master is in.
    settings = sandbox_context.settings
    sandbox_context.settings = settings.model_copy(update={"master_versions_batch": 50})
    headers, search_id = await _demo_account_with_search(client, sandbox_context, sandbox_info)
    wants = await _all_wants(client, headers)
    results = await _run(client, sandbox_context, headers, search_id)

    # Every wanted master's versions were fetched after the sync, the want among them.
    masters = {w["release"]["master_id"] for w in wants if w["release"]["master_id"]}
    assert len(masters) > 2 * 50
    fetched = set(
        await db_session.scalars(
            select(MasterVersionList.master_id).where(MasterVersionList.fetched_at.is_not(None))
        )
    )
    assert masters <= fetched
    stored = set(
        await db_session.execute(
            select(MasterVersionRecord.master_id, MasterVersionRecord.release_id)
        )
    )
    assert all(
        (w["release"]["master_id"], w["release"]["id"]) in stored
        for w in wants
        if w["release"]["master_id"]
    )

    truth = await _truth(sandbox, results)
    wanted_releases = {w["release"]["id"] for w in wants}
    flagged = [r for r in results if r["match"]["wanted"]]
    assert flagged
    # Nothing flagged wanted is truly another pressing (or another record).
    for result in flagged:
        real = truth[result["listing"]["external_id"]]
        assert real["release_id"] == result["release_id"] in wanted_releases, (result, real)
        assert result["match"]["verdict"] == "same"
        pressing = result["match"]["pressing"]
        assert pressing["release_id"] == result["release_id"]
        # Label, catalogue number, year and country of the matched pressing, the country
        # from the version list (want lists do not carry it).
        assert all(pressing[key] for key in ("label", "catno", "year", "country")), pressing
    unstated = [r for r in results if r["match"]["verdict"] == "undetermined"]
    assert unstated, "the sandbox's titles should include some that state no pressing"
    assert not any(r["match"]["wanted"] for r in unstated)

    # Any pressing is fine for the wants of half of those: after the next run they are
    # wanted, the others not, and still no other pressing is.
    chosen = {r["release_id"] for r in unstated[::2]}
    want_ids = {w["release"]["id"]: w["id"] for w in wants}
    for release_id in chosen:
        response = await client.patch(
            f"/api/v1/wants/{want_ids[release_id]}", headers=headers, json={"any_pressing": True}
        )
        assert response.status_code == 200 and response.json()["any_pressing"] is True
    results = await _run(client, sandbox_context, headers, search_id)
    truth = await _truth(sandbox, results)
    for result in results:
        match, real = result["match"], truth[result["listing"]["external_id"]]
        if match["verdict"] == "undetermined":
            assert match["wanted"] is (result["release_id"] in chosen), result
        if match["wanted"] and match["verdict"] == "same":
            assert real["release_id"] == result["release_id"], (result, real)
        if real["release_id"] != result["release_id"] and match["verdict"] != "undetermined":
            assert not match["wanted"], (result, real)
    assert any(r["match"]["wanted"] for r in results if r["match"]["verdict"] == "undetermined")


async def test_a_failed_fetch_is_recorded_and_tried_again_later(
    client: httpx.AsyncClient,
    sandbox_context: AppContext,
    sandbox: RunningSandbox,
    sandbox_info: dict[str, Any],
    db_session: AsyncSession,
) -> None:
    headers = await auth_headers(client)
    # Link without running the jobs linking queues: the fetch below is the first.
    runner, queue = sandbox_context.dispatcher, QueueOnly()
    sandbox_context.dispatcher = queue
    try:
        alice = sandbox_user(sandbox_info, "alice")
        linked = await client.post(
            "/api/v1/discogs/link-token",
            headers=headers,
            json={"personal_token": alice["discogs_personal_token"]},
        )
        assert linked.status_code == 200
        sync = next(job for job in queue.jobs if job[0] == "sync-wants")
        await run_job(sandbox_context, *sync)
        user_id = (await client.get("/api/v1/auth/me", headers=headers)).json()["id"]
        outage = {"error_rate": 1.0, "fault_seed": 3, "apply_to": ["discogs"]}
        await _control(sandbox, "POST", "/settings", json={"faults": outage})
        try:
            counts = await fetch_for_user(sandbox_context, user_id)
        finally:
            await _control(sandbox, "POST", "/settings", json={"faults": {"error_rate": 0}})
    finally:
        sandbox_context.dispatcher = runner
    assert counts.failed > 0 and counts.fetched == 0
    lists = list(await db_session.scalars(select(MasterVersionList)))
    assert lists and all(entry.fetched_at is None for entry in lists)
    assert all(entry.consecutive_failures == 1 and entry.last_error for entry in lists)
    # Not due again at once: the next attempt is an hour away.
    assert (await fetch_for_user(sandbox_context, user_id)).fetched == 0
