"""NUL and other control characters are refused with 422, on PostgreSQL as on SQLite."""

from __future__ import annotations

import httpx

from tests.api.helpers import auth_headers


async def test_nul_in_a_query_string_is_422(client: httpx.AsyncClient) -> None:
    headers = await auth_headers(client)
    response = await client.get("/api/v1/wants?q=blue%00train", headers=headers)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "control_character"


async def test_nul_in_a_json_string_is_422(client: httpx.AsyncClient) -> None:
    headers = await auth_headers(client)
    response = await client.post(
        "/api/v1/searches",
        content=b'{"name": "Blue\\u0000Train", "criteria": {"keywords": "blue train"}}',
        headers={**headers, "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "control_character"


async def test_other_control_escapes_are_422_but_line_breaks_pass(
    client: httpx.AsyncClient,
) -> None:
    bell = await client.post(
        "/api/v1/auth/login",
        content=b'{"email": "a\\u0007@example.com", "password": "whatever it is"}',
        headers={"Content-Type": "application/json"},
    )
    assert bell.status_code == 422
    line_break = await client.post(
        "/api/v1/auth/login",
        content=b'{"email": "nobody@example.com", "password": "two\\nlines here"}',
        headers={"Content-Type": "application/json"},
    )
    assert line_break.status_code == 401


async def test_an_escaped_backslash_before_u0000_is_text_not_a_control(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(
        "/api/v1/auth/login",
        content=b'{"email": "nobody@example.com", "password": "back\\\\u0000slash"}',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 401
