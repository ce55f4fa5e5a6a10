"""The buyer's basket choices: defaults from the profile, validated updates kept per user, and
per-want choices on a paginated list."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.helpers import auth_headers
from tests.api.test_converted_totals import RELEASE_A, RELEASE_B, stock_shelf

CHOICES = {
    "min_media_grade": "VG+",
    "min_sleeve_grade": "VG",
    "budget": "120.50",
    "max_parcels": 5,
    "default_value": "30",
}


async def want_choices(
    client: httpx.AsyncClient, headers: dict[str, str], **params: Any
) -> dict[str, Any]:
    response = await client.get("/api/v1/basket/wants", headers=headers, params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def want_id_of(client: httpx.AsyncClient, headers: dict[str, str], release_id: int) -> int:
    page = await want_choices(client, headers, per_page=100)
    return int(next(w["want_id"] for w in page["items"] if w["release_id"] == release_id))


async def test_choices_start_from_the_profile_and_are_kept_per_user(
    client: httpx.AsyncClient,
) -> None:
    owner = await auth_headers(client)
    await client.patch("/api/v1/auth/me", headers=owner, json={"min_media_grade": "NM"})
    first = await client.get("/api/v1/basket/choices", headers=owner)
    assert first.status_code == 200
    assert first.json() == {
        "min_media_grade": "NM",
        "min_sleeve_grade": None,
        "budget": None,
        "max_parcels": None,
        "default_value": None,
        "currency": "EUR",
    }
    saved = await client.put("/api/v1/basket/choices", headers=owner, json=CHOICES)
    assert saved.status_code == 200, saved.text
    expected = {**CHOICES, "default_value": "30.00", "currency": "EUR"}
    assert saved.json() == expected
    assert (await client.get("/api/v1/basket/choices", headers=owner)).json() == expected
    # Another user has their own defaults.
    stranger = await auth_headers(client)
    theirs = (await client.get("/api/v1/basket/choices", headers=stranger)).json()
    assert theirs["budget"] is None and theirs["max_parcels"] is None
    # Clearing a limit is saying null.
    cleared = await client.put(
        "/api/v1/basket/choices", headers=owner, json={**CHOICES, "budget": None}
    )
    assert cleared.json()["budget"] is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"min_media_grade": "Mint-ish"}, "min_media_grade"),
        ({"budget": "-1"}, "budget"),
        ({"max_parcels": 0}, "max_parcels"),
        ({"max_parcels": 501}, "max_parcels"),
        ({"surprise": True}, "surprise"),
    ],
)
async def test_invalid_choices_are_refused_with_the_field(
    client: httpx.AsyncClient, change: dict[str, Any], field: str
) -> None:
    headers = await auth_headers(client)
    refused = await client.put("/api/v1/basket/choices", headers=headers, json={**change})
    assert refused.status_code == 422, refused.text
    assert any(field in error["field"] for error in refused.json()["error"]["fields"])


async def test_per_want_choices_are_listed_by_page_and_saved(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    shelf = await stock_shelf(client, db_session)
    first = await want_choices(client, shelf.headers, per_page=1)
    assert first["total"] == 2 and first["pages"] == 2 and len(first["items"]) == 1
    second = await want_choices(client, shelf.headers, per_page=1, page=2)
    rows = first["items"] + second["items"]
    assert {row["release_id"] for row in rows} == {RELEASE_A, RELEASE_B}
    assert all(row["choice"] == "optional" and row["bought"] is False for row in rows)
    assert {row["release"] for row in rows} == {"Nico - Chelsea Girl", "Nico - The Marble Index"}

    want_id = await want_id_of(client, shelf.headers, RELEASE_A)
    body = {"choice": "must", "max_price": "18", "any_pressing": True}
    saved = await client.put(f"/api/v1/basket/wants/{want_id}", headers=shelf.headers, json=body)
    assert saved.status_code == 200, saved.text
    assert saved.json()["choice"] == "must" and saved.json()["max_price"] == "18.00"
    assert saved.json()["any_pressing"] is True
    # The max price is the same limit the want list shows.
    wants = (await client.get("/api/v1/wants", headers=shelf.headers)).json()["items"]
    assert {w["release"]["id"]: w["max_price"] for w in wants}[RELEASE_A] == "18.00"

    bad = await client.put(
        f"/api/v1/basket/wants/{want_id}", headers=shelf.headers, json={"choice": "maybe"}
    )
    assert bad.status_code == 422
    stranger = await auth_headers(client)
    taken = await client.put(f"/api/v1/basket/wants/{want_id}", headers=stranger, json=body)
    assert taken.status_code == 404
