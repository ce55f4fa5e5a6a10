"""Stored master version lists: what is due, claiming, storing, refreshing, and reading back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tests.services.test_price_history import add_release, add_user
from vinyldigger.models import (
    CollectionItem,
    ListingMatch,
    MarketplaceCredential,
    MasterVersionList,
    MasterVersionRecord,
    Want,
)
from vinyldigger.services import master_versions as store
from vinyldigger.services.marketplaces import dto
from vinyldigger.services.pressing_details import pressing_details
from vinyldigger.services.search_run.inputs import complete_lists

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)
WEEK = timedelta(days=7)
# add_release gives release r the master 9000 + r.
WANTED, OWNED = 601, 602
WANTED_MASTER, OWNED_MASTER = 9601, 9602


def version(release_id: int, year: int, *formats: str, country: str = "UK") -> dto.MasterVersion:
    return dto.MasterVersion(
        release_id=release_id,
        title="Chelsea Girl",
        label="Verve",
        catno=f"V-{release_id}",
        country=country,
        year=year,
        released=f"{year}-03-00",
        formats=list(formats) or ["LP", "Album"],
        major_formats=["Vinyl"],
    )


async def library(session: AsyncSession, *, linked: bool = True) -> int:
    user = await add_user(session)
    await add_release(session, WANTED)
    await add_release(session, OWNED, title="The Marble Index")
    session.add(Want(user_id=user.id, release_id=WANTED, date_added=NOW))
    session.add(CollectionItem(user_id=user.id, instance_id=1, release_id=OWNED, date_added=NOW))
    if linked:
        session.add(
            MarketplaceCredential(user_id=user.id, service="discogs", encrypted_payload="x")
        )
    await session.flush()
    return user.id


async def test_masters_of_wants_and_collection_are_due_once_and_claimed_once(
    db_session: AsyncSession,
) -> None:
    user_id = await library(db_session)
    claimed = await store.claim_due(db_session, now=NOW, limit=10, user_id=user_id)
    assert claimed == [WANTED_MASTER, OWNED_MASTER]
    # Held by the first caller: a second worker gets nothing until the lease runs out.
    assert await store.claim_due(db_session, now=NOW, limit=10, user_id=user_id) == []
    later = NOW + store.CLAIM_LEASE + timedelta(seconds=1)
    assert await store.claim_due(db_session, now=later, limit=1) == [WANTED_MASTER]


async def test_stored_lists_are_read_back_and_refreshed_weekly(db_session: AsyncSession) -> None:
    user_id = await library(db_session)
    await store.claim_due(db_session, now=NOW, limit=10, user_id=user_id)
    versions = [version(WANTED, 1967), version(7001, 2016, "LP", "Album", "Reissue", "180 Gram")]
    await store.store_versions(
        db_session, master_id=WANTED_MASTER, versions=versions, now=NOW, max_age=WEEK
    )
    known = await store.known_pressings(db_session, [WANTED_MASTER, OWNED_MASTER])
    # The owned master was claimed but never fetched: the matcher is told nothing of it.
    assert list(known) == [WANTED_MASTER]
    assert known[WANTED_MASTER] == sorted(versions, key=lambda v: v.release_id)

    six_days = NOW + timedelta(days=6)
    assert WANTED_MASTER not in await store.claim_due(db_session, now=six_days, limit=10)
    week_later = NOW + WEEK
    assert WANTED_MASTER in await store.claim_due(db_session, now=week_later, limit=10)
    # A refresh replaces the list: a version Discogs no longer lists is gone.
    await store.store_versions(
        db_session,
        master_id=WANTED_MASTER,
        versions=[version(WANTED, 1967)],
        now=week_later,
        max_age=WEEK,
    )
    known = await store.known_pressings(db_session, [WANTED_MASTER])
    assert [v.release_id for v in known[WANTED_MASTER]] == [WANTED]
    entry = await db_session.get(MasterVersionList, WANTED_MASTER, populate_existing=True)
    assert entry is not None and entry.version_count == 1 and entry.fetched_at == week_later
    count = await db_session.scalar(select(func.count()).select_from(MasterVersionRecord))
    assert count == 1


async def test_failures_are_retried_later_and_later(db_session: AsyncSession) -> None:
    user_id = await library(db_session)
    await store.claim_due(db_session, now=NOW, limit=10, user_id=user_id)
    for failures, delay in ((1, timedelta(hours=1)), (2, timedelta(hours=2))):
        await store.record_failure(db_session, master_id=OWNED_MASTER, now=NOW, error="HTTP 502")
        entry = await db_session.get(MasterVersionList, OWNED_MASTER, populate_existing=True)
        assert entry is not None
        assert (entry.consecutive_failures, entry.next_attempt_at) == (failures, NOW + delay)
    assert store.retry_delay(30) == timedelta(days=1)


async def test_fetches_go_to_users_with_a_linked_account_and_due_masters(
    db_session: AsyncSession,
) -> None:
    linked = await library(db_session)
    unlinked = await add_user(db_session)
    db_session.add(Want(user_id=unlinked.id, release_id=WANTED, date_added=NOW))
    await db_session.flush()
    assert await store.users_with_due_masters(db_session, now=NOW) == [linked]
    await store.claim_due(db_session, now=NOW, limit=10, user_id=linked)
    assert await store.users_with_due_masters(db_session, now=NOW) == []


async def test_pressing_details_come_from_releases_then_version_lists(
    db_session: AsyncSession,
) -> None:
    user_id = await library(db_session)
    await store.claim_due(db_session, now=NOW, limit=10, user_id=user_id)
    reissue = version(7001, 2016, "LP", "Album", "Reissue", "180 Gram", country="Europe")
    await store.store_versions(
        db_session,
        master_id=WANTED_MASTER,
        versions=[version(WANTED, 1967), reissue],
        now=NOW,
        max_age=WEEK,
    )
    match = ListingMatch(release_id=WANTED, pressing="other", pressing_release_id=7001)
    details = await pressing_details(db_session, [match])
    assert details[WANTED].label == "Verve" and details[WANTED].catno == "V6-5032"
    assert details[WANTED].descriptions == ["Vinyl", "LP", "Album"]
    named = details[7001]
    assert (named.label, named.catno, named.year, named.country) == (
        "Verve",
        "V-7001",
        2016,
        "Europe",
    )
    assert named.descriptions == ["Vinyl", "LP", "Album", "Reissue", "180 Gram"]


async def test_an_empty_or_stale_list_is_not_given_to_the_matcher(db_session: AsyncSession) -> None:
    user_id = await library(db_session)
    await store.claim_due(db_session, now=NOW, limit=10, user_id=user_id)
    # Discogs answered 404 for the owned master (merged away): stored as fetched, empty.
    await store.store_versions(
        db_session, master_id=OWNED_MASTER, versions=[], now=NOW, max_age=WEEK
    )
    # The wanted master's list was read before Discogs added the wanted release.
    await store.store_versions(
        db_session, master_id=WANTED_MASTER, versions=[version(7001, 2016)], now=NOW, max_age=WEEK
    )
    lists = await store.known_pressings(db_session, [WANTED_MASTER, OWNED_MASTER])
    assert list(lists) == [WANTED_MASTER]
    wanted = dto.ReleaseSummary(release_id=WANTED, master_id=WANTED_MASTER, title="Chelsea Girl")
    assert complete_lists(lists, [wanted]) == {}
    listed = dto.ReleaseSummary(release_id=7001, master_id=WANTED_MASTER, title="Chelsea Girl")
    assert complete_lists(lists, [listed]) == lists


async def test_a_master_with_thousands_of_versions_is_stored_whole(
    db_session: AsyncSession,
) -> None:
    user_id = await library(db_session)
    await store.claim_due(db_session, now=NOW, limit=10, user_id=user_id)
    many = [version(WANTED, 1967), *(version(8000 + i, 1970 + i % 50) for i in range(3500))]
    await store.store_versions(
        db_session, master_id=WANTED_MASTER, versions=many, now=NOW, max_age=WEEK
    )
    known = await store.known_pressings(db_session, [WANTED_MASTER])
    assert len(known[WANTED_MASTER]) == 3501


async def test_wanted_albums_are_fetched_before_owned_ones(db_session: AsyncSession) -> None:
    user = await add_user(db_session)
    # The owned release's master has the lower id, so only the rule puts the want first.
    await add_release(db_session, 590, title="The Marble Index")
    await add_release(db_session, WANTED)
    db_session.add(CollectionItem(user_id=user.id, instance_id=1, release_id=590, date_added=NOW))
    db_session.add(Want(user_id=user.id, release_id=WANTED, date_added=NOW))
    await db_session.flush()
    assert await store.claim_due(db_session, now=NOW, limit=1, user_id=user.id) == [WANTED_MASTER]
    assert await store.claim_due(db_session, now=NOW, limit=1, user_id=user.id) == [9590]
