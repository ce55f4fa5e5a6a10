"""Administration: the accounts of this instance and how it is set up."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.errors import AppError, not_found
from vinyldigger.core.logging import security_event
from vinyldigger.models import User


@dataclass(frozen=True)
class UserPage:
    items: list[User]
    total: int


async def list_users(
    session: AsyncSession, *, text: str | None, offset: int, limit: int
) -> UserPage:
    query = select(User)
    if text:
        query = query.where(func.lower(User.email).like(f"%{text.strip().lower()}%"))
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.scalars(query.order_by(User.id).offset(offset).limit(limit))
    return UserPage(items=list(rows), total=total)


async def update_user(
    session: AsyncSession,
    *,
    admin: User,
    user_id: int,
    is_active: bool | None,
    is_admin: bool | None,
) -> User:
    user = await session.get(User, user_id)
    if user is None:
        raise not_found("User")
    if user.id == admin.id and (is_active is False or is_admin is False):
        # Otherwise the last administrator could lock everybody out.
        raise AppError(
            "You cannot disable or demote your own account", status_code=409, code="self_change"
        )
    if is_active is not None:
        user.is_active = is_active
    if is_admin is not None:
        user.is_admin = is_admin
    await session.flush()
    security_event(
        "admin_user_changed",
        admin_id=admin.id,
        user_id=user.id,
        is_active=user.is_active,
        is_admin=user.is_admin,
    )
    return user
