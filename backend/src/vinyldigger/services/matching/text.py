"""Normalising names and reading the facts sellers put into listing titles.

Names and titles fold to lower-case ASCII words: accents dropped, "&" read as "and",
apostrophes removed ("Don't" is "dont"). A listing title becomes a list of such words, each
tagged with what it is when it is not part of a name: a year, a country, a format, a grade or
one of the words sellers add to every title ("LP", "OG", "1st press", "sealed").
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from enum import IntEnum


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = frozenset(("the", "a", "an", "of", "in", "and", "on", "to", "at", "for", "la", "le"))

# Words that say nothing about which record it is. Alignment still matches them when they are
# part of a name ("Original Sin"); they only stop counting as unexplained.
NOISE_WORDS = _word_set(
    """
    lp lps vinyl vinyls record records album albums inch inches single singles maxi ep rpm
    double triple gatefold gf box set boxset picture pic disc discs sided
    og orig original originals first 1st 2nd press pressing pressed reissue re repress rp
    remastered remaster rm 180g 180gram 200g gram grams gm heavyweight audiophile mono stereo
    quad colored coloured colour color translucent marbled splatter clear limited ltd edition
    numbered promo promotional test white label dj copy import imported insert inserts inner
    sleeve sleeves obi booklet lyric lyrics shrink hype sticker stickered
    nm vg ex exc excellent mint near good fair poor sealed new unplayed played cleaned tested
    media cover jacket condition plays great nice minty rare htf oop vintage classic
    killer l k look wow free fast shipping ships w with by s t st self titled selftitled
    by from various va artists compilation soundtrack ost live version edition deluxe
    expanded anniversary records recordings music sound sounds disques schallplatten
    editions classics reissues originals recording label labels factory unopened brand
    still nos clean washed ultrasonic beautiful superb halfspeed plus bonus incl including
    release released
    """
)

# Words that mean the item is not a copy of the record: memorabilia, lots, accessories.
_NOT_A_RECORD_WORDS = _word_set(
    "lot lots joblot bundle shirt tshirt tee ticket stub framed slipmat stylus turntable "
    "cartridge protectors"
)
_NOT_A_RECORD_PHRASES = (
    ("sleeve", "only"), ("cover", "only"), ("empty", "sleeve"), ("empty", "cover"),
    ("no", "record"), ("no", "vinyl"), ("without", "record"), ("art", "print"),
    ("job", "lot"), ("record", "lot"), ("t", "shirt"),
)  # fmt: skip
# "Poster" alone is memorabilia; "w/ poster" is a record that comes with one.
_WITH_WORDS = frozenset(("w", "with", "plus", "incl", "inc", "including", "and"))

# Country words as sellers write them, to Discogs' country names.
_COUNTRY_WORDS = {
    "usa": "US", "american": "US", "uk": "UK", "british": "UK", "england": "UK",
    "english": "UK", "german": "Germany", "germany": "Germany", "ger": "Germany",
    "japan": "Japan", "japanese": "Japan", "jpn": "Japan", "obi": "Japan", "french": "France",
    "france": "France", "dutch": "Netherlands", "holland": "Netherlands",
    "netherlands": "Netherlands", "italy": "Italy", "italian": "Italy", "canada": "Canada",
    "canadian": "Canada", "spain": "Spain", "spanish": "Spain", "sweden": "Sweden",
    "swedish": "Sweden", "australia": "Australia", "australian": "Australia",
    "eu": "Europe", "euro": "Europe", "europe": "Europe", "european": "Europe",
}  # fmt: skip
_PRESS_WORDS = frozenset(("press", "pressing", "pressed", "issue", "1st", "og", "orig"))
EUROPEAN_COUNTRIES = frozenset(
    ("UK", "Germany", "France", "Netherlands", "Italy", "Spain", "Sweden", "Europe")
)

_REISSUE_WORDS = frozenset(("reissue", "re", "repress", "rp", "remastered", "remaster", "rm"))
_ORIGINAL_WORDS = frozenset(("og", "orig", "original", "1st", "first"))

# Format classes. "12in" alone is compatible with an LP (sellers write '12" vinyl' for LPs).
FORMAT_LP, FORMAT_7IN, FORMAT_10IN, FORMAT_12IN, FORMAT_CD, FORMAT_CASSETTE = (
    "lp", "7in", "10in", "12in", "cd", "cassette"
)  # fmt: skip
_INCH_SIZE = re.compile(r"(?<![\d.])(7|10|12)\s*(?:\"|”|''|-?inch\b|-?in\b)", re.IGNORECASE)
_LP_TOKEN = re.compile(r"^(?:\d?x?lps?|double|triple)$")

_FORMAT_NUMBERS = frozenset(("7", "10", "12", "33", "45", "78"))
_UNIT_WORDS = frozenset(
    ("lp", "lps", "cd", "cds", "x", "record", "records", "vinyl", "disc", "discs", "inch", "rpm")
)
_YEAR = re.compile(r"^(?:19[3-9]\d|20[0-4]\d)$")
_SPLIT = re.compile(r"[a-z0-9]+")
# Hyphen, en and em dashes, colons, slashes and brackets end a stretch of a title. Commas do
# not: they sit inside titles ("Yesterday, Calling & Gold") as often as between parts.
_SEPARATOR_CHARS = "-\u2013\u2014:|/()\\[\\];*~\u2022"
_SEPARATOR = re.compile(f"[{_SEPARATOR_CHARS}]")
_SEPARATOR_SPLIT = re.compile(f"([{_SEPARATOR_CHARS}])")
_BARCODE_DIGITS = re.compile(r"^\d{12,13}$")


class TokenKind(IntEnum):
    WORD = 0
    STOPWORD = 1
    NOISE = 2
    NUMBER = 3
    YEAR = 4
    COUNTRY = 5


# Letters that are not an ASCII letter plus an accent, so NFKD leaves them alone.
_LIGATURES = str.maketrans(
    {"æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "ß": "ss", "œ": "oe", "Œ": "oe", "ð": "d",
     "Ð": "d", "þ": "th", "Þ": "th", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "\u0131": "i"}
)  # fmt: skip


_NAME_LIKE_NOISE = frozenset(
    ("new", "original", "live", "first", "good", "great", "classic", "white", "clear", "test")
)
_APOSTROPHES = re.compile("['\u2019`\u00b4]")
_FACT_KINDS = frozenset((TokenKind.NOISE, TokenKind.NUMBER, TokenKind.YEAR, TokenKind.COUNTRY))


def fold(text: str) -> str:
    """Lower-case ASCII with accents removed, '&' as 'and', apostrophes dropped."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
        text = "".join(char for char in decomposed if not unicodedata.combining(char))
    lowered = text.casefold().replace("&", " and ")
    # Straight and curly apostrophes, backtick and acute accent.
    return _APOSTROPHES.sub("", lowered)


