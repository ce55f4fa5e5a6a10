"""Names for synthetic artists, albums, songs, labels, catalog numbers and barcodes."""

from __future__ import annotations

import random

from vinyldigger_sandbox.vocabulary import (
    ADJECTIVES,
    FIRST_NAMES,
    LABEL_SUFFIXES,
    LABEL_WORDS,
    LAST_NAMES,
    NOUNS,
    TITLE_WORDS,
)


def plural(noun: str) -> str:
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def artist_name(rng: random.Random) -> str:
    roll = rng.random()
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    adjective, noun = rng.choice(ADJECTIVES), rng.choice(NOUNS)
    if roll < 0.33:
        return f"{first} {last}"
    if roll < 0.53:
        return f"The {adjective} {plural(noun)}"
    if roll < 0.67:
        return f"{adjective} {noun}"
    if roll < 0.75:
        return f"{first} {last} & The {plural(noun)}"
    if roll < 0.80:
        return f"{noun} {rng.choice(NOUNS)}"
    if roll < 0.88:
        return f"{first} {last} {rng.choice(('Quartet', 'Trio', 'Orchestra', 'Quintet'))}"
    if roll < 0.91:
        return f"DJ {first}"
    return f"{first} {last} Band"


def album_title(rng: random.Random) -> str:
    roll = rng.random()
    adjective, noun, word = rng.choice(ADJECTIVES), rng.choice(NOUNS), rng.choice(TITLE_WORDS)
    if roll < 0.25:
        return f"{adjective} {noun}"
    if roll < 0.40:
        return f"The {noun} Of {rng.choice(TITLE_WORDS)}"
    if roll < 0.52:
        return f"{word} {rng.choice(TITLE_WORDS)}"
    if roll < 0.62:
        return f"{plural(noun)} In The {rng.choice(TITLE_WORDS)}"
    if roll < 0.72:
        return f"{adjective} {word}"
    if roll < 0.80:
        return f"{word} Of The {plural(noun)}"
    if roll < 0.87:
        return noun if rng.random() < 0.5 else f"{adjective} {plural(noun)}"
    if roll < 0.93:
        return f"{word}, {rng.choice(TITLE_WORDS)} & {rng.choice(TITLE_WORDS)}"
    return f"{adjective} {noun} {rng.choice(('Vol. 1', 'Vol. 2', 'II', 'Suite'))}"


def song_title(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.3:
        return f"{rng.choice(TITLE_WORDS)} {rng.choice(TITLE_WORDS)}"
    if roll < 0.55:
        return f"{rng.choice(ADJECTIVES)} {rng.choice(TITLE_WORDS)}"
    if roll < 0.75:
        verb = rng.choice(("Take", "Hold", "Leave", "Find", "Call"))
        return f"{verb} Me {rng.choice(('Home', 'Down', 'Higher', 'Back'))}"
    return f"The {rng.choice(NOUNS)} {rng.choice(('Song', 'Blues', 'Dance', 'March', 'Theme'))}"


def label_name(rng: random.Random, compound: bool = False) -> str:
    """'Halcyon Records'; compound names ('Halcyon Prism Sound') once the short ones run out."""
    if compound:
        return f"{rng.choice(LABEL_WORDS)} {rng.choice(NOUNS)} {rng.choice(LABEL_SUFFIXES)}"
    return f"{rng.choice(LABEL_WORDS)} {rng.choice(LABEL_SUFFIXES)}"


def label_prefix(name: str, rng: random.Random) -> str:
    """Catalog-number prefix from the label's initials, as many labels do (e.g. 'CR', 'HRL')."""
    initials = "".join(word[0] for word in name.split() if word[0].isalpha()).upper()
    extra = rng.choice(("", "", "L", "LP", "S", "X"))
    return (initials + extra)[:4] or "LP"


def catalog_number(prefix: str, style: int, number: int) -> str:
    if style == 0:
        return f"{prefix} {number}"
    if style == 1:
        return f"{prefix}-{number}"
    if style == 2:
        return f"{prefix}{number}"
    if style == 3:
        return f"{number}-1"
    return f"{prefix} {number:05d}"


def ean13(rng: random.Random, country_prefix: str) -> str:
    """A syntactically valid EAN-13 (last digit is the checksum)."""
    body = country_prefix + "".join(str(rng.randrange(10)) for _ in range(12 - len(country_prefix)))
    total = sum(int(digit) * (3 if index % 2 else 1) for index, digit in enumerate(body))
    return body + str((10 - total % 10) % 10)


def upc_a(rng: random.Random) -> str:
    """A syntactically valid 12-digit UPC-A as printed on US releases."""
    body = "0" + "".join(str(rng.randrange(10)) for _ in range(10))
    total = sum(int(digit) * (3 if index % 2 == 0 else 1) for index, digit in enumerate(body))
    return body + str((10 - total % 10) % 10)


def spaced_barcode(barcode: str) -> str:
    """The spaced way barcodes are often typed into Discogs ('7 11297 52373 7')."""
    if len(barcode) == 12:
        return f"{barcode[0]} {barcode[1:6]} {barcode[6:11]} {barcode[11]}"
    return f"{barcode[0]} {barcode[1:7]} {barcode[7:]}"
