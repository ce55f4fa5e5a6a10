"""What kind of item a listing is: a vinyl record, another sound carrier, or no record at all.

Sellers put a CD, a hybrid SACD or a jigsaw puzzle of an album under the album's name, and
eBay files them in the same searches. A listing states its item in its title ("CD",
"Blu-ray", "T-shirt", "sleeve only"), in the "Format" item specific, or in its category.

Extras are not the item: "LP + CD", "LP w/ poster", "with hype sticker", "CD-sized booklet"
describe a record. A carrier word counts only where no vinyl word is stated, or it stands
alone of any "with"; a thing (poster, book, sticker) counts only where no vinyl word is
stated; a thing that is never part of a record's package (T-shirt, slipmat, puzzle, record
player, a sleeve "only") counts wherever it is not an extra.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from vinyldigger.services.matching.text import words

VINYL = "vinyl"

# Carriers as listing words (one word or two) and as Discogs format names.
_CARRIER_WORDS = {
    "cd": "cd", "cds": "cd", "cdr": "cd", "2cd": "cd", "3cd": "cd", "sacd": "sacd",
    "sacds": "sacd", "cassette": "cassette", "cassettes": "cassette", "tape": "cassette",
    "mc": "cassette", "8track": "8track", "minidisc": "minidisc", "minidiscs": "minidisc",
    "dvd": "dvd", "dvds": "dvd", "2dvd": "dvd", "bluray": "bluray", "blurays": "bluray",
    "vhs": "vhs", "laserdisc": "laserdisc",
}  # fmt: skip
_CARRIER_PAIRS = {
    ("8", "track"): "8track", ("eight", "track"): "8track", ("mini", "disc"): "minidisc",
    ("blu", "ray"): "bluray", ("compact", "disc"): "cd", ("super", "audio"): "sacd",
    ("laser", "disc"): "laserdisc", ("cd", "r"): "cd",
}  # fmt: skip
# Things never sold as part of a record, and things that often come with one.
_ALIEN_WORDS = {
    "tshirt": "t-shirt", "shirt": "t-shirt", "tee": "t-shirt", "hoodie": "t-shirt",
    "slipmat": "slipmat", "slipmats": "slipmat", "puzzle": "puzzle", "jigsaw": "puzzle",
    "turntable": "record player", "gramophone": "record player",
}  # fmt: skip
_ALIEN_PAIRS = {
    ("t", "shirt"): "t-shirt", ("slip", "mat"): "slipmat", ("record", "player"): "record player",
    ("sleeve", "only"): "sleeve only", ("cover", "only"): "sleeve only",
    ("jacket", "only"): "sleeve only", ("empty", "sleeve"): "sleeve only",
    ("empty", "cover"): "sleeve only", ("empty", "jacket"): "sleeve only",
    ("no", "record"): "sleeve only", ("no", "vinyl"): "sleeve only",
    ("without", "record"): "sleeve only", ("without", "vinyl"): "sleeve only",
}  # fmt: skip
_EXTRA_WORDS = {
    "poster": "poster", "posters": "poster", "book": "book", "books": "book",
    "magazine": "magazine", "magazines": "magazine", "sticker": "sticker",
    "stickers": "sticker", "songbook": "book", "programme": "programme",
}  # fmt: skip
_VINYL_WORDS = frozenset(
    ("lp", "lps", "2lp", "3lp", "2xlp", "vinyl", "vinyls", "12", "7", "10", "45", "33", "rpm",
     "45rpm", "33rpm", "12inch", "7inch", "180g", "180gram", "vinilo", "vinyle", "schallplatte")
)  # fmt: skip
# "w/ poster", "LP + CD" ("+" is read as "plus"), "incl. booklet", "and sticker".
_JOINERS = frozenset(
    ("w", "with", "plus", "incl", "inc", "including", "includes", "and", "bonus", "free", "n",
     "comes", "extra", "inside", "inserts", "insert")
)  # fmt: skip
# "CD-sized booklet", "CD single sleeve"? only size words make a carrier word an adjective.
_NOT_THE_ITEM_AFTER = frozenset(("size", "sized", "style", "format", "case", "quality"))
_STICKER_BEFORE = frozenset(("hype", "price", "promo", "title", "sale", "shop", "sealed"))

# Discogs format names to carriers.
_DISCOGS_CARRIERS = {
    "vinyl": VINYL, "lp": VINYL, "cd": "cd", "cdr": "cd", "sacd": "sacd",
    "cassette": "cassette", "8-track cartridge": "8track", "minidisc": "minidisc",
    "dvd": "dvd", "dvdr": "dvd", "blu-ray": "bluray", "vhs": "vhs", "laserdisc": "laserdisc",
}  # fmt: skip
# eBay category names ("Records", "CDs", "Cassettes", "Music Memorabilia").
_CATEGORY_WORDS = {
    "records": VINYL, "vinyl": VINYL, "cds": "cd", "cassettes": "cassette", "dvds": "dvd",
    "minidiscs": "minidisc", "8track": "8track", "vhs": "vhs", "bluray": "bluray",
    "memorabilia": "memorabilia", "posters": "poster", "clothing": "t-shirt",
    "shirts": "t-shirt", "turntables": "record player", "players": "record player",
    "turntable": "record player", "player": "record player", "parts": "record player",
    "books": "book", "magazines": "magazine", "puzzles": "puzzle", "jigsaw": "puzzle",
}  # fmt: skip
VINYL_CATEGORY_ID = "176985"


@dataclass(frozen=True, slots=True)
class ItemMention:
    """A word of the title that names an item kind, and what kind."""

    first: int
    last: int
    kind: str
    # A sound carrier ("cd", "cassette") rather than a thing ("poster").
    carrier: bool
    # A thing no record comes with (a T-shirt, a sleeve "only").
    alien: bool


@dataclass(frozen=True, slots=True)
class ItemKind:
    """What the listing says it sells, when that is not a vinyl record."""

    # "cd", "sacd", "cassette"...: another sound carrier; it can still be a wanted release of
    # that format.
    carrier: str | None = None
    # "poster", "t-shirt", "sleeve only"...: no recording at all.
    thing: str | None = None
    # The words (or item specifics) that said so.
    stated: tuple[str, ...] = ()

    @property
    def is_vinyl(self) -> bool:
        return self.carrier is None and self.thing is None


def item_mentions(tokens: Sequence[str]) -> tuple[ItemMention, ...]:
    found: list[ItemMention] = []
    pairs = list(itertools.pairwise(tokens))
    taken: set[int] = set()
    for index, pair in enumerate(pairs):
        for table, carrier in ((_CARRIER_PAIRS, True), (_ALIEN_PAIRS, False)):
            if pair in table:
                found.append(ItemMention(index, index + 1, table[pair], carrier, not carrier))
                taken.update((index, index + 1))
    for index, word in enumerate(tokens):
        if index in taken:
            continue
        if word in _CARRIER_WORDS:
            found.append(ItemMention(index, index, _CARRIER_WORDS[word], True, False))
        elif word in _ALIEN_WORDS:
            found.append(ItemMention(index, index, _ALIEN_WORDS[word], False, True))
        elif word in _EXTRA_WORDS:
            found.append(ItemMention(index, index, _EXTRA_WORDS[word], False, False))
    return tuple(sorted(found, key=lambda mention: mention.first))


def vinyl_positions(tokens: Sequence[str]) -> tuple[int, ...]:
    """Words that say vinyl; "mini LP" is a Japanese CD's cardboard sleeve, not a record."""
    return tuple(
        index for index, word in enumerate(tokens)
        if word in _VINYL_WORDS and not (index > 0 and tokens[index - 1] == "mini")
    )  # fmt: skip


