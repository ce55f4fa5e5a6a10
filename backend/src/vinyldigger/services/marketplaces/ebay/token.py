"""eBay application tokens (client credentials), minted rarely and shared.

eBay allows 1,000 mints a day per application and a token lives two hours, so a token is
cached until shortly before it expires: in Redis (one per application, shared by every
process) when there is one, else in this process. The token is never logged.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import threading
import time

import httpx
from pydantic import SecretStr
from redis.asyncio import Redis

from vinyldigger.services.marketplaces.ebay.parsers import parse_token
from vinyldigger.services.marketplaces.errors import (
    InvalidResponse,
    RequestRejected,
    Unauthorized,
)
from vinyldigger.services.marketplaces.http import UpstreamTransport

TOKEN_PATH = "/identity/v1/oauth2/token"  # noqa: S105 - a URL path
API_SCOPE = "https://api.ebay.com/oauth/api_scope"
# Renew this long before expiry (eBay's own client uses five minutes) ...
REFRESH_MARGIN_SECONDS = 300.0
# ... but never more than this share of a short lifetime.
MAX_MARGIN_SHARE = 0.1

DEFAULT_CACHE_PREFIX = "vd:ebay-token:"

_memory_tokens: dict[str, tuple[str, float]] = {}
_memory_lock = threading.Lock()


def cache_lifetime(expires_in: int) -> float:
    return expires_in - min(REFRESH_MARGIN_SECONDS, expires_in * MAX_MARGIN_SHARE)


def application_key(auth_url: str, client_id: str) -> str:
    """Identifies an application on one eBay environment without revealing the client id."""
    return hashlib.sha256(f"{auth_url}\n{client_id}".encode()).hexdigest()[:24]


class EbayTokenProvider:
    def __init__(
        self,
        transport: UpstreamTransport,
        *,
        auth_url: str,
        client_id: str,
        client_secret: SecretStr,
        user_agent: str,
        redis: Redis | None = None,
        cache_prefix: str = DEFAULT_CACHE_PREFIX,
    ) -> None:
        self._transport = transport
        self._url = auth_url.rstrip("/") + TOKEN_PATH
        self._client_id = client_id
        self._client_secret = client_secret
        self._user_agent = user_agent
        self._redis = redis
        self._key = cache_prefix + application_key(auth_url, client_id)
        # One mint at a time per provider; concurrent callers wait and reuse its token.
        self._mint_lock = asyncio.Lock()

    async def token(self) -> str:
        cached = await self._cached()
        if cached is not None:
            return cached
        async with self._mint_lock:
            cached = await self._cached()
            if cached is not None:
                return cached
            return await self._mint()

    async def invalidate(self, token: str) -> None:
        """Forget `token` (eBay refused it), unless another caller already replaced it."""
        if self._redis is not None:
            current = await self._redis.get(self._key)
            if current is not None and _text(current) == token:
                await self._redis.delete(self._key)
            return
        with _memory_lock:
            entry = _memory_tokens.get(self._key)
            if entry is not None and entry[0] == token:
                del _memory_tokens[self._key]

    async def _cached(self) -> str | None:
        if self._redis is not None:
            value = await self._redis.get(self._key)
            return None if value is None else _text(value)
        with _memory_lock:
            entry = _memory_tokens.get(self._key)
            if entry is not None and entry[1] > time.monotonic():
                return entry[0]
        return None

    async def _mint(self) -> str:
        credentials = f"{self._client_id}:{self._client_secret.get_secret_value()}"
        basic = base64.b64encode(credentials.encode()).decode()

        def build() -> httpx.Request:
            return self._transport.http.build_request(
                "POST",
                self._url,
                data={"grant_type": "client_credentials", "scope": API_SCOPE},
                headers={"Authorization": f"Basic {basic}", "User-Agent": self._user_agent},
            )

        self._transport.stats.token_requests += 1
        try:
            body = await self._transport.call(build, limited=False)
        except RequestRejected as error:
            # RFC 6749 answers a bad client id/secret with 400 invalid_client.
            raise Unauthorized(
                "ebay token request refused: check the application's client id and secret",
                platform="ebay",
                status_code=error.status_code,
            ) from None
        try:
            minted = parse_token(body)
        except ValueError:
            raise InvalidResponse("ebay token response lacks a token", platform="ebay") from None
        token = minted.access_token.get_secret_value()
        lifetime = cache_lifetime(minted.expires_in)
        if lifetime > 0:
            await self._store(token, lifetime)
        return token

    async def _store(self, token: str, lifetime: float) -> None:
        if self._redis is not None:
            await self._redis.set(self._key, token, px=max(1, int(lifetime * 1000)))
            return
        with _memory_lock:
            _memory_tokens[self._key] = (token, time.monotonic() + lifetime)


def _text(value: str | bytes) -> str:
    return value.decode() if isinstance(value, bytes) else value
