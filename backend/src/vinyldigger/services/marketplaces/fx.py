"""The ECB euro reference rates: fetching the published XML and reading it.

The ECB publishes one `gesmes:Envelope` per file: `Cube` > `Cube time="YYYY-MM-DD"` >
`Cube currency="USD" rate="1.0850"`, rates in units of the currency per 1 EUR. The daily file
holds one day; the 90-day and historical files hold many days in the same shape, and the
parser reads them all.

The document comes from the network, so it is parsed with DTDs and entities refused: a
rates file never needs them, and they are how XML bombs and external-entity reads work.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # types only; documents are parsed by defusedxml
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Self

import httpx
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from pydantic import Field
from redis.asyncio import Redis

from vinyldigger import __version__
from vinyldigger.core.config import Settings
from vinyldigger.services.marketplaces.dto import Dto
from vinyldigger.services.marketplaces.errors import InvalidResponse
from vinyldigger.services.marketplaces.http import (
    CallStats,
    InvalidBody,
    UpstreamTransport,
    build_http_client,
    retry_policy,
)
from vinyldigger.services.marketplaces.ratelimit import (
    UpstreamBudget,
    UpstreamLimiter,
    limiter_for,
)

if TYPE_CHECKING:
    from vinyldigger.core.context import AppContext

PLATFORM = "ecb"
# The file changes once a working day; a handful of calls a minute is far more than needed
# and keeps a misconfigured schedule from hammering the ECB.
FX_BUDGET = UpstreamBudget(key="ecb", limit=10, window_seconds=60.0, reserve=0)
USER_AGENT = f"VinylDigger/{__version__}"
_CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")


class ReferenceRates(Dto):
    """One day's rates: units of each currency per 1 EUR."""

    day: date
    rates: dict[str, Decimal] = Field(default_factory=dict)


def _local_name(element: ET.Element) -> str:
    # Tags arrive as "{namespace}Cube"; the ECB has used more than one namespace URI over
    # the years, so match on the local name.
    return element.tag.rsplit("}", 1)[-1]


def _parse_rate(raw: str | None) -> Decimal | None:
    if raw is None:
        return None
    try:
        rate = Decimal(raw.strip())
    except InvalidOperation:
        return None
    return rate if rate.is_finite() and rate > 0 else None


def _parse_day(cube: ET.Element) -> ReferenceRates | None:
    try:
        day = date.fromisoformat((cube.get("time") or "").strip())
    except ValueError:
        return None
    rates: dict[str, Decimal] = {}
    for entry in cube:
        if _local_name(entry) != "Cube":
            continue
        currency = (entry.get("currency") or "").strip().upper()
        rate = _parse_rate(entry.get("rate"))
        # An entry that cannot be read is left out rather than stored as a guess.
        if _CURRENCY_CODE.match(currency) and currency != "EUR" and rate is not None:
            rates[currency] = rate
    return ReferenceRates(day=day, rates=rates) if rates else None


def parse_ecb_rates(content: bytes) -> list[ReferenceRates]:
    """Every day in an ECB reference-rates document, oldest first.

    Raises InvalidBody for XML that does not parse (a body cut short is worth retrying) and
    InvalidResponse for a document that is refused (DTD, entities) or holds no rates.
    """
    try:
        root = fromstring(content, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise InvalidResponse(
            f"ECB rates: refused XML ({type(error).__name__})", platform=PLATFORM
        ) from None
    except ET.ParseError as error:
        raise InvalidBody(f"ECB rates: XML does not parse ({error})") from None
    if _local_name(root) != "Envelope":
        raise InvalidResponse(
            f"ECB rates: unexpected document element {_local_name(root)!r}", platform=PLATFORM
        )
    days: dict[date, ReferenceRates] = {}
    for cube in root.iter():
        if _local_name(cube) == "Cube" and cube.get("time") is not None:
            parsed = _parse_day(cube)
            if parsed is not None:
                days[parsed.day] = parsed
    if not days:
        raise InvalidResponse("ECB rates: the document holds no rates", platform=PLATFORM)
    return [days[day] for day in sorted(days)]


def _decode_rates(response: httpx.Response) -> list[ReferenceRates]:
    return parse_ecb_rates(response.content)


class EcbRatesClient:
    """Fetches the reference rates through the shared upstream transport (retries, stats)."""

    def __init__(self, transport: UpstreamTransport, *, url: str, owns_http: bool) -> None:
        self._transport = transport
        self._url = url
        self._owns_http = owns_http

    @classmethod
    def create(
        cls,
        settings: Settings,
        *,
        redis: Redis | None = None,
        http: httpx.AsyncClient | None = None,
        limiter: UpstreamLimiter | None = None,
    ) -> Self:
        own_http = http is None
        client = http or build_http_client(settings)
        transport = UpstreamTransport(
            platform=PLATFORM,
            http=client,
            limiter=limiter or limiter_for(FX_BUDGET, redis),
            retry=retry_policy(settings),
            stats=CallStats(),
            max_wait=settings.marketplace_max_wait_seconds,
        )
        return cls(transport, url=settings.fx_url, owns_http=own_http)

    @classmethod
    def from_context(cls, context: AppContext) -> Self:
        return cls.create(context.settings, redis=context.redis)

    @property
    def stats(self) -> CallStats:
        return self._transport.stats

    async def fetch(self) -> list[ReferenceRates]:
        """The days the configured document publishes, oldest first."""

        def build() -> httpx.Request:
            return self._transport.http.build_request(
                "GET",
                self._url,
                headers={"User-Agent": USER_AGENT, "Accept": "application/xml, text/xml"},
            )

        days: list[ReferenceRates] = await self._transport.call(build, _decode_rates)
        return days

    async def aclose(self) -> None:
        if self._owns_http:
            await self._transport.http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.aclose()
