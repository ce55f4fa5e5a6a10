"""The `sandbox` command, the in-thread server helper, and keeping product code sandbox-free."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import httpx
import pytest
import typer
from typer.testing import CliRunner

from tests.sandbox.conftest import small_settings
from vinyldigger.cli.sandbox import register
from vinyldigger_sandbox import server
from vinyldigger_sandbox.settings import SandboxSettings


def _cli() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.command()
    def other() -> None:
        """A second command, so `sandbox` is invoked by name as in the real CLI."""

    return app


def test_command_builds_settings_from_flags(monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[SandboxSettings] = []
    monkeypatch.setattr(server, "serve", lambda settings, warm_up: served.append(settings))
    result = CliRunner().invoke(
        _cli(),
        [
            "sandbox",
            "--port",
            "9123",
            "--seed",
            "7",
            "--size",
            "small",
            "--discogs-rate-limit",
            "30",
            "--error-rate",
            "0.2",
            "--latency-ms",
            "50",
            "--advance-every-seconds",
            "5",
            "--start-date",
            "2027-01-04",
        ],
    )
    assert result.exit_code == 0, result.output
    settings = served[0]
    assert (settings.port, settings.seed, settings.size) == (9123, 7, "small")
    assert settings.discogs_rate_limit == 30 and settings.advance_every_seconds == 5
    assert settings.faults.error_rate == 0.2 and settings.faults.latency_ms == 50
    assert settings.start_date.isoformat() == "2027-01-04"


def test_command_rejects_unknown_sizes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server, "serve", lambda settings, warm_up: None)
    result = CliRunner().invoke(_cli(), ["sandbox", "--size", "huge"])
    assert result.exit_code != 0


def test_start_sandbox_serves_on_a_free_port_until_stopped() -> None:
    running = server.start_sandbox(small_settings())
    try:
        info: dict[str, Any] = httpx.get(f"{running.base_url}/sandbox/info", timeout=10).json()
        assert info["discogs_base_url"] == running.discogs_base_url
        assert info["ebay_base_url"] == running.ebay_base_url
        assert info["fx_url"] == running.fx_url
        assert running.state.world.size.name == "small"
    finally:
        running.stop()
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{running.base_url}/sandbox/info", timeout=2)


def test_product_code_does_not_import_the_sandbox() -> None:
    code = (
        "import sys, vinyldigger.cli, vinyldigger.cli.sandbox; "
        "print(any(name.startswith('vinyldigger_sandbox') for name in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"
