"""Account endpoints: register, login, refresh, logout, profile."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Request, status
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from vinyldigger.api.deps import ClientIP, Context, CurrentSignIn, CurrentUser, Session
from vinyldigger.api.errors import ErrorResponse
from vinyldigger.core.errors import AppError, FieldError
from vinyldigger.services import auth as auth_service
from vinyldigger.services.marketplaces.grades import Grade
from vinyldigger.services.sessions import revoke_other_sessions

router = APIRouter(prefix="/auth", tags=["auth"])

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse},
    422: {"model": ErrorResponse},
    429: {"model": ErrorResponse},
}


class Credentials(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: Annotated[
        str, Field(min_length=3, max_length=320, json_schema_extra={"format": "email"})
    ]
    password: Annotated[str, Field(min_length=1, max_length=256)]


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    is_active: bool
    is_admin: bool
    currency: str
    ship_to_country: str | None = Field(
        description="ISO 3166-1 alpha-2; new searches ship here by default"
    )
    min_media_grade: Grade | None = Field(
        description="Default minimum media grade of new searches, and of wants without their own"
    )
    created_at: datetime


class TokenPairOut(BaseModel):
    access_token: str
    refresh_token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth2 token type, not a secret
    expires_in: int


class RefreshIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    refresh_token: Annotated[str, Field(min_length=1, max_length=4096)]


class Registration(Credentials):
    password: Annotated[
        str,
        Field(
            max_length=256,
            # Stated here, checked by the password rules (which word the message).
            json_schema_extra={"minLength": auth_service.MIN_PASSWORD_LENGTH},
            description="Not easy to guess: common passwords and ones built from the address "
            "are refused",
        ),
    ]


class ProfileUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: (
        Annotated[str, Field(min_length=3, max_length=320, json_schema_extra={"format": "email"})]
        | None
    ) = None
    new_password: Annotated[str, Field(max_length=256)] | None = None
    current_password: Annotated[str, Field(max_length=256)] | None = None
    currency: Annotated[str, Field(pattern=r"^[A-Za-z]{3}$")] | None = None
    ship_to_country: Annotated[str, Field(pattern=r"^[A-Za-z]{2}$")] | None = Field(
        default=None, description="ISO 3166-1 alpha-2; null clears it"
    )
    min_media_grade: Grade | None = Field(default=None, description="null clears it")


def _pair(pair: auth_service.TokenPair) -> TokenPairOut:
    return TokenPairOut(
        access_token=pair.access_token,
        refresh_token=pair.refresh_token,
        token_type=pair.token_type,
        expires_in=pair.expires_in,
    )


async def _login_credentials(request: Request) -> Credentials:
    """JSON for the app, the OAuth2 password form for Swagger's Authorize button."""
    content_type = request.headers.get("content-type", "")
    try:
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            return Credentials(
                email=str(form.get("username") or form.get("email") or ""),
                password=str(form.get("password") or ""),
            )
        return Credentials.model_validate_json(await request.body())
    except ValidationError as exc:
        fields = [
            FieldError(".".join(str(p) for p in e["loc"]) or "body", e["msg"]) for e in exc.errors()
        ]
        raise AppError(
            "Invalid login request: " + "; ".join(f"{f.field}: {f.message}" for f in fields),
            status_code=422,
            code="validation_error",
            fields=fields,
        ) from exc


@router.post(
    "/register",
    name="auth-register",
    status_code=status.HTTP_201_CREATED,
    response_model=UserOut,
    responses={409: {"model": ErrorResponse}, **ERRORS},
)
async def register(body: Registration, session: Session, context: Context, ip: ClientIP) -> Any:
    return await auth_service.register(
        session,
        context.rate_limiter,
        context.settings,
        email=body.email,
        password=body.password,
        client_ip=ip,
    )


@router.post(
    "/login",
    name="auth-login",
    response_model=TokenPairOut,
    responses={**ERRORS, 403: {"model": ErrorResponse}},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": Credentials.model_json_schema()},
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "required": ["username", "password"],
                        "properties": {
                            "username": {"type": "string"},
                            "password": {"type": "string"},
                        },
                    }
                },
            },
        }
    },
)
async def login(request: Request, session: Session, context: Context, ip: ClientIP) -> Any:
    body = await _login_credentials(request)
    pair = await auth_service.login(
        session,
        context.rate_limiter,
        context.settings,
        email=body.email,
        password=body.password,
        client_ip=ip,
    )
    return _pair(pair)


@router.post("/refresh", name="auth-refresh", response_model=TokenPairOut, responses=ERRORS)
async def refresh(body: RefreshIn, session: Session, context: Context) -> Any:
    return _pair(
        await auth_service.refresh(session, context.settings, refresh_token=body.refresh_token)
    )


@router.post(
    "/logout", name="auth-logout", status_code=status.HTTP_204_NO_CONTENT, responses=ERRORS
)
async def logout(body: RefreshIn, session: Session, context: Context) -> None:
    await auth_service.logout(session, context.settings, refresh_token=body.refresh_token)


class SessionsRevokedOut(BaseModel):
    revoked: int


@router.post(
    "/sessions/sign-out-others",
    name="auth-sign-out-others",
    response_model=SessionsRevokedOut,
    responses=ERRORS,
)
async def sign_out_others(signed_in: CurrentSignIn, session: Session) -> Any:
    """Sign out every other session of this account (other browsers and devices)."""
    revoked = await revoke_other_sessions(
        session, signed_in.user.id, keep_family=signed_in.family_id, reason="sign_out_others"
    )
    return SessionsRevokedOut(revoked=revoked)


@router.get("/me", name="auth-me", response_model=UserOut, responses=ERRORS)
async def me(user: CurrentUser) -> Any:
    return user


@router.patch(
    "/me",
    name="auth-update-me",
    response_model=UserOut,
    responses={409: {"model": ErrorResponse}, **ERRORS},
)
async def update_me(
    body: ProfileUpdate, signed_in: CurrentSignIn, session: Session, context: Context
) -> Any:
    return await auth_service.update_profile(
        session,
        signed_in.user,
        current_family=signed_in.family_id,
        limiter=context.rate_limiter,
        failures_per_minute=context.settings.login_failures_per_minute,
        current_password=body.current_password,
        email=body.email,
        new_password=body.new_password,
        currency=body.currency,
        ship_to_country=_given(body, "ship_to_country"),
        min_media_grade=_given(body, "min_media_grade"),
    )


def _given(body: ProfileUpdate, field: str) -> Any:
    """The field's value, null included, or KEEP when the request leaves it out."""
    return getattr(body, field) if field in body.model_fields_set else auth_service.Keep.KEEP
