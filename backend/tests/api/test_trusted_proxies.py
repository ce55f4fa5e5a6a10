"""X-Forwarded-For counts only from configured proxies: the login limit per address holds."""

from __future__ import annotations

import dataclasses

import httpx

from vinyldigger.api.app import create_app
from vinyldigger.api.proxies import behind_trusted_proxies
from vinyldigger.core.context import AppContext

LIMIT = 3


def _client(context: AppContext, trusted: str, peer: str) -> httpx.AsyncClient:
    settings = context.settings.model_copy(
        update={"trusted_proxies": trusted, "auth_requests_per_minute_per_ip": LIMIT}
    )
    served = dataclasses.replace(context, settings=settings)
    app = behind_trusted_proxies(create_app(settings, context=served, run_jobs=False), settings)
    transport = httpx.ASGITransport(app=app, client=(peer, 4321))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def _logins_with_spoofed_addresses(http: httpx.AsyncClient) -> list[int]:
    statuses = []
    for attempt in range(LIMIT + 1):
        response = await http.post(
            "/api/v1/auth/login",
            json={"email": "nobody@example.com", "password": "not the right one"},
            headers={"X-Forwarded-For": f"198.51.100.{attempt + 1}"},
        )
        statuses.append(response.status_code)
    return statuses


async def test_a_spoofed_forwarded_for_is_ignored_without_a_trusted_proxy(
    context: AppContext,
) -> None:
    async with _client(context, trusted="", peer="127.0.0.1") as http:
        statuses = await _logins_with_spoofed_addresses(http)
    assert statuses == [401] * LIMIT + [429]


async def test_a_client_that_is_not_the_configured_proxy_cannot_spoof_either(
    context: AppContext,
) -> None:
    async with _client(context, trusted="10.0.0.2", peer="203.0.113.7") as http:
        statuses = await _logins_with_spoofed_addresses(http)
    assert statuses == [401] * LIMIT + [429]


async def test_the_configured_proxy_names_each_client(context: AppContext) -> None:
    async with _client(context, trusted="10.0.0.2", peer="10.0.0.2") as http:
        statuses = await _logins_with_spoofed_addresses(http)
    assert statuses == [401] * (LIMIT + 1)
