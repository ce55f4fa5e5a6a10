"""What a release costs, for one user: its daily price series and the listings whose price fell.

Which listings count for a release:
- Discogs listings name their release, so every Discogs listing of the release counts;
- eBay listings are free text, matched per user: one counts when the user's match links it to
  the release and is either confirmed, or high-confidence, not rejected and this very
  pressing. Another pressing of the same master, or a listing that does not say which
  pressing it is, does not count.

A price observation is written when a listing appears and whenever its price changes, so the
price in effect on a day is the listing's latest observation up to that day, for as long as
the listing was for sale. Days are UTC days.

Amounts are compared in the user's currency with the latest stored rates, so a series shows
how sellers' prices moved, not how exchange rates did. Observations keep their own amount and
currency; a listing in a currency without a rate is left out and counted, never guessed.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal, get_args

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, union
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.errors import not_found, validation
from vinyldigger.models import (
    Listing,
    ListingMatch,
    PriceObservation,
    Release,
    Want,
)
from vinyldigger.services.fx import CurrencyConverter, latest_converter
from vinyldigger.services.marketplaces.dto import Money

GradeBand = Literal["M/NM", "VG+", "VG", "G+ and below", "unknown"]
GRADE_BANDS: tuple[GradeBand, ...] = get_args(GradeBand)
_BAND_OF_GRADE: dict[str, GradeBand] = {
    "M": "M/NM",
    "NM": "M/NM",
    "VG+": "VG+",
    "VG": "VG",
    "G+": "G+ and below",
    "G": "G+ and below",
    "F": "G+ and below",
    "P": "G+ and below",
}
CENT = Decimal("0.01")
ONE_DAY = timedelta(days=1)


def grade_band(media_grade: str | None) -> GradeBand:
    """The band a stored media grade falls in; no grade (or an unreadable one) is "unknown"."""
    return _BAND_OF_GRADE.get(media_grade or "", "unknown")


def accepted_match() -> ColumnElement[bool]:
    """A match that lets an eBay listing stand for its release in prices and alerts."""
    not_rejected = or_(ListingMatch.decision.is_(None), ListingMatch.decision != "rejected")
    # Only this pressing: a listing that does not say which pressing it is may be any.
    return or_(
        ListingMatch.decision == "confirmed",
        and_(
            not_rejected,
            ListingMatch.confidence == "high",
            ListingMatch.pressing == "same",
            ListingMatch.is_other_pressing.is_(False),
        ),
    )


def listings_of_release(release_id: int) -> Select[int]:
    return select(Listing.id).where(Listing.platform == "discogs", Listing.release_id == release_id)


def release_listings(user_id: int, release_id: int) -> ColumnElement[bool]:
    """Listings that count for `release_id` in `user_id`'s prices (a condition on Listing).

    A UNION of ids rather than an OR across two tables, so each side uses its index.
    """
    matched = select(ListingMatch.listing_id).where(
        ListingMatch.user_id == user_id, ListingMatch.release_id == release_id, accepted_match()
    )
    return Listing.id.in_(union(listings_of_release(release_id), matched))


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


async def require_release(session: AsyncSession, release_id: int) -> Release:
    release = await session.get(Release, release_id)
    if release is None:
        raise not_found("Release")
    return release


# -- daily series ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DailyPrice:
    """The listings for sale on one day: their count, lowest and median price (None when
    none was)."""

    day: date
    count: int
    lowest: Decimal | None
    median: Decimal | None


@dataclass(frozen=True)
class PriceSeries:
    release_id: int
    currency: str
    grade: GradeBand | None
    start: date
    end: date
    days: list[DailyPrice]
    # Listings left out because no rate converts their currency to `currency`.
    unconverted_listings: int
    rates_as_of: date | None


@dataclass(frozen=True)
class _Seen:
    day: date
    price: Decimal | None
    band: GradeBand


@dataclass
class _Timeline:
    first_day: date
    last_day: date | None
    seen: list[_Seen]


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


# Listing id, first seen, last seen, gone, observed at, amount, currency, media grade.
SeriesRow = Select[int, datetime, datetime, datetime | None, datetime, Decimal, str, str | None]


def _series_query(user_id: int, release_id: int, start: date, end: date) -> SeriesRow:
    """Observations up to `end` of the listings for sale at some point in [start, end]."""
    return (
        select(
            Listing.id,
            Listing.first_seen_at,
            Listing.last_seen_at,
            Listing.gone_at,
            PriceObservation.observed_at,
            PriceObservation.price_amount,
            PriceObservation.price_currency,
            PriceObservation.media_grade,
        )
        .join(PriceObservation, PriceObservation.listing_id == Listing.id)
        .where(
            release_listings(user_id, release_id),
            Listing.first_seen_at < _midnight(end + ONE_DAY),
            or_(Listing.gone_at.is_(None), Listing.last_seen_at >= _midnight(start)),
            PriceObservation.observed_at < _midnight(end + ONE_DAY),
        )
        .order_by(Listing.id, PriceObservation.observed_at, PriceObservation.id)
    )


def _daily(
    timelines: Iterable[_Timeline], start: date, end: date, grade: GradeBand | None
) -> list[DailyPrice]:
    prices: dict[date, list[Decimal]] = {}
    for timeline in timelines:
        first = max(start, timeline.first_day)
        last = min(end, timeline.last_day or end)
        index = -1
        day = first
        while day <= last:
            while index + 1 < len(timeline.seen) and timeline.seen[index + 1].day <= day:
                index += 1
            current = timeline.seen[index] if index >= 0 else None
            if current and current.price is not None and grade in (None, current.band):
                prices.setdefault(day, []).append(current.price)
            day += ONE_DAY
    series = []
    day = start
    while day <= end:
        found = prices.get(day, [])
        series.append(
            DailyPrice(
                day=day,
                count=len(found),
                lowest=_cents(min(found)) if found else None,
                median=_cents(statistics.median(found)) if found else None,
            )
        )
        day += ONE_DAY
    return series


async def daily_prices(
    session: AsyncSession,
    *,
    user_id: int,
    release_id: int,
    currency: str,
    start: date,
    end: date,
    grade: GradeBand | None = None,
    converter: CurrencyConverter | None = None,
) -> PriceSeries:
    """Per day from `start` to `end` (inclusive): how many listings of the release were for
    sale (in `grade`'s band, when given), the lowest and the median price in `currency`.

    Raises not_found for a release VinylDigger does not know. Without a converter, the
    latest stored rates are used.
    """
    if end < start:
        raise validation("end", "must not be before the start")
    await require_release(session, release_id)
    converter = converter or await latest_converter(session)
    target = currency.upper()
    timelines: dict[int, _Timeline] = {}
    unconverted: set[int] = set()
    rows = await session.execute(_series_query(user_id, release_id, start, end))
    for listing_id, first_seen, last_seen, gone_at, observed_at, amount, code, media in rows:
        timeline = timelines.get(listing_id)
        if timeline is None:
            last_day = last_seen.date() if gone_at is not None else None
            timeline = timelines[listing_id] = _Timeline(first_seen.date(), last_day, [])
        converted = converter.convert_or_none(Money(amount=amount, currency=code), target)
        if converted is None:
            unconverted.add(listing_id)
        # An unconvertible price still ends the one before it: the listing is not shown at
        # a price it no longer has.
        price = converted.amount if converted else None
        timeline.seen.append(_Seen(observed_at.date(), price, grade_band(media)))
    return PriceSeries(
        release_id=release_id,
        currency=target,
        grade=grade,
        start=start,
        end=end,
        days=_daily(timelines.values(), start, end, grade),
        unconverted_listings=len(unconverted),
        rates_as_of=converter.as_of,
    )


# -- price drops ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PriceDrop:
    """A listing still for sale whose latest price is lower than the one before it."""

    listing_id: int
    platform: str
    release_id: int | None
    title: str
    url: str
    previous_price: Money
    current_price: Money
    # (previous - current) / previous, in percent, to one decimal place.
    drop_percent: Decimal
    observed_at: datetime


def _user_listings(user_id: int) -> ColumnElement[bool]:
    """Listings a user follows the price of: accepted matches, and Discogs listings of wants."""
    matched = select(ListingMatch.listing_id).where(
        ListingMatch.user_id == user_id, accepted_match()
    )
    wanted = select(Want.release_id).where(Want.user_id == user_id)
    of_wants = select(Listing.id).where(
        Listing.platform == "discogs", Listing.release_id.in_(wanted)
    )
    return Listing.id.in_(union(matched, of_wants))


async def price_drops(
    session: AsyncSession,
    user_id: int,
    since: datetime,
    *,
    min_drop_percent: Decimal = Decimal(10),
) -> list[PriceDrop]:
    """The user's listings whose latest price, observed at or after `since`, is at least
    `min_drop_percent` below the previous one; biggest drop first.

    A change of currency between the two observations is not a drop that can be measured
    without guessing, so it is not reported.
    """
    recently_priced = select(PriceObservation.listing_id).where(
        PriceObservation.observed_at >= since
    )
    recency = func.row_number().over(
        partition_by=PriceObservation.listing_id,
        order_by=(PriceObservation.observed_at.desc(), PriceObservation.id.desc()),
    )
    ranked = (
        select(
            Listing.id,
            Listing.platform,
            func.coalesce(ListingMatch.release_id, Listing.release_id).label("release_id"),
            Listing.title,
            Listing.url,
            PriceObservation.price_amount,
            PriceObservation.price_currency,
            PriceObservation.observed_at,
            recency.label("recency"),
        )
        .join(PriceObservation, PriceObservation.listing_id == Listing.id)
        .outerjoin(
            ListingMatch,
            and_(ListingMatch.listing_id == Listing.id, ListingMatch.user_id == user_id),
        )
        .where(Listing.gone_at.is_(None), _user_listings(user_id), Listing.id.in_(recently_priced))
        .subquery()
    )
    rows = await session.execute(
        select(ranked).where(ranked.c.recency <= 2).order_by(ranked.c.id, ranked.c.recency)
    )
    latest: dict[int, tuple[Any, ...]] = {}
    drops: list[PriceDrop] = []
    for row in rows:
        listing_id, platform, release_id, title, url, amount, currency, observed_at, rank = row
        if rank == 1:
            latest[listing_id] = (amount, currency, observed_at)
            continue
        current_amount, current_currency, current_at = latest[listing_id]
        if current_currency != currency or amount <= 0:
            continue
        percent = (amount - current_amount) / amount * 100
        if percent >= min_drop_percent:
            drops.append(
                PriceDrop(
                    listing_id=listing_id,
                    platform=platform,
                    release_id=release_id,
                    title=title,
                    url=url,
                    previous_price=Money(amount=amount, currency=currency),
                    current_price=Money(amount=current_amount, currency=current_currency),
                    drop_percent=percent.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP),
                    observed_at=current_at,
                )
            )
    return sorted(drops, key=lambda drop: (-drop.drop_percent, drop.listing_id))


# -- what is for sale now -------------------------------------------------------------------
