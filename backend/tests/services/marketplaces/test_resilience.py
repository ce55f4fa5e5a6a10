"""Retries and rate limits end to end, against the sandbox's injected faults and its limiter."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import pytest
from pydantic import SecretStr
from redis.asyncio import Redis

from tests.services.marketplaces.conftest import (
    SandboxControl,
    client_settings,
    own_address_client,
    random_address,
)
from vinyldigger.core.redis import create_redis
from vinyldigger.services.credentials import EbayCredentials
from vinyldigger.services.marketplaces.discogs.auth import PersonalTokenAuth
from vinyldigger.services.marketplaces.discogs.client import DiscogsClient
from vinyldigger.services.marketplaces.ebay.client import EbayClient
from vinyldigger.services.marketplaces.ebay.query import EbaySearch
from vinyldigger.services.marketplaces.errors import RateLimited, UpstreamUnavailable
from vinyldigger.services.marketplaces.ratelimit import (
    MemoryUpstreamLimiter,
    RedisUpstreamLimiter,
    ServerBudget,
    Slot,
    UpstreamBudget,
    UpstreamLimiter,
    WaitListener,
)
from vinyldigger_sandbox.server import RunningSandbox

OpenDiscogs = Callable[..., Any]


@pytest.fixture
def open_discogs(sandbox: RunningSandbox, sandbox_users: dict[str, dict[str, Any]]) -> OpenDiscogs:
    token = SecretStr(sandbox_users["demo"]["discogs_personal_token"])

    @asynccontextmanager
    async def open_(
        limiter: UpstreamLimiter | None = None, address: str | None = None, **overrides: Any
    ) -> AsyncIterator[DiscogsClient]:
        settings = client_settings(sandbox, **overrides)
        budget = UpstreamBudget("discogs-test", limit=100_000, window_seconds=60)
        async with (
            own_address_client(settings, address) as http,
            DiscogsClient.create(
                settings,
                PersonalTokenAuth(token=token),
                http=http,
                limiter=limiter or MemoryUpstreamLimiter(budget),
            ) as client,
        ):
            yield client

    return open_


async def identities(client: DiscogsClient, count: int) -> None:
    for _ in range(count):
        assert (await client.identity()).username == "demo"


async def test_server_errors_are_retried_and_counted(
    open_discogs: OpenDiscogs, sandbox_control: SandboxControl
) -> None:
    await sandbox_control.configure(faults={"error_rate": 0.4, "fault_seed": 3})
    async with open_discogs() as client:
        await identities(client, 15)
    stats = client.stats
    assert stats.server_errors > 0 and stats.retries == stats.server_errors
    assert stats.calls == 15 + stats.retries and stats.backoff_seconds > 0


async def test_timeouts_are_retried_and_counted(
    open_discogs: OpenDiscogs, sandbox_control: SandboxControl
) -> None:
    await sandbox_control.configure(
        faults={"timeout_rate": 0.3, "timeout_hang_seconds": 20, "fault_seed": 5}
    )
    async with open_discogs(VINYLDIGGER_MARKETPLACE_READ_TIMEOUT=0.3) as client:
        await identities(client, 8)
    assert client.stats.timeouts > 0 and client.stats.retries == client.stats.timeouts


async def test_truncated_bodies_are_retried_and_counted(
    open_discogs: OpenDiscogs, sandbox_control: SandboxControl
) -> None:
    await sandbox_control.configure(faults={"truncate_rate": 0.4, "fault_seed": 7})
    async with open_discogs() as client:
        pages = [page async for page in client.wants_pages("demo", per_page=25)]
    assert sum(len(page.items) for page in pages) == 150
    assert client.stats.invalid_bodies > 0
    assert client.stats.retries == client.stats.invalid_bodies


async def test_gives_up_after_the_attempt_cap(
    open_discogs: OpenDiscogs, sandbox_control: SandboxControl
) -> None:
    await sandbox_control.configure(faults={"error_rate": 1.0})
    async with open_discogs(VINYLDIGGER_MARKETPLACE_RETRY_ATTEMPTS=3) as client:
        with pytest.raises(UpstreamUnavailable) as raised:
            await client.identity()
    assert (client.stats.calls, client.stats.server_errors, client.stats.retries) == (3, 3, 2)
    assert "3 attempts" in str(raised.value) and "sbx_pat" not in str(raised.value)


async def test_ebay_daily_limit_ends_in_rate_limited(
    sandbox: RunningSandbox,
    sandbox_users: dict[str, dict[str, Any]],
    sandbox_control: SandboxControl,
    redis_prefix: str,
) -> None:
    bob = sandbox_users["bob"]
    credentials = EbayCredentials(
        client_id=bob["ebay_client_id"],
        client_secret=SecretStr(bob["ebay_client_secret"]),
        marketplace_id="EBAY_GB",
        buyer_country="GB",
        buyer_postal_code="SW1A 1AA",
    )
    used_today = sum(
        count
        for (client, _), count in sandbox.state.ebay_calls.items()
        if client == credentials.client_id
    )
    await sandbox_control.configure(ebay_daily_call_limit=used_today + 2)
    settings = client_settings(sandbox, VINYLDIGGER_MARKETPLACE_RETRY_ATTEMPTS=3)
    budget = UpstreamBudget("ebay-test", limit=1000, window_seconds=60)
    async with (
        own_address_client(settings) as http,
        EbayClient.create(
            settings,
            credentials,
            http=http,
            limiter=MemoryUpstreamLimiter(budget),
            token_cache_prefix=redis_prefix,
        ) as client,
    ):
        search = EbaySearch(q="LP")
        await client.search(search)
        await client.search(search)
        with pytest.raises(RateLimited) as raised:
            await client.search(search)
    assert raised.value.status_code == 429 and client.stats.http_429 == 3


async def test_adopts_the_server_limit_and_waits_instead_of_failing(
    open_discogs: OpenDiscogs, sandbox_control: SandboxControl
) -> None:
    """Configured for 100 calls a second; the server allows 8 and says so in its headers."""
    await sandbox_control.configure(discogs_rate_limit=8, discogs_rate_window_seconds=1.0)
    limiter = MemoryUpstreamLimiter(UpstreamBudget("adopt", limit=100, window_seconds=1.0))
    started = time.monotonic()
    async with open_discogs(limiter=limiter) as client:
        await asyncio.gather(*(identities(client, 5) for _ in range(4)))
    assert client.stats.http_429 == 0 and client.stats.calls == 20
    assert client.stats.waited_seconds > 0
    # 20 calls at 7 (8 less the reserve) per second need two more windows after the first.
    assert time.monotonic() - started >= 2.0


class RecordingLimiter(UpstreamLimiter):
    """Notes when each slot is handed out; everything else is the real limiter's."""

    def __init__(self, inner: UpstreamLimiter, granted: list[float]) -> None:
        super().__init__(inner.budget)
        self._inner = inner
        self._granted = granted

    async def acquire(
        self,
        max_wait: float | None = None,
        on_wait: WaitListener | None = None,
        *,
        keep_free: int = 0,
    ) -> Slot:
        slot = await self._inner.acquire(max_wait, on_wait, keep_free=keep_free)
        self._granted.append(time.monotonic())
        return slot

    async def _try_reserve(self, slot_id: str, keep_free: int = 0) -> float:
        raise AssertionError("acquire() delegates to the inner limiter")

    async def release(self, slot: Slot, server: ServerBudget | None = None) -> None:
        await self._inner.release(slot, server)

    async def pause(self, seconds: float) -> None:
        await self._inner.pause(seconds)

    async def in_use(self) -> int:
        return await self._inner.in_use()


