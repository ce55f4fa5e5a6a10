"""Marketplace credentials: encrypted at rest, masked when read, scoped to their owner."""

from __future__ import annotations

import io

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.helpers import auth_headers
from vinyldigger.core.context import AppContext
from vinyldigger.core.logging import configure_logging
from vinyldigger.services import credentials as credential_service
from vinyldigger.services.credentials import DiscogsCredentials, Service

DISCOGS_TOKEN = "dG9rZW4tZm9yLXRoZS1zYW5kYm94LTEyMzQ1Njc4OTA"
EBAY_SECRET = "PRD-0123456789ab-cdef-4567-89ab-cdefSECRET"


def _field(state: dict[str, object], name: str) -> dict[str, object]:
    fields = state["fields"]
    assert isinstance(fields, list)
    return next(f for f in fields if f["name"] == name)


async def test_put_then_get_shows_only_masked_hints(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    log = io.StringIO()
    configure_logging("DEBUG", "json", stream=log)
    try:
        headers = await auth_headers(client)
        put = await client.put(
            "/api/v1/credentials/discogs",
            headers=headers,
            json={"personal_token": DISCOGS_TOKEN, "username": "crate_digger"},
        )
        assert put.status_code == 200, put.text
        got = await client.get("/api/v1/credentials/discogs", headers=headers)
    finally:
        configure_logging("INFO")
    assert got.status_code == 200
    state = got.json()
    assert state["configured"] is True and state["updated_at"]
    assert _field(state, "personal_token") == {
        "name": "personal_token",
        "is_set": True,
        "hint": "••••" + DISCOGS_TOKEN[-4:],
    }
    assert _field(state, "username")["hint"] == "••••gger"
    assert DISCOGS_TOKEN not in got.text and DISCOGS_TOKEN not in put.text

    stored = (
        (await db_session.execute(text("SELECT encrypted_payload FROM marketplace_credentials")))
        .scalars()
        .all()
    )
    assert stored and all(DISCOGS_TOKEN not in value for value in stored)
    assert all("crate_digger" not in value for value in stored)

    written = log.getvalue()
    assert "credentials_changed" in written
    assert DISCOGS_TOKEN not in written


async def test_stored_credentials_decrypt_for_the_clients(
    client: httpx.AsyncClient, db_session: AsyncSession, context: AppContext
) -> None:
    headers = await auth_headers(client)
    await client.put(
        "/api/v1/credentials/discogs",
        headers=headers,
        json={"personal_token": DISCOGS_TOKEN, "username": "crate_digger"},
    )
    me = (await client.get("/api/v1/auth/me", headers=headers)).json()
    loaded = await credential_service.load(
        db_session, context.secret_box, me["id"], Service.DISCOGS
    )
    assert isinstance(loaded, DiscogsCredentials)
    assert loaded.personal_token is not None
    assert loaded.personal_token.get_secret_value() == DISCOGS_TOKEN
    assert DISCOGS_TOKEN not in repr(loaded)


async def test_ebay_credentials_and_list(client: httpx.AsyncClient) -> None:
    headers = await auth_headers(client)
    body = {
        "client_id": "VinylDig-app-PRD-1234",
        "client_secret": EBAY_SECRET,
        "marketplace_id": "EBAY_GB",
        "buyer_country": "GB",
        "buyer_postal_code": "SW1A 1AA",
    }
    assert (await client.put("/api/v1/credentials/ebay", headers=headers, json=body)).is_success
    listed = (await client.get("/api/v1/credentials", headers=headers)).json()["items"]
    by_service = {item["service"]: item for item in listed}
    assert by_service["discogs"]["configured"] is False
    assert by_service["ebay"]["configured"] is True
    assert _field(by_service["ebay"], "client_secret")["hint"] == "••••CRET"


async def test_bad_credentials_get_422_naming_the_field(client: httpx.AsyncClient) -> None:
    headers = await auth_headers(client)
    wrong_service = await client.put(
        "/api/v1/credentials/ebay",
        headers=headers,
        json={"personal_token": DISCOGS_TOKEN, "username": "crate_digger"},
    )
    assert wrong_service.status_code == 422
    assert DISCOGS_TOKEN not in wrong_service.text
    bad_country = await client.put(
        "/api/v1/credentials/ebay",
        headers=headers,
        json={
            "client_id": "x",
            "client_secret": EBAY_SECRET,
            "buyer_country": "Germany",
            "buyer_postal_code": "10115",
        },
    )
    assert bad_country.status_code == 422
    assert [f["field"] for f in bad_country.json()["error"]["fields"]] == ["buyer_country"]
    assert EBAY_SECRET not in bad_country.text
    unknown = await client.put("/api/v1/credentials/spotify", headers=headers, json={})
    assert unknown.status_code == 422


async def test_users_cannot_see_or_remove_each_others_credentials(
    client: httpx.AsyncClient,
) -> None:
    alice = await auth_headers(client)
    bob = await auth_headers(client)
    await client.put(
        "/api/v1/credentials/discogs",
        headers=alice,
        json={"personal_token": DISCOGS_TOKEN, "username": "alice"},
    )
    bobs_view = (await client.get("/api/v1/credentials/discogs", headers=bob)).json()
    assert bobs_view["configured"] is False
    assert (await client.delete("/api/v1/credentials/discogs", headers=bob)).status_code == 404
    alices_view = (await client.get("/api/v1/credentials/discogs", headers=alice)).json()
    assert alices_view["configured"] is True
    assert (await client.delete("/api/v1/credentials/discogs", headers=alice)).status_code == 204
    gone = (await client.get("/api/v1/credentials/discogs", headers=alice)).json()
    assert gone["configured"] is False


async def test_credentials_need_authentication(client: httpx.AsyncClient) -> None:
    for method in ("GET", "PUT", "DELETE"):
        response = await client.request(method, "/api/v1/credentials/discogs")
        assert response.status_code == 401
