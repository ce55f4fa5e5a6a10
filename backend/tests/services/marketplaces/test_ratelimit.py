"""The upstream limiter, in memory and in real Redis: never over budget, waits, learns."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from redis.asyncio import Redis

from tests.conftest import make_settings
from vinyldigger.core.redis import create_redis
from vinyldigger.services.marketplaces.discogs.auth import AnonymousAuth
from vinyldigger.services.marketplaces.discogs.client import DiscogsClient, background_keep_free
from vinyldigger.services.marketplaces.ratelimit import (
    BudgetExhausted,
    MemoryUpstreamLimiter,
    RedisUpstreamLimiter,
    ServerBudget,
    UpstreamBudget,
    UpstreamLimiter,
    limiter_for,
)

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
LimiterFactory = Callable[[UpstreamBudget], Awaitable[UpstreamLimiter]]


@pytest.fixture(params=["memory", "redis"])
def make_limiter(
    request: pytest.FixtureRequest, marketplace_redis: Redis, redis_prefix: str
) -> LimiterFactory:
    async def make(budget: UpstreamBudget) -> UpstreamLimiter:
        if request.param == "memory":
            return MemoryUpstreamLimiter(budget)
        return RedisUpstreamLimiter(marketplace_redis, budget, prefix=redis_prefix)

    return make


async def test_hands_out_capacity_then_waits_for_the_oldest_slot(
    make_limiter: LimiterFactory,
) -> None:
    limiter = await make_limiter(UpstreamBudget("t", limit=4, window_seconds=0.4, reserve=1))
    started = time.monotonic()
    slots = [await limiter.acquire() for _ in range(3)]
    assert all(slot.waited_seconds == 0 for slot in slots)
    for slot in slots:
        await limiter.release(slot)
    fourth = await limiter.acquire()
    # The reserve keeps one of the four calls back; the fourth waits for a slot to expire.
    assert fourth.waited_seconds > 0.3
    assert time.monotonic() - started >= 0.38
    assert await limiter.in_use() == 1


async def test_tells_the_caller_how_long_it_waits(make_limiter: LimiterFactory) -> None:
    limiter = await make_limiter(UpstreamBudget("t", limit=1, window_seconds=0.3, reserve=0))
    told: list[float] = []

    async def listen(seconds: float) -> None:
        told.append(seconds)

    await limiter.acquire(on_wait=listen)
    assert told == []  # no wait, nothing to tell
    slot = await limiter.acquire(on_wait=listen)
    # One wait announced with its length, then "done waiting" once the slot is ours.
    assert len(told) >= 2 and told[-1] == 0
    assert all(0 < seconds <= 0.35 for seconds in told[:-1])
    assert slot.waited_seconds >= told[0] - 0.001


async def test_gives_up_beyond_max_wait(make_limiter: LimiterFactory) -> None:
    limiter = await make_limiter(UpstreamBudget("t", limit=2, window_seconds=30, reserve=0))
    await limiter.acquire()
    await limiter.acquire()
    with pytest.raises(BudgetExhausted) as raised:
        await limiter.acquire(max_wait=0.5)
    assert 29 < raised.value.retry_after <= 30


async def test_adopts_the_server_count_and_window(make_limiter: LimiterFactory) -> None:
    limiter = await make_limiter(UpstreamBudget("t", limit=60, window_seconds=30, reserve=1))
    slot = await limiter.acquire()
    # The server has seen 8 calls (someone else on this IP) and allows only 10 per window.
    await limiter.release(slot, ServerBudget(limit=10, remaining=2))
    assert await limiter.in_use() == 8
    await limiter.acquire()  # 9 of the adopted capacity 10 - 1
    with pytest.raises(BudgetExhausted):
        await limiter.acquire(max_wait=0.1)


async def test_background_callers_leave_their_share_to_the_others(
    make_limiter: LimiterFactory,
) -> None:
    limiter = await make_limiter(UpstreamBudget("t", limit=10, window_seconds=30, reserve=1))
    # Keeping 5 free, a background caller gets 10 - 1 - 5 = 4 slots of the window.
    background = [await limiter.acquire(keep_free=5) for _ in range(4)]
    assert all(slot.waited_seconds == 0 for slot in background)
    with pytest.raises(BudgetExhausted):
        await limiter.acquire(max_wait=0.1, keep_free=5)
    # Everyone else still has the rest of the budget.
    others = [await limiter.acquire(max_wait=0.1) for _ in range(5)]
    assert len(others) == 5
    assert await limiter.in_use() == 9


async def test_server_count_below_ours_changes_nothing(make_limiter: LimiterFactory) -> None:
    limiter = await make_limiter(UpstreamBudget("t", limit=60, window_seconds=30))
    slots = [await limiter.acquire() for _ in range(5)]
    await limiter.release(slots[0], ServerBudget(limit=60, remaining=58))
    assert await limiter.in_use() == 5


async def test_pause_holds_every_caller(make_limiter: LimiterFactory) -> None:
    limiter = await make_limiter(UpstreamBudget("t", limit=100, window_seconds=60))
    await limiter.pause(0.3)
    slot = await limiter.acquire()
    assert slot.waited_seconds >= 0.29


async def test_two_processes_share_one_budget_without_exceeding_it(
    redis_prefix: str,
) -> None:
    """Two Redis connections (as two worker processes would have) hammer one budget."""
    window, capacity = 0.5, 19
    budget = UpstreamBudget("shared", limit=capacity + 1, window_seconds=window, reserve=1)
    url_clients = [create_redis(TEST_REDIS_URL) for _ in range(2)]
    limiters = [RedisUpstreamLimiter(c, budget, prefix=redis_prefix) for c in url_clients]
    acquired: list[float] = []
    duration = 1.6
    started = time.monotonic()

    async def worker(limiter: UpstreamLimiter) -> None:
        while time.monotonic() - started < duration:
            slot = await limiter.acquire(max_wait=5)
            if time.monotonic() - started >= duration:
                await limiter.release(slot)
                return
            acquired.append(time.monotonic())
            await asyncio.sleep(0.005)  # the call itself
            await limiter.release(slot)

    try:
        await asyncio.gather(*(worker(limiters[i % 2]) for i in range(8)))
    finally:
        for client in url_clients:
            await client.delete(f"{redis_prefix}shared:slots", f"{redis_prefix}shared:state")
            await client.aclose()
    acquired.sort()
    # Never more than `capacity` calls in any window (20 ms allowed for clock reading jitter).
    for index, moment in enumerate(acquired):
        in_window = [t for t in acquired[: index + 1] if t > moment - window + 0.02]
        assert len(in_window) <= capacity
    # And the budget is used past its first window. How fully is a speed figure, measured by
    # the `sync_rate` benchmark (its target: 90% of the limit): a busy machine slows the
    # workers here, not the limiter.
    assert len(acquired) > capacity


def test_memory_limiters_are_shared_per_key() -> None:
    budget = UpstreamBudget("per-process-key", limit=10, window_seconds=60)
    first = limiter_for(budget, None)
    second = limiter_for(UpstreamBudget("per-process-key", limit=20, window_seconds=60), None)
    assert first is second and second.budget.limit == 20
    assert limiter_for(UpstreamBudget("other-key", limit=10, window_seconds=60), None) is not first


async def test_redis_limiter_when_redis_is_given(marketplace_redis: Redis) -> None:
    limiter = limiter_for(UpstreamBudget("k", limit=1, window_seconds=1), marketplace_redis)
    assert isinstance(limiter, RedisUpstreamLimiter)


async def test_background_discogs_clients_keep_the_rest_of_the_window_free(
    tmp_path: Path,
) -> None:
    settings = make_settings(
        tmp_path,
        VINYLDIGGER_DISCOGS_RATE_LIMIT_PER_MINUTE=60,
        VINYLDIGGER_DISCOGS_BACKGROUND_SHARE=0.25,
    )
    assert background_keep_free(settings) == 45
    async with (
        DiscogsClient.create(settings, AnonymousAuth(), background=True) as background,
        DiscogsClient.create(settings, AnonymousAuth()) as foreground,
    ):
        assert background._transport.keep_free == 45
        assert foreground._transport.keep_free == 0
