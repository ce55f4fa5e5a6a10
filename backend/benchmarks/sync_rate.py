"""Benchmark `sync_rate`: three users sync a 1,000-item want list at once through one shared
Discogs limit, against the sandbox, and should use the limit fully without a single 429.

Setup: a sandbox whose Discogs limit is LIMIT calls per WINDOW seconds (a shortened window
keeps the run short; the limiter learns nothing else from it), three VinylDigger accounts
linked to the sandbox user `bigwants` (1,000 wants), their syncs started together, each with
its own client, all drawing on one budget in Redis (distributed mode) — or in memory with
--memory. Pages of 10 make each sync 100 calls, so the run spans several windows.

Figures: `calls` (requests sent), `http_429` (answers "too many requests"), `rate_share`: the
mean number of answers in a WINDOW-long interval, over every interval that lies wholly within
the run (sampled every 50 ms), divided by LIMIT. 1.0 means every interval was full; a limiter
that overshot would show 429s, one that idled a lower share. Target: no 429, rate_share ≥ 0.9.
Also checks that each user's mirror equals the sandbox's want list.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from typing import Any

import httpx
from cryptography.fernet import Fernet
from pydantic import SecretStr
from sqlalchemy import func, select

from _common import scratch_postgres, write_result
from vinyldigger.core.config import Settings
from vinyldigger.core.database import create_engine, create_session_factory, unit_of_work
from vinyldigger.core.migrations import upgrade
from vinyldigger.core.redis import create_redis
from vinyldigger.models import User, Want
from vinyldigger.services.marketplaces.discogs.auth import PersonalTokenAuth
from vinyldigger.services.marketplaces.discogs.client import DiscogsClient
from vinyldigger.services.sync import apply_wants, collect_pages
from vinyldigger_sandbox.server import running_sandbox
from vinyldigger_sandbox.settings import SandboxSettings

USERS = 3


async def _nothing(_done: int, _total: int | None) -> None:
    return None


def window_share(arrivals: list[float], window: float, limit: int) -> float:
    """Mean answers per full window inside the run, as a share of the limit."""
    times = sorted(arrivals)
    first, last = times[0], times[-1]
    if last - first <= window:
        raise SystemExit("the run fits in one window: raise the calls or lower the limit")
    counts = []
    start = first
    while start + window <= last:
        counts.append(sum(1 for t in times if start <= t < start + window))
        start += 0.05
    return sum(counts) / len(counts) / limit


async def timed(pages: Any, arrivals: list[float]) -> Any:
    async for page in pages:
        arrivals.append(time.monotonic())
        yield page


async def main(limit: int, window: float, per_page: int, use_redis: bool) -> dict[str, Any]:
    sandbox_settings = SandboxSettings(
        size="small", seed=3, discogs_rate_limit=limit, discogs_rate_window_seconds=window
    )
    with running_sandbox(sandbox_settings) as sandbox:
        async with httpx.AsyncClient() as control:
            info = (await control.get(f"{sandbox.base_url}/sandbox/info")).json()
            lists = (await control.get(f"{sandbox.base_url}/sandbox/users/bigwants")).json()
        token = next(u for u in info["users"] if u["username"] == "bigwants")[
            "discogs_personal_token"
        ]
        redis_url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
        settings = Settings.model_validate(
            {
                "VINYLDIGGER_SECRET_KEY": SecretStr("bench-" * 8),
                "VINYLDIGGER_ENCRYPTION_KEYS": SecretStr(Fernet.generate_key().decode()),
                "VINYLDIGGER_DISCOGS_BASE_URL": info["discogs_base_url"],
                "VINYLDIGGER_DISCOGS_RATE_LIMIT_PER_MINUTE": limit,
                "VINYLDIGGER_DISCOGS_RATE_WINDOW_SECONDS": window,
            }
        )
        redis = create_redis(redis_url) if use_redis else None
        if redis is not None:
            await redis.delete(*[k async for k in redis.scan_iter("*discogs*")] or ["-"])
        async with scratch_postgres(f"vinyldigger_bench_sync_{os.getpid()}") as url:
            await asyncio.to_thread(upgrade, url)
            engine = create_engine(url)
            factory = create_session_factory(engine)
            async with unit_of_work(factory) as session:
                users = [
                    User(email=f"bench{n}@example.com", password_hash="x") for n in range(USERS)
                ]
                session.add_all(users)
                await session.flush()
                user_ids = [u.id for u in users]

            clients = [
                DiscogsClient.create(settings, PersonalTokenAuth(SecretStr(token)), redis=redis)
                for _ in user_ids
            ]

            arrivals: list[float] = []

            async def one(user_id: int, client: DiscogsClient) -> None:
                pages = client.wants_pages("bigwants", per_page=per_page)
                wants = await collect_pages(timed(pages, arrivals), _nothing)
                async with unit_of_work(factory) as session:
                    await apply_wants(session, user_id=user_id, wants=wants)

            started = time.monotonic()
            await asyncio.gather(*(one(u, c) for u, c in zip(user_ids, clients, strict=True)))
            elapsed = time.monotonic() - started
            async with unit_of_work(factory) as session:
                mirrored = [
                    await session.scalar(select(func.count()).where(Want.user_id == u))
                    for u in user_ids
                ]
            for client in clients:
                await client.aclose()
            await engine.dispose()
        if redis is not None:
            await redis.aclose()
    calls = sum(c.stats.calls for c in clients)
    http_429 = sum(c.stats.http_429 for c in clients)
    figures = {
        "users": USERS,
        "wants_per_user": len(lists["want_release_ids"]),
        "limit": limit,
        "window_seconds": window,
        "per_page": per_page,
        "limiter": "redis" if use_redis else "memory",
        "calls": calls,
        "http_429": http_429,
        "retries": sum(c.stats.retries for c in clients),
        "waited_seconds": round(sum(c.stats.waited_seconds for c in clients), 2),
        "elapsed_seconds": round(elapsed, 2),
        "rate_share": round(window_share(arrivals, window, limit), 3),
        "mirrors_exact": all(m == len(lists["want_release_ids"]) for m in mirrored),
    }
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=60, help="calls per window")
    parser.add_argument("--per-page", type=int, default=10, help="wants per page (max 100)")
    parser.add_argument("--window", type=float, default=5.0, help="window in seconds")
    parser.add_argument("--memory", action="store_true", help="in-process limiter, no Redis")
    arguments = parser.parse_args()
    result = asyncio.run(
        main(arguments.limit, arguments.window, arguments.per_page, not arguments.memory)
    )
    for key, value in result.items():
        print(f"{key:>16}: {value}")
    print("written to", write_result("sync_rate", result))
