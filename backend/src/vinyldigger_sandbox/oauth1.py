"""OAuth 1.0a as Discogs speaks it: consumers, request and access tokens, signatures."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import unquote
from urllib.request import parse_http_list, parse_keqv_list

from authlib.oauth1.rfc5849.signature import (
    construct_base_string,
    hmac_sha1_signature,
    plaintext_signature,
)

from vinyldigger_sandbox.users import SandboxUser

REQUEST_TOKEN_LIFETIME_SECONDS = 15 * 60
TIMESTAMP_TOLERANCE_SECONDS = 300


class OAuthError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True, slots=True)
class Consumer:
    key: str
    secret: str
    name: str


@dataclass(slots=True)
class RequestToken:
    token: str
    secret: str
    consumer_key: str
    callback: str
    issued_at: float
    verifier: str | None = None
    username: str | None = None


@dataclass(frozen=True, slots=True)
class AccessToken:
    token: str
    secret: str
    consumer_key: str
    username: str


@dataclass(frozen=True, slots=True)
class SignedRequest:
    """The OAuth protocol parameters of a request and everything that was signed."""

    oauth: dict[str, str]
    signed_params: list[tuple[str, str]]
    method: str
    url: str


def parse_authorization_header(value: str | None) -> dict[str, str] | None:
    """The parameters of an `Authorization: OAuth ...` header, or None for other schemes."""
    if not value or not value.lower().startswith("oauth "):
        return None
    try:
        items = parse_keqv_list(parse_http_list(value[6:]))
    except ValueError as error:
        raise OAuthError(401, "Malformed OAuth header.") from error
    return {unquote(key): unquote(item) for key, item in items.items()}


class OAuthStore:
    """Consumers (one app per sandbox user), tokens issued so far, and nonces seen."""

    def __init__(self, users: Sequence[SandboxUser], wall_clock: Callable[[], float]) -> None:
        self._clock = wall_clock
        self.consumers = {
            user.credentials.consumer_key: Consumer(
                user.credentials.consumer_key,
                user.credentials.consumer_secret,
                f"VinylDigger sandbox app ({user.username})",
            )
            for user in users
        }
        self.request_tokens: dict[str, RequestToken] = {}
        # Each user has authorised their own app already, so tests can sign without a browser.
        self.access_tokens = {
            user.credentials.oauth_token: AccessToken(
                user.credentials.oauth_token,
                user.credentials.oauth_token_secret,
                user.credentials.consumer_key,
                user.username,
            )
            for user in users
        }
        self._nonces: dict[tuple[str, str, str], float] = {}

    def issue_request_token(self, consumer: Consumer, callback: str) -> RequestToken:
        token = RequestToken(
            secrets.token_hex(10), secrets.token_hex(20), consumer.key, callback, self._clock()
        )
        self.request_tokens[token.token] = token
        return token

    def live_request_token(self, token: str) -> RequestToken:
        request_token = self.request_tokens.get(token)
        if request_token is None:
            raise OAuthError(400, "Invalid request token.")
        if self._clock() - request_token.issued_at > REQUEST_TOKEN_LIFETIME_SECONDS:
            del self.request_tokens[token]
            raise OAuthError(400, "Request token has expired.")
        return request_token

    def authorize(self, token: str, username: str) -> RequestToken:
        request_token = self.live_request_token(token)
        request_token.username = username
        request_token.verifier = secrets.token_hex(5)
        return request_token

    def exchange(self, request_token: RequestToken, verifier: str | None) -> AccessToken:
        if request_token.username is None or request_token.verifier is None:
            raise OAuthError(400, "Request token has not been authorized.")
        if not verifier or not hmac.compare_digest(verifier, request_token.verifier):
            raise OAuthError(400, "Invalid OAuth verifier.")
        del self.request_tokens[request_token.token]
        access = AccessToken(
            secrets.token_hex(20),
            secrets.token_hex(20),
            request_token.consumer_key,
            request_token.username,
        )
        self.access_tokens[access.token] = access
        return access

    def verify(self, request: SignedRequest, token_secret: str) -> Consumer:
        """Check consumer, signature, timestamp and nonce; return the consumer."""
        oauth = request.oauth
        consumer = self.consumers.get(oauth.get("oauth_consumer_key", ""))
        if consumer is None:
            raise OAuthError(401, "Invalid consumer.")
        method = oauth.get("oauth_signature_method", "")
        signature = oauth.get("oauth_signature", "")
        if method == "PLAINTEXT":
            expected = plaintext_signature(consumer.secret, token_secret)
        elif method == "HMAC-SHA1":
            self._check_freshness(consumer, oauth)
            base = construct_base_string(request.method, request.url, request.signed_params)
            expected = hmac_sha1_signature(base, consumer.secret, token_secret)
        else:
            raise OAuthError(401, f"Unsupported signature method: {method or 'none'}.")
        if not hmac.compare_digest(str(expected), signature):
            raise OAuthError(401, "Invalid signature.")
        return consumer

    def _check_freshness(self, consumer: Consumer, oauth: dict[str, str]) -> None:
        now = self._clock()
        try:
            timestamp = int(oauth.get("oauth_timestamp", ""))
        except ValueError as error:
            raise OAuthError(401, "Missing or invalid oauth_timestamp.") from error
        if abs(now - timestamp) > TIMESTAMP_TOLERANCE_SECONDS:
            raise OAuthError(401, "Expired timestamp.")
        nonce = oauth.get("oauth_nonce", "")
        if not nonce:
            raise OAuthError(401, "Missing oauth_nonce.")
        key = (consumer.key, nonce, str(timestamp))
        if key in self._nonces:
            raise OAuthError(401, "Nonce already used.")
        if len(self._nonces) > 10_000:
            cutoff = now - 2 * TIMESTAMP_TOLERANCE_SECONDS
            self._nonces = {seen: at for seen, at in self._nonces.items() if at > cutoff}
        self._nonces[key] = now
