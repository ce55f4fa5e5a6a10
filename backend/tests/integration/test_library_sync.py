"""Linking Discogs and mirroring the want list and collection against the sandbox."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest

from tests.api.helpers import auth_headers
from tests.integration.conftest import sandbox_user
from vinyldigger.core.context import AppContext
from vinyldigger.core.database import unit_of_work
from vinyldigger.models import JobRun
from vinyldigger.workers.embedded import EmbeddedRunner
from vinyldigger.workers.jobs import run_job
from vinyldigger_sandbox.server import RunningSandbox


async def _sync(
    client: httpx.AsyncClient, context: AppContext, headers: dict[str, str], kind: str
) -> dict[str, Any]:
    started = await client.post(f"/api/v1/{kind}/sync", headers=headers)
    assert started.status_code == 202, started.text
    runner = context.dispatcher
    assert isinstance(runner, EmbeddedRunner)
    await runner.join()
    run: dict[str, Any] = (
        await client.get(f"/api/v1/runs/{started.json()['id']}", headers=headers)
    ).json()
    return run


async def _all_release_ids(
    client: httpx.AsyncClient, headers: dict[str, str], path: str
) -> list[int]:
    ids: list[int] = []
    page = 1
    while True:
        body = (await client.get(f"{path}?per_page=100&page={page}", headers=headers)).json()
        ids += [item["release"]["id"] for item in body["items"]]
        if page >= body["pages"]:
            return ids
        page += 1


async def _control(sandbox: RunningSandbox, method: str, path: str, **kwargs: Any) -> Any:
    """Call the sandbox's own control API (/sandbox/...)."""
    async with httpx.AsyncClient(base_url=sandbox.base_url, timeout=30) as control:
        response = await control.request(method, f"/sandbox{path}", **kwargs)
        response.raise_for_status()
        return response.json()


async def _sandbox_lists(sandbox: RunningSandbox, username: str) -> dict[str, Any]:
    body: dict[str, Any] = await _control(sandbox, "GET", f"/users/{username}")
    return body


class QueueOnly:
    """Holds enqueued jobs until the test runs them: the test's single database session
    cannot serve a job and a request at the same moment."""

    def __init__(self) -> None:
        self.jobs: list[tuple[str, dict[str, int]]] = []

    def enqueue(self, name: str, args: dict[str, int] | None = None) -> None:
        self.jobs.append((name, args or {}))


async def link_discogs(
    client: httpx.AsyncClient, headers: dict[str, str], token: str, context: AppContext
) -> None:
    """Link Discogs, then run the syncs linking starts, one after the other (the test's one
    database session cannot serve two jobs at once)."""
    runner, queue = context.dispatcher, QueueOnly()
    context.dispatcher = queue
    try:
        linked = await client.post(
            "/api/v1/discogs/link-token", headers=headers, json={"personal_token": token}
        )
        assert linked.status_code == 200, linked.text
        for name, args in queue.jobs:
            await run_job(context, name, args)
    finally:
        context.dispatcher = runner


async def test_sync_mirrors_wants_then_applies_removals_and_additions(
    client: httpx.AsyncClient,
    sandbox_context: AppContext,
    sandbox: RunningSandbox,
    sandbox_info: dict[str, Any],
) -> None:
    headers = await auth_headers(client)
    alice = sandbox_user(sandbox_info, "alice")
    await link_discogs(client, headers, alice["discogs_personal_token"], sandbox_context)
    credentials = (await client.get("/api/v1/credentials/discogs", headers=headers)).json()
    username = next(f for f in credentials["fields"] if f["name"] == "username")
    assert username["is_set"] is True

    # Linking ran the first sync; a second one finds nothing new.
    [run] = (await client.get("/api/v1/runs?kind=sync_wants", headers=headers)).json()["items"]
    assert run["status"] == "succeeded", run
    expected = (await _sandbox_lists(sandbox, "alice"))["want_release_ids"]
    assert sorted(await _all_release_ids(client, headers, "/api/v1/wants")) == sorted(expected)
    assert run["sync"]["added"] == len(expected)
    unchanged = await _sync(client, sandbox_context, headers, "wants")
    assert unchanged["sync"]["added"] == 0 and unchanged["sync"]["unchanged"] == len(expected)
    assert run["progress_done"] == run["progress_total"] >= 1

    removed = expected[:3]
    demo_wants = (await _sandbox_lists(sandbox, "demo"))["want_release_ids"]
    added = [rid for rid in demo_wants if rid not in expected][:2]
    await _control(sandbox, "POST", "/users/alice/wants", json={"add": added, "remove": removed})
    second = await _sync(client, sandbox_context, headers, "wants")
    assert second["sync"]["removed"] == 3 and second["sync"]["added"] == 2
    now_expected = (await _sandbox_lists(sandbox, "alice"))["want_release_ids"]
    assert sorted(await _all_release_ids(client, headers, "/api/v1/wants")) == sorted(now_expected)


