"""Saved searches: validation naming the field, CRUD, pagination and owner scoping."""

from __future__ import annotations

from typing import Any

import httpx

from tests.api.helpers import auth_headers

WANT_LIST_SEARCH: dict[str, Any] = {
    "name": "Everything I want",
    "criteria": {
        "want_list": True,
        "platforms": ["ebay", "discogs"],
        "price_max": "40.00",
        "currency": "EUR",
        "min_media_grade": "VG+",
        "ships_to": "DE",
        "any_pressing": True,
    },
    "check_interval_hours": 6,
}


async def test_create_read_update_delete(client: httpx.AsyncClient) -> None:
    headers = await auth_headers(client)
    created = await client.post("/api/v1/searches", headers=headers, json=WANT_LIST_SEARCH)
    assert created.status_code == 201, created.text
    search = created.json()
    assert search["criteria"]["platforms"] == ["discogs", "ebay"]
    assert search["criteria"]["price_max"] == "40.00"
    assert search["next_run_at"] is not None
    url = f"/api/v1/searches/{search['id']}"
    assert (await client.get(url, headers=headers)).json()["name"] == "Everything I want"
    patched = await client.patch(url, headers=headers, json={"is_active": False, "name": "Later"})
    assert patched.json()["is_active"] is False and patched.json()["name"] == "Later"
    assert (await client.delete(url, headers=headers)).status_code == 204
    assert (await client.get(url, headers=headers)).status_code == 404


async def test_invalid_criteria_name_the_field(client: httpx.AsyncClient) -> None:
    headers = await auth_headers(client)
    cases: list[tuple[dict[str, Any], str]] = [
        ({"platforms": ["amazon"], "keywords": "x"}, "criteria.platforms.0"),
        ({"keywords": "x", "min_media_grade": "great"}, "criteria.min_media_grade"),
        ({"keywords": "x", "ships_to": "Germany"}, "criteria.ships_to"),
        ({"keywords": "x", "price_min": "-1"}, "criteria.price_min"),
        ({"keywords": "x", "surprise": 1}, "criteria.surprise"),
    ]
    for criteria, field in cases:
        response = await client.post(
            "/api/v1/searches", headers=headers, json={"name": "n", "criteria": criteria}
        )
        assert response.status_code == 422, criteria
        assert field in [f["field"] for f in response.json()["error"]["fields"]], response.text
    nothing = await client.post(
        "/api/v1/searches", headers=headers, json={"name": "n", "criteria": {}}
    )
    assert nothing.status_code == 422
    assert "keywords" in nothing.json()["error"]["message"]
    inverted = await client.post(
        "/api/v1/searches",
        headers=headers,
        json={"name": "n", "criteria": {"keywords": "x", "price_min": 50, "price_max": 10}},
    )
    assert inverted.status_code == 422
    assert "price_min" in inverted.json()["error"]["message"]
    bad_interval = await client.post(
        "/api/v1/searches",
        headers=headers,
        json={"name": "n", "criteria": {"keywords": "x"}, "check_interval_hours": 0},
    )
    assert bad_interval.json()["error"]["fields"][0]["field"] == "check_interval_hours"


async def test_list_is_paginated_and_scoped_to_the_owner(client: httpx.AsyncClient) -> None:
    alice = await auth_headers(client)
    bob = await auth_headers(client)
    for index in range(3):
        body = {"name": f"search {index}", "criteria": {"keywords": f"artist {index}"}}
        assert (await client.post("/api/v1/searches", headers=alice, json=body)).is_success
    first = (await client.get("/api/v1/searches?per_page=2", headers=alice)).json()
    assert first["total"] == 3 and first["pages"] == 2 and len(first["items"]) == 2
    second = (await client.get("/api/v1/searches?per_page=2&page=2", headers=alice)).json()
    assert len(second["items"]) == 1
    assert (await client.get("/api/v1/searches", headers=bob)).json()["total"] == 0
    alices_id = first["items"][0]["id"]
    for method in ("GET", "PATCH", "DELETE"):
        response = await client.request(
            method,
            f"/api/v1/searches/{alices_id}",
            headers=bob,
            json={"name": "stolen"} if method == "PATCH" else None,
        )
        assert response.status_code == 404
    assert (await client.get("/api/v1/searches?per_page=500", headers=alice)).status_code == 422
