"""Upstream call budgets: one per marketplace and credential scope, shared by every process.

Each budget is a sliding-window log of call slots. A caller reserves a slot before it sends
(so concurrent callers never overbook) and re-stamps the slot when the answer arrives: the
server counts a call when it receives it, which is after we send it, so a slot stamped at send
time would leave our window a little before it leaves the server's. Stamping on completion
makes our window end at or after the server's. `reserve` slots are never handed out, to
absorb clock and counting differences between us and the server.

The server's own headers correct the picture: its window size replaces ours, and if it has
counted more calls than we have (another program on the same IP, a restarted process),
placeholder slots are added so that everybody slows down. A 429 with Retry-After pauses the
whole budget. In distributed mode the log lives in Redis and is changed only by Lua scripts
that read Redis' clock, so all processes agree on time and no two take the last slot.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
import uuid
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from redis.asyncio import Redis

# Waiters wake with a little jitter so a crowd does not hit the limiter at the same instant.
WAKE_JITTER_SECONDS = 0.02

# Told how many seconds the caller is about to wait for the budget; told 0 once it has its
# slot after waiting. How a run says "waiting for Discogs' rate limit".
WaitListener = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class UpstreamBudget:
    """`limit` calls per `window_seconds` for one upstream and credential scope (`key`)."""

    key: str
    limit: int
    window_seconds: float
    reserve: int = 1


@dataclass(frozen=True)
class ServerBudget:
    """What the server said about its own count in a response (e.g. X-Discogs-Ratelimit-*)."""

    limit: int
    remaining: int


@dataclass(frozen=True)
class Slot:
    id: str
    waited_seconds: float


class BudgetExhausted(Exception):
    """No slot within the caller's maximum wait; `retry_after` seconds until one frees."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"upstream budget exhausted; a slot frees in {retry_after:.1f} s")
        self.retry_after = retry_after


class UpstreamLimiter(ABC):
    def __init__(self, budget: UpstreamBudget) -> None:
        self.budget = budget

    async def acquire(
        self,
        max_wait: float | None = None,
        on_wait: WaitListener | None = None,
        *,
        keep_free: int = 0,
    ) -> Slot:
        """Reserve one call, sleeping while the budget is spent (up to `max_wait` seconds).

        `keep_free` slots of the window stay out of reach of this caller: background work
        passes a share of the budget here, so it only runs while syncs and searches leave
        that much unused, and yields the rest of the window to them.
        """
        waited = 0.0
        while True:
            slot_id = uuid.uuid4().hex
            wait = await self._try_reserve(slot_id, keep_free)
            if wait <= 0:
                if waited > 0 and on_wait is not None:
                    await on_wait(0.0)
                return Slot(slot_id, waited)
            if max_wait is not None and waited + wait > max_wait:
                raise BudgetExhausted(wait)
            delay = wait + random.uniform(0, WAKE_JITTER_SECONDS)  # noqa: S311 - not crypto
            if on_wait is not None:
                await on_wait(delay)
            await asyncio.sleep(delay)
            waited += delay

    @abstractmethod
    async def _try_reserve(self, slot_id: str, keep_free: int = 0) -> float:
        """Take a slot and return 0, or return the seconds until one may be free, leaving
        `keep_free` slots (besides the reserve) untaken."""

    @abstractmethod
    async def release(self, slot: Slot, server: ServerBudget | None = None) -> None:
        """The call finished (or failed): stamp its slot now and learn from the server."""

    @abstractmethod
    async def pause(self, seconds: float) -> None:
        """Hand out no slot for `seconds` (the server answered 429 with Retry-After)."""

    @abstractmethod
    async def in_use(self) -> int:
        """Slots counted in the current window (including placeholders)."""


def _capacity(limit: int, reserve: int) -> int:
    return max(1, limit - reserve)


class MemoryUpstreamLimiter(UpstreamLimiter):
    """Embedded mode: one process, so a lock and the monotonic clock are enough."""

    def __init__(self, budget: UpstreamBudget) -> None:
        super().__init__(budget)
        self._slots: dict[str, float] = {}
        self._server_limit: int | None = None
        self._paused_until = 0.0
        # A plain lock: every critical section is short and never awaits, so this also
        # holds when clients on different event loops share the budget.
        self._lock = threading.Lock()

    def _trim(self, now: float) -> None:
        horizon = now - self.budget.window_seconds
        for slot_id in [s for s, stamp in self._slots.items() if stamp <= horizon]:
            del self._slots[slot_id]

    async def _try_reserve(self, slot_id: str, keep_free: int = 0) -> float:
        with self._lock:
            now = time.monotonic()
            if self._paused_until > now:
                return self._paused_until - now
            self._trim(now)
            limit = self._server_limit or self.budget.limit
            capacity = _capacity(limit, self.budget.reserve + keep_free)
            if len(self._slots) < capacity:
                self._slots[slot_id] = now
                return 0.0
            stamps = sorted(self._slots.values())
            return stamps[len(stamps) - capacity] + self.budget.window_seconds - now

    async def release(self, slot: Slot, server: ServerBudget | None = None) -> None:
        with self._lock:
            now = time.monotonic()
            self._trim(now)
            if slot.id in self._slots:
                self._slots[slot.id] = now
            if server is not None:
                self._server_limit = server.limit
                missing = server.limit - server.remaining - len(self._slots)
                for _ in range(max(0, missing)):
                    self._slots[uuid.uuid4().hex] = now

    async def pause(self, seconds: float) -> None:
        with self._lock:
            self._paused_until = max(self._paused_until, time.monotonic() + seconds)

    async def in_use(self) -> int:
        with self._lock:
            self._trim(time.monotonic())
            return len(self._slots)


