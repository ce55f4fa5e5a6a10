"""Administration: admins only, and an admin cannot lock themselves out."""

from __future__ import annotations

import httpx
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.helpers import PASSWORD, auth_headers, register
from vinyldigger.models import User


async def _admin_headers(
    client: httpx.AsyncClient, session: AsyncSession
) -> tuple[dict[str, str], int]:
    headers = await auth_headers(client)
    me = (await client.get("/api/v1/auth/me", headers=headers)).json()
    await session.execute(update(User).where(User.id == me["id"]).values(is_admin=True))
    await session.commit()
    return headers, int(me["id"])


async def test_only_admins_reach_the_admin_endpoints(client: httpx.AsyncClient) -> None:
    headers = await auth_headers(client)
    for path in ("/api/v1/admin/users", "/api/v1/admin/instance"):
        assert (await client.get(path, headers=headers)).status_code == 403
        assert (await client.get(path)).status_code == 401


async def test_admin_lists_disables_and_cannot_disable_self(
    client: httpx.AsyncClient, db_session: AsyncSession, backend: str
) -> None:
    headers, admin_id = await _admin_headers(client, db_session)
    other = await register(client)
    listed = (
        await client.get(f"/api/v1/admin/users?q={other['email'][:12]}", headers=headers)
    ).json()
    assert [u["email"] for u in listed["items"]] == [other["email"]]
    disabled = await client.patch(
        f"/api/v1/admin/users/{other['id']}", headers=headers, json={"is_active": False}
    )
    assert disabled.json()["is_active"] is False
    refused = await client.post(
        "/api/v1/auth/login", json={"email": other["email"], "password": PASSWORD}
    )
    assert refused.status_code == 403
    myself = await client.patch(
        f"/api/v1/admin/users/{admin_id}", headers=headers, json={"is_admin": False}
    )
    assert myself.status_code == 409
    instance = (await client.get("/api/v1/admin/instance", headers=headers)).json()
    assert instance["database"] == backend
    assert instance["redis"] is (backend == "postgresql")
