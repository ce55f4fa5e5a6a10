"""Cross-origin access for the browser companion, on the import endpoint only.

The extension's background worker posts ids from its own origin (`chrome-extension://…`,
`moz-extension://…`). Only `POST /api/v1/imports` answers such an origin, and only with the
headers a bearer-token POST needs; every other endpoint stays same-origin, so a page on
another site can never read the app's answers with the user's session.
"""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

IMPORT_PATH = "/api/v1/imports"
EXTENSION_SCHEMES = ("chrome-extension://", "moz-extension://")
MAX_AGE = "600"


def origin_allowed(origin: str, allowed: frozenset[str]) -> bool:
    if allowed:
        return origin in allowed
    return origin.startswith(EXTENSION_SCHEMES) and "/" not in origin.split("://", 1)[1]


class ImportCorsMiddleware:
    def __init__(self, app: ASGIApp, allowed_origins: str = "") -> None:
        self.app = app
        self.allowed = frozenset(o.strip() for o in allowed_origins.split(",") if o.strip())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].rstrip("/") != IMPORT_PATH:
            await self.app(scope, receive, send)
            return
        origin = Headers(scope=scope).get("origin")
        if origin is None or not origin_allowed(origin, self.allowed):
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS":
            await Response(status_code=204, headers=self._preflight(origin))(scope, receive, send)
            return

        async def send_with_origin(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Access-Control-Allow-Origin"] = origin
                headers.append("Vary", "Origin")
            await send(message)

        await self.app(scope, receive, send_with_origin)

    @staticmethod
    def _preflight(origin: str) -> dict[str, str]:
        return {
            "Access-Control-Allow-Origin": origin,
            "Access-Control-Allow-Methods": "POST",
            "Access-Control-Allow-Headers": "Authorization, Content-Type",
            "Access-Control-Max-Age": MAX_AGE,
            "Vary": "Origin",
        }
