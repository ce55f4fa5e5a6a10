"""eBay endpoints: the client-credentials token and Browse search / getItem."""

from __future__ import annotations

import base64
import binascii
from typing import Any
from urllib.parse import parse_qsl, unquote

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from vinyldigger_sandbox.dependencies import State, mounted_base
from vinyldigger_sandbox.ebay_search import Buyer, KeywordQuery, SearchError, SearchFilters
from vinyldigger_sandbox.ebay_shapes import EbayLinks, EbayRenderer
from vinyldigger_sandbox.state import SandboxState
from vinyldigger_sandbox.world import ebay_ordinal

API_SCOPE = "https://api.ebay.com/oauth/api_scope"
MAX_LIMIT = 200
MAX_OFFSET = 9_999
MARKETPLACES = {
    "EBAY_US": ("USD", "US"),
    "EBAY_GB": ("GBP", "GB"),
    "EBAY_DE": ("EUR", "DE"),
    "EBAY_FR": ("EUR", "FR"),
    "EBAY_IT": ("EUR", "IT"),
    "EBAY_ES": ("EUR", "ES"),
    "EBAY_NL": ("EUR", "NL"),
    "EBAY_BE": ("EUR", "BE"),
    "EBAY_AT": ("EUR", "AT"),
    "EBAY_IE": ("EUR", "IE"),
    "EBAY_CA": ("CAD", "CA"),
    "EBAY_AU": ("AUD", "AU"),
    "EBAY_CH": ("CHF", "CH"),
}


