"""Benchmark `load`: 50 simulated users on the embedded app (SQLite) for 60 s, with no error.

Setup: the sandbox marketplace and `vinyldigger run` (real uvicorn, SQLite in a temporary data
directory, the in-process job runner) each in a process of their own. ACCOUNTS accounts are
registered through the API, linked to the sandbox's demo user (which syncs a want list of a
few dozen records) and given a want-list search, run once so that it has results.

Load: USERS simulated users share the accounts. Each signs in, then until the time is up
reads its profile, a page of the want list, the searches, a page of results and the page and
price history of a release from them, and records a dashboard visit (a write); it signs in
again every SIGN_IN_EVERY rounds (argon2 plus a refresh-token write), and one user per account
starts a search run every RUN_EVERY_S seconds, so the job runner writes while the API serves.
All simulated users come from 127.0.0.1, so the per-address sign-in limit is raised.

Figures: `requests`, `errors` (5xx answers, unexpected statuses and failed connections: must
be 0), `p50_ms`/`p95_ms`/`p99_ms` over every request, `rss_mb_after` (the server's resident
memory after the run). Then ten 50 MB bodies go to the sign-in endpoint, which must refuse
each with 413 (or close the connection before the body is through) while the server's memory
stays bounded: `body_413s`, `body_refused` (of 10), `rss_mb_after_bodies`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from _common import write_result

VINYLDIGGER = Path(sys.executable).with_name("vinyldigger")
PASSWORD = "load-test-crate-digger-7"
# A session signs in again now and then (the app itself refreshes its token instead).
SIGN_IN_EVERY = 15
# Users arrive over this many seconds at most (a quarter of the run when it is shorter).
RAMP_UP_S = 10.0
RUN_EVERY_S = 15.0
BIG_BODY_BYTES = 50 * 1024 * 1024
BIG_BODIES = 10
CUT_OFF = -1


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no VmRSS for process {pid}")


@contextmanager
def _process(args: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as out:
        child = subprocess.Popen(
            [str(VINYLDIGGER), *args], env=env, stdout=out, stderr=out, cwd=log.parent
        )
    try:
        yield child
    finally:
        child.send_signal(signal.SIGTERM)
        try:
            child.wait(timeout=20)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def _wait_for(url: str, child: subprocess.Popen[bytes], seconds: float = 120) -> httpx.Response:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise SystemExit(f"{child.args!r} exited early (code {child.returncode})")
        try:
            answer = httpx.get(url, timeout=5, trust_env=False)
            if answer.is_success:
                return answer
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {seconds} s")


def _base_environment() -> dict[str, str]:
    keep = ("PATH", "HOME", "LANG", "TZ", "TMPDIR")
    return {key: os.environ[key] for key in keep if key in os.environ}


def _app_environment(info: dict[str, Any], data_dir: Path, port: int) -> dict[str, str]:
    demo = next(user for user in info["users"] if user["username"] == "demo")
    return {
        **_base_environment(),
        "VINYLDIGGER_DATA_DIR": str(data_dir),
        "VINYLDIGGER_PORT": str(port),
        "VINYLDIGGER_LOG_LEVEL": "WARNING",
        "VINYLDIGGER_DISCOGS_BASE_URL": info["discogs_base_url"],
        "VINYLDIGGER_DISCOGS_WEB_URL": info["discogs_web_base_url"],
        "VINYLDIGGER_EBAY_BASE_URL": info["ebay_base_url"],
        "VINYLDIGGER_EBAY_AUTH_URL": info["ebay_auth_base_url"],
        "VINYLDIGGER_FX_URL": info["fx_url"],
        "VINYLDIGGER_DISCOGS_CONSUMER_KEY": demo["discogs_consumer_key"],
        "VINYLDIGGER_DISCOGS_CONSUMER_SECRET": demo["discogs_consumer_secret"],
        "VINYLDIGGER_DISCOGS_RATE_LIMIT_PER_MINUTE": "100000",
        "VINYLDIGGER_SEARCH_MAX_SELLERS": "8",
        "VINYLDIGGER_INVENTORY_MAX_PAGES": "1",
        # Every simulated user signs in from 127.0.0.1.
        "VINYLDIGGER_AUTH_RATE_PER_IP": "100000",
        "VINYLDIGGER_REGISTRATIONS_PER_HOUR": "1000",
    }


@dataclass
class Account:
    email: str
    search_id: int = 0
    release_ids: list[int] = field(default_factory=list)


@dataclass
class Tally:
    latencies_ms: list[float] = field(default_factory=list)
    by_route: dict[str, list[float]] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)
    statuses: Counter[int] = field(default_factory=Counter)


class Caller:
    """Sends requests for one simulated user and counts what comes back."""

    def __init__(self, http: httpx.AsyncClient, tally: Tally) -> None:
        self.http = http
        self.tally = tally
        self.headers: dict[str, str] = {}

    async def call(
        self, method: str, path: str, expected: tuple[int, ...] = (200,), **kwargs: Any
    ) -> httpx.Response | None:
        started = time.perf_counter()
        try:
            answer = await self.http.request(method, path, headers=self.headers, **kwargs)
        except httpx.HTTPError as exc:
            self.tally.errors[
                f"{method} {path.split('?', maxsplit=1)[0]}: {type(exc).__name__}"
            ] += 1
            return None
        finally:
            elapsed_ms = (time.perf_counter() - started) * 1000
            self.tally.latencies_ms.append(elapsed_ms)
            self.tally.by_route.setdefault(f"{method} {_route(path)}", []).append(elapsed_ms)
        self.tally.statuses[answer.status_code] += 1
        if answer.status_code not in expected:
            self.tally.errors[f"{method} {_route(path)}: {answer.status_code}"] += 1
            if len(self.tally.errors) < 5:
                print(f"unexpected {answer.status_code} from {method} {path}: {answer.text[:200]}")
            return None
        return answer

    async def sign_in(self, email: str) -> bool:
        self.headers = {}
        answer = await self.call(
            "POST", "/api/v1/auth/login", json={"email": email, "password": PASSWORD}
        )
        if answer is None:
            return False
        self.headers = {"Authorization": f"Bearer {answer.json()['access_token']}"}
        return True


def _route(path: str) -> str:
    return "/".join(
        "{id}" if part.isdigit() else part for part in path.split("?", maxsplit=1)[0].split("/")
    )


async def _until_finished(caller: Caller, run_id: int, seconds: float = 300) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        answer = await caller.call("GET", f"/api/v1/runs/{run_id}")
        if answer is not None and answer.json()["status"] in ("succeeded", "failed"):
            run: dict[str, Any] = answer.json()
            if run["status"] == "failed":
                raise SystemExit(f"seeding run {run_id} failed: {run['error']}")
            return run
        await asyncio.sleep(0.5)
    raise SystemExit(f"run {run_id} did not finish in {seconds} s")


async def _seed(http: httpx.AsyncClient, info: dict[str, Any], number: int) -> Account:
    """One account linked to the sandbox's demo user, its want list synced, a search run."""
    demo = next(user for user in info["users"] if user["username"] == "demo")
    account = Account(email=f"collector{number}@load.example")
    caller = Caller(http, Tally())
    registered = await caller.call(
        "POST",
        "/api/v1/auth/register",
        (201,),
        json={"email": account.email, "password": PASSWORD},
    )
    if registered is None or not await caller.sign_in(account.email):
        raise SystemExit(f"could not set up {account.email}: {dict(caller.tally.errors)}")
    await caller.call(
        "POST",
        "/api/v1/discogs/link-token",
        json={"personal_token": demo["discogs_personal_token"]},
    )
    await caller.call(
        "PUT",
        "/api/v1/credentials/ebay",
        json={
            "client_id": demo["ebay_client_id"],
            "client_secret": demo["ebay_client_secret"],
            "buyer_country": demo["country"],
            "buyer_postal_code": demo["postal_code"],
        },
    )
    runs = await caller.call("GET", "/api/v1/runs")
    for run in runs.json()["items"] if runs is not None else []:
        await _until_finished(caller, run["id"])
    created = await caller.call(
        "POST",
        "/api/v1/searches",
        (201,),
        json={"name": "My want list", "criteria": {"want_list": True, "currency": "USD"}},
    )
    if created is None:
        raise SystemExit(f"could not create a search: {dict(caller.tally.errors)}")
    account.search_id = created.json()["id"]
    started = await caller.call("POST", f"/api/v1/searches/{account.search_id}/run", (202,))
    if started is None:
        raise SystemExit(f"could not start a search: {dict(caller.tally.errors)}")
    await _until_finished(caller, started.json()["id"])
    results = await caller.call(
        "GET", f"/api/v1/searches/{account.search_id}/results", params={"per_page": 100}
    )
    account.release_ids = sorted(
        {item["release_id"] for item in results.json()["items"] if item["release_id"]}
        if results is not None
        else set()
    )
    if not account.release_ids:
        raise SystemExit(f"the search of {account.email} found nothing")
    return account


