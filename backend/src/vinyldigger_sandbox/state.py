"""Everything a running sandbox holds: settings, the world, tokens, counters, clocks."""

from __future__ import annotations

import random
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from vinyldigger_sandbox.oauth1 import OAuthStore
from vinyldigger_sandbox.rate_limit import SlidingWindowLimiter
from vinyldigger_sandbox.settings import SandboxSettings, SettingsUpdate, apply_update
from vinyldigger_sandbox.users import SandboxUser
from vinyldigger_sandbox.world import World

EBAY_ACCESS_PREFIX = "v^1.1#i^1#p^1#r^0#I^3#f^0#t^"


@dataclass(frozen=True, slots=True)
class EbayToken:
    client_id: str
    expires_at: float


class SandboxState:
    def __init__(
        self,
        settings: SandboxSettings,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.wall_clock = wall_clock
        self.world = World(settings)
        self._reset_runtime()

    def _reset_runtime(self) -> None:
        self.oauth = OAuthStore(self.world.users, self.wall_clock)
        self.discogs_limiter = SlidingWindowLimiter(self.clock)
        self.fault_rng = random.Random(self.settings.faults.fault_seed)
        self.ebay_tokens: dict[str, EbayToken] = {}
        self.ebay_calls: dict[tuple[str, str], int] = {}
        # Web session cookie -> username of the sandbox user signed in on the Discogs pages.
        self.web_sessions: dict[str, str] = {}
        self.ebay_clients = {user.credentials.ebay_client_id: user for user in self.world.users}

    def reset(self, seed: int | None = None, size: str | None = None) -> None:
        """Back to step 0 (optionally another seed or size): world, tokens and counters."""
        changes: dict[str, object] = {}
        if seed is not None:
            changes["seed"] = seed
        if size is not None:
            changes["size"] = size
        self.settings = SandboxSettings.model_validate({**self.settings.model_dump(), **changes})
        self.world = World(self.settings)
        self._reset_runtime()

    def update_settings(self, update: SettingsUpdate) -> None:
        self.settings = apply_update(self.settings, update)
        if update.faults is not None:
            self.fault_rng = random.Random(self.settings.faults.fault_seed)

    # -- eBay application tokens ---------------------------------------------------------

    def issue_ebay_token(self, client_id: str) -> tuple[str, int]:
        ttl = self.settings.ebay_token_ttl_seconds
        token = EBAY_ACCESS_PREFIX + secrets.token_urlsafe(48)
        self.ebay_tokens[token] = EbayToken(client_id, self.clock() + ttl)
        return token, ttl

    def ebay_client_for(self, token: str) -> str | None:
        """The client a live token belongs to; None for unknown or expired tokens."""
        issued = self.ebay_tokens.get(token)
        if issued is None or issued.expires_at <= self.clock():
            return None
        return issued.client_id

    def count_ebay_call(self, client_id: str) -> int:
        """Calls made today (UTC) by this application, this one included."""
        day = datetime.fromtimestamp(self.wall_clock(), UTC).date().isoformat()
        key = (client_id, day)
        self.ebay_calls[key] = self.ebay_calls.get(key, 0) + 1
        return self.ebay_calls[key]

    def user_for_ebay_client(self, client_id: str) -> SandboxUser | None:
        return self.ebay_clients.get(client_id)
