"""eBay titles written the way record sellers write them, from the release they describe.

Word order varies, formats are abbreviated ("LP", '12"', "2xLP"), originals are "OG" or
"1st press", catalog numbers sometimes, typos and ALL CAPS now and then, and everything is
squeezed under eBay's 80 characters. Grades come in every notation sellers use ("VG+/NM",
"EX/EX", "Media F Sleeve P", "Vinyl: NM Cover: VG+", "NM vinyl VG cover", "SEALED",
"no cover"), or not at all. Each title comes with the grades it states, as a careful reader
would take them: that is the ground truth for grade parsers.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from vinyldigger_sandbox.catalog import KIND_7INCH, KIND_12INCH, KIND_CD, Release
from vinyldigger_sandbox.grading import GRADE_CODES
from vinyldigger_sandbox.sellers import TitleStyle

MAX_TITLE_LENGTH = 80
EN_DASH = "\u2013"  # many sellers paste titles from Discogs, dashes and all
# UK sellers grade on the "EX" scale; these are the usual equivalents.
_EX_SCALE = {
    "M": "M",
    "NM": "NM",
    "VG+": "EX",
    "VG": "VG",
    "G+": "G+",
    "G": "G",
    "F": "F",
    "P": "P",
}
_COUNTRY_PRESS = {
    "US": ("US Press", "USA pressing", "US"),
    "UK": ("UK Press", "UK 1st", "UK"),
    "Germany": ("German Press", "Germany", "GER"),
    "Japan": ("Japan", "Japanese Press", "w/ OBI"),
    "France": ("French Press", "France"),
    "Netherlands": ("Dutch Press", "Holland"),
    "Italy": ("Italy", "Italian Press"),
    "Canada": ("Canada", "Canadian Press"),
}


StatedGrades = tuple[str | None, str | None]
# Single letters read as grades only where the seller is plainly grading ("Media F").
_LETTER_CODES = frozenset({"M", "G", "F", "P"})


@dataclass(frozen=True, slots=True)
class RecordTitle:
    """A title and the Goldmine grades it states: codes ("VG+"), for the sleeve also
    "no_cover" or "generic"; None where the title says nothing."""

    text: str
    media: str | None
    sleeve: str | None


@dataclass(frozen=True, slots=True)
class TitleParts:
    artist: str
    title: str
    year: int
    label: str
    catno: str
    country: str


def record_title(
    rng: random.Random,
    style: TitleStyle,
    release: Release,
    parts: TitleParts,
    *,
    media_grade: str | None,
    sleeve_grade: str | None,
    sealed: bool,
    wording: random.Random,
) -> RecordTitle:
    """The title of an eBay listing for a copy of `release`. `wording` picks how grades are
    written; it is apart from `rng` so the rest of the item draws the same as before."""
    artist = _loosen_artist(rng, parts.artist)
    title = parts.title.replace(" & ", " and ") if rng.random() < 0.15 else parts.title
    artist = _with_typos(rng, artist, style.typo_rate)
    title = _with_typos(rng, title, style.typo_rate)
    fmt = _format_words(rng, release)
    # (text, priority): lower priority is dropped first when the title is too long.
    extras: list[tuple[str, int]] = []
    if rng.random() < 0.6:
        extras.append((str(parts.year), 3))
    if rng.random() < 0.3:
        extras.append((parts.label.split()[0] if rng.random() < 0.5 else parts.label, 1))
    if rng.random() < style.catno_rate:
        extras.append((parts.catno.replace(" ", "") if rng.random() < 0.3 else parts.catno, 2))
    if rng.random() < 0.25 and parts.country in _COUNTRY_PRESS:
        extras.append((rng.choice(_COUNTRY_PRESS[parts.country]), 1))
    if rng.random() < style.pressing_notes_rate:
        note = _pressing_note(rng, release)
        if note:
            extras.append((note, 2))
    stated: StatedGrades = (None, None)
    grade_extra: tuple[str, int] | None = None
    if sealed:
        sealed_word = rng.choice(("SEALED", "Sealed", "NEW SEALED", "Factory Sealed"))
        sealed_word, stated = _sealed_words(wording, sealed_word)
        grade_extra = (sealed_word, 4)
    elif media_grade is not None and style.grade_notation != 3 and rng.random() < 0.75:
        words, stated = _grade_words(wording, style.grade_notation, media_grade, sleeve_grade)
        grade_extra = (words, 3)
    if grade_extra is not None:
        extras.append(grade_extra)
    if rng.random() < 0.1:
        extras.append((rng.choice(("Gatefold", "w/ Insert", "Promo", "Rare", "VINYL RECORD")), 0))
    text, kept = _assemble(rng, artist, title, fmt, extras)
    if style.all_caps:
        text = text.upper()
    elif style.lowercase:
        text = text.lower()
    if grade_extra is None or grade_extra not in kept:
        stated = (None, None)
    return RecordTitle(text, *stated)


def _assemble(
    rng: random.Random, artist: str, title: str, fmt: str, extras: list[tuple[str, int]]
) -> tuple[str, list[tuple[str, int]]]:
    """The title, and the extras that fit in it."""
    template = rng.randrange(6)
    while True:
        words = " ".join(text for text, _ in extras)
        if template == 0:
            text = f"{artist} - {title} {fmt} {words}"
        elif template == 1:
            text = f"{artist} {title} {fmt} {words}"
        elif template == 2:
            text = f"{title} by {artist} {fmt} {words}"
        elif template == 3:
            text = f"{words} {artist} {EN_DASH} {title} {fmt}"
        elif template == 4:
            text = f"{artist.upper()} {title} {words} {fmt}"
        else:
            text = f"{artist}: {title} ({fmt}) {words}"
        text = re.sub(r"\s+", " ", text).strip()
        if len(text) <= MAX_TITLE_LENGTH or not extras:
            return text[:MAX_TITLE_LENGTH].rstrip(), extras
        extras.remove(min(extras, key=lambda extra: extra[1]))


def _loosen_artist(rng: random.Random, name: str) -> str:
    name = re.sub(r" \(\d+\)$", "", name)  # sellers never write Discogs' "(2)"
    if name.startswith("The ") and rng.random() < 0.3:
        return name[4:]
    return name


def _with_typos(rng: random.Random, text: str, rate: float) -> str:
    words = text.split(" ")
    for position, word in enumerate(words):
        if len(word) >= 5 and word.isalpha() and rng.random() < rate:
            cut = rng.randrange(1, len(word) - 1)
            kind = rng.randrange(3)
            if kind == 0:  # two letters swapped
                words[position] = word[:cut] + word[cut + 1] + word[cut] + word[cut + 2 :]
            elif kind == 1:  # a letter dropped
                words[position] = word[:cut] + word[cut + 1 :]
            else:  # a letter doubled
                words[position] = word[:cut] + word[cut] + word[cut:]
    return " ".join(words)


def _format_words(rng: random.Random, release: Release) -> str:
    if release.kind == KIND_7INCH:
        return rng.choice(('7"', '7" Single', "45", '45 RPM 7"', "7 inch", '7" Vinyl'))
    if release.kind == KIND_12INCH:
        return rng.choice(('12"', '12" Single', 'Maxi 12"', "12 inch", '12" Vinyl'))
    if release.kind == KIND_CD:
        return rng.choice(("CD", "CD Album", "Compact Disc"))
    if release.format_name == "Cassette":
        return rng.choice(("Cassette", "Cassette Tape", "Tape"))
    if release.quantity > 1:
        return rng.choice(("2LP", "2xLP", "Double LP", "2 x LP Vinyl", "2LP Gatefold"))
    return rng.choice(("LP", "Vinyl LP", '12" LP', "LP Vinyl", "Vinyl", "LP Record", "LP Album"))


def _pressing_note(rng: random.Random, release: Release) -> str:
    if release.is_first_pressing and "Reissue" not in release.descriptions:
        return rng.choice(("1st Press", "OG", "Original", "First Pressing", "ORIG", "1st Pressing"))
    notes = ["Reissue", "RE", "Repress"]
    if "180 Gram" in release.descriptions:
        notes += ["180g", "180 Gram"]
    if "Remastered" in release.descriptions:
        notes.append("Remastered")
    if release.format_text:
        notes += [f"{release.format_text} Vinyl", "Colored Vinyl"]
    for mono_or_stereo in ("Mono", "Stereo"):
        if mono_or_stereo in release.descriptions:
            notes.append(mono_or_stereo.upper())
    return rng.choice(notes)


_SEALED_EXTRAS = ("Still Sealed", "sealed M/M", "Sealed, shrink intact")
_SLASH_PAIRS = ("{m}/{s}", "{m}/{s}", "{m} / {s}", "{m}/{s}", "({m}/{s})")
_LABELLED_PAIRS = (
    "Media {m} Sleeve {s}",
    "Media: {m} Sleeve: {s}",
    "Vinyl: {m} Cover: {s}",
    "Vinyl {m} Cover {s}",
    "Disc {m} Jacket {s}",
    "Record {m} Sleeve {s}",
    "{m} Vinyl {s} Cover",
    "Media {m} / Sleeve {s}",
)
_LABELLED_MEDIA = ("Media {m}", "Vinyl: {m}", "Vinyl {m}", "{m} vinyl", "Disc {m}")
_NO_COVER_WORDS = ("no cover", "no sleeve", "record only", "Vinyl Only, No Cover")
_GENERIC_WORDS = ("generic sleeve", "company sleeve", "plain sleeve")
_SLEEVE_STATES = {"No Cover": "no_cover", "Generic": "generic"}


def _sealed_words(wording: random.Random, usual: str) -> tuple[str, StatedGrades]:
    """Sealed says the disc is unplayed (M); the cover is graded only when the seller says."""
    if wording.random() < 0.25:
        choice = wording.choice(_SEALED_EXTRAS)
        return choice, ("M", "M" if "M/M" in choice else None)
    return usual, ("M", None)


def _grade_words(
    wording: random.Random, notation: int, media: str, sleeve: str | None
) -> tuple[str, StatedGrades]:
    media_code = GRADE_CODES[media]
    sleeve_code = GRADE_CODES.get(sleeve or "")
    shown_media, shown_sleeve = media_code, sleeve_code
    if notation == 1:
        shown_media = _EX_SCALE[media_code]
        shown_sleeve = _EX_SCALE.get(sleeve_code or "", sleeve_code)
    special = _SLEEVE_STATES.get(sleeve or "")
    if special is not None and wording.random() < 0.7:
        words = wording.choice(_NO_COVER_WORDS if special == "no_cover" else _GENERIC_WORDS)
        labelled = notation == 2 or shown_media in _LETTER_CODES
        media_words = wording.choice(_LABELLED_MEDIA) if labelled else "{m}"
        return f"{media_words.format(m=shown_media)} {words}", (media_code, special)
    if shown_sleeve is None or wording.random() < 0.15:
        labelled = notation == 2 or shown_media in _LETTER_CODES
        single: tuple[str, ...] = _LABELLED_MEDIA if labelled else ("{m}",)
        return wording.choice(single).format(m=shown_media), (media_code, None)
    pairs = _LABELLED_PAIRS if notation == 2 else _SLASH_PAIRS
    text = wording.choice(pairs).format(m=shown_media, s=shown_sleeve)
    return text, (media_code, sleeve_code)


_LOT_TEMPLATES = (
    "Lot of {n} {genre} Vinyl LPs {a1} {a2} {a3} & More",
    "{n} Record Lot - {genre} - {a1}, {a2}, {a3}",
    "VINYL LOT {n} LPs {a1} {a2} {genre} Collection",
    "Job Lot {n} x LP Records {genre} incl. {a1}",
)
_ACCESSORIES = (
    '100 Clear Outer Sleeves 12" LP Record Vinyl Protectors 3 Mil',
    "Record Cleaning Brush Carbon Fiber Anti Static Vinyl LP",
    "Vinyl LP Storage Crate Holds 80 Records Wooden",
    'Turntable Slipmat Felt 12" Black for Vinyl Records',
    "Replacement Stylus Needle for Belt Drive Turntable",
    "Record Weight Stabilizer Aluminum 33 45 RPM Vinyl",
    '50 Rice Paper Inner Sleeves 12" LP Anti Static',
    "Vintage Direct Drive Turntable Record Player Tested Works",
)
_MEMORABILIA = (
    "{artist} {title} Promo Poster {year} Original Record Store",
    "{artist} Vintage Tour T-Shirt {year} Size L",
    "{artist} - {title} EMPTY SLEEVE ONLY no record",
    "{artist} {title} Framed Album Art Print",
    "{artist} Concert Ticket Stub {year}",
)


def lot_title(rng: random.Random, artists: list[str], genre: str) -> str:
    template = rng.choice(_LOT_TEMPLATES)
    names = [re.sub(r" \(\d+\)$", "", name) for name in artists]
    text = template.format(
        n=rng.randrange(8, 60), genre=genre, a1=names[0], a2=names[1], a3=names[2]
    )
    return text[:MAX_TITLE_LENGTH].rstrip()


def accessory_title(rng: random.Random) -> str:
    return rng.choice(_ACCESSORIES)


def memorabilia_title(rng: random.Random, artist: str, title: str, year: int) -> str:
    artist = re.sub(r" \(\d+\)$", "", artist)
    text = rng.choice(_MEMORABILIA).format(artist=artist, title=title, year=year)
    return text[:MAX_TITLE_LENGTH].rstrip()