async def _simulated_user(
    http: httpx.AsyncClient,
    account: Account,
    tally: Tally,
    deadline: float,
    *,
    think_s: float,
    ramp_up_s: float,
    starts_runs: bool,
) -> None:
    caller = Caller(http, tally)
    rounds = 0
    await asyncio.sleep(random.uniform(0, ramp_up_s))
    next_run = time.monotonic() + random.uniform(0, RUN_EVERY_S)
    while time.monotonic() < deadline:
        if rounds % SIGN_IN_EVERY == 0 and not await caller.sign_in(account.email):
            await asyncio.sleep(think_s)
            continue
        rounds += 1
        release_id = random.choice(account.release_ids)
        pages: list[list[tuple[str, str, dict[str, Any]]]] = [
            [("GET", "/api/v1/auth/me", {}), ("POST", "/api/v1/dashboard/visit", {})],
            [("GET", "/api/v1/wants", {"params": {"page": random.randint(1, 2)}})],
            [
                ("GET", "/api/v1/searches", {}),
                (
                    "GET",
                    f"/api/v1/searches/{account.search_id}/results",
                    {"params": {"per_page": 50, "sort": random.choice(["total", "newest"])}},
                ),
            ],
            [
                ("GET", f"/api/v1/releases/{release_id}", {}),
                ("GET", f"/api/v1/releases/{release_id}/prices", {}),
            ],
        ]
        for page in pages:
            # A page's requests go out together, as the browser sends them.
            await asyncio.gather(*(caller.call(m, path, **kw) for m, path, kw in page))
            await asyncio.sleep(random.uniform(0.5 * think_s, 1.5 * think_s))
        if starts_runs and time.monotonic() >= next_run:
            next_run = time.monotonic() + RUN_EVERY_S
            await caller.call("POST", f"/api/v1/searches/{account.search_id}/run", (202, 409))


