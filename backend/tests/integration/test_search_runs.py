"""A want-list search against the sandbox: both platforms, flags, and the life of listings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.helpers import auth_headers, planned_basket
from tests.integration.conftest import sandbox_user
from tests.integration.test_library_sync import QueueOnly, link_discogs
from vinyldigger.core.context import AppContext
from vinyldigger.models import PriceObservation
from vinyldigger.services import runs as run_service
from vinyldigger.services.fx_refresh import refresh_now_job
from vinyldigger.services.marketplaces.discogs.client import discogs_budget
from vinyldigger.services.marketplaces.ratelimit import limiter_for
from vinyldigger.workers.embedded import EmbeddedRunner
from vinyldigger.workers.jobs import run_job
from vinyldigger_sandbox.server import RunningSandbox


async def _control(sandbox: RunningSandbox, method: str, path: str, **kwargs: Any) -> Any:
    async with httpx.AsyncClient(base_url=sandbox.base_url, timeout=60) as control:
        response = await control.request(method, f"/sandbox{path}", **kwargs)
        response.raise_for_status()
        return response.json()


WAIT_SECONDS = 2.5


async def _finish(
    client: httpx.AsyncClient,
    context: AppContext,
    headers: dict[str, str],
    response: httpx.Response,
) -> dict[str, Any]:
    assert response.status_code == 202, response.text
    runner = context.dispatcher
    assert isinstance(runner, EmbeddedRunner)
    await runner.join()
    run: dict[str, Any] = (
        await client.get(f"/api/v1/runs/{response.json()['id']}", headers=headers)
    ).json()
    assert run["status"] == "succeeded", run
    return run


async def _results(
    client: httpx.AsyncClient, headers: dict[str, str], search_id: int, **params: Any
) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    page = 1
    while True:
        body = (
            await client.get(
                f"/api/v1/searches/{search_id}/results",
                headers=headers,
                params={"per_page": 100, "page": page, **params},
            )
        ).json()
        items += body["items"]
        if page >= body["pages"]:
            return items
        page += 1


async def _demo_account_with_search(
    client: httpx.AsyncClient, sandbox_context: AppContext, sandbox_info: dict[str, Any]
) -> tuple[dict[str, str], int]:
    """An account linked to the sandbox demo user, synced, with a want-list search."""
    headers = await auth_headers(client)
    demo = sandbox_user(sandbox_info, "demo")
    # Linking starts the want-list and collection syncs.
    await link_discogs(client, headers, demo["discogs_personal_token"], sandbox_context)
    ebay = {
        "client_id": demo["ebay_client_id"],
        "client_secret": demo["ebay_client_secret"],
        "buyer_country": demo["country"],
        "buyer_postal_code": demo["postal_code"],
    }
    assert (await client.put("/api/v1/credentials/ebay", headers=headers, json=ebay)).is_success

    created = await client.post(
        "/api/v1/searches",
        headers=headers,
        json={"name": "My want list", "criteria": {"want_list": True, "currency": "USD"}},
    )
    search_id = created.json()["id"]
    return headers, int(search_id)


async def test_want_list_search_finds_both_platforms_and_follows_the_world(
    client: httpx.AsyncClient,
    sandbox_context: AppContext,
    sandbox: RunningSandbox,
    sandbox_info: dict[str, Any],
    db_session: AsyncSession,
) -> None:
    headers, search_id = await _demo_account_with_search(client, sandbox_context, sandbox_info)
    wanted = set((await _control(sandbox, "GET", "/users/demo"))["want_release_ids"])
    first = await _finish(
        client,
        sandbox_context,
        headers,
        await client.post(f"/api/v1/searches/{search_id}/run", headers=headers),
    )
    results = await _results(client, headers, search_id)
    platforms = {item["listing"]["platform"] for item in results}
    assert platforms == {"discogs", "ebay"}, first["search"]
    # This pressing of a want, or a want's album with its pressing not stated (shown as such).
    assert all(
        item["match"]["wanted"] or item["match"]["verdict"] == "undetermined" for item in results
    )
    assert all(item["release_id"] in wanted for item in results)
    assert all(item["is_new"] for item in results)
    before_run = first["created_at"]
    new_since = await client.get(
        "/api/v1/matches/new", headers=headers, params={"since": before_run}
    )
    wanted_found = {item["listing"]["id"] for item in results if item["match"]["wanted"]}
    assert new_since.json()["count"] == len(wanted_found)
    later = await client.get(
        "/api/v1/matches/new", headers=headers, params={"since": first["finished_at"]}
    )
    assert later.json()["count"] == 0
    # The summary adds up, and the run reports its upstream calls like a sync does.
    platforms = first["search"]["platforms"]
    assert first["search"]["new_results"] == sum(p["new"] for p in platforms.values())
    assert first["search"]["results"] == sum(p["results"] for p in platforms.values())
    # Most eBay sellers have no Discogs store of that name: said as such, not as a failure.
    sources = first["search"]["sources"]
    absent = [key for key, source in sources.items() if source["absent"]]
    assert absent and all(key.startswith("discogs:seller:") for key in absent)
    assert all(sources[key]["error"] is None for key in absent)
    assert platforms["discogs"]["absent_sellers"] == len(absent)
    assert platforms["discogs"]["failed_sources"] == 0
    stats = first["stats"]
    by_platform = first["stats_by_platform"]
    assert stats["calls"] == by_platform["ebay"]["calls"] + by_platform["discogs"]["calls"] > 0
    assert first["live"] is None
    summaries = first["search"]["market_summaries"]
    assert summaries == {"checked": 30, "failed": 0}
    all_wants = [
        want
        for page in (1, 2)
        for want in (
            await client.get(f"/api/v1/wants?per_page=100&page={page}", headers=headers)
        ).json()["items"]
    ]
    checked = [w for w in all_wants if w["release"]["market_checked_at"]]
    assert len(checked) == 30
    assert all(w["release"]["num_for_sale"] is not None for w in checked)
    observed_before = await db_session.scalar(select(func.count()).select_from(PriceObservation))
    assert observed_before == len(results)

    report = (await _control(sandbox, "POST", "/advance", json={"steps": 1}))["steps"][0]
    left = {
        str(i)
        for i in [*report["discogs"]["sold"], *report["ebay"]["sold"], *report["ebay"]["ended"]]
    }
    appeared = {str(i) for i in [*report["discogs"]["new"], *report["ebay"]["new"]]}
    second = await _finish(
        client,
        sandbox_context,
        headers,
        await client.post(f"/api/v1/searches/{search_id}/run", headers=headers),
    )
    complete = {key for key, counts in second["search"]["sources"].items() if counts["complete"]}
    expected_gone = {
        item["listing"]["external_id"]
        for item in results
        if item["listing"]["external_id"] in left and item["source"] in complete
    }
    after = await _results(client, headers, search_id, include_gone=True)
    gone = {item["listing"]["external_id"] for item in after if item["gone_at"]}
    assert expected_gone, "the world step should sell some of what was found"
    assert gone == expected_gone

    current = await _results(client, headers, search_id)
    # A source read only in part the first time (a capped eBay query) may show older items
    # for the first time now; a source read whole can only show what the step added.
    read_whole = {key for key, counts in first["search"]["sources"].items() if counts["complete"]}
    new_from_whole = {
        item["listing"]["external_id"]
        for item in current
        if item["is_new"] and item["source"] in read_whole
    }
    assert new_from_whole and new_from_whole <= appeared
    assert not any(item["gone_at"] for item in current)
    # Only a source read to its last page can tell that a listing is gone.
    assert all(
        item["source"] not in complete for item in current if item["listing"]["external_id"] in left
    )

    changed = sum(p["changed"] for p in second["search"]["platforms"].values())
    added = sum(p["new_listings"] for p in second["search"]["platforms"].values())
    assert changed > 0, second["search"]["platforms"]
    observed_after = await db_session.scalar(select(func.count()).select_from(PriceObservation))
    assert observed_after == observed_before + added + changed


async def test_basket_plan_beats_both_baselines(
    client: httpx.AsyncClient,
    sandbox_context: AppContext,
    sandbox_info: dict[str, Any],
) -> None:
    headers, search_id = await _demo_account_with_search(client, sandbox_context, sandbox_info)
    await client.patch("/api/v1/auth/me", headers=headers, json={"currency": "USD"})
    before = await client.post("/api/v1/basket/plan", headers=headers, json={})
    assert before.status_code == 409
    assert before.json()["error"]["code"] == "nothing_to_plan"
    await _finish(
        client,
        sandbox_context,
        headers,
        await client.post(f"/api/v1/searches/{search_id}/run", headers=headers),
    )
    plan = await planned_basket(client, sandbox_context, headers, {"frontier": False})
    assert plan["status"] == "optimal"
    assert plan["wants_planned"] > 10
    assert plan["kind"] == "complete"
    total = Decimal(plan["summary"]["total"]["amount"])
    baselines = {b["name"]: Decimal(b["total"]["amount"]) for b in plan["baselines"]}
    assert len(baselines) == 2
    assert all(total < baseline for baseline in baselines.values()), (total, baselines)
    bought = {item["release_id"] for parcel in plan["parcels"] for item in parcel["items"]}
    left_out = {gap["release_id"] for gap in plan["unfilled"]}
    assert bought and not bought & left_out
    assert len(bought) == plan["wants_planned"]
    assert sum(Decimal(p["total"]["amount"]) for p in plan["parcels"]) == total
    capped = await planned_basket(
        client, sandbox_context, headers, {"frontier": False, "max_sellers": 3}
    )
    assert capped["summary"]["seller_count"] <= 3 or capped["status"] == "infeasible"


async def test_a_rejected_match_stays_rejected_in_later_runs(
    client: httpx.AsyncClient,
    sandbox_context: AppContext,
    sandbox_info: dict[str, Any],
) -> None:
    headers, search_id = await _demo_account_with_search(client, sandbox_context, sandbox_info)
    run_url = f"/api/v1/searches/{search_id}/run"
    await _finish(client, sandbox_context, headers, await client.post(run_url, headers=headers))
    ebay = [
        item
        for item in await _results(client, headers, search_id)
        if item["listing"]["platform"] == "ebay" and item["match"]
    ]
    rejected, confirmed = ebay[0], ebay[1]
    answer = await client.post(
        f"/api/v1/matches/{rejected['match']['id']}/decision",
        headers=headers,
        json={"verdict": "rejected"},
    )
    assert answer.status_code == 200 and answer.json()["decision"] == "rejected"
    kept = await client.post(
        f"/api/v1/matches/{confirmed['match']['id']}/decision",
        headers=headers,
        json={"verdict": "confirmed"},
    )
    assert kept.json()["score"] == 1.0
    other = await auth_headers(client)
    stolen = await client.post(
        f"/api/v1/matches/{confirmed['match']['id']}/decision",
        headers=other,
        json={"verdict": "rejected"},
    )
    assert stolen.status_code == 404

    await _finish(client, sandbox_context, headers, await client.post(run_url, headers=headers))
    after = {item["listing"]["id"]: item for item in await _results(client, headers, search_id)}
    assert rejected["listing"]["id"] not in after
    assert after[confirmed["listing"]["id"]]["match"]["decision"] == "confirmed"
    assert after[confirmed["listing"]["id"]]["match"]["wanted"] is True


async def test_keyword_search_keeps_only_discogs_listings_of_named_releases(
    client: httpx.AsyncClient,
    sandbox_context: AppContext,
    sandbox: RunningSandbox,
    sandbox_info: dict[str, Any],
) -> None:
    headers, want_list_search = await _demo_account_with_search(
        client, sandbox_context, sandbox_info
    )
    await _finish(  # tracks the sellers seen on eBay, whose inventories keyword runs read
        client,
        sandbox_context,
        headers,
        await client.post(f"/api/v1/searches/{want_list_search}/run", headers=headers),
    )
    wants = (await client.get("/api/v1/wants?per_page=1", headers=headers)).json()["items"]
    artist = wants[0]["release"]["artists"][0]
    created = await client.post(
        "/api/v1/searches",
        headers=headers,
        json={"name": artist, "criteria": {"keywords": artist, "currency": "USD"}},
    )
    search_id = created.json()["id"]
    run = await _finish(
        client,
        sandbox_context,
        headers,
        await client.post(f"/api/v1/searches/{search_id}/run", headers=headers),
    )
    results = await _results(client, headers, search_id)
    assert results, run["search"]
    token = sandbox_user(sandbox_info, "demo")["discogs_personal_token"]
    async with httpx.AsyncClient(base_url=sandbox_info["discogs_base_url"]) as discogs:
        named = (
            await discogs.get(
                "/database/search",
                params={"q": artist, "type": "release", "format": "Vinyl", "per_page": 100},
                headers={
                    "Authorization": f"Discogs token={token}",
                    "User-Agent": "VinylDiggerTests/1.0",
                },
            )
        ).json()
    named_ids = {hit["id"] for hit in named["results"]}
    discogs_results = [item for item in results if item["listing"]["platform"] == "discogs"]
    assert all(item["release_id"] in named_ids for item in discogs_results)
    assert any(item["listing"]["platform"] == "ebay" for item in results)


async def test_per_want_limits_shape_the_basket(
    client: httpx.AsyncClient,
    sandbox_context: AppContext,
    sandbox_info: dict[str, Any],
) -> None:
    headers, search_id = await _demo_account_with_search(client, sandbox_context, sandbox_info)
    await client.patch("/api/v1/auth/me", headers=headers, json={"currency": "USD"})
    await _finish(
        client,
        sandbox_context,
        headers,
        await client.post(f"/api/v1/searches/{search_id}/run", headers=headers),
    )
    first = await planned_basket(client, sandbox_context, headers, {"frontier": False})
    planned = {item["release_id"] for p in first["parcels"] for item in p["items"]}
    wants = {
        w["release"]["id"]: w["id"]
        for w in (await client.get("/api/v1/wants?per_page=100&page=1", headers=headers)).json()[
            "items"
        ]
    }
    wants.update(
        {
            w["release"]["id"]: w["id"]
            for w in (
                await client.get("/api/v1/wants?per_page=100&page=2", headers=headers)
            ).json()["items"]
        }
    )
    priced_out = next(iter(sorted(planned)))
    want_id = wants[priced_out]
    stranger = await auth_headers(client)
    refused = await client.patch(
        f"/api/v1/wants/{want_id}", headers=stranger, json={"max_price": "0.01"}
    )
    assert refused.status_code == 404
    invalid = await client.patch(
        f"/api/v1/wants/{want_id}", headers=headers, json={"min_media_grade": "shiny"}
    )
    assert invalid.status_code == 422
    limited = await client.patch(
        f"/api/v1/wants/{want_id}", headers=headers, json={"max_price": "0.01"}
    )
    assert limited.json()["max_price"] == "0.01"
    second = await planned_basket(client, sandbox_context, headers, {"frontier": False})
    replanned = {item["release_id"] for p in second["parcels"] for item in p["items"]}
    assert replanned == planned - {priced_out}
    # The profile's minimum media grade applies to every want without one of its own.
    await client.patch("/api/v1/auth/me", headers=headers, json={"min_media_grade": "NM"})
    third = await planned_basket(client, sandbox_context, headers, {"frontier": False})
    items = [item for p in third["parcels"] for item in p["items"]]
    assert items and all(item["media_grade"] in ("M", "NM") for item in items)
    assert {item["release_id"] for item in items} < replanned
    # A want's own minimum wins over the profile's. Copies that state no grade meet no
    # minimum, so the want chosen has at least one graded copy.
    graded = {
        item["release_id"]
        for item in await _results(client, headers, search_id)
        if item["listing"]["media_grade"] is not None
    }
    dropped = min((replanned - {item["release_id"] for item in items}) & graded)
    await client.patch(
        f"/api/v1/wants/{wants[dropped]}", headers=headers, json={"min_media_grade": "P"}
    )
    fourth = await planned_basket(client, sandbox_context, headers, {"frontier": False})
    assert dropped in {item["release_id"] for p in fourth["parcels"] for item in p["items"]}


def _ascending_totals(items: list[dict[str, Any]]) -> list[Decimal]:
    return [Decimal(item["converted_total"]["amount"]) for item in items]


async def test_every_item_of_the_want_list_search_carries_a_converted_total(
    client: httpx.AsyncClient,
    sandbox_context: AppContext,
    sandbox_info: dict[str, Any],
) -> None:
    headers, search_id = await _demo_account_with_search(client, sandbox_context, sandbox_info)
    await client.patch("/api/v1/auth/me", headers=headers, json={"currency": "GBP"})
    await refresh_now_job(sandbox_context, {})  # the sandbox's ECB daily file
    await _finish(
        client,
        sandbox_context,
        headers,
        await client.post(f"/api/v1/searches/{search_id}/run", headers=headers),
    )

    results = await _results(client, headers, search_id, sort="total")
    releases = {item["release_id"] for item in results}
    results = [item["listing"] for item in results]
    assert {item["platform"] for item in results} == {"discogs", "ebay"}
    assert len({item["price"]["currency"] for item in results}) > 1
    assert all(item["converted_total"]["currency"] == "GBP" for item in results)
    assert not [item for item in results if item["converted_missing"]]
    totals = _ascending_totals(results)
    assert totals == sorted(totals)
    assert all(item["seller"]["rating_count"] is not None for item in results)
    assert all(item["ships_from"] for item in results)

    sellers = []
    page = 1
    while True:
        body = (
            await client.get(
                f"/api/v1/searches/{search_id}/sellers",
                headers=headers,
                params={"per_page": 100, "page": page},
            )
        ).json()
        sellers += body["items"]
        if page >= body["pages"]:
            break
        page += 1
    assert sellers
    assert all(s["converted_total"]["currency"] == "GBP" for s in sellers)
    assert not [s for s in sellers if s["converted_missing"]]

    offers = [
        offer["listing"]
        for release_id in sorted(releases)
        for offer in (await client.get(f"/api/v1/releases/{release_id}", headers=headers)).json()[
            "offers"
        ]
    ]
    assert len(offers) >= len(results)
    assert all(offer["converted_total"]["currency"] == "GBP" for offer in offers)
    assert not [offer for offer in offers if offer["converted_missing"]]


async def test_a_run_says_when_it_waits_for_the_discogs_rate_limit(
    client: httpx.AsyncClient,
    sandbox_context: AppContext,
    sandbox_info: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if sandbox_context.redis is not None:
        pytest.skip("the Redis budget is shared with other test processes; pause it in memory")
    headers, _ = await _demo_account_with_search(client, sandbox_context, sandbox_info)
    created = await client.post(
        "/api/v1/searches",
        headers=headers,
        json={"name": "Discogs only", "criteria": {"want_list": True, "platforms": ["discogs"]}},
    )
    queue = QueueOnly()
    sandbox_context.dispatcher = queue
    started = await client.post(f"/api/v1/searches/{created.json()['id']}/run", headers=headers)
    assert started.status_code == 202, started.text
    written: list[dict[str, Any]] = []
    record = run_service.mark_progress

    def spy(run: Any, *, done: int, total: int | None, live: Any = None) -> None:
        record(run, done=done, total=total, live=live)
        if live is not None:
            written.append(live)

    monkeypatch.setattr(run_service, "mark_progress", spy)
    # Discogs answered 429 with a Retry-After, say: the shared budget hands out nothing for
    # a few seconds.
    paused = datetime.now(UTC)
    await limiter_for(discogs_budget(sandbox_context.settings), None).pause(WAIT_SECONDS)
    for name, args in queue.jobs:
        await run_job(sandbox_context, name, args)

    waits = [live["waiting"] for live in written if live["waiting"]]
    assert waits, written
    assert waits[0]["platform"] == "discogs"
    until = datetime.fromisoformat(waits[0]["until"])
    assert paused < until <= paused + timedelta(seconds=WAIT_SECONDS + 1)
    steps = {step["key"]: step for step in written[-1]["steps"]}
    assert steps["discogs_releases"]["done"] == steps["discogs_releases"]["total"] > 0
    assert steps["ebay_searches"]["total"] == 0
    run = (await client.get(f"/api/v1/runs/{started.json()['id']}", headers=headers)).json()
    assert run["status"] == "succeeded" and run["live"] is None
    assert run["stats"]["waited_seconds"] >= WAIT_SECONDS - 0.5


async def test_results_of_a_query_the_search_no_longer_reads_end_there_only(
    client: httpx.AsyncClient,
    sandbox_context: AppContext,
    sandbox_info: dict[str, Any],
) -> None:
    headers, _ = await _demo_account_with_search(client, sandbox_context, sandbox_info)
    wants = (await client.get("/api/v1/wants?per_page=2", headers=headers)).json()["items"]
    first_artist, other_artist = (want["release"]["artists"][0] for want in wants)

    def criteria(keywords: str) -> dict[str, Any]:
        return {"keywords": keywords, "platforms": ["ebay"], "currency": "USD"}

    searches = []
    for name in ("edited", "kept"):
        created = await client.post(
            "/api/v1/searches",
            headers=headers,
            json={"name": name, "criteria": criteria(first_artist)},
        )
        searches.append(created.json()["id"])
        await _finish(
            client,
            sandbox_context,
            headers,
            await client.post(f"/api/v1/searches/{searches[-1]}/run", headers=headers),
        )
    edited, kept = searches
    before = {item["listing"]["id"] for item in await _results(client, headers, edited)}
    assert before

    patched = await client.patch(
        f"/api/v1/searches/{edited}", headers=headers, json={"criteria": criteria(other_artist)}
    )
    assert patched.status_code == 200, patched.text
    run = await _finish(
        client,
        sandbox_context,
        headers,
        await client.post(f"/api/v1/searches/{edited}/run", headers=headers),
    )

    now = {item["listing"]["id"] for item in await _results(client, headers, edited)}
    everything = await _results(client, headers, edited, include_gone=True)
    ended = {item["listing"]["id"] for item in everything if item["gone_at"]} - now
    assert ended == before - now
    assert run["search"]["ended_results"] == len(ended) > 0
    # The other search still reads the first query: its results stay for sale.
    still = await _results(client, headers, kept)
    assert {item["listing"]["id"] for item in still} == before
