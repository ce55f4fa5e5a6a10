"""What browsers see: cover images, and plain pages behind the `uri`/`itemWebUrl` links."""

from __future__ import annotations

import hashlib
from html import escape
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from vinyldigger_sandbox.dependencies import State
from vinyldigger_sandbox.web_market_pages import release_path
from vinyldigger_sandbox.world import ebay_ordinal

_PALETTE = (
    "#1b4965",
    "#5fa8d3",
    "#62b6cb",
    "#bc4749",
    "#6a994e",
    "#f2cc8f",
    "#3d405b",
    "#e07a5f",
    "#81b29a",
    "#9c6644",
    "#7f5539",
    "#003049",
)


def cover_svg(key: str, label: str) -> str:
    """A made-up sleeve: two colours and a label, the same every time for the same key."""
    digest = hashlib.sha256(key.encode()).digest()
    back, front = _PALETTE[digest[0] % len(_PALETTE)], _PALETTE[digest[1] % len(_PALETTE)]
    radius = 120 + digest[2] % 120
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 600" width="600" height="600">'
        f'<rect width="600" height="600" fill="{back}"/>'
        f'<circle cx="300" cy="300" r="{radius}" fill="{front}"/>'
        '<circle cx="300" cy="300" r="18" fill="#111"/>'
        f'<text x="30" y="570" font-family="sans-serif" font-size="36" fill="#fff">'
        f"{escape(label)}</text></svg>"
    )


def _page(title: str, body: str) -> HTMLResponse:
    return HTMLResponse(
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title></head><body><h1>{escape(title)}</h1>"
        f"{body}</body></html>"
    )


image_router = APIRouter()


@image_router.get("/{kind}/{name}.svg")
async def image(kind: str, name: str) -> Response:
    return Response(
        cover_svg(f"{kind}/{name}", f"{kind[:1].upper()}{name.split('-', maxsplit=1)[0]}"),
        media_type="image/svg+xml",
        headers={"cache-control": "public, max-age=86400"},
    )


discogs_pages = APIRouter()


@discogs_pages.get("/release/{slug}", response_class=HTMLResponse)
async def release_page(slug: str, state: State) -> HTMLResponse:
    release_id = slug.split("-", maxsplit=1)[0]
    release = state.world.catalog.release_by_id(int(release_id)) if release_id.isdigit() else None
    if release is None:
        return HTMLResponse("Not found", status_code=404)
    master = state.world.catalog.masters[release.master_index]
    artist = state.world.catalog.artists[master.artist_index].name
    return _page(
        f"{artist} \u2013 {release.title}",
        f"<p>{release.year} · {escape(release.country)} · {escape(release.catno)}</p>",
    )


@discogs_pages.get("/sell/item/{listing_id}", response_class=HTMLResponse)
async def listing_page(listing_id: int, request: Request, state: State) -> HTMLResponse:
    listing = state.world.discogs.listing(listing_id)
    if listing is None:
        return HTMLResponse("Not found", status_code=404)
    release = state.world.catalog.release(listing.release_index)
    seller = state.world.sellers[listing.seller_index].discogs_username
    status = "For Sale" if state.world.discogs.is_for_sale(listing_id) else "Sold"
    root = request.scope.get("root_path", "")
    price = state.world.discogs.price_of(listing)
    return _page(
        f"{release.title} ({listing.condition})",
        f"<p>{status}: {price:.2f} {listing.currency}</p>"
        f'<p><a href="{release_path(request, state, release.index)}">Release</a> &middot; '
        f'Seller: <a href="{root}/seller/{quote(seller)}/profile">{escape(seller)}</a></p>',
    )


ebay_pages = APIRouter()


@ebay_pages.get("/itm/{legacy_id}", response_class=HTMLResponse)
async def item_page(legacy_id: str, state: State) -> HTMLResponse:
    ordinal = ebay_ordinal(legacy_id)
    item = state.world.ebay.item(ordinal) if ordinal is not None else None
    if item is None:
        return HTMLResponse("Not found", status_code=404)
    active = state.world.ebay.is_active(item.ordinal)
    return _page(item.title, f"<p>{'Available' if active else 'This listing has ended'}</p>")
