"""Text with control characters is refused with 422 before any endpoint sees it.

PostgreSQL cannot store NUL in text at all (the insert fails, which would be a 500), and no
field of this API has a use for the other C0 controls. Query strings and paths may hold none of
them; JSON bodies may hold tab, line feed and carriage return inside strings (free-text notes),
nothing else. Bodies are small by then: the body-size limit runs first.
"""

from __future__ import annotations

import re
from urllib.parse import unquote_to_bytes

from starlette.types import ASGIApp, Receive, Scope, Send

from vinyldigger.api.asgi_body import buffer_body, replay
from vinyldigger.api.errors import render_error

# Raw C0 controls and DEL in URL text once percent-decoded.
_URL_CONTROL = re.compile(rb"[\x00-\x1f\x7f]")
# JSON escapes of C0 controls other than \t, \n, \r; raw controls make invalid JSON anyway.
_JSON_CONTROL_ESCAPE = re.compile(rb"\\u00(?:0[0-8bcef]|1[0-9a-f])|\\u007f", re.IGNORECASE)


class ControlCharacterMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _url_has_control(scope):
            await _refuse(scope, receive, send, "The address contains a control character.")
            return
        if not _is_json(scope):
            await self.app(scope, receive, send)
            return
        buffered = await buffer_body(receive)
        if _JSON_CONTROL_ESCAPE.search(_without_escaped_backslashes(buffered.body)):
            await _refuse(scope, receive, send, "The request contains a control character.")
            return
        await self.app(scope, replay(buffered, receive), send)


def _url_has_control(scope: Scope) -> bool:
    raw_path: bytes = scope.get("raw_path") or scope["path"].encode()
    query: bytes = scope.get("query_string", b"")
    return bool(
        _URL_CONTROL.search(unquote_to_bytes(raw_path))
        or _URL_CONTROL.search(unquote_to_bytes(query.replace(b"+", b" ")))
    )


def _is_json(scope: Scope) -> bool:
    for name, value in scope["headers"]:
        if name == b"content-type":
            return b"json" in value.lower()
    return False


def _without_escaped_backslashes(body: bytes) -> bytes:
    # "\\u0000" in JSON is a backslash followed by the text u0000, not a control character.
    return body.replace(b"\\\\", b"")


async def _refuse(scope: Scope, receive: Receive, send: Send, message: str) -> None:
    response = render_error(422, "control_character", message)
    await response(scope, receive, send)
