"""Real receivers for what alerts send: an SMTP server (aiosmtpd) and an HTTP endpoint for
Apprise's json:// webhooks, each on a free local port, recording what arrived and when."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Received:
    """Messages in arrival order, each with the monotonic time it arrived."""

    items: list[tuple[float, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, item: Any) -> None:
        with self.lock:
            self.items.append((time.monotonic(), item))

    def all(self) -> list[Any]:
        with self.lock:
            return [item for _, item in self.items]


class _Inbox:
    def __init__(self, received: Received) -> None:
        self.received = received

    async def handle_DATA(self, _server: SMTP, _session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        self.received.add(message_from_bytes(content, policy=policy.default))
        return "250 Message accepted for delivery"


@contextmanager
def smtp_server() -> Iterator[tuple[int, Received]]:
    received = Received()
    port = free_port()
    controller = Controller(_Inbox(received), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, received
    finally:
        controller.stop()


def mails(received: Received) -> list[EmailMessage]:
    return [mail for mail in received.all() if isinstance(mail, EmailMessage)]


@dataclass
class Hook:
    """An HTTP endpoint that records every POSTed JSON body, with the path it was sent to
    under "path". `hold` makes it record a request
    and then wait before answering until `release` is set (a send cut off half-way)."""

    received: Received = field(default_factory=Received)
    hold: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    arrived: threading.Event = field(default_factory=threading.Event)


def _handler(hook: Hook) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            hook.received.add({**body, "path": self.path})
            hook.arrived.set()
            if hook.hold.is_set():
                hook.release.wait(timeout=30)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


@contextmanager
def webhook_receiver() -> Iterator[tuple[str, Hook]]:
    """Yields (Apprise json:// URL, hook)."""
    hook = Hook()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(hook))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"json://127.0.0.1:{server.server_address[1]}/hook", hook
    finally:
        hook.release.set()
        server.shutdown()
        server.server_close()
