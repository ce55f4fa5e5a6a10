"""Discogs-like marketplace pages: Shop my wants, a release's copies for sale, a seller's store.

Every listing is one of the world's Discogs listings, linked as discogs.com links them
(`/sell/item/{id}`), so an id read off a page resolves through `/marketplace/listings/{id}`.
Releases link as `/release/{id}-slug` and pages as `?page=N&limit=25`. The pages also carry
the links any Discogs page has (navigation, sellers, cart, sorting), which are not listings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from vinyldigger_sandbox.dependencies import State
from vinyldigger_sandbox.discogs_shapes import format_words, slug
from vinyldigger_sandbox.fx import format_money
from vinyldigger_sandbox.market import Listing
from vinyldigger_sandbox.state import SandboxState
from vinyldigger_sandbox.users import SandboxUser
from vinyldigger_sandbox.vocabulary import COUNTRY_NAMES
from vinyldigger_sandbox.web_layout import image_root, web_page, web_root
from vinyldigger_sandbox.web_session import login_redirect, signed_in_user

PAGE_LIMITS = (25, 50, 100, 250)
SORTS = ("listed,desc", "listed,asc", "price,asc", "price,desc")

router = APIRouter()


@dataclass(frozen=True, slots=True)
class PageRequest:
    number: int
    limit: int
    sort: str

    def slice(self, ids: Sequence[int]) -> list[int]:
        start = (self.number - 1) * self.limit
        return list(ids[start : start + self.limit])


def _page_request(request: Request) -> PageRequest:
    query = request.query_params
    page = query.get("page", "1")
    limit = query.get("limit", "25")
    sort = query.get("sort", SORTS[0])
    return PageRequest(
        number=max(1, int(page)) if page.isdigit() else 1,
        limit=int(limit) if limit.isdigit() and int(limit) in PAGE_LIMITS else PAGE_LIMITS[0],
        sort=sort if sort in SORTS else SORTS[0],
    )


def _sorted(state: SandboxState, ids: list[int], sort: str) -> list[int]:
    """Newest first by default; ids grow with the date listed, so they sort by date."""
    market = state.world.discogs
    field, order = sort.split(",")
    if field == "price":

        def price(listing_id: int) -> tuple[float, int]:
            listing = market.listing(listing_id)
            assert listing is not None
            usd = state.world.rates.convert(
                market.price_of(listing), listing.currency, "USD", state.world.step
            )
            return usd, listing_id

        return sorted(ids, key=price, reverse=order == "desc")
    return sorted(ids, reverse=order == "desc")


def release_path(request: Request, state: SandboxState, release_index: int) -> str:
    catalog = state.world.catalog
    release = catalog.release(release_index)
    artist = catalog.artists[catalog.masters[release.master_index].artist_index]
    return f"{web_root(request)}/release/{release.id}-{slug(artist.name, release.title)}"


def _price_cell(state: SandboxState, listing: Listing, buyer: SandboxUser | None) -> str:
    """Price, shipping to the signed-in buyer (if the seller ships there) and a conversion."""
    world = state.world
    seller = world.sellers[listing.seller_index]
    price = world.discogs.price_of(listing)
    shipping = "+shipping"
    converted = ""
    if buyer is not None:
        cost = seller.shipping.quote(seller.country, buyer.profile.country, 1, price)
        shipping = "" if cost is None else f"+{format_money(cost, listing.currency)} shipping"
        currency = buyer.profile.currency
        if currency != listing.currency:
            total = price + (cost or 0.0)
            about = world.rates.convert(total, listing.currency, currency, world.step)
            converted = (
                f'<span class="converted_price">about {format_money(about, currency)} total</span>'
            )
    return (
        f'<span class="price">{format_money(price, listing.currency)}</span>'
        f'<span class="item_shipping">{shipping}</span>{converted}'
    )


def _listing_row(
    request: Request, state: SandboxState, listing_id: int, buyer: SandboxUser | None
) -> str:
    world, root = state.world, web_root(request)
    listing = world.discogs.listing(listing_id)
    assert listing is not None
    release = world.catalog.release(listing.release_index)
    master = world.catalog.masters[release.master_index]
    artist = world.catalog.artists[master.artist_index].name
    label = world.catalog.labels[release.label_index].name
    seller = world.sellers[listing.seller_index]
    seller_name, seller_path = escape(seller.discogs_username), quote(seller.discogs_username)
    description = escape(f"{artist} - {release.title} ({', '.join(format_words(release))})")
    release_href = release_path(request, state, release.index)
    unavailable = (
        f'<p class="hide_mobile muted">Unavailable in {escape(buyer_country_name(buyer))}</p>'
        if buyer is not None
        and seller.shipping.rate_for(seller.country, buyer.profile.country) is None
        else ""
    )
    return f"""