async def _send_big_body(host: str, port: int, *, chunked: bool) -> int:
    """POST a 50 MB body to the sign-in endpoint over a plain socket; the answer's status.

    An HTTP client stops at the first failed write, but the server answers 413 and closes the
    connection as soon as it knows the body is too large, while the body is still being sent.
    """
    reader, writer = await asyncio.open_connection(host, port)
    # Read while sending: the answer comes before the body is through, and the reset that
    # follows the server's close would discard it if it were still unread.
    answer = asyncio.create_task(reader.readline())
    framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {BIG_BODY_BYTES}"
    writer.write(
        f"POST /api/v1/auth/login HTTP/1.1\r\nHost: {host}\r\n"
        f"Content-Type: application/json\r\n{framing}\r\n\r\n".encode()
    )
    piece = b" " * (1024 * 1024)
    try:
        for _ in range(BIG_BODY_BYTES // len(piece)):
            if answer.done():
                break
            writer.write(b"%x\r\n%b\r\n" % (len(piece), piece) if chunked else piece)
            await writer.drain()
        else:
            if chunked:
                writer.write(b"0\r\n\r\n")
                await writer.drain()
        status_line = await asyncio.wait_for(answer, timeout=30)
    except (ConnectionError, TimeoutError):
        status_line = answer.result() if answer.done() and not answer.exception() else b""
        if not status_line:
            # The server closed the connection before the body was through; the reset that
            # closing with unread data sends can overtake its 413.
            return CUT_OFF
    finally:
        answer.cancel()
        writer.close()
    parts = status_line.split()
    return int(parts[1]) if len(parts) > 1 else 0


async def _big_bodies(host: str, port: int) -> list[int]:
    """Half declare their length (refused at once), half are chunked (read up to the limit)."""
    return [await _send_big_body(host, port, chunked=n % 2 == 1) for n in range(BIG_BODIES)]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)