_NOW = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
"""

# KEYS: slots zset, state hash. ARGV: configured limit, window, reserve, slot id.
_RESERVE = (
    _NOW
    + """
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local paused = tonumber(redis.call('HGET', KEYS[2], 'paused_until') or '0')
if paused > now then return tostring(paused - now) end
local limit = tonumber(redis.call('HGET', KEYS[2], 'limit') or ARGV[1])
local capacity = math.max(1, limit - tonumber(ARGV[3]))
local count = redis.call('ZCARD', KEYS[1])
if count < capacity then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], math.ceil(window * 1000) + 1000)
  return '0'
end
local oldest = redis.call('ZRANGE', KEYS[1], count - capacity, count - capacity, 'WITHSCORES')
return tostring(tonumber(oldest[2]) + window - now)
"""
)

# KEYS: slots zset, state hash. ARGV: slot id, window, server limit, server remaining
# (both '' when the response said nothing), placeholder id prefix.
_RELEASE = (
    _NOW
    + """
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
redis.call('ZADD', KEYS[1], 'XX', now, ARGV[1])
if ARGV[3] ~= '' then
  local limit = tonumber(ARGV[3])
  redis.call('HSET', KEYS[2], 'limit', limit)
  redis.call('EXPIRE', KEYS[2], 86400)
  local missing = limit - tonumber(ARGV[4]) - redis.call('ZCARD', KEYS[1])
  for i = 1, missing do
    redis.call('ZADD', KEYS[1], now, ARGV[5] .. i)
  end
end
redis.call('PEXPIRE', KEYS[1], math.ceil(window * 1000) + 1000)
return 0
"""
)

# KEYS: state hash. ARGV: seconds.
_PAUSE = (
    _NOW
    + """
local untl = now + tonumber(ARGV[1])
local current = tonumber(redis.call('HGET', KEYS[1], 'paused_until') or '0')
if untl > current then redis.call('HSET', KEYS[1], 'paused_until', tostring(untl)) end
redis.call('EXPIRE', KEYS[1], 86400)
return 0
"""
)

# KEYS: slots zset. ARGV: window.
_IN_USE = (
    _NOW
    + """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[1]))
return redis.call('ZCARD', KEYS[1])
"""
)


class RedisUpstreamLimiter(UpstreamLimiter):
    """Distributed mode: the log is a sorted set in Redis, shared by every worker and replica."""

    def __init__(
        self, redis: Redis, budget: UpstreamBudget, *, prefix: str = "vd:upstream:"
    ) -> None:
        super().__init__(budget)
        self._redis = redis
        self._slots_key = f"{prefix}{budget.key}:slots"
        self._state_key = f"{prefix}{budget.key}:state"
        self._reserve = redis.register_script(_RESERVE)
        self._release = redis.register_script(_RELEASE)
        self._pause = redis.register_script(_PAUSE)
        self._in_use = redis.register_script(_IN_USE)

    async def _try_reserve(self, slot_id: str, keep_free: int = 0) -> float:
        budget = self.budget
        result = await self._reserve(
            keys=[self._slots_key, self._state_key],
            args=[budget.limit, repr(budget.window_seconds), budget.reserve + keep_free, slot_id],
        )
        return float(_decoded(result))

    async def release(self, slot: Slot, server: ServerBudget | None = None) -> None:
        limit = "" if server is None else str(server.limit)
        remaining = "" if server is None else str(server.remaining)
        await self._release(
            keys=[self._slots_key, self._state_key],
            args=[slot.id, repr(self.budget.window_seconds), limit, remaining, uuid.uuid4().hex],
        )

    async def pause(self, seconds: float) -> None:
        await self._pause(keys=[self._state_key], args=[repr(seconds)])

    async def in_use(self) -> int:
        result = await self._in_use(keys=[self._slots_key], args=[repr(self.budget.window_seconds)])
        return int(_decoded(result))


def _decoded(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


_memory_limiters: dict[str, MemoryUpstreamLimiter] = {}
_memory_lock = threading.Lock()


def limiter_for(budget: UpstreamBudget, redis: Redis | None) -> UpstreamLimiter:
    """The limiter for this budget: in Redis when there is one, else one per process and key,
    so every client of the same upstream in this process draws on the same budget."""
    if redis is not None:
        return RedisUpstreamLimiter(redis, budget)
    with _memory_lock:
        limiter = _memory_limiters.get(budget.key)
        if limiter is None:
            limiter = MemoryUpstreamLimiter(budget)
            _memory_limiters[budget.key] = limiter
        limiter.budget = budget
        return limiter
