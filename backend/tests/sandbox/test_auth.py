"""Authentication: User-Agent gate, personal tokens, key/secret, OAuth 1.0a, eBay tokens."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from authlib.integrations.httpx_client import AsyncOAuth1Client
from fastapi import FastAPI

from tests.sandbox.conftest import (
    USER_AGENT,
    FakeClock,
    client_for,
    ebay_headers,
    ebay_token,
    token_header,
    user_entry,
)

SEARCH = "/discogs/database/search"
EBAY_SEARCH = "/ebay/buy/browse/v1/item_summary/search"


@pytest.mark.parametrize(
    "agent", [None, "", "python-httpx/0.28.1", "curl/8.5.0", "Mozilla/5.0 (X11; Linux)"]
)
async def test_missing_or_generic_user_agent_gets_an_empty_403(
    app: FastAPI, agent: str | None
) -> None:
    async with client_for(app, user_agent=None) as client:
        headers = {} if agent is None else {"User-Agent": agent}
        if agent is None:
            client.headers.pop("User-Agent", None)
        response = await client.get("/discogs/releases/1000001", headers=headers)
        assert response.status_code == 403
        assert response.content == b""
        assert "x-discogs-ratelimit" in response.headers


async def test_personal_token_in_header_or_query(
    client: httpx.AsyncClient, info: dict[str, Any]
) -> None:
    token = user_entry(info, "demo")["discogs_personal_token"]
    by_header = await client.get("/discogs/oauth/identity", headers=token_header(info))
    by_query = await client.get("/discogs/oauth/identity", params={"token": token})
    assert by_header.json() == by_query.json()
    assert by_header.json()["username"] == "demo"
    assert by_header.json()["consumer_name"] == "demo"


async def test_search_needs_authentication(client: httpx.AsyncClient, info: dict[str, Any]) -> None:
    anonymous = await client.get(SEARCH, params={"q": "blue"})
    assert anonymous.status_code == 401
    assert anonymous.json() == {"message": "You must authenticate to access this resource."}
    wrong = await client.get(
        SEARCH, params={"q": "blue"}, headers={"Authorization": "Discogs token=nope"}
    )
    assert wrong.status_code == 401
    user = user_entry(info, "alice")
    key_secret = {
        "Authorization": f"Discogs key={user['discogs_consumer_key']}, "
        f"secret={user['discogs_consumer_secret']}"
    }
    by_app = await client.get(SEARCH, params={"q": "blue"}, headers=key_secret)
    assert by_app.status_code == 200
    assert all("user_data" not in result for result in by_app.json()["results"])
    # An app's key and secret do not identify a user.
    assert (await client.get("/discogs/oauth/identity", headers=key_secret)).status_code == 401


async def test_images_only_for_authenticated_callers(
    client: httpx.AsyncClient, info: dict[str, Any]
) -> None:
    anonymous = (await client.get("/discogs/releases/1000001")).json()
    signed_in = (await client.get("/discogs/releases/1000001", headers=token_header(info))).json()
    assert anonymous["thumb"] == "" and anonymous["images"][0]["uri"] == ""
    assert signed_in["thumb"].endswith(".svg")
    image = await client.get(signed_in["images"][0]["uri"])
    assert image.status_code == 200 and image.headers["content-type"].startswith("image/svg")


async def _oauth_dance(
    app: FastAPI, info: dict[str, Any], method: str, approve_as: str
) -> AsyncOAuth1Client:
    """Request token, approval on the authorize page, access token: a signed client."""
    demo = user_entry(info, "demo")
    oauth = AsyncOAuth1Client(
        demo["discogs_consumer_key"],
        demo["discogs_consumer_secret"],
        signature_method=method,
        redirect_uri="http://app.test/discogs/callback",
        transport=httpx.ASGITransport(app=app),
        headers={"User-Agent": USER_AGENT},
    )
    request_token = await oauth.fetch_request_token(info["discogs_request_token_url"])
    assert request_token["oauth_callback_confirmed"] == "true"
    async with client_for(app) as browser:
        page = await browser.get(
            info["discogs_authorize_url"], params={"oauth_token": request_token["oauth_token"]}
        )
        assert page.status_code == 200
        assert '<button type="submit" id="authorize">Authorize</button>' in page.text
        approval = await browser.post(
            info["discogs_authorize_url"],
            data={"oauth_token": request_token["oauth_token"], "username": approve_as},
        )
    assert approval.status_code == 302
    callback = urlsplit(approval.headers["location"])
    assert callback.netloc == "app.test"
    query = parse_qs(callback.query)
    assert query["oauth_token"] == [request_token["oauth_token"]]
    access = await oauth.fetch_access_token(
        info["discogs_access_token_url"], verifier=query["oauth_verifier"][0]
    )
    assert set(access) == {"oauth_token", "oauth_token_secret"}
    return oauth


@pytest.mark.parametrize("method", ["PLAINTEXT", "HMAC-SHA1"])
async def test_oauth_flow_with_authlib(
    app: FastAPI, info: dict[str, Any], method: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")  # the sandbox speaks plain HTTP
    oauth = await _oauth_dance(app, info, method, approve_as="alice")
    identity = await oauth.get(f"{info['discogs_base_url']}/oauth/identity")
    assert identity.status_code == 200
    assert identity.json()["username"] == "alice"
    assert identity.json()["consumer_name"] == "VinylDigger sandbox app (demo)"
    wants = await oauth.get(
        f"{info['discogs_base_url']}/users/alice/wants", params={"per_page": 5, "page": 2}
    )
    assert wants.status_code == 200 and "notes" in wants.json()["wants"][0]
    added = await oauth.put(f"{info['discogs_base_url']}/users/alice/wants/1000003")
    assert added.status_code in (200, 201)


async def test_oauth_signatures_are_checked(
    app: FastAPI, info: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")
    demo = user_entry(info, "demo")
    wrong_secret = AsyncOAuth1Client(
        demo["discogs_consumer_key"],
        "not-the-secret",
        signature_method="HMAC-SHA1",
        token=demo["discogs_oauth_token"],
        token_secret=demo["discogs_oauth_token_secret"],
        transport=httpx.ASGITransport(app=app),
        headers={"User-Agent": USER_AGENT},
    )
    rejected = await wrong_secret.get(f"{info['discogs_base_url']}/oauth/identity")
    assert rejected.status_code == 401 and "message" in rejected.json()
    right = AsyncOAuth1Client(
        demo["discogs_consumer_key"],
        demo["discogs_consumer_secret"],
        signature_method="HMAC-SHA1",
        token=demo["discogs_oauth_token"],
        token_secret=demo["discogs_oauth_token_secret"],
        transport=httpx.ASGITransport(app=app),
        headers={"User-Agent": USER_AGENT},
    )
    accepted = await right.get(f"{info['discogs_base_url']}/oauth/identity", params={"x": "1 2"})
    assert accepted.json()["username"] == "demo"
    async with client_for(app) as client:
        # Tampering with a signed query invalidates the signature.
        signed = accepted.request
        tampered = str(signed.url).replace("x=1", "x=9")
        forged = await client.get(
            tampered, headers={"Authorization": signed.headers["authorization"]}
        )
        assert forged.status_code == 401


async def test_only_the_owner_changes_a_want_list(
    client: httpx.AsyncClient, info: dict[str, Any]
) -> None:
    path = "/discogs/users/demo/wants/1000007"
    assert (await client.put(path)).status_code == 401
    assert (await client.put(path, headers=token_header(info, "bob"))).status_code == 403
    created = await client.put(
        path, params={"notes": "any copy", "rating": 4}, headers=token_header(info)
    )
    assert created.status_code == 201
    assert created.json()["notes"] == "any copy" and created.json()["rating"] == 4
    assert (await client.put(path, headers=token_header(info))).status_code == 200
    assert (await client.delete(path, headers=token_header(info))).status_code == 204
    assert (await client.delete(path, headers=token_header(info))).status_code == 404
    # Notes are private to the owner.
    public = (await client.get("/discogs/users/demo/wants")).json()["wants"][0]
    assert "notes" not in public


async def test_ebay_token_needs_the_client_secret(
    client: httpx.AsyncClient, info: dict[str, Any]
) -> None:
    user = user_entry(info, "demo")
    bad = await client.post(
        "/ebay/identity/v1/oauth2/token",
        auth=(user["ebay_client_id"], "nope"),
        data={"grant_type": "client_credentials"},
    )
    assert bad.status_code == 401 and bad.json()["error"] == "invalid_client"
    grant = await client.post(
        "/ebay/identity/v1/oauth2/token",
        auth=(user["ebay_client_id"], user["ebay_client_secret"]),
        data={"grant_type": "authorization_code", "code": "x"},
    )
    assert grant.status_code == 400 and grant.json()["error"] == "unsupported_grant_type"
    good = await client.post(
        "/ebay/identity/v1/oauth2/token",
        auth=(user["ebay_client_id"], user["ebay_client_secret"]),
        data={"grant_type": "client_credentials"},
    )
    body = good.json()
    assert body["expires_in"] == 7200 and body["token_type"] == "Application Access Token"


async def test_browse_needs_a_live_bearer_token(
    client: httpx.AsyncClient, info: dict[str, Any], fake_clock: FakeClock
) -> None:
    missing = await client.get(EBAY_SEARCH, params={"q": "lp"})
    assert missing.status_code == 401
    error = missing.json()["errors"][0]
    assert (
        error["errorId"] == 1001 and error["domain"] == "OAuth" and error["category"] == "REQUEST"
    )
    token = await ebay_token(client, info)
    assert (
        await client.get(EBAY_SEARCH, params={"q": "lp"}, headers=ebay_headers(token))
    ).status_code == 200
    fake_clock.advance(7201)
    expired = await client.get(EBAY_SEARCH, params={"q": "lp"}, headers=ebay_headers(token))
    assert expired.status_code == 401


async def test_ebay_counts_calls_per_day(make_app: Any) -> None:
    async with client_for(make_app(ebay_daily_call_limit=3)) as client:
        info = (await client.get("/sandbox/info")).json()
        token = await ebay_token(client, info)
        codes = [
            (
                await client.get(EBAY_SEARCH, params={"q": "lp"}, headers=ebay_headers(token))
            ).status_code
            for _ in range(4)
        ]
        assert codes == [200, 200, 200, 429]
        other = await ebay_token(client, info, "alice")
        assert (
            await client.get(EBAY_SEARCH, params={"q": "lp"}, headers=ebay_headers(other))
        ).status_code == 200
