"""Signed unsubscribe links: they switch one rule off without a login, and nothing else.

The token names the rule and its owner and carries an HMAC of both under a key derived from
the instance's secret key for this purpose only. It does not expire: an old e-mail's link
still works, and the worst it can do is what it says.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.errors import AppError
from vinyldigger.models import AlertRule

_PURPOSE = b"vinyldigger alert unsubscribe v1"


def _signature(secret: str, rule_id: int, user_id: int) -> str:
    key = hmac.new(secret.encode(), _PURPOSE, hashlib.sha256).digest()
    digest = hmac.new(key, f"{rule_id}.{user_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def token_for(secret: str, *, rule_id: int, user_id: int) -> str:
    return f"{rule_id}.{user_id}.{_signature(secret, rule_id, user_id)}"


def _invalid() -> AppError:
    return AppError("This unsubscribe link is not valid.", status_code=400, code="invalid_link")


async def unsubscribe(session: AsyncSession, secret: str, token: str) -> AlertRule:
    """Switch off the rule the token names; the same link used twice is not an error."""
    parts = token.split(".")
    if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit():
        raise _invalid()
    rule_id, user_id = int(parts[0]), int(parts[1])
    if not hmac.compare_digest(parts[2], _signature(secret, rule_id, user_id)):
        raise _invalid()
    rule = await session.scalar(
        select(AlertRule).where(AlertRule.id == rule_id, AlertRule.user_id == user_id)
    )
    if rule is None:
        raise AppError("That alert rule no longer exists.", status_code=404, code="not_found")
    rule.is_active = False
    await session.flush()
    return rule
