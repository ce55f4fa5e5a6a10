"""Request bodies over the limit are refused with 413 and never read whole."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx

FIFTY_MB = 50 * 1024 * 1024


async def test_a_50_mb_login_body_is_refused_with_413(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/v1/auth/login",
        content=b"{" + b" " * FIFTY_MB + b"}",
        headers={"Content-Type": "application/json", "X-Request-ID": "big-1"},
    )
    assert response.status_code == 413
    body = response.json()
    assert body["error"]["code"] == "payload_too_large"
    assert body["request_id"] == "big-1"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


async def test_a_chunked_body_is_cut_off_once_it_passes_the_limit(
    client: httpx.AsyncClient,
) -> None:
    sent_chunks = 0

    async def chunks() -> AsyncIterator[bytes]:
        nonlocal sent_chunks
        for _ in range(50):
            sent_chunks += 1
            yield b" " * (1024 * 1024)

    response = await client.post(
        "/api/v1/auth/login", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    # The limit is 256 kB, so the first 1 MB chunk already passes it.
    assert sent_chunks < 50


async def test_a_body_within_the_limit_reaches_the_endpoint(client: httpx.AsyncClient) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"email": "nobody@example.com",'
        yield b' "password": "not the right one"}'

    response = await client.post(
        "/api/v1/auth/login", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 401
