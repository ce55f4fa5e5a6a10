"""Account endpoints: register, login, refresh, logout, profile."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response, status
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from vinyldigger.api.deps import ClientIP, Context, CurrentSignIn, CurrentUser, Session
from vinyldigger.api.errors import ErrorResponse
from vinyldigger.api.session_cookies import (
    UNSUPPORTED_MEDIA_TYPE,
    device_cookie,
    forget_refresh_token,
    keep_device_token,
    keep_refresh_token,
    refresh_cookie,
    require_json,
)
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
    refresh_token: str | None = Field(
        default=None,
        description="Only for API clients (the OAuth2 password form, or a refresh_token sent in "
        "the body); browsers get it in an HttpOnly cookie instead",
    )
    token_type: str = "bearer"  # noqa: S105 - the OAuth2 token type, not a secret
    expires_in: int


class RefreshIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    refresh_token: Annotated[str, Field(min_length=1, max_length=4096)] | None = Field(
        default=None, description="API clients only; browsers send the refresh cookie"
    )


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


def _pair(pair: auth_service.TokenPair, *, with_refresh_token: bool) -> TokenPairOut:
    return TokenPairOut(
        access_token=pair.access_token,
        refresh_token=pair.refresh_token if with_refresh_token else None,
        token_type=pair.token_type,
        expires_in=pair.expires_in,
    )


def _is_oauth2_form(request: Request) -> bool:
    content_type = request.headers.get("content-type", "")
    return content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data"))


async def _login_credentials(request: Request) -> Credentials:
    """JSON for the app, the OAuth2 password form for API clients and Swagger's Authorize."""
    try:
        if _is_oauth2_form(request):
            form = await request.form()
            return Credentials(
                email=str(form.get("username") or form.get("email") or ""),
                password=str(form.get("password") or ""),
            )
        require_json(request)
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
    response_model_exclude_none=True,
    responses={**ERRORS, **UNSUPPORTED_MEDIA_TYPE, 403: {"model": ErrorResponse}},
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
async def login(
    request: Request, response: Response, session: Session, context: Context, ip: ClientIP
) -> Any:
    """JSON: the refresh token and the known-device token are set as HttpOnly cookies.

    The OAuth2 password form answers with the refresh token in the body for API clients and
    sets no cookie, so a form posted from another site cannot sign this browser in.
    """
    body = await _login_credentials(request)
    result = await auth_service.login(
        session,
        context.rate_limiter,
        context.settings,
        email=body.email,
        password=body.password,
        client_ip=ip,
        device_token=device_cookie(request),
        refresh_token=refresh_cookie(request),
    )
    if _is_oauth2_form(request):
        return _pair(result.tokens, with_refresh_token=True)
    keep_refresh_token(response, request, context.settings, result.tokens.refresh_token)
    keep_device_token(response, request, context.settings, result.device_token)
    return _pair(result.tokens, with_refresh_token=False)


@router.post(
    "/refresh",
    name="auth-refresh",
    response_model=TokenPairOut,
    response_model_exclude_none=True,
    responses={**ERRORS, **UNSUPPORTED_MEDIA_TYPE},
    dependencies=[Depends(require_json)],
)
async def refresh(
    request: Request,
    response: Response,
    session: Session,
    context: Context,
    # Required, so that the JSON-only rule is in the document; browsers send {} and the cookie.
    body: RefreshIn,
) -> Any:
    """Rotates the refresh token: from the cookie (browsers) or the body (API clients).

    The new one goes back the way the old one came.
    """
    given = body.refresh_token
    tokens = await auth_service.refresh(
        session, context.settings, refresh_token=given or refresh_cookie(request)
    )
    if given:
        return _pair(tokens, with_refresh_token=True)
    keep_refresh_token(response, request, context.settings, tokens.refresh_token)
    return _pair(tokens, with_refresh_token=False)


@router.post(
    "/logout",
    name="auth-logout",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={**ERRORS, **UNSUPPORTED_MEDIA_TYPE},
    dependencies=[Depends(require_json)],
)
async def logout(
    request: Request,
    response: Response,
    session: Session,
    context: Context,
    # Required, so that the JSON-only rule is in the document; browsers send {} and the cookie.
    body: RefreshIn,
) -> None:
    """Ends the session of the refresh cookie (and clears it), or of the body's token."""
    given = body.refresh_token
    await auth_service.logout(
        session, context.settings, refresh_token=given or refresh_cookie(request)
    )
    if not given:
        forget_refresh_token(response, request, context.settings)


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
