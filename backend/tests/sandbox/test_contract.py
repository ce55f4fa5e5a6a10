"""The sandbox answers in the real APIs' shapes: same keys, same JSON types, recursively.

Each recorded response in the shared fixtures directory is compared with the sandbox's
answer to the same kind of request. A shape is the set of JSON paths it contains (list
items share the path `key[]`) with the JSON types seen at each path. The sandbox must
have every path of the fixture, no path that no recorded response of the same endpoint
has, and the same types. Deliberate differences are listed below with their reasons.
"""

from __future__ import annotations

import json
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.sandbox.conftest import EBAY_SCOPE, ebay_headers, ebay_token, token_header, user_entry
from vinyldigger_sandbox.state import SandboxState

REPO_ROOT = Path(__file__).resolve().parents[3]


def fixtures_dir() -> Path:
    override = os.environ.get("VINYLDIGGER_FIXTURES_DIR")
    return Path(override) if override else REPO_ROOT.parent / "shared" / "fixtures"


Shape = dict[str, set[str]]
# Objects whose keys are data (facet values), not field names.
MAP_PATHS = {
    "filters.applied",
    "filters.available.format",
    "filters.available.label",
    "filters.available.country",
    "filters.available.released",
}


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def shape_of(value: Any, path: str = "", shape: Shape | None = None) -> Shape:
    """Every path in a JSON document with the types found there."""
    shape = {} if shape is None else shape
    shape.setdefault(path or "$", set()).add(json_type(value))
    if isinstance(value, dict):
        for key, child in value.items():
            name = "*" if path in MAP_PATHS else key
            shape_of(child, f"{path}.{name}" if path else name, shape)
    elif isinstance(value, list):
        for item in value:
            shape_of(item, f"{path}[]", shape)
    return shape


@dataclass(frozen=True)
class Case:
    """How to ask the sandbox for what a fixture answers, and what may differ."""

    endpoint: str
    request: Callable[[httpx.AsyncClient, dict[str, Any], SandboxState], Awaitable[Any]]
    # path -> why the sandbox does not send it
    missing: dict[str, str] = field(default_factory=dict)
    # path -> why the sandbox sends it although no recording of the endpoint has it
    extra: dict[str, str] = field(default_factory=dict)


