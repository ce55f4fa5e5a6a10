"""Ending sessions: a password change and "sign out everywhere else" revoke the others."""

from __future__ import annotations

from typing import Any

import httpx

from tests.api.helpers import PASSWORD, browser, login, refresh_token_of, refresh_with, register
from vinyldigger.core.context import AppContext

NEW_PASSWORD = "another long passphrase"


def _bearer(tokens: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


async def test_a_password_change_revokes_every_other_session(
    client: httpx.AsyncClient, context: AppContext
) -> None:
    user = await register(client)
    here = await login(client, user["email"])
    async with browser(context) as elsewhere_browser:
        elsewhere = await login(elsewhere_browser, user["email"])
        elsewhere_refresh = refresh_token_of(elsewhere_browser)

        changed = await client.patch(
            "/api/v1/auth/me",
            json={"current_password": PASSWORD, "new_password": NEW_PASSWORD},
            headers=_bearer(here),
        )
        assert changed.status_code == 200, changed.text

        stale = await elsewhere_browser.post("/api/v1/auth/refresh", json={})
        assert stale.status_code == 401
        assert (await refresh_with(client, elsewhere_refresh)).status_code == 401
        signed_out = await client.get("/api/v1/auth/me", headers=_bearer(elsewhere))
        assert signed_out.status_code == 401
    # The session that changed the password goes on.
    assert (await client.get("/api/v1/auth/me", headers=_bearer(here))).status_code == 200
    kept = await client.post("/api/v1/auth/refresh", json={})
    assert kept.status_code == 200


async def test_sign_out_everywhere_else(client: httpx.AsyncClient, context: AppContext) -> None:
    user = await register(client)
    here = await login(client, user["email"])
    async with browser(context) as phone, browser(context) as tablet:
        for other in (phone, tablet):
            await login(other, user["email"])

        response = await client.post("/api/v1/auth/sessions/sign-out-others", headers=_bearer(here))
        assert response.status_code == 200
        assert response.json() == {"revoked": 2}
        for other in (phone, tablet):
            refreshed = await other.post("/api/v1/auth/refresh", json={})
            assert refreshed.status_code == 401
    assert (await client.get("/api/v1/auth/me", headers=_bearer(here))).status_code == 200


async def test_another_users_sessions_are_untouched(client: httpx.AsyncClient) -> None:
    mine = await login(client, (await register(client))["email"])
    theirs = await login(client, (await register(client))["email"])
    await client.post("/api/v1/auth/sessions/sign-out-others", headers=_bearer(mine))
    assert (await client.get("/api/v1/auth/me", headers=_bearer(theirs))).status_code == 200


async def test_wrong_current_passwords_on_the_profile_are_limited(
    client: httpx.AsyncClient,
) -> None:
    user = await register(client)
    tokens = await login(client, user["email"])
    statuses = []
    for _ in range(6):
        response = await client.patch(
            "/api/v1/auth/me",
            json={"current_password": "not my password", "new_password": NEW_PASSWORD},
            headers=_bearer(tokens),
        )
        statuses.append(response.status_code)
    assert statuses == [422] * 5 + [429]
