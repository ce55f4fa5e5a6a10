"""Discogs sellers a user follows: follow, unfollow, import a list, read them back, suggestions.

Following is per user; the seller's crawl state (`SellerCrawl`) is shared by everyone who
follows it, so two users following one seller cause one crawl (services/seller_crawl.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, and_, case, delete, distinct, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.selectable import ScalarSelect

from vinyldigger.core.errors import AppError, validation
from vinyldigger.models import FollowedSeller, Listing, ListingMatch, Seller, SellerCrawl, Want
from vinyldigger.models.base import utcnow
from vinyldigger.services.imports import imported_seller_counts

DISCOGS = "discogs"
# Discogs user names: letters, digits, dots, dashes and underscores.
USERNAME = re.compile(r"^[A-Za-z0-9._-]{1,200}$")


def username_key(username: str) -> str:
    return username.lower()


def checked_username(raw: str, field_name: str = "username") -> str:
    name = raw.strip()
    if not USERNAME.fullmatch(name):
        raise validation(
            field_name, "A Discogs user name has only letters, digits, dots, dashes and underscores"
        )
    return name


def _insert(session: AsyncSession) -> Any:
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert


async def _known_crawls(session: AsyncSession, keys: Sequence[str]) -> dict[str, SellerCrawl]:
    rows = await session.scalars(select(SellerCrawl).where(SellerCrawl.username_key.in_(keys)))
    return {crawl.username_key: crawl for crawl in rows}


async def _crawls_for(session: AsyncSession, names: Sequence[str]) -> dict[str, SellerCrawl]:
    """The shared crawl row of each name, created when new. Two users following a new seller
    at the same moment create one row: the second insert does nothing."""
    if not names:
        return {}
    rows = [{"username": n, "username_key": username_key(n), "status": "pending"} for n in names]
    await session.execute(
        _insert(session)(SellerCrawl)
        .values([{**row, "created_at": utcnow()} for row in rows])
        .on_conflict_do_nothing(index_elements=["username_key"])
    )
    return await _known_crawls(session, [row["username_key"] for row in rows])


async def _add_follows(session: AsyncSession, user_id: int, crawl_ids: Sequence[int]) -> int:
    """Follow these crawls; a follow that exists already (a double click) is left alone."""
    if not crawl_ids:
        return 0
    result = await session.execute(
        _insert(session)(FollowedSeller)
        .values([{"user_id": user_id, "crawl_id": i, "created_at": utcnow()} for i in crawl_ids])
        .on_conflict_do_nothing(index_elements=["user_id", "crawl_id"])
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def _followed_among(
    session: AsyncSession, user_id: int, crawl_ids: Sequence[int]
) -> set[int]:
    return set(
        await session.scalars(
            select(FollowedSeller.crawl_id).where(
                FollowedSeller.user_id == user_id, FollowedSeller.crawl_id.in_(crawl_ids)
            )
        )
    )


async def _following_count(session: AsyncSession, user_id: int) -> int:
    count = await session.scalar(
        select(func.count(FollowedSeller.id)).where(FollowedSeller.user_id == user_id)
    )
    return int(count or 0)


def _not_found(username: str) -> AppError:
    return AppError(
        f"Discogs has no user named {username}", status_code=404, code="seller_not_found"
    )


def _too_many(limit: int) -> AppError:
    return AppError(
        f"You follow the most sellers allowed ({limit}); unfollow one first",
        status_code=409,
        code="too_many_followed",
    )


async def follow(
    session: AsyncSession, *, user_id: int, username: str, limit: int
) -> tuple[SellerCrawl, bool]:
    """Follow a seller; returns its crawl and whether the follow is new (following twice is
    not an error). A name the crawl found not to exist on Discogs is refused."""
    name = checked_username(username)
    crawl = (await _known_crawls(session, [username_key(name)])).get(username_key(name))
    if crawl is not None and crawl.status == "not_found":
        raise _not_found(name)
    if crawl is not None and await _followed_among(session, user_id, [crawl.id]):
        return crawl, False
    if await _following_count(session, user_id) >= limit:
        raise _too_many(limit)
    crawl = (await _crawls_for(session, [name]))[username_key(name)]
    created = await _add_follows(session, user_id, [crawl.id])
    return crawl, created > 0


async def unfollow(session: AsyncSession, *, user_id: int, username: str) -> None:
    name = checked_username(username)
    crawl_id = await session.scalar(
        select(SellerCrawl.id).where(SellerCrawl.username_key == username_key(name))
    )
    result = await session.execute(
        delete(FollowedSeller).where(
            FollowedSeller.user_id == user_id, FollowedSeller.crawl_id == crawl_id
        )
    )
    if not getattr(result, "rowcount", 0):
        raise AppError(f"You do not follow {name}", status_code=404, code="not_found")


@dataclass
class ImportReport:
    followed: list[str] = field(default_factory=list)
    already_followed: list[str] = field(default_factory=list)
    # Not a possible Discogs user name.
    invalid: list[str] = field(default_factory=list)
    # Names the crawl found Discogs has no user for.
    not_found: list[str] = field(default_factory=list)
    # Left out because the user reached the most sellers one may follow.
    over_limit: list[str] = field(default_factory=list)


async def import_names(
    session: AsyncSession, *, user_id: int, usernames: Sequence[str], limit: int
) -> ImportReport:
    """Follow every valid name of a list; what was not followed is reported by reason. A few
    statements whatever the length of the list."""
    report = ImportReport()
    names: dict[str, str] = {}
    for raw in usernames:
        name = raw.strip()
        if not name or username_key(name) in names:
            continue
        if USERNAME.fullmatch(name):
            names[username_key(name)] = name
        elif name not in report.invalid:
            report.invalid.append(name[:200])
    known = await _known_crawls(session, list(names))
    already = await _followed_among(session, user_id, [crawl.id for crawl in known.values()])
    room = limit - await _following_count(session, user_id)
    wanted: list[str] = []
    for key, name in names.items():
        crawl = known.get(key)
        if crawl is not None and crawl.status == "not_found":
            report.not_found.append(name)
        elif crawl is not None and crawl.id in already:
            report.already_followed.append(crawl.username)
        elif len(wanted) >= room:
            report.over_limit.append(name)
        else:
            wanted.append(name)
    crawls = await _crawls_for(session, wanted)
    await _add_follows(session, user_id, [crawls[username_key(name)].id for name in wanted])
    report.followed = [crawls[username_key(name)].username for name in wanted]
    return report


@dataclass(frozen=True)
class FollowedRow:
    username: str
    followed_at: datetime
    status: str
    error: str | None
    country: str | None
    rating: Decimal | None
    rating_count: int | None
    inventory_size: int | None
    wanted_held: int
    last_crawled_at: datetime | None
    last_full_pass_at: datetime | None


def _wanted_held(user_id: int) -> ScalarSelect[Any]:
    """Distinct wanted releases of the user among the seller's stored listings for sale."""
    return (
        select(func.count(distinct(Listing.release_id)))
        .join(Want, (Want.release_id == Listing.release_id) & (Want.user_id == user_id))
        .where(Listing.seller_id == SellerCrawl.seller_id, Listing.gone_at.is_(None))
        .correlate(SellerCrawl)
        .scalar_subquery()
    )


