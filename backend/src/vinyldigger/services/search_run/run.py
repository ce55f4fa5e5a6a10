"""One run of a saved search: read its inputs, fetch every source, then one write of what it found.

Fetching happens with no transaction open; storing is one unit of work at the end, so a
failed run leaves the previous results as they were, and a failed source loses nothing of
the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from vinyldigger.core.config import Settings
from vinyldigger.core.context import AppContext
from vinyldigger.core.database import unit_of_work
from vinyldigger.models.base import utcnow
from vinyldigger.services import catalog, discogs_account, seller_inventory
from vinyldigger.services.marketplaces.discogs.client import DiscogsClient
from vinyldigger.services.marketplaces.ebay.client import EbayClient
from vinyldigger.services.search_run import inputs as run_inputs
from vinyldigger.services.search_run import store as run_store
from vinyldigger.services.search_run.imported import imported_source
from vinyldigger.services.search_run.inputs import RunInputs
from vinyldigger.services.search_run.progress import SearchProgress, Step
from vinyldigger.services.search_run.sources import (
    MarketSummaries,
    SourceResult,
    discogs_inventory_sources,
    discogs_keyword_releases,
    discogs_market_summaries,
    ebay_sources,
    stored_inventory_source,
)
from vinyldigger.services.searches import Platform
from vinyldigger.workers.lifecycle import (
    ProgressReporter,
    RunFailure,
    RunOutcome,
    RunTarget,
)

EBAY_SEARCHES = "ebay_searches"
DISCOGS_RELEASES = "discogs_releases"
DISCOGS_INVENTORIES = "discogs_inventories"


@dataclass
class Fetched:
    """Everything a run brought back from the marketplaces, before it is stored."""

    sources: list[SourceResult] = field(default_factory=list)
    # Call statistics per platform ("ebay", "discogs").
    by_platform: dict[str, dict[str, Any]] = field(default_factory=dict)
    keyword_releases: frozenset[int] = frozenset()
    summaries: MarketSummaries = field(default_factory=MarketSummaries)
    errors: list[str] = field(default_factory=list)

    @property
    def stats(self) -> dict[str, Any]:
        """The run's upstream statistics: totals over both platforms (what the runs page
        shows, as for a sync), and each platform's own under its name."""
        totals: dict[str, Any] = {}
        for platform_stats in self.by_platform.values():
            for key, value in platform_stats.items():
                if isinstance(value, int | float):
                    totals[key] = totals.get(key, 0) + value
        if "waited_seconds" in totals:
            totals["waited_seconds"] = round(totals["waited_seconds"], 3)
        return {**totals, **self.by_platform}


async def _fetch_ebay(
    context: AppContext, inputs: RunInputs, progress: SearchProgress, fetched: Fetched
) -> None:
    assert inputs.ebay is not None
    settings = context.settings
    async with EbayClient.from_context(context, inputs.ebay) as ebay:
        ebay.report_waits_to(progress.waits_of(Platform.EBAY.value))
        try:
            fetched.sources += await ebay_sources(
                ebay,
                inputs.criteria,
                inputs.wants,
                max_pages=settings.search_max_pages,
                per_page=settings.search_page_size,
                done=progress.step_done(EBAY_SEARCHES),
            )
        finally:
            fetched.by_platform["ebay"] = ebay.stats.as_dict()


async def _fetch_discogs(
    context: AppContext,
    inputs: RunInputs,
    *,
    sellers: list[str],
    summaries_due: list[int],
    progress: SearchProgress,
    fetched: Fetched,
) -> None:
    assert inputs.discogs is not None
    async with discogs_account.client_for(context, inputs.discogs) as discogs:
        discogs.report_waits_to(progress.waits_of(Platform.DISCOGS.value))
        try:
            await _discogs_sources(
                discogs,
                inputs,
                sellers=sellers,
                summaries_due=summaries_due,
                progress=progress,
                fetched=fetched,
                settings=context.settings,
            )
        finally:
            fetched.by_platform["discogs"] = discogs.stats.as_dict()


async def _discogs_sources(
    discogs: DiscogsClient,
    inputs: RunInputs,
    *,
    sellers: list[str],
    summaries_due: list[int],
    progress: SearchProgress,
    fetched: Fetched,
    settings: Settings,
) -> None:
    criteria = inputs.criteria
    if not criteria.want_list and criteria.keywords:
        named = await discogs_keyword_releases(
            discogs, criteria.keywords, max_pages=settings.search_max_pages
        )
        fetched.keyword_releases = frozenset(named.release_ids)
        if named.error:
            fetched.errors.append(f"Discogs database search: {named.error}")
    fetched.summaries = await discogs_market_summaries(
        discogs,
        summaries_due,
        currency=criteria.currency,
        done=progress.step_done(DISCOGS_RELEASES),
    )
    fetched.sources += await discogs_inventory_sources(
        discogs,
        sellers,
        max_pages=settings.inventory_max_pages,
        done=progress.step_done(DISCOGS_INVENTORIES),
    )


