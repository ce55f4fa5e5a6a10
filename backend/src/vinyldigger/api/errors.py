"""Every error leaves the API in one JSON shape, and never as a stack trace."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from vinyldigger.api.openapi import documented_methods
from vinyldigger.core.errors import AppError, FieldError
from vinyldigger.core.logging import get_logger
from vinyldigger.core.request_context import current_request_id

logger = get_logger(__name__)


class ErrorField(BaseModel):
    field: str
    message: str


class ErrorDetail(BaseModel):
    code: str
    message: str
    fields: list[ErrorField] = []


class ErrorResponse(BaseModel):
    error: ErrorDetail
    request_id: str | None = None


def render_error(
    status: int,
    code: str,
    message: str,
    fields: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = ErrorResponse(
        error=ErrorDetail(
            code=code,
            message=message,
            fields=[ErrorField(field=f.field, message=f.message) for f in fields or []],
        ),
        request_id=current_request_id(),
    )
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def _field_path(loc: tuple[Any, ...]) -> str:
    # ("body", "email") -> "email"; ("query", "page") -> "page"; nested keep dots.
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "request"


async def _app_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    return render_error(exc.status_code, exc.code, exc.message, exc.fields, exc.headers or None)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    # The submitted values are never echoed back: they may be passwords or tokens.
    fields = [
        FieldError(_field_path(tuple(e["loc"])), str(e["msg"]).removeprefix("Value error, "))
        for e in exc.errors()
    ]
    message = "; ".join(f"{f.field}: {f.message}" for f in fields) or "Invalid request"
    return render_error(422, "validation_error", message, fields)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = {
        401: "unauthorized",
        403: "forbidden",
        404: "not_found",
        405: "method_not_allowed",
        413: "payload_too_large",
    }
    headers = dict(exc.headers) if exc.headers else {}
    if exc.status_code == 405 and isinstance(request.app, FastAPI):
        # Starlette names the methods of the first route at the address; there may be more.
        documented = documented_methods(request.app, request.url.path)
        if documented:
            headers["Allow"] = ", ".join(documented)
    return render_error(
        exc.status_code,
        code.get(exc.status_code, "http_error"),
        str(exc.detail),
        headers=headers or None,
    )


async def unexpected_error_response(exc: Exception) -> JSONResponse:
    logger.error("unhandled_error", error_type=type(exc).__name__, exc_info=exc)
    return render_error(
        500, "internal_error", "Something went wrong on our side; it has been logged."
    )


async def _unexpected_error(_request: Request, exc: Exception) -> JSONResponse:
    return await unexpected_error_response(exc)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)
