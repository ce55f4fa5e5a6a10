"""FastAPI dependencies: the shared context, the unit of work, the current user."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.context import AppContext
from vinyldigger.core.database import unit_of_work
from vinyldigger.core.errors import forbidden, unauthorized
from vinyldigger.models import User
from vinyldigger.services import auth as auth_service

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/login", auto_error=False)


def get_context(request: Request) -> AppContext:
    context: AppContext = request.app.state.context
    return context


Context = Annotated[AppContext, Depends(get_context)]


async def get_session(context: Context) -> AsyncIterator[AsyncSession]:
    async with unit_of_work(context.session_factory) as session:
        yield session


# Scoped to the endpoint: the unit of work commits before the response is sent, so a client
# that reads right after a write sees it (the default scope would commit afterwards).
Session = Annotated[AsyncSession, Depends(get_session, scope="function")]


BearerToken = Annotated[str | None, Depends(oauth2_scheme)]


async def user_for_token(session: AsyncSession, context: AppContext, token: str | None) -> User:
    if not token:
        raise unauthorized()
    return await auth_service.user_from_access_token(session, context.settings, token)


async def get_current_user(context: Context, session: Session, token: BearerToken) -> User:
    return await user_for_token(session, context, token)


CurrentUser = Annotated[User, Depends(get_current_user)]


@dataclass(frozen=True)
class SignedIn:
    """The current user and the session (refresh-token family) the request comes from."""

    user: User
    family_id: str | None


async def get_signed_in(context: Context, session: Session, token: BearerToken) -> SignedIn:
    if not token:
        raise unauthorized()
    user, family_id = await auth_service.sign_in_from_access_token(session, context.settings, token)
    return SignedIn(user, family_id)


CurrentSignIn = Annotated[SignedIn, Depends(get_signed_in)]


async def get_admin_user(user: CurrentUser) -> User:
    if not user.is_admin:
        raise forbidden("Administrator rights required")
    return user


AdminUser = Annotated[User, Depends(get_admin_user)]


def client_ip(request: Request) -> str:
    # Behind a proxy the peer is the proxy; api.proxies rewrites request.client from
    # X-Forwarded-For, and only when the peer is one of VINYLDIGGER_TRUSTED_PROXIES.
    return request.client.host if request.client else "unknown"


ClientIP = Annotated[str, Depends(client_ip)]