async def test_collection_sync_keeps_grades(
    client: httpx.AsyncClient,
    sandbox_context: AppContext,
    sandbox: RunningSandbox,
    sandbox_info: dict[str, Any],
) -> None:
    headers = await auth_headers(client)
    await link_discogs(
        client,
        headers,
        sandbox_user(sandbox_info, "bob")["discogs_personal_token"],
        sandbox_context,
    )
    run = await _sync(client, sandbox_context, headers, "collection")
    assert run["status"] == "succeeded", run
    expected = (await _sandbox_lists(sandbox, "bob"))["collection_release_ids"]
    ids = await _all_release_ids(client, headers, "/api/v1/collection")
    assert sorted(ids) == sorted(expected)
    page = (await client.get("/api/v1/collection?per_page=100", headers=headers)).json()
    grades = {item["media_grade"] for item in page["items"]}
    assert grades & {"M", "NM", "VG+", "VG", "G+", "G"}


async def test_sync_survives_injected_errors_and_timeouts(
    client: httpx.AsyncClient,
    sandbox_context: AppContext,
    sandbox: RunningSandbox,
    sandbox_info: dict[str, Any],
) -> None:
    headers = await auth_headers(client)
    await link_discogs(
        client,
        headers,
        sandbox_user(sandbox_info, "bigwants")["discogs_personal_token"],
        sandbox_context,
    )
    faults = {
        "error_rate": 0.1,
        "timeout_rate": 0.1,
        "timeout_hang_seconds": 3.0,
        "fault_seed": 11,
        "apply_to": ["discogs"],
    }
    await _control(sandbox, "POST", "/settings", json={"faults": faults})
    try:
        wants = await _sync(client, sandbox_context, headers, "wants")
        collection = await _sync(client, sandbox_context, headers, "collection")
    finally:
        await _control(
            sandbox, "POST", "/settings", json={"faults": {"error_rate": 0, "timeout_rate": 0}}
        )
    lists = await _sandbox_lists(sandbox, "bigwants")
    assert wants["status"] == "succeeded", wants
    assert collection["status"] == "succeeded", collection
    assert sorted(await _all_release_ids(client, headers, "/api/v1/wants")) == sorted(
        lists["want_release_ids"]
    )
    assert sorted(await _all_release_ids(client, headers, "/api/v1/collection")) == sorted(
        lists["collection_release_ids"]
    )
    retries = wants["stats"]["retries"] + collection["stats"]["retries"]
    assert retries > 0, (wants["stats"], collection["stats"])


async def test_a_refused_token_is_a_field_error(
    client: httpx.AsyncClient,
    sandbox_context: AppContext,
) -> None:
    headers = await auth_headers(client)
    refused = await client.post(
        "/api/v1/discogs/link-token", headers=headers, json={"personal_token": "sbx_pat_nobody"}
    )
    assert refused.status_code == 422
    assert refused.json()["error"]["fields"][0]["field"] == "personal_token"


async def test_second_sync_of_the_same_kind_is_refused_while_one_is_queued(
    client: httpx.AsyncClient,
    sandbox_context: AppContext,
    sandbox_info: dict[str, Any],
) -> None:
    headers = await auth_headers(client)
    await link_discogs(
        client,
        headers,
        sandbox_user(sandbox_info, "alice")["discogs_personal_token"],
        sandbox_context,
    )
    queue = QueueOnly()
    sandbox_context.dispatcher = queue
    first = await client.post("/api/v1/wants/sync", headers=headers)
    second = await client.post("/api/v1/wants/sync", headers=headers)
    assert first.status_code == 202
    assert second.status_code == 409
    assert second.json()["error"]["code"] == "run_in_progress"
    other_kind = await client.post("/api/v1/collection/sync", headers=headers)
    assert other_kind.status_code == 202
    assert [name for name, _ in queue.jobs] == ["sync-wants", "sync-collection"]
    for name, args in queue.jobs:
        await run_job(sandbox_context, name, args)
        await run_job(sandbox_context, name, args)  # a redelivered task does nothing more
    runs = (await client.get("/api/v1/runs", headers=headers)).json()["items"]
    assert {(run["kind"], run["status"], run["attempts"]) for run in runs} == {
        ("sync_wants", "succeeded", 1),
        ("sync_collection", "succeeded", 1),
    }
    third = await client.post("/api/v1/wants/sync", headers=headers)
    assert third.status_code == 202


