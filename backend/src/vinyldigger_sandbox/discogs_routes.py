"""Discogs database and marketplace endpoints: search, releases, masters, stats, listings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from vinyldigger_sandbox.catalog import Catalog, Release
from vinyldigger_sandbox.catalog_search import SearchHit
from vinyldigger_sandbox.dependencies import State
from vinyldigger_sandbox.discogs_auth import DiscogsCaller, DiscogsError
from vinyldigger_sandbox.discogs_common import (
    Caller,
    currency_for,
    discogs_json,
    links_for,
    paged,
)
from vinyldigger_sandbox.discogs_market_shapes import listing_json, stats_json
from vinyldigger_sandbox.discogs_shapes import (
    format_words,
    master_json,
    named_result_json,
    release_json,
    search_result_json,
    version_json,
)
from vinyldigger_sandbox.state import SandboxState

router = APIRouter()
_VERSION_SORTS: dict[str, Callable[[Release], Any]] = {
    "released": lambda r: (r.year, r.id),
    "title": lambda r: (r.title, r.id),
    "format": lambda r: (", ".join(format_words(r)), r.id),
    "label": lambda r: (r.label_index, r.id),
    "catno": lambda r: (r.catno, r.id),
    "country": lambda r: (r.country, r.id),
}
_FACET_TITLES = {"format": "Format", "label": "Label", "country": "Country", "released": "Released"}


def user_stats(caller: DiscogsCaller, release_index: int) -> dict[str, int]:
    """How often the calling user wants and owns a release (zeros when anonymous)."""
    user = caller.user
    if user is None:
        return {"in_wantlist": 0, "in_collection": 0}
    owned = sum(1 for item in user.collection if item.release_index == release_index)
    return {"in_wantlist": int(release_index in user.wants), "in_collection": owned}


def _release_or_404(state: SandboxState, release_id: int) -> Release:
    release = state.world.catalog.release_by_id(release_id)
    if release is None:
        raise DiscogsError(404, "Release not found.")
    return release


@router.get("/database/search")
async def database_search(request: Request, state: State, caller: Caller) -> JSONResponse:
    caller.require_authenticated()
    catalog = state.world.catalog
    links = links_for(request, caller)
    hits = state.world.database_search.search(dict(request.query_params))

    def render(hit: SearchHit) -> dict[str, Any]:
        if hit.type == "artist":
            artist = catalog.artists[hit.index]
            return named_result_json("artist", artist.id, artist.name, links)
        if hit.type == "label":
            label = catalog.labels[hit.index]
            return named_result_json("label", label.id, label.name, links)
        if hit.type == "master":
            master = catalog.masters[hit.index]
            data = _user_data(caller, catalog, master_index=master.index)
            release = catalog.release(master.first_release)
            return search_result_json(catalog, release, links, as_master=True, user_data=data)
        data = _user_data(caller, catalog, release_index=hit.index)
        release = catalog.release(hit.index)
        return search_result_json(catalog, release, links, as_master=False, user_data=data)

    return paged(request, hits, "results", render)


@router.get("/releases/{release_id}")
async def get_release(
    release_id: int, request: Request, state: State, caller: Caller
) -> JSONResponse:
    release = _release_or_404(state, release_id)
    world = state.world
    count, lowest = world.discogs.lowest_price(
        [release.index], currency_for(request, caller), world.rates
    )
    links = links_for(request, caller)
    return discogs_json(release_json(world.catalog, release, links, count, lowest))


@router.get("/masters/{master_id}")
async def get_master(
    master_id: int, request: Request, state: State, caller: Caller
) -> JSONResponse:
    world = state.world
    master = world.catalog.master_by_id(master_id)
    if master is None:
        raise DiscogsError(404, "Master Release not found.")
    indexes = range(master.first_release, master.first_release + master.release_count)
    count, lowest = world.discogs.lowest_price(indexes, currency_for(request, caller), world.rates)
    links = links_for(request, caller)
    return discogs_json(master_json(world.catalog, master, links, count, lowest))


@router.get("/masters/{master_id}/versions")
async def master_versions(
    master_id: int, request: Request, state: State, caller: Caller
) -> JSONResponse:
    catalog = state.world.catalog
    master = catalog.master_by_id(master_id)
    if master is None:
        raise DiscogsError(404, "Master Release not found.")
    releases = catalog.master_releases(master)
    applied: dict[str, list[str]] = {}
    selected = releases
    for name in ("format", "label", "country", "released"):
        value = request.query_params.get(name)
        if value:
            applied[name] = [value]
            selected = [r for r in selected if value in _facet_values(catalog, r)[name]]
    sort = request.query_params.get("sort", "released")
    if sort in _VERSION_SORTS:
        descending = request.query_params.get("sort_order", "asc").lower() == "desc"
        selected = sorted(selected, key=_VERSION_SORTS[sort], reverse=descending)
    facets = _version_facets(catalog, releases)
    links = links_for(request, caller)
    extra = {
        "filters": {"applied": applied, "available": facets},
        "filter_facets": _filter_facets(facets),
    }

    def render(release: Release) -> dict[str, Any]:
        stats = user_stats(caller, release.index) if caller.user else None
        return version_json(catalog, release, links, stats)

    return paged(request, selected, "versions", render, extra)


@router.get("/marketplace/stats/{release_id}")
async def marketplace_stats(
    release_id: int, request: Request, state: State, caller: Caller
) -> JSONResponse:
    release = _release_or_404(state, release_id)
    currency = currency_for(request, caller)
    count, lowest = state.world.discogs.lowest_price([release.index], currency, state.world.rates)
    return discogs_json(stats_json(count, lowest, currency))


@router.get("/marketplace/listings/{listing_id}")
async def get_listing(
    listing_id: int, request: Request, state: State, caller: Caller
) -> JSONResponse:
    world = state.world
    listing = world.discogs.listing(listing_id)
    if listing is None:
        raise DiscogsError(404, "Listing not found.")
    status = "For Sale" if world.discogs.is_for_sale(listing_id) else "Sold"
    body = listing_json(
        world.catalog,
        listing,
        world.sellers[listing.seller_index],
        links_for(request, caller),
        status=status,
        price=world.discogs.price_of(listing),
        currency=currency_for(request, caller),
        rates=world.rates,
        step=world.step,
        user_stats=user_stats(caller, listing.release_index),
    )
    return discogs_json(body)


def _user_data(
    caller: DiscogsCaller,
    catalog: Catalog,
    *,
    release_index: int | None = None,
    master_index: int | None = None,
) -> dict[str, bool] | None:
    """`user_data` of a search result: is it (or, for a master, any pressing) wanted/owned."""
    user = caller.user
    if user is None:
        return None

    def matches(index: int) -> bool:
        if release_index is not None:
            return index == release_index
        return catalog.release_master[index] == master_index

    return {
        "in_wantlist": any(matches(index) for index in user.wants),
        "in_collection": any(matches(item.release_index) for item in user.collection),
    }


def _facet_values(catalog: Catalog, release: Release) -> dict[str, set[str]]:
    return {
        "format": {release.format_name, *release.descriptions},
        "label": {catalog.labels[release.label_index].name},
        "country": {release.country},
        "released": {str(release.year)},
    }


def _version_facets(catalog: Catalog, releases: list[Release]) -> dict[str, dict[str, int]]:
    facets: dict[str, dict[str, int]] = {name: {} for name in _FACET_TITLES}
    for release in releases:
        for name, values in _facet_values(catalog, release).items():
            for value in values:
                facets[name][value] = facets[name].get(value, 0) + 1
    return {
        name: dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        for name, counts in facets.items()
    }


def _filter_facets(facets: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    return [
        {
            "title": _FACET_TITLES[name],
            "id": name,
            "values": [
                {"title": value, "value": value, "count": count} for value, count in counts.items()
            ],
            "allows_multiple_values": name == "format",
        }
        for name, counts in facets.items()
    ]
