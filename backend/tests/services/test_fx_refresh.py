"""When rates are fetched: the due check, backoff after failures, and what the status says."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.conftest import make_settings
from vinyldigger.core.context import AppContext
from vinyldigger.models import FxRefreshState
from vinyldigger.services import fx as fx_service
from vinyldigger.services import fx_refresh
from vinyldigger.services.marketplaces.errors import UpstreamUnavailable
from vinyldigger.services.marketplaces.fx import ReferenceRates

T0 = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)


def test_retries_back_off_from_one_minute_to_half_an_hour() -> None:
    minutes = [fx_refresh.retry_delay(n) / timedelta(minutes=1) for n in range(1, 9)]
    assert minutes == [1, 2, 4, 8, 16, 30, 30, 30]
    assert fx_refresh.retry_delay(0) == timedelta(hours=12)
    assert fx_refresh.retry_delay(10_000) == timedelta(minutes=30)


def test_stored_errors_are_short_and_name_no_secret() -> None:
    upstream = UpstreamUnavailable(
        "ecb GET /stats/eurofxref/eurofxref-daily.xml: HTTP 503 (gave up after 5 attempts)",
        platform="ecb",
    )
    assert fx_refresh.describe_error(upstream) == (
        "ecb GET /stats/eurofxref/eurofxref-daily.xml: HTTP 503 (gave up after 5 attempts)"
    )
    assert fx_refresh.describe_error(UpstreamUnavailable("x" * 900, platform="ecb")) == "x" * 200
    leaky = RuntimeError("could not connect to postgres://app:hunter2@db/vinyldigger")
    assert fx_refresh.describe_error(leaky) == "Unexpected error (RuntimeError)"


async def _state(session: AsyncSession) -> FxRefreshState:
    state = await session.get(FxRefreshState, 1, populate_existing=True)
    assert state is not None
    return state


async def test_one_claim_per_due_moment_and_a_lease_while_it_runs(
    db_session: AsyncSession,
) -> None:
    assert await fx_refresh.claim_if_due(db_session, T0)
    # A second worker asking at the same moment finds it taken.
    assert not await fx_refresh.claim_if_due(db_session, T0)
    assert not await fx_refresh.claim_if_due(db_session, T0 + timedelta(minutes=9))
    # The worker that claimed it died: after the lease another one may try.
    assert await fx_refresh.claim_if_due(db_session, T0 + fx_refresh.CLAIM_LEASE)
    state = await _state(db_session)
    assert state.last_attempt_at == T0 + fx_refresh.CLAIM_LEASE


async def test_failures_count_up_and_a_success_resets_to_the_normal_cadence(
    db_session: AsyncSession,
) -> None:
    moment = T0
    for failures, delay in enumerate((1, 2, 4), start=1):
        assert await fx_refresh.claim_if_due(db_session, moment)
        await fx_refresh.record_failure(db_session, moment, "ecb GET /fx: HTTP 503")
        state = await _state(db_session)
        assert state.consecutive_failures == failures
        assert state.next_attempt_at == moment + timedelta(minutes=delay)
        assert not await fx_refresh.claim_if_due(db_session, moment + timedelta(seconds=30))
        moment += timedelta(minutes=delay)
    assert await fx_refresh.claim_if_due(db_session, moment)
    await fx_refresh.record_success(db_session, moment)
    state = await _state(db_session)
    assert state.consecutive_failures == 0
    assert state.last_success_at == moment and state.next_attempt_at == moment + timedelta(hours=12)
    # The last failure stays visible in Admin after the recovery.
    assert state.last_failure_at == moment - timedelta(minutes=4)
    assert state.last_error == "ecb GET /fx: HTTP 503"


@pytest.fixture
async def unreachable_fx(context: AppContext, tmp_path: Path) -> AsyncIterator[AppContext]:
    original = context.settings
    # Port 9 (discard) refuses connections on this machine: a source that is down.
    context.settings = make_settings(
        tmp_path,
        VINYLDIGGER_FX_URL="http://127.0.0.1:9/eurofxref-daily.xml",
        VINYLDIGGER_MARKETPLACE_RETRY_ATTEMPTS=1,
        VINYLDIGGER_SECRET_KEY=original.secret_key,
        VINYLDIGGER_ENCRYPTION_KEYS=original.encryption_keys,
    )
    yield context
    context.settings = original


async def test_a_failed_fetch_is_recorded_and_retried_within_a_minute(
    unreachable_fx: AppContext, db_session: AsyncSession
) -> None:
    assert await fx_refresh.refresh_when_due(unreachable_fx, T0)
    state = await _state(db_session)
    assert state.consecutive_failures == 1 and state.last_failure_at == T0
    assert state.next_attempt_at == T0 + timedelta(minutes=1)
    assert state.last_error is not None and "connection failed" in state.last_error
    assert not await fx_refresh.refresh_when_due(unreachable_fx, T0 + timedelta(seconds=59))
    assert await fx_refresh.refresh_when_due(unreachable_fx, T0 + timedelta(minutes=1))
    assert (await _state(db_session)).consecutive_failures == 2


async def test_status_says_missing_then_fresh_then_stale(db_session: AsyncSession) -> None:
    missing = await fx_refresh.status(db_session, T0)
    assert missing.missing and not missing.stale and missing.rates_date is None
    assert missing.age_days is None and missing.consecutive_failures == 0

    fetched = T0 - timedelta(hours=2)
    day = ReferenceRates(day=date(2026, 5, 29), rates={"USD": Decimal("1.08")})  # a Friday
    await fx_service.refresh_rates(db_session, [day], fetched_at=fetched)
    monday = await fx_refresh.status(db_session, T0)
    assert (monday.rates_date, monday.age_days, monday.fetched_at) == (day.day, 3, fetched)
    assert not monday.stale and not monday.missing
    assert (await fx_refresh.status(db_session, T0 + timedelta(days=1))).age_days == 4
    assert not (await fx_refresh.status(db_session, T0 + timedelta(days=1))).stale
    assert (await fx_refresh.status(db_session, T0 + timedelta(days=2))).stale