async def test_two_processes_share_the_budget_without_429(
    open_discogs: OpenDiscogs, sandbox_control: SandboxControl, redis_prefix: str
) -> None:
    """Two clients with their own Redis connections (as two worker processes would have),
    four concurrent callers each, one machine as far as the server can tell. Three windows'
    worth of calls: the shared budget holds them back instead of the server refusing them.
    How fully they use the limit is a speed figure, measured by the `sync_rate` benchmark."""
    window, server_limit = 1.0, 20
    await sandbox_control.configure(
        discogs_rate_limit=server_limit, discogs_rate_window_seconds=window
    )
    budget = UpstreamBudget("shared", limit=server_limit, window_seconds=window)
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    connections: list[Redis] = [create_redis(url), create_redis(url)]
    granted: list[float] = []
    limiters = [
        RecordingLimiter(RedisUpstreamLimiter(c, budget, prefix=redis_prefix), granted)
        for c in connections
    ]
    address = random_address()
    callers, calls_each = 4, 3 * server_limit // 8

    try:
        async with (
            open_discogs(limiter=limiters[0], address=address) as first,
            open_discogs(limiter=limiters[1], address=address) as second,
        ):
            await asyncio.gather(
                *(identities(c, calls_each) for c in (first, second) for _ in range(callers))
            )
    finally:
        for connection in connections:
            await connection.aclose()
    assert first.stats.http_429 == 0 and second.stats.http_429 == 0
    assert first.stats.calls == second.stats.calls == callers * calls_each
    assert len(granted) == 2 * callers * calls_each
    assert first.stats.waited_seconds + second.stats.waited_seconds > 0
