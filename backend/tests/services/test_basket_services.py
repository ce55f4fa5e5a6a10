"""The basket's services on their own: the problem built from the choices (values, the cap and
the budget), the seller's store address, and the CSV export of a plan view."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.test_converted_totals import RELEASE_A, RELEASE_B, listing
from tests.services.test_price_history import add_match, add_release, store_rates
from vinyldigger.core.errors import AppError
from vinyldigger.models import User, Want
from vinyldigger.services import listings as listing_service
from vinyldigger.services.basket_choices import Choices, WantChoice
from vinyldigger.services.basket_export import plan_csv
from vinyldigger.services.basket_listings import seller_store_url
from vinyldigger.services.basket_problem import build_problem
from vinyldigger.services.basket_view import (
    MoneyView,
    ParcelView,
    PlanItemView,
    PlanSummaryView,
    PlanView,
)

NO_CHOICES = Choices(None, None, None, None, None)


async def _shelf(session: AsyncSession) -> User:
    user = User(email=f"basket-{datetime.now(UTC).timestamp()}@example.com", password_hash="x")
    user.currency = "USD"
    session.add(user)
    await session.flush()
    await store_rates(session)
    await add_release(session, RELEASE_A)
    await add_release(session, RELEASE_B, "The Marble Index")
    stored = await listing_service.ingest(
        session,
        [
            listing("A1", "12.50", "USD", seller="yank", shipping="5.00"),
            listing("B1", "4.00", "EUR", seller="euro", shipping="0.00"),
        ],
        seen_at=datetime.now(UTC),
    )
    for key, release_id in (("A1", RELEASE_A), ("B1", RELEASE_B)):
        match = await add_match(session, user, stored.ids[("ebay", key)], release_id)
        match.is_wanted = True
    session.add(Want(user_id=user.id, release_id=RELEASE_A, date_added=datetime.now(UTC)))
    session.add(
        Want(
            user_id=user.id,
            release_id=RELEASE_B,
            date_added=datetime.now(UTC),
            basket_choice=WantChoice.MUST.value,
            max_price=Decimal("9.00"),
        )
    )
    await session.flush()
    return user


async def test_the_problem_carries_values_cap_and_budget(db_session: AsyncSession) -> None:
    user = await _shelf(db_session)
    choices = Choices(None, None, Decimal("50.00"), 3, Decimal("30.00"))
    built = await build_problem(
        db_session, user, choices, release_ids=None, bought=set(), max_sellers=None
    )
    wants = {want.id: want for want in built.problem.wants}
    # A: optional, worth the default value; B: must buy.
    assert wants[f"r{RELEASE_A}"].required is False
    assert wants[f"r{RELEASE_A}"].value == Decimal("30.00")
    assert wants[f"r{RELEASE_B}"].required is True
    assert built.problem.options.max_sellers == 3
    assert built.problem.options.budget == Decimal("50.00")
    assert built.problem.currency == "USD"
    # An explicit cap wins over the choices; a re-plan may ask for none at all.
    capped = await build_problem(
        db_session, user, choices, release_ids=None, bought=set(), max_sellers=1
    )
    assert capped.problem.options.max_sellers == 1
    uncapped = await build_problem(
        db_session,
        user,
        choices,
        release_ids=None,
        bought=set(),
        max_sellers=None,
        cap_from_choices=False,
    )
    assert uncapped.problem.options.max_sellers is None


async def test_without_a_default_value_an_optional_want_is_worth_more_than_its_listings(
    db_session: AsyncSession,
) -> None:
    user = await _shelf(db_session)
    built = await build_problem(
        db_session, user, NO_CHOICES, release_ids=None, bought=set(), max_sellers=None
    )
    value = next(want.value for want in built.problem.wants if want.id == f"r{RELEASE_A}")
    # 12.50 plus yank's 5.00 shipping, and a margin.
    assert value == Decimal("18.50")
    assert set(built.offers) == {f"l{info.listing_id}" for info in built.offers.values()}


async def test_wants_bought_or_skipped_are_not_planned(db_session: AsyncSession) -> None:
    user = await _shelf(db_session)
    built = await build_problem(
        db_session, user, NO_CHOICES, release_ids=None, bought={RELEASE_A}, max_sellers=None
    )
    assert [want.id for want in built.problem.wants] == [f"r{RELEASE_B}"]
    assert built.bought_left_out == 1
    with pytest.raises(AppError) as refused:
        await build_problem(
            db_session,
            user,
            NO_CHOICES,
            release_ids=None,
            bought={RELEASE_A, RELEASE_B},
            max_sellers=None,
        )
    assert refused.value.code == "nothing_to_plan" and refused.value.status_code == 409


@pytest.mark.parametrize(
    ("platform", "url", "store"),
    [
        (
            "discogs",
            "https://www.discogs.com/sell/item/1",
            "https://www.discogs.com/seller/a%20b/profile",
        ),
        ("ebay", "https://www.ebay.de/itm/2", "https://www.ebay.de/usr/a%20b"),
        ("ebay", "not a url", None),
    ],
)
def test_the_sellers_store_is_on_the_listings_own_site(
    platform: str, url: str, store: str | None
) -> None:
    assert seller_store_url(platform, "a b", url) == store


def _money(amount: str) -> MoneyView:
    return MoneyView(amount=Decimal(amount), currency="EUR")


def test_csv_rows_never_start_a_spreadsheet_formula() -> None:
    item = PlanItemView(
        offer_id="l1",
        listing_id=1,
        release_id=7,
        release='=HYPERLINK("x") - Title',
        pressing_not_stated=False,
        title="+1 rare",
        url="https://example.com/1",
        platform="ebay",
        media_grade="VG+",
        sleeve_grade=None,
        price=_money("12.00"),
        listed_price=None,
        converted_total=None,
        converted_missing=None,
        shipping_known=True,
        ships_from=None,
        bought=True,
        gone=False,
    )
    parcel = ParcelView(
        seller="-seller",
        platform="ebay",
        seller_url=None,
        seller_rating=None,
        seller_rating_count=None,
        ships_from=None,
        items=[item],
        items_total=_money("12.00"),
        shipping=_money("3.00"),
        free_shipping=False,
        shipping_estimated=False,
        total=_money("15.00"),
    )
    view = PlanView(
        id=5,
        created_at=datetime.now(UTC),
        currency="EUR",
        kind="complete",
        status="optimal",
        message=None,
        max_sellers=None,
        budget=None,
        summary=PlanSummaryView(
            seller_count=1, item_count=1, items_total=None, shipping_total=None, total=None
        ),
        baselines=[],
        parcels=[parcel],
        unfilled=[],
        frontier=[],
        frontier_status="not_requested",
        gap=0,
        solve_seconds=0,
        wants_planned=1,
        skipped_without_rate=0,
        bought_left_out=0,
        replan_of=None,
        gone_since=0,
    )
    (row,) = list(csv.DictReader(io.StringIO(plan_csv(view))))
    assert row["seller"] == "'-seller"
    assert row["release"] == '\'=HYPERLINK("x") - Title'
    assert row["listing_title"] == "'+1 rare"
    assert (row["price"], row["currency"], row["bought"]) == ("12.00", "EUR", "yes")
