"""The long-lived resources one process shares: settings, database, Redis, limiter, keys."""

from __future__ import annotations

from dataclasses import dataclass

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from vinyldigger.core.config import Settings
from vinyldigger.core.database import create_engine, create_session_factory
from vinyldigger.core.jobs import JobDispatcher
from vinyldigger.core.ratelimit import MemoryRateLimiter, RateLimiter, RedisRateLimiter
from vinyldigger.core.redis import create_redis
from vinyldigger.core.security import SecretBox


@dataclass
class AppContext:
    settings: Settings
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    redis: Redis | None
    rate_limiter: RateLimiter
    secret_box: SecretBox
    # Set when the process starts its job machinery (embedded runner or Celery producer).
    dispatcher: JobDispatcher | None = None

    @classmethod
    def build(cls, settings: Settings, *, engine: AsyncEngine | None = None) -> AppContext:
        engine = engine or create_engine(settings.effective_database_url)
        redis = create_redis(settings.redis_url) if settings.redis_url else None
        limiter: RateLimiter = RedisRateLimiter(redis) if redis else MemoryRateLimiter()
        return cls(
            settings=settings,
            engine=engine,
            session_factory=create_session_factory(engine),
            redis=redis,
            rate_limiter=limiter,
            secret_box=SecretBox(settings.encryption_key_list),
        )

    async def close(self) -> None:
        if self.redis is not None:
            await self.redis.aclose()
        await self.engine.dispose()
