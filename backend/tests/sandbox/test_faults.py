"""Injected faults: 5xx, latency, hangs and truncated bodies; never on /sandbox/*."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.sandbox.conftest import USER_AGENT, client_for
from vinyldigger_sandbox.server import RunningSandbox

NO_FAULTS: dict[str, Any] = {"faults": {}}


async def test_server_errors_hit_the_upstream_apis_only(make_app: Any) -> None:
    app = make_app(faults={"error_rate": 1.0})
    async with client_for(app) as client:
        info = await client.get("/sandbox/info")
        assert info.status_code == 200
        token = info.json()["users"][0]["discogs_personal_token"]
        for path in ("/discogs/releases/1000001", "/fx/eurofxref-daily.xml"):
            response = await client.get(path, params={"token": token})
            assert response.status_code in (500, 502, 503)
        token_call = await client.post("/ebay/identity/v1/oauth2/token")
        assert token_call.status_code in (500, 502, 503)
        assert (await client.post("/sandbox/advance", json={"steps": 1})).status_code == 200


async def test_faults_can_target_one_api(make_app: Any) -> None:
    app = make_app(faults={"error_rate": 1.0, "apply_to": ["ebay"]})
    async with client_for(app) as client:
        assert (await client.get("/discogs/releases/1000001")).status_code == 200
        assert (await client.get("/fx/eurofxref-daily.xml")).status_code == 200
        assert (await client.post("/ebay/identity/v1/oauth2/token")).status_code >= 500


async def test_fault_sequence_is_repeatable(make_app: Any) -> None:
    sequences = []
    for _ in range(2):
        app = make_app(faults={"error_rate": 0.5, "fault_seed": 9})
        async with client_for(app) as client:
            sequences.append(
                [(await client.get("/fx/eurofxref-daily.xml")).status_code for _ in range(30)]
            )
    assert sequences[0] == sequences[1]
    assert 200 in sequences[0] and any(code >= 500 for code in sequences[0])


async def test_latency_is_added(make_app: Any) -> None:
    app = make_app(faults={"latency_ms": 200})
    async with client_for(app) as client:
        started = time.perf_counter()
        assert (await client.get("/discogs/releases/1000001")).status_code == 200
        assert time.perf_counter() - started >= 0.2
        started = time.perf_counter()
        await client.get("/sandbox/info")
        assert time.perf_counter() - started < 0.2


@pytest.fixture
def faulty(live_sandbox: RunningSandbox) -> Iterator[RunningSandbox]:
    """The live sandbox, with its faults switched off again afterwards."""
    yield live_sandbox
    httpx.post(f"{live_sandbox.base_url}/sandbox/settings", json=NO_FAULTS, timeout=10)


def _set_faults(sandbox: RunningSandbox, **faults: Any) -> None:
    response = httpx.post(f"{sandbox.base_url}/sandbox/settings", json={"faults": faults})
    assert response.status_code == 200


def test_a_hanging_request_outlasts_the_client_timeout(faulty: RunningSandbox) -> None:
    _set_faults(faulty, timeout_rate=1.0, timeout_hang_seconds=3.0)
    with httpx.Client(base_url=faulty.base_url, headers={"User-Agent": USER_AGENT}) as client:
        started = time.perf_counter()
        with pytest.raises(httpx.ReadTimeout):
            client.get("/discogs/releases/1000001", timeout=0.3)
        assert time.perf_counter() - started < 2.0
        assert client.get("/sandbox/info", timeout=5).status_code == 200


def test_a_truncated_body_is_cut_short_on_the_wire(faulty: RunningSandbox) -> None:
    _set_faults(faulty, truncate_rate=1.0)
    with httpx.Client(base_url=faulty.base_url, headers={"User-Agent": USER_AGENT}) as client:
        with pytest.raises(httpx.RemoteProtocolError, match="complete message body"):
            client.get("/discogs/releases/1000001", timeout=5)
        assert client.get("/sandbox/info", timeout=5).json()["size"] == "small"


async def test_a_truncated_body_in_process_is_half_a_document(make_app: Any) -> None:
    app = make_app(faults={"truncate_rate": 1.0})
    async with client_for(app) as client:
        response = await client.get("/discogs/releases/1000001")
        assert 0 < len(response.content) < int(response.headers["content-length"])
        with pytest.raises(json.JSONDecodeError):
            json.loads(response.content)