<tr class="shortcut_navigable" data-release-id="{release.id}">
  <td class="item_picture"><a href="{release_href}" class="thumbnail_link">
    <img src="{image_root(request)}/release/{release.id}-150.svg" alt="" width="75"></a></td>
  <td class="item_description">{unavailable}
    <strong><a href="{root}/sell/item/{listing.id}" class="item_description_title">
      {description}</a></strong>
    <p class="label_and_cat">Label: {escape(label)} &middot; Cat#: {escape(release.catno)}</p>
    <p class="item_condition">Media: <span>{escape(listing.condition)}</span><br>
      Sleeve: <span>{escape(listing.sleeve_condition)}</span></p>
    <a href="{release_href}" class="item_release_link">View Release Page</a>
    <p class="item_comments">{escape(listing.comments)}</p>
  </td>
  <td class="seller_info"><ul>
    <li><strong><a href="{root}/seller/{seller_path}/profile">{seller_name}</a></strong></li>
    <li><a href="{root}/sell/seller_feedback/{seller_path}">{seller.rating:.1f}%</a>,
      {seller.rating_count:,} ratings</li>
    <li><span>Ships From:</span>{escape(seller.ships_from)}</li></ul></td>
  <td class="item_price">{_price_cell(state, listing, buyer)}</td>
  <td class="item_add_to_cart">
    <a href="{root}/sell/cart/?add={listing.id}" class="button button-green">Add to Cart</a>
  </td>
</tr>"""


def buyer_country_name(buyer: SandboxUser) -> str:
    return COUNTRY_NAMES.get(buyer.profile.country, buyer.profile.country)


def _page_href(request: Request, page: PageRequest, number: int) -> str:
    query: dict[str, str | int] = {"page": number, "limit": page.limit}
    if page.sort != SORTS[0]:
        query["sort"] = page.sort
    return f"{request.url.path}?{urlencode(query)}"


def _pagination(request: Request, page: PageRequest, total: int) -> str:
    pages = max(1, -(-total // page.limit))
    first = min(total, (page.number - 1) * page.limit + 1)
    last = min(total, page.number * page.limit)
    links = []
    if page.number > 1:
        href = _page_href(request, page, min(page.number - 1, pages))
        links.append(f'<a class="pagination_previous" href="{href}">&lsaquo; Previous</a>')
    for number in range(max(1, page.number - 3), min(pages, page.number + 3) + 1):
        if number == page.number:
            links.append(f"<strong>{number}</strong>")
        else:
            links.append(
                f'<a class="pagination_page" href="{_page_href(request, page, number)}">'
                f"{number}</a>"
            )
    if page.number < pages:
        href = _page_href(request, page, page.number + 1)
        links.append(f'<a class="pagination_next" href="{href}">Next &rsaquo;</a>')
    limits = " ".join(
        f'<a href="{request.url.path}?{urlencode({"page": 1, "limit": limit})}">{limit}</a>'
        for limit in PAGE_LIMITS
    )
    sorts = " ".join(
        f'<a href="{request.url.path}?{urlencode({"sort": sort, "limit": page.limit})}">'
        f"{escape(sort)}</a>"
        for sort in SORTS
    )
    return f"""
