"""Storing one search run: listings, results with their life, the user's matches and flags."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, true, update
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.models import Listing, ListingMatch, SavedSearch, SearchResult
from vinyldigger.services import listings as listing_service
from vinyldigger.services.marketplaces import dto
from vinyldigger.services.matching import Matcher, MatchResult, listing_key
from vinyldigger.services.search_run.counts import RunCounts, SourceCounts
from vinyldigger.services.search_run.filters import (
    Flags,
    flags_for,
    passes,
    pressing_not_stated,
)
from vinyldigger.services.search_run.inputs import RunInputs
from vinyldigger.services.search_run.sources import SourceResult


@dataclass(frozen=True)
class Kept:
    listing: dto.Listing
    source: str
    match: MatchResult | None
    flags: Flags | None


def select_results(
    inputs: RunInputs,
    sources: Sequence[SourceResult],
    keyword_releases: frozenset[int] | None = None,
) -> list[Kept]:
    """Filter by the criteria, match against the user's releases, keep what the search is for.

    A keyword search keeps eBay hits of its query, and Discogs inventory listings only of the
    releases Discogs' database search returned for the keywords (`keyword_releases`).
    """
    matcher = Matcher(inputs.candidates, known_pressings=inputs.known_pressings)
    criteria = inputs.criteria
    seen: dict[str, tuple[dto.Listing, str]] = {}
    for source in sources:
        for listing in source.listings:
            if not (listing.for_sale and passes(listing, criteria, inputs.converter)):
                continue
            if (
                not criteria.want_list
                and listing.platform == "discogs"
                and listing.release_id not in (keyword_releases or frozenset())
            ):
                continue
            seen.setdefault(listing_key(listing), (listing, source.key))
    pairs = list(seen.values())
    matches = matcher.match_many([listing for listing, _ in pairs], inputs.decisions)
    kept = []
    for (listing, source_key), match in zip(pairs, matches, strict=True):
        flags = flags_for(match, inputs.library, listing.media_grade) if match else None
        if criteria.want_list:
            if flags is None or match is None or match.confidence != "high":
                continue
            # Shown: this pressing, the album with its pressing not stated (wanted or not,
            # labelled as such), and other pressings when the search asks for any pressing.
            if not (
                flags.wanted
                or pressing_not_stated(match, inputs.library)
                or (criteria.any_pressing and flags.other_pressing)
            ):
                continue
        kept.append(Kept(listing=listing, source=source_key, match=match, flags=flags))
    return kept


async def _upsert_results(
    session: AsyncSession,
    *,
    search_id: int,
    run_id: int,
    kept: Sequence[Kept],
    ids: dict[tuple[str, str], int],
    at: datetime,
) -> set[int]:
    """Add or refresh the search's results; returns the listing ids new to this search."""
    existing = {
        row.listing_id: row
        for row in await session.scalars(
            select(SearchResult).where(SearchResult.search_id == search_id)
        )
    }
    new: set[int] = set()
    for item in kept:
        listing_id = ids[(item.listing.platform, item.listing.listing_id)]
        row = existing.get(listing_id)
        if row is None:
            session.add(
                SearchResult(
                    search_id=search_id,
                    listing_id=listing_id,
                    source=item.source,
                    first_seen_run_id=run_id,
                    last_seen_run_id=run_id,
                    first_seen_at=at,
                    last_seen_at=at,
                )
            )
            new.add(listing_id)
        else:
            row.last_seen_run_id, row.last_seen_at, row.gone_at = run_id, at, None
            row.source = item.source
    await session.flush()
    return new


async def _upsert_matches(
    session: AsyncSession,
    *,
    user_id: int,
    kept: Sequence[Kept],
    ids: dict[tuple[str, str], int],
) -> None:
    listing_ids = [ids[(k.listing.platform, k.listing.listing_id)] for k in kept if k.match]
    existing = {
        row.listing_id: row
        for row in await session.scalars(
            select(ListingMatch).where(
                ListingMatch.user_id == user_id, ListingMatch.listing_id.in_(listing_ids)
            )
        )
    }
    for item in kept:
        if item.match is None or item.flags is None:
            continue
        listing_id = ids[(item.listing.platform, item.listing.listing_id)]
        row = existing.get(listing_id) or ListingMatch(user_id=user_id, listing_id=listing_id)
        if row.id is None:
            session.add(row)
        match, flags = item.match, item.flags
        row.release_id, row.master_id = match.release_id, match.master_id
        row.score, row.method, row.confidence = match.score, match.method, match.confidence
        row.evidence = match.evidence.model_dump(mode="json")
        row.pressing, row.pressing_release_id = match.pressing, match.pressing_release_id
        row.is_wanted, row.is_other_pressing = flags.wanted, flags.other_pressing
        row.is_owned, row.is_upgrade = flags.owned, flags.upgrade
    await session.flush()


