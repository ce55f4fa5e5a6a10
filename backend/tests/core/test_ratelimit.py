"""Both rate limiters keep the same sliding-window and backoff rules."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from vinyldigger.core.ratelimit import Backoff, MemoryRateLimiter, RateLimiter, RedisRateLimiter

BACKOFF = Backoff(free=3, cap_s=10, forget_after_s=3600)


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(params=["memory", "redis"])
async def limiter(
    request: pytest.FixtureRequest, redis_client: Redis
) -> AsyncIterator[RateLimiter]:
    if request.param == "memory":
        yield MemoryRateLimiter()
    else:
        yield RedisRateLimiter(redis_client, prefix=f"vd-test:{uuid.uuid4().hex}:")


@pytest.fixture(params=["memory", "redis"])
async def clocked_limiter(
    request: pytest.FixtureRequest, redis_client: Redis, clock: Clock
) -> AsyncIterator[RateLimiter]:
    if request.param == "memory":
        yield MemoryRateLimiter(clock=clock)
    else:
        yield RedisRateLimiter(redis_client, prefix=f"vd-test:{uuid.uuid4().hex}:", clock=clock)


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


def test_backoff_doubles_from_the_free_failures_up_to_the_cap() -> None:
    assert [BACKOFF.delay_after(n) for n in range(1, 9)] == [0, 0, 1, 2, 4, 8, 10, 10]
    assert BACKOFF.delay_after(10**9) == 10


async def test_failures_past_the_free_ones_make_the_key_wait_longer_each_time(
    clocked_limiter: RateLimiter, clock: Clock
) -> None:
    for _ in range(2):
        assert await clocked_limiter.add_failure("k", BACKOFF) == 0
        assert await clocked_limiter.backoff_remaining("k") is None
    waits = []
    for _ in range(5):
        waits.append(await clocked_limiter.add_failure("k", BACKOFF))
        assert await clocked_limiter.backoff_remaining("k") == waits[-1]
        clock.now += waits[-1] - 0.25
        assert await clocked_limiter.backoff_remaining("k") == 1
        clock.now += 0.25
        assert await clocked_limiter.backoff_remaining("k") is None
    assert waits == [1, 2, 4, 8, 10]
    assert await clocked_limiter.backoff_remaining("other") is None
    await clocked_limiter.reset("k")
    assert await clocked_limiter.add_failure("k", BACKOFF) == 0


async def test_a_shorter_wait_never_cuts_a_longer_one(
    clocked_limiter: RateLimiter, clock: Clock
) -> None:
    for _ in range(5):
        await clocked_limiter.add_failure("k", BACKOFF)
    assert await clocked_limiter.backoff_remaining("k") == 4
    await clocked_limiter.add_failure("k", Backoff(free=100, cap_s=10, forget_after_s=3600))
    assert await clocked_limiter.backoff_remaining("k") == 4


async def test_failures_are_forgotten_after_a_quiet_spell(clock: Clock) -> None:
    limiter = MemoryRateLimiter(clock=clock)
    for _ in range(4):
        await limiter.add_failure("k", BACKOFF)
    clock.now += BACKOFF.forget_after_s
    assert await limiter.backoff_remaining("k") is None
    assert await limiter.add_failure("k", BACKOFF) == 0


async def test_the_memory_limiter_sweeps_keys_it_no_longer_needs(clock: Clock) -> None:
    limiter = MemoryRateLimiter(clock=clock)
    for n in range(MemoryRateLimiter.SWEEP_EVERY - 1):
        await limiter.add_failure(f"attacker-{n}", BACKOFF)
        await limiter.hit(f"window-{n}", limit=5, window_s=60)
    clock.now += BACKOFF.forget_after_s
    await limiter.add_failure("fresh", BACKOFF)
    await limiter.hit("fresh-window", limit=5, window_s=60)
    await limiter.hit("fresh-window", limit=5, window_s=60)
    assert await limiter.backoff_remaining("fresh") is None
    assert len(limiter._failures) + len(limiter._events) < 10
