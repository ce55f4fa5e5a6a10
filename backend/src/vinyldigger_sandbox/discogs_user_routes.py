"""Discogs user endpoints: identity, profile, want list, collection, seller inventory."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from vinyldigger_sandbox.catalog import Catalog
from vinyldigger_sandbox.dependencies import State
from vinyldigger_sandbox.discogs_auth import DiscogsError
from vinyldigger_sandbox.discogs_common import (
    Caller,
    currency_for,
    discogs_json,
    links_for,
    paged,
    sort_order,
)
from vinyldigger_sandbox.discogs_market_shapes import (
    collection_fields_json,
    collection_item_json,
    listing_json,
    profile_json,
    registered_date,
    want_json,
)
from vinyldigger_sandbox.discogs_routes import user_stats
from vinyldigger_sandbox.state import SandboxState
from vinyldigger_sandbox.users import CollectionItem, SandboxUser, Want

NO_SUCH_USER = "User does not exist or may have been deleted."
INVENTORY_STATUSES = ("For Sale", "Draft", "Expired", "Sold", "Deleted", "All")


def _release_sort_key(catalog: Catalog, sort: str) -> Callable[[int], Any]:
    """Key on a release index for the collection/want sorts Discogs offers."""

    def key(index: int) -> Any:
        release = catalog.release(index)
        master = catalog.masters[release.master_index]
        return {
            "artist": catalog.artists[master.artist_index].name.lower(),
            "title": release.title.lower(),
            "label": catalog.labels[release.label_index].name.lower(),
            "catno": release.catno.lower(),
            "format": release.format_name,
            "year": release.year,
        }.get(sort, index)

    return key


router = APIRouter()


def existing_user(state: SandboxState, username: str) -> SandboxUser | None:
    world = state.world
    user = world.user(username)
    if user is None and world.discogs_seller(username) is None:
        raise DiscogsError(404, NO_SUCH_USER)
    return user


@router.get("/oauth/identity")
async def identity(request: Request, state: State, caller: Caller) -> JSONResponse:
    if caller.user is None:
        raise DiscogsError(401, "You must authenticate to access this resource.")
    links = links_for(request, caller)
    return discogs_json(
        {
            "id": caller.user.id,
            "username": caller.user.username,
            "resource_url": f"{links.api}/users/{caller.user.username}",
            "consumer_name": caller.consumer_name,
        }
    )


@router.get("/users/{username}")
async def profile(username: str, request: Request, state: State, caller: Caller) -> JSONResponse:
    world = state.world
    user = existing_user(state, username)
    links = links_for(request, caller)
    if user is not None:
        return discogs_json(
            profile_json(
                user.username,
                user.id,
                links,
                location=user.profile.country,
                registered=registered_date(2000 + user.index, world.clock.time_at(0)),
                num_wantlist=len(user.wants),
                num_collection=len(user.collection),
                num_for_sale=0,
                rating=0.0,
                rating_count=0,
                currency=user.profile.currency if caller.is_owner(username) else None,
            )
        )
    seller = world.discogs_seller(username)
    assert seller is not None
    return discogs_json(
        profile_json(
            seller.discogs_username,
            seller.id,
            links,
            location=seller.ships_from,
            registered=registered_date(seller.registered_days_ago, world.clock.time_at(0)),
            num_wantlist=0,
            num_collection=0,
            num_for_sale=len(world.discogs.seller_listing_ids(seller.index)),
            rating=seller.rating,
            rating_count=seller.rating_count,
            currency=None,
        )
    )


@router.get("/users/{username}/wants")
async def wants(username: str, request: Request, state: State, caller: Caller) -> JSONResponse:
    user = existing_user(state, username)
    entries = list(user.wants.values()) if user else []
    catalog = state.world.catalog
    sort = request.query_params.get("sort", "added")
    descending = sort_order(request, "desc" if sort == "added" else "asc")
    if sort == "added":
        entries.sort(key=lambda want: (want.date_added, want.release_index), reverse=descending)
    else:
        key = _release_sort_key(catalog, sort)
        entries.sort(
            key=lambda want: (key(want.release_index), want.release_index), reverse=descending
        )
    links = links_for(request, caller)
    is_owner = caller.is_owner(username)

    def render(want: Want) -> dict[str, Any]:
        assert user is not None
        return want_json(catalog, user, want, links, is_owner)

    # Modern want-list pages carry an undocumented "src" key; clients must ignore it.
    return paged(request, entries, "wants", render, {"src": "es"})


@router.api_route("/users/{username}/wants/{release_id}", methods=["PUT", "POST"])
async def add_want(
    username: str,
    release_id: int,
    request: Request,
    state: State,
    caller: Caller,
) -> JSONResponse:
    user = caller.require_owner(username)
    world = state.world
    release = world.catalog.release_by_id(release_id)
    if release is None:
        raise DiscogsError(404, "Release not found.")
    notes, rating = await _want_fields(request)
    want = user.wants.get(release.index)
    created = want is None
    if want is None:
        want = Want(release.index, world.clock.now, 0, "")
        user.wants[release.index] = want
    if notes is not None:
        want.notes = notes
    if rating is not None:
        want.rating = rating
    body = want_json(world.catalog, user, want, links_for(request, caller), True)
    return discogs_json(body, status=201 if created else 200)


async def _want_fields(request: Request) -> tuple[str | None, int | None]:
    """`notes` and `rating` from the query string or a JSON body (clients send either)."""
    fields: dict[str, Any] = dict(request.query_params)
    if request.headers.get("content-type", "").startswith("application/json"):
        raw = await request.body()
        try:
            body = json.loads(raw) if raw.strip() else {}
        except ValueError as error:
            raise DiscogsError(400, "The request body is not valid JSON.") from error
        if not isinstance(body, dict):
            raise DiscogsError(400, "The request body must be a JSON object.")
        fields.update({key: value for key, value in body.items() if value is not None})
    notes = fields.get("notes")
    if notes is not None and not isinstance(notes, str):
        raise DiscogsError(422, "Invalid notes: must be a string.")
    rating = fields.get("rating")
    if rating is None:
        return notes, None
    if isinstance(rating, str) and rating.isdigit():
        rating = int(rating)
    if isinstance(rating, bool) or not isinstance(rating, int) or not 0 <= rating <= 5:
        raise DiscogsError(422, "Invalid rating: must be between 0 and 5.")
    return notes, rating


@router.delete("/users/{username}/wants/{release_id}")
async def remove_want(username: str, release_id: int, state: State, caller: Caller) -> Response:
    user = caller.require_owner(username)
    release = state.world.catalog.release_by_id(release_id)
    if release is None or release.index not in user.wants:
        raise DiscogsError(404, "Release not in want list.")
    del user.wants[release.index]
    return Response(status_code=204)


@router.get("/users/{username}/collection/folders")
async def folders(username: str, request: Request, state: State, caller: Caller) -> JSONResponse:
    user = existing_user(state, username)
    count = len(user.collection) if user else 0
    base = f"{links_for(request, caller).api}/users/{username}/collection/folders"
    listed = [{"id": 0, "count": count, "name": "All", "resource_url": f"{base}/0"}]
    if caller.is_owner(username):
        listed.append(
            {"id": 1, "count": count, "name": "Uncategorized", "resource_url": f"{base}/1"}
        )
    return discogs_json({"folders": listed})


@router.get("/users/{username}/collection/fields")
async def collection_fields(username: str, state: State, caller: Caller) -> JSONResponse:
    existing_user(state, username)
    return discogs_json(collection_fields_json(caller.is_owner(username)))


@router.get("/users/{username}/collection/folders/{folder_id}/releases")
async def collection(
    username: str,
    folder_id: int,
    request: Request,
    state: State,
    caller: Caller,
) -> JSONResponse:
    user = existing_user(state, username)
    if folder_id != 0:
        caller.require_owner(username)
        if folder_id != 1:
            raise DiscogsError(404, "Folder not found.")
    items = list(user.collection) if user else []
    catalog = state.world.catalog
    sort = request.query_params.get("sort", "added")
    descending = sort_order(request, "desc" if sort in ("added", "rating") else "asc")
    if sort == "added":
        items.sort(key=lambda item: (item.date_added, item.instance_id), reverse=descending)
    elif sort == "rating":
        items.sort(key=lambda item: (item.rating, item.instance_id), reverse=descending)
    else:
        key = _release_sort_key(catalog, sort)
        items.sort(key=lambda item: (key(item.release_index), item.instance_id), reverse=descending)
    links = links_for(request, caller)
    is_owner = caller.is_owner(username)

    def render(item: CollectionItem) -> dict[str, Any]:
        return collection_item_json(catalog, item, links, is_owner)

    return paged(request, items, "releases", render)


@router.get("/users/{username}/inventory")
async def inventory(username: str, request: Request, state: State, caller: Caller) -> JSONResponse:
    world = state.world
    existing_user(state, username)
    status = request.query_params.get("status", "For Sale")
    if status not in INVENTORY_STATUSES:
        raise DiscogsError(422, f"Invalid status: {status}")
    seller = world.discogs_seller(username)
    ids = world.discogs.seller_listing_ids(seller.index) if seller else []
    if status not in ("For Sale", "All"):
        ids = []  # only a seller sees their sold, draft or expired items
    sort = request.query_params.get("sort", "listed")
    descending = sort_order(request, "desc" if sort == "listed" else "asc")
    if sort in ("price", "item", "artist", "label", "catno"):
        ids.sort(key=_inventory_key(state, sort), reverse=descending)
    else:
        # Ids grow with the date listed, so big shops page without generating every listing.
        ids.sort(reverse=descending)
    currency = currency_for(request, caller)
    links = links_for(request, caller)

    def render(listing_id: int) -> dict[str, Any]:
        listing = world.discogs.listing(listing_id)
        assert seller is not None and listing is not None
        return listing_json(
            world.catalog,
            listing,
            seller,
            links,
            status="For Sale",
            price=world.discogs.price_of(listing),
            currency=currency,
            rates=world.rates,
            step=world.step,
            user_stats=user_stats(caller, listing.release_index),
        )

    return paged(request, ids, "listings", render)


def _inventory_key(state: SandboxState, sort: str) -> Callable[[int], Any]:
    world = state.world
    release_key = _release_sort_key(world.catalog, {"item": "title"}.get(sort, sort))

    def key(listing_id: int) -> Any:
        listing = world.discogs.listing(listing_id)
        assert listing is not None
        if sort == "price":
            return world.discogs.price_of(listing), listing_id
        return release_key(listing.release_index), listing_id

    return key
