"""Sending one upstream call: budget, retries with backoff, typed errors and call statistics.

Every attempt takes a slot from the upstream's limiter first. 429, 5xx, timeouts, dropped
connections and bodies that do not decode (truncated JSON) are retried with exponential
backoff and full jitter, honouring Retry-After; other 4xx are final. The request is rebuilt
for every attempt so signatures (OAuth nonces, fresh tokens) are never replayed.
"""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import parse_qsl

import httpx

from vinyldigger.core.config import Settings
from vinyldigger.core.logging import get_logger
from vinyldigger.services.marketplaces.errors import (
    Forbidden,
    MarketplaceError,
    NotFound,
    RateLimited,
    RequestRejected,
    Unauthorized,
    UpstreamUnavailable,
)
from vinyldigger.services.marketplaces.ratelimit import (
    BudgetExhausted,
    ServerBudget,
    UpstreamLimiter,
    WaitListener,
)

logger = get_logger("vinyldigger.marketplaces")

# Upstream error text is echoed into our messages, but only this much of it.
MAX_UPSTREAM_MESSAGE = 200

RequestFactory = Callable[[], httpx.Request]
BudgetReader = Callable[[httpx.Headers], ServerBudget | None]
ErrorReader = Callable[[Any], str | None]


@dataclass
class CallStats:
    """What talking to one upstream cost; callers store it with their run."""

    calls: int = 0
    retries: int = 0
    http_429: int = 0
    server_errors: int = 0
    timeouts: int = 0
    transport_errors: int = 0
    # Bodies cut short on the wire or that do not decode (truncated JSON).
    invalid_bodies: int = 0
    token_requests: int = 0
    # Time spent waiting for the rate budget, and sleeping between retries.
    waited_seconds: float = 0.0
    backoff_seconds: float = 0.0

    def as_dict(self) -> dict[str, int | float]:
        return asdict(self)


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 30.0
    # A Retry-After longer than this is not slept through: the call raises RateLimited.
    max_retry_after: float = 120.0

    def backoff(self, retry_number: int) -> float:
        """Full jitter: uniform between 0 and the capped exponential delay."""
        ceiling = min(self.max_delay, self.base_delay * (2 ** (retry_number - 1)))
        return random.uniform(0, ceiling)  # noqa: S311 - jitter, not crypto


class InvalidBody(Exception):
    """The body did not decode; treated like a transient server failure."""


def decode_json(response: httpx.Response) -> Any:
    try:
        return json.loads(response.content)
    except (ValueError, UnicodeDecodeError) as error:
        raise InvalidBody("body is not valid JSON") from error


def decode_form(response: httpx.Response) -> dict[str, str]:
    """OAuth 1.0a token endpoints answer with a form-encoded body."""
    try:
        return dict(parse_qsl(response.content.decode(), strict_parsing=True))
    except (ValueError, UnicodeDecodeError) as error:
        raise InvalidBody("body is not form-encoded") from error


def _no_budget(_headers: httpx.Headers) -> ServerBudget | None:
    return None


def retry_after_seconds(headers: httpx.Headers) -> float | None:
    raw = headers.get("retry-after")
    if raw is None:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        return None  # an HTTP date: rare enough to fall back to our own backoff


class _Retry(Exception):
    def __init__(self, kind: str, detail: str, retry_after: float | None = None) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail
        self.retry_after = retry_after


