"""The OpenAPI document against the app: id bounds, declared statuses, undeclared methods."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.helpers import auth_headers, unique_email
from tests.conftest import make_settings
from vinyldigger.api.app import create_app
from vinyldigger.api.params import DISCOGS_ID_MAX, ROW_ID_MAX
from vinyldigger.core.context import AppContext
from vinyldigger.models import User

METHODS = ("get", "put", "post", "delete", "patch")
ERROR_REF = "#/components/schemas/ErrorResponse"


async def _document(client: httpx.AsyncClient) -> dict[str, Any]:
    response = await client.get("/api/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def _id_parameters(operation: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        p
        for p in operation.get("parameters", [])
        if p["in"] in ("path", "query") and p["name"].endswith("_id")
    ]


def _fill(path: str, operation: dict[str, Any], value: int) -> str:
    for parameter in operation.get("parameters", []):
        if parameter["in"] != "path":
            continue
        schema = parameter["schema"]
        filler = value if parameter["name"].endswith("_id") else schema.get("enum", ["x"])[0]
        path = path.replace("{" + parameter["name"] + "}", str(filler))
    return path


async def test_every_id_parameter_states_the_database_range(client: httpx.AsyncClient) -> None:
    document = await _document(client)
    seen = 0
    for path, method, operation in _operations(document):
        for parameter in _id_parameters(operation):
            schema = parameter["schema"]
            bound = DISCOGS_ID_MAX if parameter["name"] == "release_id" else ROW_ID_MAX
            assert (schema.get("minimum"), schema.get("maximum")) == (1, bound), (
                method,
                path,
                parameter["name"],
            )
            seen += 1
    assert seen >= 10


@pytest.mark.parametrize("too_large", [2**31, 2**63, 2**64])
async def test_ids_past_the_database_range_answer_404_or_422(
    client: httpx.AsyncClient, db_session: AsyncSession, too_large: int
) -> None:
    email = unique_email("admin")
    headers = await auth_headers(client, email)
    # An administrator, so the admin operations get as far as their parameters.
    await db_session.execute(update(User).where(User.email == email).values(is_admin=True))
    await db_session.commit()
    document = await _document(client)
    body = {"verdict": "confirmed", "is_active": True, "max_price": "1"}
    for path, method, operation in _operations(document):
        if not _id_parameters(operation):
            continue
        kwargs: dict[str, Any] = {"headers": headers}
        if "requestBody" in operation:
            kwargs["json"] = body
        response = await client.request(method.upper(), _fill(path, operation, too_large), **kwargs)
        assert response.status_code in (404, 422), (method, path, response.text)
        assert response.json()["error"]["code"] in ("not_found", "validation_error")


async def test_release_ids_in_a_plan_request_are_bounded(client: httpx.AsyncClient) -> None:
    headers = await auth_headers(client)
    response = await client.post(
        "/api/v1/basket/plan", headers=headers, json={"release_ids": [2**63]}
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "release_ids.0"


async def test_every_operation_declares_its_refusals(client: httpx.AsyncClient) -> None:
    document = await _document(client)
    for path, method, operation in _operations(document):
        declared = operation["responses"]
        expected = {"422"}
        if operation.get("security"):
            expected.add("401")
        if "requestBody" in operation:
            expected |= {"400", "413"}
        for status in expected:
            assert status in declared, (method, path, status)
        for status, response in declared.items():
            # The health probes answer 503 with their own body, for load balancers.
            if status.startswith(("4", "5")) and path.startswith("/api/"):
                schema = response["content"]["application/json"]["schema"]
                assert schema == {"$ref": ERROR_REF}, (method, path, status)


def _app_with_web_app(tmp_path: Path, context: AppContext) -> Any:
    web = tmp_path / "web"
    web.mkdir()
    (web / "index.html").write_text("<!doctype html><title>VinylDigger</title>")
    settings = make_settings(tmp_path, VINYLDIGGER_WEB_DIR=web)
    return create_app(settings, context=context, run_jobs=False)


@pytest.mark.parametrize("with_web_app", [False, True])
async def test_undeclared_methods_answer_405_in_the_error_shape(
    client: httpx.AsyncClient, context: AppContext, tmp_path: Path, with_web_app: bool
) -> None:
    document = await _document(client)
    if not with_web_app:
        await _expect_405s(client, document)
        return
    # The page route catches every GET; API addresses must still answer 405, not the page.
    transport = httpx.ASGITransport(app=_app_with_web_app(tmp_path, context))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as web_client:
        await _expect_405s(web_client, document)


async def _expect_405s(client: httpx.AsyncClient, document: dict[str, Any]) -> None:
    for path, item in document["paths"].items():
        declared = {m for m in item if m in METHODS}
        operation = item[next(iter(declared))]
        url = _fill(path, operation, 1)
        # "/wants/sync" is also "/wants/{want_id}": methods of every template it fits are real.
        fitting = {
            m
            for template, other in document["paths"].items()
            if re.fullmatch(re.sub(r"\\{[^/]+?\\}", "[^/]+", re.escape(template)), url)
            for m in other
            if m in METHODS
        }
        for method in sorted(set(METHODS) - fitting):
            response = await client.request(method.upper(), url)
            assert response.status_code == 405, (method, path, response.text)
            assert response.json()["error"]["code"] == "method_not_allowed"
            allowed = {m.strip() for m in response.headers["allow"].split(",")}
            assert {m.upper() for m in fitting} == allowed, (method, path)
    assert (await client.get("/api/v1/no-such-thing")).status_code == 404