async def _mark_gone(
    session: AsyncSession,
    *,
    search_id: int,
    run_id: int,
    sources: Sequence[SourceResult],
    at: datetime,
) -> dict[str, int]:
    """Results a complete source no longer returned are gone from this search. The shared
    listing is marked gone only when the source read without the user's filters: a listing
    above one user's price bound is still for sale to everyone else."""
    gone: dict[str, int] = {}
    for source in sources:
        if not source.complete:
            continue
        still = {listing.listing_id for listing in source.listings}
        rows = (
            await session.execute(
                select(SearchResult, Listing.external_id)
                .join(Listing, Listing.id == SearchResult.listing_id)
                .where(
                    SearchResult.search_id == search_id,
                    SearchResult.source == source.key,
                    SearchResult.gone_at.is_(None),
                    SearchResult.last_seen_run_id != run_id,
                )
            )
        ).all()
        vanished = [row for row, external_id in rows if external_id not in still]
        for row in vanished:
            row.gone_at = at
        if vanished and source.unfiltered:
            await session.execute(
                update(Listing)
                .where(
                    Listing.id.in_([row.listing_id for row in vanished]), Listing.gone_at.is_(None)
                )
                .values(gone_at=at)
            )
        gone[source.key] = len(vanished)
    await session.flush()
    return gone


async def _end_unread_sources(
    session: AsyncSession,
    *,
    search_id: int,
    sources: Sequence[SourceResult],
    at: datetime,
) -> int:
    """Results of sources this run did not read any more (criteria edited, a want removed, a
    seller past the cap, a platform unlinked) leave the search: nothing keeps them current.
    The listings themselves are not touched: other searches may still read them."""
    read = [source.key for source in sources]
    rows = list(
        await session.scalars(
            select(SearchResult).where(
                SearchResult.search_id == search_id,
                SearchResult.gone_at.is_(None),
                SearchResult.source.not_in(read) if read else true(),
            )
        )
    )
    for row in rows:
        row.gone_at = at
    await session.flush()
    return len(rows)


async def store_run(
    session: AsyncSession,
    *,
    inputs: RunInputs,
    run_id: int,
    sources: Sequence[SourceResult],
    at: datetime,
    keyword_releases: frozenset[int] | None = None,
) -> RunCounts:
    kept = select_results(inputs, sources, keyword_releases)
    ingested = await listing_service.ingest(session, [k.listing for k in kept], seen_at=at)
    counts = RunCounts()
    new_results = await _upsert_results(
        session, search_id=inputs.search_id, run_id=run_id, kept=kept, ids=ingested.ids, at=at
    )
    await _upsert_matches(session, user_id=inputs.user_id, kept=kept, ids=ingested.ids)
    gone = await _mark_gone(
        session, search_id=inputs.search_id, run_id=run_id, sources=sources, at=at
    )
    ended = await _end_unread_sources(session, search_id=inputs.search_id, sources=sources, at=at)
    # One pass over what was kept, not one per source (a want-list run has a source per want).
    kept_by_source: dict[str, set[int]] = defaultdict(set)
    for item in kept:
        kept_by_source[item.source].add(
            ingested.ids[(item.listing.platform, item.listing.listing_id)]
        )
    # A listing is counted under the one source that kept it, so the run's totals are the
    # sums of its sources'. "new" is new to this search's results (a listing another search
    # found before is new here too); "new_listings" is new to VinylDigger altogether.
    for source in sources:
        ids = kept_by_source[source.key]
        counts.sources[source.key] = SourceCounts(
            seen=len(source.listings),
            results=len(ids),
            new=len(ids & new_results),
            new_listings=len(ids & ingested.new),
            changed=len(ids & ingested.price_changed),
            gone=gone.get(source.key, 0),
            complete=source.complete,
            error=source.error,
            absent=source.absent,
        )
    counts.results = len(kept)
    counts.new_results = len(new_results)
    counts.gone_results = sum(gone.values())
    counts.ended_results = ended
    search = await session.get(SavedSearch, inputs.search_id)
    if search is not None:
        search.last_run_at = at
        search.next_run_at = at + timedelta(hours=search.check_interval_hours)
    await session.flush()
    return counts


async def store_found(
    session: AsyncSession,
    *,
    inputs: RunInputs,
    source: SourceResult,
    run_id: int,
    at: datetime,
) -> int:
    """Listings found between runs (the companion's imports) join the search's results,
    matched and flagged as a run would; nothing is marked gone. Returns how many are new to
    the search."""
    kept = select_results(inputs, [source])
    if not kept:
        return 0
    ingested = await listing_service.ingest(session, [k.listing for k in kept], seen_at=at)
    new_results = await _upsert_results(
        session, search_id=inputs.search_id, run_id=run_id, kept=kept, ids=ingested.ids, at=at
    )
    await _upsert_matches(session, user_id=inputs.user_id, kept=kept, ids=ingested.ids)
    return len(new_results)
