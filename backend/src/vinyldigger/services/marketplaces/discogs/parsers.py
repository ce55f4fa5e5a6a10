"""Discogs response bodies to DTOs: pure functions, tolerant of old and new shapes.

Unknown keys are ignored; fields missing from older responses (2014: no `date_added`, no
`original_price`) become None; Discogs' empty strings and `{}` blocks mean "absent".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import httpx

from vinyldigger.services.marketplaces.dto import (
    CollectionEntry,
    DiscogsIdentity,
    LabelRef,
    Listing,
    MarketStats,
    MasterDetail,
    MasterVersion,
    Money,
    Page,
    PageInfo,
    ReleaseDetail,
    ReleaseSummary,
    SearchKind,
    SearchResult,
    SellerRef,
    WantItem,
)
from vinyldigger.services.marketplaces.grades import Grade, parse_grade, parse_sleeve
from vinyldigger.services.marketplaces.ratelimit import ServerBudget
from vinyldigger.services.marketplaces.values import (
    DISCOGS_TZ,
    as_dict,
    as_list,
    country_code,
    text,
    to_datetime,
    to_decimal,
    to_int,
    to_money,
    to_year,
)

T = TypeVar("T")

MEDIA_NOTE_FIELD = 1
SLEEVE_NOTE_FIELD = 2
FREE_TEXT_NOTE_FIELD = 3

# Discogs disambiguates namesakes as "Root (2)"; the suffix is not part of the name.
_NAME_SUFFIX = re.compile(r"\s+\(\d+\)$")
# "Artist - Title (LP, Album)" in listing descriptions.
_DESCRIPTION = re.compile(r"^(?P<artist>.+?) - (?P<title>.+?)(?:\s+\((?P<format>[^()]*)\))?$")


def artist_name(raw: str) -> str:
    return _NAME_SUFFIX.sub("", raw.strip())


def parse_pagination(data: Mapping[str, Any], item_count: int) -> PageInfo:
    pagination = as_dict(data.get("pagination"))
    page = to_int(pagination.get("page")) or 1
    return PageInfo(
        page=page,
        pages=to_int(pagination.get("pages")) or page,
        per_page=to_int(pagination.get("per_page")) or item_count,
        items=to_int(pagination.get("items")) or 0,
    )


def _page(data: Any, key: str, parse: Callable[[Mapping[str, Any]], T]) -> Page[T]:
    body = as_dict(data)
    items = [parse(as_dict(item)) for item in as_list(body.get(key))]
    return Page[T](items=items, info=parse_pagination(body, len(items)))


def flatten_formats(formats: Iterable[Any]) -> list[str]:
    """[{"name": "Vinyl", "descriptions": ["LP", "Album"]}] -> ["Vinyl", "LP", "Album"]."""
    flat: list[str] = []
    for entry in formats:
        fmt = as_dict(entry)
        for value in [fmt.get("name"), *as_list(fmt.get("descriptions"))]:
            name = text(value)
            if name and name not in flat:
                flat.append(name)
    return flat


def catalog_number(value: Any) -> str | None:
    """Discogs writes "none" when a release has no catalogue number."""
    catno = text(value)
    return None if catno is None or catno.lower() == "none" else catno


def _labels(raw: Any) -> list[LabelRef]:
    labels = []
    for entry in as_list(raw):
        label = as_dict(entry)
        name = text(label.get("name"))
        if name:
            labels.append(LabelRef(name=name, catno=catalog_number(label.get("catno"))))
    return labels


def _artists(raw: Any) -> list[str]:
    names = (text(as_dict(entry).get("name")) for entry in as_list(raw))
    return [artist_name(name) for name in names if name]


def _barcodes(identifiers: Any) -> list[str]:
    values = []
    for entry in as_list(identifiers):
        identifier = as_dict(entry)
        value = text(identifier.get("value"))
        if value and str(identifier.get("type", "")).lower() == "barcode":
            values.append(value)
    return values


def parse_release_summary(info: Mapping[str, Any]) -> ReleaseSummary:
    """A release from `basic_information` (wants, collection) or a full /releases body."""
    return ReleaseSummary(
        release_id=int(info["id"]),
        master_id=to_int(info.get("master_id")) or None,
        title=text(info.get("title")) or "",
        artists=_artists(info.get("artists")),
        labels=_labels(info.get("labels")),
        formats=flatten_formats(as_list(info.get("formats"))),
        year=to_year(info.get("year")),
        country=text(info.get("country")),
        thumb=text(info.get("thumb")),
        cover_image=text(info.get("cover_image")),
        barcodes=_barcodes(info.get("identifiers")),
    )


def parse_want(item: Mapping[str, Any]) -> WantItem:
    info = as_dict(item.get("basic_information")) or {"id": item["id"]}
    return WantItem(
        release=parse_release_summary(info),
        date_added=to_datetime(item.get("date_added"), DISCOGS_TZ),
        rating=to_int(item.get("rating")) or 0,
        notes=text(item.get("notes")),
    )


def parse_wants_page(data: Any) -> Page[WantItem]:
    return _page(data, "wants", parse_want)


def parse_collection_entry(item: Mapping[str, Any]) -> CollectionEntry:
    notes = {
        to_int(as_dict(note).get("field_id")): text(as_dict(note).get("value"))
        for note in as_list(item.get("notes"))
    }
    sleeve_grade, sleeve_state = parse_sleeve(notes.get(SLEEVE_NOTE_FIELD))
    info = as_dict(item.get("basic_information")) or {"id": item["id"]}
    return CollectionEntry(
        instance_id=int(item["instance_id"]),
        folder_id=to_int(item.get("folder_id")),
        release=parse_release_summary(info),
        date_added=to_datetime(item.get("date_added"), DISCOGS_TZ),
        rating=to_int(item.get("rating")) or 0,
        media_grade=parse_grade(notes.get(MEDIA_NOTE_FIELD)),
        sleeve_grade=sleeve_grade,
        sleeve_state=sleeve_state,
        notes=notes.get(FREE_TEXT_NOTE_FIELD),
    )


def parse_collection_page(data: Any) -> Page[CollectionEntry]:
    return _page(data, "releases", parse_collection_entry)


def _lowest_price(value: Any, currency: str) -> Money | None:
    """`lowest_price` is a bare number on releases and masters, an object in stats."""
    if isinstance(value, Mapping):
        return to_money(value.get("value"), value.get("currency") or currency)
    return to_money(value, currency)


def parse_release(data: Any, currency: str) -> ReleaseDetail:
    body = as_dict(data)
    return ReleaseDetail(
        summary=parse_release_summary(body),
        num_for_sale=to_int(body.get("num_for_sale")) or 0,
        lowest_price=_lowest_price(body.get("lowest_price"), currency),
        blocked_from_sale=bool(body.get("blocked_from_sale")),
        genres=[g for g in (text(v) for v in as_list(body.get("genres"))) if g],
        styles=[s for s in (text(v) for v in as_list(body.get("styles"))) if s],
    )


def parse_master(data: Any, currency: str) -> MasterDetail:
    body = as_dict(data)
    images = [as_dict(image) for image in as_list(body.get("images"))]
    return MasterDetail(
        master_id=int(body["id"]),
        title=text(body.get("title")) or "",
        artists=_artists(body.get("artists")),
        year=to_year(body.get("year")),
        main_release_id=to_int(body.get("main_release")),
        most_recent_release_id=to_int(body.get("most_recent_release")),
        num_for_sale=to_int(body.get("num_for_sale")) or 0,
        lowest_price=_lowest_price(body.get("lowest_price"), currency),
        genres=[g for g in (text(v) for v in as_list(body.get("genres"))) if g],
        styles=[s for s in (text(v) for v in as_list(body.get("styles"))) if s],
        thumb=text(body.get("thumb")) or (text(images[0].get("uri150")) if images else None),
    )


def parse_master_version(item: Mapping[str, Any]) -> MasterVersion:
    formats = [part.strip() for part in str(item.get("format") or "").split(",")]
    return MasterVersion(
        release_id=int(item["id"]),
        title=text(item.get("title")) or "",
        label=text(item.get("label")),
        catno=catalog_number(item.get("catno")),
        country=text(item.get("country")),
        year=to_year(item.get("released")),
        released=text(item.get("released")),
        formats=[f for f in formats if f],
        major_formats=[f for f in (text(v) for v in as_list(item.get("major_formats"))) if f],
        thumb=text(item.get("thumb")),
    )


def parse_master_versions_page(data: Any) -> Page[MasterVersion]:
    return _page(data, "versions", parse_master_version)


def parse_market_stats(data: Any) -> MarketStats:
    body = as_dict(data)
    return MarketStats(
        num_for_sale=to_int(body.get("num_for_sale")) or 0,
        lowest_price=_lowest_price(body.get("lowest_price"), "USD"),
        blocked_from_sale=bool(body.get("blocked_from_sale")),
    )


def parse_price_suggestions(data: Any) -> dict[Grade, Money]:
    suggestions: dict[Grade, Money] = {}
    for label, value in as_dict(data).items():
        grade = parse_grade(label)
        price = _lowest_price(value, "USD")
        if grade is not None and price is not None:
            suggestions[grade] = price
    return suggestions


def parse_identity(data: Any) -> DiscogsIdentity:
    body = as_dict(data)
    return DiscogsIdentity(id=int(body["id"]), username=str(body["username"]))


def _original_money(block: Any, fallback: Any) -> Money | None:
    """Seller's own amount (`original_*`, with `curr_abbr`) or the converted one as fallback."""
    original = as_dict(block)
    money = to_money(original.get("value"), original.get("curr_abbr") or original.get("currency"))
    if money is not None:
        return money
    converted = as_dict(fallback)
    return to_money(converted.get("value"), converted.get("currency"))


