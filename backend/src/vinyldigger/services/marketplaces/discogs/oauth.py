"""The Discogs OAuth 1.0a flow: request token, the user's approval, access token.

1. `request_token(callback)` -> a request token and the URL to send the user to;
2. the user approves on Discogs, which redirects to `callback` with `oauth_verifier`;
3. `access_token(request_token, verifier)` -> the access token and secret to store
   (encrypted); they do not expire until the user revokes the application.
Then `OAuthTokenAuth(consumer, token, token_secret)` signs every API call.
"""

from __future__ import annotations

from typing import Self
from urllib.parse import urlencode

import httpx
from pydantic import BaseModel, ConfigDict, SecretStr
from redis.asyncio import Redis

from vinyldigger.core.config import Settings
from vinyldigger.services.marketplaces.discogs.auth import (
    OAuthConsumer,
    SignatureMethod,
    sign_oauth1,
)
from vinyldigger.services.marketplaces.discogs.client import discogs_transport
from vinyldigger.services.marketplaces.errors import InvalidResponse
from vinyldigger.services.marketplaces.http import (
    CallStats,
    UpstreamTransport,
    build_http_client,
    decode_form,
)
from vinyldigger.services.marketplaces.ratelimit import UpstreamLimiter

FORM = "application/x-www-form-urlencoded"


class RequestToken(BaseModel):
    """Kept (encrypted, for at most 15 minutes) between the redirect and the callback."""

    model_config = ConfigDict(frozen=True)

    token: str
    secret: SecretStr
    authorize_url: str


class AccessToken(BaseModel):
    model_config = ConfigDict(frozen=True)

    token: SecretStr
    secret: SecretStr


class DiscogsOAuthFlow:
    def __init__(
        self,
        transport: UpstreamTransport,
        *,
        consumer: OAuthConsumer,
        base_url: str,
        web_url: str,
        user_agent: str,
        signature_method: SignatureMethod = "HMAC-SHA1",
        owns_http: bool = False,
    ) -> None:
        self._transport = transport
        self._consumer = consumer
        self._base_url = base_url.rstrip("/")
        self._web_url = web_url.rstrip("/")
        self._user_agent = user_agent
        self._signature_method: SignatureMethod = signature_method
        self._owns_http = owns_http

    @classmethod
    def create(
        cls,
        settings: Settings,
        *,
        redis: Redis | None = None,
        http: httpx.AsyncClient | None = None,
        limiter: UpstreamLimiter | None = None,
        consumer: OAuthConsumer | None = None,
        signature_method: SignatureMethod = "HMAC-SHA1",
    ) -> Self:
        """Raises ConfigurationError when the instance has no Discogs consumer key."""
        consumer = consumer or OAuthConsumer.from_settings(settings)
        client = http or build_http_client(settings)
        return cls(
            discogs_transport(settings, redis=redis, http=client, limiter=limiter),
            consumer=consumer,
            base_url=settings.discogs_base_url,
            web_url=settings.discogs_web_url,
            user_agent=settings.discogs_user_agent,
            signature_method=signature_method,
            owns_http=http is None,
        )

    @property
    def stats(self) -> CallStats:
        return self._transport.stats

    async def aclose(self) -> None:
        if self._owns_http:
            await self._transport.http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.aclose()

    def authorize_url(self, request_token: str) -> str:
        return f"{self._web_url}/oauth/authorize?{urlencode({'oauth_token': request_token})}"

    async def request_token(self, callback_url: str) -> RequestToken:
        def build() -> httpx.Request:
            request = self._request("GET", "/oauth/request_token")
            sign_oauth1(
                request,
                self._consumer,
                signature_method=self._signature_method,
                callback=callback_url,
            )
            return request

        values = await self._transport.call(build, decode_form)
        token, secret = _token_pair(values, "request_token")
        return RequestToken(
            token=token, secret=SecretStr(secret), authorize_url=self.authorize_url(token)
        )

    async def access_token(
        self, request_token: str, request_token_secret: SecretStr, verifier: str
    ) -> AccessToken:
        def build() -> httpx.Request:
            request = self._request("POST", "/oauth/access_token")
            sign_oauth1(
                request,
                self._consumer,
                signature_method=self._signature_method,
                token=request_token,
                token_secret=request_token_secret.get_secret_value(),
                verifier=verifier,
            )
            return request

        values = await self._transport.call(build, decode_form)
        token, secret = _token_pair(values, "access_token")
        return AccessToken(token=SecretStr(token), secret=SecretStr(secret))

    def _request(self, method: str, path: str) -> httpx.Request:
        return self._transport.http.build_request(
            method,
            self._base_url + path,
            headers={"User-Agent": self._user_agent, "Content-Type": FORM},
        )


def _token_pair(values: dict[str, str], step: str) -> tuple[str, str]:
    token, secret = values.get("oauth_token"), values.get("oauth_token_secret")
    if not token or not secret:
        raise InvalidResponse(f"discogs {step}: response lacks the token", platform="discogs")
    return token, secret