<div class="pagination">
  <span class="pagination_total">{first} &ndash; {last} of {total:,}</span>
  <nav class="pagination_page_links">{" ".join(links)}</nav>
  <span class="pagination_limit">Show {limits}</span>
  <span class="pagination_sort">Sort {sorts}</span>
</div>"""


def _listings_page(
    request: Request,
    state: SandboxState,
    title: str,
    intro: str,
    ids: list[int],
    *,
    buyer: SandboxUser | None,
) -> HTMLResponse:
    page = _page_request(request)
    ordered = _sorted(state, ids, page.sort)
    rows = "".join(_listing_row(request, state, i, buyer) for i in page.slice(ordered))
    table = (
        f'<table class="table_block mpitems"><tbody>{rows}</tbody></table>'
        if rows
        else '<p class="no_items">No items for sale match your criteria.</p>'
    )
    pagination = _pagination(request, page, len(ordered))
    return web_page(request, title, f"{intro}{pagination}{table}{pagination}", signed_in=buyer)


@router.get("/sell/mywants", response_model=None)
async def shop_my_wants(request: Request, state: State) -> Response:
    buyer = signed_in_user(request, state)
    if buyer is None:
        return login_redirect(request)
    market = state.world.discogs
    ids = [i for release in buyer.wants for i in market.release_listing_ids(release)]
    intro = (
        f'<p class="wants_intro">Items for sale from your '
        f'<a href="{web_root(request)}/mywantlist">Wantlist</a> '
        f"({len(buyer.wants):,} releases).</p>"
    )
    return _listings_page(request, state, "Shop My Wants", intro, ids, buyer=buyer)


@router.get("/sell/release/{release_id}", response_model=None)
async def release_for_sale(release_id: str, request: Request, state: State) -> Response:
    catalog = state.world.catalog
    release = catalog.release_by_id(int(release_id)) if release_id.isdigit() else None
    buyer = signed_in_user(request, state)
    if release is None:
        return web_page(request, "Page not found", "", signed_in=buyer, status=404)
    master = catalog.masters[release.master_index]
    artist = catalog.artists[master.artist_index].name
    master_href = f"{web_root(request)}/master/{master.id}-{slug(artist, master.title)}"
    intro = (
        f'<p class="release_header"><a href="{release_path(request, state, release.index)}">'
        f"{escape(artist)} &ndash; {escape(release.title)}</a> "
        f"({release.year}, {escape(release.country)}) &middot; "
        f'<a href="{master_href}">All versions</a></p>'
    )
    ids = state.world.discogs.release_listing_ids(release.index)
    title = f"{artist} - {release.title} For Sale"
    return _listings_page(request, state, title, intro, ids, buyer=buyer)


@router.get("/seller/{username}/profile", response_model=None)
async def seller_store(username: str, request: Request, state: State) -> Response:
    world = state.world
    seller = world.discogs_seller(username)
    buyer = signed_in_user(request, state)
    if seller is None and world.user(username) is None:
        return web_page(request, "Page not found", "", signed_in=buyer, status=404)
    ids = world.discogs.seller_listing_ids(seller.index) if seller is not None else []
    name = seller.discogs_username if seller is not None else username
    intro = (
        f'<p class="seller_header"><a href="{web_root(request)}/user/{quote(name)}">'
        f"{escape(name)}</a>"
        + (
            f" &middot; {seller.rating:.1f}% positive, {seller.rating_count:,} ratings"
            f" &middot; Ships from {escape(seller.ships_from)}"
            if seller is not None
            else ""
        )
        + "</p>"
    )
    return _listings_page(request, state, f"{name}'s Store", intro, ids, buyer=buyer)
