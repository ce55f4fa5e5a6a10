"""Settings: embedded mode generates and keeps its keys; distributed mode refuses weak ones."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr

from vinyldigger.core.config import (
    ConfigurationError,
    RunMode,
    Settings,
    prepare_settings,
)


def _settings(**values: object) -> Settings:
    return Settings.model_validate(values)


def test_embedded_mode_generates_keys_once_and_reuses_them(tmp_path: Path) -> None:
    first = prepare_settings(_settings(VINYLDIGGER_DATA_DIR=tmp_path))
    assert first.mode is RunMode.EMBEDDED
    secrets_file = tmp_path / "secrets.json"
    assert stat.S_IMODE(secrets_file.stat().st_mode) == 0o600
    second = prepare_settings(_settings(VINYLDIGGER_DATA_DIR=tmp_path))
    assert first.jwt_secret == second.jwt_secret
    assert first.encryption_key_list == second.encryption_key_list
    assert first.jwt_secret not in first.encryption_key_list
    assert first.effective_database_url.endswith(str(tmp_path / "vinyldigger.db"))


def test_distributed_mode_needs_both_urls() -> None:
    only_db = _settings(DATABASE_URL="postgresql://u@h/db")
    assert only_db.mode is RunMode.EMBEDDED
    both = _settings(DATABASE_URL="postgres://u@h/db", REDIS_URL="redis://h:6379/0")
    assert both.mode is RunMode.DISTRIBUTED
    assert both.effective_database_url == "postgresql+asyncpg://u@h/db"


@pytest.mark.parametrize(
    ("secret", "keys", "message"),
    [
        (None, None, "VINYLDIGGER_SECRET_KEY"),
        ("change-me-" * 5, Fernet.generate_key().decode(), "VINYLDIGGER_SECRET_KEY"),
        ("s" * 40, None, "VINYLDIGGER_ENCRYPTION_KEYS"),
        ("s" * 40, "changeme-please-changeme-please-1234", "placeholder"),
        ("k" * 44, "k" * 44, "must differ"),
    ],
)
def test_distributed_mode_refuses_missing_or_placeholder_secrets(
    secret: str | None, keys: str | None, message: str
) -> None:
    values: dict[str, object] = {"DATABASE_URL": "postgresql://u@h/db", "REDIS_URL": "redis://h"}
    if secret is not None:
        values["VINYLDIGGER_SECRET_KEY"] = SecretStr(secret)
    if keys is not None:
        values["VINYLDIGGER_ENCRYPTION_KEYS"] = SecretStr(keys)
    with pytest.raises(ConfigurationError, match=message):
        prepare_settings(_settings(**values))


def test_distributed_mode_accepts_real_secrets() -> None:
    ready = prepare_settings(
        _settings(
            DATABASE_URL="postgresql://u@h/db",
            REDIS_URL="redis://h",
            VINYLDIGGER_SECRET_KEY=SecretStr("x9" * 24),
            VINYLDIGGER_ENCRYPTION_KEYS=SecretStr(
                f"{Fernet.generate_key().decode()},{Fernet.generate_key().decode()}"
            ),
        )
    )
    assert len(ready.encryption_key_list) == 2
