"""When to fetch the reference rates, how the last attempts went, and how old the rates are.

A cheap periodic tick asks "is a refresh due?" every minute. The answer lives in the one
`fx_refresh_state` row, so it is the same for the embedded runner and for any number of
Celery workers: a worker claims the refresh with one conditional UPDATE (the next attempt
moves a lease ahead), and only the worker whose UPDATE matched fetches. After a success
the next refresh is 12 hours away; after a failure it is 1, 2, 4 … minutes away, at most
30, so rates that could not be loaded at start-up arrive within minutes of the source
coming back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.context import AppContext
from vinyldigger.core.database import unit_of_work
from vinyldigger.core.logging import get_logger
from vinyldigger.models.base import utcnow
from vinyldigger.models.fx import FxRate, FxRefreshState
from vinyldigger.services import fx as fx_service
from vinyldigger.services.marketplaces.errors import MarketplaceError
from vinyldigger.services.marketplaces.fx import EcbRatesClient

logger = get_logger(__name__)

STATE_ID = 1
# The ECB publishes once a working day, around 16:00 CET.
REFRESH_EVERY = timedelta(hours=12)
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(minutes=30)
# How long a claimed refresh may take (the client's own retries included) before another
# tick may assume its worker died and try again.
CLAIM_LEASE = timedelta(minutes=10)
# The ECB skips weekends and TARGET holidays: Friday's rates are current until Monday's, and
# Easter leaves four days without new ones. Older than this, something is wrong.
STALE_AFTER_DAYS = 4
MAX_ERROR_LENGTH = 200


def retry_delay(consecutive_failures: int) -> timedelta:
    """1, 2, 4, 8, 16 minutes, then 30 minutes for as long as the source stays down."""
    if consecutive_failures <= 0:
        return REFRESH_EVERY
    doubled: timedelta = FIRST_RETRY * 2 ** min(consecutive_failures - 1, 10)
    return min(doubled, LONGEST_RETRY)


def describe_error(error: BaseException) -> str:
    """A short reason for Admin. Marketplace errors name the call (method and path, never a
    query or credential); anything else is named by its type only."""
    if isinstance(error, MarketplaceError):
        text = " ".join(error.message.split())
    else:
        text = f"Unexpected error ({type(error).__name__})"
    return text[:MAX_ERROR_LENGTH]


async def _ensure_row(session: AsyncSession) -> None:
    insert = fx_service.insert_for(session)(FxRefreshState.__table__)
    await session.execute(
        insert.values(id=STATE_ID, consecutive_failures=0).on_conflict_do_nothing(
            index_elements=[FxRefreshState.__table__.c.id]
        )
    )


async def claim_if_due(session: AsyncSession, now: datetime) -> bool:
    """Claim the refresh when it is due: True for exactly one caller among concurrent ones."""
    await _ensure_row(session)
    claimed = await session.execute(
        update(FxRefreshState)
        .where(
            FxRefreshState.id == STATE_ID,
            or_(FxRefreshState.next_attempt_at.is_(None), FxRefreshState.next_attempt_at <= now),
        )
        .values(last_attempt_at=now, next_attempt_at=now + CLAIM_LEASE)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(claimed, "rowcount", 0))


async def claim_now(session: AsyncSession, now: datetime) -> None:
    """Claim the refresh whatever its schedule (a refresh asked for by hand)."""
    await _ensure_row(session)
    await session.execute(
        update(FxRefreshState)
        .where(FxRefreshState.id == STATE_ID)
        .values(last_attempt_at=now, next_attempt_at=now + CLAIM_LEASE)
        .execution_options(synchronize_session=False)
    )


async def _state(session: AsyncSession) -> FxRefreshState:
    await _ensure_row(session)
    state = await session.get(FxRefreshState, STATE_ID, populate_existing=True)
    assert state is not None
    return state


async def record_success(session: AsyncSession, now: datetime) -> FxRefreshState:
    state = await _state(session)
    state.last_success_at = now
    state.consecutive_failures = 0
    state.next_attempt_at = now + REFRESH_EVERY
    await session.flush()
    return state


async def record_failure(session: AsyncSession, now: datetime, error: str) -> FxRefreshState:
    state = await _state(session)
    state.last_failure_at = now
    state.last_error = error[:MAX_ERROR_LENGTH]
    state.consecutive_failures += 1
    state.next_attempt_at = now + retry_delay(state.consecutive_failures)
    await session.flush()
    return state


async def _fetch_and_store(context: AppContext, now: datetime) -> None:
    """Fetch and store; whatever happens is recorded in the state row, nothing is raised."""
    try:
        async with EcbRatesClient.from_context(context) as client:
            days = await client.fetch()
            calls = client.stats.calls
        async with unit_of_work(context.session_factory) as session:
            written = await fx_service.refresh_rates(session, days, fetched_at=now)
            await record_success(session, now)
    except Exception as error:
        reason = describe_error(error)
        async with unit_of_work(context.session_factory) as session:
            state = await record_failure(session, now, reason)
        logger.warning(
            "fx_refresh_failed",
            error=reason,
            error_type=type(error).__name__,
            failures=state.consecutive_failures,
            next_attempt_at=state.next_attempt_at.isoformat() if state.next_attempt_at else None,
        )
        return
    logger.info(
        "fx_rates_refreshed", days=len(days), rates=written, latest=days[-1].day, calls=calls
    )


async def refresh_when_due(context: AppContext, now: datetime | None = None) -> bool:
    """The scheduler's tick: fetch if a refresh is due at `now`; True when one was attempted."""
    moment = now or utcnow()
    async with unit_of_work(context.session_factory) as session:
        claimed = await claim_if_due(session, moment)
    if claimed:
        await _fetch_and_store(context, moment)
    return claimed


