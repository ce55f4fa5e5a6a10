"""How a Discogs request proves who sends it: personal token, OAuth 1.0a, or nothing.

Each strategy sets the Authorization header on a built request. OAuth signs every attempt
anew (fresh nonce and timestamp), which is why the transport rebuilds requests on retry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

import httpx
from authlib.oauth1 import ClientAuth
from pydantic import SecretStr

from vinyldigger.core.config import ConfigurationError, Settings
from vinyldigger.services.credentials import DiscogsCredentials

# HMAC-SHA1 keeps the secrets off the wire even where the base URL is plain HTTP (a sandbox);
# PLAINTEXT is what Discogs documents for HTTPS and is accepted too.
SignatureMethod = Literal["HMAC-SHA1", "PLAINTEXT"]


class DiscogsAuth(Protocol):
    def apply(self, request: httpx.Request) -> None:
        """Add the credentials to `request` (called once per attempt)."""


@dataclass(frozen=True)
class AnonymousAuth:
    """No credentials: low rate tier, no images, no user data. Only for public lookups."""

    def apply(self, request: httpx.Request) -> None:
        return None


@dataclass(frozen=True)
class PersonalTokenAuth:
    """A user's personal access token: acts as that user only."""

    token: SecretStr

    def apply(self, request: httpx.Request) -> None:
        request.headers["Authorization"] = f"Discogs token={self.token.get_secret_value()}"


@dataclass(frozen=True)
class OAuthConsumer:
    """The application's consumer key and secret (from the Discogs developer settings)."""

    key: str
    secret: SecretStr

    @classmethod
    def from_settings(cls, settings: Settings) -> OAuthConsumer:
        if settings.discogs_consumer_key is None or settings.discogs_consumer_secret is None:
            raise ConfigurationError(
                "Discogs OAuth needs VINYLDIGGER_DISCOGS_CONSUMER_KEY and "
                "VINYLDIGGER_DISCOGS_CONSUMER_SECRET"
            )
        return cls(
            key=settings.discogs_consumer_key.get_secret_value(),
            secret=settings.discogs_consumer_secret,
        )


@dataclass(frozen=True)
class ConsumerKeyAuth:
    """The application's own key and secret: the high rate tier for public data (inventories,
    listings) without acting as any user."""

    consumer: OAuthConsumer

    def apply(self, request: httpx.Request) -> None:
        request.headers["Authorization"] = (
            f"Discogs key={self.consumer.key}, secret={self.consumer.secret.get_secret_value()}"
        )


def application_auth(settings: Settings) -> DiscogsAuth:
    """Public reads on the instance's behalf: its consumer key when set, else anonymous (the
    low rate tier)."""
    if settings.discogs_consumer_key is None or settings.discogs_consumer_secret is None:
        return AnonymousAuth()
    return ConsumerKeyAuth(OAuthConsumer.from_settings(settings))


def sign_oauth1(
    request: httpx.Request,
    consumer: OAuthConsumer,
    *,
    signature_method: SignatureMethod,
    token: str | None = None,
    token_secret: str | None = None,
    callback: str | None = None,
    verifier: str | None = None,
) -> None:
    """Set an OAuth 1.0a Authorization header on `request`."""
    signer = ClientAuth(
        consumer.key,
        client_secret=consumer.secret.get_secret_value(),
        token=token,
        token_secret=token_secret,
        redirect_uri=callback,
        verifier=verifier,
        signature_method=signature_method,
    )
    headers = {"Content-Type": request.headers.get("Content-Type", "")}
    _, signed, _ = signer.prepare(request.method, str(request.url), headers, request.content)
    request.headers["Authorization"] = signed["Authorization"]


@dataclass(frozen=True)
class OAuthTokenAuth:
    """An access token a user granted this application through the OAuth 1.0a flow."""

    consumer: OAuthConsumer
    token: SecretStr
    token_secret: SecretStr
    signature_method: SignatureMethod = "HMAC-SHA1"

    def apply(self, request: httpx.Request) -> None:
        sign_oauth1(
            request,
            self.consumer,
            signature_method=self.signature_method,
            token=self.token.get_secret_value(),
            token_secret=self.token_secret.get_secret_value(),
        )


def auth_from_credentials(credentials: DiscogsCredentials, settings: Settings) -> DiscogsAuth:
    """The stored credentials as a signer: the OAuth pair when the user granted one (needs
    the instance's consumer key), else the personal token."""
    if credentials.oauth_token is not None and credentials.oauth_token_secret is not None:
        return OAuthTokenAuth(
            consumer=OAuthConsumer.from_settings(settings),
            token=credentials.oauth_token,
            token_secret=credentials.oauth_token_secret,
        )
    if credentials.personal_token is None:
        raise ValueError("Discogs credentials hold neither an OAuth token nor a personal token")
    return PersonalTokenAuth(token=credentials.personal_token)
