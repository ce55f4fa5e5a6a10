"""Shared fixtures: real PostgreSQL, SQLite and Redis, schema built by the migrations.

Database-backed tests run once per backend (``[postgresql]`` and ``[sqlite]``); each test runs
inside a transaction that is rolled back, so tests never see each other's rows.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr
from redis.asyncio import Redis
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from vinyldigger.api.app import create_app
from vinyldigger.core.config import Settings
from vinyldigger.core.context import AppContext
from vinyldigger.core.database import WRITE_LOCK_UPFRONT, create_engine
from vinyldigger.core.migrations import upgrade
from vinyldigger.core.ratelimit import MemoryRateLimiter, RedisRateLimiter
from vinyldigger.core.redis import create_redis
from vinyldigger.core.security import SecretBox

TEST_DATABASE_URL = os.environ.get(
    "TEST_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
BACKENDS = ("postgresql", "sqlite")


def _asyncpg_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def create_postgres_database(name: str) -> str:
    """A fresh, empty database on the test server; returns its SQLAlchemy URL."""
    base = make_url(TEST_DATABASE_URL).set(drivername="postgresql+asyncpg")
    admin = await asyncpg.connect(_asyncpg_dsn(base.render_as_string(hide_password=False)))
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return base.set(database=name).render_as_string(hide_password=False)


async def drop_postgres_database(name: str) -> None:
    base = make_url(TEST_DATABASE_URL).set(drivername="postgresql+asyncpg")
    admin = await asyncpg.connect(_asyncpg_dsn(base.render_as_string(hide_password=False)))
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


def make_settings(tmp: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "VINYLDIGGER_DATA_DIR": tmp,
        "VINYLDIGGER_SECRET_KEY": SecretStr("test-jwt-" + uuid.uuid4().hex * 2),
        "VINYLDIGGER_ENCRYPTION_KEYS": SecretStr(Fernet.generate_key().decode()),
        "VINYLDIGGER_LOG_FORMAT": "json",
    }
    values.update(overrides)
    return Settings.model_validate(values)


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
async def migrated_engines(
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[dict[str, AsyncEngine]]:
    """One migrated database per backend for the whole session."""
    pg_name = f"vinyldigger_test_{os.getpid()}"
    pg_url = await create_postgres_database(pg_name)
    sqlite_url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('sqlite') / 'test.db'}"
    urls = {"postgresql": pg_url, "sqlite": sqlite_url}
    for url in urls.values():
        await asyncio.to_thread(upgrade, url)
    engines = {name: create_engine(url) for name, url in urls.items()}
    yield engines
    for engine in engines.values():
        await engine.dispose()
    await drop_postgres_database(pg_name)


@pytest.fixture
async def db_session(
    backend: str, migrated_engines: dict[str, AsyncEngine]
) -> AsyncIterator[AsyncSession]:
    engine = migrated_engines[backend]
    async with engine.connect() as connection:
        # One outer transaction holds every write of the test; on SQLite it must not end
        # before the rollback, so it takes the write lock at once (core.database).
        await connection.execution_options(**{WRITE_LOCK_UPFRONT: True})
        transaction = await connection.begin()
        session = AsyncSession(
            bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
        )
        try:
            yield session
        finally:
            await session.close()
            await transaction.rollback()


class SharedSessionFactory:
    """Stands in for the sessionmaker: every unit of work joins the test's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def __call__(self) -> Any:
        @asynccontextmanager
        async def borrow() -> AsyncIterator[AsyncSession]:
            yield self.session

        return borrow()


@pytest.fixture
async def redis_client() -> AsyncIterator[Redis]:
    client = create_redis(TEST_REDIS_URL)
    yield client
    await client.aclose()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
async def context(
    backend: str,
    settings: Settings,
    db_session: AsyncSession,
    redis_client: Redis,
    migrated_engines: dict[str, AsyncEngine],
) -> AsyncIterator[AppContext]:
    """PostgreSQL runs with Redis (distributed mode), SQLite with in-memory limits (embedded)."""
    distributed = backend == "postgresql"
    limiter = (
        RedisRateLimiter(redis_client, prefix=f"vd-test:{uuid.uuid4().hex}:")
        if distributed
        else MemoryRateLimiter()
    )
    yield AppContext(
        settings=settings,
        engine=migrated_engines[backend],
        session_factory=SharedSessionFactory(db_session),  # type: ignore[arg-type]
        redis=redis_client if distributed else None,
        rate_limiter=limiter,
        secret_box=SecretBox(settings.encryption_key_list),
    )


@pytest.fixture
async def client(context: AppContext) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(context.settings, context=context, run_jobs=False)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


@pytest.fixture
def anyio_backend() -> Iterator[str]:
    yield "asyncio"