async def _load(
    app_url: str,
    info: dict[str, Any],
    users: int,
    accounts: int,
    duration: float,
    think_s: float,
) -> dict[str, Any]:
    limits = httpx.Limits(max_connections=users + 10, max_keepalive_connections=users + 10)
    async with httpx.AsyncClient(
        base_url=app_url, timeout=60, limits=limits, trust_env=False
    ) as http:
        seeded = [await _seed(http, info, number) for number in range(accounts)]
        tally = Tally()
        deadline = time.monotonic() + duration
        started = time.monotonic()
        await asyncio.gather(
            *(
                _simulated_user(
                    http,
                    seeded[n % accounts],
                    tally,
                    deadline,
                    think_s=think_s,
                    ramp_up_s=min(RAMP_UP_S, duration / 4),
                    starts_runs=n < accounts,
                )
                for n in range(users)
            )
        )
        elapsed = time.monotonic() - started
    return {
        "users": users,
        "accounts": accounts,
        "duration_s": round(elapsed, 1),
        "requests": len(tally.latencies_ms),
        "requests_per_s": round(len(tally.latencies_ms) / elapsed, 1),
        "errors": sum(tally.errors.values()),
        "error_kinds": dict(tally.errors),
        "statuses": {str(code): count for code, count in sorted(tally.statuses.items())},
        "p50_ms": _percentile(tally.latencies_ms, 0.50),
        "p95_ms": _percentile(tally.latencies_ms, 0.95),
        "p99_ms": _percentile(tally.latencies_ms, 0.99),
        "mean_ms": round(statistics.fmean(tally.latencies_ms), 1),
        "p95_ms_by_route": {
            route: _percentile(values, 0.95) for route, values in sorted(tally.by_route.items())
        },
    }


def main(users: int, accounts: int, duration: float, think_s: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="vinyldigger-load-") as scratch:
        root = Path(scratch)
        sandbox_port, app_port = _free_port(), _free_port()
        sandbox_args = ["sandbox", "--port", str(sandbox_port), "--size", "small"]
        sandbox_args += ["--discogs-rate-limit", "100000"]
        sandbox_args += ["--start-date", datetime.now(UTC).date().isoformat()]
        with _process(sandbox_args, _base_environment(), root / "sandbox.log") as sandbox:
            sandbox_url = f"http://127.0.0.1:{sandbox_port}"
            info = _wait_for(f"{sandbox_url}/sandbox/info", sandbox).json()
            data_dir = root / "data"
            data_dir.mkdir()
            env = _app_environment(info, data_dir, app_port)
            with _process(["run", "--port", str(app_port)], env, root / "app.log") as app:
                app_url = f"http://127.0.0.1:{app_port}"
                _wait_for(f"{app_url}/health/ready", app)
                rss_before = _rss_mb(app.pid)
                figures = asyncio.run(_load(app_url, info, users, accounts, duration, think_s))
                figures["rss_mb_before"] = rss_before
                figures["rss_mb_after"] = _rss_mb(app.pid)

                statuses = asyncio.run(_big_bodies("127.0.0.1", app_port))
                figures["body_413s"] = statuses.count(413)
                figures["body_refused"] = sum(code in (413, CUT_OFF) for code in statuses)
                figures["body_statuses"] = dict(Counter(statuses))
                figures["rss_mb_after_bodies"] = _rss_mb(app.pid)
                if figures["errors"]:
                    log = (root / "app.log").read_text(errors="replace")
                    figures["server_log_tail"] = log[-3000:]
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50, help="simulated users at once")
    parser.add_argument("--accounts", type=int, default=5, help="accounts they share")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds a user reads a page")
    arguments = parser.parse_args()
    result = main(arguments.users, arguments.accounts, arguments.duration, arguments.think)
    for key, value in result.items():
        if key != "server_log_tail":
            print(f"{key:>20}: {value}")
    print("written to", write_result("load", result))
    if result["errors"]:
        print(result.get("server_log_tail", ""))
        raise SystemExit(1)