async def _json(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def _release_with_listings(state: SandboxState, *, needs_videos: bool = False) -> int:
    """A vinyl release with copies for sale (and videos, when the fixture has some)."""
    world = state.world
    for index in range(world.catalog.release_count):
        release = world.catalog.release(index)
        master = world.catalog.masters[release.master_index]
        if (
            not release.is_vinyl
            or not release.barcode
            or len(world.discogs.release_listing_ids(index)) < 2
        ):
            continue
        if needs_videos:
            from vinyldigger_sandbox.discogs_shapes import videos

            if not videos(world.catalog, master, world.catalog.artists[master.artist_index]):
                continue
        return release.id
    raise AssertionError("no release with listings in the sandbox world")


def _foreign_listing(state: SandboxState) -> int:
    """A listing priced in another currency than USD, so `converted` is present."""
    world = state.world
    for listing_id in world.discogs.seller_listing_ids(0) + [
        lid for s in world.sellers for lid in world.discogs.seller_listing_ids(s.index)[:3]
    ]:
        listing = world.discogs.listing(listing_id)
        if listing is not None and listing.currency != "USD":
            return listing_id
    raise AssertionError("no foreign-currency listing")


def _biggest_seller(state: SandboxState) -> str:
    seller = max(state.world.sellers, key=lambda s: s.discogs_listings)
    return seller.discogs_username


def _seller_without_wants(state: SandboxState) -> str:
    return state.world.sellers[0].discogs_username


async def _collection(client: httpx.AsyncClient, info: dict[str, Any], _: SandboxState) -> Any:
    return await _json(
        await client.get(
            "/discogs/users/demo/collection/folders/0/releases",
            params={"per_page": 100},
            headers=token_header(info),
        )
    )


async def _search(client: httpx.AsyncClient, info: dict[str, Any], state: SandboxState) -> Any:
    # An album with a coloured-vinyl pressing, so `formats[].text` is in the answer.
    catalog = state.world.catalog
    release = next(
        catalog.release(index)
        for index in range(catalog.release_count)
        if catalog.release(index).format_text and catalog.release(index).barcode
    )
    master = state.world.catalog.masters[release.master_index]
    artist = state.world.catalog.artists[master.artist_index].name
    query = f"{artist} {release.title}"
    return await _json(
        await client.get(
            "/discogs/database/search", params={"q": query}, headers=token_header(info)
        )
    )


async def _release(client: httpx.AsyncClient, _: dict[str, Any], state: SandboxState) -> Any:
    # Unauthenticated, like the recording: image URLs come back empty.
    release_id = _release_with_listings(state, needs_videos=True)
    return await _json(await client.get(f"/discogs/releases/{release_id}"))


async def _versions(client: httpx.AsyncClient, _: dict[str, Any], state: SandboxState) -> Any:
    master = max(state.world.catalog.masters, key=lambda m: m.release_count)
    return await _json(
        await client.get(f"/discogs/masters/{master.id}/versions", params={"per_page": 1})
    )


async def _wants(client: httpx.AsyncClient, info: dict[str, Any], _: SandboxState) -> Any:
    return await _json(
        await client.get(
            "/discogs/users/demo/wants", params={"per_page": 100}, headers=token_header(info)
        )
    )


async def _empty_wants(client: httpx.AsyncClient, info: dict[str, Any], state: SandboxState) -> Any:
    username = _seller_without_wants(state)
    return await _json(
        await client.get(f"/discogs/users/{username}/wants", headers=token_header(info))
    )


async def _want_added(client: httpx.AsyncClient, info: dict[str, Any], state: SandboxState) -> Any:
    user = state.world.user("demo")
    assert user is not None
    new = next(
        index for index in range(state.world.catalog.release_count) if index not in user.wants
    )
    release_id = state.world.catalog.release(new).id
    return await _json(
        await client.put(f"/discogs/users/demo/wants/{release_id}", headers=token_header(info)),
        status=201,
    )


async def _listing(client: httpx.AsyncClient, info: dict[str, Any], state: SandboxState) -> Any:
    listing_id = _foreign_listing(state)
    return await _json(
        await client.get(f"/discogs/marketplace/listings/{listing_id}", headers=token_header(info))
    )


async def _inventory(client: httpx.AsyncClient, info: dict[str, Any], state: SandboxState) -> Any:
    return await _json(
        await client.get(
            f"/discogs/users/{_biggest_seller(state)}/inventory",
            params={"per_page": 100},
            headers=token_header(info),
        )
    )


async def _stats(client: httpx.AsyncClient, _: dict[str, Any], state: SandboxState) -> Any:
    return await _json(
        await client.get(f"/discogs/marketplace/stats/{_release_with_listings(state)}")
    )


async def _identity(client: httpx.AsyncClient, info: dict[str, Any], _: SandboxState) -> Any:
    return await _json(await client.get("/discogs/oauth/identity", headers=token_header(info)))


async def _unauthenticated(client: httpx.AsyncClient, _: dict[str, Any], __: SandboxState) -> Any:
    return await _json(await client.get("/discogs/database/search", params={"q": "blue"}), 401)


async def _missing_release(client: httpx.AsyncClient, _: dict[str, Any], __: SandboxState) -> Any:
    return await _json(await client.get("/discogs/releases/249504"), 404)


async def _ebay_search(client: httpx.AsyncClient, info: dict[str, Any], _: SandboxState) -> Any:
    token = await ebay_token(client, info)
    return await _json(
        await client.get(
            "/ebay/buy/browse/v1/item_summary/search",
            params={"category_ids": "176985", "q": "lp", "limit": 200},
            headers=ebay_headers(token),
        )
    )


async def _ebay_search_by_price(
    client: httpx.AsyncClient, info: dict[str, Any], _: SandboxState
) -> Any:
    token = await ebay_token(client, info)
    return await _json(
        await client.get(
            "/ebay/buy/browse/v1/item_summary/search",
            params={"category_ids": "176985", "q": "lp", "limit": 200, "sort": "price"},
            headers=ebay_headers(token),
        )
    )


async def _ebay_token(client: httpx.AsyncClient, info: dict[str, Any], _: SandboxState) -> Any:
    user = user_entry(info, "demo")
    return await _json(
        await client.post(
            "/ebay/identity/v1/oauth2/token",
            auth=(user["ebay_client_id"], user["ebay_client_secret"]),
            data={"grant_type": "client_credentials", "scope": EBAY_SCOPE},
        )
    )


_NO_VARIATIONS = "records are never listed with variations, so there is no item group"
_OWNER_ONLY = "an owner-only field; sandbox sellers are not sandbox users"
_CONVERTED_AMOUNT = (
    "eBay's contract types these as ConvertedAmount, like `price`; the recorded discounted "
    "items happened to be in the site's own currency"
)
EBAY_SEARCH_EXTRA = {
    f"itemSummaries[].marketingPrice.{amount}.convertedFrom{part}": _CONVERTED_AMOUNT
    for amount in ("originalPrice", "discountAmount")
    for part in ("Value", "Currency")
}
EBAY_SEARCH_MISSING: dict[str, str] = {
    "itemSummaries[].itemGroupHref": _NO_VARIATIONS,
    "itemSummaries[].itemGroupType": _NO_VARIATIONS,
}

EBAY_SEARCH_DIFFERENCES = {"missing": EBAY_SEARCH_MISSING, "extra": EBAY_SEARCH_EXTRA}

CASES: dict[str, Case] = {
    "discogs/collection_folder0_page.json": Case("collection", _collection),
    "discogs/collection_folder0_page_2014.json": Case("collection", _collection),
    "discogs/collection_folder0_page_2026.json": Case("collection", _collection),
    "discogs/database_search.json": Case("search", _search),
    "discogs/database_search_2014.json": Case("search", _search),
    "discogs/release_249504.json": Case("release", _release),
    "discogs/master_versions.json": Case("versions", _versions),
    "discogs/wants_page_2014.json": Case(
        "wants",
        _wants,
        missing={"wants[].notes_public": "replaced by `notes` (owner only) in modern answers"},
    ),
    "discogs/wants_page_empty_2026.json": Case("wants", _empty_wants),
    "discogs/want_added_2026.json": Case("want", _want_added),
    "discogs/marketplace_listing.json": Case("listing", _listing),
    "discogs/marketplace_listing_2014.json": Case(
        "listing", _listing, missing={"weight": _OWNER_ONLY}
    ),
    "discogs/inventory_page.json": Case("inventory", _inventory),
    "discogs/inventory_page_docs.json": Case("inventory", _inventory),
    "discogs/marketplace_stats.json": Case("stats", _stats),
    "discogs/oauth_identity.json": Case("identity", _identity),
    "discogs/error_401_unauthenticated.json": Case("error", _unauthenticated),
    "discogs/error_404_release.json": Case("error", _missing_release),
    "ebay/item_summary_search_docs_sample.json": Case(
        "ebay-search", _ebay_search, **EBAY_SEARCH_DIFFERENCES
    ),
    "ebay/item_summary_search_bestmatch_trimmed.json": Case(
        "ebay-search", _ebay_search, **EBAY_SEARCH_DIFFERENCES
    ),
    "ebay/item_summary_search_sort_price_trimmed.json": Case(
        "ebay-search", _ebay_search_by_price, **EBAY_SEARCH_DIFFERENCES
    ),
    "ebay/oauth_token_application.json": Case("ebay-token", _ebay_token),
}


def _nested(prefix: str) -> Callable[[str], str | None]:
    return lambda path: prefix if path == "$" else f"{prefix}.{path}"


def _unnested(prefix: str) -> Callable[[str], str | None]:
    def convert(path: str) -> str | None:
        if path == prefix:
            return "$"
        return path[len(prefix) + 1 :] if path.startswith(prefix + ".") else None

    return convert


def _moved(source: str, target: str) -> Callable[[str], str | None]:
    return lambda path: target + path[len(source) :] if path.startswith(source) else None


# Objects that several endpoints share: the same want alone (PUT) and in want-list pages,
# the same listing alone and in inventories, the same `basic_information` in wants and
# collections, and one `pagination` object everywhere.
_PAGINATION = _moved("pagination", "pagination")
RELATED: dict[str, list[tuple[str, Callable[[str], str | None]]]] = {
    "wants": [
        ("want", _nested("wants[]")),
        ("collection", _moved("releases[].basic_information", "wants[].basic_information")),
    ],
    "want": [
        ("wants", _unnested("wants[]")),
        ("collection", _moved("releases[].basic_information", "basic_information")),
    ],
    "inventory": [("listing", _nested("listings[]")), ("collection", _PAGINATION)],
    "search": [("collection", _PAGINATION)],
    "versions": [("collection", _PAGINATION)],
}
NOT_SERVED = {
    "discogs/price_suggestions.json": "price suggestions need seller settings; not served",
    "discogs/response_headers_2026.json": "headers, checked by test_rate_limit_headers_match",
    "ebay/oauth_token_user.json": "authorization-code grant: VinylDigger uses no eBay user token",
    "ebay/oauth_token_refresh.json": "refresh-token grant: VinylDigger uses no eBay user token",
}


def _fixture_files() -> list[str]:
    root = fixtures_dir()
    if not root.is_dir():
        return []
    return sorted(str(path.relative_to(root)) for path in root.glob("*/*.json"))


def _load(name: str) -> Any:
    return json.loads((fixtures_dir() / name).read_text(encoding="utf-8"))


def _endpoint_paths(endpoint: str) -> set[str]:
    """Every path any recording of this endpoint (or of the same object elsewhere) has."""
    paths: set[str] = set()
    present = [name for name in CASES if (fixtures_dir() / name).is_file()]
    for name in present:
        if CASES[name].endpoint == endpoint:
            paths |= set(shape_of(_load(name)))
    for related, convert in RELATED.get(endpoint, []):
        for name in present:
            if CASES[name].endpoint == related:
                paths |= {p for p in map(convert, shape_of(_load(name))) if p is not None}
    return paths


def test_shapes_tell_integers_strings_and_nesting_apart() -> None:
    recorded = shape_of({"formats": [{"qty": "1"}], "year": 1987})
    assert recorded["formats[].qty"] == {"string"}
    assert recorded["year"] == {"integer"}
    assert shape_of({"formats": [{"qty": 1}]})["formats[].qty"] == {"integer"}
    assert shape_of({"price": {"value": 1.5}})["price.value"] == {"number"}


def test_every_fixture_is_compared_or_explained() -> None:
    files = _fixture_files()
    if not files:
        pytest.skip(f"no recorded fixtures under {fixtures_dir()} (set VINYLDIGGER_FIXTURES_DIR)")
    unexplained = [name for name in files if name not in CASES and name not in NOT_SERVED]
    assert unexplained == []


@pytest.mark.parametrize("fixture_name", sorted(CASES))
async def test_sandbox_answer_has_the_recorded_shape(
    fixture_name: str, client: httpx.AsyncClient, info: dict[str, Any], state: SandboxState
) -> None:
    if not (fixtures_dir() / fixture_name).is_file():
        pytest.skip(
            f"{fixture_name} not found under {fixtures_dir()} "
            "(set VINYLDIGGER_FIXTURES_DIR to the shared fixtures directory)"
        )
    case = CASES[fixture_name]
    recorded = shape_of(_load(fixture_name))
    answered = shape_of(await case.request(client, info, state))
    known = _endpoint_paths(case.endpoint) | set(case.extra)

    missing = sorted(set(recorded) - set(answered) - set(case.missing))
    extra = sorted(set(answered) - known)
    wrong_types = {
        path: (sorted(answered[path]), sorted(recorded[path]))
        for path in set(recorded) & set(answered)
        if not answered[path] <= recorded[path]
    }
    assert missing == [], f"keys the sandbox does not send: {missing}"
    assert extra == [], f"keys no recording of this endpoint has: {extra}"
    assert wrong_types == {}, f"(sandbox types, recorded types) differ: {wrong_types}"


async def test_rate_limit_headers_match(client: httpx.AsyncClient, info: dict[str, Any]) -> None:
    name = "discogs/response_headers_2026.json"
    if not (fixtures_dir() / name).is_file():
        pytest.skip(f"{name} not found under {fixtures_dir()}")
    recorded = _load(name)
    answers = {
        "oauth_identity_200": await client.get(
            "/discogs/oauth/identity", headers=token_header(info)
        ),
        "user_wants_200": await client.get("/discogs/users/demo/wants", headers=token_header(info)),
    }
    for key, response in answers.items():
        wanted = {h.lower() for h in recorded[key] if h.lower().startswith("x-discogs")}
        assert wanted <= {h.lower() for h in response.headers}, key
        for header in wanted - {"x-discogs-media-type"}:
            assert response.headers[header].isdigit()
