"""`demo-setup` and `sandbox-env`: every upstream address of a demo or e2e stack is the
sandbox's."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.sandbox.conftest import small_settings
from vinyldigger.cli import app
from vinyldigger.core.config import Settings, get_settings
from vinyldigger.core.logging import configure_logging
from vinyldigger_sandbox.server import RunningSandbox, running_sandbox

runner = CliRunner()
# Not upstream: the stores, and the app's own address (links in alert e-mails).
NOT_UPSTREAM = {"database_url", "redis_url", "public_url"}


def upstream_settings() -> set[str]:
    """The environment names of every setting holding an upstream address (`*_url`)."""
    names = {
        field.alias or name
        for name, field in Settings.model_fields.items()
        if name.endswith("_url") and name not in NOT_UPSTREAM
    }
    assert "VINYLDIGGER_FX_URL" in names and "VINYLDIGGER_EBAY_AUTH_URL" in names
    return names


def assert_all_point_at(environment: dict[str, str], sandbox: RunningSandbox) -> None:
    missing = upstream_settings() - set(environment)
    assert not missing, f"left at their real upstream defaults: {sorted(missing)}"
    outside = {
        key: value
        for key, value in environment.items()
        if key in upstream_settings() and not value.startswith(f"{sandbox.base_url}/")
    }
    assert not outside, f"pointing outside the sandbox: {outside}"


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningSandbox]:
    with running_sandbox(small_settings()) as running:
        yield running


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("DATABASE_URL", "REDIS_URL", *upstream_settings()):
        monkeypatch.delenv(name, raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()
    # demo-setup configures the process's logging for a terminal; later tests expect the default.
    configure_logging("INFO")


def test_demo_setup_points_every_upstream_at_the_sandbox(
    sandbox: RunningSandbox, tmp_path: Path, clean_environment: None
) -> None:
    env_file = tmp_path / "demo.env"
    result = runner.invoke(
        app,
        [
            "demo-setup",
            "--sandbox-url",
            sandbox.base_url,
            "--data-dir",
            str(tmp_path / "demo"),
            "--env-file",
            str(env_file),
        ],
    )
    assert result.exit_code == 0, result.output
    written = dict(
        line.split("=", 1) for line in env_file.read_text(encoding="utf-8").splitlines() if line
    )
    assert_all_point_at(written, sandbox)
    assert written["VINYLDIGGER_FX_URL"] == sandbox.fx_url
    # What `make demo` prints once the app answers.
    welcome = (tmp_path / "demo" / "welcome.txt").read_text(encoding="utf-8")
    assert welcome == "Demo account: demo@vinyldigger.example / password: crate-digging-demo\n"


def test_sandbox_env_gives_the_e2e_stack_the_same_addresses(
    sandbox: RunningSandbox, clean_environment: None
) -> None:
    result = runner.invoke(app, ["sandbox-env", "--sandbox-url", sandbox.base_url])
    assert result.exit_code == 0, result.output
    assert_all_point_at(json.loads(result.stdout), sandbox)