def _usual_ships_from() -> ScalarSelect[Any]:
    """Discogs does not state a seller's country; where most of its listings ship from does."""
    return (
        select(Listing.ships_from)
        .where(
            Listing.seller_id == SellerCrawl.seller_id,
            Listing.gone_at.is_(None),
            Listing.ships_from.is_not(None),
        )
        .group_by(Listing.ships_from)
        .order_by(func.count().desc(), Listing.ships_from)
        .limit(1)
        .correlate(SellerCrawl)
        .scalar_subquery()
    )


def _followed_query(user_id: int) -> Select[Any]:
    return (
        select(
            SellerCrawl.username,
            FollowedSeller.created_at,
            SellerCrawl.status,
            SellerCrawl.error,
            func.coalesce(Seller.country, _usual_ships_from()),
            Seller.rating,
            Seller.rating_count,
            SellerCrawl.inventory_size,
            _wanted_held(user_id),
            SellerCrawl.last_crawled_at,
            SellerCrawl.last_full_pass_at,
        )
        .join(SellerCrawl, SellerCrawl.id == FollowedSeller.crawl_id)
        .outerjoin(Seller, Seller.id == SellerCrawl.seller_id)
        .where(FollowedSeller.user_id == user_id)
    )


def _row(values: Any) -> FollowedRow:
    (
        username,
        followed_at,
        status,
        error,
        country,
        rating,
        rating_count,
        inventory_size,
        held,
        last_crawled_at,
        last_full_pass_at,
    ) = values
    return FollowedRow(
        username=username,
        followed_at=followed_at,
        status=status,
        error=error,
        country=country,
        rating=rating,
        rating_count=rating_count,
        inventory_size=inventory_size,
        wanted_held=int(held or 0),
        last_crawled_at=last_crawled_at,
        last_full_pass_at=last_full_pass_at,
    )


