"""The synthetic world: the same seed gives the same world, sizes scale, data is plausible."""

from __future__ import annotations

import re
import time
from collections import Counter
from typing import Any

import httpx

from tests.sandbox.conftest import (
    client_for,
    ebay_headers,
    ebay_token,
    small_settings,
    token_header,
)
from vinyldigger_sandbox.app import create_app, sandbox_state
from vinyldigger_sandbox.grading import MEDIA_GRADES, SLEEVE_GRADES
from vinyldigger_sandbox.settings import SandboxSettings
from vinyldigger_sandbox.state import SandboxState
from vinyldigger_sandbox.titles import MAX_TITLE_LENGTH
from vinyldigger_sandbox.world import World

DISCOGS_GRADES = [
    "Mint (M)",
    "Near Mint (NM or M-)",
    "Very Good Plus (VG+)",
    "Very Good (VG)",
    "Good Plus (G+)",
    "Good (G)",
    "Fair (F)",
    "Poor (P)",
]


async def _sample_answers(seed: int) -> list[Any]:
    """A spread of answers from both APIs, as a client would see them."""
    app = create_app(small_settings(seed=seed))
    async with client_for(app) as client:
        info = (await client.get("/sandbox/info")).json()
        headers = token_header(info)
        token = await ebay_token(client, info)
        answers: list[Any] = [{key: info[key] for key in ("seed", "size", "counts", "world_time")}]
        queries: list[tuple[str, dict[str, str | int]]] = [
            ("/discogs/users/demo/wants", {"per_page": 100}),
            ("/discogs/users/demo/collection/folders/0/releases", {"per_page": 100}),
            ("/discogs/releases/1000010", {}),
            ("/discogs/masters/300004/versions", {}),
            ("/discogs/database/search", {"q": "blue"}),
        ]
        for path, params in queries:
            answers.append((await client.get(path, params=params, headers=headers)).json())
        seller = max(
            sandbox_state(app).world.sellers, key=lambda s: s.discogs_listings
        ).discogs_username
        answers.append(
            (await client.get(f"/discogs/users/{seller}/inventory", headers=headers)).json()
        )
        answers.append(
            (
                await client.get(
                    "/ebay/buy/browse/v1/item_summary/search",
                    params={"q": "lp", "limit": 200, "sort": "price"},
                    headers=ebay_headers(token),
                )
            ).json()
        )
        answers.append((await client.post("/sandbox/advance", json={"steps": 2})).json())
        answers.append((await client.get("/fx/eurofxref-daily.xml")).text)
        return answers


async def test_same_seed_gives_identical_world_and_answers() -> None:
    first = await _sample_answers(seed=3)
    second = await _sample_answers(seed=3)
    assert first == second
    other = await _sample_answers(seed=4)
    assert other[1] != first[1]
    assert other[-2] != first[-2]


def test_world_generation_does_not_depend_on_order_of_access() -> None:
    """Releases are generated from their own seed, so reading order does not matter."""
    forward = World(small_settings())
    backward = World(small_settings())
    count = forward.catalog.release_count
    ahead = [forward.catalog.release(index) for index in range(count)]
    behind = [backward.catalog.release(index) for index in reversed(range(count))][::-1]
    assert ahead == behind
    assert [forward.discogs.listing(3_000_000_000 + n) for n in range(0, 5000, 97)] == [
        backward.discogs.listing(3_000_000_000 + n) for n in reversed(range(0, 5000, 97))
    ][::-1]


def test_sizes_scale_and_large_starts_quickly() -> None:
    started = time.perf_counter()
    large = World(SandboxSettings(size="large"))
    build_seconds = time.perf_counter() - started
    small = World(SandboxSettings(size="small"))
    demo = World(SandboxSettings(size="demo"))
    counts = [
        (w.catalog.release_count, len(w.sellers), w.discogs.initial_count, w.ebay.initial_count)
        for w in (small, demo, large)
    ]
    assert 1_500 <= counts[0][0] <= 5_000
    assert counts[0] < counts[1] < counts[2]
    releases, sellers, listings, items = counts[2]
    assert releases >= 20_000 and sellers >= 2_000 and listings >= 200_000 and items >= 40_000
    # Startup builds only compact indexes; the expensive parts are generated lazily.
    assert build_seconds < 10
    assert len(large.discogs._listing_cache) == 0


