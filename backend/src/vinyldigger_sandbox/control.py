"""/sandbox/*: what the sandbox is and serves, and the knobs tests turn (never faulted)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from vinyldigger_sandbox.dependencies import State
from vinyldigger_sandbox.ebay_items import EBAY_ID_BASE
from vinyldigger_sandbox.sellers import ShippingRate
from vinyldigger_sandbox.settings import SettingsUpdate, SizeName
from vinyldigger_sandbox.state import SandboxState
from vinyldigger_sandbox.users import SandboxUser, Want


class AdvanceRequest(BaseModel):
    steps: int = Field(default=1, ge=1, le=1000)


class ResetRequest(BaseModel):
    seed: int | None = None
    size: SizeName | None = None


class WantsChange(BaseModel):
    add: list[int] = Field(default_factory=list)
    remove: list[int] = Field(default_factory=list)


def base_url(request: Request) -> str:
    return f"{request.url.scheme}://{request.url.netloc}"


def endpoints(root: str) -> dict[str, str]:
    return {
        "base_url": root,
        "discogs_base_url": f"{root}/discogs",
        "discogs_web_base_url": f"{root}/discogs-web",
        "discogs_authorize_url": f"{root}/discogs-web/oauth/authorize",
        "discogs_request_token_url": f"{root}/discogs/oauth/request_token",
        "discogs_access_token_url": f"{root}/discogs/oauth/access_token",
        "ebay_base_url": f"{root}/ebay",
        # Host of the OAuth token endpoint, as the app's VINYLDIGGER_EBAY_AUTH_URL wants it.
        "ebay_auth_base_url": f"{root}/ebay",
        "ebay_token_url": f"{root}/ebay/identity/v1/oauth2/token",
        "ebay_browse_url": f"{root}/ebay/buy/browse/v1",
        "fx_url": f"{root}/fx/eurofxref-daily.xml",
    }


def user_info(user: SandboxUser) -> dict[str, Any]:
    credentials = user.credentials
    profile = user.profile
    location = quote(f"country={profile.country},zip={profile.postal_code}", safe="")
    return {
        "username": user.username,
        "id": user.id,
        "country": profile.country,
        "currency": profile.currency,
        "postal_code": profile.postal_code,
        "wants": len(user.wants),
        "collection": len(user.collection),
        "discogs_personal_token": credentials.personal_token,
        "discogs_consumer_key": credentials.consumer_key,
        "discogs_consumer_secret": credentials.consumer_secret,
        "discogs_oauth_token": credentials.oauth_token,
        "discogs_oauth_token_secret": credentials.oauth_token_secret,
        "ebay_client_id": credentials.ebay_client_id,
        "ebay_client_secret": credentials.ebay_client_secret,
        "ebay_enduserctx": f"contextualLocation={location}",
    }


router = APIRouter()


def user_or_404(state: SandboxState, username: str) -> SandboxUser:
    user = state.world.user(username)
    if user is None:
        raise HTTPException(404, f"No sandbox user {username!r}.")
    return user


@router.get("/info")
async def info(request: Request, state: State) -> dict[str, Any]:
    world = state.world
    return {
        "sandbox": "vinyldigger",
        "seed": world.seed,
        "size": world.size.name,
        "step": world.step,
        "world_time": world.clock.now.isoformat(),
        **endpoints(base_url(request)),
        "settings": state.settings.model_dump(mode="json"),
        "counts": {
            "artists": len(world.catalog.artists),
            "masters": len(world.catalog.masters),
            "releases": world.catalog.release_count,
            "sellers": len(world.sellers),
            "discogs_listings_for_sale": len(world.discogs.listing_release)
            - len(world.discogs.sold),
            "ebay_items_active": world.ebay.ordinal_count - len(world.ebay.removed),
        },
        "users": [user_info(user) for user in world.users],
    }


@router.get("/settings")
async def get_settings(state: State) -> dict[str, Any]:
    return state.settings.model_dump(mode="json")


@router.post("/settings")
async def update_settings(update: SettingsUpdate, state: State) -> dict[str, Any]:
    state.update_settings(update)
    return state.settings.model_dump(mode="json")


@router.post("/advance")
async def advance(
    request: Request, state: State, body: AdvanceRequest | None = None
) -> dict[str, Any]:
    steps = body.steps if body else int(request.query_params.get("steps", "1"))
    if not 1 <= steps <= 1000:
        raise HTTPException(422, "steps must be between 1 and 1000")
    reports = state.world.advance(steps)
    return {
        "step": state.world.step,
        "world_time": state.world.clock.now.isoformat(),
        "steps": [report.to_json() for report in reports],
    }


@router.get("/steps")
async def steps(state: State, since: int = 0) -> dict[str, Any]:
    return {
        "step": state.world.step,
        "steps": [r.to_json() for r in state.world.reports if r.step > since],
    }


@router.post("/reset")
async def reset(state: State, body: ResetRequest | None = None) -> dict[str, Any]:
    state.reset(body.seed if body else None, body.size if body else None)
    return {"seed": state.world.seed, "size": state.world.size.name, "step": 0}


@router.get("/truth/ebay")
async def ebay_truth(
    state: State, item_ids: str | None = None, active_only: bool = True
) -> dict[str, Any]:
    world = state.world
    if item_ids:
        wanted = [item_id.strip() for item_id in item_ids.split(",") if item_id.strip()]
    else:
        wanted = [
            f"v1|{EBAY_ID_BASE + ordinal}|0"
            for ordinal in range(world.ebay.ordinal_count)
            if not active_only or world.ebay.is_active(ordinal)
        ]
    found = [world.ebay_truth(item_id) for item_id in wanted]
    return {"items": [truth for truth in found if truth is not None]}


@router.get("/truth/sellers")
async def sellers_truth(state: State) -> dict[str, Any]:
    """Every seller's name on each marketplace (null where they do not sell)."""
    return {
        "sellers": [
            {
                "id": seller.id,
                "discogs_username": seller.discogs_username if seller.on_discogs else None,
                "ebay_username": seller.ebay_username if seller.on_ebay else None,
            }
            for seller in state.world.sellers
        ]
    }


