"""Recorded marketplace responses, a Redis client, and the sandbox marketplace in-process."""

from __future__ import annotations

import json
import os
import random
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from redis.asyncio import Redis

from vinyldigger.core.config import Settings
from vinyldigger.core.redis import create_redis
from vinyldigger_sandbox.server import RunningSandbox, running_sandbox
from vinyldigger_sandbox.settings import SandboxSettings

BACKEND_DIR = Path(__file__).resolve().parents[3]
REPO_ROOT = BACKEND_DIR.parent
OWN_DATA_DIR = Path(__file__).resolve().parent / "data"


def shared_fixtures_dir() -> Path:
    """The recorded real responses beside the repository (../shared/fixtures), or the
    directory named by VINYLDIGGER_FIXTURES_DIR."""
    override = os.environ.get("VINYLDIGGER_FIXTURES_DIR")
    return Path(override) if override else REPO_ROOT.parent / "shared" / "fixtures"


def load_shared(relative: str) -> Any:
    path = shared_fixtures_dir() / relative
    if not path.is_file():
        pytest.skip(
            f"recorded fixture {relative} not found under {shared_fixtures_dir()} "
            "(set VINYLDIGGER_FIXTURES_DIR to the shared fixtures directory)"
        )
    return json.loads(path.read_text(encoding="utf-8"))


def load_own(name: str) -> Any:
    return json.loads((OWN_DATA_DIR / name).read_text(encoding="utf-8"))


@pytest.fixture
async def marketplace_redis() -> AsyncIterator[Redis]:
    client = create_redis(os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15"))
    yield client
    await client.aclose()


@pytest.fixture
async def redis_prefix(marketplace_redis: Redis) -> AsyncIterator[str]:
    """A key prefix of this test's own; its keys are removed afterwards."""
    prefix = f"vd-test-marketplaces:{uuid.uuid4().hex}:"
    yield prefix
    async for key in marketplace_redis.scan_iter(match=f"{prefix}*"):
        await marketplace_redis.delete(key)


# -- the sandbox marketplace, in-process ------------------------------------------------

# High limits for everything except the tests whose subject is the limit; each of those
# sets its own limit and talks from its own client address (X-Forwarded-For).
RELAXED_SANDBOX = {
    "discogs_rate_limit": 100_000,
    "discogs_rate_limit_unauthenticated": 100_000,
    "discogs_rate_window_seconds": 60.0,
    "ebay_daily_call_limit": 1_000_000,
    "ebay_token_ttl_seconds": 7_200,
    "trust_forwarded_for": True,
    "faults": {},
}


@pytest.fixture(scope="session")
def sandbox() -> Iterator[RunningSandbox]:
    settings = SandboxSettings.model_validate({"size": "small", "seed": 11, **RELAXED_SANDBOX})
    with running_sandbox(settings) as running:
        yield running


@pytest.fixture(scope="session")
def sandbox_users(sandbox: RunningSandbox) -> dict[str, dict[str, Any]]:
    info = httpx.get(f"{sandbox.base_url}/sandbox/info", timeout=60).json()
    return {user["username"]: user for user in info["users"]}


@pytest.fixture
async def sandbox_control(sandbox: RunningSandbox) -> AsyncIterator[SandboxControl]:
    async with httpx.AsyncClient(base_url=f"{sandbox.base_url}/sandbox", timeout=60) as http:
        control = SandboxControl(http)
        yield control
        await control.configure(**RELAXED_SANDBOX)


class SandboxControl:
    """The sandbox's own control endpoints (/sandbox/*), which are never faulted."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def configure(self, **changes: Any) -> None:
        response = await self.http.post("/settings", json=changes)
        response.raise_for_status()

    async def user(self, username: str) -> dict[str, Any]:
        response = await self.http.get(f"/users/{username}")
        response.raise_for_status()
        result: dict[str, Any] = response.json()
        return result


def client_settings(sandbox: RunningSandbox, **overrides: Any) -> Settings:
    """Client settings pointing at the sandbox, with quick retries for the tests."""
    values: dict[str, Any] = {
        "VINYLDIGGER_DISCOGS_BASE_URL": sandbox.discogs_base_url,
        "VINYLDIGGER_DISCOGS_WEB_URL": f"{sandbox.base_url}/discogs-web",
        "VINYLDIGGER_EBAY_BASE_URL": sandbox.ebay_base_url,
        "VINYLDIGGER_EBAY_AUTH_URL": sandbox.ebay_base_url,
        "VINYLDIGGER_MARKETPLACE_READ_TIMEOUT": 10.0,
        "VINYLDIGGER_MARKETPLACE_RETRY_ATTEMPTS": 6,
        "VINYLDIGGER_MARKETPLACE_RETRY_BASE_DELAY": 0.01,
        "VINYLDIGGER_MARKETPLACE_RETRY_MAX_DELAY": 0.1,
        "VINYLDIGGER_MARKETPLACE_MAX_WAIT": 30.0,
    }
    values.update(overrides)
    return Settings.model_validate(values)


def random_address() -> str:
    return f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


def own_address_client(settings: Settings, address: str | None = None) -> httpx.AsyncClient:
    """An HTTP client the sandbox sees as a separate machine, so rate-limit counts of
    different tests do not mix."""
    address = address or random_address()
    return httpx.AsyncClient(
        headers={"X-Forwarded-For": address},
        timeout=httpx.Timeout(
            settings.marketplace_read_timeout_seconds,
            connect=settings.marketplace_connect_timeout_seconds,
        ),
    )