def words(text: str) -> list[str]:
    return _SPLIT.findall(fold(text))


def name_words(name: str) -> list[str]:
    """Words of an artist name for matching: no leading "The", no Discogs "(2)" suffix."""
    cleaned = re.sub(r"\s*\(\d+\)$", "", name.strip())
    # Discogs sometimes files "Beatles, The".
    cleaned = re.sub(r",\s*the$", "", cleaned, flags=re.IGNORECASE)
    tokens = words(cleaned)
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    return tokens


def normalise_catno(text: str) -> str:
    """'SHVL-804', 'shvl 804' and 'SHVL.804' are one catalog number."""
    return re.sub(r"[^a-z0-9]", "", fold(text))


def catno_variants(text: str) -> frozenset[str]:
    """A catalog number as sellers may write it: "SMAS-11163", "SMAS 11163", "smas11163",
    and without its letter prefix, "11163", when the number left is long enough to tell."""
    full = normalise_catno(text)
    variants = {full}
    core = full.lstrip("abcdefghijklmnopqrstuvwxyz")
    if core != full and len(core) >= 4 and core[0].isdigit() and not _YEAR.match(core):
        variants.add(core)
    return frozenset(variant for variant in variants if variant)


def normalise_barcode(text: str) -> str | None:
    """Digits only; a 12-digit UPC-A is the same code as the EAN-13 with a leading zero."""
    digits = re.sub(r"\D", "", text)
    if len(digits) == 12:
        digits = "0" + digits
    return digits if len(digits) == 13 else None


def is_catno_plausible(normalised: str) -> bool:
    """Long enough and with a digit: shorter ones collide with years, sizes and counts."""
    return len(normalised) >= 4 and not normalised.isalpha()


