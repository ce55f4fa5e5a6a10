"""The eBay Browse API client: item search and single items, priced for the buyer.

Every call names the marketplace (site, currency) and the buyer's location, so that eBay
quotes shipping to the buyer. Calls draw on the application's daily budget, shared by every
process; the application token is cached (see token.py) and renewed once when eBay says 401.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Self, TypeVar
from urllib.parse import quote

import httpx
from redis.asyncio import Redis

from vinyldigger.core.config import Settings
from vinyldigger.services.credentials import EbayCredentials
from vinyldigger.services.marketplaces.dto import EbaySearchPage, Listing
from vinyldigger.services.marketplaces.ebay import parsers
from vinyldigger.services.marketplaces.ebay.query import EbaySearch
from vinyldigger.services.marketplaces.ebay.token import (
    DEFAULT_CACHE_PREFIX,
    EbayTokenProvider,
    application_key,
)
from vinyldigger.services.marketplaces.errors import InvalidResponse, Unauthorized
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

BROWSE_PATH = "/buy/browse/v1"
DAY_SECONDS = 86_400.0


def ebay_budget(settings: Settings, credentials: EbayCredentials) -> UpstreamBudget:
    """eBay counts Browse calls per application and day."""
    key = application_key(settings.ebay_auth_url, credentials.client_id)
    return UpstreamBudget(
        key=f"ebay:{key}", limit=settings.ebay_calls_per_day, window_seconds=DAY_SECONDS
    )


def end_user_context(country: str, postal_code: str) -> str:
    """X-EBAY-C-ENDUSERCTX value: contextualLocation=country%3DUS%2Czip%3D19406."""
    return "contextualLocation=" + quote(f"country={country},zip={postal_code}", safe="")


class EbayClient:
    """Async eBay Browse client for one application and buyer. Use as `async with`."""

    def __init__(
        self,
        transport: UpstreamTransport,
        tokens: EbayTokenProvider,
        *,
        base_url: str,
        credentials: EbayCredentials,
        user_agent: str,
        owns_http: bool = False,
    ) -> None:
        self._transport = transport
        self._tokens = tokens
        self._base_url = base_url.rstrip("/") + BROWSE_PATH
        self._marketplace_id = credentials.marketplace_id
        self._location = end_user_context(credentials.buyer_country, credentials.buyer_postal_code)
        self._user_agent = user_agent
        self._owns_http = owns_http

    @classmethod
    def create(
        cls,
        settings: Settings,
        credentials: EbayCredentials,
        *,
        redis: Redis | None = None,
        http: httpx.AsyncClient | None = None,
        limiter: UpstreamLimiter | None = None,
        stats: CallStats | None = None,
        token_cache_prefix: str = DEFAULT_CACHE_PREFIX,
    ) -> Self:
        client = http or build_http_client(settings)
        transport = UpstreamTransport(
            platform="ebay",
            http=client,
            limiter=limiter or limiter_for(ebay_budget(settings, credentials), redis),
            retry=retry_policy(settings),
            stats=stats or CallStats(),
            max_wait=settings.marketplace_max_wait_seconds,
            read_error=parsers.parse_error_message,
        )
        tokens = EbayTokenProvider(
            transport,
            auth_url=settings.ebay_auth_url,
            client_id=credentials.client_id,
            client_secret=credentials.client_secret,
            user_agent=settings.discogs_user_agent,
            redis=redis,
            cache_prefix=token_cache_prefix,
        )
        return cls(
            transport,
            tokens,
            base_url=settings.ebay_base_url,
            credentials=credentials,
            user_agent=settings.discogs_user_agent,
            owns_http=http is None,
        )

    @classmethod
    def from_context(cls, context: AppContext, credentials: EbayCredentials) -> Self:
        return cls.create(context.settings, credentials, redis=context.redis)

    @property
    def stats(self) -> CallStats:
        return self._transport.stats

    @property
    def tokens(self) -> EbayTokenProvider:
        return self._tokens

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

    async def search(self, query: EbaySearch) -> EbaySearchPage:
        """One page of results; `next_offset` feeds `query.with_offset()` for the next."""
        return await self._get("/item_summary/search", parsers.parse_search_page, query.params())

    async def item(self, item_id: str) -> Listing:
        """One item by its Browse id ("v1|123|0"), with item specifics and barcode."""
        return await self._get(f"/item/{quote(item_id, safe='')}", parsers.parse_item_body)

    async def _get(
        self, path: str, parse: Callable[[Any], T], params: dict[str, str] | None = None
    ) -> T:
        token = await self._tokens.token()
        try:
            body = await self._transport.call(self._builder(path, params, token))
        except Unauthorized:
            # The cached token was revoked or expired early: mint a new one, once.
            await self._tokens.invalidate(token)
            token = await self._tokens.token()
            body = await self._transport.call(self._builder(path, params, token))
        try:
            return parse(body)
        except (KeyError, TypeError, ValueError) as error:
            raise InvalidResponse(
                f"ebay GET {path}: unexpected response shape ({type(error).__name__})",
                platform="ebay",
            ) from None

    def _builder(
        self, path: str, params: dict[str, str] | None, token: str
    ) -> Callable[[], httpx.Request]:
        def build() -> httpx.Request:
            return self._transport.http.build_request(
                "GET",
                self._base_url + path,
                params=params,
                headers={
                    "Authorization": f"Bearer {token}",
                    "X-EBAY-C-MARKETPLACE-ID": self._marketplace_id,
                    "X-EBAY-C-ENDUSERCTX": self._location,
                    "User-Agent": self._user_agent,
                    "Accept": "application/json",
                },
            )

        return build