def is_extra(mention: ItemMention, tokens: Sequence[str]) -> bool:
    before = tokens[max(0, mention.first - 2) : mention.first]
    after = tokens[mention.last + 1] if mention.last + 1 < len(tokens) else ""
    if any(word in _JOINERS for word in before) or after in _NOT_THE_ITEM_AFTER:
        return True
    return mention.kind == "sticker" and bool(set(before) & _STICKER_BEFORE)


def read_item_kind(
    tokens: Sequence[str],
    mentions: Iterable[ItemMention],
    vinyl: Iterable[int],
    name_positions: frozenset[int],
) -> ItemKind:
    """The item the title states, ignoring words that are part of the record's names."""
    says_vinyl = any(pos not in name_positions for pos in vinyl)
    for mention in mentions:
        if name_positions.intersection(range(mention.first, mention.last + 1)):
            continue
        if is_extra(mention, tokens):
            continue
        stated = (" ".join(tokens[mention.first : mention.last + 1]),)
        if mention.alien:
            return ItemKind(thing=mention.kind, stated=stated)
        if says_vinyl:
            continue
        if mention.carrier:
            return ItemKind(carrier=mention.kind, stated=stated)
        return ItemKind(thing=mention.kind, stated=stated)
    return ItemKind()


def read_field_kind(format_text: str | None, category: str | None) -> ItemKind:
    """The item eBay's "Format" item specific or the item's category says it is."""
    if format_text:
        tokens = words(format_text)
        if not vinyl_positions(tokens):
            for mention in item_mentions(tokens):
                stated = (f"Format: {format_text}",)
                if mention.carrier:
                    return ItemKind(carrier=mention.kind, stated=stated)
                return ItemKind(thing=mention.kind, stated=stated)
    if category:
        folded = "".join(words(category))
        for word in words(category):
            kind = _CATEGORY_WORDS.get(word) or _CATEGORY_WORDS.get(folded)
            if kind is None or kind == VINYL:
                continue
            stated = (f"category: {category}",)
            if kind in _CARRIER_WORDS.values():
                return ItemKind(carrier=kind, stated=stated)
            return ItemKind(thing=kind, stated=stated)
    return ItemKind()


def release_carriers(formats: Iterable[str]) -> frozenset[str]:
    """Carriers of a Discogs release from its format names ("Vinyl", "CD", "SACD")."""
    found: set[str] = set()
    for name in formats:
        lowered = name.strip().lower()
        carrier = _DISCOGS_CARRIERS.get(lowered)
        if carrier is None and (lowered.endswith("xlp") or lowered.endswith('"')):
            carrier = VINYL
        if carrier is None and lowered.endswith("xcd"):
            carrier = "cd"
        if carrier:
            found.add(carrier)
    return frozenset(found)
