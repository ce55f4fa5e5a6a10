"""How wrong passwords slow logins down without letting anyone lock the owner out.

- Per (account, address) pair: after `login_failures_before_delay` wrong passwords each further
  one makes that pair wait twice as long as the one before (1 s, 2 s, 4 s … up to
  `login_max_delay_seconds`). A right password resets the pair. Other addresses are not slowed,
  so an attacker's tries never keep the owner out.
- A known device (a browser that signed in to the account before, see `known_devices`) counts
  its failures under itself instead of its address: an attacker on the owner's network (one
  address behind NAT) does not slow it either.
- Per account: after `login_account_failures_per_hour` wrong passwords from everywhere, only
  known devices may still try. Many addresses guessing together get no more than that.

Addresses are compared whole for IPv4 and by their /64 network for IPv6, the block one
subscriber usually holds.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from vinyldigger.core.config import Settings
from vinyldigger.core.errors import too_many_requests
from vinyldigger.core.logging import security_event
from vinyldigger.core.ratelimit import Backoff, RateLimiter
from vinyldigger.services.known_devices import KnownDevice

ACCOUNT_WINDOW_S = 3600
# A pair's failures are remembered this long after the last one (at least twice the cap, so
# an attacker who waits out each delay still meets the next, longer one).
MIN_FAILURE_MEMORY_S = 3600


def address_block(client_ip: str) -> str:
    """The address a pair is keyed by: IPv4 as is, IPv6 by its /64 network."""
    try:
        address = ipaddress.ip_address(client_ip)
    except ValueError:
        return client_ip
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False))
    return str(address)


@dataclass(frozen=True)
class LoginThrottle:
    limiter: RateLimiter
    settings: Settings
    # A digest of the e-mail address: the address itself stays out of Redis keys.
    account: str
    client_ip: str
    device: KnownDevice | None

    @property
    def _pair_key(self) -> str:
        source = self.device.key if self.device else f"ip:{address_block(self.client_ip)}"
        return f"login:pair:{self.account}:{source}"

    @property
    def _account_key(self) -> str:
        return f"login:account:{self.account}"

    @property
    def _backoff(self) -> Backoff:
        cap = self.settings.login_max_delay_seconds
        return Backoff(
            free=self.settings.login_failures_before_delay,
            cap_s=cap,
            forget_after_s=max(MIN_FAILURE_MEMORY_S, 2 * cap),
        )

    async def refuse_if_throttled(self) -> None:
        """429 with Retry-After while this pair waits, or the account is past its ceiling."""
        retry = await self.limiter.backoff_remaining(self._pair_key)
        if retry is not None:
            self._log_refusal("pair", retry)
            raise too_many_requests(retry)
        if self.device is not None:
            return
        retry = await self.limiter.blocked_for(
            self._account_key, self.settings.login_account_failures_per_hour, ACCOUNT_WINDOW_S
        )
        if retry is not None:
            self._log_refusal("account", retry)
            raise too_many_requests(retry)

    async def failed(self) -> int:
        """Counts a wrong password; returns the seconds this pair now waits (0: none yet)."""
        await self.limiter.hit(
            self._account_key, self.settings.login_account_failures_per_hour, ACCOUNT_WINDOW_S
        )
        return await self.limiter.add_failure(self._pair_key, self._backoff)

    async def succeeded(self) -> None:
        # The account's count stays: the owner signing in must not reset an attacker's budget.
        await self.limiter.reset(self._pair_key)

    def _log_refusal(self, scope: str, retry: int) -> None:
        security_event(
            "login_rate_limited",
            ip=self.client_ip,
            scope=scope,
            account=self.account,
            known_device=self.device is not None,
            retry_after=retry,
        )
