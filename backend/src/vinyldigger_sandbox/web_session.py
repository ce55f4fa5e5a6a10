"""Signing in on the Discogs web pages: a sandbox user picks a name and gets a session cookie.

The pages a Discogs member sees only when signed in (Shop my wants) read the cookie; without
it they redirect to the login page, which sends the browser back once signed in.
"""

from __future__ import annotations

import secrets
from html import escape
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from vinyldigger_sandbox.dependencies import State
from vinyldigger_sandbox.state import SandboxState
from vinyldigger_sandbox.users import SandboxUser
from vinyldigger_sandbox.web_layout import web_page, web_root

SESSION_COOKIE = "discogs_session"
SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600

router = APIRouter()


def signed_in_user(request: Request, state: SandboxState) -> SandboxUser | None:
    """The sandbox user whose session cookie came with the request, if any."""
    token = request.cookies.get(SESSION_COOKIE)
    username = state.web_sessions.get(token) if token else None
    return state.world.user(username) if username else None


def login_redirect(request: Request) -> RedirectResponse:
    """Send a signed-out browser to the login page, remembering where it was going."""
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    target = f"{web_root(request)}/login?return_to={quote(here, safe='')}"
    return RedirectResponse(target, status_code=302)


def _safe_return(request: Request, return_to: str) -> str:
    """Only paths on this host, so the login page cannot be used to redirect elsewhere."""
    if return_to.startswith("/") and not return_to.startswith("//") and "\\" not in return_to:
        return return_to
    return f"{web_root(request)}/sell/mywants"


@router.get("/login", response_class=HTMLResponse)
async def login_page(request: Request, state: State, return_to: str = "") -> HTMLResponse:
    names = "".join(
        f'<option value="{escape(user.username)}">{escape(user.username)}</option>'
        for user in state.world.users
    )
    body = f"""
<form method="post" action="{web_root(request)}/login" id="login-form">
  <input type="hidden" name="return_to" value="{escape(return_to)}">
  <label for="username">Username</label>
  <input id="username" name="username" list="sandbox-users" autocomplete="username" required>
  <datalist id="sandbox-users">{names}</datalist>
  <label for="password">Password (any; the sandbox does not check it)</label>
  <input id="password" name="password" type="password" autocomplete="current-password">
  <button type="submit" id="log-in">Log In</button>
</form>
<p><a href="{web_root(request)}/users/create">Create an account</a></p>"""
    return web_page(request, "Log In", body, signed_in=None)


@router.post("/login", response_model=None)
async def log_in(request: Request, state: State) -> Response:
    form = await request.form()
    user = state.world.user(str(form.get("username", "")).strip())
    return_to = str(form.get("return_to", ""))
    if user is None:
        body = (
            "<p class='error'>Incorrect username or password.</p>"
            f"<p><a href='{web_root(request)}/login?return_to={quote(return_to, safe='')}'>"
            "Try again</a></p>"
        )
        return web_page(request, "Log In", body, signed_in=None, status=401)
    token = secrets.token_urlsafe(24)
    state.web_sessions[token] = user.username
    response = RedirectResponse(_safe_return(request, return_to), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=SESSION_MAX_AGE_SECONDS,
        path="/",
        httponly=True,
        samesite="lax",
    )
    return response


@router.get("/logout", response_model=None)
async def log_out(request: Request, state: State) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        state.web_sessions.pop(token, None)
    response = RedirectResponse(f"{web_root(request)}/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
