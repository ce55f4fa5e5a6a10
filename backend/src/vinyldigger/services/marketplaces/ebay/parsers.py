"""eBay Browse API bodies to DTOs: pure functions over item summaries, items and tokens.

eBay prices are strings; when eBay converted a price into the marketplace currency the
seller's own amount is in `convertedFromValue`/`convertedFromCurrency`, and that is the price
we keep. Shipping is the cheapest option quoted for the buyer's location; an option whose cost
eBay calculates at checkout (CALCULATED without a cost) leaves shipping unknown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import SecretStr

from vinyldigger.services.marketplaces.dto import (
    BuyingOption,
    EbaySearchPage,
    Listing,
    Money,
    SellerRef,
)
from vinyldigger.services.marketplaces.grades import Grade, SleeveState, parse_sleeve
from vinyldigger.services.marketplaces.title_grades import (
    Part,
    read_grade_value,
    read_title_grades,
)
from vinyldigger.services.marketplaces.values import (
    as_dict,
    as_list,
    country_code,
    text,
    to_datetime,
    to_decimal,
    to_int,
    to_money,
)

# eBay serves at most this many items of one result set, whatever `total` says.
MAX_RESULT_WINDOW = 10_000

_CATNO_ASPECTS = ("catalog number", "catalogue number", "catalog #")
_LABEL_ASPECTS = ("record label", "label")
_YEAR_ASPECTS = ("release year", "year")


@dataclass(frozen=True)
class AppToken:
    access_token: SecretStr
    expires_in: int


def parse_token(data: Any) -> AppToken:
    body = as_dict(data)
    token = text(body.get("access_token"))
    if token is None:
        raise ValueError("eBay token response without access_token")
    return AppToken(access_token=SecretStr(token), expires_in=to_int(body.get("expires_in")) or 0)


def _money(block: Any) -> Money | None:
    """The seller's amount: the pre-conversion one when eBay converted, else the shown one."""
    raw = as_dict(block)
    original = to_money(raw.get("convertedFromValue"), raw.get("convertedFromCurrency"))
    return original or to_money(raw.get("value"), raw.get("currency"))


def _shown_money(block: Any) -> Money | None:
    raw = as_dict(block)
    return to_money(raw.get("value"), raw.get("currency"))


def cheapest_shipping(options: Any) -> Money | None:
    """The cheapest shipping cost eBay quoted; None when it quoted none (no options, or only
    costs calculated at checkout)."""
    quotes = []
    for entry in as_list(options):
        option = as_dict(entry)
        cost = _money(option.get("shippingCost"))
        if cost is not None:
            quotes.append(cost)
    if not quotes:
        return None
    return min(quotes, key=lambda money: money.amount)


def _buying_option(options: list[str]) -> BuyingOption:
    if "AUCTION" in options:
        return "auction"
    if "FIXED_PRICE" in options or not options:
        return "fixed_price"
    return "best_offer"


def _aspects(item: Mapping[str, Any]) -> dict[str, str]:
    aspects = {}
    for entry in as_list(item.get("localizedAspects")):
        aspect = as_dict(entry)
        name, value = text(aspect.get("name")), text(aspect.get("value"))
        if name and value:
            aspects[name.lower()] = value
    return aspects


def _first(aspects: Mapping[str, str], names: tuple[str, ...]) -> str | None:
    return next((aspects[name] for name in names if name in aspects), None)


_MEDIA_NAMES = ("record", "vinyl", "media", "disc")
_SLEEVE_NAMES = ("sleeve", "cover", "jacket")
_GRADING_NAMES = ("grading", "condition", "grade")


def _part_of(name: str) -> Part | None:
    lowered = name.lower()
    if "obi" in lowered or not any(word in lowered for word in _GRADING_NAMES):
        return None
    if any(word in lowered for word in _SLEEVE_NAMES):
        return "sleeve"
    if any(word in lowered for word in _MEDIA_NAMES):
        return "media"
    return None


def graded_fields(
    aspects: Iterable[Mapping[str, Any]], descriptors: Iterable[Mapping[str, Any]]
) -> dict[Part, str]:
    """The media and sleeve grading values among eBay item specifics (`localizedAspects`,
    {name, value}) and condition descriptors ({name, values: [{content}]})."""
    fields: dict[Part, str] = {}
    for aspect in aspects:
        name, value = aspect.get("name"), aspect.get("value")
        part = _part_of(name) if isinstance(name, str) else None
        if part and isinstance(value, str) and value.strip() and part not in fields:
            fields[part] = value.strip()
    for descriptor in descriptors:
        name = descriptor.get("name")
        part = _part_of(name) if isinstance(name, str) else None
        values = descriptor.get("values")
        if not part or part in fields or not isinstance(values, list) or not values:
            continue
        first = values[0]
        content = first.get("content") if isinstance(first, Mapping) else None
        if isinstance(content, str) and content.strip():
            fields[part] = content.strip()
    return fields


def _grades(
    item: Mapping[str, Any], title: str
) -> tuple[Grade | None, Grade | None, SleeveState | None]:
    """Media and sleeve grades: item specifics ("Record Grading", "Sleeve Grading" and the
    like, or condition descriptors) where the seller filled them in, else the title."""
    fields = graded_fields(
        (as_dict(entry) for entry in as_list(item.get("localizedAspects"))),
        (as_dict(entry) for entry in as_list(item.get("conditionDescriptors"))),
    )
    stated = read_title_grades(title)
    media = read_grade_value(fields.get("media")) or stated.media
    sleeve_grade, sleeve_state = parse_sleeve(fields.get("sleeve"))
    if sleeve_grade is None and sleeve_state is None and "sleeve" in fields:
        sleeve_grade = read_grade_value(fields["sleeve"])
    if sleeve_grade is None and sleeve_state is None:
        sleeve_grade, sleeve_state = stated.sleeve, stated.sleeve_state
    return media, sleeve_grade, sleeve_state