@dataclass(frozen=True, slots=True)
class ListingText:
    """A listing title read once, shared by every candidate it is compared with."""

    tokens: tuple[str, ...]
    raw_tokens: tuple[str, ...]
    kinds: tuple[TokenKind, ...]
    # True where a separator ("-", ":", "(", "/") comes right before the token.
    segment_starts: tuple[bool, ...]
    years: tuple[tuple[int, int], ...]
    countries: tuple[tuple[int, str], ...]
    formats: frozenset[str]
    # Where the title says "OG", "1st press" or "original", and where "reissue", "RE", "repress".
    original_positions: tuple[int, ...]
    reissue_positions: tuple[int, ...]
    not_a_record: bool
    # (first token, last token, normalised text) of every 1-3 word stretch that could be a
    # catalog number; the matcher keeps the ones a release actually has.
    catno_spans: tuple[tuple[int, int, str], ...]
    barcodes: tuple[str, ...]
    # Small numbers standing alone ("Title 2"), which may be part of another record's name.
    bare_numbers: tuple[int, ...]


def read_title(title: str) -> ListingText:
    # "LP+CD" is "LP plus CD": the plus joins an extra to the record.
    title = title.replace("+", " plus ")
    raw_tokens: list[str] = []
    tokens: list[str] = []
    segment_starts: list[bool] = []
    pieces: list[int] = []
    pending_separator = True
    for piece_number, piece in enumerate(re.split(r"\s+", title.strip())):
        if not piece:
            continue
        for chunk in _SEPARATOR_SPLIT.split(piece):
            if not chunk:
                continue
            if _SEPARATOR.fullmatch(chunk):
                pending_separator = True
                continue
            for word in _SPLIT.findall(fold(chunk)):
                raw_tokens.append(chunk)
                tokens.append(word)
                segment_starts.append(pending_separator)
                pieces.append(piece_number)
                pending_separator = False
    kinds = [_kind(token) for token in tokens]
    _mark_us(tokens, raw_tokens, kinds)
    _mark_catno_prefixes(tokens, kinds)
    _mark_joined_years(pieces, kinds)
    _mark_name_like_noise(tokens, kinds)
    years = tuple((i, int(t)) for i, t in enumerate(tokens) if kinds[i] is TokenKind.YEAR)
    countries = tuple(
        (i, _COUNTRY_WORDS.get(t, "US")) for i, t in enumerate(tokens)
        if kinds[i] is TokenKind.COUNTRY
    )  # fmt: skip
    return ListingText(
        tokens=tuple(tokens),
        raw_tokens=tuple(raw_tokens),
        kinds=tuple(kinds),
        segment_starts=tuple(segment_starts),
        years=years,
        countries=countries,
        formats=_formats(title, tokens),
        original_positions=tuple(i for i, t in enumerate(tokens) if t in _ORIGINAL_WORDS),
        reissue_positions=tuple(i for i, t in enumerate(tokens) if t in _REISSUE_WORDS),
        not_a_record=_not_a_record(tokens),
        catno_spans=_catno_spans(title),
        barcodes=tuple(
            code for code in (normalise_barcode(t) for t in tokens if _BARCODE_DIGITS.match(t))
            if code
        ),
        bare_numbers=_bare_numbers(tokens, raw_tokens),
    )  # fmt: skip


def _kind(token: str) -> TokenKind:
    if _YEAR.match(token):
        return TokenKind.YEAR
    if token.isdigit():
        return TokenKind.NUMBER
    if token in STOPWORDS:
        return TokenKind.STOPWORD
    if token in _COUNTRY_WORDS:
        return TokenKind.COUNTRY
    if token in NOISE_WORDS or _LP_TOKEN.match(token) or len(token) == 1:
        return TokenKind.NOISE
    # "180g", "2x", "33rpm", "7in": sizes and weights with a unit.
    if re.fullmatch(r"\d+(?:g|gm|x|rpm|in|st|nd|rd|th)", token):
        return TokenKind.NOISE
    # Letters and digits together are catalog numbers ("SRLP5137") far more often than names.
    if any(char.isdigit() for char in token):
        return TokenKind.NUMBER
    return TokenKind.WORD


def _mark_us(tokens: list[str], raw_tokens: list[str], kinds: list[TokenKind]) -> None:
    """ "US" is a country when written in capitals or next to "press"; "us" is a word."""
    for index, word in enumerate(tokens):
        if word != "us":
            continue
        next_word = tokens[index + 1] if index + 1 < len(tokens) else ""
        if raw_tokens[index].startswith("US") or next_word in _PRESS_WORDS:
            kinds[index] = TokenKind.COUNTRY


