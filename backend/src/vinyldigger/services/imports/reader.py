"""The `read-imports` job: read queued listing ids through the official Discogs API.

Every 30 s (and right after an import arrives) the job claims up to
`VINYLDIGGER_IMPORT_READ_BATCH` waiting ids, oldest first, and reads each with
`GET /marketplace/listings/{id}` as the user who sent it, through the shared Discogs limiter:
imports use the budget every other Discogs call uses, never more. Calls happen with no
transaction open; what they found is written per user in one short unit of work.

A listing of a wanted release that is for sale is stored like a search result (listing,
seller, price observation, the user's match) and joins the user's want-list searches; any
other id is reported in the import's status and not stored.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.context import AppContext
from vinyldigger.core.database import unit_of_work
from vinyldigger.core.logging import get_logger
from vinyldigger.models import ImportItem, ListingImport, SavedSearch, User, Want
from vinyldigger.models.base import utcnow
from vinyldigger.services import credentials as credential_service
from vinyldigger.services import discogs_account
from vinyldigger.services import listings as listing_service
from vinyldigger.services.credentials import DiscogsCredentials, Service
from vinyldigger.services.imports.queue import WAITING, ItemStatus
from vinyldigger.services.marketplaces import dto
from vinyldigger.services.marketplaces.errors import MarketplaceError, NotFound
from vinyldigger.services.search_run import inputs as run_inputs
from vinyldigger.services.search_run import store as run_store
from vinyldigger.services.search_run.imported import SOURCE_KEY
from vinyldigger.services.search_run.sources import SourceResult
from vinyldigger.services.searches import Platform, SearchCriteria

logger = get_logger(__name__)

# A claim whose reader died is given back after this long.
CLAIM_EXPIRES = timedelta(minutes=10)
# Attempts before an id that keeps failing (upstream errors) is reported as failed.
MAX_ATTEMPTS = 3
# Results attached between runs carry no run of their own.
NO_RUN = 0


@dataclass(frozen=True)
class Claimed:
    id: int
    import_id: int
    external_id: str
    attempts: int


@dataclass
class UserBatch:
    user_id: int
    items: list[Claimed]
    credentials: DiscogsCredentials | None = None
    currency: str = "USD"
    wanted: frozenset[int] = frozenset()
    # What reading found, by import item id.
    found: dict[int, dto.Listing] = field(default_factory=dict)
    outcome: dict[int, tuple[ItemStatus, str | None]] = field(default_factory=dict)


@dataclass
class ReadSummary:
    claimed: int = 0
    calls: int = 0
    by_status: dict[str, int] = field(default_factory=lambda: defaultdict(int))


async def _claim(session: AsyncSession, *, limit: int, at: datetime) -> dict[int, list[Claimed]]:
    await session.execute(
        update(ImportItem)
        .where(
            ImportItem.status == ItemStatus.READING.value,
            ImportItem.claimed_at < at - CLAIM_EXPIRES,
        )
        .values(status=ItemStatus.QUEUED.value, claim=None)
    )
    waiting = list(
        await session.scalars(
            select(ImportItem.id)
            .where(ImportItem.status == ItemStatus.QUEUED.value)
            .order_by(ImportItem.id)
            .limit(limit)
        )
    )
    if not waiting:
        return {}
    claim = uuid.uuid4().hex
    # Conditional on the status, so two readers never claim the same id.
    await session.execute(
        update(ImportItem)
        .where(ImportItem.id.in_(waiting), ImportItem.status == ItemStatus.QUEUED.value)
        .values(status=ItemStatus.READING.value, claim=claim, claimed_at=at)
    )
    rows = await session.scalars(
        select(ImportItem).where(ImportItem.claim == claim).order_by(ImportItem.id)
    )
    by_user: dict[int, list[Claimed]] = defaultdict(list)
    for row in rows:
        by_user[row.user_id].append(Claimed(row.id, row.import_id, row.external_id, row.attempts))
    return by_user


async def _prepare(context: AppContext, batch: UserBatch) -> None:
    async with unit_of_work(context.session_factory) as session:
        credentials = await credential_service.load(
            session, context.secret_box, batch.user_id, Service.DISCOGS
        )
        batch.credentials = credentials if isinstance(credentials, DiscogsCredentials) else None
        batch.currency = (
            await session.scalar(select(User.currency).where(User.id == batch.user_id))
        ) or "USD"
        batch.wanted = frozenset(
            await session.scalars(select(Want.release_id).where(Want.user_id == batch.user_id))
        )


def _classify(batch: UserBatch, item: Claimed, listing: dto.Listing) -> None:
    if not listing.for_sale:
        batch.outcome[item.id] = (ItemStatus.NOT_FOR_SALE, None)
    elif listing.release_id not in batch.wanted:
        batch.outcome[item.id] = (ItemStatus.NOT_WANTED, None)
    else:
        batch.found[item.id] = listing
        batch.outcome[item.id] = (ItemStatus.STORED, None)


async def _read(context: AppContext, batch: UserBatch, summary: ReadSummary) -> None:
    if batch.credentials is None:
        for item in batch.items:
            batch.outcome[item.id] = (ItemStatus.FAILED, "Link a Discogs account in Settings")
        return
    async with discogs_account.client_for(context, batch.credentials) as discogs:
        try:
            for item in batch.items:
                try:
                    listing = await discogs.listing(item.external_id, currency=batch.currency)
                except NotFound:
                    batch.outcome[item.id] = (ItemStatus.NOT_FOUND, None)
                    continue
                except (MarketplaceError, ValueError) as exc:
                    retry = item.attempts + 1 < MAX_ATTEMPTS
                    status = ItemStatus.QUEUED if retry else ItemStatus.FAILED
                    batch.outcome[item.id] = (status, str(exc)[:300])
                    continue
                _classify(batch, item, listing)
        finally:
            summary.calls += discogs.stats.calls


async def _want_list_searches(session: AsyncSession, user_id: int) -> list[int]:
    # Paused searches too: the user sent these listings, and a paused search is still read.
    searches = await session.scalars(select(SavedSearch).where(SavedSearch.user_id == user_id))
    ids = []
    for search in searches:
        criteria = SearchCriteria.model_validate(search.criteria)
        if criteria.want_list and Platform.DISCOGS in criteria.platforms:
            ids.append(search.id)
    return ids


async def _store(context: AppContext, batch: UserBatch, at: datetime) -> None:
    async with unit_of_work(context.session_factory) as session:
        ingested = await listing_service.ingest(session, list(batch.found.values()), seen_at=at)
        rows = await session.scalars(
            select(ImportItem).where(ImportItem.id.in_([item.id for item in batch.items]))
        )
        sellers_by_import: dict[int, list[str]] = defaultdict(list)
        for row in rows:
            status, error = batch.outcome.get(row.id, (ItemStatus.FAILED, "not read"))
            row.status, row.error, row.claim, row.read_at = status.value, error, None, at
            row.attempts += 1
            listing = batch.found.get(row.id)
            if listing is not None:
                row.listing_id = ingested.ids[(listing.platform, listing.listing_id)]
                row.release_id, row.seller = listing.release_id, listing.seller.username[:200]
                sellers_by_import[row.import_id].append(row.seller)
        await session.flush()
        import_ids = {item.import_id for item in batch.items}
        await _finish_imports(session, import_ids, sellers_by_import, at)
        if batch.found:
            source = SourceResult(
                key=SOURCE_KEY, platform="discogs", listings=list(batch.found.values())
            )
            for search_id in await _want_list_searches(session, batch.user_id):
                inputs = await run_inputs.load_inputs(
                    session, context.secret_box, search_id=search_id, user_id=batch.user_id
                )
                await run_store.store_found(
                    session, inputs=inputs, source=source, run_id=NO_RUN, at=at
                )


async def _finish_imports(
    session: AsyncSession,
    import_ids: set[int],
    sellers_by_import: dict[int, list[str]],
    at: datetime,
) -> None:
    imports = await session.scalars(select(ListingImport).where(ListingImport.id.in_(import_ids)))
    still_waiting = set(
        await session.scalars(
            select(ImportItem.import_id)
            .where(ImportItem.import_id.in_(import_ids), ImportItem.status.in_(WAITING))
            .distinct()
        )
    )
    for row in imports:
        names = sellers_by_import.get(row.id, [])
        if names:
            row.seller_names = sorted({*row.seller_names, *names})
        if row.id not in still_waiting and row.finished_at is None:
            row.finished_at = at
    await session.flush()


async def read_imports(context: AppContext) -> ReadSummary:
    """One pass of the reader; returns what it did (the benchmark counts its calls)."""
    summary = ReadSummary()
    async with unit_of_work(context.session_factory) as session:
        claimed = await _claim(session, limit=context.settings.import_read_batch, at=utcnow())
    for user_id, items in claimed.items():
        batch = UserBatch(user_id=user_id, items=items)
        summary.claimed += len(items)
        try:
            await _prepare(context, batch)
            await _read(context, batch, summary)
        finally:
            # Whatever was not read goes back to the queue instead of waiting for expiry.
            for item in items:
                batch.outcome.setdefault(item.id, (ItemStatus.QUEUED, None))
            await _store(context, batch, utcnow())
        for status, _error in batch.outcome.values():
            summary.by_status[status.value] += 1
    if summary.claimed:
        logger.info(
            "imports_read", claimed=summary.claimed, calls=summary.calls, **summary.by_status
        )
    return summary


async def read_imports_job(context: AppContext, _args: dict[str, int]) -> None:
    await read_imports(context)
