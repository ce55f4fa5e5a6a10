"""Account administration used by the CLI and the admin pages."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.database import end_reading
from vinyldigger.core.errors import validation
from vinyldigger.core.logging import security_event
from vinyldigger.core.security import hash_password
from vinyldigger.models import User
from vinyldigger.services.auth import check_password_rules, normalize_email


async def find_by_email(session: AsyncSession, email: str) -> User | None:
    return await session.scalar(select(User).where(User.email == normalize_email(email)))


async def grant_admin(session: AsyncSession, email: str, password: str | None) -> tuple[User, bool]:
    """Make the account an administrator, creating it when a password is given.

    Returns the user and whether it was created.
    """
    user = await find_by_email(session, email)
    created = False
    if user is None:
        if password is None:
            raise validation("password", "is required to create a new administrator account")
        check_password_rules(password, email=email)
        await end_reading(session)
        user = User(email=normalize_email(email), password_hash=await hash_password(password))
        session.add(user)
        created = True
    user.is_admin = True
    await session.flush()
    security_event("admin_granted", user_id=user.id, created=created)
    return user, created
