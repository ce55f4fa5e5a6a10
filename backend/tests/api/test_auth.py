"""The account endpoints, end to end through HTTP, on PostgreSQL+Redis and on SQLite."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.helpers import (
    DEVICE_COOKIE,
    PASSWORD,
    REFRESH_COOKIE,
    auth_headers,
    browser,
    login,
    refresh_token_of,
    refresh_with,
    register,
    unique_email,
)
from vinyldigger.api.app import create_app
from vinyldigger.core.context import AppContext
from vinyldigger.core.security import TokenType, create_token
from vinyldigger.models import RefreshToken, User


async def test_register_normalises_email_and_returns_user(client: httpx.AsyncClient) -> None:
    email = unique_email("Mixed.Case")
    response = await client.post(
        "/api/v1/auth/register", json={"email": f"  {email.upper()} ", "password": PASSWORD}
    )
    assert response.status_code == 201
    body = response.json()
    assert body["email"] == email.lower()
    assert body["is_admin"] is False and body["is_active"] is True
    assert "password" not in response.text and "password_hash" not in body


async def test_register_rejects_duplicate_email_case_insensitively(
    client: httpx.AsyncClient,
) -> None:
    user = await register(client)
    response = await client.post(
        "/api/v1/auth/register", json={"email": user["email"].upper(), "password": PASSWORD}
    )
    assert response.status_code == 409
    assert response.json()["error"]["fields"][0]["field"] == "email"


async def test_register_validates_password_and_email(client: httpx.AsyncClient) -> None:
    short = await client.post(
        "/api/v1/auth/register", json={"email": unique_email(), "password": "123456789"}
    )
    assert short.status_code == 422
    assert short.json()["error"]["fields"] == [
        {"field": "password", "message": "must be at least 10 characters"}
    ]
    bad_email = await client.post(
        "/api/v1/auth/register", json={"email": "not-an-address", "password": PASSWORD}
    )
    assert bad_email.status_code == 422
    assert bad_email.json()["error"]["fields"][0]["field"] == "email"
    missing = await client.post("/api/v1/auth/register", json={"email": unique_email()})
    assert missing.status_code == 422
    assert missing.json()["error"]["fields"][0]["field"] == "password"
    assert "123456789" not in short.text


@pytest.mark.parametrize(
    "password", ["aaaaaaaaaa", " " * 10, "1234567890", "password123", "qwertyuiop", "Passw0rd!!"]
)
async def test_register_refuses_the_commonest_passwords(
    client: httpx.AsyncClient, password: str
) -> None:
    response = await client.post(
        "/api/v1/auth/register", json={"email": unique_email(), "password": password}
    )
    assert response.status_code == 422
    field = response.json()["error"]["fields"][0]
    assert field["field"] == "password"
    assert field["message"].startswith("is too easy to guess")
    assert password.strip() == "" or password not in response.text


async def test_register_refuses_a_password_made_of_the_address(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(
        "/api/v1/auth/register",
        json={"email": "stanley.kubrick@example.com", "password": "stanleykubrick"},
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["message"].startswith("is too easy to guess")


def _set_cookies(response: httpx.Response) -> dict[str, set[str]]:
    """Each cookie the response sets, with its attributes in lower case."""
    cookies: dict[str, set[str]] = {}
    for header in response.headers.get_list("set-cookie"):
        name_value, *attributes = (part.strip() for part in header.split(";"))
        name, _, value = name_value.partition("=")
        cleared = {"cleared"} if value in ("", '""') else set()
        cookies[name] = {attribute.lower() for attribute in attributes} | cleared
    return cookies


async def test_json_login_keeps_the_refresh_token_in_an_httponly_cookie(
    client: httpx.AsyncClient,
) -> None:
    user = await register(client)
    response = await client.post(
        "/api/v1/auth/login", json={"email": user["email"], "password": PASSWORD}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer" and "refresh_token" not in body
    assert 800 <= body["expires_in"] <= 1000
    cookies = _set_cookies(response)
    refresh = cookies[REFRESH_COOKIE]
    assert {"httponly", "samesite=strict", "path=/api/v1/auth"} <= refresh
    assert any(a.startswith("max-age=") for a in refresh)
    # Plain http (development, the e2e stack) gets no Secure flag, or the browser would drop it.
    assert "secure" not in refresh
    assert {"httponly", "samesite=strict", "path=/api/v1/auth/login"} <= cookies[DEVICE_COOKIE]
    me = await client.get(
        "/api/v1/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert me.json()["email"] == user["email"]


async def test_session_cookies_are_secure_over_https_or_when_configured(
    context: AppContext,
) -> None:
    async def login_cookies(served: AppContext, base_url: str) -> dict[str, set[str]]:
        app = create_app(served.settings, context=served, run_jobs=False)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=base_url) as http:
            user = await register(http)
            response = await http.post(
                "/api/v1/auth/login", json={"email": user["email"], "password": PASSWORD}
            )
            return _set_cookies(response)

    over_https = await login_cookies(context, "https://testserver")
    assert "secure" in over_https[REFRESH_COOKIE] and "secure" in over_https[DEVICE_COOKIE]
    # Behind a proxy that terminates TLS without saying so, the setting forces it.
    forced = dataclasses.replace(
        context, settings=context.settings.model_copy(update={"cookie_secure": True})
    )
    assert "secure" in (await login_cookies(forced, "http://testserver"))[REFRESH_COOKIE]


async def test_oauth2_password_form_answers_api_clients_in_the_body(
    client: httpx.AsyncClient,
) -> None:
    user = await register(client)
    form = await client.post(
        "/api/v1/auth/login", data={"username": user["email"], "password": PASSWORD}
    )
    assert form.status_code == 200
    tokens = form.json()
    # No cookie: a form posted from another site must not be able to sign a browser in.
    assert "set-cookie" not in form.headers
    me = await client.get(
        "/api/v1/auth/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )
    assert me.json()["email"] == user["email"]
    renewed = await refresh_with(client, tokens["refresh_token"])
    assert renewed.status_code == 200
    assert renewed.json()["refresh_token"] != tokens["refresh_token"]
    assert "set-cookie" not in renewed.headers


async def test_wrong_password_is_401(client: httpx.AsyncClient) -> None:
    user = await register(client)
    wrong = await client.post(
        "/api/v1/auth/login", json={"email": user["email"], "password": "wrong password!"}
    )
    assert wrong.status_code == 401
    assert wrong.json()["error"]["message"] == "Incorrect e-mail or password"


async def test_unknown_account_gets_the_same_answer_as_a_wrong_password(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(
        "/api/v1/auth/login", json={"email": unique_email(), "password": PASSWORD}
    )
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "Incorrect e-mail or password"


async def test_refresh_rotates_the_cookie_and_reuse_revokes_the_family(
    client: httpx.AsyncClient,
) -> None:
    user = await register(client)
    first_access = (await login(client, user["email"]))["access_token"]
    first = refresh_token_of(client)
    renewed = await client.post("/api/v1/auth/refresh", json={})
    assert renewed.status_code == 200
    assert "refresh_token" not in renewed.json()
    assert renewed.json()["access_token"] != first_access
    assert refresh_token_of(client) != first

    # A copy of the spent token comes back (stolen, say): the whole session ends.
    reused = await refresh_with(client, first)
    assert reused.status_code == 401
    after_reuse = await client.post("/api/v1/auth/refresh", json={})
    assert after_reuse.status_code == 401


async def test_refresh_without_a_token_is_401(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/auth/refresh", json={})
    assert response.status_code == 401
    assert (await client.post("/api/v1/auth/refresh")).status_code == 415


async def test_reuse_revocation_survives_the_failed_request(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    user = await register(client)
    await login(client, user["email"])
    first = refresh_token_of(client)
    await client.post("/api/v1/auth/refresh", json={})
    await refresh_with(client, first)
    rows = (
        await db_session.scalars(select(RefreshToken).where(RefreshToken.user_id == user["id"]))
    ).all()
    assert len(rows) == 2
    assert all(row.revoked_at is not None for row in rows)


async def test_other_sessions_survive_a_reuse_in_one_family(
    client: httpx.AsyncClient, context: AppContext
) -> None:
    user = await register(client)
    async with browser(context) as phone, browser(context) as laptop:
        await login(phone, user["email"])
        await login(laptop, user["email"])
        spent = refresh_token_of(phone)
        await phone.post("/api/v1/auth/refresh", json={})
        await refresh_with(phone, spent)
        assert (await phone.post("/api/v1/auth/refresh", json={})).status_code == 401
        still_ok = await laptop.post("/api/v1/auth/refresh", json={})
    assert still_ok.status_code == 200


async def test_token_types_are_not_interchangeable(client: httpx.AsyncClient) -> None:
    user = await register(client)
    tokens = await login(client, user["email"])
    as_bearer = await client.get(
        "/api/v1/auth/me", headers={"Authorization": f"Bearer {refresh_token_of(client)}"}
    )
    assert as_bearer.status_code == 401
    assert as_bearer.headers["WWW-Authenticate"] == "Bearer"
    as_refresh = await refresh_with(client, tokens["access_token"])
    assert as_refresh.status_code == 401


async def test_cookie_endpoints_take_json_only(client: httpx.AsyncClient) -> None:
    """The CSRF guard: a form on another site can post text/plain or a form, never JSON."""
    user = await register(client)
    smuggled = await client.post(
        "/api/v1/auth/login",
        content=f'{{"email": "{user["email"]}", "password": "{PASSWORD}"}}',
        headers={"Content-Type": "text/plain"},
    )
    assert smuggled.status_code == 415
    assert "set-cookie" not in smuggled.headers
    await login(client, user["email"])
    for path in ("/api/v1/auth/refresh", "/api/v1/auth/logout"):
        as_form = await client.post(path, data={"refresh_token": "x"})
        assert as_form.status_code == 415, path
        assert as_form.json()["error"]["code"] == "unsupported_media_type"
    # The session is untouched by the refused requests.
    assert (await client.post("/api/v1/auth/refresh", json={})).status_code == 200


async def test_expired_and_forged_access_tokens_are_refused(
    client: httpx.AsyncClient, context: AppContext
) -> None:
    user = await register(client)
    expired, _ = create_token(
        secret=context.settings.jwt_secret,
        subject=user["id"],
        token_type=TokenType.ACCESS,
        lifetime=timedelta(seconds=-5),
    )
    forged, _ = create_token(
        secret="another-secret-entirely-" * 2,
        subject=user["id"],
        token_type=TokenType.ACCESS,
        lifetime=timedelta(minutes=5),
    )
    for token in (expired, forged, "garbage"):
        response = await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401
    assert (await client.get("/api/v1/auth/me")).status_code == 401


async def test_logout_clears_the_cookie_and_revokes_the_family(
    client: httpx.AsyncClient,
) -> None:
    user = await register(client)
    await login(client, user["email"])
    token = refresh_token_of(client)
    out = await client.post("/api/v1/auth/logout", json={})
    assert out.status_code == 204
    assert "cleared" in _set_cookies(out)[REFRESH_COOKIE]
    assert client.cookies.get(REFRESH_COOKIE) is None
    assert (await refresh_with(client, token)).status_code == 401
    # Signing out again, or with nothing to sign out, still succeeds.
    assert (await client.post("/api/v1/auth/logout", json={})).status_code == 204


async def test_an_api_client_logs_out_with_the_token_in_the_body(
    client: httpx.AsyncClient,
) -> None:
    user = await register(client)
    form = await client.post(
        "/api/v1/auth/login", data={"username": user["email"], "password": PASSWORD}
    )
    token = form.json()["refresh_token"]
    out = await client.post("/api/v1/auth/logout", json={"refresh_token": token})
    assert out.status_code == 204
    assert (await refresh_with(client, token)).status_code == 401


async def test_inactive_users_are_refused(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    user = await register(client)
    tokens = await login(client, user["email"])
    await db_session.execute(update(User).where(User.id == user["id"]).values(is_active=False))
    await db_session.commit()  # in the test transaction; the API's rollbacks must not undo it
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert (await client.get("/api/v1/auth/me", headers=headers)).status_code == 401
    refreshed = await client.post("/api/v1/auth/refresh", json={})
    assert refreshed.status_code == 401
    relogin = await client.post(
        "/api/v1/auth/login", json={"email": user["email"], "password": PASSWORD}
    )
    assert relogin.status_code == 403


async def test_profile_changes_need_the_current_password(client: httpx.AsyncClient) -> None:
    headers = await auth_headers(client)
    no_current = await client.patch(
        "/api/v1/auth/me", headers=headers, json={"new_password": "a brand new password"}
    )
    assert no_current.status_code == 422
    assert no_current.json()["error"]["fields"][0]["field"] == "current_password"
    wrong = await client.patch(
        "/api/v1/auth/me",
        headers=headers,
        json={"new_password": "a brand new password", "current_password": "not it at all"},
    )
    assert wrong.status_code == 422
    new_email = unique_email("moved")
    ok = await client.patch(
        "/api/v1/auth/me",
        headers=headers,
        json={
            "new_password": "a brand new password",
            "current_password": PASSWORD,
            "email": new_email,
            "currency": "gbp",
        },
    )
    assert ok.status_code == 200
    assert ok.json()["email"] == new_email and ok.json()["currency"] == "GBP"
    relogin = await client.post(
        "/api/v1/auth/login", json={"email": new_email, "password": "a brand new password"}
    )
    assert relogin.status_code == 200
    currency_only = await client.patch("/api/v1/auth/me", headers=headers, json={"currency": "USD"})
    assert currency_only.status_code == 200


async def test_email_change_cannot_take_another_account(client: httpx.AsyncClient) -> None:
    other = await register(client)
    headers = await auth_headers(client)
    response = await client.patch(
        "/api/v1/auth/me",
        headers=headers,
        json={"email": other["email"], "current_password": PASSWORD},
    )
    assert response.status_code == 409


async def test_profile_defaults_for_new_searches(client: httpx.AsyncClient) -> None:
    headers = await auth_headers(client)
    me = (await client.get("/api/v1/auth/me", headers=headers)).json()
    assert me["ship_to_country"] is None and me["min_media_grade"] is None
    # No password is needed for the defaults; codes are normalised.
    updated = await client.patch(
        "/api/v1/auth/me",
        headers=headers,
        json={"ship_to_country": "gb", "min_media_grade": "VG+", "currency": "gbp"},
    )
    assert updated.status_code == 200
    body = updated.json()
    assert (body["ship_to_country"], body["min_media_grade"], body["currency"]) == (
        "GB",
        "VG+",
        "GBP",
    )
    # Fields left out stay as they are.
    currency_only = await client.patch("/api/v1/auth/me", headers=headers, json={"currency": "EUR"})
    assert currency_only.json()["ship_to_country"] == "GB"
    assert currency_only.json()["min_media_grade"] == "VG+"
    # null clears a default.
    cleared = await client.patch(
        "/api/v1/auth/me", headers=headers, json={"ship_to_country": None, "min_media_grade": None}
    )
    assert cleared.json()["ship_to_country"] is None and cleared.json()["min_media_grade"] is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ship_to_country": "XX"}, "ship_to_country"),
        ({"ship_to_country": "GBR"}, "ship_to_country"),
        ({"ship_to_country": "1A"}, "ship_to_country"),
        ({"min_media_grade": "shiny"}, "min_media_grade"),
        ({"min_media_grade": "EX"}, "min_media_grade"),
    ],
)
async def test_profile_defaults_are_validated(
    client: httpx.AsyncClient, change: dict[str, str], field: str
) -> None:
    headers = await auth_headers(client)
    response = await client.patch("/api/v1/auth/me", headers=headers, json=change)
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"].endswith(field)
    me = (await client.get("/api/v1/auth/me", headers=headers)).json()
    assert me["ship_to_country"] is None and me["min_media_grade"] is None
