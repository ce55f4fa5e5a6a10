"""The read-imports job without Discogs: what it reports, and the queue's bounds."""

from __future__ import annotations

from datetime import timedelta

import httpx
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.helpers import auth_headers
from tests.api.test_strangers import QueueingDispatcher
from vinyldigger.core.context import AppContext
from vinyldigger.models import ImportItem
from vinyldigger.models.base import utcnow
from vinyldigger.services.imports.reader import CLAIM_EXPIRES, read_imports


async def _import(client: httpx.AsyncClient, ids: list[int]) -> tuple[dict[str, str], int]:
    headers = await auth_headers(client)
    token = (
        await client.post("/api/v1/import-tokens", headers=headers, json={"name": "t"})
    ).json()["token"]
    sent = await client.post(
        "/api/v1/imports", headers={"Authorization": f"Bearer {token}"}, json={"listing_ids": ids}
    )
    assert sent.status_code == 202, sent.text
    return headers, int(sent.json()["id"])


async def test_ids_of_a_user_without_discogs_fail_with_the_reason_and_cost_no_call(
    client: httpx.AsyncClient, context: AppContext, db_session: AsyncSession
) -> None:
    context.dispatcher = QueueingDispatcher()
    headers, import_id = await _import(client, [11, 12])
    summary = await read_imports(context)
    assert (summary.claimed, summary.calls) == (2, 0)
    detail = (await client.get(f"/api/v1/imports/{import_id}", headers=headers)).json()
    assert detail["done"] and detail["counts"]["failed"] == 2
    assert sorted(detail["failed"]) == ["11", "12"]
    errors = set(await db_session.scalars(select(ImportItem.error)))
    assert errors == {"Link a Discogs account in Settings"}
    assert (await read_imports(context)).claimed == 0


async def test_a_claim_whose_reader_died_is_given_back(
    client: httpx.AsyncClient, context: AppContext, db_session: AsyncSession
) -> None:
    context.dispatcher = QueueingDispatcher()
    await _import(client, [21])
    await _import(client, [22])
    stale = utcnow() - CLAIM_EXPIRES - timedelta(seconds=1)
    for external_id, claim, at in (("21", "dead", stale), ("22", "alive", utcnow())):
        await db_session.execute(
            update(ImportItem)
            .where(ImportItem.external_id == external_id)
            .values(status="reading", claim=claim, claimed_at=at)
        )
    summary = await read_imports(context)
    # The dead reader's id is read again; the live reader's is left to it.
    assert summary.claimed == 1
    rows = await db_session.execute(select(ImportItem.external_id, ImportItem.status))
    statuses = {external_id: status for external_id, status in rows}
    assert statuses == {"21": "failed", "22": "reading"}


async def test_a_full_queue_refuses_more_ids(
    client: httpx.AsyncClient, context: AppContext
) -> None:
    context.dispatcher = QueueingDispatcher()
    context.settings = context.settings.model_copy(update={"import_max_pending": 3})
    headers = await auth_headers(client)
    token = (
        await client.post("/api/v1/import-tokens", headers=headers, json={"name": "t"})
    ).json()["token"]
    bearer = {"Authorization": f"Bearer {token}"}
    assert (
        await client.post("/api/v1/imports", headers=bearer, json={"listing_ids": [1, 2]})
    ).status_code == 202
    full = await client.post("/api/v1/imports", headers=bearer, json={"listing_ids": [3, 4]})
    assert full.status_code == 429
    assert full.json()["error"]["code"] == "import_queue_full"
    assert full.headers["retry-after"] == "60"
