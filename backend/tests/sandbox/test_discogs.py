"""Discogs endpoints: search fields, releases and masters, marketplace, collection, inventory."""

from __future__ import annotations

from typing import Any

import httpx

from tests.sandbox.conftest import token_header
from vinyldigger_sandbox.grading import MEDIA_GRADES, SLEEVE_GRADES
from vinyldigger_sandbox.state import SandboxState

SEARCH = "/discogs/database/search"


def _barcoded_vinyl(state: SandboxState) -> Any:
    catalog = state.world.catalog
    return next(
        catalog.release(i)
        for i in range(catalog.release_count)
        if catalog.release(i).barcode
        and catalog.release(i).is_vinyl
        and state.world.discogs.release_listing_ids(i)
    )


async def test_search_by_fields(
    client: httpx.AsyncClient, info: dict[str, Any], state: SandboxState
) -> None:
    release = _barcoded_vinyl(state)
    catalog = state.world.catalog
    master = catalog.masters[release.master_index]
    artist = catalog.artists[master.artist_index].name
    headers = token_header(info)

    async def ids(**params: Any) -> list[int]:
        response = await client.get(SEARCH, params={"per_page": 100, **params}, headers=headers)
        assert response.status_code == 200
        return [result["id"] for result in response.json()["results"]]

    assert release.id in await ids(barcode=release.barcode)
    assert release.id in await ids(catno=release.catno.replace(" ", "").lower(), type="release")
    by_artist = await ids(artist=artist, release_title=release.title, type="release")
    assert release.id in by_artist
    assert master.id in await ids(q=f"{artist} {release.title}", type="master")
    vinyl = await ids(artist=artist, format="Vinyl", type="release")
    found = [catalog.release_by_id(i) for i in vinyl]
    assert vinyl and all(r is not None and r.is_vinyl for r in found)
    dated = await ids(
        artist=artist, year=str(release.year), country=release.country, type="release"
    )
    assert release.id in dated
    result = (await client.get(SEARCH, params={"barcode": release.barcode}, headers=headers)).json()
    entry = next(r for r in result["results"] if r["id"] == release.id)
    assert entry["year"] == str(release.year) and entry["title"] == f"{artist} - {release.title}"
    assert entry["formats"][0]["qty"] == str(release.quantity)


async def test_release_carries_marketplace_summary(
    client: httpx.AsyncClient, state: SandboxState
) -> None:
    release = _barcoded_vinyl(state)
    body = (await client.get(f"/discogs/releases/{release.id}", params={"curr_abbr": "EUR"})).json()
    world = state.world
    count, lowest = world.discogs.lowest_price([release.index], "EUR", world.rates)
    assert body["num_for_sale"] == count and body["lowest_price"] == lowest
    assert isinstance(body["year"], int) and body["formats"][0]["qty"] == str(release.quantity)
    assert {i["type"] for i in body["identifiers"]} >= {"Barcode"}
    stats = (await client.get(f"/discogs/marketplace/stats/{release.id}")).json()
    assert stats["lowest_price"]["currency"] == "USD" and stats["num_for_sale"] == count
    assert (await client.get("/discogs/releases/999")).json() == {"message": "Release not found."}
    nothing = next(
        r for r in range(world.catalog.release_count) if not world.discogs.release_listing_ids(r)
    )
    empty = await client.get(f"/discogs/marketplace/stats/{world.catalog.release(nothing).id}")
    assert empty.json() == {"lowest_price": None, "num_for_sale": None, "blocked_from_sale": False}


async def test_master_and_its_versions(client: httpx.AsyncClient, state: SandboxState) -> None:
    master = max(state.world.catalog.masters, key=lambda m: m.release_count)
    body = (await client.get(f"/discogs/masters/{master.id}")).json()
    assert body["main_release"] == state.world.catalog.release(master.first_release).id
    versions = (await client.get(f"/discogs/masters/{master.id}/versions")).json()
    assert versions["pagination"]["items"] == master.release_count
    assert versions["filters"]["applied"] == {}
    assert all(isinstance(v["released"], str) for v in versions["versions"])
    vinyl = (
        await client.get(f"/discogs/masters/{master.id}/versions", params={"format": "Vinyl"})
    ).json()
    assert all(v["major_formats"] == ["Vinyl"] for v in vinyl["versions"])
    assert vinyl["filters"]["applied"] == {"format": ["Vinyl"]}
    assert vinyl["pagination"]["items"] == versions["filters"]["available"]["format"].get(
        "Vinyl", 0
    )


