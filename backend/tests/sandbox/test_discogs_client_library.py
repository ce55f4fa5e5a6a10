"""The sandbox driven by python3-discogs-client, a Discogs client written by others.

The library speaks to the real API; here it is pointed at a sandbox on a socket (it uses
`requests`) and walks identity, want list, collection, releases, masters, inventories,
marketplace listings and search, by personal token and through the OAuth 1.0a dance.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import discogs_client
import httpx
import pytest

from tests.sandbox.conftest import USER_AGENT, small_settings
from vinyldigger_sandbox.server import RunningSandbox, running_sandbox

CALLBACK = "http://app.test/discogs/callback"


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningSandbox]:
    with running_sandbox(small_settings(seed=23)) as running:
        yield running


def _pointed_at(client: Any, sandbox: RunningSandbox) -> Any:
    client._base_url = sandbox.discogs_base_url
    client._request_token_url = f"{sandbox.discogs_base_url}/oauth/request_token"
    client._access_token_url = f"{sandbox.discogs_base_url}/oauth/access_token"
    client._authorize_url = f"{sandbox.base_url}/discogs-web/oauth/authorize"
    client.backoff_enabled = False  # a 429 should fail the test, not sleep
    return client


@pytest.fixture(scope="module")
def client(sandbox: RunningSandbox) -> Any:
    return _pointed_at(discogs_client.Client(USER_AGENT, user_token="sbx_pat_demo"), sandbox)


def test_identity_and_profile(client: Any, sandbox: RunningSandbox) -> None:
    me = client.identity()
    assert me.username == "demo"
    demo = sandbox.state.world.user("demo")
    assert demo is not None
    assert me.id == demo.id
    assert me.num_wantlist == len(demo.wants)
    assert me.num_collection == len(demo.collection)


def test_want_list_add_with_notes_and_rating_list_and_remove(
    client: Any, sandbox: RunningSandbox
) -> None:
    world = sandbox.state.world
    demo = world.user("demo")
    assert demo is not None
    me = client.user("demo")
    listed = {want.id: want for want in me.wantlist}
    assert set(listed) == {world.catalog.release(index).id for index in demo.wants}
    some = next(iter(listed.values()))
    assert some.release.title and isinstance(some.rating, int)
    release_id = next(
        world.catalog.release(index).id
        for index in range(world.catalog.release_count)
        if index not in demo.wants
    )
    me.wantlist.add(release_id, notes="only the first pressing", rating=4)
    added = next(want for want in client.user("demo").wantlist if want.id == release_id)
    assert (added.notes, added.rating) == ("only the first pressing", 4)
    assert added.release.id == release_id
    me.wantlist.remove(release_id)
    assert release_id not in {want.id for want in client.user("demo").wantlist}


def test_collection_folders_and_items(client: Any, sandbox: RunningSandbox) -> None:
    demo = sandbox.state.world.user("demo")
    assert demo is not None
    folders = {folder.id: folder for folder in client.user("demo").collection_folders}
    assert set(folders) == {0, 1} and folders[0].name == "All"
    items = list(folders[0].releases)
    assert len(items) == folders[0].count == len(demo.collection)
    owned = items[0]
    assert owned.instance_id and owned.release.title
    # Grades ride in the notes fields, as on Discogs.
    assert {note["field_id"] for note in owned.notes} >= {1, 2}


def test_releases_masters_and_versions(client: Any, sandbox: RunningSandbox) -> None:
    catalog = sandbox.state.world.catalog
    master = max(catalog.masters, key=lambda m: m.release_count)
    original = catalog.release(master.first_release)
    release = client.release(original.id)
    assert release.title == original.title and release.year == original.year
    assert release.master.id == master.id
    assert release.formats and release.labels[0].name
    stats = release.marketplace_stats
    listed = len(sandbox.state.world.discogs.release_listing_ids(original.index))
    assert (stats.num_for_sale or 0) == listed
    fetched = client.master(master.id)
    assert fetched.title == master.title
    assert fetched.main_release.id == original.id
    versions = list(fetched.versions)
    assert len(versions) == master.release_count
    assert original.id in {version.id for version in versions}


def test_inventories_and_listings(client: Any, sandbox: RunningSandbox) -> None:
    world = sandbox.state.world
    seller = next(
        s for s in world.sellers if 0 < len(world.discogs.seller_listing_ids(s.index)) <= 120
    )
    inventory = list(client.user(seller.discogs_username).inventory)
    assert {listing.id for listing in inventory} == set(
        world.discogs.seller_listing_ids(seller.index)
    )
    first = inventory[0]
    assert first.seller.username == seller.discogs_username
    single = client.listing(first.id)
    assert single.condition == first.condition and single.release.id == first.release.id
    assert single.price.currency == "USD" and single.price.value > 0
    assert single.ships_from == seller.ships_from


def test_search(client: Any, sandbox: RunningSandbox) -> None:
    catalog = sandbox.state.world.catalog
    master = max(catalog.masters, key=lambda m: m.popularity)
    artist = catalog.artists[master.artist_index].name
    results = client.search(master.title, artist=artist, type="release")
    assert results.count > 0
    assert any(result.title.endswith(master.title) for result in results.page(1))
    masters = client.search(master.title, type="master")
    assert master.id in {result.id for result in masters.page(1)}


def test_oauth_with_a_callback(sandbox: RunningSandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")
    app = _pointed_at(discogs_client.Client(USER_AGENT, "sbx_ck_bob", "sbx_cs_bob"), sandbox)
    token, _, authorize_url = app.get_authorize_url(callback_url=CALLBACK)
    with httpx.Client(headers={"User-Agent": USER_AGENT}) as browser:
        page = browser.get(authorize_url)
        assert page.status_code == 200 and 'id="authorize"' in page.text
        approval = browser.post(
            authorize_url.split("?", maxsplit=1)[0],
            data={"oauth_token": token, "username": "bob"},
        )
    assert approval.status_code == 302
    redirect = urlsplit(approval.headers["location"])
    assert f"{redirect.scheme}://{redirect.netloc}{redirect.path}" == CALLBACK
    query = parse_qs(redirect.query)
    assert query["oauth_token"] == [token]
    app.get_access_token(query["oauth_verifier"][0])
    assert app.identity().username == "bob"
    bob = app.user("bob")
    bob.wantlist.add(1000001, notes="signed with OAuth", rating=3)
    added = next(want for want in app.user("bob").wantlist if want.id == 1000001)
    assert (added.notes, added.rating) == ("signed with OAuth", 3)
