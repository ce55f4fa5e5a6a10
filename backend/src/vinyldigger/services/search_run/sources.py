"""Where a search run looks: one source per upstream query, fetched before anything is stored.

A source that fails is recorded as failed and the others still count; a source is
"complete" only when it returned every page, and only complete sources can say a listing is
gone: from the search's results always, from every user's view only when the source is
unfiltered (see `SourceResult.unfiltered`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

from vinyldigger.services.marketplaces import dto
from vinyldigger.services.marketplaces.discogs.client import DatabaseSearch, DiscogsClient
from vinyldigger.services.marketplaces.ebay.client import EbayClient
from vinyldigger.services.marketplaces.ebay.query import EbaySearch
from vinyldigger.services.marketplaces.errors import MarketplaceError, NotFound
from vinyldigger.services.searches import Platform, SearchCriteria


@dataclass
class SourceResult:
    key: str
    platform: str
    listings: list[dto.Listing] = field(default_factory=list)
    complete: bool = False
    error: str | None = None
    # For Discogs inventories: the seller whose whole stock this source covers.
    seller: str | None = None
    # The source reads everything it covers with no filter of the user's (a seller's whole
    # stock), so a complete pass that misses a listing proves it is gone for everyone. A
    # search query (price bounds, ship-to, relevance) proves it only for this search.
    unfiltered: bool = False
    # A seller seen on eBay that Discogs has no user of that name for: nothing went wrong,
    # most eBay sellers simply do not sell on Discogs (or under another name).
    absent: bool = False


SourceDone = Callable[[], Awaitable[None]]


async def _nothing() -> None:
    return None


@dataclass(frozen=True)
class WantQuery:
    release_id: int
    artist: str
    title: str
    barcode: str | None


def _ebay_query(
    criteria: SearchCriteria, *, q: str | None, gtin: str | None, limit: int
) -> EbaySearch:
    price_bounds = criteria.price_min is not None or criteria.price_max is not None
    return EbaySearch(
        q=q,
        gtin=gtin,
        limit=limit,
        price_min=criteria.price_min,
        price_max=criteria.price_max,
        price_currency=criteria.currency if price_bounds else None,
        delivery_country=criteria.ships_to,
        item_location_country=criteria.ships_from[0] if len(criteria.ships_from) == 1 else None,
    )


async def _ebay_pages(
    client: EbayClient, query: EbaySearch, key: str, max_pages: int
) -> SourceResult:
    result = SourceResult(key=key, platform=Platform.EBAY.value)
    try:
        for _ in range(max_pages):
            page = await client.search(query)
            result.listings.extend(page.items)
            if page.next_offset is None:
                result.complete = True
                break
            query = query.with_offset(page.next_offset)
    except MarketplaceError as exc:
        result.error = str(exc)
    return result


async def ebay_sources(
    client: EbayClient,
    criteria: SearchCriteria,
    wants: Sequence[WantQuery],
    *,
    max_pages: int,
    per_page: int,
    done: SourceDone = _nothing,
) -> list[SourceResult]:
    """Keyword search, or one search per want (barcode when known, else artist and title)."""
    if not criteria.want_list:
        assert criteria.keywords is not None
        query = _ebay_query(criteria, q=criteria.keywords, gtin=None, limit=per_page)
        result = await _ebay_pages(client, query, f"ebay:q:{criteria.keywords}"[:120], max_pages)
        await done()
        return [result]
    results = []
    for want in wants:
        if want.barcode:
            query = _ebay_query(criteria, q=None, gtin=want.barcode, limit=per_page)
        else:
            query = _ebay_query(
                criteria, q=f"{want.artist} {want.title}"[:300], gtin=None, limit=per_page
            )
        results.append(await _ebay_pages(client, query, f"ebay:want:{want.release_id}", max_pages))
        await done()
    return results


async def discogs_inventory_sources(
    client: DiscogsClient,
    sellers: Sequence[str],
    *,
    max_pages: int,
    done: SourceDone = _nothing,
) -> list[SourceResult]:
    """The stock of each tracked seller, newest first, up to `max_pages` pages each."""
    results = []
    for seller in sellers:
        result = SourceResult(
            key=f"discogs:seller:{seller}",
            platform=Platform.DISCOGS.value,
            seller=seller,
            unfiltered=True,
        )
        try:
            pages = 0
            async for page in client.inventory_pages(seller):
                result.listings.extend(page.items)
                pages += 1
                if not page.info.has_next:
                    result.complete = True
                    break
                if pages >= max_pages:
                    break
        except NotFound:
            result.absent = True
        except MarketplaceError as exc:
            result.error = str(exc)
        results.append(result)
        await done()
    return results


def stored_inventory_source(seller: str, listings: list[dto.Listing]) -> SourceResult:
    """A seller's stock as the shared crawl stored it (services/seller_inventory.py): read
    instead of fetched. It is complete, but the crawl, not the run, decides what is gone."""
    return SourceResult(
        key=f"discogs:seller:{seller}",
        platform=Platform.DISCOGS.value,
        listings=listings,
        complete=True,
        seller=seller,
    )


@dataclass
class KeywordReleases:
    """Discogs releases a keyword search names: the Discogs listings it may keep."""

    release_ids: set[int] = field(default_factory=set)
    error: str | None = None


async def discogs_keyword_releases(
    client: DiscogsClient, keywords: str, *, max_pages: int
) -> KeywordReleases:
    found = KeywordReleases()
    query = DatabaseSearch(q=keywords, type="release", format="Vinyl", per_page=100)
    try:
        for page_number in range(1, max_pages + 1):
            page = await client.search(query.model_copy(update={"page": page_number}))
            found.release_ids.update(hit.id for hit in page.items if hit.kind == "release")
            if not page.info.has_next:
                break
    except MarketplaceError as exc:
        found.error = str(exc)
    return found


@dataclass
class MarketSummaries:
    """Discogs' marketplace summary (copies for sale, lowest price) of wanted releases."""

    details: list[dto.ReleaseDetail] = field(default_factory=list)
    errors: int = 0


async def discogs_market_summaries(
    client: DiscogsClient,
    release_ids: Sequence[int],
    *,
    currency: str,
    done: SourceDone = _nothing,
) -> MarketSummaries:
    found = MarketSummaries()
    for release_id in release_ids:
        try:
            found.details.append(await client.release(release_id, currency=currency))
        except MarketplaceError:
            found.errors += 1
        await done()
    return found