def _seller(raw: Any, currency: str) -> SellerRef:
    seller = as_dict(raw)
    stats = as_dict(seller.get("stats"))
    min_order = to_decimal(seller.get("min_order_total"))
    return SellerRef(
        username=text(seller.get("username")) or "",
        id=text(seller.get("id")),
        rating=to_decimal(stats.get("rating")) if text(stats.get("rating")) else None,
        rating_count=to_int(stats.get("total")),
        min_order_total=Money(amount=min_order, currency=currency) if min_order else None,
        shipping_policy=text(seller.get("shipping")),
    )


def parse_listing(data: Any) -> Listing:
    body = as_dict(data)
    release = as_dict(body.get("release"))
    description = _DESCRIPTION.match(text(release.get("description")) or "")
    price = _original_money(body.get("original_price"), body.get("price"))
    if price is None:
        raise ValueError("Discogs listing without a price")
    converted = to_money(
        as_dict(body.get("price")).get("value"), as_dict(body.get("price")).get("currency")
    )
    sleeve_grade, sleeve_state = parse_sleeve(text(body.get("sleeve_condition")))
    ships_from = text(body.get("ships_from"))
    images = [as_dict(image) for image in as_list(release.get("images"))]
    return Listing(
        platform="discogs",
        listing_id=str(body["id"]),
        release_id=to_int(release.get("id")),
        title=text(release.get("title")) or (description.group("title") if description else ""),
        artist=text(release.get("artist"))
        or (description.group("artist") if description else None),
        media_grade=parse_grade(text(body.get("condition"))),
        sleeve_grade=sleeve_grade,
        sleeve_state=sleeve_state,
        price=price,
        converted_price=_rounded(converted)
        if converted and converted.currency != price.currency
        else None,
        shipping=_original_money(body.get("original_shipping_price"), body.get("shipping_price")),
        seller=_seller(body.get("seller"), price.currency),
        ships_from=country_code(ships_from),
        ships_from_text=ships_from,
        url=text(body.get("uri")) or f"https://www.discogs.com/sell/item/{body['id']}",
        image=text(release.get("thumbnail")) or (text(images[0].get("uri150")) if images else None),
        buying_option="fixed_price",
        accepts_offers=bool(body.get("allow_offers")),
        posted_at=to_datetime(body.get("posted"), DISCOGS_TZ),
        for_sale=(text(body.get("status")) or "For Sale") == "For Sale",
        condition_text=text(body.get("condition")),
        comments=text(body.get("comments")),
        catalog_number=catalog_number(release.get("catalog_number")),
        format_text=text(release.get("format"))
        or (description.group("format") if description else None),
    )


