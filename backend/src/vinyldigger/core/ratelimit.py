"""Rate limits for user actions, in memory (embedded) or in Redis (shared by replicas).

Two kinds: sliding windows (at most `limit` events in `window_s`), and failure backoff (after a
few free failures each further one makes the key wait twice as long as the one before, up to a
cap; a success resets it).
"""

from __future__ import annotations

import asyncio
import math
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, cast

from redis.asyncio import Redis

Clock = Callable[[], float]


@dataclass(frozen=True)
class Backoff:
    """Failures `free` and later wait base_s, 2·base_s, 4·base_s… seconds, at most cap_s.

    A key's failures are forgotten `forget_after_s` after its last one.
    """

    free: int
    cap_s: int
    forget_after_s: int
    base_s: int = 1

    def delay_after(self, failures: int) -> int:
        if failures < self.free:
            return 0
        doublings = failures - self.free
        # Past the cap the exact power does not matter (and would only grow the integer).
        if doublings >= self.cap_s.bit_length():
            return self.cap_s
        return min(self.cap_s, self.base_s * (1 << doublings))


class RateLimiter(Protocol):
    async def hit(self, key: str, limit: int, window_s: int) -> int | None:
        """Record one event; return seconds to wait if it exceeded the limit, else None."""

    async def blocked_for(self, key: str, limit: int, window_s: int) -> int | None:
        """Seconds to wait if `limit` events already happened in the window, without recording."""

    async def add_failure(self, key: str, backoff: Backoff) -> int:
        """Count one failure; return the seconds it makes the key wait (0 while still free)."""

    async def backoff_remaining(self, key: str) -> int | None:
        """Seconds the key still waits after its last failure, or None when it may go on."""

    async def reset(self, key: str) -> None: ...


def _retry_after(oldest: float, window_s: int, now: float) -> int:
    return max(1, math.ceil(oldest + window_s - now))


def _remaining(until: float, now: float) -> int | None:
    return math.ceil(until - now) if until > now else None


@dataclass
class _Failures:
    count: int
    until: float
    forget_at: float


class MemoryRateLimiter:
    # Keys of past attackers must not pile up for ever in a long-running process.
    SWEEP_EVERY = 1000

    def __init__(self, clock: Clock = time.monotonic) -> None:
        self._clock = clock
        self._events: dict[str, deque[float]] = {}
        self._window_s: dict[str, int] = {}
        self._failures: dict[str, _Failures] = {}
        self._lock = asyncio.Lock()
        self._operations = 0

    def _window(self, key: str, window_s: int, now: float) -> deque[float]:
        self._window_s[key] = window_s
        events = self._events.setdefault(key, deque())
        while events and events[0] <= now - window_s:
            events.popleft()
        return events

    def _sweep(self, now: float) -> None:
        self._operations += 1
        if self._operations % self.SWEEP_EVERY:
            return
        for key in [
            key
            for key, events in self._events.items()
            if not events or events[-1] <= now - self._window_s[key]
        ]:
            del self._events[key], self._window_s[key]
        for key in [key for key, entry in self._failures.items() if entry.forget_at <= now]:
            del self._failures[key]

    async def hit(self, key: str, limit: int, window_s: int) -> int | None:
        async with self._lock:
            now = self._clock()
            self._sweep(now)
            events = self._window(key, window_s, now)
            if len(events) >= limit:
                return _retry_after(events[0], window_s, now)
            events.append(now)
            return None

    async def blocked_for(self, key: str, limit: int, window_s: int) -> int | None:
        async with self._lock:
            now = self._clock()
            events = self._window(key, window_s, now)
            return _retry_after(events[0], window_s, now) if len(events) >= limit else None

    async def add_failure(self, key: str, backoff: Backoff) -> int:
        async with self._lock:
            now = self._clock()
            self._sweep(now)
            entry = self._failures.get(key)
            if entry is None or entry.forget_at <= now:
                entry = self._failures[key] = _Failures(0, now, now)
            entry.count += 1
            delay = backoff.delay_after(entry.count)
            entry.until = max(entry.until, now + delay)
            entry.forget_at = now + backoff.forget_after_s
            return delay

    async def backoff_remaining(self, key: str) -> int | None:
        async with self._lock:
            now = self._clock()
            entry = self._failures.get(key)
            if entry is None or entry.forget_at <= now:
                return None
            return _remaining(entry.until, now)

    async def reset(self, key: str) -> None:
        async with self._lock:
            self._events.pop(key, None)
            self._window_s.pop(key, None)
            self._failures.pop(key, None)


# Counting, computing the delay and moving the wait forward happen as one step, so concurrent
# failures can neither lose a count nor shorten a wait another failure already set.
_ADD_FAILURE = """
local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
local free, base, cap = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local now, forget = tonumber(ARGV[4]), tonumber(ARGV[5])
local delay = 0
if failures >= free then
  delay = math.min(cap, base * 2 ^ math.min(failures - free, 62))
end
local waits_until = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
if now + delay > waits_until then
  redis.call('HSET', KEYS[1], 'until', string.format('%.3f', now + delay))
end
redis.call('EXPIRE', KEYS[1], forget)
return delay
"""


class RedisRateLimiter:
    """Sorted-set sliding windows and hash-held backoffs, shared by every API replica."""

    def __init__(self, redis: Redis, prefix: str = "vd:rl:", clock: Clock = time.time) -> None:
        self._redis = redis
        self._prefix = prefix
        self._clock = clock
        self._add_failure = redis.register_script(_ADD_FAILURE)

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
        now = self._clock()
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
        now = self._clock()
        count, oldest = await self._trim_and_count(key, window_s, now)
        return _retry_after(oldest, window_s, now) if count >= limit else None

    async def add_failure(self, key: str, backoff: Backoff) -> int:
        delay = await self._add_failure(
            keys=[self._prefix + key],
            args=[
                backoff.free,
                backoff.base_s,
                backoff.cap_s,
                self._clock(),
                backoff.forget_after_s,
            ],
        )
        return int(cast(int, delay))

    async def backoff_remaining(self, key: str) -> int | None:
        until = await self._redis.hget(self._prefix + key, "until")
        return _remaining(float(until), self._clock()) if until is not None else None

    async def reset(self, key: str) -> None:
        await self._redis.delete(self._prefix + key)
