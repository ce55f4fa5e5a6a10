"""Places where real clients found the sandbox unlike the real APIs, now alike.

OAuth 1.0a callbacks sent in the form body, want notes and rating sent as JSON, eBay
getItem's `availableCoupons` list, and getItemByLegacyId.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest
from oauthlib import oauth1

from tests.sandbox.conftest import ebay_headers, ebay_token, token_header, user_entry
from vinyldigger_sandbox.state import SandboxState

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
CALLBACK = "http://app.test/discogs/callback?state=abc"


def _consumer(info: dict[str, Any], **options: Any) -> oauth1.Client:
    demo = user_entry(info, "demo")
    return oauth1.Client(
        demo["discogs_consumer_key"], client_secret=demo["discogs_consumer_secret"], **options
    )


async def _request_token(
    client: httpx.AsyncClient, signer: oauth1.Client, url: str, body: dict[str, str]
) -> httpx.Response:
    uri, headers, signed_body = signer.sign(
        url, http_method="POST", body=urlencode(body), headers=FORM
    )
    return await client.post(uri, content=signed_body, headers=headers)


async def _approve(client: httpx.AsyncClient, info: dict[str, Any], token: str) -> httpx.Response:
    return await client.post(
        info["discogs_authorize_url"], data={"oauth_token": token, "username": "demo"}
    )


@pytest.mark.parametrize("where", ["body next to the header", "body with every OAuth field"])
async def test_a_callback_sent_in_the_form_body_is_where_approval_redirects(
    client: httpx.AsyncClient, info: dict[str, Any], where: str
) -> None:
    signature_type = oauth1.SIGNATURE_TYPE_BODY if "every" in where else None
    signer = _consumer(info, **({"signature_type": signature_type} if signature_type else {}))
    answer = await _request_token(
        client, signer, info["discogs_request_token_url"], {"oauth_callback": CALLBACK}
    )
    assert answer.status_code == 200, answer.text
    token = parse_qs(answer.text)
    assert token["oauth_callback_confirmed"] == ["true"]
    approval = await _approve(client, info, token["oauth_token"][0])
    assert approval.status_code == 302
    target = urlsplit(approval.headers["location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == CALLBACK.split("?", maxsplit=1)[0]
    query = parse_qs(target.query)
    assert query["state"] == ["abc"] and query["oauth_token"] == token["oauth_token"]
    # The verifier in the redirect exchanges the request token for an access token.
    exchange = _consumer(
        info,
        resource_owner_key=token["oauth_token"][0],
        resource_owner_secret=token["oauth_token_secret"][0],
        verifier=query["oauth_verifier"][0],
    )
    uri, headers, _ = exchange.sign(info["discogs_access_token_url"], http_method="POST")
    access = await client.post(uri, headers=headers)
    assert access.status_code == 200 and "oauth_token_secret" in parse_qs(access.text)


async def test_without_a_callback_or_with_oob_the_page_shows_the_code(
    client: httpx.AsyncClient, info: dict[str, Any]
) -> None:
    for body in ({}, {"oauth_callback": "oob"}):
        answer = await _request_token(
            client, _consumer(info), info["discogs_request_token_url"], body
        )
        token = parse_qs(answer.text)["oauth_token"][0]
        shown = await _approve(client, info, token)
        assert shown.status_code == 200 and 'id="verifier"' in shown.text
    bad = await _request_token(
        client, _consumer(info), info["discogs_request_token_url"], {"oauth_callback": "nope"}
    )
    assert bad.status_code == 400 and bad.json()["message"] == "Invalid oauth_callback."


async def test_want_notes_and_rating_sent_as_json_are_stored(
    client: httpx.AsyncClient, state: SandboxState, info: dict[str, Any]
) -> None:
    demo = state.world.user("demo")
    assert demo is not None
    release_id = next(
        state.world.catalog.release(index).id
        for index in range(state.world.catalog.release_count)
        if index not in demo.wants
    )
    path = f"/discogs/users/demo/wants/{release_id}"
    headers = token_header(info)
    added = await client.put(path, json={"notes": "first press only", "rating": 5}, headers=headers)
    assert added.status_code == 201
    assert (added.json()["notes"], added.json()["rating"]) == ("first press only", 5)
    changed = await client.post(path, json={"rating": 2}, headers=headers)
    assert (changed.json()["notes"], changed.json()["rating"]) == ("first press only", 2)
    listed = await client.get(
        "/discogs/users/demo/wants", params={"per_page": 100}, headers=headers
    )
    stored = next(want for want in listed.json()["wants"] if want["id"] == release_id)
    assert (stored["notes"], stored["rating"]) == ("first press only", 2)
    for wrong in ({"rating": 9}, {"rating": "high"}, {"notes": 3}):
        refused = await client.put(path, json=wrong, headers=headers)
        assert refused.status_code == 422
    broken = await client.put(
        path, content=b"{not json", headers={**headers, "Content-Type": "application/json"}
    )
    assert broken.status_code == 400


async def _coupon_items(
    client: httpx.AsyncClient, state: SandboxState, headers: dict[str, str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    found = await client.get(
        "/ebay/buy/browse/v1/item_summary/search",
        params={"q": "lp", "limit": 200},
        headers=headers,
    )
    summaries = found.json()["itemSummaries"]
    assert all(isinstance(item["availableCoupons"], bool) for item in summaries)
    with_coupon = next(item for item in summaries if item["availableCoupons"])
    without = next(item for item in summaries if not item["availableCoupons"])
    return with_coupon, without


async def test_get_item_lists_available_coupons_and_leaves_them_out_when_none(
    client: httpx.AsyncClient, state: SandboxState, info: dict[str, Any]
) -> None:
    headers = ebay_headers(await ebay_token(client, info))
    with_coupon, without = await _coupon_items(client, state, headers)
    item = (await client.get(with_coupon["itemHref"], headers=headers)).json()
    coupons = item["availableCoupons"]
    assert isinstance(coupons, list) and len(coupons) == 1
    coupon = coupons[0]
    assert coupon["discountType"] == "ITEM_PRICE"
    assert set(coupon["discountAmount"]) >= {"value", "currency"}
    assert coupon["redemptionCode"] in coupon["message"]
    assert coupon["constraint"]["expirationDate"].endswith("Z")
    plain = (await client.get(without["itemHref"], headers=headers)).json()
    assert "availableCoupons" not in plain


async def test_get_item_by_legacy_id_answers_as_get_item(
    client: httpx.AsyncClient, state: SandboxState, info: dict[str, Any]
) -> None:
    headers = ebay_headers(await ebay_token(client, info))
    with_coupon, _ = await _coupon_items(client, state, headers)
    legacy = with_coupon["legacyItemId"]
    path = "/ebay/buy/browse/v1/item/get_item_by_legacy_id"
    by_legacy = await client.get(path, params={"legacy_item_id": legacy}, headers=headers)
    by_id = await client.get(with_coupon["itemHref"], headers=headers)
    assert by_legacy.status_code == 200
    assert by_legacy.json() == by_id.json()
    assert by_legacy.json()["itemId"] == f"v1|{legacy}|0"
    for params, status, error_id in (
        ({}, 400, 11006),
        ({"legacy_item_id": "v1|1|0"}, 400, 11006),
        ({"legacy_item_id": "1"}, 404, 11001),
        ({"legacy_item_id": legacy, "legacy_variation_id": "7"}, 404, 11001),
    ):
        failed = await client.get(path, params=params, headers=headers)
        assert failed.status_code == status
        assert failed.json()["errors"][0]["errorId"] == error_id
    unauthorised = await client.get(path, params={"legacy_item_id": legacy})
    assert unauthorised.status_code == 401


async def test_discogs_web_login_is_not_an_api_credential(
    client: httpx.AsyncClient,
) -> None:
    await client.post("/discogs-web/login", data={"username": "demo"})
    # A browser session signs in on the web pages only; the API still wants credentials.
    assert (await client.get("/discogs/oauth/identity")).status_code == 401
