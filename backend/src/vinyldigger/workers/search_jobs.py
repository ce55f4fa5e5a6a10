"""The search-run job: every source of a saved search, then one write of what it found."""

from __future__ import annotations

from typing import Any

from vinyldigger.core.context import AppContext
from vinyldigger.core.database import unit_of_work
from vinyldigger.models.base import utcnow
from vinyldigger.services import discogs_account, search_runs, search_store
from vinyldigger.services.marketplaces.ebay.client import EbayClient
from vinyldigger.services.search_sources import (
    SourceResult,
    discogs_inventory_sources,
    discogs_keyword_releases,
    ebay_sources,
)
from vinyldigger.services.searches import Platform
from vinyldigger.workers.lifecycle import (
    ProgressReporter,
    RunFailure,
    RunOutcome,
    RunTarget,
    execute_run,
)


class SourceProgress:
    def __init__(self, report: ProgressReporter, total: int) -> None:
        self._report = report
        self._total = total
        self.done = 0

    async def __call__(self) -> None:
        self.done += 1
        await self._report(self.done, self._total)


async def _search(context: AppContext, target: RunTarget, progress: ProgressReporter) -> RunOutcome:
    if target.subject_id is None:
        raise RunFailure("The run names no search")
    settings = context.settings
    async with unit_of_work(context.session_factory) as session:
        inputs = await search_runs.load_inputs(
            session, context.secret_box, search_id=target.subject_id, user_id=target.user_id
        )
    platforms = set(inputs.criteria.platforms)
    use_ebay = Platform.EBAY in platforms and inputs.ebay is not None
    use_discogs = Platform.DISCOGS in platforms and inputs.discogs is not None
    if not (use_ebay or use_discogs):
        raise RunFailure("Link the marketplaces this search uses in Settings first")
    ebay_planned = (len(inputs.wants) if inputs.criteria.want_list else 1) if use_ebay else 0
    sellers_planned = settings.search_max_sellers if use_discogs else 0
    tick = SourceProgress(progress, ebay_planned + sellers_planned)
    sources: list[SourceResult] = []
    stats: dict[str, Any] = {}
    keyword_releases: frozenset[int] = frozenset()
    errors: list[str] = []
    if use_ebay and inputs.ebay is not None:
        async with EbayClient.from_context(context, inputs.ebay) as ebay:
            sources += await ebay_sources(
                ebay,
                inputs.criteria,
                inputs.wants,
                max_pages=settings.search_max_pages,
                per_page=settings.search_page_size,
                done=tick,
            )
            stats["ebay"] = ebay.stats.as_dict()
    seen_on_ebay = search_runs.sellers_seen([x for s in sources for x in s.listings])
    if use_discogs and inputs.discogs is not None:
        sellers = list(dict.fromkeys([*inputs.tracked_sellers, *seen_on_ebay]))
        sellers = sellers[: settings.search_max_sellers]
        tick.done = ebay_planned
        async with discogs_account.client_for(context, inputs.discogs) as discogs:
            if not inputs.criteria.want_list and inputs.criteria.keywords:
                named = await discogs_keyword_releases(
                    discogs, inputs.criteria.keywords, max_pages=settings.search_max_pages
                )
                keyword_releases = frozenset(named.release_ids)
                if named.error:
                    errors.append(f"Discogs database search: {named.error}")
            sources += await discogs_inventory_sources(
                discogs, sellers, max_pages=settings.inventory_max_pages, done=tick
            )
            stats["discogs"] = discogs.stats.as_dict()
    if sources and all(source.error for source in sources):
        raise RunFailure(
            "Every source failed: "
            + "; ".join(sorted({source.error or "" for source in sources}))[:500],
            stats,
        )
    now = utcnow()
    async with unit_of_work(context.session_factory) as session:
        counts = await search_store.store_run(
            session,
            inputs=inputs,
            run_id=target.run_id,
            sources=sources,
            at=now,
            keyword_releases=keyword_releases,
        )
        await search_runs.track_sellers(
            session, user_id=target.user_id, usernames=seen_on_ebay, reason="seen", at=now
        )
    outcome = counts.as_dict()
    if errors:
        outcome["errors"] = errors
    return RunOutcome(counts=outcome, stats=stats)


async def run_search_job(context: AppContext, args: dict[str, int]) -> None:
    await execute_run(context, args["run_id"], _search)
