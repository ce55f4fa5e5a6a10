"""Linking a Discogs account (personal token or OAuth 1.0a) and opening a client for it."""

from __future__ import annotations

from datetime import timedelta

from pydantic import SecretStr
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.config import ConfigurationError
from vinyldigger.core.context import AppContext
from vinyldigger.core.database import end_reading
from vinyldigger.core.errors import AppError, validation
from vinyldigger.core.logging import security_event
from vinyldigger.models import DiscogsOAuthRequest, User
from vinyldigger.models.base import utcnow
from vinyldigger.services import credentials as credential_service
from vinyldigger.services import sync as sync_service
from vinyldigger.services.credentials import CredentialState, DiscogsCredentials, Service
from vinyldigger.services.marketplaces.discogs.auth import (
    DiscogsAuth,
    OAuthConsumer,
    OAuthTokenAuth,
    PersonalTokenAuth,
    auth_from_credentials,
)
from vinyldigger.services.marketplaces.discogs.client import DiscogsClient
from vinyldigger.services.marketplaces.discogs.oauth import DiscogsOAuthFlow
from vinyldigger.services.marketplaces.errors import MarketplaceError, Unauthorized

# Discogs expires request tokens after 15 minutes.
OAUTH_REQUEST_LIFETIME = timedelta(minutes=15)
OAUTH_SECRET_PURPOSE = "discogs-oauth-request"  # noqa: S105 - a key-derivation label


async def linked_credentials(
    session: AsyncSession, context: AppContext, user_id: int
) -> DiscogsCredentials:
    """The user's stored Discogs credentials; AppError when the account is not linked."""
    credentials = await credential_service.load(
        session, context.secret_box, user_id, Service.DISCOGS
    )
    if not isinstance(credentials, DiscogsCredentials):
        raise AppError(
            "Link your Discogs account in Settings first",
            status_code=409,
            code="discogs_not_linked",
        )
    return credentials


def client_for(
    context: AppContext, credentials: DiscogsCredentials, *, background: bool = False
) -> DiscogsClient:
    """A client acting as the user (use it with `async with`); `background` clients yield
    the shared budget to everyone else's calls."""
    return DiscogsClient.from_context(
        context, auth_from_credentials(credentials, context.settings), background=background
    )


async def _checked_identity(context: AppContext, auth: DiscogsAuth, field: str) -> str:
    async with DiscogsClient.from_context(context, auth) as client:
        try:
            return (await client.identity()).username
        except Unauthorized as exc:
            raise validation(field, "Discogs did not accept these credentials") from exc
        except MarketplaceError as exc:
            raise AppError(
                f"Discogs could not be reached: {exc}", status_code=502, code="upstream_error"
            ) from exc


async def link_with_token(
    session: AsyncSession, context: AppContext, user: User, personal_token: SecretStr
) -> CredentialState:
    """Check the token against Discogs' identity endpoint, then store it with the username."""
    await end_reading(session)
    username = await _checked_identity(
        context, PersonalTokenAuth(token=personal_token), "personal_token"
    )
    credentials = DiscogsCredentials(personal_token=personal_token, username=username)
    state = await credential_service.store(
        session, context.secret_box, user, Service.DISCOGS, credentials
    )
    await sync_service.start_library_syncs(session, context, user=user)
    return state


def _oauth_flow(context: AppContext) -> DiscogsOAuthFlow:
    try:
        return DiscogsOAuthFlow.create(context.settings, redis=context.redis)
    except ConfigurationError as exc:
        raise AppError(
            "This instance has no Discogs application key; use a personal token",
            status_code=409,
            code="oauth_unavailable",
        ) from exc


async def start_oauth(
    session: AsyncSession, context: AppContext, user: User, callback_url: str
) -> str:
    """Get a request token and return the Discogs page where the user approves access."""
    await end_reading(session)
    async with _oauth_flow(context) as flow:
        try:
            request = await flow.request_token(callback_url)
        except MarketplaceError as exc:
            raise AppError(
                f"Discogs refused to start the link: {exc}", status_code=502, code="upstream_error"
            ) from exc
    await session.execute(
        delete(DiscogsOAuthRequest).where(DiscogsOAuthRequest.expires_at < utcnow())
    )
    session.add(
        DiscogsOAuthRequest(
            user_id=user.id,
            request_token=request.token,
            encrypted_secret=context.secret_box.encrypt(
                OAUTH_SECRET_PURPOSE, request.secret.get_secret_value()
            ),
            expires_at=utcnow() + OAUTH_REQUEST_LIFETIME,
        )
    )
    await session.flush()
    return request.authorize_url


async def finish_oauth(
    session: AsyncSession, context: AppContext, *, request_token: str, verifier: str
) -> int:
    """Exchange the approved request token; returns the id of the user who started it.

    The request token itself identifies the user: it is unguessable, single-use and short
    lived, and the browser coming back from Discogs carries no API credentials.
    """
    pending = await session.scalar(
        select(DiscogsOAuthRequest).where(DiscogsOAuthRequest.request_token == request_token)
    )
    if pending is None or pending.expires_at < utcnow():
        raise AppError(
            "This Discogs link has expired; start again from Settings",
            status_code=400,
            code="oauth_expired",
        )
    secret = SecretStr(context.secret_box.decrypt(OAUTH_SECRET_PURPOSE, pending.encrypted_secret))
    # Discogs is called with no transaction open; the request token is used up afterwards.
    await end_reading(session)
    async with _oauth_flow(context) as flow:
        try:
            access = await flow.access_token(request_token, secret, verifier)
        except MarketplaceError as exc:
            await session.delete(pending)
            raise AppError(
                f"Discogs did not complete the link: {exc}",
                status_code=502,
                code="upstream_error",
                commit_changes=True,
            ) from exc
    auth = OAuthTokenAuth(
        consumer=OAuthConsumer.from_settings(context.settings),
        token=access.token,
        token_secret=access.secret,
    )
    username = await _checked_identity(context, auth, "oauth_token")
    await session.delete(pending)
    user = await session.get(User, pending.user_id)
    if user is None:
        raise AppError(
            "The account that started this link no longer exists",
            status_code=400,
            code="oauth_expired",
        )
    await credential_service.store(
        session,
        context.secret_box,
        user,
        Service.DISCOGS,
        DiscogsCredentials(
            username=username, oauth_token=access.token, oauth_token_secret=access.secret
        ),
    )
    await sync_service.start_library_syncs(session, context, user=user)
    security_event("discogs_linked", user_id=user.id, method="oauth")
    return user.id
