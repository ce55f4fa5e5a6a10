"""The log format switch: short readable lines by default, JSON lines when asked for."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import ValidationError

from tests.conftest import make_settings
from vinyldigger.cli.server import ready_banner
from vinyldigger.core.config import Settings
from vinyldigger.core.logging import configure_logging, get_logger


@pytest.fixture
def restore_logging() -> Iterator[None]:
    yield
    configure_logging("INFO")


def _log_request_and_secret(stream: io.StringIO, log_format: str) -> list[str]:
    configure_logging("INFO", log_format, stream=stream)
    log = get_logger("vinyldigger.http")
    log.info("request", method="GET", path="/api/v1/searches", status=200, duration_ms=12.5)
    get_logger("vinyldigger.jobs").warning("fx_refresh_failed", error="HTTP 503", api_token="s3")
    logging.getLogger("httpx").info("HTTP Request: GET https://example.org 200")
    return stream.getvalue().splitlines()


def test_console_lines_are_short_plain_and_one_per_event(restore_logging: None) -> None:
    request, failure = _log_request_and_secret(io.StringIO(), "console")
    assert request.endswith(" INFO    request GET /api/v1/searches 200 12.5ms")
    assert len(request.split(" ", 1)[0]) == 8  # HH:MM:SS
    # Not a terminal: no colour codes; secrets are scrubbed as in JSON.
    assert "\x1b[" not in request + failure
    assert failure.endswith(" WARNING fx_refresh_failed error='HTTP 503' api_token=[redacted]")


def test_json_lines_for_log_collectors(restore_logging: None) -> None:
    request, failure = (json.loads(line) for line in _log_request_and_secret(io.StringIO(), "json"))
    assert request["event"] == "request" and request["status"] == 200
    assert request["logger"] == "vinyldigger.http" and request["timestamp"].endswith("Z")
    assert failure["level"] == "warning" and failure["api_token"] == "[redacted]"


def test_the_setting_defaults_to_console_and_accepts_json(tmp_path: Path) -> None:
    assert make_settings(tmp_path, VINYLDIGGER_LOG_FORMAT="console").log_format == "console"
    assert make_settings(tmp_path, VINYLDIGGER_LOG_FORMAT=" JSON ").log_format == "json"
    with pytest.raises(ValidationError):
        make_settings(tmp_path, VINYLDIGGER_LOG_FORMAT="xml")
    assert Settings.model_fields["log_format"].default == "console"


def test_the_ready_banner_ends_with_the_address_and_the_note() -> None:
    banner = ready_banner("http://127.0.0.1:8000", "Demo account: a@b.example / password: x")
    assert banner.splitlines()[-2:] == [
        "  VinylDigger is ready: http://127.0.0.1:8000/",
        "  Demo account: a@b.example / password: x",
    ]
