"""Small helpers for API tests: accounts and auth headers."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from vinyldigger.api.app import create_app
from vinyldigger.core.context import AppContext

PASSWORD = "correct horse battery"


def unique_email(prefix: str = "user") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}@example.com"


async def register(client: httpx.AsyncClient, email: str | None = None) -> dict[str, Any]:
    response = await client.post(
        "/api/v1/auth/register", json={"email": email or unique_email(), "password": PASSWORD}
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def login(client: httpx.AsyncClient, email: str) -> dict[str, Any]:
    response = await client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def auth_headers(client: httpx.AsyncClient, email: str | None = None) -> dict[str, str]:
    user = await register(client, email)
    tokens = await login(client, user["email"])
    return {"Authorization": f"Bearer {tokens['access_token']}"}


REFRESH_COOKIE = "vd_refresh"
DEVICE_COOKIE = "vd_device"


def browser(context: AppContext, address: str = "127.0.0.1") -> httpx.AsyncClient:
    """Another browser on the same instance: its own cookie jar, and the address it comes from."""
    app = create_app(context.settings, context=context, run_jobs=False)
    transport = httpx.ASGITransport(app=app, client=(address, 50_000), raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


def refresh_token_of(http: httpx.AsyncClient) -> str:
    """The refresh token the browser holds in its cookie."""
    token = http.cookies.get(REFRESH_COOKIE)
    assert token, "no refresh cookie"
    return token


async def refresh_with(http: httpx.AsyncClient, refresh_token: str) -> httpx.Response:
    """Presents a given refresh token as an API client does, in the body."""
    return await http.post("/api/v1/auth/refresh", json={"refresh_token": refresh_token})


class HeldJobs:
    """A dispatcher that keeps what is enqueued until the test carries it out: the test's one
    database session cannot serve a job and a request at the same moment."""

    def __init__(self) -> None:
        self.jobs: list[tuple[str, dict[str, int]]] = []

    def enqueue(self, name: str, args: dict[str, int] | None = None) -> None:
        self.jobs.append((name, args or {}))


async def plan_basket(
    client: httpx.AsyncClient, context: Any, headers: dict[str, str], body: dict[str, Any]
) -> dict[str, Any]:
    """Ask for a plan (202 and its run), carry out the job, and return the finished run."""
    from vinyldigger.workers.jobs import run_job

    held, previous = HeldJobs(), context.dispatcher
    context.dispatcher = held
    try:
        started = await client.post("/api/v1/basket/plan", headers=headers, json=body)
        assert started.status_code == 202, started.text
        for name, args in held.jobs:
            await run_job(context, name, args)
    finally:
        context.dispatcher = previous
    run = await client.get(f"/api/v1/runs/{started.json()['id']}", headers=headers)
    finished: dict[str, Any] = run.json()
    return finished


async def planned_basket(
    client: httpx.AsyncClient, context: Any, headers: dict[str, str], body: dict[str, Any]
) -> dict[str, Any]:
    """Plan the basket and return the plan it made (the latest plan)."""
    run = await plan_basket(client, context, headers, body)
    assert run["status"] == "succeeded", run
    latest = await client.get("/api/v1/basket/plans/latest", headers=headers)
    assert latest.status_code == 200, latest.text
    plan: dict[str, Any] = latest.json()
    assert plan["id"] == run["basket_plan"]["plan_id"]
    return plan
