"""The sandbox server: each fake API mounted under its own prefix, paths below as upstream.

/discogs/...        api.discogs.com           (rate limited, User-Agent gate, faults)
/discogs-web/...    www.discogs.com           (OAuth authorize, login, marketplace pages)
/ebay/...           api.ebay.com              (token + Browse, faults)
/ebay-web/...       www.ebay.com              (plain item pages)
/fx/...             www.ecb.europa.eu/stats/eurofxref (faults)
/img/...            cover images
/sandbox/...        control and ground truth  (never faulted)
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from vinyldigger_sandbox import (
    control,
    discogs_oauth_routes,
    discogs_routes,
    discogs_user_routes,
    ebay_routes,
    web_market_pages,
    web_pages,
    web_session,
)
from vinyldigger_sandbox.discogs_auth import DiscogsError, UserAgentGate
from vinyldigger_sandbox.discogs_common import MEDIA_TYPE_HEADER
from vinyldigger_sandbox.ebay_routes import EbayError
from vinyldigger_sandbox.faults import FaultMiddleware
from vinyldigger_sandbox.fx import ecb_daily_xml
from vinyldigger_sandbox.rate_limit import DiscogsRateLimitMiddleware
from vinyldigger_sandbox.settings import SandboxSettings
from vinyldigger_sandbox.state import SandboxState

AUTO_ADVANCE_POLL_SECONDS = 0.1


def _bare_app(state: SandboxState) -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.state.sandbox = state
    return app


def _discogs_app(state: SandboxState) -> FastAPI:
    app = _bare_app(state)
    app.include_router(discogs_routes.router)
    app.include_router(discogs_user_routes.router)
    app.include_router(discogs_oauth_routes.router)

    @app.exception_handler(DiscogsError)
    async def discogs_error(_: Request, error: DiscogsError) -> Response:
        return JSONResponse(
            {"message": error.message}, status_code=error.status, headers=MEDIA_TYPE_HEADER
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, error: StarletteHTTPException) -> Response:
        message = (
            "The requested resource was not found."
            if error.status_code == 404
            else str(error.detail)
        )
        return JSONResponse({"message": message}, status_code=error.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, error: RequestValidationError) -> Response:
        # A malformed id in the path is simply a resource that does not exist.
        return JSONResponse({"message": "The requested resource was not found."}, status_code=404)

    return app


def _ebay_app(state: SandboxState) -> FastAPI:
    app = _bare_app(state)
    app.include_router(ebay_routes.router)

    @app.exception_handler(EbayError)
    async def ebay_error(_: Request, error: EbayError) -> Response:
        return JSONResponse(error.body, status_code=error.status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, error: StarletteHTTPException) -> Response:
        return JSONResponse(
            EbayError(error.status_code, 2002, "Resource not found").body
            if error.status_code == 404
            else EbayError(error.status_code, 2000, str(error.detail)).body,
            status_code=error.status_code,
        )

    return app


def _fx_app(state: SandboxState) -> FastAPI:
    app = _bare_app(state)

    @app.get("/eurofxref-daily.xml")
    async def daily_rates() -> Response:
        world = state.world
        xml = ecb_daily_xml(world.rates.rates(world.step), world.clock.now.date())
        return Response(xml, media_type="text/xml")

    return app


async def _auto_advance(state: SandboxState) -> None:
    """Move the world on by one step every `advance_every_seconds` (0 = never)."""
    last = state.clock()
    while True:
        await asyncio.sleep(AUTO_ADVANCE_POLL_SECONDS)
        every = state.settings.advance_every_seconds
        if every <= 0:
            last = state.clock()
        elif state.clock() - last >= every:
            state.world.advance(1)
            last = state.clock()


def create_app(
    settings: SandboxSettings | None = None,
    *,
    clock: Callable[[], float] = time.monotonic,
    wall_clock: Callable[[], float] = time.time,
) -> FastAPI:
    """Build the sandbox; `clock` drives rate-limit windows and token expiry (tests fake it)."""
    state = SandboxState(settings or SandboxSettings(), clock=clock, wall_clock=wall_clock)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        task = asyncio.create_task(_auto_advance(state))
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    app = FastAPI(
        title="VinylDigger sandbox marketplace",
        docs_url="/sandbox/docs",
        redoc_url=None,
        openapi_url="/sandbox/openapi.json",
        lifespan=lifespan,
    )
    app.state.sandbox = state
    app.include_router(control.router, prefix="/sandbox")
    app.include_router(web_pages.image_router, prefix="/img")
    app.include_router(web_pages.ebay_pages, prefix="/ebay-web")
    discogs_web = _bare_app(state)
    discogs_web.include_router(discogs_oauth_routes.authorize_router)
    discogs_web.include_router(web_pages.discogs_pages)
    discogs_web.include_router(web_market_pages.router)
    discogs_web.include_router(web_session.router)
    app.mount("/discogs-web", discogs_web)
    discogs = FaultMiddleware(_discogs_app(state), state, "discogs")
    app.mount("/discogs", DiscogsRateLimitMiddleware(UserAgentGate(discogs), state))
    app.mount("/ebay", FaultMiddleware(_ebay_app(state), state, "ebay"))
    app.mount("/fx", FaultMiddleware(_fx_app(state), state, "fx"))
    return app


def sandbox_state(app: FastAPI) -> SandboxState:
    """The state behind an app made by `create_app` (world, settings, stores)."""
    state: SandboxState = app.state.sandbox
    return state
