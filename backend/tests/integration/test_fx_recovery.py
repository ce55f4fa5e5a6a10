"""The rates source down when the app starts, then back: the rates arrive minutes later, not
12 hours later, and the release page that lacked converted totals shows them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from tests.integration.test_search_runs import _control, _demo_account_with_search, _finish
from vinyldigger.core.context import AppContext
from vinyldigger.models import FxRefreshState
from vinyldigger.services import fx_refresh
from vinyldigger.workers.jobs import START_JOBS, run_job
from vinyldigger_sandbox.server import RunningSandbox

FX_DOWN = {"faults": {"error_rate": 1.0, "apply_to": ["fx"], "fault_seed": 1}}


async def _state(session: AsyncSession) -> FxRefreshState:
    state = await session.get(FxRefreshState, fx_refresh.STATE_ID, populate_existing=True)
    assert state is not None
    return state


async def _release_view(
    client: httpx.AsyncClient, headers: dict[str, str], release_id: int
) -> dict[str, Any]:
    response = await client.get(f"/api/v1/releases/{release_id}", headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_rates_down_at_start_up_load_minutes_after_the_source_is_back(
    client: httpx.AsyncClient,
    sandbox_context: AppContext,
    sandbox: RunningSandbox,
    sandbox_info: dict[str, Any],
    db_session: AsyncSession,
) -> None:
    # Two attempts per refresh keep the test within the process-wide ECB call budget.
    sandbox_context.settings = sandbox_context.settings.model_copy(
        update={"marketplace_retry_attempts": 2}
    )
    await _control(sandbox, "POST", "/settings", json=FX_DOWN)
    try:
        # Start-up: what the runner and the scheduler enqueue first.
        assert "refresh-fx-when-due" in START_JOBS
        await run_job(sandbox_context, "refresh-fx-when-due")
        failed = await _state(db_session)
        assert failed.consecutive_failures == 1 and failed.last_success_at is None
        assert failed.last_attempt_at is not None and failed.next_attempt_at is not None
        retry_in = failed.next_attempt_at - failed.last_attempt_at
        assert retry_in == timedelta(minutes=1)
        assert failed.last_error is not None and "HTTP 5" in failed.last_error

        headers, search_id = await _demo_account_with_search(client, sandbox_context, sandbox_info)
        await _finish(
            client,
            sandbox_context,
            headers,
            await client.post(f"/api/v1/searches/{search_id}/run", headers=headers),
        )
        status = (await client.get("/api/v1/fx/status", headers=headers)).json()
        assert status["missing"] is True and status["last_error"] == failed.last_error
        # A wanted release offered in a currency other than the user's (EUR); without rates,
        # those listings sort after every EUR one, so they are looked for on every page.
        release_id = await _release_offered_in_another_currency(client, headers, search_id)
        before = await _release_view(client, headers, release_id)
        assert before["rates_as_of"] is None
        offered = [o["listing"] for o in before["offers"]]
        foreign = [o for o in offered if o["price"]["currency"] != "EUR"]
        assert foreign and all(o["converted_total"] is None for o in foreign)
        assert all(o["converted_missing"]["reason"] == "no_rate" for o in foreign)

        await _control(sandbox, "POST", "/settings", json={"faults": {}})
        # The scheduler's next ticks: not yet due a second early, fetched when due.
        due = failed.next_attempt_at
        assert not await fx_refresh.refresh_when_due(sandbox_context, due - timedelta(seconds=1))
        assert await fx_refresh.refresh_when_due(sandbox_context, due)
    finally:
        await _control(sandbox, "POST", "/settings", json={"faults": {}})

    loaded = await _state(db_session)
    assert loaded.consecutive_failures == 0 and loaded.last_success_at == due
    assert loaded.next_attempt_at == due + timedelta(hours=12)
    status = (await client.get("/api/v1/fx/status", headers=headers)).json()
    assert status["missing"] is False and status["rates_date"] is not None

    after = await _release_view(client, headers, release_id)
    assert after["rates_as_of"] == status["rates_date"]
    offers = [offer["listing"] for offer in after["offers"]]
    assert all(offer["converted_total"]["currency"] == "EUR" for offer in offers), offers
    assert any(o["price"]["currency"] != "EUR" for o in offers)


async def _release_offered_in_another_currency(
    client: httpx.AsyncClient, headers: dict[str, str], search_id: int
) -> int:
    page = 1
    while True:
        body = (
            await client.get(
                f"/api/v1/searches/{search_id}/results",
                headers=headers,
                params={"per_page": 100, "page": page},
            )
        ).json()
        for item in body["items"]:
            if item["listing"]["price"]["currency"] != "EUR" and item["release_id"] is not None:
                return int(item["release_id"])
        if page * 100 >= body["total"]:
            raise AssertionError("no result is priced in a currency other than EUR")
        page += 1
