"""Whose X-Forwarded-For to believe: only configured proxies' (VINYLDIGGER_TRUSTED_PROXIES).

The client address keys the login and registration limits. Believing the header from anyone
lets a client pick a fresh address per try; believing nobody behind a proxy puts every user
behind one address. So the header rewrites the client address only when the peer is a
configured proxy (addresses or networks, comma-separated; "*" for any, for a proxy whose address
is not fixed on a private network).
"""

from __future__ import annotations

from starlette.types import ASGIApp
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from vinyldigger.core.config import Settings


def trusted_proxies(settings: Settings) -> list[str]:
    return [entry.strip() for entry in settings.trusted_proxies.split(",") if entry.strip()]


def behind_trusted_proxies(app: ASGIApp, settings: Settings) -> ASGIApp:
    """The app as served: with forwarded headers applied from trusted proxies only."""
    proxies = trusted_proxies(settings)
    if not proxies:
        return app
    # uvicorn types ASGI apps more narrowly than Starlette; both are plain ASGI callables.
    return ProxyHeadersMiddleware(app, trusted_hosts=proxies)  # type: ignore[arg-type,return-value]
