"""The embedded runner executes catalogue jobs in their own unit of work."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.context import AppContext
from vinyldigger.models import RefreshToken, User
from vinyldigger.models.base import utcnow
from vinyldigger.workers.embedded import EmbeddedRunner


async def test_prune_job_removes_only_expired_refresh_tokens(
    context: AppContext, db_session: AsyncSession
) -> None:
    user = User(email="runner@example.com", password_hash="x")
    db_session.add(user)
    await db_session.flush()
    now = utcnow()
    db_session.add_all(
        [
            RefreshToken(
                token_id="old",
                family_id="f",
                user_id=user.id,
                issued_at=now,
                expires_at=now - timedelta(days=1),
            ),
            RefreshToken(
                token_id="fresh",
                family_id="f",
                user_id=user.id,
                issued_at=now,
                expires_at=now + timedelta(days=1),
            ),
        ]
    )
    await db_session.commit()

    runner = EmbeddedRunner(context, concurrency=1, run_start_jobs=False)
    await runner.start()
    try:
        runner.enqueue("prune-refresh-tokens")
        await runner.join()
    finally:
        await runner.stop()

    remaining = await db_session.scalars(
        select(RefreshToken.token_id).where(RefreshToken.user_id == user.id)
    )
    assert list(remaining) == ["fresh"]
    assert (await db_session.scalar(select(func.count()).select_from(User)) or 0) >= 1
