"""Password hashing, JWTs and encryption of stored marketplace secrets."""

from __future__ import annotations

import asyncio
import base64
import os
import uuid
import weakref
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

import jwt
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

JWT_ALGORITHM = "HS256"
_password_hash = PasswordHash((Argon2Hasher(),))
# Verifying against a real hash when the account does not exist keeps timing uniform.
_DUMMY_HASH = _password_hash.hash("not-a-real-password-for-timing")


class TokenType(StrEnum):
    ACCESS = "access"
    REFRESH = "refresh"


@dataclass(frozen=True)
class TokenClaims:
    subject: int
    token_type: TokenType
    token_id: str
    family_id: str | None
    expires_at: datetime


class InvalidTokenError(Exception):
    """The token is malformed, expired, forged or of the wrong type."""


# Each argon2 hash already runs on several cores (parallelism 4) for a tenth of a second or
# more: a few at once use every core, and more only queue inside the operating system while
# the event loop, which serves every other request, waits for CPU. So they queue here instead.
# Each one also holds 64 MB while it runs, so this bounds their memory too.
_HASHES_AT_ONCE = max(1, (os.cpu_count() or 2) // 2)
_hashing: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
    weakref.WeakKeyDictionary()
)


def _hashing_slots() -> asyncio.Semaphore:
    loop = asyncio.get_running_loop()
    if loop not in _hashing:
        _hashing[loop] = asyncio.Semaphore(_HASHES_AT_ONCE)
    return _hashing[loop]


async def hash_password(password: str) -> str:
    # argon2 costs tens of milliseconds of CPU: keep it off the event loop.
    async with _hashing_slots():
        return await asyncio.to_thread(_password_hash.hash, password)


async def verify_password(password: str, password_hash: str | None) -> bool:
    target = password_hash or _DUMMY_HASH
    async with _hashing_slots():
        valid = await asyncio.to_thread(_password_hash.verify, password, target)
    return valid and password_hash is not None


def create_token(
    *,
    secret: str,
    subject: int,
    token_type: TokenType,
    lifetime: timedelta,
    family_id: str | None = None,
    now: datetime | None = None,
) -> tuple[str, TokenClaims]:
    issued = now or datetime.now(UTC)
    claims = TokenClaims(
        subject=subject,
        token_type=token_type,
        token_id=uuid.uuid4().hex,
        family_id=family_id,
        expires_at=issued + lifetime,
    )
    payload: dict[str, Any] = {
        "sub": str(subject),
        "typ": token_type.value,
        "jti": claims.token_id,
        "iat": int(issued.timestamp()),
        "exp": int(claims.expires_at.timestamp()),
    }
    if family_id:
        payload["fam"] = family_id
    return jwt.encode(payload, secret, algorithm=JWT_ALGORITHM), claims


def decode_token(token: str, *, secret: str, expected_type: TokenType) -> TokenClaims:
    try:
        payload = jwt.decode(
            token, secret, algorithms=[JWT_ALGORITHM], options={"require": ["exp", "sub", "typ"]}
        )
    except jwt.PyJWTError as exc:
        raise InvalidTokenError(str(exc)) from exc
    if payload.get("typ") != expected_type.value:
        raise InvalidTokenError("wrong token type")
    try:
        subject = int(payload["sub"])
    except (TypeError, ValueError) as exc:
        raise InvalidTokenError("bad subject") from exc
    return TokenClaims(
        subject=subject,
        token_type=expected_type,
        token_id=str(payload.get("jti", "")),
        family_id=payload.get("fam"),
        expires_at=datetime.fromtimestamp(int(payload["exp"]), UTC),
    )


class SecretBox:
    """Encrypts marketplace secrets: one derived key per service, rotation via MultiFernet.

    The first key material is used to encrypt; all of them decrypt, so adding a new key in
    front and re-encrypting rotates without downtime.
    """

    def __init__(self, key_materials: list[str]) -> None:
        if not key_materials:
            raise ValueError("at least one encryption key is required")
        self._materials = [m.encode() for m in key_materials]
        self._cache: dict[str, MultiFernet] = {}

    def _fernet_for(self, purpose: str) -> MultiFernet:
        if purpose not in self._cache:
            fernets = [Fernet(self._derive(m, purpose)) for m in self._materials]
            self._cache[purpose] = MultiFernet(fernets)
        return self._cache[purpose]

    @staticmethod
    def _derive(material: bytes, purpose: str) -> bytes:
        hkdf = HKDF(
            algorithm=hashes.SHA256(),
            length=32,
            salt=b"vinyldigger-credentials-v1",
            info=f"vinyldigger:{purpose}".encode(),
        )
        return base64.urlsafe_b64encode(hkdf.derive(material))

    def encrypt(self, purpose: str, plaintext: str) -> str:
        return self._fernet_for(purpose).encrypt(plaintext.encode()).decode()

    def decrypt(self, purpose: str, ciphertext: str) -> str:
        try:
            return self._fernet_for(purpose).decrypt(ciphertext.encode()).decode()
        except InvalidToken as exc:
            raise ValueError("stored secret cannot be decrypted with the configured keys") from exc

    def rotate(self, purpose: str, ciphertext: str) -> str:
        return self._fernet_for(purpose).rotate(ciphertext.encode()).decode()
