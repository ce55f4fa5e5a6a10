"""Browsers that signed in to an account before: the owner's way in while it is under attack.

A successful login gives the browser a signed "known device" token (kept in an HttpOnly
cookie). It names the account, a random id for the browser, and a keyed digest of the password
hash, so a password change forgets every known device. A live refresh session of the same
account proves the same.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.config import Settings
from vinyldigger.core.security import JWT_ALGORITHM, InvalidTokenError, TokenType, decode_token
from vinyldigger.models import User
from vinyldigger.services.sessions import family_is_live

KNOWN_DEVICE_DAYS = 365
DEVICE_TOKEN_TYPE = "device"  # noqa: S105 - the token type claim, not a secret


@dataclass(frozen=True)
class KnownDevice:
    """A browser recognised at login, by its device token or by its live refresh session."""

    # Stable for the browser: its own login failures are counted under it, not its address.
    key: str
    # The device token's id, kept when the token is renewed.
    device_id: str | None


def _password_tag(settings: Settings, user: User) -> str:
    return hmac.new(
        settings.jwt_secret.encode(), b"known-device:" + user.password_hash.encode(), hashlib.sha256
    ).hexdigest()[:24]


def issue_device_token(settings: Settings, user: User, device_id: str | None = None) -> str:
    """A token that recognises this browser at the next login; keeps `device_id` when known."""
    now = datetime.now(UTC)
    payload = {
        "typ": DEVICE_TOKEN_TYPE,
        "sub": str(user.id),
        "did": device_id or uuid.uuid4().hex,
        "pwd": _password_tag(settings, user),
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(days=KNOWN_DEVICE_DAYS)).timestamp()),
    }
    return jwt.encode(payload, settings.jwt_secret, algorithm=JWT_ALGORITHM)


def _device_from_token(settings: Settings, user: User, token: str) -> KnownDevice | None:
    try:
        payload = jwt.decode(
            token,
            settings.jwt_secret,
            algorithms=[JWT_ALGORITHM],
            options={"require": ["exp", "sub", "typ", "did", "pwd"]},
        )
    except jwt.PyJWTError:
        return None
    if (
        payload["typ"] != DEVICE_TOKEN_TYPE
        or payload["sub"] != str(user.id)
        or not hmac.compare_digest(str(payload["pwd"]), _password_tag(settings, user))
    ):
        return None
    device_id = str(payload["did"])
    return KnownDevice(key=f"device:{device_id}", device_id=device_id)


async def _device_from_session(
    session: AsyncSession, settings: Settings, user: User, refresh_token: str
) -> KnownDevice | None:
    try:
        claims = decode_token(
            refresh_token, secret=settings.jwt_secret, expected_type=TokenType.REFRESH
        )
    except InvalidTokenError:
        return None
    if claims.subject != user.id or not claims.family_id:
        return None
    if not await family_is_live(session, claims.family_id):
        return None
    return KnownDevice(key=f"session:{claims.family_id}", device_id=None)


async def recognise(
    session: AsyncSession,
    settings: Settings,
    user: User | None,
    *,
    device_token: str | None,
    refresh_token: str | None,
) -> KnownDevice | None:
    """This browser, when it signed in to `user` before; None for a browser never seen."""
    if user is None:
        return None
    if device_token and (device := _device_from_token(settings, user, device_token)):
        return device
    if refresh_token:
        return await _device_from_session(session, settings, user, refresh_token)
    return None