@pytest.mark.parametrize("kind", ["wants", "collection"])
async def test_sync_needs_a_linked_account(
    client: httpx.AsyncClient, sandbox_context: AppContext, kind: str
) -> None:
    headers = await auth_headers(client)
    response = await client.post(f"/api/v1/{kind}/sync", headers=headers)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "discogs_not_linked"


async def test_linking_discogs_starts_both_syncs_once(
    client: httpx.AsyncClient,
    sandbox_context: AppContext,
    sandbox: RunningSandbox,
    sandbox_info: dict[str, Any],
) -> None:
    headers = await auth_headers(client)
    token = sandbox_user(sandbox_info, "alice")["discogs_personal_token"]
    queue = QueueOnly()
    sandbox_context.dispatcher = queue
    linked = await client.post(
        "/api/v1/discogs/link-token", headers=headers, json={"personal_token": token}
    )
    assert linked.status_code == 200, linked.text
    assert [name for name, _ in queue.jobs] == ["sync-wants", "sync-collection"]
    # Linking again while those are queued starts nothing more.
    again = await client.post(
        "/api/v1/discogs/link-token", headers=headers, json={"personal_token": token}
    )
    assert again.status_code == 200 and len(queue.jobs) == 2
    for name, args in queue.jobs:
        await run_job(sandbox_context, name, args)
    # The want list and collection filled without anyone pressing Sync.
    lists = await _sandbox_lists(sandbox, "alice")
    assert sorted(await _all_release_ids(client, headers, "/api/v1/wants")) == sorted(
        lists["want_release_ids"]
    )
    assert sorted(await _all_release_ids(client, headers, "/api/v1/collection")) == sorted(
        lists["collection_release_ids"]
    )


async def test_a_sync_failed_by_upstream_errors_is_tried_again_later(
    client: httpx.AsyncClient,
    sandbox_context: AppContext,
    sandbox: RunningSandbox,
    sandbox_info: dict[str, Any],
) -> None:
    headers = await auth_headers(client)
    await link_discogs(
        client,
        headers,
        sandbox_user(sandbox_info, "alice")["discogs_personal_token"],
        sandbox_context,
    )
    queue = QueueOnly()
    sandbox_context.dispatcher = queue
    started = await client.post("/api/v1/wants/sync", headers=headers)
    assert started.status_code == 202
    run_id = started.json()["id"]
    outage = {"error_rate": 1.0, "fault_seed": 3, "apply_to": ["discogs"]}
    await _control(sandbox, "POST", "/settings", json={"faults": outage})
    try:
        await run_job(sandbox_context, *queue.jobs.pop())
    finally:
        await _control(sandbox, "POST", "/settings", json={"faults": {"error_rate": 0}})
    waiting = (await client.get(f"/api/v1/runs/{run_id}", headers=headers)).json()
    assert (waiting["status"], waiting["attempts"]) == ("queued", 1), waiting
    assert waiting["retry_at"] is not None and "attempt 1 of 3" in waiting["error"]

    await run_job(sandbox_context, "recover-stale-runs")
    assert queue.jobs == []  # its wait is not over
    async with unit_of_work(sandbox_context.session_factory) as session:
        run = await session.get(JobRun, run_id)
        assert run is not None and run.retry_at is not None
        run.retry_at = run.retry_at - timedelta(hours=1)
    await run_job(sandbox_context, "recover-stale-runs")
    assert queue.jobs == [("sync-wants", {"run_id": run_id})]
    await run_job(sandbox_context, *queue.jobs.pop())

    done = (await client.get(f"/api/v1/runs/{run_id}", headers=headers)).json()
    assert (done["status"], done["attempts"], done["retry_at"]) == ("succeeded", 2, None), done
    lists = await _sandbox_lists(sandbox, "alice")
    assert sorted(await _all_release_ids(client, headers, "/api/v1/wants")) == sorted(
        lists["want_release_ids"]
    )
