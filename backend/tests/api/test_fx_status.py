"""GET /fx/status for any signed-in user, and the same figures in Admin's instance view."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import httpx
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.helpers import auth_headers
from vinyldigger.models import User
from vinyldigger.models.base import utcnow
from vinyldigger.services import fx as fx_service
from vinyldigger.services import fx_refresh
from vinyldigger.services.marketplaces.fx import ReferenceRates


async def test_status_needs_a_session(client: httpx.AsyncClient) -> None:
    assert (await client.get("/api/v1/fx/status")).status_code == 401


async def test_missing_rates_with_the_last_failure_then_stale_then_fresh(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    headers = await auth_headers(client)
    now = utcnow()
    await fx_refresh.claim_if_due(db_session, now)
    await fx_refresh.record_failure(db_session, now, "ecb GET /eurofxref-daily.xml: HTTP 503")
    missing = (await client.get("/api/v1/fx/status", headers=headers)).json()
    assert missing["missing"] is True and missing["stale"] is False
    assert missing["rates_date"] is None and missing["age_days"] is None
    assert missing["last_error"] == "ecb GET /eurofxref-daily.xml: HTTP 503"
    assert missing["consecutive_failures"] == 1
    assert missing["last_failure_at"] is not None and missing["next_attempt_at"] is not None

    six_days_ago = (now - timedelta(days=6)).date()
    await fx_service.refresh_rates(
        db_session, [ReferenceRates(day=six_days_ago, rates={"USD": Decimal("1.1")})]
    )
    stale = (await client.get("/api/v1/fx/status", headers=headers)).json()
    assert stale["missing"] is False and stale["stale"] is True
    assert stale["rates_date"] == six_days_ago.isoformat() and stale["age_days"] == 6

    await fx_service.refresh_rates(
        db_session, [ReferenceRates(day=now.date(), rates={"USD": Decimal("1.1")})]
    )
    await fx_refresh.record_success(db_session, now)
    fresh = (await client.get("/api/v1/fx/status", headers=headers)).json()
    assert fresh["stale"] is False and fresh["age_days"] == 0
    assert fresh["consecutive_failures"] == 0 and fresh["last_success_at"] is not None


async def test_admin_instance_shows_the_rates_and_the_last_failure(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    headers = await auth_headers(client)
    me = (await client.get("/api/v1/auth/me", headers=headers)).json()
    await db_session.execute(update(User).where(User.id == me["id"]).values(is_admin=True))
    now = utcnow()
    await fx_refresh.record_failure(db_session, now, "ecb GET /eurofxref-daily.xml: timed out")
    instance = (await client.get("/api/v1/admin/instance", headers=headers)).json()
    assert instance["fx_url"].startswith("https://www.ecb.europa.eu/")
    assert instance["fx"]["missing"] is True
    assert instance["fx"]["last_error"] == "ecb GET /eurofxref-daily.xml: timed out"
