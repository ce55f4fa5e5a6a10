"""Runs: listing, detail, owner scoping, and the live event stream."""

from __future__ import annotations

import asyncio
import json

import httpx
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from tests.api.helpers import auth_headers
from vinyldigger.api.app import create_app
from vinyldigger.core.config import Settings
from vinyldigger.core.context import AppContext
from vinyldigger.core.database import create_session_factory, unit_of_work
from vinyldigger.core.ratelimit import MemoryRateLimiter
from vinyldigger.core.security import SecretBox
from vinyldigger.models import JobRun, User
from vinyldigger.models.base import utcnow


async def _user_id(client: httpx.AsyncClient, headers: dict[str, str]) -> int:
    return int((await client.get("/api/v1/auth/me", headers=headers)).json()["id"])


async def test_runs_are_listed_streamed_and_private(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    headers = await auth_headers(client)
    owner = await db_session.get(User, await _user_id(client, headers))
    assert owner is not None
    finished = JobRun(
        user_id=owner.id,
        kind="sync_wants",
        status="succeeded",
        counts={"added": 3},
        stats={"calls": 2},
        progress_done=2,
        progress_total=2,
        started_at=utcnow(),
        finished_at=utcnow(),
    )
    db_session.add(finished)
    await db_session.commit()
    run_id = finished.id  # the API's rollbacks below expire the instance

    listed = (await client.get("/api/v1/runs?kind=sync_wants", headers=headers)).json()
    assert [run["id"] for run in listed["items"]] == [run_id]

    stranger = await auth_headers(client)
    assert (await client.get(f"/api/v1/runs/{run_id}", headers=stranger)).status_code == 404
    hidden = await client.get(f"/api/v1/runs/{run_id}/events", headers=stranger)
    assert hidden.status_code == 404
    assert (await client.get(f"/api/v1/runs/{run_id}/events")).status_code == 401


async def test_the_event_stream_follows_a_run_to_its_end(
    backend: str, migrated_engines: dict[str, AsyncEngine], settings: Settings
) -> None:
    """Against really committed rows: the stream reads in short units of work of its own."""
    engine = migrated_engines[backend]
    factory = create_session_factory(engine)
    real = AppContext(
        settings=settings,
        engine=engine,
        session_factory=factory,
        redis=None,
        rate_limiter=MemoryRateLimiter(),
        secret_box=SecretBox(settings.encryption_key_list),
    )
    app = create_app(real.settings, context=real, run_jobs=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        headers = await auth_headers(http)
        user_id = await _user_id(http, headers)
        async with unit_of_work(factory) as session:
            run = JobRun(
                user_id=user_id,
                kind="sync_wants",
                status="running",
                counts={},
                stats={},
                progress_done=1,
                progress_total=3,
                started_at=utcnow(),
            )
            session.add(run)
            await session.flush()
            run_id = run.id

        async def finish_soon() -> None:
            await asyncio.sleep(0.7)
            async with unit_of_work(factory) as session:
                row = await session.get(JobRun, run_id)
                assert row is not None
                row.status, row.progress_done, row.finished_at = "succeeded", 3, utcnow()

        events = []
        finisher = asyncio.create_task(finish_soon())
        try:
            async with http.stream(
                "GET", f"/api/v1/runs/{run_id}/events", headers=headers
            ) as response:
                assert response.status_code == 200
                async for line in response.aiter_lines():
                    if line.startswith("data:"):
                        events.append(json.loads(line.removeprefix("data:").strip()))
        finally:
            await finisher
            async with unit_of_work(factory) as session:
                await session.execute(delete(User).where(User.id == user_id))
    assert [event["status"] for event in events] == ["running", "succeeded"]
    assert events[-1]["progress_done"] == 3


async def test_runs_report_typed_counts_for_their_kind(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    headers = await auth_headers(client)
    owner_id = await _user_id(client, headers)
    stored_search_counts = {
        "results": 5,
        "new_results": 2,
        "gone_results": 1,
        "platforms": {"ebay": {"seen": 9, "results": 5, "new": 2, "failed_sources": 1}},
        "sources": {"ebay:q:nico": {"seen": 9, "complete": False, "error": "eBay: 503"}},
        "market_summaries": {"checked": 3, "failed": 0},
    }
    search = JobRun(
        user_id=owner_id,
        kind="search",
        status="succeeded",
        counts=stored_search_counts,
        stats={"calls": 4, "waited_seconds": 1.5, "ebay": {"calls": 4}, "live": {"steps": []}},
    )
    queued = JobRun(user_id=owner_id, kind="sync_collection", counts={}, stats={})
    db_session.add_all([search, queued])
    await db_session.commit()
    search_id, queued_id = search.id, queued.id

    body = (await client.get(f"/api/v1/runs/{search_id}", headers=headers)).json()
    assert (body["kind"], body["status"], body["sync"]) == ("search", "succeeded", None)
    counts = body["search"]
    # Keys an older run did not store read as zero.
    assert counts["ended_results"] == 0 and counts["errors"] == []
    assert counts["platforms"]["ebay"] == {
        "seen": 9,
        "results": 5,
        "new": 2,
        "new_listings": 0,
        "changed": 0,
        "gone": 0,
        "failed_sources": 1,
        "absent_sellers": 0,
    }
    assert counts["sources"]["ebay:q:nico"]["error"] == "eBay: 503"
    assert body["stats"]["calls"] == 4 and body["stats"]["retries"] == 0
    assert body["stats_by_platform"]["ebay"]["calls"] == 4

    waiting = (await client.get(f"/api/v1/runs/{queued_id}", headers=headers)).json()
    assert (waiting["status"], waiting["sync"], waiting["search"]) == ("queued", None, None)
    assert waiting["stats"]["calls"] == 0

    unknown = await client.get("/api/v1/runs?kind=nonsense", headers=headers)
    assert unknown.status_code == 422
