"""The buyer's basket choices: grades, budget, seller cap, and per want must/optional/skip,
max price delivered and any pressing."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from vinyldigger.api.deps import CurrentUser, Session
from vinyldigger.api.errors import ErrorResponse
from vinyldigger.api.pagination import Page, Pagination
from vinyldigger.api.params import WantId
from vinyldigger.services import basket_choices as choices_service
from vinyldigger.services.basket_choices import Choices, WantChoice, WantChoiceRow
from vinyldigger.services.marketplaces.grades import Grade
from vinyldigger.services.searches import Money as CentAmount

router = APIRouter(prefix="/basket", tags=["basket"])
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse},
    404: {"model": ErrorResponse},
    422: {"model": ErrorResponse},
}


class BasketChoicesBody(BaseModel):
    """Amounts in the user's currency; null means no limit."""

    model_config = ConfigDict(extra="forbid")

    min_media_grade: Grade | None = None
    min_sleeve_grade: Grade | None = None
    budget: CentAmount | None = None
    max_parcels: Annotated[int, Field(ge=1, le=500)] | None = None
    # What an optional want without a max price is worth; null: worth any price it is offered at.
    default_value: CentAmount | None = None


class BasketChoicesOut(BasketChoicesBody):
    currency: str


def _choices_out(choices: Choices, currency: str) -> BasketChoicesOut:
    return BasketChoicesOut(
        min_media_grade=choices.min_media_grade,
        min_sleeve_grade=choices.min_sleeve_grade,
        budget=choices.budget,
        max_parcels=choices.max_parcels,
        default_value=choices.default_value,
        currency=currency,
    )


class WantChoiceBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    choice: WantChoice
    # At most this much delivered (price plus shipping), in the user's currency.
    max_price: CentAmount | None = None
    # "Any pressing is fine" (a listing that does not state its pressing counts); None: the
    # want-list searches' "any pressing" criterion decides, as on the Want list page.
    any_pressing: bool | None = None


class WantChoiceOut(BaseModel):
    want_id: int
    release_id: int
    # "Artist - Title".
    release: str
    choice: WantChoice
    max_price: Decimal | None
    any_pressing: bool | None
    # An item of it was marked bought: plans leave it out.
    bought: bool


def _want_out(row: WantChoiceRow) -> WantChoiceOut:
    want = row.want
    return WantChoiceOut(
        want_id=want.id,
        release_id=want.release_id,
        release=f"{want.release.artists_sort} - {want.release.title}",
        choice=WantChoice(want.basket_choice),
        max_price=want.max_price,
        any_pressing=want.any_pressing,
        bought=row.bought,
    )


@router.get("/choices", name="basket-choices", response_model=BasketChoicesOut, responses=ERRORS)
async def read_choices(user: CurrentUser, session: Session) -> Any:
    return _choices_out(await choices_service.get_choices(session, user), user.currency)


@router.put(
    "/choices", name="basket-choices-save", response_model=BasketChoicesOut, responses=ERRORS
)
async def save_choices(body: BasketChoicesBody, user: CurrentUser, session: Session) -> Any:
    saved = await choices_service.save_choices(
        session,
        user,
        Choices(
            min_media_grade=body.min_media_grade,
            min_sleeve_grade=body.min_sleeve_grade,
            budget=body.budget,
            max_parcels=body.max_parcels,
            default_value=body.default_value,
        ),
    )
    return _choices_out(saved, user.currency)


@router.get("/wants", name="basket-wants", response_model=Page[WantChoiceOut], responses=ERRORS)
async def list_want_choices(user: CurrentUser, session: Session, paging: Pagination) -> Any:
    page = await choices_service.want_choices_page(
        session, user_id=user.id, offset=paging.offset, limit=paging.per_page
    )
    return Page[WantChoiceOut].build([_want_out(row) for row in page.items], page.total, paging)


@router.put(
    "/wants/{want_id}",
    name="basket-wants-save",
    response_model=WantChoiceOut,
    responses=ERRORS,
)
async def save_want_choice(
    want_id: WantId, body: WantChoiceBody, user: CurrentUser, session: Session
) -> Any:
    row = await choices_service.set_want_choice(
        session,
        user_id=user.id,
        want_id=want_id,
        choice=body.choice,
        max_price=body.max_price,
        any_pressing=body.any_pressing,
    )
    return _want_out(row)
