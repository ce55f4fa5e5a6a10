"""Accounts: registration, throttled login, rotating refresh tokens with reuse detection."""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum

import pycountry
from email_validator import EmailNotValidError, validate_email
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.config import Settings
from vinyldigger.core.database import end_reading
from vinyldigger.core.errors import (
    AppError,
    conflict,
    too_many_requests,
    unauthorized,
    validation,
)
from vinyldigger.core.logging import security_event
from vinyldigger.core.ratelimit import RateLimiter
from vinyldigger.core.security import (
    InvalidTokenError,
    TokenType,
    create_token,
    decode_token,
    hash_password,
    verify_password,
)
from vinyldigger.models import RefreshToken, User
from vinyldigger.models.base import utcnow
from vinyldigger.services import known_devices
from vinyldigger.services.login_throttle import LoginThrottle
from vinyldigger.services.marketplaces.grades import Grade
from vinyldigger.services.password_policy import guessability_problem
from vinyldigger.services.sessions import family_is_live, revoke_other_sessions

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256
LOGIN_WINDOW_S = 60
REGISTER_WINDOW_S = 3600
BAD_LOGIN = "Incorrect e-mail or password"


class Keep(Enum):
    """A profile default the update does not mention: it stays as it is."""

    KEEP = "keep"


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int
    token_type: str = "bearer"  # noqa: S105 - the OAuth2 token type, not a secret


@dataclass(frozen=True)
class LoginResult:
    tokens: TokenPair
    # Recognises this browser at its next login (see services.known_devices).
    device_token: str


