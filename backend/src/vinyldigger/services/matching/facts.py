"""The pressing facts a listing states, read once per listing and shown back to the user.

`TitleReading` holds what does not depend on the candidate (edition features, item words,
item specifics); which of them count depends on where the candidate's names are in the title,
so "Picture Book" by the Simply Red is a title, not a book.
"""

from __future__ import annotations

from dataclasses import dataclass

from vinyldigger.services.marketplaces.dto import Listing
from vinyldigger.services.matching.features import FeatureMention, feature_mentions
from vinyldigger.services.matching.index import Pressing
from vinyldigger.services.matching.media import (
    ItemKind,
    ItemMention,
    is_extra,
    item_mentions,
    read_field_kind,
    read_item_kind,
    vinyl_positions,
)
from vinyldigger.services.matching.models import PressingFact
from vinyldigger.services.matching.text import ListingText


@dataclass(frozen=True, slots=True)
class TitleReading:
    text: ListingText
    features: tuple[FeatureMention, ...]
    items: tuple[ItemMention, ...]
    vinyl: tuple[int, ...]
    # What the "Format" item specific or the category says the item is.
    field_kind: ItemKind

    # Extras ("+ CD", "w/ poster") are explained words; a bare "Book" may be part of a title.
    item_positions: frozenset[int]

    def item_kind(self, name_positions: frozenset[int]) -> ItemKind:
        if not self.field_kind.is_vinyl:
            return self.field_kind
        return read_item_kind(self.text.tokens, self.items, self.vinyl, name_positions)


def read_listing(text: ListingText, listing: Listing) -> TitleReading:
    items = item_mentions(text.tokens)
    return TitleReading(
        text=text,
        features=feature_mentions(text.tokens, text.raw_tokens),
        items=items,
        item_positions=frozenset(
            position
            for item in items
            if is_extra(item, text.tokens)
            for position in range(item.first, item.last + 1)
        ),
        vinyl=vinyl_positions(text.tokens),
        field_kind=read_field_kind(listing.format_text, listing.category),
    )


def describe(pressing: Pressing, name: str) -> str:
    """This pressing's value of a field, for a reason a user reads."""
    value = {
        "year": pressing.year,
        "country": pressing.country,
        "format": pressing.format_class,
        "label": pressing.label,
        "catalog number": pressing.catno,
    }.get(name)
    return f"does not fit this pressing ({value})" if value else "does not fit this pressing"


def stated_facts(
    reading: TitleReading,
    *,
    name_positions: frozenset[int],
    catno_positions: set[int],
    features: list[FeatureMention],
    item: ItemKind,
    listing: Listing,
    label_words: frozenset[str],
) -> tuple[PressingFact, ...]:
    """Every pressing fact the listing states outside the names, as written, in title order."""
    text = reading.text
    raw = text.raw_tokens
    found: list[tuple[int, PressingFact]] = []

    def add(position: int, kind: str, value: str) -> None:
        found.append((position, PressingFact.model_validate({"kind": kind, "value": value})))

    for first in sorted(catno_positions):
        if first - 1 not in catno_positions:
            last = first
            while last + 1 in catno_positions:
                last += 1
            add(first, "catalog_number", " ".join(dict.fromkeys(raw[first : last + 1])))
    for position, word in enumerate(text.tokens):
        if word in label_words and position not in name_positions:
            add(position, "label", raw[position])
    for position, year in text.years:
        if position not in name_positions and position not in catno_positions:
            add(position, "year", str(year))
    for position, _ in text.countries:
        if position not in name_positions:
            add(position, "country", raw[position])
    for position in text.original_positions:
        if position not in name_positions:
            add(position, "original", raw[position])
    for position in text.reissue_positions:
        if position not in name_positions:
            add(position, "reissue", raw[position])
    for mention in features:
        add(mention.first, mention.kind, mention.written)
    if not item.is_vinyl:
        add(len(raw), "format", ", ".join(item.stated))
    end = len(raw) + 1
    if listing.catalog_number:
        add(end, "catalog_number", listing.catalog_number)
    if listing.label:
        add(end, "label", listing.label)
    if listing.release_year:
        add(end, "year", str(listing.release_year))
    unique: dict[tuple[str, str], PressingFact] = {}
    for _, fact in sorted(found, key=lambda pair: pair[0]):
        unique.setdefault((fact.kind, fact.value), fact)
    return tuple(unique.values())
