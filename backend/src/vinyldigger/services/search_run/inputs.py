"""What a search run reads from the database before it goes to the marketplaces."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.errors import AppError
from vinyldigger.core.security import SecretBox
from vinyldigger.models import (
    CollectionItem,
    Listing,
    ListingMatch,
    Release,
    SavedSearch,
    TrackedSeller,
    Want,
)
from vinyldigger.services import credentials as credential_service
from vinyldigger.services import master_versions, seller_inventory
from vinyldigger.services.credentials import DiscogsCredentials, EbayCredentials, Service
from vinyldigger.services.fx import CurrencyConverter, latest_converter
from vinyldigger.services.marketplaces import dto
from vinyldigger.services.marketplaces.grades import Grade
from vinyldigger.services.matching import MatchDecision
from vinyldigger.services.search_run.filters import Library
from vinyldigger.services.search_run.sources import WantQuery
from vinyldigger.services.searches import SearchCriteria


@dataclass
class RunInputs:
    """Everything a run reads from the database before it goes to the marketplaces."""

    search_id: int
    user_id: int
    criteria: SearchCriteria
    candidates: list[dto.ReleaseSummary]
    wants: list[WantQuery]
    library: Library
    decisions: list[MatchDecision]
    tracked_sellers: list[str]
    discogs: DiscogsCredentials | None
    ebay: EbayCredentials | None
    # The latest stored exchange rates, for price bounds on listings in other currencies.
    converter: CurrencyConverter | None = None
    # Discogs sellers the user follows (their inventories come from the shared crawl).
    followed_sellers: list[str] = field(default_factory=list)
    # Every stored version of the candidates' masters: what lets the matcher tell pressings.
    known_pressings: dict[int, list[dto.MasterVersion]] = field(default_factory=dict)


def summary_of(release: Release) -> dto.ReleaseSummary:
    return dto.ReleaseSummary(
        release_id=release.id,
        master_id=release.master_id,
        title=release.title,
        artists=list(release.artists),
        labels=[
            dto.LabelRef(name=label.get("name") or "", catno=label.get("catno"))
            for label in release.labels
        ],
        formats=list(release.formats),
        year=release.year,
        country=release.country,
        thumb=release.thumb,
        cover_image=release.cover_image,
        barcodes=list(release.barcodes),
    )


def complete_lists(
    lists: dict[int, list[dto.MasterVersion]], candidates: Iterable[dto.ReleaseSummary]
) -> dict[int, list[dto.MasterVersion]]:
    """The version lists that hold every candidate of their master. A list missing one was
    read before Discogs added that release: other new pressings may be missing too, and the
    matcher would take a listing of one for the candidate. Such a master is matched as if
    its list were not in yet, until the weekly refresh."""
    listed = {master: {v.release_id for v in versions} for master, versions in lists.items()}
    stale = {
        c.master_id
        for c in candidates
        if c.master_id in listed and c.release_id not in listed[c.master_id]
    }
    return {master: versions for master, versions in lists.items() if master not in stale}


def _grade(value: str | None) -> Grade | None:
    try:
        return Grade(value) if value else None
    except ValueError:
        return None


async def load_inputs(
    session: AsyncSession, box: SecretBox, *, search_id: int, user_id: int
) -> RunInputs:
    search = await session.scalar(
        select(SavedSearch).where(SavedSearch.id == search_id, SavedSearch.user_id == user_id)
    )
    if search is None:
        raise AppError("The search no longer exists", status_code=404, code="not_found")
    criteria = SearchCriteria.model_validate(search.criteria)
    wanted_rows = (
        await session.execute(
            select(Release, Want.any_pressing)
            .join(Want, Want.release_id == Release.id)
            .where(Want.user_id == user_id)
        )
    ).all()
    wanted = [release for release, _ in wanted_rows]
    # A want's own "any pressing" switch, else the search's criterion.
    any_pressing = frozenset(
        release.id
        for release, own in wanted_rows
        if (own if own is not None else criteria.any_pressing)
    )
    owned_rows = (
        await session.execute(
            select(Release, CollectionItem.media_grade)
            .join(CollectionItem, CollectionItem.release_id == Release.id)
            .where(CollectionItem.user_id == user_id)
        )
    ).all()
    owned: dict[int, Grade | None] = {}
    owned_releases: dict[int, Release] = {}
    for release, media in owned_rows:
        owned_releases[release.id] = release
        grade = _grade(media)
        best = owned.get(release.id)
        owned[release.id] = grade if best is None or (grade is not None and grade > best) else best
    candidates = {r.id: summary_of(r) for r in [*wanted, *owned_releases.values()]}
    known = complete_lists(
        await master_versions.known_pressings(
            session, (c.master_id for c in candidates.values() if c.master_id)
        ),
        candidates.values(),
    )
    decided = await session.execute(
        select(
            Listing.platform, Listing.external_id, ListingMatch.release_id, ListingMatch.decision
        )
        .join(ListingMatch, ListingMatch.listing_id == Listing.id)
        .where(
            ListingMatch.user_id == user_id,
            ListingMatch.decision.is_not(None),
            ListingMatch.release_id.is_not(None),
        )
    )
    decisions = [
        MatchDecision(
            listing_key=f"{platform}:{external_id}", release_id=release_id, verdict=verdict
        )
        for platform, external_id, release_id, verdict in decided
    ]
    sellers = list(
        await session.scalars(
            select(TrackedSeller.username)
            .where(TrackedSeller.user_id == user_id)
            .order_by(TrackedSeller.created_at)
        )
    )
    discogs = await credential_service.load(session, box, user_id, Service.DISCOGS)
    ebay = await credential_service.load(session, box, user_id, Service.EBAY)
    return RunInputs(
        search_id=search_id,
        user_id=user_id,
        criteria=criteria,
        candidates=list(candidates.values()),
        wants=[
            WantQuery(
                release_id=r.id,
                artist=r.artists_sort,
                title=r.title,
                barcode=next((b for b in r.barcodes if b.isdigit()), None),
            )
            for r in wanted
        ],
        library=Library(
            wanted_releases=frozenset(r.id for r in wanted),
            wanted_masters=frozenset(r.master_id for r in wanted if r.master_id),
            owned=owned,
            any_pressing=any_pressing,
        ),
        decisions=decisions,
        known_pressings=known,
        tracked_sellers=sellers,
        discogs=discogs if isinstance(discogs, DiscogsCredentials) else None,
        ebay=ebay if isinstance(ebay, EbayCredentials) else None,
        converter=await latest_converter(session),
        followed_sellers=await seller_inventory.followed_usernames(session, user_id=user_id),
    )


def sellers_seen(listings: Sequence[dto.Listing]) -> list[str]:
    """eBay sellers in results: many also sell on Discogs under the same name."""
    return sorted(
        {
            listing.seller.username
            for listing in listings
            if listing.platform == "ebay" and listing.seller.username
        }
    )


async def track_sellers(
    session: AsyncSession,
    *,
    user_id: int,
    usernames: Sequence[str],
    reason: str,
    at: datetime,
) -> None:
    if not usernames:
        return
    known = set(
        await session.scalars(
            select(TrackedSeller.username).where(
                TrackedSeller.user_id == user_id, TrackedSeller.username.in_(list(usernames))
            )
        )
    )
    for name in usernames:
        if name not in known:
            session.add(
                TrackedSeller(user_id=user_id, username=name[:200], reason=reason, created_at=at)
            )
    await session.flush()