def test_inventories_are_heavy_tailed() -> None:
    world = World(SandboxSettings(size="demo"))
    sizes = sorted((s.discogs_listings for s in world.sellers if s.on_discogs), reverse=True)
    top_five_share = sum(sizes[:5]) / sum(sizes)
    median = sizes[len(sizes) // 2]
    assert top_five_share > 0.1
    assert sizes[0] > 30 * median
    assert sum(1 for size in sizes if size < 100) > len(sizes) / 2


def test_users_have_wants_and_graded_collections() -> None:
    world = World(small_settings())
    demo = world.user("demo")
    bigwants = world.user("bigwants")
    assert demo is not None and bigwants is not None
    assert len(demo.wants) == 150 and len(demo.collection) == 300
    assert len(bigwants.wants) == 1000
    assert {user.username for user in world.users} >= {"demo", "alice", "bob", "bigwants"}
    assert {item.media_condition for item in demo.collection} <= set(MEDIA_GRADES)
    assert {item.sleeve_condition for item in demo.collection} <= set(SLEEVE_GRADES)
    owned = {item.release_index for item in demo.collection}
    assert owned & set(demo.wants), "some wanted records are owned in a poor grade (upgrades)"
    with_listings = sum(1 for index in demo.wants if world.discogs.release_listing_ids(index))
    assert with_listings > 0.8 * len(demo.wants)


def test_pressings_group_under_masters() -> None:
    world = World(small_settings())
    catalog = world.catalog
    multi = [m for m in catalog.masters if m.release_count >= 3]
    assert len(multi) > 50
    releases = catalog.master_releases(multi[0])
    assert {release.title for release in releases} == {multi[0].title}
    assert len({release.catno for release in releases} | {r.country for r in releases}) > 1
    years = [r.year for r in (catalog.release(i) for i in range(catalog.release_count))]
    barcodes = [catalog.release(i).barcode for i in range(catalog.release_count)]
    old_with_barcode = sum(1 for y, b in zip(years, barcodes, strict=True) if y < 1975 and b)
    new_with_barcode = sum(1 for y, b in zip(years, barcodes, strict=True) if y >= 1990 and b)
    assert old_with_barcode == 0 and new_with_barcode > 0


def test_listing_grades_and_prices_follow_condition() -> None:
    world = World(small_settings())
    listings = [
        world.discogs.listing(3_000_000_000 + n) for n in range(world.discogs.initial_count)
    ]
    conditions = Counter(listing.condition for listing in listings if listing)
    assert set(conditions) <= set(DISCOGS_GRADES)
    assert conditions["Near Mint (NM or M-)"] > conditions["Good (G)"] > 0
    assert {listing.sleeve_condition for listing in listings if listing} >= {
        "Generic",
        "Not Graded",
        "No Cover",
    }
    by_grade: dict[str, list[float]] = {}
    for listing in listings:
        assert listing is not None
        release = world.catalog.release(listing.release_index)
        if listing.currency == "USD":
            by_grade.setdefault(listing.condition, []).append(
                listing.price / release.market_price_usd
            )
    median = {g: sorted(v)[len(v) // 2] for g, v in by_grade.items() if len(v) > 20}
    assert (
        median["Near Mint (NM or M-)"] > median["Very Good Plus (VG+)"] > median["Very Good (VG)"]
    )


def test_ebay_titles_read_like_sellers_wrote_them() -> None:
    world = World(small_settings())
    items = [world.ebay.item(ordinal) for ordinal in range(world.ebay.ordinal_count)]
    titles = [item.title for item in items if item is not None]
    assert all(0 < len(title) <= MAX_TITLE_LENGTH for title in titles)
    joined = "\n".join(titles)
    for marker in (" LP", '12"', "OG", "1st Press", "VG+/", "SEALED"):
        assert marker in joined, marker
    assert any(title.isupper() for title in titles)
    assert sum(1 for title in titles if re.search(r"\b(EX|NM|VG\+?)/(EX|NM|VG\+?)", title)) > 20
    kinds = Counter(world.ebay.truth(o)[2] for o in range(world.ebay.ordinal_count))
    assert kinds["record"] > 0.6 * sum(kinds.values())
    assert (
        kinds["lot"] and kinds["accessory"] and kinds["unlisted_record"] and kinds["other_format"]
    )


async def test_truth_endpoint_names_the_release_behind_an_ebay_item(
    client: httpx.AsyncClient, info: dict[str, Any], state: SandboxState
) -> None:
    token = await ebay_token(client, info)
    search = await client.get(
        "/ebay/buy/browse/v1/item_summary/search",
        params={"category_ids": "176985", "limit": 50},
        headers=ebay_headers(token),
    )
    ids = [item["itemId"] for item in search.json()["itemSummaries"]]
    truth = (await client.get("/sandbox/truth/ebay", params={"item_ids": ",".join(ids)})).json()
    assert [entry["itemId"] for entry in truth["items"]] == ids
    world = state.world
    for entry in truth["items"]:
        if entry["release_id"] is not None:
            release = world.catalog.release_by_id(entry["release_id"])
            assert release is not None
            assert world.catalog.masters[release.master_index].id == entry["master_id"]
        else:
            assert entry["kind"] in ("lot", "accessory", "unlisted_record", "memorabilia")
    everything = (await client.get("/sandbox/truth/ebay")).json()["items"]
    assert len(everything) == info["counts"]["ebay_items_active"]


def test_few_sellers_use_one_name_on_both_marketplaces() -> None:
    world = World(SandboxSettings(size="demo", seed=3))
    both = [seller for seller in world.sellers if seller.on_discogs and seller.on_ebay]
    same = [seller for seller in both if seller.same_name]
    assert len(both) > 100
    assert 0.15 <= len(same) / len(both) <= 0.25
    # Names never lead to someone else: each name, on either marketplace, is one seller's.
    owners: dict[str, set[int]] = {}
    for seller in world.sellers:
        for name in {seller.discogs_username.lower(), seller.ebay_username.lower()}:
            owners.setdefault(name, set()).add(seller.index)
    assert all(len(indexes) == 1 for indexes in owners.values())
    renamed = next(seller for seller in both if not seller.same_name)
    assert world.discogs_seller(renamed.ebay_username) is None
    assert world.ebay_seller(renamed.ebay_username) is renamed
    assert world.discogs_seller(renamed.discogs_username) is renamed
    again = World(SandboxSettings(size="demo", seed=3))
    assert [s.ebay_username for s in again.sellers] == [s.ebay_username for s in world.sellers]
    other_seed = World(SandboxSettings(size="demo", seed=4))
    assert [s.ebay_username for s in other_seed.sellers] != [s.ebay_username for s in world.sellers]


async def test_an_ebay_name_finds_the_discogs_store_only_when_the_seller_kept_it(
    client: httpx.AsyncClient, state: SandboxState, info: dict[str, Any]
) -> None:
    token = await ebay_token(client, info)
    found = await client.get(
        "/ebay/buy/browse/v1/item_summary/search",
        params={"q": "lp", "limit": "200"},
        headers=ebay_headers(token),
    )
    names = {item["seller"]["username"] for item in found.json()["itemSummaries"]}
    outcomes: Counter[str] = Counter()
    for name in sorted(names):
        seller = state.world.ebay_seller(name)
        assert seller is not None
        store = await client.get(f"/discogs/users/{name}/inventory", headers=token_header(info))
        if seller.on_discogs and seller.same_name:
            assert store.status_code == 200 and store.json()["pagination"]["items"] > 0
            outcomes["same"] += 1
        elif seller.on_discogs:
            assert store.status_code == 404
            truth = (await client.get(f"/sandbox/sellers/{name}")).json()
            assert truth["discogs_username"] == seller.discogs_username != name
            outcomes["renamed"] += 1
    assert outcomes["same"] and outcomes["renamed"] > outcomes["same"]