def _in_stock(item: Mapping[str, Any]) -> bool:
    """getItem says OUT_OF_STOCK once an item sold or ended; search shows live items only."""
    statuses = [
        text(as_dict(entry).get("estimatedAvailabilityStatus"))
        for entry in as_list(item.get("estimatedAvailabilities"))
    ]
    return not statuses or any(status != "OUT_OF_STOCK" for status in statuses)


def parse_item(item: Mapping[str, Any]) -> Listing:
    """An item summary from search, or a full item from getItem (which adds aspects, gtin)."""
    options = [str(option) for option in as_list(item.get("buyingOptions"))]
    auction = "AUCTION" in options
    # An auction's price to beat is the current bid; `price` may be absent or the start price.
    price_block = item.get("currentBidPrice") if auction and item.get("currentBidPrice") else None
    price_block = price_block or item.get("price") or item.get("currentBidPrice")
    price = _money(price_block)
    if price is None:
        raise ValueError("eBay item without a price")
    shown = _shown_money(price_block)
    title = text(item.get("title")) or ""
    aspects = _aspects(item)
    category_id, category_name = _leaf_category(item)
    media_grade, sleeve_grade, sleeve_state = _grades(item, title)
    seller = as_dict(item.get("seller"))
    location = as_dict(item.get("itemLocation"))
    location_country = text(location.get("country"))
    image = text(as_dict(item.get("image")).get("imageUrl"))
    thumbnails = [as_dict(t) for t in as_list(item.get("thumbnailImages"))]
    item_id = text(item.get("itemId")) or text(item.get("legacyItemId"))
    if item_id is None:
        raise ValueError("eBay item without an itemId")
    return Listing(
        platform="ebay",
        listing_id=item_id,
        title=title,
        artist=aspects.get("artist"),
        media_grade=media_grade,
        sleeve_grade=sleeve_grade,
        sleeve_state=sleeve_state,
        price=price,
        converted_price=shown if shown and shown.currency != price.currency else None,
        shipping=cheapest_shipping(item.get("shippingOptions")),
        seller=SellerRef(
            username=text(seller.get("username")) or "",
            rating=to_decimal(seller.get("feedbackPercentage")),
            rating_count=to_int(seller.get("feedbackScore")),
        ),
        ships_from=country_code(location_country),
        ships_from_text=location_country,
        url=text(item.get("itemWebUrl")) or text(item.get("itemAffiliateWebUrl")) or "",
        image=image or (text(thumbnails[0].get("imageUrl")) if thumbnails else None),
        buying_option=_buying_option(options),
        accepts_offers="BEST_OFFER" in options,
        auction_end=to_datetime(item.get("itemEndDate")) if auction else None,
        bid_count=to_int(item.get("bidCount")),
        posted_at=to_datetime(item.get("itemCreationDate")),
        for_sale=_in_stock(item),
        condition_text=text(item.get("condition")),
        comments=text(item.get("shortDescription")) or text(item.get("conditionDescription")),
        catalog_number=_first(aspects, _CATNO_ASPECTS),
        barcode=text(item.get("gtin")) or aspects.get("upc") or aspects.get("ean"),
        format_text=aspects.get("format"),
        label=_first(aspects, _LABEL_ASPECTS),
        release_year=_year(_first(aspects, _YEAR_ASPECTS)),
        category_id=category_id,
        category=category_name,
    )


def _leaf_category(item: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """Search summaries list the leaf category first; getItem gives an id and a path."""
    categories = [as_dict(entry) for entry in as_list(item.get("categories"))]
    if categories:
        return text(categories[0].get("categoryId")), text(categories[0].get("categoryName"))
    path = text(item.get("categoryPath"))
    return text(item.get("categoryId")), path.split("|")[-1].strip() if path else None


def _year(value: str | None) -> int | None:
    found = re.search(r"\b(1[89]\d\d|20\d\d)\b", value or "")
    return int(found.group(1)) if found else None


def parse_item_body(data: Any) -> Listing:
    """A getItem response body."""
    return parse_item(as_dict(data))


def parse_search_page(data: Any) -> EbaySearchPage:
    body = as_dict(data)
    items: list[Listing] = []
    skipped = 0
    for raw in as_list(body.get("itemSummaries")):
        try:
            items.append(parse_item(as_dict(raw)))
        except ValueError:
            # One malformed item (no id or price) must not cost the other 199 on the page.
            skipped += 1
    offset = to_int(body.get("offset")) or 0
    limit = to_int(body.get("limit")) or len(items)
    next_offset = offset + limit if text(body.get("next")) else None
    if next_offset is not None and next_offset >= MAX_RESULT_WINDOW:
        next_offset = None
    return EbaySearchPage(
        items=items,
        total=to_int(body.get("total")) or 0,
        offset=offset,
        limit=limit,
        next_offset=next_offset,
        skipped_items=skipped,
    )


def parse_error_message(data: Any) -> str | None:
    """Browse errors: {"errors": [{"message": ...}]}; token errors: RFC 6749 fields."""
    body = as_dict(data)
    errors = [as_dict(e) for e in as_list(body.get("errors"))]
    if errors:
        return text(errors[0].get("longMessage")) or text(errors[0].get("message"))
    return text(body.get("error_description")) or text(body.get("error"))
