"""Alerts end to end: the sandbox world changes, the next search run finds events, and a
real SMTP server and a real webhook receive each exactly once."""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tests.integration.test_library_sync import QueueOnly
from tests.integration.test_search_runs import _control, _demo_account_with_search
from tests.support.receivers import Hook, mails, smtp_server, webhook_receiver
from vinyldigger.core.context import AppContext
from vinyldigger.models import AlertDelivery, AlertEvent
from vinyldigger.models.base import utcnow
from vinyldigger.services.alerts import delivery
from vinyldigger.workers import alert_jobs
from vinyldigger.workers.jobs import run_job
from vinyldigger_sandbox.server import RunningSandbox

RULE = {
    "name": "My wants",
    "events": ["new_wanted_listing", "price_drop"],
    "channels": ["in_app", "email", "push"],
    "timing": "instant",
    "price_drop_percent": "0",
}
MAX_WORLD_STEPS = 6


async def _drain(context: AppContext, queue: QueueOnly) -> None:
    while queue.jobs:
        name, args = queue.jobs.pop(0)
        await run_job(context, name, args)


async def _run(
    client: httpx.AsyncClient,
    context: AppContext,
    headers: dict[str, str],
    search_id: int,
    queue: QueueOnly,
    *,
    drain: bool = True,
) -> int:
    response = await client.post(f"/api/v1/searches/{search_id}/run", headers=headers)
    assert response.status_code == 202, response.text
    run_id = int(response.json()["id"])
    name, args = queue.jobs.pop(0)
    await run_job(context, name, args)
    if drain:
        await _drain(context, queue)
    run = (await client.get(f"/api/v1/runs/{run_id}", headers=headers)).json()
    assert run["status"] == "succeeded", run
    return run_id


async def _alerted_account(
    client: httpx.AsyncClient,
    context: AppContext,
    sandbox_info: dict[str, Any],
    smtp_port: int,
    hook_url: str,
) -> tuple[dict[str, str], int, QueueOnly]:
    context.settings = context.settings.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": smtp_port,
            "smtp_starttls": False,
            "smtp_from": "alerts@vinyldigger.test",
            "public_url": "http://vinyldigger.test",
        }
    )
    headers, search_id = await _demo_account_with_search(client, context, sandbox_info)
    queue = QueueOnly()
    context.dispatcher = queue
    added = await client.post(
        "/api/v1/alerts/push-targets", headers=headers, json={"name": "hook", "url": hook_url}
    )
    assert added.status_code == 201, added.text
    assert "127.0.0.1" not in added.text  # the URL is never shown again
    created = await client.post(
        "/api/v1/alerts/rules", headers=headers, json={**RULE, "search_id": search_id}
    )
    assert created.status_code == 201, created.text
    # A world step brings dozens of events; the hourly cap is a test of its own.
    prefs = await client.put(
        "/api/v1/alerts/preferences", headers=headers, json={"hourly_cap": 1000}
    )
    assert prefs.status_code == 200, prefs.text
    return headers, search_id, queue


async def _events_of(session: AsyncSession, run_id: int) -> list[AlertEvent]:
    return list(await session.scalars(select(AlertEvent).where(AlertEvent.run_id == run_id)))


def _words(text: str) -> str:
    """A header folded over lines reads back with its whitespace changed, not its words."""
    return " ".join(text.split())


def _titles(events: list[AlertEvent]) -> Counter[str]:
    return Counter(_words(event.title) for event in events)


def _counted_mail(inbox: Any) -> Counter[str]:
    return Counter(_words(str(mail["Subject"])) for mail in mails(inbox))


def _counted_hooks(hook: Hook) -> Counter[str]:
    return Counter(_words(str(body["title"])) for body in hook.received.all())


async def _step_until_events(
    client: httpx.AsyncClient,
    context: AppContext,
    sandbox: RunningSandbox,
    headers: dict[str, str],
    search_id: int,
    queue: QueueOnly,
    db_session: AsyncSession,
    *,
    drain: bool = True,
) -> tuple[int, list[AlertEvent]]:
    """World steps and runs until a run finds events (the world is shared by the tests)."""
    for _ in range(MAX_WORLD_STEPS):
        await _control(sandbox, "POST", "/advance", json={"steps": 1})
        run_id = await _run(client, context, headers, search_id, queue, drain=drain)
        found = await _events_of(db_session, run_id)
        if found:
            return run_id, found
    raise AssertionError("no world step brought a wanted listing")


