"""Request ids, one structured log line per request, and security headers."""

from __future__ import annotations

import re
import time
import uuid

import structlog
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from vinyldigger.api.errors import unexpected_error_response
from vinyldigger.core.logging import get_logger
from vinyldigger.core.request_context import set_request_id

logger = get_logger("vinyldigger.http")
_VALID_ID = re.compile(r"^[A-Za-z0-9._\-]{1,64}$")

CONTENT_SECURITY_POLICY = (
    # Local http images are the sandbox's covers in the demo; real covers come over https.
    "default-src 'self'; img-src 'self' data: https: http://127.0.0.1:* http://localhost:*; "
    "style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'"
)
# Swagger UI loads its assets from a CDN and runs an inline bootstrap script.
DOCS_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data: https:; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; connect-src 'self'; "
    "frame-ancestors 'none'"
)


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        set_request_id(request_id)
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        status = 500
        path: str = scope["path"]

        status_started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal status, status_started
            if message["type"] == "http.response.start":
                status = message["status"]
                status_started = True
                headers = MutableHeaders(scope=message)
                headers["X-Request-ID"] = request_id
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "same-origin")
                headers.setdefault("X-Frame-Options", "DENY")
                csp = (
                    DOCS_CONTENT_SECURITY_POLICY
                    if path == "/api/docs"
                    else (CONTENT_SECURITY_POLICY)
                )
                headers.setdefault("Content-Security-Policy", csp)
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as exc:
            # Rendered here rather than by Starlette's outermost handler so the answer still
            # carries the request id and the security headers.
            if status_started:
                raise
            response = await unexpected_error_response(exc)
            await response(scope, receive, send_with_headers)
        finally:
            logger.info(
                "request",
                method=scope["method"],
                path=path,
                status=status,
                duration_ms=round((time.perf_counter() - started) * 1000, 1),
            )
            structlog.contextvars.unbind_contextvars("request_id")
            set_request_id(None)
