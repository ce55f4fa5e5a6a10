"""Want-list and collection sync jobs: fetch every page (with progress), then apply at once."""

from __future__ import annotations

from vinyldigger.core.context import AppContext
from vinyldigger.core.database import unit_of_work
from vinyldigger.services import discogs_account, master_version_fetch
from vinyldigger.services import sync as sync_service
from vinyldigger.services.marketplaces.errors import (
    MarketplaceError,
    RateLimited,
    UpstreamUnavailable,
)
from vinyldigger.services.sync import SyncKind
from vinyldigger.workers.lifecycle import (
    ProgressReporter,
    RunFailure,
    RunOutcome,
    RunTarget,
    UpstreamFailure,
    execute_run,
)


async def _run_sync(
    context: AppContext, target: RunTarget, progress: ProgressReporter, kind: SyncKind
) -> RunOutcome:
    async with unit_of_work(context.session_factory) as session:
        credentials = await discogs_account.linked_credentials(session, context, target.user_id)
    async with discogs_account.client_for(context, credentials) as client:
        try:
            if kind is SyncKind.WANTS:
                wants = await sync_service.collect_pages(
                    client.wants_pages(credentials.username), progress
                )
            else:
                entries = await sync_service.collect_pages(
                    client.collection_pages(credentials.username), progress
                )
        except (UpstreamUnavailable, RateLimited) as exc:
            raise UpstreamFailure(f"Discogs: {exc}", client.stats.as_dict()) from exc
        except MarketplaceError as exc:
            raise RunFailure(f"Discogs: {exc}", client.stats.as_dict()) from exc
        stats = client.stats.as_dict()
    async with unit_of_work(context.session_factory) as session:
        if kind is SyncKind.WANTS:
            counts = await sync_service.apply_wants(session, user_id=target.user_id, wants=wants)
        else:
            counts = await sync_service.apply_collection(
                session, user_id=target.user_id, entries=entries
            )
    # The library is committed: the version lists of its masters can be fetched now.
    master_version_fetch.request_fetch(context, target.user_id)
    return RunOutcome(counts=counts.as_dict(), stats=stats)


async def sync_wants_job(context: AppContext, args: dict[str, int]) -> None:
    async def body(ctx: AppContext, target: RunTarget, progress: ProgressReporter) -> RunOutcome:
        return await _run_sync(ctx, target, progress, SyncKind.WANTS)

    await execute_run(context, args["run_id"], body)


async def sync_collection_job(context: AppContext, args: dict[str, int]) -> None:
    async def body(ctx: AppContext, target: RunTarget, progress: ProgressReporter) -> RunOutcome:
        return await _run_sync(ctx, target, progress, SyncKind.COLLECTION)

    await execute_run(context, args["run_id"], body)
