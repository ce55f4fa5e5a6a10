"""Plans made from the buyer's choices: partial plans beside the last complete one, the wants
left out and why, the frontier and its points, CSV export, items bought and the rest re-planned.

The shelf (tests/api/test_converted_totals.py), in USD: release A is offered by euro (25.00,
shipping unknown), yank (12.50 + 5.00) and brit (15.63, shipping unknown); release B by brit
(10.00 + 3.13), euro (5.00 + 0.00) and tokyo (JPY, no rate). The cheapest plan buys B from
euro and A from yank: 22.50 in two parcels.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.helpers import HeldJobs, auth_headers, planned_basket
from tests.api.test_basket_choices import want_id_of
from tests.api.test_converted_totals import RELEASE_A, RELEASE_B, Shelf, listing, stock_shelf
from tests.services.test_price_history import add_match
from vinyldigger.core.context import AppContext
from vinyldigger.models import Listing, Release
from vinyldigger.services import listings as listing_service

LATEST = "/api/v1/basket/plans/latest"


async def set_want(client: httpx.AsyncClient, shelf: Shelf, release_id: int, **body: Any) -> None:
    want_id = await want_id_of(client, shelf.headers, release_id)
    choice = {"choice": "optional", **body}
    saved = await client.put(f"/api/v1/basket/wants/{want_id}", headers=shelf.headers, json=choice)
    assert saved.status_code == 200, saved.text


async def set_choices(client: httpx.AsyncClient, shelf: Shelf, **body: Any) -> None:
    saved = await client.put("/api/v1/basket/choices", headers=shelf.headers, json=body)
    assert saved.status_code == 200, saved.text


def bought_titles(plan: dict[str, Any]) -> set[str]:
    return {item["title"] for parcel in plan["parcels"] for item in parcel["items"]}


def reasons(plan: dict[str, Any]) -> dict[int, str]:
    return {gap["release_id"]: gap["reason"] for gap in plan["unfilled"]}


async def test_a_capped_plan_is_partial_names_what_it_left_out_and_keeps_the_complete_one(
    client: httpx.AsyncClient, db_session: AsyncSession, context: AppContext
) -> None:
    shelf = await stock_shelf(client, db_session)
    # At most 18.00 delivered for A: only yank's copy (17.50) is within it.
    await set_want(client, shelf, RELEASE_A, max_price="18")
    complete = await planned_basket(client, context, shelf.headers, {})
    assert complete["kind"] == "complete" and complete["unfilled"] == []
    assert complete["summary"]["total"] == {"amount": "22.50", "currency": "USD"}
    assert complete["summary"]["seller_count"] == 2 and complete["summary"]["item_count"] == 2

    await set_choices(client, shelf, max_parcels=1)
    partial = await planned_basket(client, context, shelf.headers, {})
    assert partial["kind"] == "partial" and partial["max_sellers"] == 1
    assert partial["summary"]["seller_count"] == 1
    assert bought_titles(partial) == {"Record F"}
    assert partial["unfilled"] == [
        {
            "release_id": RELEASE_A,
            "release": "Nico - Chelsea Girl",
            "reason": "excluded_by_cap",
            "required": False,
        }
    ]
    # Both are kept: the latest is the partial one, the latest complete is still the first.
    assert (await client.get(LATEST, headers=shelf.headers)).json()["id"] == partial["id"]
    kept = await client.get(LATEST, headers=shelf.headers, params={"kind": "complete"})
    assert kept.json()["id"] == complete["id"]
    latest_partial = await client.get(LATEST, headers=shelf.headers, params={"kind": "partial"})
    assert latest_partial.json()["id"] == partial["id"]
    one = await client.get(f"/api/v1/basket/plans/{complete['id']}", headers=shelf.headers)
    assert one.json() == kept.json()


async def test_must_buy_wants_that_do_not_fit_the_cap_make_the_plan_infeasible(
    client: httpx.AsyncClient, db_session: AsyncSession, context: AppContext
) -> None:
    shelf = await stock_shelf(client, db_session)
    await set_want(client, shelf, RELEASE_A, choice="must", max_price="18")
    await set_want(client, shelf, RELEASE_B, choice="must")
    await set_choices(client, shelf, max_parcels=1)
    plan = await planned_basket(client, context, shelf.headers, {})
    assert plan["kind"] == "infeasible" and plan["parcels"] == []
    assert plan["message"]
    assert {gap["required"] for gap in plan["unfilled"]} == {True}
    assert set(reasons(plan).values()) == {"excluded_by_cap"}
    kept = await client.get(LATEST, headers=shelf.headers, params={"kind": "complete"})
    assert kept.status_code == 404


async def test_grades_max_prices_and_skips_leave_wants_out_with_their_reason(
    client: httpx.AsyncClient, db_session: AsyncSession, context: AppContext
) -> None:
    shelf = await stock_shelf(client, db_session)
    # Only B (NM) meets Near Mint; A's copies are VG+ or state no grade.
    await set_choices(client, shelf, min_media_grade="NM")
    graded = await planned_basket(client, context, shelf.headers, {})
    assert bought_titles(graded) == {"Record B"}
    assert reasons(graded) == {RELEASE_A: "below_grade"}
    assert graded["kind"] == "complete"

    await set_choices(client, shelf)
    await set_want(client, shelf, RELEASE_A, max_price="4")
    priced = await planned_basket(client, context, shelf.headers, {})
    assert reasons(priced) == {RELEASE_A: "above_max_price"}

    await set_want(client, shelf, RELEASE_A, choice="skip")
    skipped = await planned_basket(client, context, shelf.headers, {})
    assert reasons(skipped) == {} and skipped["wants_planned"] == 1

    # A default value below every copy of B delivered: B is not worth buying.
    await set_want(client, shelf, RELEASE_A)
    await set_choices(client, shelf, default_value="4.00")
    cheap = await planned_basket(client, context, shelf.headers, {})
    assert reasons(cheap) == {RELEASE_A: "above_max_price", RELEASE_B: "above_max_price"}


async def test_a_budget_leaves_out_what_it_cannot_pay_for(
    client: httpx.AsyncClient, db_session: AsyncSession, context: AppContext
) -> None:
    shelf = await stock_shelf(client, db_session)
    await set_choices(client, shelf, budget="10.00")
    plan = await planned_basket(client, context, shelf.headers, {})
    assert plan["kind"] == "partial" and plan["budget"] == {"amount": "10.00", "currency": "USD"}
    assert bought_titles(plan) == {"Record F"}
    assert reasons(plan) == {RELEASE_A: "over_budget"}


async def test_any_pressing_lets_an_unstated_pressing_stand_in_but_never_another_pressing(
    client: httpx.AsyncClient, db_session: AsyncSession, context: AppContext
) -> None:
    shelf = await stock_shelf(client, db_session)
    reissue = Release(
        id=799,
        master_id=9000 + RELEASE_A,
        title="Chelsea Girl (reissue)",
        artists=["Nico"],
        artists_sort="Nico",
        labels=[],
        formats=["Vinyl", "LP"],
        barcodes=[],
    )
    db_session.add(reissue)
    await db_session.flush()
    # G does not say which pressing of A's album it is (9.00 + 2.00 delivered); H is the
    # reissue, another pressing of A's master, and cheaper still (8.00 + 2.00).
    stored = await listing_service.ingest(
        db_session,
        [
            listing("G", "9.00", "USD", seller="unsure", shipping="2.00"),
            listing("H", "8.00", "USD", seller="reissuer", shipping="2.00"),
        ],
        seen_at=shelf.found_at,
    )
    await add_match(
        db_session, shelf.user, stored.ids[("ebay", "G")], RELEASE_A, pressing="undetermined"
    )
    other = await add_match(
        db_session, shelf.user, stored.ids[("ebay", "H")], 799, other_pressing=True
    )
    other.master_id = 9000 + RELEASE_A
    await db_session.flush()
    await set_want(client, shelf, RELEASE_B, choice="skip")
    await set_want(client, shelf, RELEASE_A, max_price="14", any_pressing=False)
    context.dispatcher = HeldJobs()
    strict = await client.post("/api/v1/basket/plan", headers=shelf.headers, json={})
    assert strict.status_code == 409 and "max prices" in strict.json()["error"]["message"]
    await set_want(client, shelf, RELEASE_A, max_price="14", any_pressing=True)
    loose = await planned_basket(client, context, shelf.headers, {})
    assert bought_titles(loose) == {"Record G"}
    item = loose["parcels"][0]["items"][0]
    assert item["release_id"] == RELEASE_A and item["pressing_not_stated"] is True


async def test_the_frontier_comes_with_every_plan_and_each_point_opens_its_plan(
    client: httpx.AsyncClient, db_session: AsyncSession, context: AppContext
) -> None:
    shelf = await stock_shelf(client, db_session)
    plan = await planned_basket(client, context, shelf.headers, {})
    points = {point["max_sellers"]: point for point in plan["frontier"]}
    assert set(points) == {1, 2}
    assert points[2]["total"] == {"amount": "22.50", "currency": "USD"}
    assert points[2]["extra_cost"] == {"amount": "0.00", "currency": "USD"}
    assert points[1]["total"] == {"amount": "30.00", "currency": "USD"}
    assert sum(point["knee"] for point in plan["frontier"]) == 1
    # Both points are proven: no gap to state.
    assert [point["status"] for point in plan["frontier"]] == ["optimal", "optimal"]
    assert all(point["gap"] is None for point in plan["frontier"])

    opened = await client.post(
        f"/api/v1/basket/plans/{plan['id']}/frontier/1", headers=shelf.headers
    )
    assert opened.status_code == 201, opened.text
    one = opened.json()
    assert one["id"] != plan["id"] and one["max_sellers"] == 1 and one["kind"] == "complete"
    assert one["summary"]["total"] == points[1]["total"]
    assert one["summary"]["seller_count"] == 1 and one["frontier"] == plan["frontier"]
    # Opened again, the point shows the plan it opened before.
    reopened = await client.post(
        f"/api/v1/basket/plans/{plan['id']}/frontier/1", headers=shelf.headers
    )
    assert reopened.status_code == 200 and reopened.json()["id"] == one["id"]
    # A point's plan opens the other points too: they share the frontier they came from.
    back = await client.post(f"/api/v1/basket/plans/{one['id']}/frontier/2", headers=shelf.headers)
    assert back.status_code == 201, back.text
    assert back.json()["summary"]["total"] == points[2]["total"]
    missing = await client.post(
        f"/api/v1/basket/plans/{plan['id']}/frontier/7", headers=shelf.headers
    )
    assert missing.status_code == 404


async def test_a_plan_exports_as_csv(
    client: httpx.AsyncClient, db_session: AsyncSession, context: AppContext
) -> None:
    shelf = await stock_shelf(client, db_session)
    plan = await planned_basket(client, context, shelf.headers, {})
    exported = await client.get(
        f"/api/v1/basket/plans/{plan['id']}/export.csv", headers=shelf.headers
    )
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("text/csv")
    assert exported.headers["content-disposition"] == (
        f'attachment; filename="basket-plan-{plan["id"]}.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert {(row["seller"], row["listing_title"], row["price"]) for row in rows} == {
        ("euro", "Record F", "5.00"),
        ("yank", "Record C", "12.50"),
    }
    assert {row["listing_url"] for row in rows} == {
        "https://example.com/F",
        "https://example.com/C",
    }
    assert {row["seller_store"] for row in rows} == {
        "https://example.com/usr/euro",
        "https://example.com/usr/yank",
    }
    stranger = await auth_headers(client)
    taken = await client.get(f"/api/v1/basket/plans/{plan['id']}/export.csv", headers=stranger)
    assert taken.status_code == 404


async def test_items_marked_bought_are_left_out_when_the_rest_is_replanned(
    client: httpx.AsyncClient, db_session: AsyncSession, context: AppContext
) -> None:
    shelf = await stock_shelf(client, db_session)
    plan = await planned_basket(client, context, shelf.headers, {})
    items = {item["title"]: item for parcel in plan["parcels"] for item in parcel["items"]}
    url = f"/api/v1/basket/plans/{plan['id']}/items/{items['Record F']['listing_id']}"
    marked = await client.put(url, headers=shelf.headers, json={"bought": True})
    assert marked.status_code == 200 and marked.json() == {"bought": True}
    # Marking twice is the same as once.
    assert (await client.put(url, headers=shelf.headers, json={"bought": True})).status_code == 200
    again = (await client.get(f"/api/v1/basket/plans/{plan['id']}", headers=shelf.headers)).json()
    assert {i["title"]: i["bought"] for p in again["parcels"] for i in p["items"]} == {
        "Record F": True,
        "Record C": False,
    }
    # Yank's copy of A sold meanwhile.
    listing = await db_session.get(Listing, shelf.ids["C"])
    assert listing is not None
    listing.gone_at = datetime.now(UTC)
    await db_session.flush()
    # The re-plan keeps the plan's own cap (none), whatever the choices say now.
    await set_choices(client, shelf, max_parcels=1)
    rest = await planned_basket(client, context, shelf.headers, {"replan_of": plan["id"]})
    assert rest["replan_of"] == plan["id"] and rest["gone_since"] == 1
    assert rest["bought_left_out"] == 1 and rest["wants_planned"] == 1
    assert bought_titles(rest) == {"Record E"} and rest["max_sellers"] is None

    unmarked = await client.put(url, headers=shelf.headers, json={"bought": False})
    assert unmarked.json() == {"bought": False}
    not_in_plan = await client.put(
        f"/api/v1/basket/plans/{plan['id']}/items/999999",
        headers=shelf.headers,
        json={"bought": True},
    )
    assert not_in_plan.status_code == 404
