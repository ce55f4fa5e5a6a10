"""The command line: migrate, create-admin and openapi against a real embedded data dir."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vinyldigger.cli import app
from vinyldigger.core.config import get_settings

runner = CliRunner()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    for name in (
        "DATABASE_URL",
        "REDIS_URL",
        "VINYLDIGGER_SECRET_KEY",
        "VINYLDIGGER_ENCRYPTION_KEYS",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("VINYLDIGGER_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("VINYLDIGGER_LOG_FORMAT", "console")
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_create_admin_creates_then_promotes(data_dir: Path) -> None:
    created = runner.invoke(
        app, ["create-admin", "Boss@Example.com", "--password", "a long admin password"]
    )
    assert created.exit_code == 0, created.output
    assert "boss@example.com is an administrator (account created)" in created.output
    again = runner.invoke(app, ["create-admin", "boss@example.com"])
    assert again.exit_code == 0
    with sqlite3.connect(data_dir / "vinyldigger.db") as db:
        rows = db.execute("SELECT email, is_admin FROM users").fetchall()
    assert rows == [("boss@example.com", 1)]


def test_create_admin_rejects_a_weak_password(data_dir: Path) -> None:
    result = runner.invoke(app, ["create-admin", "x@example.com", "--password", "short"])
    assert result.exit_code == 2
    assert "at least 10 characters" in result.output


def test_migrate_is_idempotent(data_dir: Path) -> None:
    assert runner.invoke(app, ["migrate"]).exit_code == 0
    assert runner.invoke(app, ["migrate"]).exit_code == 0
    with sqlite3.connect(data_dir / "vinyldigger.db") as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone() is not None


def test_distributed_commands_refuse_placeholder_secrets(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@127.0.0.1/postgres")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("VINYLDIGGER_SECRET_KEY", "change-me")
    get_settings.cache_clear()
    result = runner.invoke(app, ["migrate"])
    assert result.exit_code == 2
    assert "VINYLDIGGER_SECRET_KEY" in result.output


def test_openapi_prints_the_document(data_dir: Path) -> None:
    result = runner.invoke(app, ["openapi"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["openapi"].startswith("3.")
    assert "/api/v1/auth/login" in document["paths"]
