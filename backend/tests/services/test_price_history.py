"""Price history: daily lowest and median across currencies and grade bands, which eBay
listings count for whom, and price drops."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.errors import AppError
from vinyldigger.models import ListingMatch, Release, User, Want
from vinyldigger.services import fx as fx_service
from vinyldigger.services import listings as listing_service
from vinyldigger.services import price_history
from vinyldigger.services.marketplaces import dto
from vinyldigger.services.marketplaces.fx import ReferenceRates
from vinyldigger.services.marketplaces.grades import Grade
from vinyldigger.services.price_history import DailyPrice, grade_band

DAY0 = datetime(2026, 10, 1, 12, 0, tzinfo=UTC)
RELEASE_ID = 501
OTHER_RELEASE_ID = 502


def at(day: int) -> datetime:
    return DAY0 + timedelta(days=day)


def on(day: int) -> date:
    return at(day).date()


def offer(
    platform: str,
    external_id: str,
    price: str,
    currency: str,
    *,
    grade: Grade | None = None,
    release_id: int | None = None,
    shipping: str | None = None,
    seller: str = "shop",
) -> dto.Listing:
    return dto.Listing(
        platform="discogs" if platform == "discogs" else "ebay",
        listing_id=external_id,
        release_id=release_id,
        title=f"Nico - Chelsea Girl ({external_id})",
        media_grade=grade,
        price=dto.Money(amount=Decimal(price), currency=currency),
        shipping=dto.Money(amount=Decimal(shipping), currency=currency) if shipping else None,
        seller=dto.SellerRef(username=seller, rating=Decimal("99.1"), country="DE"),
        url=f"https://example.com/{platform}/{external_id}",
    )


async def add_user(session: AsyncSession, currency: str = "EUR") -> User:
    user = User(email=f"{uuid.uuid4().hex[:10]}@example.com", password_hash="-", currency=currency)
    session.add(user)
    await session.flush()
    return user


async def add_release(session: AsyncSession, release_id: int, title: str = "Chelsea Girl") -> None:
    session.add(
        Release(
            id=release_id,
            master_id=9000 + release_id,
            title=title,
            artists=["Nico"],
            artists_sort="Nico",
            labels=[{"name": "Verve", "catno": "V6-5032"}],
            formats=["Vinyl", "LP", "Album"],
            year=1967,
            country="US",
            barcodes=[],
        )
    )
    await session.flush()


async def store_rates(session: AsyncSession) -> None:
    # Round numbers so every conversion below is exact: 1 EUR = 1.25 USD = 0.80 GBP.
    await fx_service.refresh_rates(
        session,
        [ReferenceRates(day=on(0), rates={"USD": Decimal("1.25"), "GBP": Decimal("0.80")})],
    )


async def add_match(
    session: AsyncSession,
    user: User,
    listing_id: int,
    release_id: int = RELEASE_ID,
    *,
    confidence: str = "high",
    decision: str | None = None,
    other_pressing: bool = False,
    pressing: str | None = None,
) -> ListingMatch:
    verdict = pressing or ("other" if other_pressing else "same")
    match = ListingMatch(
        user_id=user.id,
        listing_id=listing_id,
        release_id=release_id,
        master_id=9000 + release_id,
        score=0.93 if confidence == "high" else 0.61,
        method="fuzzy",
        confidence=confidence,
        evidence={},
        decision=decision,
        # As a run stores it for a want: this pressing (wanted), or another pressing.
        pressing=verdict,
        is_wanted=verdict == "same" and decision != "rejected",
        is_other_pressing=other_pressing,
    )
    session.add(match)
    await session.flush()
    return match


@dataclass
class Market:
    """Listings of release 501 seen over four days, and who matched which eBay listing."""

    owner: User
    stranger: User
    ids: dict[str, int]


async def build_market(session: AsyncSession) -> Market:
    await add_release(session, RELEASE_ID)
    await add_release(session, OTHER_RELEASE_ID, "The Marble Index")
    await store_rates(session)
    owner, stranger = await add_user(session), await add_user(session)
    ids: dict[str, int] = {}

    async def see(day: int, listings: list[dto.Listing]) -> None:
        result = await listing_service.ingest(session, listings, seen_at=at(day))
        ids.update({external: i for (_platform, external), i in result.ids.items()})

    a = offer("discogs", "A", "20.00", "EUR", grade=Grade.VG_PLUS, release_id=RELEASE_ID)
    b = offer("discogs", "B", "30.00", "USD", grade=Grade.NM, release_id=RELEASE_ID, seller="us")
    c = offer("discogs", "C", "8.00", "GBP", grade=Grade.VG, release_id=RELEASE_ID, seller="uk")
    sek = offer("discogs", "S", "50.00", "SEK", release_id=RELEASE_ID, seller="se")
    elsewhere = offer("discogs", "X", "1.00", "EUR", release_id=OTHER_RELEASE_ID)
    ebay = {
        name: offer("ebay", name, price, "USD", seller=f"ebay-{name}", shipping="5.00")
        for name, price in [
            ("E", "12.50"),
            ("LOW", "2.50"),
            ("REJ", "1.25"),
            ("OTH", "1.25"),
            ("UND", "1.25"),
        ]
    }
    await see(0, [a, b, sek, elsewhere])
    await see(1, [a, b, c, sek, *ebay.values()])
    a_cheaper = offer("discogs", "A", "18.00", "EUR", grade=Grade.VG_PLUS, release_id=RELEASE_ID)
    await see(2, [a_cheaper, b, c])
    # B is not in day 3's complete pass over the release: gone, last seen on day 2.
    await see(3, [a_cheaper, c])
    await listing_service.mark_gone(
        session,
        platform="discogs",
        scope=listing_service.release_scope([RELEASE_ID]),
        seen_ids={ids["A"], ids["C"], ids["S"]},
        at=at(3),
    )
    await add_match(session, owner, ids["E"])
    await add_match(session, owner, ids["LOW"], confidence="low")
    await add_match(session, owner, ids["REJ"], decision="rejected")
    await add_match(session, owner, ids["OTH"], other_pressing=True)
    # The album, pressing not stated: it may be any pressing, so it says nothing of this one.
    await add_match(session, owner, ids["UND"], pressing="undetermined")
    # The stranger's own confident match of the cheap low-confidence listing counts for them.
    await add_match(session, stranger, ids["LOW"])
    return Market(owner, stranger, ids)


def day(on_day: int, count: int, lowest: str | None, median: str | None) -> DailyPrice:
    return DailyPrice(
        day=on(on_day),
        count=count,
        lowest=Decimal(lowest) if lowest else None,
        median=Decimal(median) if median else None,
    )


async def test_daily_lowest_and_median_in_the_users_currency(db_session: AsyncSession) -> None:
    market = await build_market(db_session)
    series = await price_history.daily_prices(
        db_session,
        user_id=market.owner.id,
        release_id=RELEASE_ID,
        currency="EUR",
        start=on(0),
        end=on(4),
    )
    # A 20 EUR (18 from day 2); B 30 USD = 24 EUR (gone after day 2); C 8 GBP = 10 EUR from
    # day 1; E 12.50 USD = 10 EUR from day 1 (matched, high confidence). The SEK listing has
    # no rate and is counted as left out.
    assert series.days == [
        day(0, 2, "20.00", "22.00"),
        day(1, 4, "10.00", "15.00"),
        day(2, 4, "10.00", "14.00"),
        day(3, 3, "10.00", "10.00"),
        day(4, 3, "10.00", "10.00"),
    ]
    assert series.unconverted_listings == 1
    assert series.currency == "EUR" and series.rates_as_of == on(0)


async def test_series_in_another_currency_and_by_grade_band(db_session: AsyncSession) -> None:
    market = await build_market(db_session)

    async def series(currency: str, grade: price_history.GradeBand) -> list[DailyPrice]:
        found = await price_history.daily_prices(
            db_session,
            user_id=market.owner.id,
            release_id=RELEASE_ID,
            currency=currency,
            start=on(0),
            end=on(3),
            grade=grade,
        )
        return found.days

    assert await series("usd", "VG+") == [
        day(0, 1, "25.00", "25.00"),
        day(1, 1, "25.00", "25.00"),
        day(2, 1, "22.50", "22.50"),
        day(3, 1, "22.50", "22.50"),
    ]
    assert [d.count for d in await series("EUR", "M/NM")] == [1, 1, 1, 0]
    assert (await series("EUR", "M/NM"))[3] == day(3, 0, None, None)
    # eBay's E states no grade: "unknown". The SEK listing is ungraded too, but has no rate.
    assert await series("GBP", "unknown") == [
        day(0, 0, None, None),
        day(1, 1, "8.00", "8.00"),
        day(2, 1, "8.00", "8.00"),
        day(3, 1, "8.00", "8.00"),
    ]
    assert [d.count for d in await series("EUR", "G+ and below")] == [0, 0, 0, 0]


async def test_ebay_listings_count_only_for_the_user_who_matched_them(
    db_session: AsyncSession,
) -> None:
    market = await build_market(db_session)
    series = await price_history.daily_prices(
        db_session,
        user_id=market.stranger.id,
        release_id=RELEASE_ID,
        currency="EUR",
        start=on(1),
        end=on(1),
    )
    # A, B, C and the stranger's own match of LOW (2.50 USD = 2 EUR); not the owner's E.
    assert series.days == [day(1, 4, "2.00", "15.00")]


async def test_unknown_release_and_reversed_range_are_refused(db_session: AsyncSession) -> None:
    user = await add_user(db_session)
    for release_id, start, end, status in [(777, on(0), on(1), 404), (777, on(1), on(0), 422)]:
        try:
            await price_history.daily_prices(
                db_session,
                user_id=user.id,
                release_id=release_id,
                currency="EUR",
                start=start,
                end=end,
            )
        except AppError as error:
            assert error.status_code == status
        else:
            raise AssertionError("expected an error")


def test_grade_bands() -> None:
    assert [grade_band(g) for g in ("M", "NM", "VG+", "VG", "G+", "G", "F", "P")] == [
        "M/NM",
        "M/NM",
        "VG+",
        "VG",
        "G+ and below",
        "G+ and below",
        "G+ and below",
        "G+ and below",
    ]
    assert grade_band(None) == "unknown" and grade_band("EX") == "unknown"


async def test_price_drops_for_the_users_listings(db_session: AsyncSession) -> None:
    market = await build_market(db_session)
    owner = market.owner
    db_session.add(Want(user_id=owner.id, release_id=RELEASE_ID, date_added=at(0)))
    await db_session.flush()
    cheaper = {
        "E": offer("ebay", "E", "10.00", "USD", seller="ebay-E", shipping="5.00"),
        "REJ": offer("ebay", "REJ", "0.50", "USD", seller="ebay-REJ"),
        # A change of currency is not a measurable drop.
        "C": offer(
            "discogs", "C", "7.00", "EUR", grade=Grade.VG, release_id=RELEASE_ID, seller="uk"
        ),
    }
    await listing_service.ingest(db_session, list(cheaper.values()), seen_at=at(4))

    drops = await price_history.price_drops(db_session, owner.id, at(2))
    assert [(d.listing_id, d.drop_percent) for d in drops] == [
        (market.ids["E"], Decimal("20.0")),
        (market.ids["A"], Decimal("10.0")),
    ]
    ebay_drop, discogs_drop = drops
    assert ebay_drop.release_id == RELEASE_ID and ebay_drop.platform == "ebay"
    assert ebay_drop.previous_price == dto.Money(amount=Decimal("12.50"), currency="USD")
    assert ebay_drop.current_price == dto.Money(amount=Decimal("10.00"), currency="USD")
    assert ebay_drop.observed_at == at(4)
    assert discogs_drop.release_id == RELEASE_ID and discogs_drop.observed_at == at(2)

    assert [d.listing_id for d in await price_drops_since(db_session, owner, 3)] == [
        market.ids["E"]
    ]
    assert (
        await price_history.price_drops(
            db_session, owner.id, at(2), min_drop_percent=Decimal("20.1")
        )
        == []
    )
    # The stranger neither wants the release nor matched E or A.
    assert await price_history.price_drops(db_session, market.stranger.id, at(0)) == []


async def price_drops_since(
    session: AsyncSession, user: User, on_day: int
) -> list[price_history.PriceDrop]:
    return await price_history.price_drops(session, user.id, at(on_day))
