"""Errors the marketplace clients raise. Messages name the call, never a credential."""

from __future__ import annotations


class MarketplaceError(Exception):
    """Any failure talking to a marketplace; `status_code` is the upstream HTTP status."""

    def __init__(self, message: str, *, platform: str, status_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.platform = platform
        self.status_code = status_code

    def __str__(self) -> str:
        return self.message


class NotFound(MarketplaceError):
    """The release, listing or user does not exist (HTTP 404)."""


class Unauthorized(MarketplaceError):
    """The marketplace refused the credentials (HTTP 401, or a refused token grant)."""


class Forbidden(MarketplaceError):
    """The credentials are valid but may not see this resource (HTTP 403)."""


class RequestRejected(MarketplaceError):
    """The marketplace rejected the request itself (400, 422 and other 4xx): not retried."""


class RateLimited(MarketplaceError):
    """Out of budget for longer than the caller is prepared to wait.

    `retry_after` is how many seconds from now the budget allows the call; a job that catches
    this should pause and resume then rather than fail.
    """

    def __init__(
        self,
        message: str,
        *,
        platform: str,
        retry_after: float | None,
        status_code: int | None = None,
    ) -> None:
        super().__init__(message, platform=platform, status_code=status_code)
        self.retry_after = retry_after


class UpstreamUnavailable(MarketplaceError):
    """Server errors, timeouts or unreadable bodies persisted through every retry."""


class InvalidResponse(MarketplaceError):
    """A well-formed response whose content does not have the documented shape."""
