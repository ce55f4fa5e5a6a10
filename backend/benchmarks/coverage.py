"""Benchmark `coverage`: how much of the Discogs market of a want list VinylDigger knows.

Setup: a demo-size sandbox world and its `demo` user (150 wants), VinylDigger linked to it on
both marketplaces, one want-list search. Ground truth is the sandbox's own world: every
Discogs listing for sale of a release in demo's want list. Three settings, each a fresh
account running the same search once:

- `api_only`: today's behaviour. The run reads the Discogs inventories of the eBay sellers
  it saw (capped at VINYLDIGGER_SEARCH_MAX_SELLERS = 25).
- `followed`: plus 20 followed Discogs sellers: those holding the most wanted listings that
  the eBay-seen sellers do not already cover (what a collector who follows the shops of their
  wants would pick). They are followed through `services.followed_sellers`, the shared crawl
  (`services.seller_crawl`) reads their inventories until it has nothing left to do, and the
  run then reads the stored inventories instead of fetching them.
- `companion`: the same 20 followed sellers (their crawl is shared, so it costs nothing
  again) plus one Scan my wants: the Shop my wants pages are walked as the extension
  walks them (listing ids from `/sell/item/{id}` link targets, the next page by `?page=`),
  the ids are sent to `POST /api/v1/imports` with an import token, and the `read-imports` job
  reads them through `GET /marketplace/listings/{id}`; then the search runs.

Figures per setting: `coverage` (share of the world's listings of wanted releases among the
search's Discogs results after the run, read from the database), the listings known, and
the Discogs calls it cost: `search_calls` (the run: release summaries and the inventories
of sellers not crawled lately), `crawl_calls` (the shared crawl of the followed sellers,
counted in both settings that follow them although the second reuses it), `import_calls`
(the companion's reads) and `calls_per_listing` (all of them over the wanted listings
known). For the companion path, `import_calls_per_listing` is its reads over the ids it
imported, and `results_page` times the first page of its results as the web app asks for it.
Targets: companion coverage >= 0.95, companion calls per listing <= 1.1.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
from cryptography.fernet import Fernet
from pydantic import SecretStr
from sqlalchemy import select

from _common import scratch_postgres, write_result
from results_page import explain_page
from vinyldigger.api.app import create_app
from vinyldigger.cli.demo import upstream_environment
from vinyldigger.core.config import Settings
from vinyldigger.core.context import AppContext
from vinyldigger.core.database import unit_of_work
from vinyldigger.core.migrations import upgrade
from vinyldigger.models import JobRun, Listing, SearchResult, TrackedSeller
from vinyldigger.services import followed_sellers
from vinyldigger.services.imports.reader import read_imports
from vinyldigger.services.seller_crawl import crawl_tick
from vinyldigger.workers.jobs import run_job
from vinyldigger_sandbox.server import RunningSandbox, running_sandbox
from vinyldigger_sandbox.settings import SandboxSettings

FAST = 1_000_000
FOLLOWED = 20
PASSWORD = "correct horse battery"
# What the extension reads: link targets only.
HREF = re.compile(r'href="([^"]+)"')
LISTING_PATH = re.compile(r"/sell/item/(\d+)/?$")


class Jobs:
    """Holds what the app enqueues; the benchmark runs each job itself, in order."""

    def __init__(self) -> None:
        self.queued: list[tuple[str, dict[str, int]]] = []

    def enqueue(self, name: str, args: dict[str, int] | None = None) -> None:
        self.queued.append((name, args or {}))

    async def drain(self, context: AppContext) -> None:
        while self.queued:
            name, args = self.queued.pop(0)
            if name != "read-imports":
                await run_job(context, name, args)


def world_truth(sandbox: RunningSandbox) -> dict[int, str]:
    """Every Discogs listing for sale of demo's wanted releases, with its seller."""
    world = sandbox.state.world
    demo = world.user("demo")
    assert demo is not None
    truth = {}
    for release_index in demo.wants:
        for listing_id in world.discogs.release_listing_ids(release_index):
            listing = world.discogs.listing(listing_id)
            assert listing is not None
            truth[listing_id] = world.sellers[listing.seller_index].discogs_username
    return truth


def harvest(html: str, page_url: str) -> tuple[list[int], str | None]:
    """The extension's reading of one page: listing ids and the next page's address."""
    current = httpx.URL(page_url)
    page = int(current.params.get("page", "1"))
    ids: dict[int, None] = {}
    following = None
    for href in HREF.findall(html):
        url = current.join(href.replace("&amp;", "&"))
        match = LISTING_PATH.search(url.path)
        if match:
            ids[int(match.group(1))] = None
        elif url.path == current.path and url.params.get("page") == str(page + 1):
            following = str(url)
    return list(ids), following


