"""The alerts endpoints: validated rules and preferences, the bell, channel tests, the signed
unsubscribe link and the Admin mail server."""

from __future__ import annotations

import json

import httpx
import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.helpers import auth_headers
from tests.support.receivers import free_port, mails, smtp_server, webhook_receiver
from vinyldigger.api.v1 import notifications as notifications_api
from vinyldigger.core.context import AppContext
from vinyldigger.models import User
from vinyldigger.services.alerts.unsubscribe import token_for

RULE = {
    "name": "Cheap wants",
    "events": ["new_wanted_listing", "price_drop"],
    "channels": ["in_app", "email"],
    "timing": "daily",
    "max_price": "30.00",
    "min_media_grade": "VG+",
    "ships_from": ["DE", "NL"],
}


async def test_rules_are_validated_and_kept_as_given(client: httpx.AsyncClient) -> None:
    headers = await auth_headers(client)
    created = await client.post("/api/v1/alerts/rules", headers=headers, json=RULE)
    assert created.status_code == 201, created.text
    rule = created.json()
    assert rule["timing"] == "daily" and rule["min_media_grade"] == "VG+"
    assert rule["search_id"] is None and rule["is_active"] is True
    for bad in (
        {**RULE, "events": []},
        {**RULE, "channels": ["pigeon"]},
        {**RULE, "min_media_grade": "shiny"},
        {**RULE, "ships_from": ["Germany"]},
        {**RULE, "price_drop_percent": "101"},
        {**RULE, "search_id": 2**31},
    ):
        refused = await client.post("/api/v1/alerts/rules", headers=headers, json=bad)
        assert refused.status_code == 422, bad
    someone_elses = await client.post(
        "/api/v1/alerts/rules", headers=headers, json={**RULE, "search_id": 1}
    )
    assert someone_elses.status_code == 422
    listed = await client.get("/api/v1/alerts/rules", headers=headers)
    assert [r["id"] for r in listed.json()["items"]] == [rule["id"]]
    changed = await client.put(
        f"/api/v1/alerts/rules/{rule['id']}", headers=headers, json={**RULE, "is_active": False}
    )
    assert changed.json()["is_active"] is False
    deleted = await client.delete(f"/api/v1/alerts/rules/{rule['id']}", headers=headers)
    assert deleted.status_code == 204


async def test_preferences_need_a_real_zone_and_both_ends_of_quiet_hours(
    client: httpx.AsyncClient,
) -> None:
    headers = await auth_headers(client)
    defaults = await client.get("/api/v1/alerts/preferences", headers=headers)
    assert defaults.json()["time_zone"] == "UTC" and defaults.json()["hourly_cap"] is None
    url = "/api/v1/alerts/preferences"
    bad_zone = await client.put(url, headers=headers, json={"time_zone": "Mars/Olympus"})
    assert bad_zone.status_code == 422
    half = await client.put(url, headers=headers, json={"quiet_start_hour": 22})
    assert half.status_code == 422
    good = {"time_zone": "Europe/Berlin", "quiet_start_hour": 22, "quiet_end_hour": 7}
    saved = await client.put(url, headers=headers, json=good)
    assert saved.status_code == 200 and saved.json()["quiet_end_hour"] == 7