def _mark_catno_prefixes(tokens: list[str], kinds: list[TokenKind]) -> None:
    """A short word right before a 3+ digit number ("BTWX 05753", "MD-6684") is the prefix
    of a catalog number, not a word of the record's name."""
    for index in range(len(tokens) - 1):
        if (
            kinds[index] is TokenKind.WORD
            and len(tokens[index]) <= 5
            and kinds[index + 1] is TokenKind.NUMBER
            and len(tokens[index + 1]) >= 3
        ):
            kinds[index] = TokenKind.NOISE


def _bare_numbers(tokens: list[str], raw_tokens: list[str]) -> tuple[int, ...]:
    """One- or two-digit numbers written alone that are not a size, speed or count of discs."""
    found = []
    for index, raw in enumerate(raw_tokens):
        next_word = tokens[index + 1] if index + 1 < len(tokens) else ""
        if (
            raw.isdigit()
            and len(raw) <= 2
            and raw not in _FORMAT_NUMBERS
            and next_word not in _UNIT_WORDS
        ):
            found.append(index)
    return tuple(found)


def _mark_name_like_noise(tokens: list[str], kinds: list[TokenKind]) -> None:
    """Listing words that also make names ("New", "Original", "Live") are only noise next to
    other listing facts: "NEW SEALED" is noise, "New Ancient Dream" is a title."""
    for index, word in enumerate(tokens):
        if word not in _NAME_LIKE_NOISE:
            continue
        neighbours = [kinds[i] for i in (index - 1, index + 1) if 0 <= i < len(tokens)]
        if not any(kind in _FACT_KINDS for kind in neighbours) and index + 1 < len(tokens):
            kinds[index] = TokenKind.WORD


def _mark_joined_years(pieces: list[int], kinds: list[TokenKind]) -> None:
    """A year joined to other characters ("ROX-1982", "1979-1") is part of a catalog number."""
    for index, kind in enumerate(kinds):
        if kind is TokenKind.YEAR and pieces.count(pieces[index]) > 1:
            kinds[index] = TokenKind.NUMBER


def _formats(title: str, tokens: list[str]) -> frozenset[str]:
    found: set[str] = set()
    for match in _INCH_SIZE.finditer(title):
        found.add({"7": FORMAT_7IN, "10": FORMAT_10IN, "12": FORMAT_12IN}[match.group(1)])
    token_set = set(tokens)
    if any(_LP_TOKEN.match(token) for token in tokens):
        found.add(FORMAT_LP)
    if "45" in token_set:
        found.add(FORMAT_7IN)
    if "maxi" in token_set:
        found.add(FORMAT_12IN)
    if token_set & {"cd", "cds"} or ("compact" in token_set and "disc" in token_set):
        found.add(FORMAT_CD)
    if token_set & {"cassette", "cassettes", "tape"}:
        found.add(FORMAT_CASSETTE)
    return frozenset(found)


def _not_a_record(tokens: list[str]) -> bool:
    for index, word in enumerate(tokens):
        if word in _NOT_A_RECORD_WORDS:
            return True
        if word == "poster" and (index == 0 or tokens[index - 1] not in _WITH_WORDS):
            return True
    pairs = set(itertools.pairwise(tokens))
    return any(phrase in pairs for phrase in _NOT_A_RECORD_PHRASES)


def _catno_spans(title: str) -> tuple[tuple[int, int, str], ...]:
    """Stretches of 1-3 whitespace-separated pieces that could be a catalog number.

    Token positions follow `read_title`'s numbering so a matched span can be marked explained.
    """
    pieces: list[tuple[int, int, str]] = []
    position = 0
    for piece in re.split(r"\s+", title.strip()):
        words_of_piece = _SPLIT.findall(fold(piece))
        if words_of_piece:
            # A normalised catalog number is its pieces' words run together.
            pieces.append((position, position + len(words_of_piece) - 1, "".join(words_of_piece)))
            position += len(words_of_piece)
    spans: list[tuple[int, int, str]] = []
    for start in range(len(pieces)):
        text = ""
        for _, last, normalised in pieces[start : start + 3]:
            text += normalised
            if is_catno_plausible(text) and not _YEAR.match(text):
                spans.append((pieces[start][0], last, text))
    return tuple(spans)
