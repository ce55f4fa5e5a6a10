"""The optimizer problem of a basket: the buyer's wants and choices, and the current listings.

Which listings a want may be bought as is `basket_listings`: the user's own matches of the release
(and, when the want accepts any pressing, of other pressings of its master), still for sale,
not rejected. Then the choices filter them, in this order, and a want that loses every
listing says why (the caller's reasons, see `optimizer.UnfilledReason`):

1. no exchange rate for its currency, or no listing at all: `no_listing`;
2. below the minimum media or sleeve grade (the want's own media grade wins over the
   basket's; a listing that states no grade does not meet a minimum): `below_grade`;
3. more than the want's max price delivered (price plus stated shipping, or plus the
   seller's usual first-item shipping when the listing states none): `above_max_price`.

Must-buy wants are required; optional wants are worth their max price, else the basket's
default value, else more than any of their listings costs delivered (so only a cap or a
budget leaves them out). Skipped wants and wants marked bought are not planned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.errors import AppError
from vinyldigger.models import User
from vinyldigger.services import fx as fx_service
from vinyldigger.services import optimizer
from vinyldigger.services.basket_choices import Choices, WantChoice
from vinyldigger.services.basket_listings import (
    Candidate,
    OfferInfo,
    candidates_of,
    first_item_shipping,
    offer_info,
    planned_wants,
    seller_id_of,
)
from vinyldigger.services.marketplaces.dto import Money
from vinyldigger.services.marketplaces.grades import Grade

Reason = optimizer.UnfilledReason
# A listing at exactly the max price is within it: the value is a cent above, so the solver
# (which leaves out what costs at least its value) still buys it.
_AT_MAX = Decimal("0.01")
# The fallback value of an optional want lies this far above its dearest listing delivered.
_ABOVE_DEAREST = Decimal("1.00")
SOLVE_SECONDS = 20


@dataclass(frozen=True)
class LeftOut:
    """A want the choices leave without a listing, and why."""

    release_id: int
    reason: Reason
    required: bool


@dataclass
class BuiltProblem:
    problem: optimizer.Problem
    offers: dict[str, OfferInfo]
    left_out: list[LeftOut]
    skipped_no_rate: int
    bought_left_out: int = 0


def want_key(release_id: int) -> str:
    return f"r{release_id}"


def release_of(want_key_text: str) -> int:
    return int(want_key_text.removeprefix("r"))


@dataclass(frozen=True)
class _WantRule:
    release_id: int
    required: bool
    max_price: Decimal | None
    min_media: Grade | None


def _grade(value: str | None) -> Grade | None:
    try:
        return Grade(value) if value else None
    except ValueError:
        return None


def _meets(value: str | None, minimum: Grade | None) -> bool:
    if minimum is None:
        return True
    grade = _grade(value)
    return grade is not None and grade >= minimum


async def build_problem(
    session: AsyncSession,
    user: User,
    choices: Choices,
    *,
    release_ids: Sequence[int] | None,
    bought: set[int],
    max_sellers: int | None,
    cap_from_choices: bool = True,
) -> BuiltProblem:
    """The problem in the user's currency; 409 `nothing_to_plan` when no want can be planned.
    `max_sellers` overrides the choices' cap; without it the choices' cap applies unless
    `cap_from_choices` is False (a re-plan keeps the cap of the plan it re-plans, even none)."""
    converter = await fx_service.latest_converter(session)
    wants, bought_left_out = await planned_wants(session, user, release_ids, bought)
    rules = {
        want.release_id: _WantRule(
            release_id=want.release_id,
            required=want.basket_choice == WantChoice.MUST.value,
            max_price=want.max_price,
            min_media=_grade(want.min_media_grade) or choices.min_media_grade,
        )
        for want, _ in wants
    }
    candidates, offered, no_rate = await candidates_of(session, user, wants, converter)
    first_item = first_item_shipping(candidates, user)
    eligible, graded = _within_choices(candidates, rules, choices, first_item)
    planned = {candidate.release_id for candidate in eligible}
    priced = {candidate.release_id for candidate in candidates}
    left_out = [
        LeftOut(release_id, _why_no_offer(release_id, graded, priced), rule.required)
        for release_id, rule in sorted(rules.items())
        if release_id not in planned
    ]
    if not planned:
        raise _nothing_to_plan(bool(rules), bool(left_out) and bool(offered))
    dearest: dict[int, Decimal] = {}
    for candidate in eligible:
        cost = candidate.price + first_item[seller_id_of(candidate)]
        dearest[candidate.release_id] = max(dearest.get(candidate.release_id, cost), cost)
    wants_data = []
    for release_id in sorted(planned):
        rule = rules[release_id]
        entry: dict[str, Any] = {"id": want_key(release_id)}
        if not rule.required:
            entry["required"] = False
            entry["value"] = str(_value(rule, choices, dearest[release_id]))
        wants_data.append(entry)
    sellers: dict[str, dict[str, Any]] = {}
    offers: list[dict[str, Any]] = []
    info: dict[str, OfferInfo] = {}
    for candidate in eligible:
        seller_id = seller_id_of(candidate)
        if seller_id not in sellers:
            sellers[seller_id] = _seller_entry(seller_id, candidate, first_item, user, converter)
        offer_id = f"l{candidate.listing.id}"
        offers.append(
            {
                "id": offer_id,
                "want_id": want_key(candidate.release_id),
                "seller_id": seller_id,
                "price": str(candidate.price),
            }
        )
        info[offer_id] = offer_info(candidate, user, converter)
    cap = max_sellers
    if cap is None and cap_from_choices:
        cap = choices.max_parcels
    problem = optimizer.load_problem(
        {
            "currency": user.currency,
            "wants": wants_data,
            "sellers": [sellers[key] for key in sorted(sellers)],
            "offers": offers,
            "options": _options(cap, choices),
        }
    )
    return BuiltProblem(problem, info, left_out, no_rate, bought_left_out)


def _within_choices(
    candidates: list[Candidate],
    rules: dict[int, _WantRule],
    choices: Choices,
    first_item: dict[str, Decimal],
) -> tuple[list[Candidate], set[int]]:
    """The listings within the grades and max prices, and the wants that had one within the
    grades (so a want without any listing left can say which choice removed them)."""
    graded: set[int] = set()
    eligible: list[Candidate] = []
    for candidate in candidates:
        rule = rules[candidate.release_id]
        listing = candidate.listing
        if not (
            _meets(listing.media_grade, rule.min_media)
            and _meets(listing.sleeve_grade, choices.min_sleeve_grade)
        ):
            continue
        graded.add(candidate.release_id)
        shipping = candidate.shipping
        delivered = candidate.price + (
            shipping if shipping is not None else first_item[seller_id_of(candidate)]
        )
        if rule.max_price is None or delivered <= rule.max_price:
            eligible.append(candidate)
    return eligible, graded


def _options(cap: int | None, choices: Choices) -> dict[str, Any]:
    options: dict[str, Any] = {"time_limit_s": SOLVE_SECONDS}
    if cap is not None:
        options["max_sellers"] = cap
    if choices.budget is not None:
        options["budget"] = str(choices.budget)
    return options


def _why_no_offer(release_id: int, graded: set[int], priced: set[int]) -> Reason:
    if release_id in graded:
        return Reason.ABOVE_MAX_PRICE
    if release_id in priced:
        return Reason.BELOW_GRADE
    return Reason.NO_LISTING


def _value(rule: _WantRule, choices: Choices, dearest: Decimal) -> Decimal:
    if rule.max_price is not None:
        return rule.max_price + _AT_MAX
    if choices.default_value is not None:
        return choices.default_value
    return dearest + _ABOVE_DEAREST


def _seller_entry(
    seller_id: str,
    candidate: Candidate,
    first_item: dict[str, Decimal],
    user: User,
    converter: fx_service.CurrencyConverter,
) -> dict[str, Any]:
    first = first_item[seller_id]
    entry: dict[str, Any] = {
        "id": seller_id,
        "shipping": {
            "first_item": str(first),
            "additional_item": str(min(first, user.shipping_additional_default)),
        },
    }
    seller = candidate.seller
    if seller.min_order_amount is not None and seller.min_order_currency:
        minimum = converter.convert_or_none(
            Money(amount=seller.min_order_amount, currency=seller.min_order_currency), user.currency
        )
        if minimum is not None:
            entry["min_order_total"] = str(minimum.amount)
    return entry


def _nothing_to_plan(has_wants: bool, filtered: bool) -> AppError:
    if filtered:
        message = (
            "None of your wanted records has a listing within your choices (grades and max "
            "prices): loosen them and plan again"
        )
    elif has_wants:
        message = (
            "None of your wanted records has a current listing yet: run a search "
            "of your want list first"
        )
    else:
        message = "No wanted record is left to plan: every want is skipped or bought"
    return AppError(message, status_code=409, code="nothing_to_plan")
