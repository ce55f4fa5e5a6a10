"""Want-list and collection sync jobs: a Discogs client for the run's user, then the service."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.context import AppContext
from vinyldigger.models import JobRun
from vinyldigger.services import discogs_account
from vinyldigger.services import sync as sync_service
from vinyldigger.services.marketplaces.errors import MarketplaceError
from vinyldigger.workers.lifecycle import ProgressReporter, RunFailure, RunOutcome, execute_run


async def _run_sync(
    context: AppContext,
    session: AsyncSession,
    run: JobRun,
    progress: ProgressReporter,
    kind: sync_service.SyncKind,
) -> RunOutcome:
    async with discogs_account.open_client(context, session, run.user_id) as account:
        try:
            if kind is sync_service.SyncKind.WANTS:
                counts = await sync_service.sync_wants(
                    session,
                    user_id=run.user_id,
                    pages=account.client.wants_pages(account.username),
                    progress=progress,
                )
            else:
                counts = await sync_service.sync_collection(
                    session,
                    user_id=run.user_id,
                    pages=account.client.collection_pages(account.username),
                    progress=progress,
                )
        except MarketplaceError as exc:
            raise RunFailure(f"Discogs: {exc}", account.client.stats.as_dict()) from exc
        return RunOutcome(counts=counts.as_dict(), stats=account.client.stats.as_dict())


async def sync_wants_job(context: AppContext, args: dict[str, int]) -> None:
    async def body(
        ctx: AppContext, session: AsyncSession, run: JobRun, progress: ProgressReporter
    ) -> RunOutcome:
        return await _run_sync(ctx, session, run, progress, sync_service.SyncKind.WANTS)

    await execute_run(context, args["run_id"], body)


async def sync_collection_job(context: AppContext, args: dict[str, int]) -> None:
    async def body(
        ctx: AppContext, session: AsyncSession, run: JobRun, progress: ProgressReporter
    ) -> RunOutcome:
        return await _run_sync(ctx, session, run, progress, sync_service.SyncKind.COLLECTION)

    await execute_run(context, args["run_id"], body)