def _distinct_names(names: list[str]) -> list[str]:
    """Seller names in order, once each: Discogs names are case-insensitive."""
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(name.lower(), name)
    return list(by_key.values())


async def run_search(
    context: AppContext, target: RunTarget, progress: ProgressReporter
) -> RunOutcome:
    if target.subject_id is None:
        raise RunFailure("The run names no search")
    settings = context.settings
    async with unit_of_work(context.session_factory) as session:
        inputs = await run_inputs.load_inputs(
            session, context.secret_box, search_id=target.subject_id, user_id=target.user_id
        )
    platforms = set(inputs.criteria.platforms)
    use_ebay = Platform.EBAY in platforms and inputs.ebay is not None
    use_discogs = Platform.DISCOGS in platforms and inputs.discogs is not None
    if not (use_ebay or use_discogs):
        raise RunFailure("Link the marketplaces this search uses in Settings first")
    ebay_planned = (len(inputs.wants) if inputs.criteria.want_list else 1) if use_ebay else 0
    summaries_due: list[int] = []
    if use_discogs and inputs.criteria.want_list and settings.search_release_summaries:
        async with unit_of_work(context.session_factory) as session:
            summaries_due = await catalog.releases_due_for_summary(
                session, user_id=target.user_id, limit=settings.search_release_summaries
            )
    sellers_planned = settings.search_max_sellers if use_discogs else 0
    live = SearchProgress(
        progress,
        [
            Step(EBAY_SEARCHES, Platform.EBAY.value, ebay_planned),
            Step(DISCOGS_RELEASES, Platform.DISCOGS.value, len(summaries_due)),
            Step(DISCOGS_INVENTORIES, Platform.DISCOGS.value, sellers_planned),
        ],
    )
    await live.flush()
    fetched = Fetched()
    if use_ebay:
        await _fetch_ebay(context, inputs, live, fetched)
    seen_on_ebay = run_inputs.sellers_seen([x for s in fetched.sources for x in s.listings])
    stored_inventories = 0
    if use_discogs:
        named = _distinct_names([*inputs.followed_sellers, *inputs.tracked_sellers, *seen_on_ebay])
        fresh_since = utcnow() - timedelta(minutes=settings.seller_crawl_fresh_minutes)
        async with unit_of_work(context.session_factory) as session:
            stored = await seller_inventory.fresh_inventories(
                session, named, fresh_since=fresh_since
            )
        fetched.sources += [stored_inventory_source(n, items) for n, items in stored.items()]
        stored_inventories = len(stored)
        # Only sellers the crawl has not read lately cost calls, and only so many of them.
        sellers = [name for name in named if name not in stored][: settings.search_max_sellers]
        await live.plan(DISCOGS_INVENTORIES, len(sellers))
        await _fetch_discogs(
            context,
            inputs,
            sellers=sellers,
            summaries_due=summaries_due,
            progress=live,
            fetched=fetched,
        )
    if use_discogs and inputs.criteria.want_list:
        # What the companion imported: stored listings, no calls.
        async with unit_of_work(context.session_factory) as session:
            fetched.sources.append(await imported_source(session, user_id=target.user_id))
    if fetched.sources and all(source.error for source in fetched.sources):
        failures = "; ".join(sorted({source.error or "" for source in fetched.sources}))
        raise RunFailure(f"Every source failed: {failures}"[:500], fetched.stats)
    now = utcnow()
    async with unit_of_work(context.session_factory) as session:
        counts = await run_store.store_run(
            session,
            inputs=inputs,
            run_id=target.run_id,
            sources=fetched.sources,
            at=now,
            keyword_releases=fetched.keyword_releases,
        )
        await catalog.record_market_summaries(session, fetched.summaries.details, at=now)
        await run_inputs.track_sellers(
            session, user_id=target.user_id, usernames=seen_on_ebay, reason="seen", at=now
        )
    outcome = counts.as_dict()
    outcome["market_summaries"] = {
        "checked": len(fetched.summaries.details),
        "failed": fetched.summaries.errors,
    }
    outcome["stored_inventories"] = stored_inventories
    if fetched.errors:
        outcome["errors"] = fetched.errors
    return RunOutcome(counts=outcome, stats=fetched.stats)
