"""A sandbox marketplace on a real socket, and an app context whose clients point at it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from tests.conftest import make_settings
from vinyldigger.cli.demo import upstream_environment
from vinyldigger.core.context import AppContext
from vinyldigger.workers.embedded import EmbeddedRunner
from vinyldigger_sandbox.server import RunningSandbox, running_sandbox
from vinyldigger_sandbox.settings import SandboxSettings

FAST_LIMIT = 100_000


@pytest.fixture(scope="session")
def sandbox() -> Iterator[RunningSandbox]:
    # The whole session shares the sandbox's one eBay application, whose day budget must hold
    # every test's calls: the budget itself is tested where it is the subject.
    settings = SandboxSettings(
        size="small", seed=7, discogs_rate_limit=FAST_LIMIT, ebay_daily_call_limit=FAST_LIMIT
    )
    with running_sandbox(settings) as running:
        yield running


@pytest.fixture(scope="session")
def sandbox_info(sandbox: RunningSandbox) -> dict[str, Any]:
    info: dict[str, Any] = httpx.get(f"{sandbox.base_url}/sandbox/info", timeout=30).json()
    return info


def sandbox_user(info: dict[str, Any], username: str) -> dict[str, Any]:
    return next(user for user in info["users"] if user["username"] == username)


@pytest.fixture
async def sandbox_context(
    context: AppContext, sandbox: RunningSandbox, sandbox_info: dict[str, Any], tmp_path: Any
) -> AsyncIterator[AppContext]:
    """The test context, its clients aimed at the sandbox, with an embedded job runner."""
    demo = sandbox_user(sandbox_info, "demo")
    context.settings = make_settings(
        tmp_path,
        **upstream_environment(sandbox_info),
        VINYLDIGGER_DISCOGS_CONSUMER_KEY=SecretStr(demo["discogs_consumer_key"]),
        VINYLDIGGER_DISCOGS_CONSUMER_SECRET=SecretStr(demo["discogs_consumer_secret"]),
        VINYLDIGGER_DISCOGS_RATE_LIMIT_PER_MINUTE=FAST_LIMIT,
        # Embedded mode keeps one eBay day budget per process and application key, and every
        # test here uses the sandbox's one application: the whole session must fit in it.
        VINYLDIGGER_EBAY_CALLS_PER_DAY=FAST_LIMIT,
        VINYLDIGGER_MARKETPLACE_READ_TIMEOUT=1.0,
        VINYLDIGGER_MARKETPLACE_RETRY_ATTEMPTS=12,
        VINYLDIGGER_MARKETPLACE_RETRY_BASE_DELAY=0.01,
        VINYLDIGGER_MARKETPLACE_RETRY_MAX_DELAY=0.05,
        VINYLDIGGER_SECRET_KEY=SecretStr(context.settings.jwt_secret),
        VINYLDIGGER_ENCRYPTION_KEYS=SecretStr(",".join(context.settings.encryption_key_list)),
    )
    # Start-up jobs would share the test's one database session with the requests.
    runner = EmbeddedRunner(context, concurrency=2, run_start_jobs=False)
    await runner.start()
    context.dispatcher = runner
    try:
        yield context
    finally:
        await runner.stop()
        context.dispatcher = None