async def scan_my_wants(sandbox: RunningSandbox) -> tuple[list[list[int]], int]:
    pages: list[list[int]] = []
    async with httpx.AsyncClient(base_url=sandbox.base_url, timeout=60) as web:
        await web.post("/discogs-web/login", data={"username": "demo"})
        url: str | None = f"{sandbox.base_url}/discogs-web/sell/mywants?limit=250"
        while url is not None:
            answer = await web.get(url)
            answer.raise_for_status()
            ids, url = harvest(answer.text, str(answer.url))
            pages.append(ids)
    return pages, len(pages)


async def account(http: httpx.AsyncClient, jobs: Jobs, context: AppContext, demo: Any) -> Any:
    email = f"coverage-{uuid.uuid4().hex[:8]}@example.com"
    await http.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD})
    login = await http.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    http.cookies.clear()
    headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    linked = await http.post(
        "/api/v1/discogs/link-token",
        headers=headers,
        json={"personal_token": demo["discogs_personal_token"]},
    )
    assert linked.status_code == 200, linked.text
    await jobs.drain(context)
    ebay = {
        "client_id": demo["ebay_client_id"],
        "client_secret": demo["ebay_client_secret"],
        "buyer_country": demo["country"],
        "buyer_postal_code": demo["postal_code"],
    }
    assert (await http.put("/api/v1/credentials/ebay", headers=headers, json=ebay)).is_success
    search = await http.post(
        "/api/v1/searches",
        headers=headers,
        json={"name": "Want list", "criteria": {"want_list": True, "currency": "USD"}},
    )
    me = (await http.get("/api/v1/auth/me", headers=headers)).json()
    return headers, search.json()["id"], me["id"]


async def run_search(
    http: httpx.AsyncClient, jobs: Jobs, context: AppContext, headers: Any, search_id: int
) -> tuple[set[int], dict[str, Any]]:
    started = await http.post(f"/api/v1/searches/{search_id}/run", headers=headers)
    assert started.status_code == 202, started.text
    await jobs.drain(context)
    async with unit_of_work(context.session_factory) as session:
        run = await session.get(JobRun, started.json()["id"])
        assert run is not None and run.status == "succeeded", run and run.error
        stats = dict(run.stats)
        stats["stored_inventories"] = run.counts.get("stored_inventories", 0)
    async with unit_of_work(context.session_factory) as session:
        known = {
            int(external_id)
            for external_id in await session.scalars(
                select(Listing.external_id)
                .join(SearchResult, SearchResult.listing_id == Listing.id)
                .where(
                    SearchResult.search_id == search_id,
                    SearchResult.gone_at.is_(None),
                    Listing.platform == "discogs",
                )
            )
        }
    return known, stats


async def follow_and_crawl(context: AppContext, user_id: int, names: list[str]) -> int:
    """Follow `names` as the Sellers page does, then run the shared crawl until it rests;
    returns the Discogs calls the crawl made."""
    async with unit_of_work(context.session_factory) as session:
        report = await followed_sellers.import_names(
            session,
            user_id=user_id,
            usernames=names,
            limit=context.settings.followed_sellers_max,
        )
    assert len(report.followed) == len(names), report
    calls = 0
    while (tick := await crawl_tick(context)).calls:
        calls += tick.calls
    return calls


async def time_results_page(http: httpx.AsyncClient, headers: Any, search_id: int) -> Any:
    """The first page of results as the web app asks for it: best of three."""
    best, total = float("inf"), 0
    for _ in range(3):
        started = time.perf_counter()
        page = await http.get(
            f"/api/v1/searches/{search_id}/results",
            headers=headers,
            params={"per_page": 50, "sort": "total"},
        )
        best = min(best, time.perf_counter() - started)
        assert page.status_code == 200, page.text
        total = page.json()["total"]
    return {"results": total, "first_page_seconds": round(best, 3)}


def figures(
    truth: dict[int, str], known: set[int], search_calls: int, imports: int = 0, crawl: int = 0
) -> Any:
    found = known & truth.keys()
    calls = search_calls + imports + crawl
    return {
        "coverage": round(len(found) / len(truth), 4),
        "listings_known": len(found),
        "search_calls": search_calls,
        "crawl_calls": crawl,
        "import_calls": imports,
        "discogs_calls": calls,
        "calls_per_listing": round(calls / max(1, len(found)), 3),
    }


async def main(seed: int, explain: bool, sqlite: bool) -> dict[str, Any]:
    sandbox_settings = SandboxSettings(
        size="demo",
        seed=seed,
        discogs_rate_limit=FAST,
        discogs_rate_limit_unauthenticated=FAST,
    )
    with running_sandbox(sandbox_settings) as sandbox:
        async with httpx.AsyncClient(timeout=60) as control:
            info = (await control.get(f"{sandbox.base_url}/sandbox/info")).json()
        demo = next(user for user in info["users"] if user["username"] == "demo")
        truth = world_truth(sandbox)
        async with database(sqlite) as url:
            await asyncio.to_thread(upgrade, url)
            with tempfile.TemporaryDirectory() as data_dir:
                base = Settings.model_validate(
                    {
                        **upstream_environment(info),
                        "DATABASE_URL": url,
                        "VINYLDIGGER_DATA_DIR": Path(data_dir),
                        "VINYLDIGGER_SECRET_KEY": SecretStr(uuid.uuid4().hex * 2),
                        "VINYLDIGGER_ENCRYPTION_KEYS": SecretStr(Fernet.generate_key().decode()),
                        "VINYLDIGGER_DISCOGS_RATE_LIMIT_PER_MINUTE": FAST,
                        "VINYLDIGGER_LOG_LEVEL": "WARNING",
                        "VINYLDIGGER_IMPORT_READ_BATCH": 1000,
                    }
                )
                figures_measured = await measure(sandbox, base, demo, truth, explain)
                figures_measured["database"] = "sqlite" if sqlite else "postgresql"
                return figures_measured