async def test_each_event_reaches_mail_and_webhook_exactly_once(
    client: httpx.AsyncClient,
    sandbox_context: AppContext,
    sandbox: RunningSandbox,
    sandbox_info: dict[str, Any],
    db_session: AsyncSession,
) -> None:
    with smtp_server() as (smtp_port, inbox), webhook_receiver() as (hook_url, hook):
        context = sandbox_context
        headers, search_id, queue = await _alerted_account(
            client, context, sandbox_info, smtp_port, hook_url
        )
        # The search's first run sets the baseline: what was for sale already is not news.
        await _run(client, context, headers, search_id, queue)
        assert not mails(inbox) and not hook.received.all()

        kinds: set[str] = set()
        expected: Counter[str] = Counter()
        for _ in range(MAX_WORLD_STEPS):
            run_id, found = await _step_until_events(
                client, context, sandbox, headers, search_id, queue, db_session
            )
            kinds |= {event.kind for event in found}
            expected += _titles(found)
            assert _counted_mail(inbox) == expected
            assert _counted_hooks(hook) == expected
            if kinds == {"new_wanted_listing", "price_drop"}:
                break
        assert kinds == {"new_wanted_listing", "price_drop"}
        deliveries = list(await db_session.scalars(select(AlertDelivery)))
        assert {d.status for d in deliveries} == {"sent"}
        assert Counter(d.channel.split(":")[0] for d in deliveries) == {
            "in_app": expected.total(),
            "email": expected.total(),
            "push": expected.total(),
        }
        # Each e-mail has a plain and an HTML part and a working unsubscribe link.
        mail = mails(inbox)[0]
        assert {part.get_content_type() for part in mail.iter_parts()} == {
            "text/plain",
            "text/html",
        }
        assert "One-Click" in str(mail["List-Unsubscribe-Post"])
        # Running the search again, or the run's alert job a second time, sends nothing new.
        await _run(client, context, headers, search_id, queue)
        await alert_jobs.after_run(context, run_id)
        await _drain(context, queue)
        await delivery.deliver_due(context)
        assert _counted_mail(inbox) == expected
        assert _counted_hooks(hook) == expected
        bell = await client.get("/api/v1/notifications/unread", headers=headers)
        assert bell.json()["unread"] == expected.total()
        log = await client.get("/api/v1/alerts/deliveries?per_page=100", headers=headers)
        assert log.json()["total"] == 3 * expected.total()


async def _run_until_a_send_hangs(
    client: httpx.AsyncClient,
    context: AppContext,
    sandbox: RunningSandbox,
    headers: dict[str, str],
    search_id: int,
    queue: QueueOnly,
    hook: Hook,
) -> tuple[int, asyncio.Task[None]]:
    """World steps and runs until a run's job, sending what it found, hangs on the webhook."""
    hook.hold.set()
    for _ in range(MAX_WORLD_STEPS):
        await _control(sandbox, "POST", "/advance", json={"steps": 1})
        response = await client.post(f"/api/v1/searches/{search_id}/run", headers=headers)
        name, args = queue.jobs.pop(0)
        worker = asyncio.create_task(run_job(context, name, args))
        arrival = asyncio.ensure_future(asyncio.to_thread(hook.arrived.wait, 60))
        await asyncio.wait({worker, arrival}, return_when=asyncio.FIRST_COMPLETED)
        if hook.arrived.is_set():
            return int(response.json()["id"]), worker
        await worker
    raise AssertionError("no world step brought a wanted listing")


async def test_a_delivery_cut_off_mid_send_is_never_sent_twice(
    client: httpx.AsyncClient,
    sandbox_context: AppContext,
    sandbox: RunningSandbox,
    sandbox_info: dict[str, Any],
    db_session: AsyncSession,
) -> None:
    with smtp_server() as (smtp_port, inbox), webhook_receiver() as (hook_url, hook):
        context = sandbox_context
        headers, search_id, queue = await _alerted_account(
            client, context, sandbox_info, smtp_port, hook_url
        )
        await _run(client, context, headers, search_id, queue)
        # The run's job sends what it found; its first webhook call arrives and hangs, and
        # the worker dies while it waits.
        run_id, worker = await _run_until_a_send_hangs(
            client, context, sandbox, headers, search_id, queue, hook
        )
        worker.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await worker
        hook.hold.clear()
        hook.release.set()
        found = await _events_of(db_session, run_id)
        assert found
        # A new worker sends the rest; the cut-off one stays claimed until its lease ends,
        # then is logged as cut off, never sent again.
        await delivery.deliver_due(context)
        lease = timedelta(seconds=context.settings.alert_send_lease_seconds + 1)
        report = await delivery.deliver_due(context, now=utcnow() + lease)
        assert report.interrupted == 1
        expected = _titles(found)
        assert _counted_mail(inbox) == expected
        assert _counted_hooks(hook) == expected
        statuses = Counter(
            (d.status, d.error == delivery.INTERRUPTED)
            for d in await db_session.scalars(select(AlertDelivery))
        )
        assert statuses[("failed", True)] == 1
        assert statuses[("sent", False)] == 3 * len(found) - 1
