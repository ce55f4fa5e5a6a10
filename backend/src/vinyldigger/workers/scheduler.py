"""The distributed scheduler: periodic jobs, run by exactly one active scheduler process.

Several schedulers may run for failover; a Redis lock (renewed while alive, expiring when the
holder dies) decides which one enqueues. The others wait and take over within the lock's TTL.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import uuid

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from redis.asyncio import Redis

from vinyldigger.core.context import AppContext
from vinyldigger.core.jobs import JobDispatcher
from vinyldigger.core.logging import get_logger
from vinyldigger.workers.jobs import PERIODIC_JOBS, START_JOBS

logger = get_logger(__name__)
LOCK_KEY = "vd:scheduler:leader"
LOCK_TTL_MS = 30_000
RENEW_SECONDS = 10

# Renew only if we still hold the lock (compare-and-set in one step).
_RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
"""


class LeaderLock:
    def __init__(self, redis: Redis, key: str = LOCK_KEY, ttl_ms: int = LOCK_TTL_MS) -> None:
        self._redis = redis
        self._key = key
        self._ttl_ms = ttl_ms
        self.token = uuid.uuid4().hex

    async def try_hold(self) -> bool:
        """Take the lock if free, or keep it if ours. True while we are the leader."""
        renewed = await self._redis.eval(_RENEW, 1, self._key, self.token, str(self._ttl_ms))
        if renewed:
            return True
        taken = await self._redis.set(self._key, self.token, nx=True, px=self._ttl_ms)
        return bool(taken)

    async def release(self) -> None:
        if await self._redis.get(self._key) == self.token:
            await self._redis.delete(self._key)


class LeaderScheduler:
    def __init__(self, context: AppContext, dispatcher: JobDispatcher, lock: LeaderLock) -> None:
        self._context = context
        self._dispatcher = dispatcher
        self._lock = lock
        self.is_leader = False

    def _enqueue_if_leader(self, name: str) -> None:
        if self.is_leader:
            self._dispatcher.enqueue(name)

    async def run(self, stop: asyncio.Event) -> None:
        scheduler = AsyncIOScheduler(timezone="UTC")
        for job in PERIODIC_JOBS:
            scheduler.add_job(
                self._enqueue_if_leader,
                "interval",
                seconds=job.every_seconds,
                args=[job.name],
                id=job.name,
                coalesce=True,
                max_instances=1,
            )
        scheduler.start()
        try:
            while not stop.is_set():
                was_leader = self.is_leader
                try:
                    self.is_leader = await self._lock.try_hold()
                except Exception as exc:  # Redis down: stand back until it is back
                    logger.warning("scheduler_lock_error", error_type=type(exc).__name__)
                    self.is_leader = False
                if self.is_leader != was_leader:
                    logger.info("scheduler_leadership", leader=self.is_leader)
                    if self.is_leader:
                        for name in START_JOBS:
                            self._dispatcher.enqueue(name)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=RENEW_SECONDS)
        finally:
            scheduler.shutdown(wait=False)
            if self.is_leader:
                await self._lock.release()


async def serve_scheduler(context: AppContext, dispatcher: JobDispatcher) -> None:
    if context.redis is None:
        raise RuntimeError("REDIS_URL is required for the scheduler")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    await LeaderScheduler(context, dispatcher, LeaderLock(context.redis)).run(stop)