def _rounded(money: Money) -> Money:
    """Converted amounts arrive as long floats (89.34117647058824): keep cents."""
    return Money(amount=round(money.amount, 2), currency=money.currency)


def parse_inventory_page(data: Any) -> Page[Listing]:
    return _page(data, "listings", parse_listing)


def _search_kind(value: Any) -> SearchKind:
    kind = text(value) or "release"
    if kind in ("release", "master", "artist", "label"):
        return kind  # type: ignore[return-value]
    return "release"


def parse_search_result(item: Mapping[str, Any]) -> SearchResult:
    full_title = text(item.get("title")) or ""
    artist, _, title = full_title.partition(" - ")
    if not title:
        artist, title = "", full_title
    structured = as_list(item.get("formats"))
    formats = (
        flatten_formats(structured)
        if structured
        else [f for f in (text(v) for v in as_list(item.get("format"))) if f]
    )
    catno = catalog_number(item.get("catno"))
    label_names = [name for name in (text(v) for v in as_list(item.get("label"))) if name]
    labels = [
        LabelRef(name=name, catno=catno if index == 0 else None)
        for index, name in enumerate(label_names)
    ]
    return SearchResult(
        kind=_search_kind(item.get("type")),
        id=int(item["id"]),
        master_id=to_int(item.get("master_id")) or None,
        title=title.strip(),
        artists=[artist_name(artist)] if artist.strip() else [],
        labels=labels,
        formats=formats,
        year=to_year(item.get("year")),
        country=text(item.get("country")),
        barcodes=[b for b in (text(v) for v in as_list(item.get("barcode"))) if b],
        thumb=text(item.get("thumb")),
        cover_image=text(item.get("cover_image")),
    )


def parse_search_page(data: Any) -> Page[SearchResult]:
    return _page(data, "results", parse_search_result)


def parse_error_message(data: Any) -> str | None:
    """Discogs errors are always {"message": "..."}."""
    return text(as_dict(data).get("message"))


def parse_rate_limit_headers(headers: Mapping[str, str] | httpx.Headers) -> ServerBudget | None:
    """X-Discogs-Ratelimit (calls per window) and -Remaining (or -Used) from any response."""
    lowered = {key.lower(): value for key, value in headers.items()}
    limit = to_int(lowered.get("x-discogs-ratelimit"))
    if not limit:
        return None
    remaining = to_int(lowered.get("x-discogs-ratelimit-remaining"))
    if remaining is None:
        used = to_int(lowered.get("x-discogs-ratelimit-used"))
        if used is None:
            return None
        remaining = limit - used
    return ServerBudget(limit=limit, remaining=max(0, remaining))
