"""Request bodies above a size limit are refused with 413 before the app reads them.

Without a limit, anyone can make the process hold many large bodies in memory at once (the
login endpoint needs no account). A declared Content-Length over the limit is refused at once;
a body sent without one (chunked) is read up to the limit and refused as soon as it passes it,
so no more than the limit is ever held for a request.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from vinyldigger.api.asgi_body import buffer_body, replay
from vinyldigger.api.errors import render_error

DEFAULT_MAX_BODY_BYTES = 256 * 1024


class BodySizeLimitMiddleware:
    def __init__(self, app: ASGIApp, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _declared_length(scope)
        if declared is not None and declared > self.max_body_bytes:
            await self._refuse(scope, receive, send)
            return
        if declared is not None:
            await self.app(scope, receive, send)
            return
        buffered = await buffer_body(receive, self.max_body_bytes)
        if buffered.too_large:
            await self._refuse(scope, receive, send)
            return
        await self.app(scope, replay(buffered, receive), send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit_kb = self.max_body_bytes // 1024
        response = render_error(
            413,
            "payload_too_large",
            f"The request body is larger than the limit of {limit_kb} kB.",
            headers={"Connection": "close"},
        )
        await response(scope, receive, send)


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
