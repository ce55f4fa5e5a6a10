"""Another user reaches none of a user's data, through any operation of the OpenAPI document.

The operations come from the document itself: an operation whose path takes an id needs a
recipe here (which of the owner's ids to use, and a valid body when it takes one), so a new
endpoint cannot be left out.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.helpers import auth_headers
from vinyldigger.core.context import AppContext
from vinyldigger.models import ListingMatch, Release, Want
from vinyldigger.services import listings as listing_service
from vinyldigger.services.marketplaces import dto
from vinyldigger.workers.jobs import run_job

METHODS = ("get", "put", "post", "delete", "patch")
# Discogs catalogue ids are shared by everyone: each user sees a release in their own light.
CATALOGUE_IDS = {"release_id"}
# A valid body for each operation that takes one, so the answer is about ownership.
BODIES: dict[str, Any] = {
    "searches-update": {"name": "Taken over", "is_active": False},
    "wants-update-limits": {"max_price": "1.00"},
    "matches-decide": {"verdict": "rejected"},
    "admin-update-user": {"is_active": False},
    "basket-wants-save": {"choice": "skip", "max_price": "1.00", "any_pressing": True},
    "basket-item-bought": {"bought": True},
    "alerts-rules-put": {"name": "Taken over", "events": ["price_drop"], "channels": ["email"]},
}
RULE = {"name": "Everything", "events": ["new_wanted_listing"], "channels": ["in_app"]}
SEARCH = {"name": "Nico records", "criteria": {"keywords": "Nico Chelsea Girl"}}


class QueueingDispatcher:
    def __init__(self) -> None:
        self.jobs: list[tuple[str, dict[str, int] | None]] = []

    def enqueue(self, name: str, args: dict[str, int] | None = None) -> None:
        self.jobs.append((name, args))


@dataclass
class OwnersData:
    headers: dict[str, str]
    ids: dict[str, int]


async def _owner_with_data(
    client: httpx.AsyncClient, session: AsyncSession, context: AppContext
) -> OwnersData:
    context.dispatcher = QueueingDispatcher()
    headers = await auth_headers(client)
    me = (await client.get("/api/v1/auth/me", headers=headers)).json()
    search = await client.post("/api/v1/searches", headers=headers, json=SEARCH)
    assert search.status_code == 201, search.text
    run = await client.post(f"/api/v1/searches/{search.json()['id']}/run", headers=headers)
    assert run.status_code == 202, run.text
    # The want list and a matched listing, as a sync and a search run would leave them.
    release_id = 10_000_000 + uuid.uuid4().int % 1_000_000
    session.add(
        Release(
            id=release_id,
            title="Chelsea Girl",
            artists=["Nico"],
            artists_sort="Nico",
            labels=[],
            formats=["Vinyl", "LP"],
            barcodes=[],
        )
    )
    await session.flush()
    want = Want(user_id=me["id"], release_id=release_id, date_added=datetime.now(UTC))
    session.add(want)
    listing = dto.Listing(
        platform="ebay",
        listing_id=f"stranger-{release_id}",
        title="Nico - Chelsea Girl LP",
        price=dto.Money(amount=Decimal("25.00"), currency="EUR"),
        seller=dto.SellerRef(username="shop"),
        url="https://example.com/item",
    )
    stored = await listing_service.ingest(session, [listing], seen_at=datetime.now(UTC))
    match = ListingMatch(
        user_id=me["id"],
        listing_id=stored.ids[("ebay", listing.listing_id)],
        release_id=release_id,
        score=0.9,
        method="fuzzy",
        confidence="high",
        evidence={},
        is_wanted=True,
    )
    session.add(match)
    await session.commit()
    token = await client.post("/api/v1/import-tokens", headers=headers, json={"name": "Mine"})
    imported = await client.post(
        "/api/v1/imports",
        headers={"Authorization": f"Bearer {token.json()['token']}"},
        json={"listing_ids": [123]},
    )
    assert imported.status_code == 202, imported.text
    plan = await client.post("/api/v1/basket/plan", headers=headers, json={})
    assert plan.status_code == 202, plan.text
    await run_job(context, "plan-basket", {"run_id": plan.json()["id"]})
    rule = await client.post("/api/v1/alerts/rules", headers=headers, json=RULE)
    target = await client.post(
        "/api/v1/alerts/push-targets",
        headers=headers,
        json={"name": "phone", "url": "ntfy://owner-topic"},
    )
    notification = await client.post("/api/v1/alerts/test/in-app", headers=headers)
    for created in (rule, target, notification):
        assert created.is_success, created.text
    ids: dict[str, int] = {
        "token_id": token.json()["id"],
        "import_id": imported.json()["id"],
        "rule_id": rule.json()["id"],
        "target_id": target.json()["id"],
        "notification_id": notification.json()["id"],
        "search_id": search.json()["id"],
        "run_id": run.json()["id"],
        "want_id": want.id,
        "match_id": match.id,
        "user_id": me["id"],
        "release_id": release_id,
        "plan_id": plan.json()["subject_id"],
        "listing_id": match.listing_id,
        "max_sellers": 1,
    }
    return OwnersData(headers, ids)


async def _snapshot(client: httpx.AsyncClient, owner: OwnersData) -> dict[str, Any]:
    """What the owner sees of their data."""
    ids, headers = owner.ids, owner.headers
    search = await client.get(f"/api/v1/searches/{ids['search_id']}", headers=headers)
    run = await client.get(f"/api/v1/runs/{ids['run_id']}", headers=headers)
    wants = await client.get("/api/v1/wants", headers=headers)
    me = await client.get("/api/v1/auth/me", headers=headers)
    release = await client.get(f"/api/v1/releases/{ids['release_id']}", headers=headers)
    tokens = await client.get("/api/v1/import-tokens", headers=headers)
    imported = await client.get(f"/api/v1/imports/{ids['import_id']}", headers=headers)
    plan = await client.get(f"/api/v1/basket/plans/{ids['plan_id']}", headers=headers)
    choices = await client.get("/api/v1/basket/wants", headers=headers)
    rule = await client.get(f"/api/v1/alerts/rules/{ids['rule_id']}", headers=headers)
    targets = await client.get("/api/v1/alerts/push-targets", headers=headers)
    bell = await client.get("/api/v1/notifications", headers=headers)
    for response in (
        search,
        run,
        wants,
        me,
        release,
        tokens,
        imported,
        plan,
        choices,
        rule,
        targets,
        bell,
    ):
        assert response.status_code == 200, response.text
    return {
        "search": search.json(),
        "run": run.json(),
        "wants": [(w["id"], w["max_price"]) for w in wants.json()["items"]],
        "me": me.json(),
        "release": release.json(),
        "tokens": tokens.json(),
        "import": imported.json(),
        "plan": plan.json(),
        "want_choices": choices.json(),
        "rule": rule.json(),
        "push_targets": targets.json(),
        "notifications": bell.json(),
    }


def _id_operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    found = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            parameters = operation.get("parameters", []) if method in METHODS else []
            if any(p["in"] == "path" and p["name"].endswith("_id") for p in parameters):
                found.append((path, method, operation))
    return found


def _url(path: str, operation: dict[str, Any], ids: dict[str, int]) -> str:
    for parameter in operation.get("parameters", []):
        name = parameter["name"]
        if parameter["in"] == "path":
            assert name in ids, f"no recipe for {{{name}}} in {path}: add one to this test"
            path = path.replace("{" + name + "}", str(ids[name]))
    return path


async def test_a_stranger_reaches_none_of_the_owners_data(
    client: httpx.AsyncClient, db_session: AsyncSession, context: AppContext
) -> None:
    owner = await _owner_with_data(client, db_session, context)
    before = await _snapshot(client, owner)
    # What the stranger must not see is there for the owner.
    assert before["release"]["relation"]["wanted"] is True
    assert str(owner.ids["match_id"]) in _match_ids(before["release"])
    stranger = await auth_headers(client)
    document = (await client.get("/api/openapi.json")).json()
    operations = _id_operations(document)
    assert len(operations) >= 12
    for path, method, operation in operations:
        operation_id = operation["operationId"]
        url = _url(path, operation, owner.ids)
        kwargs: dict[str, Any] = {"headers": stranger}
        if "requestBody" in operation:
            assert operation_id in BODIES, f"no body recipe for {operation_id}: add one"
            kwargs["json"] = BODIES[operation_id]
        response = await client.request(method.upper(), url, **kwargs)
        parameters = {p["name"] for p in operation["parameters"] if p["in"] == "path"}
        if parameters <= CATALOGUE_IDS:
            # The stranger's own view of a shared release: nothing of the owner's in it.
            assert response.status_code == 200, (operation_id, response.text)
            assert str(owner.ids["match_id"]) not in _match_ids(response.json()), operation_id
            if "relation" in response.json():
                assert response.json()["relation"]["wanted"] is False
            continue
        assert response.status_code in (403, 404), (operation_id, response.status_code)
        assert response.json()["error"]["code"] in ("forbidden", "not_found"), operation_id
    assert await _snapshot(client, owner) == before


def _match_ids(body: Any) -> set[str]:
    """Every id of a `match` object anywhere in the answer."""
    found: set[str] = set()
    if isinstance(body, dict):
        match = body.get("match")
        if isinstance(match, dict) and "id" in match:
            found.add(str(match["id"]))
        for value in body.values():
            found |= _match_ids(value)
    elif isinstance(body, list):
        for value in body:
            found |= _match_ids(value)
    return found
