"""Application errors: one JSON shape for every error the API returns."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


@dataclass
class AppError(Exception):
    """An error a user can act on. Services raise these; the API renders them."""

    message: str
    status_code: int = 400
    code: str = "bad_request"
    fields: list[FieldError] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    # Some failures must still persist what the service recorded (a revoked token family,
    # for instance), so the unit of work commits instead of rolling back.
    commit_changes: bool = False

    def __str__(self) -> str:
        return self.message


def not_found(what: str) -> AppError:
    return AppError(f"{what} not found", status_code=404, code="not_found")


def unauthorized(message: str = "Not authenticated", *, commit: bool = False) -> AppError:
    return AppError(
        message,
        status_code=401,
        code="unauthorized",
        headers={"WWW-Authenticate": "Bearer"},
        commit_changes=commit,
    )


def forbidden(message: str = "Not allowed") -> AppError:
    return AppError(message, status_code=403, code="forbidden")


def conflict(message: str, field_name: str | None = None) -> AppError:
    fields = [FieldError(field_name, message)] if field_name else []
    return AppError(message, status_code=409, code="conflict", fields=fields)


def validation(field_name: str, message: str) -> AppError:
    return AppError(
        f"{field_name}: {message}",
        status_code=422,
        code="validation_error",
        fields=[FieldError(field_name, message)],
    )


def too_many_requests(retry_after: int) -> AppError:
    return AppError(
        f"Too many attempts; retry in {retry_after} s",
        status_code=429,
        code="rate_limited",
        headers={"Retry-After": str(retry_after)},
    )
