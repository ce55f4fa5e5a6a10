"""Discogs-style rate limiting: per client address, a moving 60-second window.

Every answer carries `X-Discogs-Ratelimit`, `-Used` and `-Remaining`; a request over the
limit gets a 429 and is not counted, so a client that waits gets in again once old
requests leave the window (60 s of silence empties it).
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from starlette.types import ASGIApp, Message, Receive, Scope, Send

if TYPE_CHECKING:
    from vinyldigger_sandbox.state import SandboxState

TOO_MANY_REQUESTS = {"message": "You are making requests too quickly."}


@dataclass(frozen=True, slots=True)
class WindowState:
    allowed: bool
    limit: int
    used: int

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)

    def headers(self) -> list[tuple[bytes, bytes]]:
        return [
            (b"x-discogs-ratelimit", str(self.limit).encode()),
            (b"x-discogs-ratelimit-used", str(self.used).encode()),
            (b"x-discogs-ratelimit-remaining", str(self.remaining).encode()),
        ]


class SlidingWindowLimiter:
    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}

    def hit(self, key: str, limit: int, window: float) -> WindowState:
        now = self._clock()
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - window:
            hits.popleft()
        if len(hits) >= limit:
            return WindowState(False, limit, len(hits))
        hits.append(now)
        return WindowState(True, limit, len(hits))


def client_address(scope: Scope, trust_forwarded_for: bool) -> str:
    if trust_forwarded_for:
        for name, value in scope.get("headers", []):
            if name == b"x-forwarded-for":
                return str(value.decode("latin-1").split(",")[0].strip())
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def carries_credentials(scope: Scope) -> bool:
    """Whether a request offers any Discogs credentials (validity is checked later)."""
    for name, _ in scope.get("headers", []):
        if name == b"authorization":
            return True
    query = scope.get("query_string", b"").decode("latin-1")
    return any(part.split("=")[0] in ("token", "key") for part in query.split("&"))


class DiscogsRateLimitMiddleware:
    def __init__(self, app: ASGIApp, state: SandboxState) -> None:
        self._app = app
        self._state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        settings = self._state.settings
        limit = (
            settings.discogs_rate_limit
            if carries_credentials(scope)
            else settings.discogs_rate_limit_unauthenticated
        )
        window = self._state.discogs_limiter.hit(
            client_address(scope, settings.trust_forwarded_for),
            limit,
            settings.discogs_rate_window_seconds,
        )
        if not window.allowed:
            body = json.dumps(TOO_MANY_REQUESTS).encode()
            headers = [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *window.headers(),
            ]
            await send({"type": "http.response.start", "status": 429, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *window.headers()]}
            await send(message)

        await self._app(scope, receive, send_with_headers)