async def refresh_now(context: AppContext, now: datetime | None = None) -> None:
    """Fetch at once, schedule or not; the outcome is recorded like a scheduled one."""
    moment = now or utcnow()
    async with unit_of_work(context.session_factory) as session:
        await claim_now(session, moment)
    await _fetch_and_store(context, moment)


async def refresh_when_due_job(context: AppContext, _args: dict[str, int]) -> None:
    await refresh_when_due(context)


async def refresh_now_job(context: AppContext, _args: dict[str, int]) -> None:
    await refresh_now(context)


@dataclass(frozen=True)
class FxStatus:
    """How current the stored rates are, for Admin and for the notice beside converted figures."""

    rates_date: date | None
    fetched_at: datetime | None
    age_days: int | None
    stale: bool
    missing: bool
    last_success_at: datetime | None
    last_failure_at: datetime | None
    last_error: str | None
    consecutive_failures: int
    next_attempt_at: datetime | None


async def status(session: AsyncSession, now: datetime | None = None) -> FxStatus:
    moment = now or utcnow()
    latest = (
        await session.execute(
            select(FxRate.rate_date, func.max(FxRate.fetched_at))
            .group_by(FxRate.rate_date)
            .order_by(FxRate.rate_date.desc())
            .limit(1)
        )
    ).first()
    state = await session.get(FxRefreshState, STATE_ID)
    rates_date, fetched_at = (latest[0], latest[1]) if latest else (None, None)
    # A sandbox world may run ahead of the real calendar: a rate from "tomorrow" is 0 days old.
    age_days = max((moment.date() - rates_date).days, 0) if rates_date else None
    return FxStatus(
        rates_date=rates_date,
        fetched_at=fetched_at,
        age_days=age_days,
        stale=age_days is not None and age_days > STALE_AFTER_DAYS,
        missing=rates_date is None,
        last_success_at=state.last_success_at if state else None,
        last_failure_at=state.last_failure_at if state else None,
        last_error=state.last_error if state else None,
        consecutive_failures=state.consecutive_failures if state else 0,
        next_attempt_at=state.next_attempt_at if state else None,
    )