@asynccontextmanager
async def database(sqlite: bool) -> AsyncIterator[str]:
    """A scratch PostgreSQL database, or with `sqlite` a SQLite file (the embedded mode)."""
    if sqlite:
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite+aiosqlite:///{Path(folder) / 'coverage.sqlite3'}"
        return
    async with scratch_postgres(f"vinyldigger_bench_coverage_{os.getpid()}") as url:
        yield url


async def measure(
    sandbox: RunningSandbox, base: Settings, demo: Any, truth: dict[int, str], explain: bool
) -> dict[str, Any]:
    context = AppContext.build(base)
    jobs = Jobs()
    context.dispatcher = jobs
    app = create_app(base, context=context, run_jobs=False)
    transport = httpx.ASGITransport(app=app)
    results: dict[str, Any] = {}
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://app") as http:
            headers, search_id, _ = await account(http, jobs, context, demo)
            known, stats = await run_search(http, jobs, context, headers, search_id)
            results["api_only"] = figures(truth, known, stats["discogs"]["calls"])
            async with unit_of_work(context.session_factory) as session:
                seen = set(
                    await session.scalars(
                        select(TrackedSeller.username).where(TrackedSeller.reason == "seen")
                    )
                )
            uncovered = Counter(s for i, s in truth.items() if i not in known and s not in seen)
            followed = [name for name, _ in uncovered.most_common(FOLLOWED)]

            crawl_calls = 0
            for setting in ("followed", "companion"):
                headers, search_id, user_id = await account(http, jobs, context, demo)
                # The first follower's crawl reads the inventories; the second finds them fresh.
                crawl_calls += await follow_and_crawl(context, user_id, followed)
                import_calls, imported = 0, 0
                if setting == "companion":
                    import_calls, imported, pages = await companion(http, context, headers, sandbox)
                known, stats = await run_search(http, jobs, context, headers, search_id)
                results[setting] = figures(
                    truth, known, stats["discogs"]["calls"], import_calls, crawl_calls
                )
                results[setting]["stored_inventories"] = stats["stored_inventories"]
                if setting == "companion":
                    results[setting]["scan_pages"] = pages
                    results[setting]["listing_ids_imported"] = imported
                    results[setting]["import_calls_per_listing"] = round(
                        import_calls / max(1, imported), 3
                    )
                    results[setting]["results_page"] = await time_results_page(
                        http, headers, search_id
                    )
                    if explain:
                        async with unit_of_work(context.session_factory) as session:
                            plans = await explain_page(session, user_id, search_id)
                        for name, plan in plans.items():
                            print(f"--- results page {name} plan ---\n{plan}")
            results["followed"]["followed_sellers"] = followed
    finally:
        await context.close()
    return {
        "world": {"size": "demo", "user": "demo", "wanted_listings": len(truth)},
        **results,
        "targets": {"companion_coverage": 0.95, "companion_calls_per_listing": 1.1},
    }


async def companion(
    http: httpx.AsyncClient, context: AppContext, headers: Any, sandbox: RunningSandbox
) -> tuple[int, int, int]:
    """One Scan my wants: harvest the pages, send them, read the imports until none wait."""
    token = (
        await http.post("/api/v1/import-tokens", headers=headers, json={"name": "benchmark"})
    ).json()["token"]
    pages, count = await scan_my_wants(sandbox)
    imported = 0
    for ids in pages:
        if not ids:
            continue
        sent = await http.post(
            "/api/v1/imports",
            headers={"Authorization": f"Bearer {token}"},
            json={"listing_ids": ids},
        )
        assert sent.status_code == 202, sent.text
        imported += sent.json()["listings"]
    calls = 0
    while True:
        summary = await read_imports(context)
        calls += summary.calls
        if not summary.claimed:
            return calls, imported, count


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--explain", action="store_true", help="print the results page's plans")
    parser.add_argument("--sqlite", action="store_true", help="SQLite instead of PostgreSQL")
    arguments = parser.parse_args()
    figures_out = asyncio.run(main(arguments.seed, arguments.explain, arguments.sqlite))
    for name in ("api_only", "followed", "companion"):
        print(f"{name:>10}: {figures_out[name]}")
    name = "coverage_sqlite" if arguments.sqlite else "coverage"
    print("written to", write_result(name, figures_out))
