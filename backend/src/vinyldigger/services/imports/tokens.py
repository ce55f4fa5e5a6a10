"""Import tokens: bearer tokens that can create imports and nothing else.

A token is shown once when it is created; only its SHA-256 digest is stored, so a leaked
database does not leak working tokens. A token has a prefix no access JWT can have, and no
other endpoint accepts it: the JWT decoder refuses it like any malformed token.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.errors import not_found, unauthorized, validation
from vinyldigger.models import ImportToken, User
from vinyldigger.models.base import utcnow

PREFIX = "vdi_"
# Tokens a user may hold at once (revoked ones do not count).
MAX_ACTIVE = 20


@dataclass(frozen=True)
class CreatedToken:
    row: ImportToken
    # The token itself: returned once, never stored.
    secret: str


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def create(session: AsyncSession, *, user_id: int, name: str) -> CreatedToken:
    name = name.strip()
    if not name:
        raise validation("name", "Give the token a name, such as the browser it is for")
    active = await session.scalar(
        select(func.count())
        .select_from(ImportToken)
        .where(ImportToken.user_id == user_id, ImportToken.revoked_at.is_(None))
    )
    if (active or 0) >= MAX_ACTIVE:
        raise validation("name", f"At most {MAX_ACTIVE} tokens; revoke one first")
    secret = PREFIX + secrets.token_urlsafe(32)
    row = ImportToken(
        user_id=user_id,
        name=name[:100],
        token_digest=digest(secret),
        hint=secret[-4:],
        created_at=utcnow(),
    )
    session.add(row)
    await session.flush()
    return CreatedToken(row=row, secret=secret)


async def list_for(
    session: AsyncSession, *, user_id: int, offset: int, limit: int
) -> tuple[list[ImportToken], int]:
    scope = ImportToken.user_id == user_id
    total = await session.scalar(select(func.count()).select_from(ImportToken).where(scope))
    rows = await session.scalars(
        select(ImportToken)
        .where(scope)
        .order_by(ImportToken.created_at.desc(), ImportToken.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return list(rows), total or 0


async def revoke(session: AsyncSession, *, user_id: int, token_id: int) -> ImportToken:
    row = await session.scalar(
        select(ImportToken).where(ImportToken.id == token_id, ImportToken.user_id == user_id)
    )
    if row is None:
        raise not_found("Import token")
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        await session.flush()
    return row


async def authenticate(session: AsyncSession, token: str | None, *, at: datetime) -> ImportToken:
    """The live token a bearer value names; 401 for anything else, access JWTs included."""
    if not token or not token.startswith(PREFIX) or len(token) > 200:
        raise unauthorized("An import token is required")
    row = await session.scalar(
        select(ImportToken)
        .join(User, User.id == ImportToken.user_id)
        .where(
            ImportToken.token_digest == digest(token),
            ImportToken.revoked_at.is_(None),
            User.is_active.is_(True),
        )
    )
    if row is None:
        raise unauthorized("This import token is unknown or revoked")
    row.last_used_at = at
    await session.flush()
    return row
