"""Events a finished search run reveals: new wanted listings within the user's limits, price
drops on wanted listings, and sellers that now hold several of the user's wants."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import partial

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.models import (
    AlertEvent,
    AlertRule,
    JobRun,
    Listing,
    ListingMatch,
    PriceObservation,
    RunKind,
    RunStatus,
    SavedSearch,
    SearchResult,
    Seller,
    User,
    Want,
)
from vinyldigger.services.alerts import events as event_service
from vinyldigger.services.alerts import rules as rule_service
from vinyldigger.services.alerts.kinds import EventDraft, EventKind
from vinyldigger.services.converted_totals import listing_total
from vinyldigger.services.fx import CurrencyConverter, latest_converter
from vinyldigger.services.marketplaces.grades import Grade

GRADES = {grade.value: grade for grade in Grade}


@dataclass(frozen=True)
class Candidate:
    """A wanted listing of the run, with what the user's limits are judged on."""

    listing: Listing
    seller: Seller
    release_id: int | None
    other_pressing: bool
    total: Decimal | None
    want_max_price: Decimal | None
    min_grade: str | None


def within_limits(rule: AlertRule, item: Candidate) -> bool:
    """The rule's limits and the want's: delivered price, media grade, ships-from, pressing."""
    if item.other_pressing and not rule.any_pressing:
        return False
    for limit in (rule.max_price, item.want_max_price):
        if limit is not None and (item.total is None or item.total > limit):
            return False
    minimum = GRADES.get(rule.min_media_grade or item.min_grade or "")
    if minimum is not None:
        grade = GRADES.get(item.listing.media_grade or "")
        if grade is None or grade < minimum:
            return False
    return not (rule.ships_from and item.listing.ships_from not in rule.ships_from)


def _within(item: Candidate, rule: AlertRule) -> bool:
    return within_limits(rule, item)


def _money(amount: Decimal | None, currency: str) -> str:
    return "price unknown" if amount is None else f"{amount:.2f} {currency}"


async def _candidates(
    session: AsyncSession,
    user: User,
    converter: CurrencyConverter,
    *,
    search_id: int,
    where: object,
) -> list[Candidate]:
    rows = await session.execute(
        select(Listing, Seller, ListingMatch, Want.max_price, Want.min_media_grade)
        .join(SearchResult, SearchResult.listing_id == Listing.id)
        .join(Seller, Seller.id == Listing.seller_id)
        .join(
            ListingMatch,
            and_(ListingMatch.listing_id == Listing.id, ListingMatch.user_id == user.id),
        )
        .outerjoin(Want, and_(Want.user_id == user.id, Want.release_id == ListingMatch.release_id))
        .where(
            SearchResult.search_id == search_id,
            SearchResult.gone_at.is_(None),
            or_(ListingMatch.is_wanted.is_(True), ListingMatch.is_other_pressing.is_(True)),
            or_(ListingMatch.decision.is_(None), ListingMatch.decision != "rejected"),
            where,  # type: ignore[arg-type]
        )
    )
    found = []
    for listing, seller, match, max_price, grade in rows:
        total = listing_total(listing, converter, user.currency).amount
        found.append(
            Candidate(
                listing=listing,
                seller=seller,
                release_id=listing.release_id or match.release_id,
                other_pressing=not match.is_wanted,
                total=total.amount if total else None,
                want_max_price=max_price,
                min_grade=grade or user.min_media_grade,
            )
        )
    return found


def _listing_link(item: Candidate) -> str:
    return f"/releases/{item.release_id}" if item.release_id else "/dashboard"


async def _had_earlier_success(session: AsyncSession, run: JobRun) -> bool:
    return (
        await session.scalar(
            select(JobRun.id)
            .where(
                JobRun.user_id == run.user_id,
                JobRun.kind == RunKind.SEARCH.value,
                JobRun.subject_id == run.subject_id,
                JobRun.status == RunStatus.SUCCEEDED.value,
                JobRun.id < run.id,
            )
            .limit(1)
        )
        is not None
    )


async def new_wanted(
    session: AsyncSession,
    run: JobRun,
    *,
    user: User,
    rules: Sequence[AlertRule],
    converter: CurrencyConverter,
    now: datetime,
) -> list[AlertEvent]:
    """Wanted listings this run found first. A search's first run only sets the baseline:
    what was already for sale before anyone watched is not news."""
    assert run.subject_id is not None
    chosen = rule_service.rules_for(rules, EventKind.NEW_WANTED, run.subject_id)
    if not chosen or not await _had_earlier_success(session, run):
        return []
    stored = []
    for item in await _candidates(
        session,
        user,
        converter,
        search_id=run.subject_id,
        where=SearchResult.first_seen_run_id == run.id,
    ):
        listing = item.listing
        draft = EventDraft(
            user_id=user.id,
            kind=EventKind.NEW_WANTED,
            subject=f"listing:{listing.id}",
            title=f"New: {listing.title}",
            body=f"{_money(item.total, user.currency)} delivered, "
            f"{listing.media_grade or 'not graded'}, from {item.seller.username}"
            f" ({listing.platform}).",
            link=_listing_link(item),
            trigger={
                "total": str(item.total) if item.total is not None else None,
                "currency": user.currency,
                "media_grade": listing.media_grade,
                "ships_from": listing.ships_from,
                "url": listing.url,
                "other_pressing": item.other_pressing,
            },
            search_id=run.subject_id,
            run_id=run.id,
            listing_id=listing.id,
            release_id=item.release_id,
            seller_id=item.seller.id,
        )
        event = await event_service.record(
            session, draft, chosen, now=now, accepts=partial(_within, item)
        )
        if event is not None:
            stored.append(event)
    return stored


