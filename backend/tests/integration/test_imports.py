"""The companion's path against the sandbox: ids harvested from Shop my wants, read through
the Discogs API, stored, matched and shown; ids that are not wanted listings are reported."""

from __future__ import annotations

import re
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tests.integration.test_search_runs import (
    _control,
    _demo_account_with_search,
    _finish,
    _results,
)
from vinyldigger.core.context import AppContext
from vinyldigger.models import Listing
from vinyldigger.services.imports.queue import import_suggested_sellers
from vinyldigger.services.imports.reader import read_imports
from vinyldigger_sandbox.server import RunningSandbox

LISTING_LINK = re.compile(r'href="[^"]*/sell/item/(\d+)"')
MISSING_LISTING = 987_654_321


async def _page_ids(sandbox: RunningSandbox, path: str, *, login: str | None = None) -> list[int]:
    async with httpx.AsyncClient(base_url=sandbox.base_url, timeout=60) as web:
        if login:
            await web.post("/discogs-web/login", data={"username": login})
        page = await web.get(f"/discogs-web{path}")
        assert page.status_code == 200, page.text[:300]
        return [int(i) for i in dict.fromkeys(LISTING_LINK.findall(page.text))]


async def test_imported_ids_are_read_stored_matched_and_reported(
    client: httpx.AsyncClient,
    sandbox_context: AppContext,
    sandbox: RunningSandbox,
    sandbox_info: dict[str, Any],
    db_session: AsyncSession,
) -> None:
    headers, search_id = await _demo_account_with_search(client, sandbox_context, sandbox_info)
    wanted_ids = await _page_ids(sandbox, "/sell/mywants?limit=25", login="demo")
    assert len(wanted_ids) == 25
    # A listing of a release nobody here wants: one of alice's wants that demo lacks.
    demo_wants = set((await _control(sandbox, "GET", "/users/demo"))["want_release_ids"])
    alice_wants = (await _control(sandbox, "GET", "/users/alice"))["want_release_ids"]
    unwanted = 0
    for other in (r for r in alice_wants if r not in demo_wants):
        on_sale = await _page_ids(sandbox, f"/sell/release/{other}")
        if on_sale:
            unwanted = on_sale[0]
            break
    assert unwanted

    token = (
        await client.post("/api/v1/import-tokens", headers=headers, json={"name": "test"})
    ).json()["token"]
    sent = await client.post(
        "/api/v1/imports",
        headers={"Authorization": f"Bearer {token}"},
        json={"listing_ids": [*wanted_ids, MISSING_LISTING, unwanted], "release_ids": [other]},
    )
    assert sent.status_code == 202, sent.text
    calls = 0
    while True:
        summary = await read_imports(sandbox_context)
        calls += summary.calls
        if not summary.claimed:
            break
    # One call per id, none more.
    assert calls == len(wanted_ids) + 2

    detail = (await client.get(f"/api/v1/imports/{sent.json()['id']}", headers=headers)).json()
    assert detail["done"] and detail["finished_at"]
    assert detail["counts"]["stored"] == len(wanted_ids)
    assert detail["not_found"] == [str(MISSING_LISTING)]
    assert detail["not_wanted"] == [str(unwanted)]
    stored = set(
        await db_session.scalars(
            select(Listing.external_id).where(
                Listing.external_id.in_([str(MISSING_LISTING), str(unwanted)])
            )
        )
    )
    assert stored == set()

    # The search shows them at once, and a run keeps them.
    shown = {
        item["listing"]["external_id"]
        for item in await _results(client, headers, search_id, platform="discogs")
    }
    assert {str(i) for i in wanted_ids} <= shown
    await _finish(
        client,
        sandbox_context,
        headers,
        await client.post(f"/api/v1/searches/{search_id}/run", headers=headers),
    )
    after_run = {
        item["listing"]["external_id"]
        for item in await _results(client, headers, search_id, platform="discogs")
    }
    assert {str(i) for i in wanted_ids} <= after_run

    me = (await client.get("/api/v1/auth/me", headers=headers)).json()
    suggested = await import_suggested_sellers(db_session, me["id"])
    assert suggested and set(suggested) <= set(detail["seller_names"])
