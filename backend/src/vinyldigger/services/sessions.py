"""Signed-in sessions: one refresh-token family per login, and ending the others.

Access tokens name their family, so a family revoked here (a password change, "sign out
everywhere else") stops its access tokens at once, not only when they expire.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.logging import security_event
from vinyldigger.models import RefreshToken
from vinyldigger.models.base import utcnow


async def family_is_live(session: AsyncSession, family_id: str) -> bool:
    """True while the family has a token that is not revoked (the login is not signed out)."""
    live = await session.scalar(
        select(RefreshToken.id)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .limit(1)
    )
    return live is not None


async def revoke_other_sessions(
    session: AsyncSession, user_id: int, *, keep_family: str | None, reason: str
) -> int:
    """Revoke every session of the user but `keep_family`; returns how many were live."""
    statement = update(RefreshToken).where(
        RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None)
    )
    if keep_family is not None:
        statement = statement.where(RefreshToken.family_id != keep_family)
    families = (
        await session.execute(
            statement.values(revoked_at=utcnow()).returning(RefreshToken.family_id)
        )
    ).scalars()
    count = len(set(families))
    security_event("sessions_revoked", user_id=user_id, sessions=count, reason=reason)
    return count
