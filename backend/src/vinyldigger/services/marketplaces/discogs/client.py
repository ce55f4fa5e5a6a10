"""The Discogs API client: identity, want list, collection, database, marketplace.

Every instance in one deployment draws on one budget: Discogs limits by client IP, so the
limiter key is the same for all users and credentials.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal, Self, TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel, ConfigDict, Field
from redis.asyncio import Redis

from vinyldigger.core.config import Settings
from vinyldigger.services.marketplaces.discogs import parsers
from vinyldigger.services.marketplaces.discogs.auth import DiscogsAuth
from vinyldigger.services.marketplaces.dto import (
    CollectionEntry,
    DiscogsIdentity,
    Listing,
    MarketStats,
    MasterDetail,
    MasterVersion,
    Money,
    Page,
    ReleaseDetail,
    SearchResult,
    WantItem,
)
from vinyldigger.services.marketplaces.errors import InvalidResponse
from vinyldigger.services.marketplaces.grades import Grade
from vinyldigger.services.marketplaces.http import (
    CallStats,
    UpstreamTransport,
    build_http_client,
    retry_policy,
)
from vinyldigger.services.marketplaces.ratelimit import (
    UpstreamBudget,
    UpstreamLimiter,
    WaitListener,
    limiter_for,
)

if TYPE_CHECKING:
    from vinyldigger.core.context import AppContext

T = TypeVar("T")

DISCOGS_BUDGET_KEY = "discogs"
MAX_PER_PAGE = 100

InventorySort = Literal["listed", "price", "item", "artist", "label", "catno", "audio"]
SortOrder = Literal["asc", "desc"]


def discogs_budget(settings: Settings) -> UpstreamBudget:
    return UpstreamBudget(
        key=DISCOGS_BUDGET_KEY,
        limit=settings.discogs_rate_limit_per_minute,
        window_seconds=settings.discogs_rate_window_seconds,
    )


def background_keep_free(settings: Settings) -> int:
    """Slots of each window that background calls leave to syncs and searches."""
    share = settings.discogs_background_share
    return round(settings.discogs_rate_limit_per_minute * (1 - share))


def discogs_transport(
    settings: Settings,
    *,
    redis: Redis | None,
    http: httpx.AsyncClient,
    limiter: UpstreamLimiter | None = None,
    stats: CallStats | None = None,
    background: bool = False,
) -> UpstreamTransport:
    return UpstreamTransport(
        platform="discogs",
        http=http,
        limiter=limiter or limiter_for(discogs_budget(settings), redis),
        retry=retry_policy(settings),
        stats=stats or CallStats(),
        max_wait=settings.marketplace_max_wait_seconds,
        read_budget=parsers.parse_rate_limit_headers,
        read_error=parsers.parse_error_message,
        keep_free=background_keep_free(settings) if background else 0,
    )


class DatabaseSearch(BaseModel):
    """Parameters of GET /database/search; unset fields are not sent."""

    model_config = ConfigDict(frozen=True)

    q: str | None = None
    type: Literal["release", "master", "artist", "label"] | None = None
    title: str | None = None
    release_title: str | None = None
    artist: str | None = None
    label: str | None = None
    genre: str | None = None
    style: str | None = None
    country: str | None = None
    year: str | None = None
    format: str | None = None
    catno: str | None = None
    barcode: str | None = None
    track: str | None = None
    page: int = Field(default=1, ge=1)
    per_page: int = Field(default=50, ge=1, le=MAX_PER_PAGE)


class DiscogsClient:
    """Async Discogs API client. Use as `async with` or call `aclose()`."""

    def __init__(
        self,
        transport: UpstreamTransport,
        *,
        base_url: str,
        user_agent: str,
        auth: DiscogsAuth,
        currency: str = "USD",
        owns_http: bool = False,
    ) -> None:
        self._transport = transport
        self._base_url = base_url.rstrip("/")
        self._user_agent = user_agent
        self._auth = auth
        self.currency = currency
        self._owns_http = owns_http

    @classmethod
    def create(
        cls,
        settings: Settings,
        auth: DiscogsAuth,
        *,
        redis: Redis | None = None,
        http: httpx.AsyncClient | None = None,
        limiter: UpstreamLimiter | None = None,
        currency: str = "USD",
        background: bool = False,
    ) -> Self:
        """`background`: calls yield to everyone else's on the shared budget (see
        `background_keep_free`)."""
        own_http = http is None
        client = http or build_http_client(settings)
        transport = discogs_transport(
            settings, redis=redis, http=client, limiter=limiter, background=background
        )
        return cls(
            transport,
            base_url=settings.discogs_base_url,
            user_agent=settings.discogs_user_agent,
            auth=auth,
            currency=currency,
            owns_http=own_http,
        )

    @classmethod
    def from_context(
        cls,
        context: AppContext,
        auth: DiscogsAuth,
        *,
        currency: str = "USD",
        background: bool = False,
    ) -> Self:
        return cls.create(
            context.settings, auth, redis=context.redis, currency=currency, background=background
        )

    @property
    def stats(self) -> CallStats:
        return self._transport.stats

    def report_waits_to(self, listener: WaitListener) -> None:
        """Tell `listener` whenever a call waits for the rate budget, and for how long."""
        self._transport.on_wait = listener

    async def aclose(self) -> None:
        if self._owns_http:
            await self._transport.http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.aclose()

    def _build(self, path: str, params: Mapping[str, Any] | None) -> Callable[[], httpx.Request]:
        clean = {k: v for k, v in (params or {}).items() if v is not None}

        def build() -> httpx.Request:
            request = self._transport.http.build_request(
                "GET",
                self._base_url + path,
                params=clean,
                headers={"User-Agent": self._user_agent, "Accept": "application/json"},
            )
            self._auth.apply(request)
            return request

        return build

    async def _get(
        self, path: str, parse: Callable[[Any], T], params: Mapping[str, Any] | None = None
    ) -> T:
        body = await self._transport.call(self._build(path, params))
        try:
            return parse(body)
        except (KeyError, TypeError, ValueError) as error:
            raise InvalidResponse(
                f"discogs GET {path}: unexpected response shape ({type(error).__name__})",
                platform="discogs",
            ) from None

    async def _pages(
        self, fetch: Callable[[int], Awaitable[Page[T]]], start_page: int
    ) -> AsyncIterator[Page[T]]:
        page_number = start_page
        while True:
            page = await fetch(page_number)
            yield page
            if not page.items or not page.info.has_next:
                return
            page_number = page.info.page + 1

    async def identity(self) -> DiscogsIdentity:
        return await self._get("/oauth/identity", parsers.parse_identity)

    async def wants_page(
        self, username: str, page: int = 1, per_page: int = MAX_PER_PAGE
    ) -> Page[WantItem]:
        return await self._get(
            f"/users/{_segment(username)}/wants",
            parsers.parse_wants_page,
            {"page": page, "per_page": per_page},
        )

    def wants_pages(
        self, username: str, *, per_page: int = MAX_PER_PAGE, start_page: int = 1
    ) -> AsyncIterator[Page[WantItem]]:
        """Every page of the want list in order; `page.info` says "page k of n"."""
        return self._pages(lambda n: self.wants_page(username, n, per_page), start_page)

    async def collection_page(
        self, username: str, page: int = 1, per_page: int = MAX_PER_PAGE, folder_id: int = 0
    ) -> Page[CollectionEntry]:
        return await self._get(
            f"/users/{_segment(username)}/collection/folders/{folder_id}/releases",
            parsers.parse_collection_page,
            {"page": page, "per_page": per_page},
        )

    def collection_pages(
        self,
        username: str,
        *,
        folder_id: int = 0,
        per_page: int = MAX_PER_PAGE,
        start_page: int = 1,
    ) -> AsyncIterator[Page[CollectionEntry]]:
        """Every page of a collection folder (0 = all); one item per owned copy."""
        return self._pages(
            lambda n: self.collection_page(username, n, per_page, folder_id), start_page
        )

    async def release(self, release_id: int, *, currency: str | None = None) -> ReleaseDetail:
        curr = currency or self.currency
        return await self._get(
            f"/releases/{int(release_id)}",
            lambda body: parsers.parse_release(body, curr),
            {"curr_abbr": curr},
        )

    async def master(self, master_id: int, *, currency: str | None = None) -> MasterDetail:
        curr = currency or self.currency
        return await self._get(
            f"/masters/{int(master_id)}",
            lambda body: parsers.parse_master(body, curr),
            {"curr_abbr": curr},
        )

    async def master_versions_page(
        self,
        master_id: int,
        page: int = 1,
        per_page: int = MAX_PER_PAGE,
        *,
        format: str | None = None,
        country: str | None = None,
    ) -> Page[MasterVersion]:
        return await self._get(
            f"/masters/{int(master_id)}/versions",
            parsers.parse_master_versions_page,
            {"page": page, "per_page": per_page, "format": format, "country": country},
        )

    def master_versions_pages(
        self,
        master_id: int,
        *,
        format: str | None = None,
        country: str | None = None,
        per_page: int = MAX_PER_PAGE,
    ) -> AsyncIterator[Page[MasterVersion]]:
        """Every pressing of a master, optionally only one format ("Vinyl") or country."""
        return self._pages(
            lambda n: self.master_versions_page(
                master_id, n, per_page, format=format, country=country
            ),
            1,
        )

    async def marketplace_stats(
        self, release_id: int, *, currency: str | None = None
    ) -> MarketStats:
        return await self._get(
            f"/marketplace/stats/{int(release_id)}",
            parsers.parse_market_stats,
            {"curr_abbr": currency or self.currency},
        )

    async def price_suggestions(self, release_id: int) -> dict[Grade, Money]:
        """Suggested prices per media grade; needs a user who completed seller settings."""
        return await self._get(
            f"/marketplace/price_suggestions/{int(release_id)}", parsers.parse_price_suggestions
        )

    async def listing(self, listing_id: int | str, *, currency: str | None = None) -> Listing:
        return await self._get(
            f"/marketplace/listings/{int(listing_id)}",
            parsers.parse_listing,
            {"curr_abbr": currency or self.currency},
        )

    async def inventory_page(
        self,
        username: str,
        page: int = 1,
        per_page: int = MAX_PER_PAGE,
        *,
        sort: InventorySort = "listed",
        sort_order: SortOrder = "desc",
        status: str = "For Sale",
    ) -> Page[Listing]:
        return await self._get(
            f"/users/{_segment(username)}/inventory",
            parsers.parse_inventory_page,
            {
                "page": page,
                "per_page": per_page,
                "sort": sort,
                "sort_order": sort_order,
                "status": status,
            },
        )

    def inventory_pages(
        self,
        username: str,
        *,
        sort: InventorySort = "listed",
        sort_order: SortOrder = "desc",
        per_page: int = MAX_PER_PAGE,
    ) -> AsyncIterator[Page[Listing]]:
        """A seller's listings, newest first by default."""
        return self._pages(
            lambda n: self.inventory_page(username, n, per_page, sort=sort, sort_order=sort_order),
            1,
        )

    async def search(self, query: DatabaseSearch) -> Page[SearchResult]:
        return await self._get(
            "/database/search", parsers.parse_search_page, query.model_dump(exclude_none=True)
        )


def _segment(value: str) -> str:
    """A path segment: user names are URL-encoded so they cannot change the path."""
    return quote(value, safe="")
