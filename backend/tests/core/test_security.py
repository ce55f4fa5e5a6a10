"""Password hashing, tokens and the per-service encryption of stored secrets."""

from __future__ import annotations

from datetime import timedelta

import pytest
from cryptography.fernet import Fernet

from vinyldigger.core.security import (
    InvalidTokenError,
    SecretBox,
    TokenType,
    create_token,
    decode_token,
    hash_password,
    verify_password,
)


async def test_passwords_hash_with_argon2id_and_verify() -> None:
    hashed = await hash_password("a long enough password")
    assert hashed.startswith("$argon2id$")
    assert await verify_password("a long enough password", hashed)
    assert not await verify_password("another password", hashed)
    assert not await verify_password("anything", None)


def test_token_type_is_checked() -> None:
    token, claims = create_token(
        secret="s" * 40,
        subject=7,
        token_type=TokenType.REFRESH,
        lifetime=timedelta(minutes=1),
        family_id="fam",
    )
    decoded = decode_token(token, secret="s" * 40, expected_type=TokenType.REFRESH)
    assert decoded.subject == 7 and decoded.family_id == "fam"
    assert decoded.token_id == claims.token_id
    with pytest.raises(InvalidTokenError):
        decode_token(token, secret="s" * 40, expected_type=TokenType.ACCESS)
    with pytest.raises(InvalidTokenError):
        decode_token(token, secret="t" * 40, expected_type=TokenType.REFRESH)


def test_each_service_has_its_own_key() -> None:
    box = SecretBox([Fernet.generate_key().decode()])
    ciphertext = box.encrypt("credentials:discogs", "tok")
    assert box.decrypt("credentials:discogs", ciphertext) == "tok"
    with pytest.raises(ValueError, match="cannot be decrypted"):
        box.decrypt("credentials:ebay", ciphertext)


def test_key_rotation_keeps_old_secrets_readable_and_rewraps_them() -> None:
    old_key = Fernet.generate_key().decode()
    old_box = SecretBox([old_key])
    ciphertext = old_box.encrypt("credentials:ebay", "client-secret")
    new_key = Fernet.generate_key().decode()
    rotated_box = SecretBox([new_key, old_key])
    assert rotated_box.decrypt("credentials:ebay", ciphertext) == "client-secret"
    rewrapped = rotated_box.rotate("credentials:ebay", ciphertext)
    assert SecretBox([new_key]).decrypt("credentials:ebay", rewrapped) == "client-secret"
    with pytest.raises(ValueError, match="cannot be decrypted"):
        old_box.decrypt("credentials:ebay", rewrapped)
