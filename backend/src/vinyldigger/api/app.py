"""The ASGI application: API under /api, probes under /health, the built SPA at /."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles

from vinyldigger import __version__
from vinyldigger.api import health
from vinyldigger.api.body_limit import BodySizeLimitMiddleware
from vinyldigger.api.control_characters import ControlCharacterMiddleware
from vinyldigger.api.errors import install_error_handlers, render_error
from vinyldigger.api.import_cors import ImportCorsMiddleware
from vinyldigger.api.middleware import RequestContextMiddleware
from vinyldigger.api.openapi import documented_methods, install_openapi
from vinyldigger.api.v1 import (
    admin,
    alerts,
    alerts_admin,
    auth,
    basket,
    basket_choices,
    credentials,
    dashboard,
    discogs,
    fx,
    imports,
    library,
    notifications,
    releases,
    results,
    runs,
    searches,
    sellers,
)
from vinyldigger.core.config import RunMode, Settings
from vinyldigger.core.context import AppContext
from vinyldigger.core.logging import get_logger
from vinyldigger.core.migrations import upgrade_async
from vinyldigger.workers.embedded import EmbeddedRunner

logger = get_logger(__name__)
DEFAULT_WEB_DIR = Path(__file__).resolve().parents[4] / "frontend" / "dist"


def _operation_id(route: APIRoute) -> str:
    # Routes are named "resource-action"; that name is the operation id clients see.
    return route.name


def api_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1")
    router.include_router(auth.router)
    router.include_router(credentials.router)
    router.include_router(library.router)
    router.include_router(runs.router)
    router.include_router(discogs.router)
    router.include_router(searches.router)
    router.include_router(releases.router)
    router.include_router(results.router)
    router.include_router(sellers.router)
    router.include_router(fx.router)
    router.include_router(basket.router)
    router.include_router(basket_choices.router)
    router.include_router(dashboard.router)
    router.include_router(imports.router)
    router.include_router(admin.router)
    router.include_router(alerts_admin.router)
    router.include_router(alerts.router)
    router.include_router(notifications.router)
    return router


def _api_miss(app: FastAPI, request: Request) -> JSONResponse:
    """An API address the catch-all page route caught: 405 if another method has it, else 404."""
    allowed = documented_methods(app, request.url.path)
    if allowed:
        return render_error(
            405, "method_not_allowed", "Method Not Allowed", headers={"Allow": ", ".join(allowed)}
        )
    return render_error(404, "not_found", "Not found")


def _mount_spa(app: FastAPI, web_dir: Path) -> None:
    index = web_dir / "index.html"
    if not index.exists():
        logger.warning("spa_not_built", web_dir=str(web_dir))
        return
    if (web_dir / "assets").is_dir():
        app.mount("/assets", StaticFiles(directory=web_dir / "assets"), name="spa-assets")
    root = web_dir.resolve()

    @app.get("/{path:path}", include_in_schema=False, response_model=None)
    async def spa(path: str, request: Request) -> FileResponse | JSONResponse:
        if path.startswith(("api/", "health/")):
            return _api_miss(app, request)
        candidate = (root / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(root):
            return FileResponse(candidate)
        # Client-side routes all render the same document.
        return FileResponse(index, headers={"Cache-Control": "no-cache"})


def create_app(
    settings: Settings, *, context: AppContext | None = None, run_jobs: bool | None = None
) -> FastAPI:
    """Build the app. Embedded mode migrates and runs jobs in-process unless told otherwise."""
    embedded = settings.mode is RunMode.EMBEDDED
    jobs_in_process = embedded if run_jobs is None else run_jobs

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = context is None
        ctx = context or AppContext.build(settings)
        if owned and embedded:
            await upgrade_async(settings.effective_database_url)
        runner = EmbeddedRunner(ctx) if jobs_in_process else None
        if runner:
            await runner.start()
            ctx.dispatcher = runner
        elif ctx.dispatcher is None and settings.redis_url:
            from vinyldigger.workers.celery_app import CeleryDispatcher, celery_app

            ctx.dispatcher = CeleryDispatcher(celery_app())
        app.state.context = ctx
        app.state.runner = runner
        logger.info("started", mode=settings.mode.value, version=__version__)
        try:
            yield
        finally:
            if runner:
                await runner.stop()
            if owned:
                await ctx.close()
            logger.info("stopped")

    app = FastAPI(
        title="VinylDigger API",
        version=__version__,
        description="Vinyl record discovery across Discogs and eBay.",
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
        generate_unique_id_function=_operation_id,
        lifespan=lifespan,
    )
    if context is not None:
        app.state.context = context
    install_error_handlers(app)
    # Innermost first: control characters are looked for in bodies the size limit let through;
    # both run inside the request-context middleware, so refusals carry the request id.
    app.add_middleware(ControlCharacterMiddleware)
    app.add_middleware(BodySizeLimitMiddleware, max_body_bytes=settings.max_body_bytes)
    app.add_middleware(ImportCorsMiddleware, allowed_origins=settings.import_origins)
    app.add_middleware(RequestContextMiddleware)
    app.include_router(health.router)
    app.include_router(api_router())
    _mount_spa(app, settings.web_dir or DEFAULT_WEB_DIR)
    install_openapi(app)
    return app
