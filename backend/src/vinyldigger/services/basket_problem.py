"""The optimizer problem of a basket: the buyer's wants and choices, and the current listings.

Which listings a want may be bought as: the user's own high-confidence matches of the release
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

import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import quote, urlsplit

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from vinyldigger.core.errors import AppError
from vinyldigger.models import Listing, ListingMatch, Release, Seller, User, Want
from vinyldigger.services import fx as fx_service
from vinyldigger.services import optimizer
from vinyldigger.services.basket_choices import Choices, WantChoice
from vinyldigger.services.converted_totals import listing_total, price_of, shipping_of
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
class OfferInfo:
    """What an offer id in the problem stands for, so the plan can link to the listing."""

    listing_id: int
    release_id: int
    other_pressing: bool
    platform: str
    title: str
    url: str
    seller: str
    seller_url: str | None
    media_grade: str | None
    sleeve_grade: str | None
    # The converted price the optimizer used, in the plan's currency.
    price: str
    currency: str
    shipping_known: bool
    # As listed, in the seller's currency.
    listed_price: str
    listed_currency: str
    # Price plus the shipping this listing states, in the plan's currency; None (with the
    # currency lacking a rate) when the stated shipping cannot be converted.
    converted_total: str | None
    converted_missing: str | None
    ships_from: str | None
    seller_rating: str | None
    seller_rating_count: int | None
    seller_country: str | None


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


def seller_store_url(platform: str, username: str, listing_url: str) -> str | None:
    """The seller's store on the marketplace the listing links to (so the sandbox's too)."""
    parts = urlsplit(listing_url)
    if not parts.scheme or not parts.netloc:
        return None
    root, name = f"{parts.scheme}://{parts.netloc}", quote(username)
    if platform == "discogs":
        return f"{root}/seller/{name}/profile"
    if platform == "ebay":
        return f"{root}/usr/{name}"
    return None


@dataclass
class _Candidate:
    listing: Listing
    seller: Seller
    release_id: int
    other_pressing: bool
    price: Decimal
    shipping: Decimal | None


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


async def _wants(
    session: AsyncSession, user: User, release_ids: Sequence[int] | None, bought: set[int]
) -> tuple[list[tuple[Want, int | None]], int]:
    query = (
        select(Want, Release.master_id)
        .join(Release, Release.id == Want.release_id)
        .where(Want.user_id == user.id, Want.basket_choice != WantChoice.SKIP.value)
    )
    if release_ids:
        query = query.where(Want.release_id.in_(list(release_ids)))
    rows = [(want, master) for want, master in (await session.execute(query)).all()]
    kept = [(want, master) for want, master in rows if want.release_id not in bought]
    return kept, len(rows) - len(kept)


def _match_filters(user: User) -> list[Any]:
    return [
        ListingMatch.user_id == user.id,
        ListingMatch.confidence == "high",
        Listing.gone_at.is_(None),
        (ListingMatch.decision.is_(None)) | (ListingMatch.decision != "rejected"),
    ]


async def _candidates(
    session: AsyncSession,
    user: User,
    wants: list[tuple[Want, int | None]],
    converter: fx_service.CurrencyConverter,
) -> tuple[list[_Candidate], set[int], int]:
    """Each current listing once, for the want it fits best (its own pressing first); also the
    releases that have any listing at all, and how many listings lacked an exchange rate."""
    release_ids = [want.release_id for want, _ in wants]
    by_master: dict[int, list[int]] = defaultdict(list)
    for want, master in sorted(wants, key=lambda row: row[0].release_id):
        if want.any_pressing and master is not None:
            by_master[master].append(want.release_id)
    base = select(Listing, Seller, ListingMatch.release_id, ListingMatch.master_id).join(
        ListingMatch, ListingMatch.listing_id == Listing.id
    )
    base = base.join(Seller, Seller.id == Listing.seller_id).where(*_match_filters(user))
    exact = base.where(ListingMatch.is_wanted.is_(True), ListingMatch.release_id.in_(release_ids))
    found: dict[int, tuple[Listing, Seller, int, bool]] = {}
    for listing, seller, release_id, _master in (await session.execute(exact)).all():
        if release_id is not None:
            found.setdefault(listing.id, (listing, seller, release_id, False))
    if by_master:
        others = base.where(
            ListingMatch.is_other_pressing.is_(True), ListingMatch.master_id.in_(list(by_master))
        )
        for listing, seller, _release, master in (await session.execute(others)).all():
            if master is not None:
                found.setdefault(listing.id, (listing, seller, by_master[master][0], True))
    offered: set[int] = set()
    candidates: list[_Candidate] = []
    no_rate = 0
    for listing_id in sorted(found):
        listing, seller, release_id, other = found[listing_id]
        offered.add(release_id)
        price = converter.convert_or_none(price_of(listing), user.currency)
        if price is None:
            no_rate += 1
            continue
        shipping = converter.convert_or_none(shipping_of(listing), user.currency)
        candidates.append(
            _Candidate(
                listing,
                seller,
                release_id,
                other,
                price.amount,
                shipping.amount if shipping is not None else None,
            )
        )
    return candidates, offered, no_rate


def _seller_id(candidate: _Candidate) -> str:
    return f"{candidate.listing.platform}:{candidate.seller.username}"


def _first_item_shipping(candidates: list[_Candidate], user: User) -> dict[str, Decimal]:
    """A seller's first-item shipping: the median of what its listings state, else the user's
    default."""
    stated: dict[str, list[Decimal]] = defaultdict(list)
    for candidate in candidates:
        stated.setdefault(_seller_id(candidate), [])
        if candidate.shipping is not None:
            stated[_seller_id(candidate)].append(candidate.shipping)
    return {
        seller: statistics.median(known) if known else user.shipping_first_default
        for seller, known in stated.items()
    }


def _offer_info(
    candidate: _Candidate, user: User, converter: fx_service.CurrencyConverter
) -> OfferInfo:
    listing, seller = candidate.listing, candidate.seller
    delivered = listing_total(listing, converter, user.currency)
    return OfferInfo(
        listing_id=listing.id,
        release_id=candidate.release_id,
        other_pressing=candidate.other_pressing,
        platform=listing.platform,
        title=listing.title,
        url=listing.url,
        seller=seller.username,
        seller_url=seller_store_url(listing.platform, seller.username, listing.url),
        media_grade=listing.media_grade,
        sleeve_grade=listing.sleeve_grade,
        price=str(candidate.price),
        currency=user.currency,
        shipping_known=listing.shipping_amount is not None,
        listed_price=str(listing.price_amount),
        listed_currency=listing.price_currency,
        converted_total=str(delivered.amount.amount) if delivered.amount else None,
        converted_missing=delivered.missing_currency,
        ships_from=listing.ships_from,
        seller_rating=str(seller.rating) if seller.rating is not None else None,
        seller_rating_count=seller.rating_count,
        seller_country=seller.country,
    )


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
    wants, bought_left_out = await _wants(session, user, release_ids, bought)
    rules = {
        want.release_id: _WantRule(
            release_id=want.release_id,
            required=want.basket_choice == WantChoice.MUST.value,
            max_price=want.max_price,
            min_media=_grade(want.min_media_grade) or choices.min_media_grade,
        )
        for want, _ in wants
    }
    candidates, offered, no_rate = await _candidates(session, user, wants, converter)
    first_item = _first_item_shipping(candidates, user)
    graded: set[int] = set()
    eligible: list[_Candidate] = []
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
            shipping if shipping is not None else first_item[_seller_id(candidate)]
        )
        if rule.max_price is not None and delivered > rule.max_price:
            continue
        eligible.append(candidate)
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
        cost = candidate.price + first_item[_seller_id(candidate)]
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
        seller_id = _seller_id(candidate)
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
        info[offer_id] = _offer_info(candidate, user, converter)
    options: dict[str, Any] = {"time_limit_s": SOLVE_SECONDS}
    cap = max_sellers
    if cap is None and cap_from_choices:
        cap = choices.max_parcels
    if cap is not None:
        options["max_sellers"] = cap
    if choices.budget is not None:
        options["budget"] = str(choices.budget)
    problem = optimizer.load_problem(
        {
            "currency": user.currency,
            "wants": wants_data,
            "sellers": [sellers[key] for key in sorted(sellers)],
            "offers": offers,
            "options": options,
        }
    )
    return BuiltProblem(problem, info, left_out, no_rate, bought_left_out)


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
    candidate: _Candidate,
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
