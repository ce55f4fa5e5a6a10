"""Where the recorded marketplace responses live, and helpers to load them."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from redis.asyncio import Redis

from vinyldigger.core.redis import create_redis

BACKEND_DIR = Path(__file__).resolve().parents[3]
REPO_ROOT = BACKEND_DIR.parent
OWN_DATA_DIR = Path(__file__).resolve().parent / "data"


def shared_fixtures_dir() -> Path:
    """The recorded real responses beside the repository (../shared/fixtures), or the
    directory named by VINYLDIGGER_FIXTURES_DIR."""
    override = os.environ.get("VINYLDIGGER_FIXTURES_DIR")
    return Path(override) if override else REPO_ROOT.parent / "shared" / "fixtures"


def load_shared(relative: str) -> Any:
    path = shared_fixtures_dir() / relative
    if not path.is_file():
        pytest.skip(
            f"recorded fixture {relative} not found under {shared_fixtures_dir()} "
            "(set VINYLDIGGER_FIXTURES_DIR to the shared fixtures directory)"
        )
    return json.loads(path.read_text(encoding="utf-8"))


def load_own(name: str) -> Any:
    return json.loads((OWN_DATA_DIR / name).read_text(encoding="utf-8"))


@pytest.fixture
async def marketplace_redis() -> AsyncIterator[Redis]:
    """A Redis client on the test database; every key written under `vd-test:` is removed."""
    client = create_redis(os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15"))
    yield client
    async for key in client.scan_iter(match="vd-test:*"):
        await client.delete(key)
    await client.aclose()


@pytest.fixture
def redis_prefix() -> str:
    return f"vd-test:{uuid.uuid4().hex}:"
