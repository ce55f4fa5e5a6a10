"""Probes, the error shape, the OpenAPI document and the request id."""

from __future__ import annotations

import httpx
from fastapi import APIRouter

from vinyldigger.api.app import create_app
from vinyldigger.core.context import AppContext
from vinyldigger.core.redis import create_redis


async def test_ready_checks_database_and_redis_when_configured(
    client: httpx.AsyncClient, backend: str
) -> None:
    live = await client.get("/health/live")
    assert live.status_code == 200
    ready = await client.get("/health/ready")
    assert ready.status_code == 200
    expected = {"database": "ok", "redis": "ok"} if backend == "postgresql" else {"database": "ok"}
    assert ready.json()["checks"] == expected


async def test_ready_is_503_when_redis_is_down(context: AppContext) -> None:
    broken = create_redis("redis://127.0.0.1:1/0")
    context.redis = broken
    app = create_app(context.settings, context=context, run_jobs=False)
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            response = await http.get("/health/ready")
    finally:
        await broken.aclose()
    assert response.status_code == 503
    assert response.json()["checks"]["redis"] == "unavailable"


async def test_unexpected_errors_are_json_without_internals(context: AppContext) -> None:
    app = create_app(context.settings, context=context, run_jobs=False)
    router = APIRouter()

    @router.post("/api/v1/boom")
    async def boom() -> None:
        raise RuntimeError("database password is hunter2")

    app.include_router(router)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        response = await http.post("/api/v1/boom", headers={"X-Request-ID": "req-123"})
    assert response.status_code == 500
    body = response.json()
    assert body["error"]["code"] == "internal_error"
    assert body["request_id"] == "req-123"
    assert "hunter2" not in response.text and "Traceback" not in response.text


async def test_unknown_routes_and_methods_use_the_error_shape(client: httpx.AsyncClient) -> None:
    missing = await client.get("/api/v1/nothing-here")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    wrong_method = await client.delete("/api/v1/auth/login")
    assert wrong_method.status_code == 405
    malformed = await client.post(
        "/api/v1/auth/register", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert malformed.status_code == 422
    assert malformed.json()["error"]["code"] == "validation_error"


async def test_openapi_has_readable_operation_ids(client: httpx.AsyncClient) -> None:
    document = (await client.get("/api/openapi.json")).json()
    ids = {op["operationId"] for path in document["paths"].values() for op in path.values()}
    assert {"auth-login", "auth-register", "auth-refresh", "credentials-put"} <= ids
    docs = await client.get("/api/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


async def test_responses_carry_request_id_and_security_headers(client: httpx.AsyncClient) -> None:
    response = await client.get("/health/live")
    assert len(response.headers["X-Request-ID"]) == 32
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
