"""Fixtures for the sandbox marketplace's own tests: small worlds, in-process and on a socket."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from vinyldigger_sandbox.app import create_app, sandbox_state
from vinyldigger_sandbox.server import RunningSandbox, running_sandbox
from vinyldigger_sandbox.settings import SandboxSettings
from vinyldigger_sandbox.state import SandboxState

USER_AGENT = "VinylDiggerSandboxTests/1.0 +https://example.org/vinyldigger"
EBAY_SCOPE = "https://api.ebay.com/oauth/api_scope"


class FakeClock:
    """A monotonic clock the test moves by hand (rate-limit windows, token expiry)."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def small_settings(**overrides: Any) -> SandboxSettings:
    """A small world with limits high enough not to get in the way of other subjects."""
    values: dict[str, Any] = {
        "size": "small",
        "seed": 11,
        "discogs_rate_limit": 10_000,
        "discogs_rate_limit_unauthenticated": 10_000,
    }
    values.update(overrides)
    return SandboxSettings.model_validate(values)


def client_for(
    app: FastAPI, *, address: str = "127.0.0.1", user_agent: str | None = USER_AGENT
) -> httpx.AsyncClient:
    headers = {"User-Agent": user_agent} if user_agent is not None else {}
    transport = httpx.ASGITransport(app=app, client=(address, 50_000))
    return httpx.AsyncClient(transport=transport, base_url="http://sandbox.test", headers=headers)


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def app(fake_clock: FakeClock) -> FastAPI:
    return create_app(small_settings(), clock=fake_clock)


@pytest.fixture
def state(app: FastAPI) -> SandboxState:
    return sandbox_state(app)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(app) as http:
        yield http


@pytest.fixture
def make_app(fake_clock: FakeClock) -> Callable[..., FastAPI]:
    def build(**overrides: Any) -> FastAPI:
        return create_app(small_settings(**overrides), clock=fake_clock)

    return build


@pytest.fixture
async def info(client: httpx.AsyncClient) -> dict[str, Any]:
    response = await client.get("/sandbox/info")
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


def user_entry(info: dict[str, Any], username: str) -> dict[str, Any]:
    return next(user for user in info["users"] if user["username"] == username)


def token_header(info: dict[str, Any], username: str = "demo") -> dict[str, str]:
    return {
        "Authorization": f"Discogs token={user_entry(info, username)['discogs_personal_token']}"
    }


async def ebay_token(
    client: httpx.AsyncClient, info: dict[str, Any], username: str = "demo"
) -> str:
    user = user_entry(info, username)
    response = await client.post(
        "/ebay/identity/v1/oauth2/token",
        auth=(user["ebay_client_id"], user["ebay_client_secret"]),
        data={"grant_type": "client_credentials", "scope": EBAY_SCOPE},
    )
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


def ebay_headers(token: str, country: str = "US", postal_code: str = "19406") -> dict[str, str]:
    return {
        "Authorization": f"Bearer {token}",
        "X-EBAY-C-MARKETPLACE-ID": "EBAY_US",
        "X-EBAY-C-ENDUSERCTX": f"contextualLocation=country%3D{country}%2Czip%3D{postal_code}",
    }


@pytest.fixture(scope="module")
def live_sandbox() -> Iterator[RunningSandbox]:
    """A sandbox on a real socket, for what only a real connection shows (timeouts, cuts)."""
    with running_sandbox(small_settings(seed=5)) as running:
        yield running
