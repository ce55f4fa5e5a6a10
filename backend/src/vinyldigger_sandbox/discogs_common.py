"""Helpers shared by the Discogs routes: answers, links, currencies, sorting, paging."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from fastapi.responses import JSONResponse

from vinyldigger_sandbox.dependencies import State, mounted_base
from vinyldigger_sandbox.discogs_auth import DiscogsCaller, DiscogsError, identify_caller
from vinyldigger_sandbox.discogs_shapes import Links
from vinyldigger_sandbox.fx import DISCOGS_CURRENCY_IDS
from vinyldigger_sandbox.pagination import Page, page_from, pagination_block

T = TypeVar("T")
MEDIA_TYPE_HEADER = {"x-discogs-media-type": "discogs.v2"}
WEB_PREFIX = "/discogs-web"
IMAGES_PREFIX = "/img"


async def get_caller(request: Request, state: State) -> DiscogsCaller:
    return await identify_caller(request, state)


Caller = Annotated[DiscogsCaller, Depends(get_caller)]


def discogs_json(
    content: Any, status: int = 200, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        content, status_code=status, headers={**MEDIA_TYPE_HEADER, **(headers or {})}
    )


def links_for(request: Request, caller: DiscogsCaller) -> Links:
    root = f"{request.url.scheme}://{request.url.netloc}"
    # Unauthenticated callers get empty image URLs, as from the real API.
    return Links(
        api=mounted_base(request),
        web=root + WEB_PREFIX,
        images=root + IMAGES_PREFIX,
        with_images=caller.is_authenticated,
    )


def currency_for(request: Request, caller: DiscogsCaller) -> str:
    """`curr_abbr` if given, else the user's own currency, else USD."""
    requested = request.query_params.get("curr_abbr")
    if requested:
        if requested.upper() not in DISCOGS_CURRENCY_IDS:
            raise DiscogsError(422, f"Invalid curr_abbr: {requested}")
        return requested.upper()
    if caller.user is not None:
        return caller.user.profile.currency
    return "USD"


def paged(
    request: Request,
    values: Sequence[T],
    key: str,
    render: Callable[[T], dict[str, Any]],
    extra: dict[str, Any] | None = None,
) -> JSONResponse:
    """A paginated Discogs answer: `pagination`, then the page's items under `key`."""
    page: Page = page_from(dict(request.query_params), len(values))
    block, link = pagination_block(request.url, page)
    body: dict[str, Any] = {"pagination": block, **(extra or {})}
    body[key] = [render(value) for value in page.slice(values)]
    return discogs_json(body, headers={"link": link} if link else None)


def sort_order(request: Request, default: str = "asc") -> bool:
    """True for descending."""
    order = request.query_params.get("sort_order", default).lower()
    if order not in ("asc", "desc"):
        raise DiscogsError(422, f"Invalid sort_order: {order}")
    return order == "desc"
