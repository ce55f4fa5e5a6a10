"""Discogs OAuth 1.0a: request and access token endpoints, and the web page that approves."""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode, urlsplit, urlunsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from vinyldigger_sandbox.dependencies import State
from vinyldigger_sandbox.discogs_auth import DiscogsError, signed_request
from vinyldigger_sandbox.oauth1 import OAuthError, SignedRequest

FORM_ENCODED = "application/x-www-form-urlencoded"


def _form_response(values: dict[str, str]) -> Response:
    return Response(urlencode(values), media_type=FORM_ENCODED)


router = APIRouter()
authorize_router = APIRouter()


@router.api_route("/oauth/request_token", methods=["GET", "POST"])
async def request_token(request: Request, state: State) -> Response:
    try:
        signed = await signed_request(request)
        if signed is None:
            raise OAuthError(400, "Missing OAuth parameters.")
        consumer = state.oauth.verify(signed, token_secret="")
    except OAuthError as error:
        raise DiscogsError(error.status, error.message) from error
    callback = _callback(signed)
    token = state.oauth.issue_request_token(consumer, callback)
    return _form_response(
        {
            "oauth_token": token.token,
            "oauth_token_secret": token.secret,
            "oauth_callback_confirmed": "true",
        }
    )


def _callback(signed: SignedRequest) -> str:
    """`oauth_callback` from the header, else from the signed body or query; `oob` if none."""
    callback = signed.oauth.get("oauth_callback") or dict(signed.signed_params).get(
        "oauth_callback", ""
    )
    if not callback or callback == "oob":
        return "oob"
    parts = urlsplit(callback)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise DiscogsError(400, "Invalid oauth_callback.")
    return callback


@router.post("/oauth/access_token")
async def access_token(request: Request, state: State) -> Response:
    try:
        signed = await signed_request(request)
        if signed is None:
            raise OAuthError(400, "Missing OAuth parameters.")
        pending = state.oauth.live_request_token(signed.oauth.get("oauth_token", ""))
        consumer = state.oauth.verify(signed, token_secret=pending.secret)
        if consumer.key != pending.consumer_key:
            raise OAuthError(401, "Request token was issued to another consumer.")
        access = state.oauth.exchange(pending, signed.oauth.get("oauth_verifier"))
    except OAuthError as error:
        raise DiscogsError(error.status, error.message) from error
    return _form_response({"oauth_token": access.token, "oauth_token_secret": access.secret})


@authorize_router.get("/oauth/authorize", response_class=HTMLResponse)
async def authorize_page(state: State, oauth_token: str = "") -> HTMLResponse:
    try:
        pending = state.oauth.live_request_token(oauth_token)
    except OAuthError as error:
        return _page("Authorization failed", f"<p>{escape(error.message)}</p>", 400)
    consumer = state.oauth.consumers[pending.consumer_key]
    options = "".join(
        f'<option value="{escape(user.username)}">{escape(user.username)}</option>'
        for user in state.world.users
    )
    body = f"""
<p><strong>{escape(consumer.name)}</strong> would like to access your Discogs account.</p>
<form method="post" action="authorize">
  <input type="hidden" name="oauth_token" value="{escape(oauth_token)}">
  <label for="username">Sign in as</label>
  <select id="username" name="username">{options}</select>
  <button type="submit" id="authorize">Authorize</button>
</form>"""
    return _page("Authorize application", body)


@authorize_router.post("/oauth/authorize", response_model=None)
async def authorize(request: Request, state: State) -> Response:
    form = await request.form()
    token, username = str(form.get("oauth_token", "")), str(form.get("username", "demo"))
    if state.world.user(username) is None:
        return _page("Authorization failed", "<p>Unknown user.</p>", 400)
    try:
        pending = state.oauth.authorize(token, username)
    except OAuthError as error:
        return _page("Authorization failed", f"<p>{escape(error.message)}</p>", 400)
    assert pending.verifier is not None
    if pending.callback == "oob":
        return _page(
            "Application authorized",
            f'<p>Your verification code: <code id="verifier">{pending.verifier}</code></p>',
        )
    scheme, netloc, path, query, fragment = urlsplit(pending.callback)
    extra = urlencode({"oauth_token": pending.token, "oauth_verifier": pending.verifier})
    target = urlunsplit((scheme, netloc, path, f"{query}&{extra}" if query else extra, fragment))
    return RedirectResponse(target, status_code=302)


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    html = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)} | Discogs sandbox</title>
<style>body{{font-family:sans-serif;max-width:32rem;margin:3rem auto}}
button{{font-size:1rem;padding:.5rem 1.5rem}}</style></head>
<body><h1>{escape(title)}</h1>{body}</body></html>"""
    return HTMLResponse(html, status_code=status)
