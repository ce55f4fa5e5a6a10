"""What a run reports, typed per kind: a sync's changes, a search's results per platform and
source, and what talking to the marketplaces cost.

Runs store these as JSON (older runs may lack newer keys); each model reads what is there
and defaults the rest to zero, so the client never parses a free-form dict.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class _Lenient(BaseModel):
    # Stored counts may carry keys this version does not show (e.g. the live progress).
    model_config = ConfigDict(extra="ignore")


class CallStatsOut(_Lenient):
    """What talking to a marketplace cost (totals over both for a search)."""

    calls: int = 0
    retries: int = 0
    http_429: int = 0
    server_errors: int = 0
    timeouts: int = 0
    transport_errors: int = 0
    invalid_bodies: int = 0
    token_requests: int = 0
    waited_seconds: float = 0.0
    backoff_seconds: float = 0.0


class SyncCountsOut(_Lenient):
    """What a want-list or collection sync changed; `total` is the size after it."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    total: int = 0


class _ListingCounts(_Lenient):
    """The listing counts a search run keeps per marketplace and per source alike."""

    seen: int = 0
    results: int = 0
    new: int = 0
    new_listings: int = 0
    changed: int = 0
    gone: int = 0


class PlatformCountsOut(_ListingCounts):
    """A search run's listings on one marketplace: returned by its sources (`seen`), kept
    (`results`), new to the search, new to VinylDigger, repriced and gone."""

    failed_sources: int = 0
    # Sellers seen on eBay whose Discogs inventory does not exist (no user of that name).
    absent_sellers: int = 0


class SourceCountsOut(_ListingCounts):
    """One upstream query of a search run, e.g. "ebay:want:123" or "discogs:seller:name";
    only a `complete` source (every page read) can say a listing is gone."""

    complete: bool = False
    error: str | None = None
    # A seller's inventory that does not exist: not an error, the seller is not on Discogs.
    absent: bool = False


class MarketSummariesOut(_Lenient):
    """Discogs' marketplace summaries of wanted releases refreshed by the run."""

    checked: int = 0
    failed: int = 0


class SearchCountsOut(_Lenient):
    """A search run's results: `gone_results` left because their source no longer returned
    them, `ended_results` because the search no longer reads their source."""

    results: int = 0
    new_results: int = 0
    gone_results: int = 0
    ended_results: int = 0
    platforms: dict[str, PlatformCountsOut] = {}
    sources: dict[str, SourceCountsOut] = {}
    market_summaries: MarketSummariesOut = MarketSummariesOut()
    # Sellers' Discogs inventories read from the shared crawl's store instead of fetched.
    stored_inventories: int = 0
    # Parts of the run that failed without failing it (e.g. Discogs' database search).
    errors: list[str] = []


class BasketPlanCountsOut(_Lenient):
    """What a basket-plan run planned: the plan it stored, its status and total (in the
    user's currency, null when no plan could buy everything), sellers and wants planned."""

    plan_id: int | None = None
    status: str | None = None
    # True when the plan buys every want it could (no cap or budget left one out).
    complete: bool | None = None
    total: str | None = None
    seller_count: int | None = None
    wants_planned: int = 0
    solve_seconds: float | None = None


def call_stats(stats: dict[str, Any]) -> tuple[CallStatsOut, dict[str, CallStatsOut]]:
    """Totals, and each platform's own stats where the run kept them under its name."""
    by_platform = {
        name: CallStatsOut.model_validate(value)
        for name, value in stats.items()
        if name in ("ebay", "discogs") and isinstance(value, dict)
    }
    return CallStatsOut.model_validate(stats), by_platform
