"""Discogs rate limiting: headers on every answer, 429 over the limit, per address, 60 s window."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from tests.sandbox.conftest import FakeClock, client_for, token_header


def _limits(response: Any) -> tuple[int, int, int]:
    headers = response.headers
    return (
        int(headers["x-discogs-ratelimit"]),
        int(headers["x-discogs-ratelimit-used"]),
        int(headers["x-discogs-ratelimit-remaining"]),
    )


async def test_every_answer_carries_the_headers_and_429_follows(make_app: Any) -> None:
    app: FastAPI = make_app(discogs_rate_limit=5)
    async with client_for(app) as client:
        info = (await client.get("/sandbox/info")).json()
        headers = token_header(info)
        seen = []
        for _ in range(5):
            response = await client.get("/discogs/users/demo/wants", headers=headers)
            assert response.status_code == 200
            seen.append(_limits(response))
        assert seen == [(5, used, 5 - used) for used in range(1, 6)]
        over = await client.get("/discogs/releases/1000001", headers=headers)
        assert over.status_code == 429
        assert over.json() == {"message": "You are making requests too quickly."}
        assert _limits(over) == (5, 5, 0)
        # Errors count and carry the headers as well; /sandbox is never limited.
        assert (await client.get("/sandbox/info")).status_code == 200


async def test_the_limit_is_per_client_address(make_app: Any) -> None:
    app: FastAPI = make_app(discogs_rate_limit=3)
    async with (
        client_for(app, address="10.0.0.1") as first,
        client_for(app, address="10.0.0.2") as second,
    ):
        info = (await first.get("/sandbox/info")).json()
        for _ in range(3):
            await first.get("/discogs/oauth/identity", headers=token_header(info))
        assert (
            await first.get("/discogs/oauth/identity", headers=token_header(info))
        ).status_code == 429
        response = await second.get("/discogs/oauth/identity", headers=token_header(info, "alice"))
        assert response.status_code == 200
        assert _limits(response) == (3, 1, 2)


async def test_the_window_moves(make_app: Any, fake_clock: FakeClock) -> None:
    app: FastAPI = make_app(discogs_rate_limit=4)
    async with client_for(app) as client:
        info = (await client.get("/sandbox/info")).json()
        headers = token_header(info)
        for _ in range(2):
            await client.get("/discogs/oauth/identity", headers=headers)
        fake_clock.advance(30)
        for _ in range(2):
            await client.get("/discogs/oauth/identity", headers=headers)
        assert (await client.get("/discogs/oauth/identity", headers=headers)).status_code == 429
        # The first two leave the window 60 s after they were made; the rest stay.
        fake_clock.advance(30.5)
        response = await client.get("/discogs/oauth/identity", headers=headers)
        assert response.status_code == 200
        assert _limits(response) == (4, 3, 1)
        # A minute of silence empties the window.
        fake_clock.advance(61)
        assert _limits(await client.get("/discogs/oauth/identity", headers=headers)) == (4, 1, 3)


async def test_unauthenticated_requests_get_the_lower_limit(make_app: Any) -> None:
    app: FastAPI = make_app(discogs_rate_limit=60, discogs_rate_limit_unauthenticated=25)
    async with client_for(app) as client:
        info = (await client.get("/sandbox/info")).json()
        anonymous = await client.get("/discogs/releases/1000001")
        signed_in = await client.get("/discogs/releases/1000001", headers=token_header(info))
        assert _limits(anonymous)[0] == 25
        assert _limits(signed_in) == (60, 2, 58)


async def test_limits_change_at_run_time(make_app: Any) -> None:
    app: FastAPI = make_app(discogs_rate_limit=60)
    async with client_for(app) as client:
        info = (await client.get("/sandbox/info")).json()
        await client.post("/sandbox/settings", json={"discogs_rate_limit": 2})
        codes = [
            (await client.get("/discogs/oauth/identity", headers=token_header(info))).status_code
            for _ in range(3)
        ]
        assert codes == [200, 200, 429]
        assert (await client.get("/sandbox/settings")).json()["discogs_rate_limit"] == 2


async def test_forwarded_address_counts_only_when_trusted(make_app: Any) -> None:
    app: FastAPI = make_app(discogs_rate_limit=1, trust_forwarded_for=True)
    async with client_for(app) as client:
        info = (await client.get("/sandbox/info")).json()
        for address in ("192.0.2.1", "192.0.2.2"):
            response = await client.get(
                "/discogs/oauth/identity",
                headers={**token_header(info), "X-Forwarded-For": address},
            )
            assert response.status_code == 200
