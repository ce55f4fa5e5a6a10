"""The OpenAPI document declares what layers no router sees refuse.

The sign-in check answers 401 on every operation that takes a bearer token; the body-size limit
413 and unreadable bodies 400 on every operation with a body; the control-character filter and
validation 422 on every operation. The filter's rule is also written into the document as a
pattern on every free-text string a request carries (api.control_characters). They are added
here, once, so a new endpoint cannot leave them out; statuses particular to an operation stay
with it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

ERROR_SCHEMA = {"$ref": "#/components/schemas/ErrorResponse"}
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
DESCRIPTIONS = {
    400: "The body is not readable text (e.g. not UTF-8)",
    401: "Not signed in, or the session has ended",
    413: "The request body is larger than this instance accepts",
    422: "The request is not valid (named per field)",
}


def _error_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ERROR_SCHEMA}}}


def declare_common_errors(document: dict[str, Any]) -> None:
    for path_item in document.get("paths", {}).values():
        for method in HTTP_METHODS:
            operation = path_item.get(method)
            if operation is None:
                continue
            statuses = [422]
            if operation.get("security"):
                statuses.append(401)
            if "requestBody" in operation:
                statuses.extend((400, 413))
            responses = operation.setdefault("responses", {})
            for status in statuses:
                responses.setdefault(str(status), _error_response(DESCRIPTIONS[status]))
            # FastAPI's own 422 shape is not what the error handlers send.
            if _schema_of(responses["422"]) != ERROR_SCHEMA:
                responses["422"] = _error_response(DESCRIPTIONS[422])
    _drop_unused_schemas(document, ("HTTPValidationError", "ValidationError"))


def _schema_of(response: dict[str, Any]) -> Any:
    return response.get("content", {}).get("application/json", {}).get("schema")


def _drop_unused_schemas(document: dict[str, Any], names: tuple[str, ...]) -> None:
    schemas = document.get("components", {}).get("schemas", {})
    for name in names:
        schema = schemas.pop(name, None)
        if schema is not None and f'"{REF_PREFIX}{name}"' in json.dumps(document):
            schemas[name] = schema


# The control-character filter's rule: no C0 control or DEL in addresses; in JSON bodies only
# tab, line feed and carriage return.
URL_TEXT = "^[^\\x00-\\x1f\\x7f]*$"
BODY_TEXT = "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]*$"
REF_PREFIX = "#/components/schemas/"
ALREADY_NARROW = {"pattern", "enum", "const", "format"}


def _restrict_text(schema: Any, pattern: str, components: dict[str, Any], seen: set[str]) -> None:
    """Give every free-text string in `schema` (refs followed once) the filter's pattern."""
    if isinstance(schema, list):
        for item in schema:
            _restrict_text(item, pattern, components, seen)
        return
    if not isinstance(schema, dict):
        return
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith(REF_PREFIX):
        name = ref.removeprefix(REF_PREFIX)
        if name not in seen and name in components:
            seen.add(name)
            _restrict_text(components[name], pattern, components, seen)
        return
    if schema.get("type") == "string" and not schema.keys() & ALREADY_NARROW:
        schema["pattern"] = pattern
    for key in ("properties", "$defs"):
        for value in (schema.get(key) or {}).values():
            _restrict_text(value, pattern, components, seen)
    for key in ("items", "additionalProperties", "anyOf", "oneOf", "allOf", "not"):
        if key in schema:
            _restrict_text(schema[key], pattern, components, seen)


def declare_text_rules(document: dict[str, Any]) -> None:
    components = document.get("components", {}).get("schemas", {})
    seen: set[str] = set()
    for path_item in document.get("paths", {}).values():
        for method in HTTP_METHODS:
            operation = path_item.get(method)
            if operation is None:
                continue
            for parameter in operation.get("parameters", []):
                _restrict_text(parameter.get("schema"), URL_TEXT, components, set())
            for media in operation.get("requestBody", {}).get("content", {}).values():
                _restrict_text(media.get("schema"), BODY_TEXT, components, seen)


def documented_methods(app: FastAPI, path: str) -> list[str]:
    """The methods the document gives the address `path`, e.g. ["GET", "PATCH"]; [] if none."""
    table: list[tuple[re.Pattern[str], list[str]]] | None = getattr(
        app.state, "documented_methods", None
    )
    if table is None:
        table = [
            (
                re.compile(re.sub(r"\\{[^/]+?\\}", "[^/]+", re.escape(template))),
                sorted(m.upper() for m in item if m in HTTP_METHODS),
            )
            for template, item in app.openapi().get("paths", {}).items()
        ]
        app.state.documented_methods = table
    # "/wants/sync" is also "/wants/{want_id}": every template the address fits counts.
    return sorted({m for pattern, methods in table if pattern.fullmatch(path) for m in methods})


def install_openapi(app: FastAPI) -> None:
    build: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = build()
            declare_common_errors(document)
            declare_text_rules(document)
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
