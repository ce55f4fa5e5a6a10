"""Alerts under load: 100 users with a want-list search each, a sandbox world step, and the
search runs after it; every instant alert goes to a real SMTP server and a real webhook.

Reports the events found, deliveries sent, messages received, duplicates (a receiver that
got the same message twice) and the time from the end of each search run to the delivery
of its instant alerts (p50, p95, max). A last round runs every search again with no world
change and the alert jobs of every run a second time: it must find and send nothing.

make bench BENCH=alerts ARGS="[--users 100] [--wants 10]"
PostgreSQL from BENCH_DATABASE_URL or TEST_DATABASE_URL; the job runner is the embedded one.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
from cryptography.fernet import Fernet
from pydantic import SecretStr
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.receivers import mails, smtp_server, webhook_receiver

from _common import scratch_postgres, write_result
from vinyldigger.cli.demo import upstream_environment
from vinyldigger.core.config import Settings
from vinyldigger.core.context import AppContext
from vinyldigger.core.database import unit_of_work
from vinyldigger.core.migrations import upgrade
from vinyldigger.models import (
    AlertDelivery,
    AlertEvent,
    AlertPreferences,
    AlertRule,
    JobRun,
    SavedSearch,
    User,
    Want,
)
from vinyldigger.services import credentials as credential_service
from vinyldigger.services import runs as run_service
from vinyldigger.services.alerts import push_targets
from vinyldigger.services.alerts.push_targets import PushTargetInput
from vinyldigger.services.credentials import DiscogsCredentials, EbayCredentials, Service
from vinyldigger.workers import alert_jobs
from vinyldigger.workers.embedded import EmbeddedRunner
from vinyldigger.workers.jobs import run_job
from vinyldigger_sandbox.server import running_sandbox
from vinyldigger_sandbox.settings import SandboxSettings

FAST = 1_000_000
TARGET_P95_SECONDS = 5.0


def _settings(info: dict[str, Any], url: str, smtp_port: int) -> Settings:
    return Settings.model_validate(
        {
            **upstream_environment(info),
            "DATABASE_URL": url,
            "VINYLDIGGER_SECRET_KEY": SecretStr("bench-alerts-" * 4),
            "VINYLDIGGER_ENCRYPTION_KEYS": SecretStr(Fernet.generate_key().decode()),
            "VINYLDIGGER_DISCOGS_RATE_LIMIT_PER_MINUTE": FAST,
            "VINYLDIGGER_EBAY_CALLS_PER_DAY": FAST,
            # eBay searches per want only: the alert pipeline is what is measured.
            "VINYLDIGGER_SEARCH_MAX_SELLERS": 0,
            "VINYLDIGGER_SEARCH_RELEASE_SUMMARIES": 0,
            "VINYLDIGGER_SEARCH_MAX_PAGES": 1,
            "VINYLDIGGER_SMTP_HOST": "127.0.0.1",
            "VINYLDIGGER_SMTP_PORT": smtp_port,
            "VINYLDIGGER_SMTP_STARTTLS": False,
            "VINYLDIGGER_SMTP_FROM": "alerts@vinyldigger.test",
            "VINYLDIGGER_LOG_LEVEL": "WARNING",
        }
    )


async def _accounts(
    context: AppContext, demo: dict[str, Any], hook_url: str, users: int
) -> list[tuple[int, int]]:
    """`users` accounts linked to the sandbox's demo user, each with the first one's synced
    want list, a want-list search, an instant rule on every channel and a push URL."""
    discogs = DiscogsCredentials.model_validate(
        {"personal_token": demo["discogs_personal_token"], "username": "demo"}
    )
    ebay = EbayCredentials.model_validate(
        {
            "client_id": demo["ebay_client_id"],
            "client_secret": demo["ebay_client_secret"],
            "buyer_country": demo["country"],
            "buyer_postal_code": demo["postal_code"],
        }
    )
    created: list[tuple[int, int]] = []
    for n in range(users):
        async with unit_of_work(context.session_factory) as session:
            user = User(email=f"collector{n}@example.com", password_hash="x", currency="USD")
            session.add(user)
            await session.flush()
            for service, values in ((Service.DISCOGS, discogs), (Service.EBAY, ebay)):
                await credential_service.store(session, context.secret_box, user, service, values)
            search = SavedSearch(
                user_id=user.id,
                name="Want list",
                criteria={"want_list": True, "currency": "USD"},
                is_active=False,
            )
            session.add(search)
            session.add(AlertPreferences(user_id=user.id, time_zone="UTC", hourly_cap=1000))
            await session.flush()
            session.add(
                AlertRule(
                    user_id=user.id,
                    search_id=search.id,
                    name="Everything at once",
                    events=["new_wanted_listing", "price_drop", "seller_bundle"],
                    channels=["in_app", "email", "push"],
                    timing="instant",
                    ships_from=[],
                )
            )
            await push_targets.add_target(
                session,
                context.secret_box,
                user.id,
                PushTargetInput(name="hook", url=SecretStr(f"{hook_url}/{user.id}")),
            )
            created.append((user.id, search.id))
    first_user = created[0][0]
    await run_job(context, "sync-wants", {"run_id": await _new_run(context, first_user, None)})
    async with unit_of_work(context.session_factory) as session:
        wants = list(await session.scalars(select(Want).where(Want.user_id == first_user)))
        for user_id, _ in created[1:]:
            for want in wants:
                session.add(
                    Want(user_id=user_id, release_id=want.release_id, date_added=want.date_added)
                )
    return created


async def _new_run(context: AppContext, user_id: int, search_id: int | None) -> int:
    kind = "sync_wants" if search_id is None else "search"
    async with unit_of_work(context.session_factory) as session:
        run = await run_service.create_run(
            session, user_id=user_id, kind=kind, subject_id=search_id
        )
        return run.id


async def _round(
    context: AppContext, runner: EmbeddedRunner, accounts: list[tuple[int, int]]
) -> tuple[list[int], float]:
    """Every search run once through the job runner; the alert jobs run as they would."""
    started = time.perf_counter()
    run_ids = [await _new_run(context, user_id, search_id) for user_id, search_id in accounts]
    for run_id in run_ids:
        runner.enqueue("run-search", {"run_id": run_id})
    await runner.join()
    return run_ids, time.perf_counter() - started


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def _figures(context: AppContext, run_ids: list[int]) -> dict[str, Any]:
    async with unit_of_work(context.session_factory) as session:
        failed_runs = await session.scalar(
            select(func.count())
            .select_from(JobRun)
            .where(JobRun.id.in_(run_ids), JobRun.status != "succeeded")
        )
        events = list(
            await session.scalars(select(AlertEvent).where(AlertEvent.run_id.in_(run_ids)))
        )
        rows = (
            await session.execute(
                select(AlertDelivery, JobRun.finished_at)
                .join(AlertEvent, AlertEvent.id == AlertDelivery.event_id)
                .join(JobRun, JobRun.id == AlertEvent.run_id)
                .where(JobRun.id.in_(run_ids))
            )
        ).all()
    latencies = [
        (delivery.sent_at - finished).total_seconds()
        for delivery, finished in rows
        if delivery.channel != "in_app" and delivery.sent_at is not None and finished is not None
    ]
    return {
        "failed_runs": failed_runs,
        "events": len(events),
        "events_by_kind": dict(Counter(event.kind for event in events)),
        "deliveries": dict(Counter(f"{d.channel.split(':')[0]}:{d.status}" for d, _ in rows)),
        "latencies": latencies,
    }


async def main(users: int, wants: int) -> dict[str, Any]:
    sandbox_settings = SandboxSettings(size="small", seed=11, discogs_rate_limit=FAST)
    with (
        running_sandbox(sandbox_settings) as sandbox,
        smtp_server() as (smtp_port, inbox),
        webhook_receiver() as (hook_url, hook),
    ):
        async with httpx.AsyncClient(base_url=f"{sandbox.base_url}/sandbox", timeout=60) as control:
            info = (await control.get("/info")).json()
            demo = next(user for user in info["users"] if user["username"] == "demo")
            listed = (await control.get("/users/demo")).json()["want_release_ids"]
            await control.post("/users/demo/wants", json={"remove": listed[wants:]})
            async with scratch_postgres(f"vinyldigger_bench_alerts_{os.getpid()}") as url:
                await asyncio.to_thread(upgrade, url)
                context = AppContext.build(_settings(info, url, smtp_port))
                runner = EmbeddedRunner(context, concurrency=4, run_start_jobs=False)
                context.dispatcher = runner
                await runner.start()
                try:
                    accounts = await _accounts(context, demo, hook_url, users)
                    baseline, baseline_seconds = await _round(context, runner, accounts)
                    before_step = len(mails(inbox)), len(hook.received.all())
                    await control.post("/advance", json={"steps": 1})
                    after_step, round_seconds = await _round(context, runner, accounts)
                    figures = await _figures(context, after_step)
                    received = len(mails(inbox)), len(hook.received.all())
                    # Nothing new in the world, and every run's alert job once more.
                    again, _ = await _round(context, runner, accounts)
                    for run_id in [*after_step, *again]:
                        await alert_jobs.after_run(context, run_id)
                    await runner.join()
                    await alert_jobs.deliver_alerts_job(context, {})
                    repeat = await _figures(context, again)
                finally:
                    await runner.stop()
                    await context.close()
        email_texts = Counter(
            (str(m["To"]), (m.get_body(("plain",)) or m).get_content()) for m in mails(inbox)
        )
        hook_bodies = Counter(
            (str(body.get("path")), str(body.get("title")), str(body.get("message")))
            for body in hook.received.all()
        )
    latencies = figures.pop("latencies")
    sent = figures["deliveries"]
    return {
        "users": users,
        "wants_per_user": wants,
        "baseline_round_seconds": round(baseline_seconds, 1),
        "round_seconds": round(round_seconds, 1),
        "messages_before_world_step": sum(before_step),
        **figures,
        "emails_received": received[0],
        "webhooks_received": received[1],
        "emails_sent": sent.get("email:sent", 0),
        "webhooks_sent": sent.get("push:sent", 0),
        "duplicates": sum(n - 1 for n in email_texts.values() if n > 1)
        + sum(n - 1 for n in hook_bodies.values() if n > 1),
        "events_on_repeat": repeat["events"],
        "messages_after_repeat": len(mails(inbox)) + len(hook.received.all()) - sum(received),
        "delivery_seconds_p50": round(statistics.median(latencies), 3) if latencies else None,
        "delivery_seconds_p95": round(_percentile(latencies, 0.95), 3) if latencies else None,
        "delivery_seconds_max": round(max(latencies), 3) if latencies else None,
        "target_p95_seconds": TARGET_P95_SECONDS,
        "baseline_runs": len(baseline),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--wants", type=int, default=10)
    arguments = parser.parse_args()
    result = asyncio.run(main(arguments.users, arguments.wants))
    for key, value in result.items():
        print(f"{key}: {value}")
    path = write_result("alerts", result)
    print(f"written to {path}")
