"""The compose file's nginx serves the web app with the same security headers as the API."""

from __future__ import annotations

import re
from pathlib import Path

from vinyldigger.api.middleware import CONTENT_SECURITY_POLICY

FRONTEND = Path(__file__).resolve().parents[3] / "frontend"
HEADER = re.compile(r'^add_header\s+(\S+)\s+"([^"]*)"\s+always;$', re.MULTILINE)


def _nginx_headers() -> dict[str, str]:
    text = (FRONTEND / "security-headers.conf").read_text()
    return dict(HEADER.findall(text))


def test_nginx_sends_the_api_security_headers() -> None:
    assert _nginx_headers() == {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "X-Frame-Options": "DENY",
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    }


def test_every_nginx_location_that_adds_headers_includes_them() -> None:
    config = (FRONTEND / "nginx.conf").read_text()
    locations = re.findall(r"location\s+(\S+)\s*\{(.*?)\n    \}", config, re.DOTALL)
    assert locations
    for path, body in locations:
        if "add_header" in body:
            assert "include /etc/nginx/snippets/security-headers.conf;" in body, path
    dockerfile = (FRONTEND / "Dockerfile").read_text()
    assert "security-headers.conf /etc/nginx/snippets/security-headers.conf" in dockerfile
