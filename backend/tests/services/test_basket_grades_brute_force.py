"""Minimum grades against brute force: on small random shelves, the basket built from the
choices and solved is the cheapest way to buy every wanted record from the listings that meet
the grades, found here by trying every combination; the grade scale is written out again here."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from tests.services.test_price_history import add_match, add_release, add_user, store_rates
from vinyldigger.core.errors import AppError
from vinyldigger.models import User, Want
from vinyldigger.services import listings as listing_service
from vinyldigger.services import optimizer
from vinyldigger.services.basket_choices import Choices, WantChoice
from vinyldigger.services.basket_problem import build_problem
from vinyldigger.services.marketplaces import dto
from vinyldigger.services.marketplaces.grades import Grade

SHELVES = 30
# Worst to best, as Goldmine grades them.
SCALE = ["P", "F", "G", "G+", "VG", "VG+", "NM", "M"]
ADDITIONAL_ITEM = Decimal("1.00")


@dataclass(frozen=True)
class _Copy:
    key: str
    release_id: int
    seller: str
    price: Decimal
    shipping: Decimal
    media: str | None
    sleeve: str | None


def _meets(grade: str | None, minimum: str | None) -> bool:
    return minimum is None or (grade is not None and SCALE.index(grade) >= SCALE.index(minimum))


def _cheapest(groups: list[list[_Copy]]) -> Decimal | None:
    """The least a plan buying one copy from each group costs, shipping included."""
    best = None
    for plan in itertools.product(*groups):
        per_seller = Counter(copy.seller for copy in plan)
        shipping_of = {copy.seller: copy.shipping for copy in plan}
        total = sum((copy.price for copy in plan), Decimal(0)) + sum(
            (
                shipping_of[seller] + (count - 1) * min(shipping_of[seller], ADDITIONAL_ITEM)
                for seller, count in per_seller.items()
            ),
            Decimal(0),
        )
        best = total if best is None else min(best, total)
    return best


def _grade_or_none(rng: random.Random, chance: float) -> str | None:
    return rng.choice(SCALE) if rng.random() < chance else None


async def _shelf(
    session: AsyncSession, seed: int
) -> tuple[User, list[_Copy], dict[int, str | None], Choices, dict[int, int]]:
    rng = random.Random(seed)
    user = await add_user(session, currency="USD")
    user.shipping_additional_default = ADDITIONAL_ITEM
    sellers = {f"seller-{seed}-{index}": Decimal(rng.randint(2, 6)) for index in range(3)}
    copies: list[_Copy] = []
    want_minimum: dict[int, str | None] = {}
    for index in range(3):
        release_id = 7_700_000 + seed * 10 + index
        await add_release(session, release_id)
        want_minimum[release_id] = rng.choice([None, None, "VG", "VG+", "NM"])
        for _ in range(rng.randint(1, 3)):
            seller = rng.choice(sorted(sellers))
            copies.append(
                _Copy(
                    key=f"g{seed}-{len(copies)}",
                    release_id=release_id,
                    seller=seller,
                    price=Decimal(rng.randint(5, 30)),
                    shipping=sellers[seller],
                    media=_grade_or_none(rng, 0.85),
                    sleeve=_grade_or_none(rng, 0.7),
                )
            )
    stored = await listing_service.ingest(
        session, [_listing(copy) for copy in copies], seen_at=datetime.now(UTC)
    )
    # Each stored listing's position in `copies`.
    listing_ids: dict[int, int] = {}
    for copy in copies:
        listing_id = stored.ids[("ebay", copy.key)]
        listing_ids[listing_id] = len(listing_ids)
        match = await add_match(session, user, listing_id, copy.release_id)
        match.is_wanted = True
    for release_id, minimum in want_minimum.items():
        session.add(
            Want(
                user_id=user.id,
                release_id=release_id,
                date_added=datetime.now(UTC),
                basket_choice=WantChoice.MUST.value,
                min_media_grade=minimum,
            )
        )
    await session.flush()
    media, sleeve = rng.choice([None, "VG", "VG+", "NM"]), rng.choice([None, "VG", "VG+"])
    choices = Choices(
        Grade(media) if media else None, Grade(sleeve) if sleeve else None, None, None, None
    )
    return user, copies, want_minimum, choices, listing_ids


def _listing(copy: _Copy) -> dto.Listing:
    return dto.Listing(
        platform="ebay",
        listing_id=copy.key,
        title=f"Record {copy.key}",
        media_grade=Grade(copy.media) if copy.media else None,
        sleeve_grade=Grade(copy.sleeve) if copy.sleeve else None,
        price=dto.Money(amount=copy.price, currency="USD"),
        shipping=dto.Money(amount=copy.shipping, currency="USD"),
        seller=dto.SellerRef(username=copy.seller, rating=Decimal("99.0"), rating_count=50),
        ships_from="US",
        url=f"https://example.com/{copy.key}",
    )


async def test_the_plan_is_the_cheapest_among_the_copies_meeting_the_grades(
    db_session: AsyncSession,
) -> None:
    await store_rates(db_session)
    seen: Counter[str] = Counter()
    for seed in range(SHELVES):
        user, copies, want_minimum, choices, listing_ids = await _shelf(db_session, seed)
        sleeve_minimum = choices.min_sleeve_grade.value if choices.min_sleeve_grade else None
        basket_minimum = choices.min_media_grade.value if choices.min_media_grade else None
        eligible = {
            release_id: [
                copy
                for copy in copies
                if copy.release_id == release_id
                and _meets(copy.media, minimum or basket_minimum)
                and _meets(copy.sleeve, sleeve_minimum)
            ]
            for release_id, minimum in want_minimum.items()
        }
        groups = [group for group in eligible.values() if group]
        if not groups:
            try:
                await build_problem(
                    db_session, user, choices, release_ids=None, bought=set(), max_sellers=None
                )
            except AppError as error:
                assert error.code == "nothing_to_plan", f"shelf {seed}"
                seen["nothing meets the grades"] += 1
                continue
            raise AssertionError(f"shelf {seed}: a basket without any copy meeting the grades")
        built = await build_problem(
            db_session, user, choices, release_ids=None, bought=set(), max_sellers=None
        )
        solution = optimizer.solve(built.problem)
        assert solution.status is optimizer.Status.OPTIMAL, f"shelf {seed}"
        assert solution.total == _cheapest(groups), f"shelf {seed}"
        # Every copy bought meets the grades, and every want without one says so.
        for choice in solution.chosen_offers:
            copy = copies[listing_ids[built.offers[choice.offer_id].listing_id]]
            assert copy in eligible[copy.release_id], f"shelf {seed}: {copy}"
        left_out = {item.release_id: item.reason for item in built.left_out}
        for release_id, group in eligible.items():
            if group:
                assert release_id not in left_out, f"shelf {seed}"
            else:
                assert left_out[release_id] is optimizer.UnfilledReason.BELOW_GRADE
                seen["want left out below grade"] += 1
        seen["planned"] += 1
        seen["a copy filtered out"] += sum(map(len, eligible.values())) < len(copies)
    for situation, least in (
        ("planned", 15),
        ("want left out below grade", 5),
        ("a copy filtered out", 15),
        ("nothing meets the grades", 1),
    ):
        assert seen[situation] >= least, f"only {seen[situation]} shelves with {situation}"
