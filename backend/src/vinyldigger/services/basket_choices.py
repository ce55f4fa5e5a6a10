"""The buyer's basket choices: grades, budget and seller cap for every plan, and per want
whether it must be bought, may be bought, or is skipped, at what price and in which pressing.

Amounts are in the user's currency. A user who never saved choices gets the defaults: the
profile's minimum media grade, no sleeve grade, no budget, no cap, every want optional.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from vinyldigger.core.errors import not_found
from vinyldigger.models import BasketChoices, BasketPurchase, User, Want
from vinyldigger.services import library as library_service
from vinyldigger.services.marketplaces.grades import Grade


class WantChoice(StrEnum):
    # Every plan buys it; a plan that cannot is infeasible.
    MUST = "must"
    # Bought when it is worth its value (max price, or the default value) and fits the cap.
    OPTIONAL = "optional"
    # Never planned.
    SKIP = "skip"


@dataclass(frozen=True)
class Choices:
    min_media_grade: Grade | None
    min_sleeve_grade: Grade | None
    budget: Decimal | None
    max_parcels: int | None
    # What an optional want without a max price is worth; None: any price it is offered at.
    default_value: Decimal | None


def _grade(value: str | None) -> Grade | None:
    try:
        return Grade(value) if value else None
    except ValueError:
        return None


async def get_choices(session: AsyncSession, user: User) -> Choices:
    stored = await session.get(BasketChoices, user.id)
    if stored is None:
        return Choices(
            min_media_grade=_grade(user.min_media_grade),
            min_sleeve_grade=None,
            budget=None,
            max_parcels=None,
            default_value=None,
        )
    return Choices(
        min_media_grade=_grade(stored.min_media_grade),
        min_sleeve_grade=_grade(stored.min_sleeve_grade),
        budget=stored.budget,
        max_parcels=stored.max_parcels,
        default_value=stored.default_value,
    )


async def save_choices(session: AsyncSession, user: User, choices: Choices) -> Choices:
    stored = await session.get(BasketChoices, user.id)
    if stored is None:
        stored = BasketChoices(user_id=user.id)
        session.add(stored)
    stored.min_media_grade = choices.min_media_grade.value if choices.min_media_grade else None
    stored.min_sleeve_grade = choices.min_sleeve_grade.value if choices.min_sleeve_grade else None
    stored.budget = choices.budget
    stored.max_parcels = choices.max_parcels
    stored.default_value = choices.default_value
    await session.flush()
    return choices


@dataclass(frozen=True)
class WantChoiceRow:
    want: Want
    bought: bool


@dataclass(frozen=True)
class WantChoicePage:
    items: list[WantChoiceRow]
    total: int


async def want_choices_page(
    session: AsyncSession, *, user_id: int, offset: int, limit: int
) -> WantChoicePage:
    """The user's wants with their basket choices, newest first."""
    total = await session.scalar(select(func.count()).where(Want.user_id == user_id)) or 0
    wants = list(
        await session.scalars(
            select(Want)
            .options(selectinload(Want.release))
            .where(Want.user_id == user_id)
            .order_by(Want.date_added.desc(), Want.id.desc())
            .offset(offset)
            .limit(limit)
        )
    )
    bought = await bought_release_ids(session, user_id, [want.release_id for want in wants])
    return WantChoicePage(
        items=[WantChoiceRow(want, want.release_id in bought) for want in wants], total=total
    )


async def set_want_choice(
    session: AsyncSession,
    *,
    user_id: int,
    want_id: int,
    choice: WantChoice,
    max_price: Decimal | None,
    any_pressing: bool | None,
) -> WantChoiceRow:
    want = await session.scalar(
        select(Want)
        .options(selectinload(Want.release))
        .where(Want.id == want_id, Want.user_id == user_id)
    )
    if want is None:
        raise not_found("Want")
    want.basket_choice = choice.value
    want.max_price = max_price
    if any_pressing != want.any_pressing:
        want.any_pressing = any_pressing
        await library_service.refresh_wanted_flags(session, want)
    await session.flush()
    bought = await bought_release_ids(session, user_id, [want.release_id])
    return WantChoiceRow(want, want.release_id in bought)


async def bought_release_ids(
    session: AsyncSession, user_id: int, release_ids: Sequence[int] | None = None
) -> set[int]:
    """Releases the user marked a planned listing of as bought."""
    query = select(BasketPurchase.release_id).where(BasketPurchase.user_id == user_id)
    if release_ids is not None:
        query = query.where(BasketPurchase.release_id.in_(list(release_ids)))
    return set(await session.scalars(query))