@router.get("/sellers/{username}")
async def seller(username: str, state: State) -> dict[str, Any]:
    found = state.world.discogs_seller(username) or state.world.ebay_seller(username)
    if found is None:
        raise HTTPException(404, f"No seller {username!r}.")
    policy = found.shipping
    return {
        "username": found.discogs_username,
        "discogs_username": found.discogs_username if found.on_discogs else None,
        "ebay_username": found.ebay_username if found.on_ebay else None,
        "id": found.id,
        "country": found.country,
        "currency": found.currency,
        "is_shop": found.is_shop,
        "on_discogs": found.on_discogs,
        "on_ebay": found.on_ebay,
        "discogs_listings_for_sale": len(state.world.discogs.seller_listing_ids(found.index)),
        "shipping": {
            "currency": policy.currency,
            "domestic": _rate(policy.domestic),
            "region": _rate(policy.region),
            "worldwide": _rate(policy.worldwide),
            "free_shipping_over": policy.free_shipping_over,
            "min_order_total": policy.min_order_total,
        },
    }


@router.get("/users/{username}")
async def sandbox_user(username: str, state: State) -> dict[str, Any]:
    user = user_or_404(state, username)
    catalog = state.world.catalog
    return {
        **user_info(user),
        "want_release_ids": [catalog.release(i).id for i in user.wants],
        "collection_release_ids": [catalog.release(i.release_index).id for i in user.collection],
    }


@router.post("/users/{username}/wants")
async def change_wants(username: str, change: WantsChange, state: State) -> dict[str, Any]:
    user = user_or_404(state, username)
    world = state.world
    for release_id in change.add:
        release = world.catalog.release_by_id(release_id)
        if release is None:
            raise HTTPException(404, f"No release {release_id}.")
        user.wants.setdefault(release.index, Want(release.index, world.clock.now, 0, ""))
    for release_id in change.remove:
        release = world.catalog.release_by_id(release_id)
        if release is not None:
            user.wants.pop(release.index, None)
    return {
        "username": user.username,
        "want_release_ids": [world.catalog.release(i).id for i in user.wants],
    }


def _rate(rate: ShippingRate | None) -> dict[str, float] | None:
    if rate is None:
        return None
    return {"first_item": rate.first_item, "each_additional": rate.each_additional}
