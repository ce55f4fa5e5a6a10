"""Wrong passwords slow the address they come from, never the owner of the account.

The limiter runs on a clock the tests move, so the growing waits are checked without sleeping;
PostgreSQL runs with the Redis limiter (distributed), SQLite with the in-memory one (embedded).
"""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

import httpx
import pytest

from tests.api.helpers import DEVICE_COOKIE, PASSWORD, browser, register
from vinyldigger.core.context import AppContext
from vinyldigger.core.ratelimit import MemoryRateLimiter, RateLimiter, RedisRateLimiter

ATTACKER = "203.0.113.66"
OWNER = "198.51.100.7"
WRONG = "a wrong guess of it"


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


def _instance(context: AppContext, clock: Clock, **settings: Any) -> AppContext:
    limiter: RateLimiter = (
        RedisRateLimiter(context.redis, prefix=f"vd-test:{uuid.uuid4().hex}:", clock=clock)
        if context.redis is not None
        else MemoryRateLimiter(clock=clock)
    )
    return dataclasses.replace(
        context, rate_limiter=limiter, settings=context.settings.model_copy(update=settings)
    )


async def _login(http: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    return await http.post("/api/v1/auth/login", json={"email": email, "password": password})


async def _fail(http: httpx.AsyncClient, email: str, times: int) -> None:
    for _ in range(times):
        assert (await _login(http, email, WRONG)).status_code == 401


async def test_the_owner_signs_in_while_an_attackers_tries_are_slowed(
    context: AppContext, clock: Clock
) -> None:
    instance = _instance(context, clock)
    async with browser(instance, ATTACKER) as attacker, browser(instance, OWNER) as owner:
        email = (await register(owner))["email"]
        await _fail(attacker, email, 5)
        slowed = await _login(attacker, email, WRONG)
        assert slowed.status_code == 429
        assert slowed.headers["Retry-After"] == "1"

        # From anywhere else the account is open, even in a browser never used before.
        welcome = await _login(owner, email, PASSWORD)
        assert welcome.status_code == 200
        # The attacker's address waits, whichever password it sends.
        assert (await _login(attacker, email, PASSWORD)).status_code == 429


async def test_the_attackers_wait_doubles_with_each_further_failure_up_to_the_cap(
    context: AppContext, clock: Clock
) -> None:
    instance = _instance(context, clock, login_max_delay_seconds=20)
    async with browser(instance, ATTACKER) as attacker:
        email = (await register(attacker))["email"]
        await _fail(attacker, email, 5)
        waits = []
        for _ in range(7):
            refused = await _login(attacker, email, WRONG)
            assert refused.status_code == 429
            wait = int(refused.headers["Retry-After"])
            waits.append(wait)
            clock.advance(wait - 0.5)
            assert (await _login(attacker, email, WRONG)).status_code == 429
            clock.advance(0.5)
            assert (await _login(attacker, email, WRONG)).status_code == 401
    assert waits == [1, 2, 4, 8, 16, 20, 20]


async def test_the_owners_right_password_clears_their_own_typos(
    context: AppContext, clock: Clock
) -> None:
    instance = _instance(context, clock)
    async with browser(instance, OWNER) as owner:
        email = (await register(owner))["email"]
        await _fail(owner, email, 4)
        assert (await _login(owner, email, PASSWORD)).status_code == 200
        # The count starts again: four more typos are still free.
        await _fail(owner, email, 4)
        assert (await _login(owner, email, PASSWORD)).status_code == 200


async def test_past_the_account_ceiling_only_known_devices_get_in(
    context: AppContext, clock: Clock
) -> None:
    instance = _instance(context, clock, login_account_failures_per_hour=8)
    async with (
        browser(instance, OWNER) as laptop,
        browser(instance, OWNER) as new_phone,
        browser(instance, "203.0.113.1") as first_bot,
        browser(instance, "203.0.113.2") as second_bot,
    ):
        email = (await register(laptop))["email"]
        assert (await _login(laptop, email, PASSWORD)).status_code == 200
        # Many addresses guessing together: none of them slowed yet, but the account has had
        # as many failures an hour as it takes.
        await _fail(first_bot, email, 4)
        await _fail(second_bot, email, 4)
        refused = await _login(new_phone, email, PASSWORD)
        assert refused.status_code == 429
        assert 1 <= int(refused.headers["Retry-After"]) <= 3600
        assert (await _login(first_bot, email, PASSWORD)).status_code == 429

        # The laptop signed in before: its device cookie gets it in, and keeps doing so.
        assert (await _login(laptop, email, PASSWORD)).status_code == 200
        # Its live session alone would do too (a browser from before the device cookie).
        laptop.cookies.delete(DEVICE_COOKIE)
        assert (await _login(laptop, email, PASSWORD)).status_code == 200

        clock.advance(3600)
        assert (await _login(new_phone, email, PASSWORD)).status_code == 200


async def test_an_attacker_behind_the_owners_address_does_not_slow_the_known_device(
    context: AppContext, clock: Clock
) -> None:
    instance = _instance(context, clock)
    async with browser(instance, OWNER) as laptop, browser(instance, OWNER) as intruder:
        email = (await register(laptop))["email"]
        assert (await _login(laptop, email, PASSWORD)).status_code == 200
        await _fail(intruder, email, 5)
        assert (await _login(intruder, email, WRONG)).status_code == 429
        assert (await _login(laptop, email, PASSWORD)).status_code == 200
        # The known device's own failures are still counted and slowed.
        await _fail(laptop, email, 5)
        assert (await _login(laptop, email, PASSWORD)).status_code == 429


async def test_a_device_cookie_of_another_account_or_before_a_password_change_is_not_known(
    context: AppContext, clock: Clock
) -> None:
    instance = _instance(context, clock, login_account_failures_per_hour=3)
    new_password = "a whole new passphrase"
    async with (
        browser(instance, OWNER) as laptop,
        browser(instance, OWNER) as phone,
        browser(instance, OWNER) as other,
        browser(instance, ATTACKER) as attacker,
    ):
        email = (await register(laptop))["email"]
        assert (await _login(laptop, email, PASSWORD)).status_code == 200
        other_email = (await register(other))["email"]
        assert (await _login(other, other_email, PASSWORD)).status_code == 200
        # The phone changes the password: the laptop is signed out and its device cookie stale.
        access = (await _login(phone, email, PASSWORD)).json()["access_token"]
        changed = await phone.patch(
            "/api/v1/auth/me",
            headers={"Authorization": f"Bearer {access}"},
            json={"current_password": PASSWORD, "new_password": new_password},
        )
        assert changed.status_code == 200

        await _fail(attacker, email, 3)
        # Another account's device cookie and session say nothing about this account.
        assert (await _login(other, email, new_password)).status_code == 429
        assert (await _login(laptop, email, new_password)).status_code == 429
        # The phone's session lives on, so the phone is still known.
        assert (await _login(phone, email, new_password)).status_code == 200


async def test_the_limit_per_address_still_holds_across_accounts(
    context: AppContext, clock: Clock
) -> None:
    instance = _instance(context, clock, auth_requests_per_minute_per_ip=4)
    async with browser(instance, ATTACKER) as attacker:
        statuses = [
            (await _login(attacker, f"someone-{n}@example.com", WRONG)).status_code
            for n in range(5)
        ]
    assert statuses == [401] * 4 + [429]