class EbayError(Exception):
    def __init__(
        self,
        status: int,
        error_id: int,
        message: str,
        *,
        domain: str = "API_BROWSE",
        long_message: str | None = None,
        parameters: list[dict[str, str]] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        body: dict[str, Any] = {
            "errorId": error_id,
            "domain": domain,
            "category": "REQUEST",
            "message": message,
        }
        if long_message:
            body["longMessage"] = long_message
        if parameters:
            body["parameters"] = parameters
        self.body = {"errors": [body]}


def invalid_token() -> EbayError:
    return EbayError(
        401,
        1001,
        "Invalid access token",
        domain="OAuth",
        long_message="Invalid access token. Check the value of the Authorization HTTP request "
        "header.",
    )


def _oauth_error(status: int, error: str, description: str) -> JSONResponse:
    return JSONResponse({"error": error, "error_description": description}, status_code=status)


def parse_buyer(request: Request) -> Buyer:
    marketplace = request.headers.get("x-ebay-c-marketplace-id", "EBAY_US")
    if marketplace not in MARKETPLACES:
        raise EbayError(400, 12002, f"The marketplace '{marketplace}' is not supported.")
    currency, country = MARKETPLACES[marketplace]
    context = request.headers.get("x-ebay-c-enduserctx", "")
    for part in context.split(","):
        name, _, value = part.strip().partition("=")
        if name == "contextualLocation":
            location = dict(pair.partition("=")[::2] for pair in unquote(value).split(","))
            country = location.get("country", country).upper() or country
    return Buyer(marketplace, currency, country)


router = APIRouter()


@router.post("/identity/v1/oauth2/token")
async def token(request: Request, state: State) -> JSONResponse:
    header = request.headers.get("authorization", "")
    try:
        decoded = base64.b64decode(header.removeprefix("Basic ").strip()).decode()
    except (binascii.Error, UnicodeDecodeError):
        decoded = ""
    client_id, _, secret = decoded.partition(":")
    user = state.user_for_ebay_client(client_id)
    if (
        not header.startswith("Basic ")
        or user is None
        or (user.credentials.ebay_client_secret != secret)
    ):
        return _oauth_error(401, "invalid_client", "client authentication failed")
    form = dict(parse_qsl((await request.body()).decode()))
    if form.get("grant_type") != "client_credentials":
        return _oauth_error(
            400,
            "unsupported_grant_type",
            "grant type in request is not supported by the authorization server",
        )
    scopes = form.get("scope", API_SCOPE).split()
    if API_SCOPE not in scopes:
        return _oauth_error(
            400,
            "invalid_scope",
            "The requested scope is invalid, unknown, malformed, or exceeds the scope granted "
            "to the client",
        )
    access_token, ttl = state.issue_ebay_token(client_id)
    return JSONResponse(
        {
            "access_token": access_token,
            "expires_in": ttl,
            "token_type": "Application Access Token",
        }
    )


def authorize(request: Request, state: SandboxState) -> None:
    header = request.headers.get("authorization", "")
    client_id = state.ebay_client_for(header.removeprefix("Bearer ").strip())
    if not header.startswith("Bearer ") or client_id is None:
        raise invalid_token()
    if state.count_ebay_call(client_id) > state.settings.ebay_daily_call_limit:
        raise EbayError(
            429,
            2001,
            "Too many requests. The request limit has been reached for the resource.",
            domain="ACCESS",
        )


def renderer(request: Request, state: SandboxState, buyer: Buyer) -> EbayRenderer:
    root = f"{request.url.scheme}://{request.url.netloc}"
    links = EbayLinks(api=mounted_base(request), web=root + "/ebay-web", images=root + "/img")
    return EbayRenderer(state.world.ebay, state.world.ebay_search, buyer, links)


@router.get("/buy/browse/v1/item_summary/search")
async def search(request: Request, state: State) -> JSONResponse:
    authorize(request, state)
    buyer = parse_buyer(request)
    params = request.query_params
    if not any(params.get(name) for name in ("q", "category_ids", "gtin", "epid")):
        raise EbayError(
            400, 12001, "The request must contain at least one of: q, category_ids, epid, gtin."
        )
    limit = _bounded_int(params.get("limit"), 50, 1, MAX_LIMIT, "limit")
    offset = _bounded_int(params.get("offset"), 0, 0, MAX_OFFSET, "offset")
    try:
        filters = SearchFilters.parse(params.get("filter"))
    except SearchError as error:
        raise EbayError(400, 12020, str(error)) from error
    category = (params.get("category_ids") or "").split(",")[0].strip() or None
    world = state.world
    items = world.ebay_search.search(
        KeywordQuery.parse(params.get("q", "")),
        category_id=category,
        gtin=params.get("gtin"),
        epid=params.get("epid"),
        filters=filters,
        sort=params.get("sort"),
        buyer=buyer,
    )
    body: dict[str, Any] = {"href": str(request.url), "total": len(items)}
    if offset + limit < len(items) and offset + limit <= MAX_OFFSET:
        body["next"] = str(request.url.include_query_params(offset=offset + limit, limit=limit))
    if offset > 0:
        previous = max(0, offset - limit)
        body["prev"] = str(request.url.include_query_params(offset=previous, limit=limit))
    body["limit"] = limit
    body["offset"] = offset
    page = items[offset : offset + limit]
    if page:
        render = renderer(request, state, buyer)
        body["itemSummaries"] = [render.summary(item) for item in page]
    return JSONResponse(body)


def _item_answer(request: Request, state: SandboxState, ordinal: int | None) -> JSONResponse:
    buyer = parse_buyer(request)
    market = state.world.ebay
    item = market.item(ordinal) if ordinal is not None else None
    if item is None:
        raise EbayError(404, 11001, "The specified item ID was not found.")
    active = market.is_active(item.ordinal)
    return JSONResponse(renderer(request, state, buyer).detail(item, active))


# Registered before the `{item_id:path}` route, which would otherwise take this path.
@router.get("/buy/browse/v1/item/get_item_by_legacy_id")
async def get_item_by_legacy_id(request: Request, state: State) -> JSONResponse:
    """The item behind a legacy (numeric) id; the sandbox has no multi-variation items."""
    authorize(request, state)
    params = request.query_params
    legacy = params.get("legacy_item_id", "").strip()
    if not legacy.isdigit():
        raise EbayError(
            400,
            11006,
            "The legacy Id is invalid.",
            parameters=[{"name": "legacy_item_id", "value": legacy}],
        )
    if params.get("legacy_variation_id") or params.get("legacy_variation_sku"):
        raise EbayError(404, 11001, "The specified item ID was not found.")
    return _item_answer(request, state, ebay_ordinal(legacy))


@router.get("/buy/browse/v1/item/{item_id:path}")
async def get_item(item_id: str, request: Request, state: State) -> JSONResponse:
    authorize(request, state)
    return _item_answer(request, state, ebay_ordinal(unquote(item_id)))


def _bounded_int(value: str | None, default: int, low: int, high: int, name: str) -> int:
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError as error:
        raise EbayError(400, 12003, f"The '{name}' value must be an integer.") from error
    if not low <= number <= high:
        raise EbayError(400, 12003, f"The '{name}' value must be between {low} and {high}.")
    return number
