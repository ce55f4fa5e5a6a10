"""Linking Discogs: a personal token checked against Discogs, or OAuth 1.0a approval."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, ConfigDict, Field, SecretStr

from vinyldigger.api.deps import Context, CurrentUser, Session
from vinyldigger.api.errors import ErrorResponse
from vinyldigger.core.database import unit_of_work
from vinyldigger.core.errors import AppError
from vinyldigger.services import discogs_account
from vinyldigger.services.credentials import CredentialState

router = APIRouter(prefix="/discogs", tags=["discogs"])
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse},
    409: {"model": ErrorResponse},
    422: {"model": ErrorResponse},
    502: {"model": ErrorResponse},
}
SETTINGS_PAGE = "/settings"


class TokenLink(BaseModel):
    model_config = ConfigDict(extra="forbid")

    personal_token: Annotated[SecretStr, Field(min_length=1, max_length=500)]


class OAuthStart(BaseModel):
    authorize_url: str


@router.post(
    "/link-token", name="discogs-link-token", response_model=CredentialState, responses=ERRORS
)
async def link_token(body: TokenLink, user: CurrentUser, session: Session, context: Context) -> Any:
    return await discogs_account.link_with_token(session, context, user, body.personal_token)


@router.post(
    "/oauth/start", name="discogs-oauth-start", response_model=OAuthStart, responses=ERRORS
)
async def oauth_start(
    request: Request, user: CurrentUser, session: Session, context: Context
) -> Any:
    callback = str(request.url_for("discogs-oauth-callback"))
    url = await discogs_account.start_oauth(session, context, user, callback)
    return OAuthStart(authorize_url=url)


@router.get("/oauth/callback", name="discogs-oauth-callback", include_in_schema=False)
async def oauth_callback(
    context: Context,
    oauth_token: Annotated[str, Query(min_length=1, max_length=200)],
    oauth_verifier: Annotated[str, Query(min_length=1, max_length=200)],
) -> RedirectResponse:
    """Where Discogs sends the browser back; it answers with a redirect to Settings."""
    try:
        async with unit_of_work(context.session_factory) as session:
            await discogs_account.finish_oauth(
                session, context, request_token=oauth_token, verifier=oauth_verifier
            )
    except AppError as exc:
        query = urlencode({"discogs": "error", "reason": exc.message})
        return RedirectResponse(f"{SETTINGS_PAGE}?{query}", status_code=303)
    return RedirectResponse(f"{SETTINGS_PAGE}?discogs=linked", status_code=303)
