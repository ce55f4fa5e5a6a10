"""Who is calling the Discogs API: the User-Agent gate and the four ways to authenticate."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

from fastapi import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from vinyldigger_sandbox.oauth1 import OAuthError, SignedRequest, parse_authorization_header
from vinyldigger_sandbox.users import SandboxUser

if TYPE_CHECKING:
    from vinyldigger_sandbox.state import SandboxState

# Library defaults and browser strings: Discogs asks for an agent that names the app.
_GENERIC_AGENT = re.compile(
    r"^(python-requests|python-httpx|python-urllib|python/|curl|wget|go-http-client|java|"
    r"okhttp|axios|node-fetch|undici|aiohttp|postmanruntime|insomnia|httpie|libwww-perl|"
    r"mozilla|test|app|my app|my-app|user-agent)\b",
    re.IGNORECASE,
)
UNAUTHENTICATED = "You must authenticate to access this resource."


class DiscogsError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def acceptable_user_agent(value: str | None) -> bool:
    return bool(value and value.strip() and not _GENERIC_AGENT.match(value.strip()))


class UserAgentGate:
    """Discogs drops requests without a descriptive User-Agent: 403 with an empty body."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            agent = next(
                (
                    value.decode("latin-1")
                    for name, value in scope["headers"]
                    if name == b"user-agent"
                ),
                None,
            )
            if not acceptable_user_agent(agent):
                await send(
                    {
                        "type": "http.response.start",
                        "status": 403,
                        "headers": [(b"content-length", b"0")],
                    }
                )
                await send({"type": "http.response.body", "body": b""})
                return
        await self._app(scope, receive, send)


@dataclass(frozen=True, slots=True)
class DiscogsCaller:
    method: str  # "none", "key", "token" or "oauth"
    user: SandboxUser | None = None
    consumer_name: str | None = None

    @property
    def is_authenticated(self) -> bool:
        return self.method != "none"

    def is_owner(self, username: str) -> bool:
        return self.user is not None and self.user.username.lower() == username.lower()

    def require_authenticated(self) -> None:
        if not self.is_authenticated:
            raise DiscogsError(401, UNAUTHENTICATED)

    def require_owner(self, username: str) -> SandboxUser:
        if self.user is None:
            raise DiscogsError(401, UNAUTHENTICATED)
        if not self.is_owner(username):
            raise DiscogsError(403, "You don't have permission to access this resource.")
        return self.user


def _discogs_scheme(header: str) -> dict[str, str]:
    """`Discogs token=abc` or `Discogs key=k, secret=s`."""
    pairs = re.findall(r"(\w+)=([^,\s]+)", header[len("Discogs ") :])
    return {name.lower(): value for name, value in pairs}


async def signed_request(request: Request) -> SignedRequest | None:
    """The OAuth parameters and signed parameter list of a request, if it uses OAuth.

    OAuth 1.0a lets the protocol parameters travel in the Authorization header, the
    form-encoded body or the query string (RFC 5849, 3.5); all three are read. Other
    parameters of the body and query (such as an `oauth_callback` some clients put in the
    body next to a header) are signed too.
    """
    header = parse_authorization_header(request.headers.get("authorization"))
    params = list(parse_qsl(request.url.query, keep_blank_values=True))
    if request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        body = (await request.body()).decode()
        params += parse_qsl(body, keep_blank_values=True)
    if header is not None:
        oauth = header
        params += [(name, value) for name, value in header.items() if name != "realm"]
    else:
        oauth = {name: value for name, value in params if name.startswith("oauth_")}
        if "oauth_signature" not in oauth or "oauth_consumer_key" not in oauth:
            return None
    url = str(request.url.replace(query="", fragment=""))
    return SignedRequest(oauth, params, request.method, url)


async def identify_caller(request: Request, state: SandboxState) -> DiscogsCaller:
    world = state.world
    header = request.headers.get("authorization", "")
    try:
        signed = await signed_request(request)
    except OAuthError as error:
        raise DiscogsError(error.status, error.message) from error
    if signed is not None:
        access = state.oauth.access_tokens.get(signed.oauth.get("oauth_token", ""))
        if access is None:
            raise DiscogsError(401, "Invalid OAuth access token.")
        try:
            consumer = state.oauth.verify(signed, access.secret)
        except OAuthError as error:
            raise DiscogsError(error.status, error.message) from error
        if consumer.key != access.consumer_key:
            raise DiscogsError(401, "Invalid OAuth access token.")
        return DiscogsCaller("oauth", world.user(access.username), consumer.name)
    params = _discogs_scheme(header) if header.startswith("Discogs ") else {}
    token = params.get("token") or request.query_params.get("token")
    if token:
        user = next((u for u in world.users if u.credentials.personal_token == token), None)
        if user is None:
            raise DiscogsError(401, "Invalid personal access token.")
        return DiscogsCaller("token", user, user.username)
    key = params.get("key") or request.query_params.get("key")
    if key:
        secret = params.get("secret") or request.query_params.get("secret")
        app = state.oauth.consumers.get(key)
        if app is None or app.secret != secret:
            raise DiscogsError(401, "Invalid consumer key/secret.")
        return DiscogsCaller("key", None, app.name)
    if header:
        raise DiscogsError(401, "Unsupported authorization scheme.")
    return DiscogsCaller("none")