async def test_the_bell_counts_marks_read_and_streams(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The stream ends after its first look (the test transport reads whole responses).
    monkeypatch.setattr(notifications_api, "STREAM_SECONDS", 0.0)
    headers = await auth_headers(client)
    for _ in range(2):
        assert (await client.post("/api/v1/alerts/test/in-app", headers=headers)).is_success
    bell = await client.get("/api/v1/notifications/unread", headers=headers)
    assert bell.json()["unread"] == 2
    listed = (await client.get("/api/v1/notifications", headers=headers)).json()
    first = listed["items"][0]["id"]
    read = await client.post(f"/api/v1/notifications/{first}/read", headers=headers)
    assert read.json() == {"marked": 1}
    unread = await client.get("/api/v1/notifications?unread=true", headers=headers)
    assert unread.json()["total"] == 1
    async with client.stream("GET", "/api/v1/notifications/events", headers=headers) as stream:
        async for line in stream.aiter_lines():
            if line.startswith("data:"):
                assert json.loads(line.removeprefix("data:"))["unread"] == 1
                break
    assert (await client.post("/api/v1/notifications/read-all", headers=headers)).json() == {
        "marked": 1
    }
    assert (await client.get("/api/v1/notifications/events")).status_code == 401


async def test_unsubscribing_needs_no_login_and_only_a_valid_signature(
    client: httpx.AsyncClient, context: AppContext
) -> None:
    headers = await auth_headers(client)
    rule = (await client.post("/api/v1/alerts/rules", headers=headers, json=RULE)).json()
    me = (await client.get("/api/v1/auth/me", headers=headers)).json()
    token = token_for(context.settings.jwt_secret, rule_id=rule["id"], user_id=me["id"])
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    refused = await client.post("/api/v1/alerts/unsubscribe", json={"token": forged})
    assert refused.status_code == 400
    other_user = token_for(context.settings.jwt_secret, rule_id=rule["id"], user_id=me["id"] + 1)
    assert (
        await client.post("/api/v1/alerts/unsubscribe", json={"token": other_user})
    ).status_code == 404
    done = await client.post("/api/v1/alerts/unsubscribe", json={"token": token})
    assert done.status_code == 200 and done.json()["is_active"] is False
    one_click = await client.post(
        f"/api/v1/alerts/unsubscribe/one-click?token={token}",
        content=b"List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert one_click.status_code == 200, one_click.text
    stored = await client.get(f"/api/v1/alerts/rules/{rule['id']}", headers=headers)
    assert stored.json()["is_active"] is False


async def test_channel_tests_send_now_or_say_why_not(
    client: httpx.AsyncClient, context: AppContext
) -> None:
    headers = await auth_headers(client)
    unconfigured = await client.post("/api/v1/alerts/test/email", headers=headers)
    assert unconfigured.json() == {"sent": False, "error": "No mail server is configured."}
    bad = await client.post(
        "/api/v1/alerts/push-targets", headers=headers, json={"name": "x", "url": "nope://"}
    )
    assert bad.status_code == 422
    with smtp_server() as (port, inbox), webhook_receiver() as (hook_url, hook):
        context.settings = context.settings.model_copy(
            update={"smtp_host": "127.0.0.1", "smtp_port": port, "smtp_starttls": False}
        )
        sent = await client.post("/api/v1/alerts/test/email", headers=headers)
        assert sent.json() == {"sent": True, "error": None}
        assert [str(mail["Subject"]) for mail in mails(inbox)] == ["VinylDigger test message"]
        target = await client.post(
            "/api/v1/alerts/push-targets", headers=headers, json={"name": "hook", "url": hook_url}
        )
        assert target.json()["service"] == "json"
        pushed = await client.post(
            f"/api/v1/alerts/push-targets/{target.json()['id']}/test", headers=headers
        )
        assert pushed.json()["sent"] is True
        assert [body["title"] for body in hook.received.all()] == ["VinylDigger test message"]
    context.settings = context.settings.model_copy(update={"smtp_port": free_port()})
    down = await client.post("/api/v1/alerts/test/email", headers=headers)
    assert down.json()["sent"] is False and "127.0.0.1" in down.json()["error"]


async def test_admin_mail_server_is_encrypted_and_yields_to_the_environment(
    client: httpx.AsyncClient, context: AppContext, db_session: AsyncSession
) -> None:
    headers = await auth_headers(client)
    body = {"host": "smtp.example.com", "sender": "alerts@example.com", "password": "hunter2-x"}
    assert (
        await client.put("/api/v1/admin/mail-server", headers=headers, json=body)
    ).status_code == 403
    me = (await client.get("/api/v1/auth/me", headers=headers)).json()
    await db_session.execute(update(User).where(User.id == me["id"]).values(is_admin=True))
    saved = await client.put("/api/v1/admin/mail-server", headers=headers, json=body)
    assert saved.status_code == 200, saved.text
    assert saved.json()["source"] == "admin" and saved.json()["password_set"] is True
    assert "hunter2" not in saved.text
    context.settings = context.settings.model_copy(update={"smtp_host": "mail.internal"})
    state = await client.get("/api/v1/admin/mail-server", headers=headers)
    assert state.json()["source"] == "environment" and state.json()["host"] == "mail.internal"
    refused = await client.put("/api/v1/admin/mail-server", headers=headers, json=body)
    assert refused.status_code == 409


async def test_channel_tests_are_limited_per_user(client: httpx.AsyncClient) -> None:
    headers = await auth_headers(client)
    for _ in range(10):
        assert (await client.post("/api/v1/alerts/test/in-app", headers=headers)).is_success
    limited = await client.post("/api/v1/alerts/test/email", headers=headers)
    assert limited.status_code == 429 and "Retry-After" in limited.headers
    other = await auth_headers(client)
    assert (await client.post("/api/v1/alerts/test/in-app", headers=other)).is_success