class UpstreamTransport:
    """One upstream (base URL, limiter, retry policy) behind a shared httpx client."""

    def __init__(
        self,
        *,
        platform: str,
        http: httpx.AsyncClient,
        limiter: UpstreamLimiter,
        retry: RetryPolicy,
        stats: CallStats,
        max_wait: float | None = None,
        read_budget: BudgetReader = _no_budget,
        read_error: ErrorReader = lambda _body: None,
        keep_free: int = 0,
    ) -> None:
        self.platform = platform
        self.http = http
        self.limiter = limiter
        self.retry = retry
        self.stats = stats
        self.max_wait = max_wait
        self._read_budget = read_budget
        self._read_error = read_error
        # Slots of the shared window this transport leaves to others (background work).
        self.keep_free = keep_free
        # Told when a call waits for the rate budget (or a 429's Retry-After), and for how long.
        self.on_wait: WaitListener | None = None

    async def call(
        self,
        build: RequestFactory,
        decode: Callable[[httpx.Response], Any] = decode_json,
        *,
        limited: bool = True,
    ) -> Any:
        """Send until a 2xx body decodes, then return it; raise a MarketplaceError otherwise."""
        attempt = 0
        while True:
            attempt += 1
            request = build()
            try:
                return await self._attempt(request, decode, limited)
            except _Retry as retry:
                self._give_up_if_exhausted(request, retry, attempt)
                delay = self._delay(retry, attempt)
                logger.info(
                    "upstream_retry",
                    platform=self.platform,
                    method=request.method,
                    path=request.url.path,
                    reason=retry.kind,
                    attempt=attempt,
                    delay=round(delay, 3),
                )
                self.stats.retries += 1
                self.stats.backoff_seconds += delay
                # A 429's Retry-After is a wait for the rate limit too; other backoffs are not.
                listener = self.on_wait if retry.kind == "rate_limited" else None
                if listener is not None:
                    await listener(delay)
                await asyncio.sleep(delay)
                if listener is not None:
                    await listener(0.0)

    def _delay(self, retry: _Retry, attempt: int) -> float:
        if retry.retry_after is not None:
            return min(retry.retry_after, self.retry.max_retry_after)
        return self.retry.backoff(attempt)

    def _give_up_if_exhausted(self, request: httpx.Request, retry: _Retry, attempt: int) -> None:
        what = f"{self.platform} {request.method} {request.url.path}"
        too_long = retry.retry_after is not None and retry.retry_after > self.retry.max_retry_after
        if retry.kind == "rate_limited" and (too_long or attempt >= self.retry.attempts):
            raise RateLimited(
                f"{what}: rate limited by the marketplace",
                platform=self.platform,
                retry_after=retry.retry_after,
                status_code=429,
            )
        if attempt >= self.retry.attempts:
            raise UpstreamUnavailable(
                f"{what}: {retry.detail} (gave up after {attempt} attempts)",
                platform=self.platform,
            )

    async def _attempt(
        self, request: httpx.Request, decode: Callable[[httpx.Response], Any], limited: bool
    ) -> Any:
        slot = None
        if limited:
            try:
                slot = await self.limiter.acquire(
                    self.max_wait, self.on_wait, keep_free=self.keep_free
                )
            except BudgetExhausted as exhausted:
                raise RateLimited(
                    f"{self.platform}: call budget spent; retry in {exhausted.retry_after:.0f} s",
                    platform=self.platform,
                    retry_after=exhausted.retry_after,
                ) from None
            self.stats.waited_seconds += slot.waited_seconds
        self.stats.calls += 1
        server_budget: ServerBudget | None = None
        try:
            response = await self.http.send(request)
            server_budget = self._read_budget(response.headers)
        except httpx.TimeoutException:
            self.stats.timeouts += 1
            raise _Retry("timeout", "timed out") from None
        except httpx.RemoteProtocolError:
            # In practice a body cut short of its Content-Length: the connection dropped.
            self.stats.invalid_bodies += 1
            raise _Retry("invalid_body", "response cut short") from None
        except httpx.TransportError as error:
            self.stats.transport_errors += 1
            raise _Retry("transport", f"connection failed ({type(error).__name__})") from None
        finally:
            if slot is not None:
                await self.limiter.release(slot, server_budget)
        return await self._handle(request, response, decode)

    async def _handle(
        self, request: httpx.Request, response: httpx.Response, decode: Callable[..., Any]
    ) -> Any:
        status = response.status_code
        if status == 429:
            self.stats.http_429 += 1
            retry_after = retry_after_seconds(response.headers)
            if retry_after is not None:
                await self.limiter.pause(retry_after)
            raise _Retry("rate_limited", "HTTP 429", retry_after)
        if status >= 500:
            self.stats.server_errors += 1
            raise _Retry("server_error", f"HTTP {status}", retry_after_seconds(response.headers))
        if status >= 400:
            raise self._client_error(request, response)
        try:
            return decode(response)
        except InvalidBody as error:
            self.stats.invalid_bodies += 1
            raise _Retry("invalid_body", str(error)) from None

    def _client_error(self, request: httpx.Request, response: httpx.Response) -> MarketplaceError:
        status = response.status_code
        detail = upstream_message(response, self._read_error)
        message = f"{self.platform} {request.method} {request.url.path}: HTTP {status}"
        if detail:
            message = f"{message}: {detail}"
        kinds: Mapping[int, type[MarketplaceError]] = {
            401: Unauthorized,
            403: Forbidden,
            404: NotFound,
        }
        error_type = kinds.get(status, RequestRejected)
        return error_type(message, platform=self.platform, status_code=status)


def upstream_message(response: httpx.Response, read_error: ErrorReader) -> str | None:
    try:
        body = json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return None
    message = read_error(body)
    if not message:
        return None
    return " ".join(message.split())[:MAX_UPSTREAM_MESSAGE]


def build_http_client(settings: Settings) -> httpx.AsyncClient:
    timeout = httpx.Timeout(
        settings.marketplace_read_timeout_seconds,
        connect=settings.marketplace_connect_timeout_seconds,
    )
    return httpx.AsyncClient(timeout=timeout, follow_redirects=False)


def retry_policy(settings: Settings) -> RetryPolicy:
    return RetryPolicy(
        attempts=settings.marketplace_retry_attempts,
        base_delay=settings.marketplace_retry_base_delay_seconds,
        max_delay=settings.marketplace_retry_max_delay_seconds,
    )
