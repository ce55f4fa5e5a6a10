"""Sliding-window rate limits for user actions: in memory (embedded) or in Redis (shared)."""

from __future__ import annotations

import asyncio
import math
import time
import uuid
from collections import deque
from typing import Protocol

from redis.asyncio import Redis


class RateLimiter(Protocol):
    async def hit(self, key: str, limit: int, window_s: int) -> int | None:
        """Record one event; return seconds to wait if it exceeded the limit, else None."""

    async def blocked_for(self, key: str, limit: int, window_s: int) -> int | None:
        """Seconds to wait if `limit` events already happened in the window, without recording."""

    async def reset(self, key: str) -> None: ...


def _retry_after(oldest: float, window_s: int, now: float) -> int:
    return max(1, math.ceil(oldest + window_s - now))


class MemoryRateLimiter:
    def __init__(self) -> None:
        self._events: dict[str, deque[float]] = {}
        self._lock = asyncio.Lock()

    def _window(self, key: str, window_s: int, now: float) -> deque[float]:
        events = self._events.setdefault(key, deque())
        while events and events[0] <= now - window_s:
            events.popleft()
        return events

    async def hit(self, key: str, limit: int, window_s: int) -> int | None:
        async with self._lock:
            now = time.monotonic()
            events = self._window(key, window_s, now)
            if len(events) >= limit:
                return _retry_after(events[0], window_s, now)
            events.append(now)
            return None

    async def blocked_for(self, key: str, limit: int, window_s: int) -> int | None:
        async with self._lock:
            now = time.monotonic()
            events = self._window(key, window_s, now)
            return _retry_after(events[0], window_s, now) if len(events) >= limit else None

    async def reset(self, key: str) -> None:
        async with self._lock:
            self._events.pop(key, None)


class RedisRateLimiter:
    """Sorted-set sliding window, shared by every API replica."""

    def __init__(self, redis: Redis, prefix: str = "vd:rl:") -> None:
        self._redis = redis
        self._prefix = prefix

    async def _trim_and_count(self, key: str, window_s: int, now: float) -> tuple[int, float]:
        full = self._prefix + key
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.zremrangebyscore(full, 0, now - window_s)
            pipe.zcard(full)
            pipe.zrange(full, 0, 0, withscores=True)
            _, count, oldest = await pipe.execute()
        oldest_score = float(oldest[0][1]) if oldest else now
        return int(count), oldest_score

    async def hit(self, key: str, limit: int, window_s: int) -> int | None:
        now = time.time()
        count, oldest = await self._trim_and_count(key, window_s, now)
        if count >= limit:
            return _retry_after(oldest, window_s, now)
        full = self._prefix + key
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.zadd(full, {f"{now}:{uuid.uuid4().hex}": now})
            pipe.expire(full, window_s + 1)
            await pipe.execute()
        return None

    async def blocked_for(self, key: str, limit: int, window_s: int) -> int | None:
        now = time.time()
        count, oldest = await self._trim_and_count(key, window_s, now)
        return _retry_after(oldest, window_s, now) if count >= limit else None

    async def reset(self, key: str) -> None:
        await self._redis.delete(self._prefix + key)
