"""Import tokens: created once, listed masked, revoked; good for the import endpoint only."""

from __future__ import annotations

from typing import Any

import httpx

from tests.api.helpers import auth_headers
from tests.api.test_strangers import QueueingDispatcher
from vinyldigger.core.context import AppContext

METHODS = ("get", "put", "post", "delete", "patch")
IMPORTS = "/api/v1/imports"


async def _token(client: httpx.AsyncClient, headers: dict[str, str], name: str = "Firefox") -> Any:
    created = await client.post("/api/v1/import-tokens", headers=headers, json={"name": name})
    assert created.status_code == 201, created.text
    return created.json()


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_a_token_is_shown_once_listed_masked_and_stops_working_when_revoked(
    client: httpx.AsyncClient, context: AppContext
) -> None:
    context.dispatcher = QueueingDispatcher()
    headers = await auth_headers(client)
    created = await _token(client, headers)
    assert created["token"].startswith("vdi_") and created["hint"] == created["token"][-4:]
    listed = (await client.get("/api/v1/import-tokens", headers=headers)).json()
    assert listed["total"] == 1 and "token" not in listed["items"][0]
    assert listed["items"][0]["last_used_at"] is None

    sent = await client.post(
        IMPORTS, headers=_bearer(created["token"]), json={"listing_ids": [5, 5, 6]}
    )
    assert sent.status_code == 202, sent.text
    assert sent.json()["listings"] == 2 and sent.json()["counts"]["queued"] == 2
    assert context.dispatcher.jobs == [("read-imports", None)]
    history = (await client.get(IMPORTS, headers=headers)).json()
    assert [item["id"] for item in history["items"]] == [sent.json()["id"]]
    listed = (await client.get("/api/v1/import-tokens", headers=headers)).json()
    assert listed["items"][0]["last_used_at"] is not None

    revoked = await client.delete(f"/api/v1/import-tokens/{created['id']}", headers=headers)
    assert revoked.status_code == 204
    again = await client.post(IMPORTS, headers=_bearer(created["token"]), json={"listing_ids": [7]})
    assert again.status_code == 401


async def test_imports_take_only_bounded_lists_of_ids(
    client: httpx.AsyncClient, context: AppContext
) -> None:
    context.dispatcher = QueueingDispatcher()
    token = (await _token(client, await auth_headers(client)))["token"]
    bad_bodies: list[Any] = [
        {"listing_ids": [0]},
        {"listing_ids": [-3]},
        {"listing_ids": ["12a"]},
        {"listing_ids": [2**53]},
        {"listing_ids": list(range(1, 502))},
        {"listing_ids": [1], "html": "<html>"},
        {"listing_ids": [1], "cookies": "session=1"},
        [1, 2, 3],
    ]
    for body in bad_bodies:
        response = await client.post(IMPORTS, headers=_bearer(token), json=body)
        assert response.status_code == 422, (body, response.text)
    ok = await client.post(
        IMPORTS, headers=_bearer(token), json={"listing_ids": [1, 2], "release_ids": [249504]}
    )
    assert ok.status_code == 202 and ok.json()["releases"] == 1


async def test_an_access_token_cannot_import(client: httpx.AsyncClient) -> None:
    headers = await auth_headers(client)
    response = await client.post(IMPORTS, headers=headers, json={"listing_ids": [1]})
    assert response.status_code == 401
    assert (await client.post(IMPORTS, json={"listing_ids": [1]})).status_code == 401


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def _filled(path: str) -> str:
    return "/".join("1" if part.startswith("{") else part for part in path.split("/"))


async def test_an_import_token_calls_no_other_endpoint(
    client: httpx.AsyncClient, context: AppContext
) -> None:
    """Every operation of the route table answers the import token exactly as it answers a
    request with no credentials at all: the token grants nothing but imports."""
    context.dispatcher = QueueingDispatcher()
    headers = await auth_headers(client)
    token = (await _token(client, headers))["token"]
    document = (await client.get("/api/openapi.json")).json()
    operations = _operations(document)
    assert len(operations) > 40
    # Neither request carries the browser session's cookies.
    client.cookies.clear()
    refused = 0
    for path, method, operation in operations:
        if operation["operationId"] == "imports-create":
            continue
        url = _filled(path)
        kwargs: dict[str, Any] = {"json": {}} if "requestBody" in operation else {}
        anonymous = await client.request(method.upper(), url, **kwargs)
        with_token = await client.request(method.upper(), url, headers=_bearer(token), **kwargs)
        assert with_token.status_code == anonymous.status_code, (operation["operationId"], url)
        assert not with_token.is_success or anonymous.is_success, operation["operationId"]
        refused += with_token.status_code == 401
    assert refused > 30
    # The user's own data is unchanged: no token was created or revoked by the token.
    listed = (await client.get("/api/v1/import-tokens", headers=headers)).json()
    assert listed["total"] == 1 and listed["items"][0]["revoked_at"] is None


async def test_only_the_import_endpoint_answers_extension_origins(
    client: httpx.AsyncClient,
) -> None:
    extension = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
    preflight = await client.options(
        IMPORTS,
        headers={
            "Origin": extension,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == extension
    assert "Authorization" in preflight.headers["access-control-allow-headers"]
    refused = await client.post(IMPORTS, headers={"Origin": extension}, json={"listing_ids": [1]})
    assert refused.status_code == 401
    assert refused.headers["access-control-allow-origin"] == extension

    for origin, path in (
        ("https://evil.example", IMPORTS),
        (extension, "/api/v1/auth/me"),
        (extension, "/api/v1/import-tokens"),
        ("moz-extension://x/../y", IMPORTS),
    ):
        answer = await client.get(path, headers={"Origin": origin})
        assert "access-control-allow-origin" not in answer.headers, (origin, path)
        options = await client.options(
            path, headers={"Origin": origin, "Access-Control-Request-Method": "GET"}
        )
        assert "access-control-allow-origin" not in options.headers, (origin, path)
