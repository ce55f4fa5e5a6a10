"""Fault injection for the upstream APIs: latency, 5xx answers, hangs, truncated bodies.

Wraps the Discogs, eBay and FX apps only; the /sandbox control endpoints never see faults.
Which fault hits which request comes from a generator seeded by `fault_seed`, so a run
with faults can be repeated exactly.
"""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from vinyldigger_sandbox.settings import FaultTarget

if TYPE_CHECKING:
    from vinyldigger_sandbox.state import SandboxState


_ERROR_BODIES: dict[str, dict[str, object]] = {
    "discogs": {"message": "An internal server error occurred."},
    "ebay": {
        "errors": [
            {
                "errorId": 10001,
                "domain": "API_BROWSE",
                "category": "APPLICATION",
                "message": "There was a problem with an eBay internal system or "
                "process. Contact eBay developer support for assistance.",
            }
        ]
    },
    "fx": {"message": "Service unavailable"},
}


class FaultMiddleware:
    def __init__(self, app: ASGIApp, state: SandboxState, target: FaultTarget) -> None:
        self._app = app
        self._state = state
        self._target = target

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        faults = self._state.settings.faults
        if scope["type"] != "http" or self._target not in faults.apply_to:
            await self._app(scope, receive, send)
            return
        if faults.latency_ms:
            await asyncio.sleep(faults.latency_ms / 1000)
        roll = self._state.fault_rng.random()
        if roll < faults.timeout_rate:
            await self._hang(receive, send, faults.timeout_hang_seconds)
        elif roll < faults.timeout_rate + faults.error_rate:
            await self._server_error(send)
        elif roll < faults.timeout_rate + faults.error_rate + faults.truncate_rate:
            await self._truncated(scope, receive, send)
        else:
            await self._app(scope, receive, send)

    async def _hang(self, receive: Receive, send: Send, seconds: float) -> None:
        """Hold the request, then give up with a gateway timeout, unless the client leaves."""

        async def client_left() -> None:
            while (await receive())["type"] != "http.disconnect":
                pass

        waiter = asyncio.ensure_future(client_left())
        try:
            done, _ = await asyncio.wait({waiter}, timeout=seconds)
        finally:
            waiter.cancel()
        if not done:
            await _send_body(
                send, 504, b"<html><body>504 Gateway Time-out</body></html>", b"text/html"
            )

    async def _server_error(self, send: Send) -> None:
        status = (500, 502, 503)[int(self._state.fault_rng.random() * 3)]
        if status == 500:
            body = json.dumps(_ERROR_BODIES[self._target]).encode()
            await _send_body(send, 500, body, b"application/json")
        else:
            text = "Bad Gateway" if status == 502 else "Service Unavailable"
            await _send_body(
                send, status, f"<html><body>{status} {text}</body></html>".encode(), b"text/html"
            )

    async def _truncated(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Send the real headers (with the full Content-Length) but only half the body."""
        start: Message | None = None
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self._app(scope, receive, capture)
        if start is None:
            return
        body = b"".join(chunks)
        await send(start)
        try:
            await send({"type": "http.response.body", "body": body[: len(body) // 2]})
        except Exception:
            # The server refuses to finish a body shorter than its Content-Length and drops
            # the connection, which is what a client sees when a body is cut on the wire.
            return


async def _send_body(send: Send, status: int, body: bytes, content_type: bytes) -> None:
    headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
