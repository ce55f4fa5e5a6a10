"""The browser's session cookies: the refresh token and the "known device" token.

Both are HttpOnly (no script reads them), SameSite=Strict (no other site's page sends them) and
scoped to the auth endpoints, so they travel with no other request. Secure follows
VINYLDIGGER_COOKIE_SECURE, or, when that is unset, whether the request came over https.

Endpoints that act on the refresh cookie take JSON only (415 otherwise): a form on another
site cannot send JSON, and a script on another origin cannot without a CORS preflight, which
this API never grants.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request, Response

from vinyldigger.api.errors import ErrorResponse
from vinyldigger.core.config import Settings
from vinyldigger.core.errors import AppError
from vinyldigger.services.known_devices import KNOWN_DEVICE_DAYS

REFRESH_COOKIE = "vd_refresh"
DEVICE_COOKIE = "vd_device"
REFRESH_COOKIE_PATH = "/api/v1/auth"
DEVICE_COOKIE_PATH = "/api/v1/auth/login"

UNSUPPORTED_MEDIA_TYPE: dict[int | str, dict[str, Any]] = {415: {"model": ErrorResponse}}


def _secure(request: Request, settings: Settings) -> bool:
    if settings.cookie_secure is not None:
        return settings.cookie_secure
    return request.url.scheme == "https"


def _set(
    response: Response,
    request: Request,
    settings: Settings,
    *,
    name: str,
    value: str,
    path: str,
    max_age: int,
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=path,
        secure=_secure(request, settings),
        httponly=True,
        samesite="strict",
    )


def keep_refresh_token(
    response: Response, request: Request, settings: Settings, refresh_token: str
) -> None:
    _set(
        response,
        request,
        settings,
        name=REFRESH_COOKIE,
        value=refresh_token,
        path=REFRESH_COOKIE_PATH,
        max_age=settings.refresh_token_days * 86_400,
    )


def keep_device_token(
    response: Response, request: Request, settings: Settings, device_token: str
) -> None:
    _set(
        response,
        request,
        settings,
        name=DEVICE_COOKIE,
        value=device_token,
        path=DEVICE_COOKIE_PATH,
        max_age=KNOWN_DEVICE_DAYS * 86_400,
    )


def forget_refresh_token(response: Response, request: Request, settings: Settings) -> None:
    response.delete_cookie(
        REFRESH_COOKIE,
        path=REFRESH_COOKIE_PATH,
        secure=_secure(request, settings),
        httponly=True,
        samesite="strict",
    )


def refresh_cookie(request: Request) -> str | None:
    return request.cookies.get(REFRESH_COOKIE) or None


def device_cookie(request: Request) -> str | None:
    return request.cookies.get(DEVICE_COOKIE) or None


def require_json(request: Request) -> None:
    """Refuses anything but a JSON request (the CSRF guard of the cookie endpoints)."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json":
        raise AppError(
            "This endpoint takes JSON only (Content-Type: application/json)",
            status_code=415,
            code="unsupported_media_type",
        )
