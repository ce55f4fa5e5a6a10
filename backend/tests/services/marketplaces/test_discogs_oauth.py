"""Discogs OAuth 1.0a against the sandbox: request token, approval over HTTP, access token."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from pydantic import SecretStr

from tests.services.marketplaces.conftest import client_settings, own_address_client
from vinyldigger.core.config import ConfigurationError, Settings
from vinyldigger.services.marketplaces.discogs.auth import (
    OAuthConsumer,
    OAuthTokenAuth,
    SignatureMethod,
)
from vinyldigger.services.marketplaces.discogs.client import DiscogsClient, discogs_budget
from vinyldigger.services.marketplaces.discogs.oauth import DiscogsOAuthFlow
from vinyldigger.services.marketplaces.errors import MarketplaceError, Unauthorized
from vinyldigger.services.marketplaces.ratelimit import MemoryUpstreamLimiter
from vinyldigger_sandbox.server import RunningSandbox

CALLBACK = "https://vinyldigger.example/api/v1/discogs/oauth/callback?state=abc"


def consumer_of(user: dict[str, Any]) -> OAuthConsumer:
    return OAuthConsumer(
        key=user["discogs_consumer_key"], secret=SecretStr(user["discogs_consumer_secret"])
    )


async def approve(authorize_url: str, username: str) -> dict[str, list[str]]:
    """What the user does in the browser: open the page, pick the account, authorize."""
    async with httpx.AsyncClient(follow_redirects=False, timeout=30) as browser:
        page = await browser.get(authorize_url)
        assert page.status_code == 200 and "Authorize" in page.text
        token = parse_qs(urlsplit(authorize_url).query)["oauth_token"][0]
        form_url = authorize_url.split("?", maxsplit=1)[0]
        answer = await browser.post(form_url, data={"oauth_token": token, "username": username})
    assert answer.status_code == 302
    location = answer.headers["location"]
    assert location.startswith("https://vinyldigger.example/api/v1/discogs/oauth/callback?")
    return parse_qs(urlsplit(location).query)


async def identity_with(settings: Settings, auth: OAuthTokenAuth) -> str:
    async with (
        own_address_client(settings) as http,
        DiscogsClient.create(
            settings, auth, http=http, limiter=MemoryUpstreamLimiter(discogs_budget(settings))
        ) as client,
    ):
        return (await client.identity()).username


@pytest.mark.parametrize("method", ["HMAC-SHA1", "PLAINTEXT"])
async def test_full_flow_then_signed_calls(
    sandbox: RunningSandbox, sandbox_users: dict[str, dict[str, Any]], method: SignatureMethod
) -> None:
    settings = client_settings(sandbox)
    consumer = consumer_of(sandbox_users["demo"])
    async with (
        own_address_client(settings) as http,
        DiscogsOAuthFlow.create(
            settings,
            http=http,
            limiter=MemoryUpstreamLimiter(discogs_budget(settings)),
            consumer=consumer,
            signature_method=method,
        ) as flow,
    ):
        request = await flow.request_token(CALLBACK)
        assert request.authorize_url.startswith(f"{sandbox.base_url}/discogs-web/oauth/authorize?")
        callback = await approve(request.authorize_url, "alice")
        # The callback keeps its own query and gains the token and verifier.
        assert callback["state"] == ["abc"] and callback["oauth_token"] == [request.token]
        access = await flow.access_token(
            request.token, request.secret, callback["oauth_verifier"][0]
        )
        assert flow.stats.calls == 2
    auth = OAuthTokenAuth(
        consumer=consumer, token=access.token, token_secret=access.secret, signature_method=method
    )
    assert await identity_with(settings, auth) == "alice"
    assert access.token.get_secret_value() not in repr(access)


async def test_wrong_verifier_is_refused(
    sandbox: RunningSandbox, sandbox_users: dict[str, dict[str, Any]]
) -> None:
    settings = client_settings(sandbox)
    async with (
        own_address_client(settings) as http,
        DiscogsOAuthFlow.create(
            settings,
            http=http,
            limiter=MemoryUpstreamLimiter(discogs_budget(settings)),
            consumer=consumer_of(sandbox_users["bob"]),
        ) as flow,
    ):
        request = await flow.request_token(CALLBACK)
        await approve(request.authorize_url, "bob")
        with pytest.raises(MarketplaceError) as raised:
            await flow.access_token(request.token, request.secret, "not-the-verifier")
    assert raised.value.status_code in (400, 401)
    assert request.secret.get_secret_value() not in str(raised.value)


async def test_access_token_signed_by_another_consumer_is_rejected(
    sandbox: RunningSandbox, sandbox_users: dict[str, dict[str, Any]]
) -> None:
    settings = client_settings(sandbox)
    bob = sandbox_users["bob"]
    forged = OAuthTokenAuth(
        consumer=consumer_of(sandbox_users["alice"]),
        token=SecretStr(bob["discogs_oauth_token"]),
        token_secret=SecretStr(bob["discogs_oauth_token_secret"]),
    )
    genuine = OAuthTokenAuth(
        consumer=consumer_of(bob),
        token=SecretStr(bob["discogs_oauth_token"]),
        token_secret=SecretStr(bob["discogs_oauth_token_secret"]),
    )
    assert await identity_with(settings, genuine) == "bob"
    with pytest.raises(Unauthorized):
        await identity_with(settings, forged)


def test_flow_needs_a_consumer_key(sandbox: RunningSandbox) -> None:
    with pytest.raises(ConfigurationError, match="CONSUMER_KEY"):
        DiscogsOAuthFlow.create(client_settings(sandbox))
