"""Both rate limiters keep the same sliding-window rules."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from vinyldigger.core.ratelimit import MemoryRateLimiter, RateLimiter, RedisRateLimiter


@pytest.fixture(params=["memory", "redis"])
async def limiter(
    request: pytest.FixtureRequest, redis_client: Redis
) -> AsyncIterator[RateLimiter]:
    if request.param == "memory":
        yield MemoryRateLimiter()
    else:
        yield RedisRateLimiter(redis_client, prefix=f"vd-test:{uuid.uuid4().hex}:")


async def test_hits_within_limit_pass_then_block_with_retry_after(limiter: RateLimiter) -> None:
    for _ in range(3):
        assert await limiter.hit("k", limit=3, window_s=60) is None
    retry = await limiter.hit("k", limit=3, window_s=60)
    assert retry is not None and 1 <= retry <= 60
    assert await limiter.hit("other", limit=3, window_s=60) is None


async def test_blocked_for_does_not_record(limiter: RateLimiter) -> None:
    assert await limiter.blocked_for("k", limit=1, window_s=60) is None
    assert await limiter.blocked_for("k", limit=1, window_s=60) is None
    await limiter.hit("k", limit=1, window_s=60)
    assert await limiter.blocked_for("k", limit=1, window_s=60) is not None
    await limiter.reset("k")
    assert await limiter.blocked_for("k", limit=1, window_s=60) is None


async def test_window_slides(limiter: RateLimiter) -> None:
    assert await limiter.hit("k", limit=1, window_s=1) is None
    assert await limiter.hit("k", limit=1, window_s=1) is not None
    import asyncio

    await asyncio.sleep(1.1)
    assert await limiter.hit("k", limit=1, window_s=1) is None