async def price_drops(
    session: AsyncSession,
    run: JobRun,
    *,
    user: User,
    rules: Sequence[AlertRule],
    converter: CurrencyConverter,
    now: datetime,
) -> list[AlertEvent]:
    """Wanted listings this run saw at a lower price than before: by the rule's percentage
    at least, or now under the want's maximum price when they were above it."""
    assert run.subject_id is not None and run.started_at is not None
    chosen = rule_service.rules_for(rules, EventKind.PRICE_DROP, run.subject_id)
    if not chosen:
        return []
    changed = (
        select(PriceObservation.listing_id)
        .where(PriceObservation.observed_at >= run.started_at)
        .scalar_subquery()
    )
    items = await _candidates(
        session,
        user,
        converter,
        search_id=run.subject_id,
        where=and_(
            SearchResult.first_seen_run_id != run.id,
            SearchResult.last_seen_run_id == run.id,
            Listing.id.in_(changed),
        ),
    )
    stored = []
    for item in items:
        observations = list(
            await session.scalars(
                select(PriceObservation)
                .where(PriceObservation.listing_id == item.listing.id)
                .order_by(PriceObservation.observed_at.desc(), PriceObservation.id.desc())
                .limit(2)
            )
        )
        if len(observations) < 2 or observations[0].observed_at < run.started_at:
            continue
        latest, before = observations
        if (
            latest.price_currency != before.price_currency
            or latest.price_amount >= before.price_amount
        ):
            continue
        drop = (before.price_amount - latest.price_amount) * 100 / before.price_amount
        crossed = (
            item.want_max_price is not None
            and item.total is not None
            and item.total <= item.want_max_price
        )

        def enough(
            rule: AlertRule, item: Candidate = item, drop: Decimal = drop, crossed: bool = crossed
        ) -> bool:
            return within_limits(rule, item) and (crossed or drop >= rule.price_drop_percent)

        listing = item.listing
        draft = EventDraft(
            user_id=user.id,
            kind=EventKind.PRICE_DROP,
            subject=f"listing:{listing.id}:observation:{latest.id}",
            title=f"Price drop {drop:.0f}%: {listing.title}",
            body=f"Now {latest.price_amount} {latest.price_currency} "
            f"(was {before.price_amount}); {_money(item.total, user.currency)} delivered, "
            f"from {item.seller.username}.",
            link=_listing_link(item),
            trigger={
                "price": str(latest.price_amount),
                "previous_price": str(before.price_amount),
                "currency": latest.price_currency,
                "drop_percent": f"{drop:.2f}",
                "total": str(item.total) if item.total is not None else None,
                "url": listing.url,
            },
            search_id=run.subject_id,
            run_id=run.id,
            listing_id=listing.id,
            release_id=item.release_id,
            seller_id=item.seller.id,
        )
        event = await event_service.record(session, draft, chosen, now=now, accepts=enough)
        if event is not None:
            stored.append(event)
    return stored


async def bundles(
    session: AsyncSession, run: JobRun, user: User, rules: Sequence[AlertRule], now: datetime
) -> list[AlertEvent]:
    """Sellers who now hold at least a rule's number of the user's wants, for sale now."""
    chosen = rule_service.rules_for(rules, EventKind.BUNDLE, run.subject_id)
    if not chosen:
        return []
    least = min(rule.bundle_min_wants for rule in chosen)
    live = (
        select(SearchResult.listing_id)
        .join(SavedSearch, SavedSearch.id == SearchResult.search_id)
        .where(SavedSearch.user_id == user.id, SearchResult.gone_at.is_(None))
        .scalar_subquery()
    )
    wants = func.count(func.distinct(ListingMatch.release_id))
    rows = await session.execute(
        select(Seller, wants)
        .join(Listing, Listing.seller_id == Seller.id)
        .join(ListingMatch, ListingMatch.listing_id == Listing.id)
        .where(
            ListingMatch.user_id == user.id,
            ListingMatch.is_wanted.is_(True),
            or_(ListingMatch.decision.is_(None), ListingMatch.decision != "rejected"),
            Listing.gone_at.is_(None),
            Listing.id.in_(live),
        )
        .group_by(Seller.id)
        .having(wants >= least)
    )
    stored = []
    for seller, count in rows:
        for rule in chosen:
            if count < rule.bundle_min_wants:
                continue
            draft = EventDraft(
                user_id=user.id,
                kind=EventKind.BUNDLE,
                subject=f"seller:{seller.id}:wants:{rule.bundle_min_wants}",
                title=f"{seller.username} has {count} of your wants",
                body=f"{seller.username} ({seller.platform}) sells {count} records of your "
                "want list: one parcel, one shipping.",
                link=f"/sellers?q={seller.username}",
                trigger={"wants": count, "threshold": rule.bundle_min_wants},
                search_id=run.subject_id,
                run_id=run.id,
                seller_id=seller.id,
            )
            event = await event_service.record(session, draft, [rule], now=now)
            if event is not None:
                stored.append(event)
    return stored


async def after_search_run(session: AsyncSession, run: JobRun, now: datetime) -> list[AlertEvent]:
    """Every event a finished search run reveals, stored once each."""
    rules = await rule_service.active_rules(session, run.user_id)
    if not rules or run.subject_id is None:
        return []
    if run.status == RunStatus.FAILED.value:
        failing = await event_service.search_failing(session, run=run, rules=rules, now=now)
        return [failing] if failing else []
    if run.status != RunStatus.SUCCEEDED.value:
        return []
    user = await session.get(User, run.user_id)
    if user is None:
        return []
    converter = await latest_converter(session)
    return [
        *await new_wanted(session, run, user=user, rules=rules, converter=converter, now=now),
        *await price_drops(session, run, user=user, rules=rules, converter=converter, now=now),
        *await bundles(session, run, user, rules, now),
    ]
