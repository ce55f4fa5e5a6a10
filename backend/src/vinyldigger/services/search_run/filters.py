"""A saved search's criteria applied to listings, and the flags a match earns for its user."""

from __future__ import annotations

from dataclasses import dataclass

from vinyldigger.services.fx import CurrencyConverter
from vinyldigger.services.marketplaces import dto
from vinyldigger.services.marketplaces.grades import Grade
from vinyldigger.services.matching import MatchResult
from vinyldigger.services.searches import SearchCriteria
from vinyldigger.services.wanted_rule import is_wanted


def passes(
    listing: dto.Listing, criteria: SearchCriteria, converter: CurrencyConverter | None = None
) -> bool:
    """Criteria the upstream query could not express (grades, seller, formats, price).

    Price bounds are in the search's currency; a listing in another currency is compared at
    the latest stored rate. Without a rate it cannot be compared and is kept: its results row
    says the rate is missing, and the bound is checked on the next run that has one.
    """
    if criteria.min_media_grade and not (
        listing.media_grade and listing.media_grade >= Grade(criteria.min_media_grade)
    ):
        return False
    if criteria.min_sleeve_grade and not (
        listing.sleeve_grade and listing.sleeve_grade >= Grade(criteria.min_sleeve_grade)
    ):
        return False
    if criteria.ships_from and listing.ships_from not in criteria.ships_from:
        return False
    rating = listing.seller.rating
    if criteria.min_seller_rating is not None and (
        rating is None or float(rating) < criteria.min_seller_rating
    ):
        return False
    if criteria.formats:
        text = f"{listing.title} {listing.format_text or ''}".lower()
        if not any(fmt.lower() in text for fmt in criteria.formats):
            return False
    if criteria.price_min is None and criteria.price_max is None:
        return True
    price = listing.price
    if price.currency != criteria.currency:
        converted = converter.convert_or_none(price, criteria.currency) if converter else None
        if converted is None:
            return True
        price = converted
    if criteria.price_min is not None and price.amount < criteria.price_min:
        return False
    return not (criteria.price_max is not None and price.amount > criteria.price_max)


@dataclass(frozen=True)
class Library:
    """What the user wants and owns, as the flags need it."""

    wanted_releases: frozenset[int]
    wanted_masters: frozenset[int]
    # Best media grade owned per release (None when owned ungraded).
    owned: dict[int, Grade | None]
    # Wanted releases for which any pressing is fine (the want's switch or the search's).
    any_pressing: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Flags:
    wanted: bool
    other_pressing: bool
    owned: bool
    upgrade: bool


def flags_for(match: MatchResult, library: Library, media: Grade | None) -> Flags:
    release_id = match.release_id
    wanted = is_wanted(
        match.pressing,
        release_wanted=release_id in library.wanted_releases,
        any_pressing=release_id in library.any_pressing,
    )
    # Another pressing of a wanted album: the facts rule the want out, or the listing is a
    # release of that master the user does not want (an owned one, a Discogs listing).
    of_wanted_master = match.master_id is not None and match.master_id in library.wanted_masters
    other_pressing = of_wanted_master and (
        match.pressing == "other" or release_id not in library.wanted_releases
    )
    owned = release_id in library.owned
    best_owned = library.owned.get(release_id)
    upgrade = owned and media is not None and (best_owned is None or media > best_owned)
    return Flags(wanted=wanted, other_pressing=other_pressing, owned=owned, upgrade=upgrade)


def pressing_not_stated(match: MatchResult, library: Library) -> bool:
    """A listing of a wanted album that does not say which pressing it is."""
    return match.pressing == "undetermined" and match.release_id in library.wanted_releases
