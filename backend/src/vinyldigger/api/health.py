"""Liveness and readiness probes."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text

from vinyldigger.api.deps import Context
from vinyldigger.core.logging import get_logger

router = APIRouter(prefix="/health", tags=["health"])
logger = get_logger(__name__)


class HealthOut(BaseModel):
    status: str
    checks: dict[str, str]


@router.get("/live", name="health-live", response_model=HealthOut)
async def live() -> Any:
    return HealthOut(status="ok", checks={})


@router.get(
    "/ready", name="health-ready", response_model=HealthOut, responses={503: {"model": HealthOut}}
)
async def ready(context: Context) -> Any:
    checks: dict[str, str] = {}
    try:
        async with context.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as exc:  # any failure means "not ready"; the reason goes to the log
        logger.warning("readiness_database_failed", error_type=type(exc).__name__)
        checks["database"] = "unavailable"
    if context.redis is not None:
        try:
            await context.redis.ping()
            checks["redis"] = "ok"
        except Exception as exc:
            logger.warning("readiness_redis_failed", error_type=type(exc).__name__)
            checks["redis"] = "unavailable"
    healthy = all(value == "ok" for value in checks.values())
    body = HealthOut(status="ok" if healthy else "unavailable", checks=checks)
    return JSONResponse(body.model_dump(), status_code=200 if healthy else 503)