async def test_listing_in_the_callers_currency(
    client: httpx.AsyncClient, info: dict[str, Any], state: SandboxState
) -> None:
    world = state.world
    listing = next(
        world.discogs.listing(i)
        for s in world.sellers
        if s.currency == "EUR" and s.on_discogs
        for i in world.discogs.seller_listing_ids(s.index)[:1]
    )
    assert listing is not None
    path = f"/discogs/marketplace/listings/{listing.id}"
    in_usd = (await client.get(path, headers=token_header(info, "demo"))).json()
    in_eur = (await client.get(path, headers=token_header(info, "alice"))).json()
    assert in_eur["price"] == {"value": listing.price, "currency": "EUR"}
    assert "converted" not in in_eur["original_price"]
    assert in_usd["price"]["currency"] == "USD" and in_usd["original_price"]["curr_abbr"] == "EUR"
    assert in_usd["original_price"]["converted"]["curr_abbr"] == "USD"
    assert in_usd["condition"] in MEDIA_GRADES and in_usd["sleeve_condition"] in SLEEVE_GRADES
    assert in_usd["seller"]["stats"]["rating"].replace(".", "").isdigit()
    assert "first item" in in_usd["seller"]["shipping"]


async def test_inventory_sorted_by_date_listed(
    client: httpx.AsyncClient, info: dict[str, Any], state: SandboxState
) -> None:
    seller = max(state.world.sellers, key=lambda s: s.discogs_listings)
    path = f"/discogs/users/{seller.discogs_username}/inventory"
    headers = token_header(info)
    oldest = (
        await client.get(path, params={"sort": "listed", "sort_order": "asc"}, headers=headers)
    ).json()
    newest = (
        await client.get(path, params={"sort": "listed", "sort_order": "desc"}, headers=headers)
    ).json()
    assert oldest["pagination"]["items"] == seller.discogs_listings
    posted = [listing["posted"] for listing in oldest["listings"]]
    assert posted == sorted(posted)
    latest = [listing["posted"] for listing in newest["listings"]]
    assert latest == sorted(latest, reverse=True)
    assert {listing["status"] for listing in oldest["listings"]} == {"For Sale"}
    by_price = (await client.get(path, params={"sort": "price"}, headers=headers)).json()
    values = [listing["original_price"]["value"] for listing in by_price["listings"]]
    assert values == sorted(values)
    bad = await client.get(path, params={"status": "Nope"}, headers=headers)
    assert bad.status_code == 422
    sold = (await client.get(path, params={"status": "Sold"}, headers=headers)).json()
    assert sold["listings"] == []
    unknown = await client.get("/discogs/users/nobody-here/inventory")
    assert unknown.status_code == 404 and "message" in unknown.json()


async def test_collection_grades_in_notes(client: httpx.AsyncClient, info: dict[str, Any]) -> None:
    fields = (
        await client.get("/discogs/users/demo/collection/fields", headers=token_header(info))
    ).json()["fields"]
    assert [f["name"] for f in fields] == ["Media", "Sleeve", "Notes"]
    assert fields[0]["options"] == list(MEDIA_GRADES)
    assert {"Generic", "Not Graded", "No Cover"} <= set(fields[1]["options"])
    public_fields = (await client.get("/discogs/users/demo/collection/fields")).json()["fields"]
    assert [f["id"] for f in public_fields] == [1, 2]
    page = (
        await client.get(
            "/discogs/users/demo/collection/folders/0/releases",
            params={"per_page": 100, "sort": "artist", "sort_order": "asc"},
        )
    ).json()
    assert page["pagination"]["items"] == 300
    for item in page["releases"]:
        notes = {note["field_id"]: note["value"] for note in item["notes"]}
        assert notes[1] in MEDIA_GRADES and notes[2] in SLEEVE_GRADES
        assert 3 not in notes
    artists = [item["basic_information"]["artists"][0]["name"].lower() for item in page["releases"]]
    assert artists == sorted(artists)
    private = await client.get("/discogs/users/demo/collection/folders/1/releases")
    assert private.status_code == 401
    own = await client.get(
        "/discogs/users/demo/collection/folders/1/releases", headers=token_header(info)
    )
    assert own.status_code == 200


async def test_profiles_of_users_and_sellers(
    client: httpx.AsyncClient, info: dict[str, Any], state: SandboxState
) -> None:
    me = (await client.get("/discogs/users/demo", headers=token_header(info))).json()
    assert me["num_wantlist"] == 150 and me["curr_abbr"] == "USD"
    other = (await client.get("/discogs/users/demo", headers=token_header(info, "bob"))).json()
    assert "curr_abbr" not in other
    seller = state.world.sellers[0]
    profile = (await client.get(f"/discogs/users/{seller.discogs_username}")).json()
    assert profile["seller_rating"] == seller.rating
    policy = (await client.get(f"/sandbox/sellers/{seller.discogs_username}")).json()
    assert policy["shipping"]["domestic"]["first_item"] > 0
