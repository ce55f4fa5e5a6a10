"""Embedded mode under concurrent use: on SQLite, reads never wait for the write lock, a unit
of work that read before writing takes the lock without "database is locked", and many
requests at once, reading and writing, all succeed."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.api.helpers import PASSWORD, HeldJobs, unique_email
from tests.conftest import make_settings
from vinyldigger.api.app import create_app
from vinyldigger.core.context import AppContext
from vinyldigger.core.database import end_reading, unit_of_work
from vinyldigger.core.migrations import upgrade
from vinyldigger.models import SavedSearch, User

ACCOUNTS = 4
ROUNDS = 6


@pytest.fixture
async def embedded(tmp_path: Path) -> AsyncIterator[AppContext]:
    """A migrated SQLite file with the engine and units of work the embedded app uses."""
    settings = make_settings(tmp_path)
    await asyncio.to_thread(upgrade, settings.effective_database_url)
    context = AppContext.build(settings)
    context.dispatcher = HeldJobs()
    yield context
    await context.close()


async def _user_count(factory: async_sessionmaker[AsyncSession]) -> int:
    async with unit_of_work(factory) as session:
        return await session.scalar(select(func.count()).select_from(User)) or 0


async def test_a_reader_neither_waits_for_nor_blocks_a_writer(embedded: AppContext) -> None:
    factory = embedded.session_factory
    async with unit_of_work(factory) as writer:
        writer.add(User(email="first@example.com", password_hash="x"))
        await writer.flush()  # holds the write lock until it commits
        # Another unit of work reads at once, from the last committed state.
        assert await _user_count(factory) == 0
    assert await _user_count(factory) == 1


async def test_a_unit_of_work_that_read_can_write_after_another_has_committed(
    embedded: AppContext,
) -> None:
    """SQLite refuses to upgrade a read snapshot once another connection has written: the
    first write starts a new transaction with the write lock instead."""
    factory = embedded.session_factory
    async with unit_of_work(factory) as late:
        assert (await late.execute(text("SELECT count(*) FROM users"))).scalar() == 0
        async with unit_of_work(factory) as early:
            early.add(User(email="early@example.com", password_hash="x"))
        late.add(User(email="late@example.com", password_hash="x"))
        await late.flush()
        # Its writes see everything committed before them.
        assert await late.scalar(select(func.count()).select_from(User)) == 2
    assert await _user_count(factory) == 2


async def test_a_savepoint_opened_after_reading_takes_the_write_lock_first(
    embedded: AppContext,
) -> None:
    factory = embedded.session_factory
    async with unit_of_work(factory) as late:
        await late.execute(text("SELECT count(*) FROM users"))
        async with unit_of_work(factory) as early:
            early.add(User(email="early@example.com", password_hash="x"))
        async with late.begin_nested():
            late.add(User(email="late@example.com", password_hash="x"))
            await late.flush()
    assert await _user_count(factory) == 2


async def test_a_failed_unit_of_work_keeps_nothing_it_wrote(embedded: AppContext) -> None:
    factory = embedded.session_factory
    with pytest.raises(RuntimeError):
        async with unit_of_work(factory) as session:
            await session.execute(text("SELECT 1"))
            session.add(User(email="gone@example.com", password_hash="x"))
            await session.flush()
            raise RuntimeError("the request failed")
    assert await _user_count(factory) == 0


async def test_end_reading_is_refused_once_the_unit_of_work_has_written(
    embedded: AppContext,
) -> None:
    async with unit_of_work(embedded.session_factory) as session:
        await session.execute(text("SELECT 1"))
        await end_reading(session)
        assert not session.in_transaction()
        session.add(User(email="written@example.com", password_hash="x"))
        await session.flush()
        with pytest.raises(RuntimeError, match="has written"):
            await end_reading(session)
    assert await _user_count(embedded.session_factory) == 1


async def _account(http: httpx.AsyncClient) -> dict[str, str]:
    email = unique_email("busy")
    assert (
        await http.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD})
    ).status_code == 201
    # The OAuth2 form is how API clients sign in: the refresh token comes in the body, so each
    # simulated user keeps its own (a browser's cookie jar would hold only the last one).
    tokens = (
        await http.post("/api/v1/auth/login", data={"username": email, "password": PASSWORD})
    ).json()
    return {"email": email, "access": tokens["access_token"], "refresh": tokens["refresh_token"]}


def _round(account: dict[str, str], n: int) -> list[tuple[str, str, dict[str, Any]]]:
    """What one user does in a round: mostly reads, some writes, one sign-in."""
    headers = {"Authorization": f"Bearer {account['access']}"}
    return [
        ("GET", "/api/v1/auth/me", {"headers": headers}),
        ("GET", "/api/v1/wants", {"headers": headers}),
        ("GET", "/api/v1/searches", {"headers": headers}),
        ("GET", "/api/v1/runs", {"headers": headers}),
        ("POST", "/api/v1/dashboard/visit", {"headers": headers}),
        (
            "POST",
            "/api/v1/searches",
            {
                "headers": headers,
                "json": {"name": f"Search {n}", "criteria": {"keywords": f"blue note {n}"}},
            },
        ),
        ("PATCH", "/api/v1/auth/me", {"headers": headers, "json": {"currency": "USD"}}),
        (
            "POST",
            "/api/v1/auth/login",
            {"json": {"email": account["email"], "password": PASSWORD}},
        ),
    ]


async def test_many_concurrent_requests_reading_and_writing_all_succeed(
    embedded: AppContext,
) -> None:
    app = create_app(embedded.settings, context=embedded, run_jobs=False)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://embedded") as http:
        accounts = [await _account(http) for _ in range(ACCOUNTS)]
        requests = [
            request for n in range(ROUNDS) for account in accounts for request in _round(account, n)
        ]
        answers = await asyncio.gather(
            *(http.request(method, path, **options) for method, path, options in requests)
        )
        refreshed = await asyncio.gather(
            *(
                http.post("/api/v1/auth/refresh", json={"refresh_token": a["refresh"]})
                for a in accounts
            )
        )
    failures = [
        (method, path, answer.status_code, answer.text[:200])
        for (method, path, _), answer in zip(requests, answers, strict=True)
        if not answer.is_success
    ]
    assert failures == []
    assert all(answer.status_code == 200 for answer in refreshed)
    assert not any("locked" in answer.text for answer in answers)
    # Every write is there, and each account's searches are its own.
    async with unit_of_work(embedded.session_factory) as session:
        searches = await session.scalar(select(func.count()).select_from(SavedSearch))
        currencies = set(await session.scalars(select(User.currency)))
    assert searches == ACCOUNTS * ROUNDS
    assert currencies == {"USD"}