async def followed_page(
    session: AsyncSession, *, user_id: int, offset: int, limit: int
) -> tuple[list[FollowedRow], int]:
    total = await _following_count(session, user_id)
    rows = await session.execute(
        _followed_query(user_id).order_by(SellerCrawl.username_key).offset(offset).limit(limit)
    )
    return [_row(values) for values in rows], total


async def followed_one(session: AsyncSession, *, user_id: int, username: str) -> FollowedRow:
    values = (
        await session.execute(
            _followed_query(user_id).where(SellerCrawl.username_key == username_key(username))
        )
    ).first()
    if values is None:
        raise AppError(f"You do not follow {username}", status_code=404, code="not_found")
    return _row(values)


async def followed_names(session: AsyncSession, *, user_id: int) -> list[str]:
    """Every seller the user follows (bounded by the most one may follow)."""
    return list(
        await session.scalars(
            select(SellerCrawl.username)
            .join(FollowedSeller, FollowedSeller.crawl_id == SellerCrawl.id)
            .where(FollowedSeller.user_id == user_id)
            .order_by(SellerCrawl.username_key)
        )
    )


@dataclass(frozen=True)
class Suggestion:
    username: str
    # Listings of this seller the user confirmed as a record they were looking for, listings
    # of it that are a wanted pressing, and wanted listings of it the companion imported.
    confirmed_listings: int
    wanted_listings: int
    imported_listings: int
    rating: Decimal | None
    rating_count: int | None


async def suggestions(session: AsyncSession, *, user_id: int, limit: int) -> list[Suggestion]:
    """Discogs sellers the user does not follow yet whose listings the user confirmed (first),
    whose listings are wanted pressings, or whose wanted listings the user imported, most such
    listings first."""
    followed = (
        select(SellerCrawl.username_key)
        .join(FollowedSeller, FollowedSeller.crawl_id == SellerCrawl.id)
        .where(FollowedSeller.user_id == user_id)
    )
    is_confirmed = ListingMatch.decision == "confirmed"
    confirmed = func.count(distinct(case((is_confirmed, Listing.id))))
    wanted = func.count(distinct(case((ListingMatch.is_wanted, Listing.id))))
    matched = (
        await session.execute(
            select(Seller.username, confirmed, wanted, Seller.rating, Seller.rating_count)
            .join(Listing, Listing.seller_id == Seller.id)
            .join(ListingMatch, ListingMatch.listing_id == Listing.id)
            .where(
                ListingMatch.user_id == user_id,
                or_(is_confirmed, and_(ListingMatch.is_wanted, ListingMatch.decision.is_(None))),
                Seller.platform == DISCOGS,
                func.lower(Seller.username).not_in(followed),
            )
            .group_by(Seller.id, Seller.username, Seller.rating, Seller.rating_count)
            .order_by(confirmed.desc(), wanted.desc(), Seller.username)
            .limit(limit)
        )
    ).all()
    names = [row.username for row in matched]
    imported = dict(await imported_seller_counts(session, user_id, among=names)) if names else {}
    found = [
        Suggestion(name, c, w, imported.get(name, 0), rating, count)
        for name, c, w, rating, count in matched
    ]
    if len(found) == limit:
        return found
    # Every seller with a confirmed or wanted listing is listed: the imports' sellers follow.
    shown = {username_key(name) for name in names}
    more = [
        (name, count)
        for name, count in await imported_seller_counts(
            session, user_id, excluding_keys=followed, limit=limit
        )
        if username_key(name) not in shown
    ][: limit - len(found)]
    ratings = await _ratings(session, [name for name, _count in more])
    return found + [
        Suggestion(name, 0, 0, count, *ratings.get(username_key(name), (None, None)))
        for name, count in more
    ]


async def _ratings(
    session: AsyncSession, names: Sequence[str]
) -> dict[str, tuple[Decimal | None, int | None]]:
    """The rating stored for each of these Discogs sellers, by lower-cased name."""
    if not names:
        return {}
    rows = await session.execute(
        select(Seller.username, Seller.rating, Seller.rating_count).where(
            Seller.platform == DISCOGS,
            func.lower(Seller.username).in_([username_key(name) for name in names]),
        )
    )
    return {username_key(name): (rating, count) for name, rating, count in rows}
