"""How far the version lists of a user's albums have come: known, waiting, failed, per
owner, counted per album, and read through the want-list API."""

from __future__ import annotations

from datetime import datetime, timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.helpers import auth_headers
from tests.api.test_releases import me
from tests.services.test_master_versions import NOW, WEEK, version
from tests.services.test_price_history import add_release, add_user
from vinyldigger.models import CollectionItem, Release, Want
from vinyldigger.services import master_versions as store
from vinyldigger.services.version_progress import version_progress

# add_release gives release r the master 9000 + r.
KNOWN, WAITING, FAILING, NEVER_CLAIMED = 611, 612, 613, 614


def naive(moment: datetime | None) -> datetime | None:
    """SQLite hands datetimes back without their zone."""
    return moment.replace(tzinfo=None) if moment is not None else None


async def want(session: AsyncSession, user_id: int, release_id: int) -> None:
    session.add(Want(user_id=user_id, release_id=release_id, date_added=NOW))
    await session.flush()


async def wanted_albums(session: AsyncSession, user_id: int) -> None:
    """Four wanted albums: one's list stored, one claimed, one failed, one never picked up;
    plus a second release of the stored album and a release without a master."""
    for release_id, title in (
        (KNOWN, "Chelsea Girl"),
        (WAITING, "The Marble Index"),
        (FAILING, "Desertshore"),
        (NEVER_CLAIMED, "The End"),
    ):
        await add_release(session, release_id, title=title)
        await want(session, user_id, release_id)
    session.add(Release(id=615, master_id=9000 + KNOWN, title="Chelsea Girl", artists=["Nico"]))
    session.add(Release(id=616, master_id=None, title="Single", artists=["Nico"]))
    await want(session, user_id, 615)
    await want(session, user_id, 616)
    await store.claim_due(session, now=NOW, limit=3, user_id=user_id)
    await store.store_versions(
        session, master_id=9000 + KNOWN, versions=[version(KNOWN, 1967)], now=NOW, max_age=WEEK
    )
    await store.record_failure(session, master_id=9000 + FAILING, now=NOW, error="HTTP 502")


async def test_wanted_albums_are_counted_known_waiting_and_failed(
    db_session: AsyncSession,
) -> None:
    user = await add_user(db_session)
    await wanted_albums(db_session, user.id)

    progress = await version_progress(db_session, user_id=user.id, source="wants")
    # Two releases of one album count once; a release without a master is no album.
    assert (progress.albums, progress.known, progress.waiting, progress.failed) == (4, 1, 2, 1)
    assert naive(progress.next_retry_at) == naive(NOW + timedelta(hours=1))
    assert [(f.master_id, f.title, f.artists, f.error) for f in progress.failures] == [
        (9000 + FAILING, "Desertshore", ["Nico"], "HTTP 502")
    ]
    # Nothing is owned: the collection has no albums to wait for.
    owned = await version_progress(db_session, user_id=user.id, source="collection")
    assert (owned.albums, owned.known, owned.waiting, owned.failed) == (0, 0, 0, 0)


async def test_a_failed_refresh_keeps_an_album_known(db_session: AsyncSession) -> None:
    user = await add_user(db_session)
    await add_release(db_session, KNOWN)
    db_session.add(CollectionItem(user_id=user.id, instance_id=1, release_id=KNOWN, date_added=NOW))
    await db_session.flush()
    await store.claim_due(db_session, now=NOW, limit=5, user_id=user.id)
    await store.store_versions(
        db_session, master_id=9000 + KNOWN, versions=[version(KNOWN, 1967)], now=NOW, max_age=WEEK
    )
    await store.record_failure(db_session, master_id=9000 + KNOWN, now=NOW + WEEK, error="HTTP 500")

    owned = await version_progress(db_session, user_id=user.id, source="collection")
    assert (owned.albums, owned.known, owned.waiting, owned.failed) == (1, 1, 0, 0)
    assert owned.failures == [] and owned.next_retry_at is None


async def test_the_api_shows_each_user_only_their_own_albums(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    owner, stranger = await auth_headers(client), await auth_headers(client)
    owner_id = int((await me(client, owner))["id"])
    await wanted_albums(db_session, owner_id)

    response = await client.get("/api/v1/library/pressings", headers=owner)
    assert response.status_code == 200, response.text
    wants = response.json()["wants"]
    assert {key: wants[key] for key in ("albums", "known", "waiting", "failed")} == {
        "albums": 4,
        "known": 1,
        "waiting": 2,
        "failed": 1,
    }
    assert [failure["title"] for failure in wants["failures"]] == ["Desertshore"]
    assert wants["next_retry_at"] is not None

    # The stranger shares the instance's master lists, but not the owner's albums; nor does
    # the owner see the stranger's.
    stranger_id = int((await me(client, stranger))["id"])
    await add_release(db_session, 617, title="Camera Obscura")
    await want(db_session, stranger_id, 617)
    response = await client.get("/api/v1/library/pressings", headers=stranger)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["wants"]["albums"], body["wants"]["waiting"], body["wants"]["failures"]) == (
        1,
        1,
        [],
    )
    assert body["collection"]["albums"] == 0 and body["wants"]["next_retry_at"] is None
    again = (await client.get("/api/v1/library/pressings", headers=owner)).json()["wants"]
    assert (again["albums"], again["waiting"]) == (4, 2)

    assert (await client.get("/api/v1/library/pressings")).status_code == 401