def normalize_email(raw: str) -> str:
    try:
        result = validate_email(raw.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise validation("email", str(exc)) from exc
    return result.normalized.lower()


def check_password_rules(
    password: str, field_name: str = "password", email: str | None = None
) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise validation(field_name, f"must be at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise validation(field_name, f"must be at most {MAX_PASSWORD_LENGTH} characters")
    # The address's parts are the first thing an attacker who knows it would try.
    hints = [part for part in re.split(r"[@.+_-]", email or "") if part]
    problem = guessability_problem(password, hints)
    if problem is not None:
        raise validation(field_name, problem)


def _account_key(email: str) -> str:
    # Rate-limit keys end up in Redis: keep the address itself out of them.
    return hashlib.sha256(email.encode()).hexdigest()[:32]


async def register(
    session: AsyncSession,
    limiter: RateLimiter,
    settings: Settings,
    *,
    email: str,
    password: str,
    client_ip: str,
) -> User:
    retry = await limiter.hit(
        f"register:ip:{client_ip}", settings.registrations_per_hour_per_ip, REGISTER_WINDOW_S
    )
    if retry is not None:
        raise too_many_requests(retry)
    normalized = normalize_email(email)
    check_password_rules(password, email=normalized)
    # Hashed with no transaction open: argon2 takes tens of milliseconds.
    await end_reading(session)
    password_hash = await hash_password(password)
    existing = await session.scalar(select(User.id).where(User.email == normalized))
    if existing is not None:
        raise conflict("An account with this e-mail already exists", "email")
    user = User(email=normalized, password_hash=password_hash)
    session.add(user)
    try:
        await session.flush()
    except IntegrityError as exc:
        raise conflict("An account with this e-mail already exists", "email") from exc
    security_event("user_registered", user_id=user.id, ip=client_ip)
    return user


async def login(
    session: AsyncSession,
    limiter: RateLimiter,
    settings: Settings,
    *,
    email: str,
    password: str,
    client_ip: str,
    device_token: str | None = None,
    refresh_token: str | None = None,
) -> LoginResult:
    """Signs in; `device_token` and `refresh_token` are what the browser holds from before."""
    retry = await limiter.hit(
        f"login:ip:{client_ip}", settings.auth_requests_per_minute_per_ip, LOGIN_WINDOW_S
    )
    if retry is not None:
        security_event("login_rate_limited", ip=client_ip, scope="ip")
        raise too_many_requests(retry)
    normalized = email.strip().lower()
    user = await session.scalar(select(User).where(User.email == normalized))
    device = await known_devices.recognise(
        session, settings, user, device_token=device_token, refresh_token=refresh_token
    )
    throttle = LoginThrottle(limiter, settings, _account_key(normalized), client_ip, device)
    await throttle.refuse_if_throttled()
    # Verified with no transaction open; the token is written in a short one afterwards.
    await end_reading(session)
    if not await verify_password(password, user.password_hash if user else None) or user is None:
        delay = await throttle.failed()
        security_event(
            "login_failed",
            ip=client_ip,
            user_id=user.id if user else None,
            account=_account_key(normalized),
            known_device=device is not None,
            delay=delay,
        )
        raise unauthorized(BAD_LOGIN)
    if not user.is_active:
        security_event("login_refused_inactive", ip=client_ip, user_id=user.id)
        raise AppError("This account is disabled", status_code=403, code="inactive")
    await throttle.succeeded()
    security_event("login_ok", ip=client_ip, user_id=user.id, known_device=device is not None)
    tokens = await issue_tokens(session, settings, user, family_id=uuid.uuid4().hex)
    device_id = device.device_id if device else None
    return LoginResult(tokens, known_devices.issue_device_token(settings, user, device_id))


async def issue_tokens(
    session: AsyncSession, settings: Settings, user: User, *, family_id: str
) -> TokenPair:
    access_lifetime = timedelta(minutes=settings.access_token_minutes)
    access, _ = create_token(
        secret=settings.jwt_secret,
        subject=user.id,
        token_type=TokenType.ACCESS,
        lifetime=access_lifetime,
        family_id=family_id,
    )
    refresh, claims = create_token(
        secret=settings.jwt_secret,
        subject=user.id,
        token_type=TokenType.REFRESH,
        lifetime=timedelta(days=settings.refresh_token_days),
        family_id=family_id,
    )
    session.add(
        RefreshToken(
            token_id=claims.token_id,
            family_id=family_id,
            user_id=user.id,
            issued_at=utcnow(),
            expires_at=claims.expires_at,
        )
    )
    await session.flush()
    return TokenPair(access, refresh, int(access_lifetime.total_seconds()))


async def _revoke_family(session: AsyncSession, family_id: str) -> None:
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


async def refresh(
    session: AsyncSession, settings: Settings, *, refresh_token: str | None
) -> TokenPair:
    if not refresh_token:
        raise unauthorized("Not signed in: no refresh token")
    try:
        claims = decode_token(
            refresh_token, secret=settings.jwt_secret, expected_type=TokenType.REFRESH
        )
    except InvalidTokenError as exc:
        raise unauthorized("Invalid refresh token") from exc
    now = utcnow()
    # A single conditional UPDATE claims the token, so two concurrent uses cannot both win.
    claimed = await session.execute(
        update(RefreshToken)
        .where(
            RefreshToken.token_id == claims.token_id,
            RefreshToken.used_at.is_(None),
            RefreshToken.revoked_at.is_(None),
            RefreshToken.expires_at > now,
        )
        .values(used_at=now)
        .returning(RefreshToken.family_id, RefreshToken.user_id)
    )
    row = claimed.first()
    if row is None:
        stored = await session.scalar(
            select(RefreshToken).where(RefreshToken.token_id == claims.token_id)
        )
        if stored is not None and (stored.used_at is not None or stored.revoked_at is not None):
            await _revoke_family(session, stored.family_id)
            security_event(
                "refresh_token_reuse", user_id=stored.user_id, family=stored.family_id[:8]
            )
            raise unauthorized("Refresh token already used; this session is revoked", commit=True)
        raise unauthorized("Invalid refresh token")
    user = await session.get(User, row.user_id)
    if user is None or not user.is_active:
        raise unauthorized("Account disabled")
    return await issue_tokens(session, settings, user, family_id=row.family_id)


async def logout(session: AsyncSession, settings: Settings, *, refresh_token: str | None) -> None:
    """Revokes the token's session. Signing out always succeeds: a token that is missing,
    expired or forged has no session left to end."""
    try:
        claims = decode_token(
            refresh_token or "", secret=settings.jwt_secret, expected_type=TokenType.REFRESH
        )
    except InvalidTokenError:
        return
    if claims.family_id:
        await _revoke_family(session, claims.family_id)
    security_event("logout", user_id=claims.subject)


async def user_from_access_token(session: AsyncSession, settings: Settings, token: str) -> User:
    user, _family = await sign_in_from_access_token(session, settings, token)
    return user


async def sign_in_from_access_token(
    session: AsyncSession, settings: Settings, token: str
) -> tuple[User, str | None]:
    """The user and the session (refresh family) an access token belongs to."""
    try:
        claims = decode_token(token, secret=settings.jwt_secret, expected_type=TokenType.ACCESS)
    except InvalidTokenError as exc:
        raise unauthorized("Invalid or expired access token") from exc
    user = await session.get(User, claims.subject)
    if user is None or not user.is_active:
        raise unauthorized("Account disabled or removed")
    if claims.family_id and not await family_is_live(session, claims.family_id):
        raise unauthorized("This session was signed out")
    return user, claims.family_id


async def update_profile(
    session: AsyncSession,
    user: User,
    *,
    current_password: str | None,
    email: str | None,
    new_password: str | None,
    currency: str | None,
    ship_to_country: str | Keep | None = Keep.KEEP,
    min_media_grade: Grade | Keep | None = Keep.KEEP,
    current_family: str | None = None,
    limiter: RateLimiter | None = None,
    failures_per_minute: int = 5,
) -> User:
    """Changes what is given; `Keep.KEEP` leaves a default as it is, None clears it.

    A new password signs out every other session (`current_family` is the one kept).
    """
    changes_identity = email is not None or new_password is not None
    new_email = normalize_email(email) if email is not None else None
    if new_password is not None:
        check_password_rules(new_password, "new_password", new_email or user.email)
    if changes_identity:
        if not current_password:
            raise validation("current_password", "is required to change e-mail or password")
        # Both hashes are computed before anything is written, with no transaction open.
        await end_reading(session)
        # Limited like logins: a stolen access token must not become a password oracle.
        failures_key = f"profile:fail:{user.id}"
        if limiter is not None:
            retry = await limiter.blocked_for(failures_key, failures_per_minute, LOGIN_WINDOW_S)
            if retry is not None:
                raise too_many_requests(retry)
        if not await verify_password(current_password, user.password_hash):
            security_event("credential_change_refused", user_id=user.id)
            if limiter is not None:
                await limiter.hit(failures_key, failures_per_minute, LOGIN_WINDOW_S)
            raise validation("current_password", "is incorrect")
    new_hash = await hash_password(new_password) if new_password is not None else None
    if new_email is not None and new_email != user.email:
        taken = await session.scalar(select(User.id).where(User.email == new_email))
        if taken is not None:
            raise conflict("An account with this e-mail already exists", "email")
        user.email = new_email
        security_event("email_changed", user_id=user.id)
    if new_hash is not None:
        user.password_hash = new_hash
        security_event("password_changed", user_id=user.id)
        await revoke_other_sessions(
            session, user.id, keep_family=current_family, reason="password_changed"
        )
    if currency is not None:
        user.currency = currency.upper()
    if ship_to_country is not Keep.KEEP:
        user.ship_to_country = country_code(ship_to_country) if ship_to_country else None
    if min_media_grade is not Keep.KEEP:
        user.min_media_grade = min_media_grade.value if min_media_grade else None
    await session.flush()
    return user


def country_code(raw: str) -> str:
    """An ISO 3166-1 alpha-2 code that names a country ("gb" -> "GB")."""
    code = raw.strip().upper()
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        raise validation("ship_to_country", "is not a country code (ISO 3166-1 alpha-2)")
    return code


async def prune_expired_refresh_tokens(session: AsyncSession) -> int:
    """Expired tokens can no longer be used or reused; keeping them only grows the table."""
    result = await session.execute(delete(RefreshToken).where(RefreshToken.expires_at < utcnow()))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
