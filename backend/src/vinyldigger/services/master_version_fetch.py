"""Fetching master version lists from Discogs in the background, within the shared budget.

`fetch-master-versions` fetches one user's due masters with that user's credentials (after a
want-list or collection sync, and when the hourly `queue-master-versions` finds some due).
Each master is read to its last page and stored in its own transaction, so one failure loses
nothing of the others; the calls take slots only while syncs and searches leave part of the
window unused (`background=True`).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import update

from vinyldigger.core.context import AppContext
from vinyldigger.core.database import unit_of_work
from vinyldigger.core.logging import get_logger
from vinyldigger.models import MasterVersionList
from vinyldigger.models.base import utcnow
from vinyldigger.services import credentials as credential_service
from vinyldigger.services import discogs_account
from vinyldigger.services import master_versions as store
from vinyldigger.services.credentials import DiscogsCredentials, Service
from vinyldigger.services.marketplaces.discogs.client import DiscogsClient
from vinyldigger.services.marketplaces.dto import MasterVersion
from vinyldigger.services.marketplaces.errors import MarketplaceError, NotFound, RateLimited

logger = get_logger(__name__)

FETCH_JOB = "fetch-master-versions"
# Masters read at the same time by one job.
FETCH_CONCURRENCY = 4


@dataclass
class FetchCounts:
    fetched: int = 0
    versions: int = 0
    failed: int = 0
    # Claimed but not tried: the budget ran out; they are due again at once.
    deferred: int = 0
    calls: int = 0
    errors: list[str] = field(default_factory=list)


async def _every_version(
    client: DiscogsClient, master_id: int
) -> list[MasterVersion] | MarketplaceError:
    """Every page of the master's list, or the error that stopped it."""
    try:
        return [
            version
            async for page in client.master_versions_pages(master_id)
            for version in page.items
        ]
    except NotFound:
        return []  # the master was merged away: nothing to tell apart
    except MarketplaceError as error:
        return error


async def fetch_for_user(context: AppContext, user_id: int) -> FetchCounts:
    """Fetch and store up to `master_versions_batch` of the user's due masters, and queue
    the next batch when there may be more."""
    settings = context.settings
    counts = FetchCounts()
    async with unit_of_work(context.session_factory) as session:
        credentials = await credential_service.load(
            session, context.secret_box, user_id, Service.DISCOGS
        )
        if not isinstance(credentials, DiscogsCredentials):
            return counts
        masters = await store.claim_due(
            session, now=utcnow(), limit=settings.master_versions_batch, user_id=user_id
        )
    if not masters:
        return counts
    max_age = timedelta(days=settings.master_versions_max_age_days)
    async with discogs_account.client_for(context, credentials, background=True) as client:
        for start in range(0, len(masters), FETCH_CONCURRENCY):
            group = masters[start : start + FETCH_CONCURRENCY]
            # A few at a time: each waits for the budget on its own, so the round trips
            # overlap instead of adding up.
            answers = await asyncio.gather(*(_every_version(client, m) for m in group))
            out_of_budget = False
            for master_id, answer in zip(group, answers, strict=True):
                if isinstance(answer, RateLimited):
                    await _unclaim(context, [master_id])
                    counts.deferred += 1
                    counts.errors.append(str(answer))
                    out_of_budget = True
                elif isinstance(answer, MarketplaceError):
                    async with unit_of_work(context.session_factory) as session:
                        await store.record_failure(
                            session, master_id=master_id, now=utcnow(), error=str(answer)
                        )
                    counts.failed += 1
                    counts.errors.append(str(answer))
                else:
                    async with unit_of_work(context.session_factory) as session:
                        await store.store_versions(
                            session,
                            master_id=master_id,
                            versions=answer,
                            now=utcnow(),
                            max_age=max_age,
                        )
                    counts.fetched += 1
                    counts.versions += len(answer)
            if out_of_budget:
                rest = masters[start + FETCH_CONCURRENCY :]
                if rest:
                    await _unclaim(context, rest)
                counts.deferred += len(rest)
                break
        counts.calls = client.stats.calls
    # A full batch may leave more due: queue the next one rather than hold this worker, so
    # other jobs waiting in the queue go in between.
    if len(masters) == settings.master_versions_batch and not counts.deferred:
        request_fetch(context, user_id)
    logger.info(
        "master_versions_fetched",
        user_id=user_id,
        fetched=counts.fetched,
        versions=counts.versions,
        failed=counts.failed,
        deferred=counts.deferred,
        calls=counts.calls,
    )
    return counts


async def _unclaim(context: AppContext, master_ids: list[int]) -> None:
    async with unit_of_work(context.session_factory) as session:
        await session.execute(
            update(MasterVersionList)
            .where(MasterVersionList.master_id.in_(master_ids))
            .values(next_attempt_at=utcnow())
            .execution_options(synchronize_session=False)
        )


def request_fetch(context: AppContext, user_id: int) -> None:
    """Queue a fetch of the user's due lists (call after the data that needs it committed)."""
    if context.dispatcher is not None:
        context.dispatcher.enqueue(FETCH_JOB, {"user_id": user_id})


async def fetch_master_versions_job(context: AppContext, args: dict[str, int]) -> None:
    await fetch_for_user(context, args["user_id"])


async def queue_master_versions_job(context: AppContext, _args: dict[str, int]) -> None:
    """Hourly: one fetch job per user whose library holds masters never fetched or stale."""
    if context.dispatcher is None:
        return
    async with unit_of_work(context.session_factory) as session:
        users = await store.users_with_due_masters(session, now=utcnow())
    for user_id in users:
        request_fetch(context, user_id)
    if users:
        logger.info("master_version_fetches_queued", users=len(users))
